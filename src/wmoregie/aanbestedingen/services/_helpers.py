"""Private helpers the service modules share: the clock and the locks, and the checks
that more than one module makes."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import Status
from ..models import Aanbesteding, Partij


def _nu(nu: datetime | None) -> datetime:
    return nu or timezone.now()


def _vergrendeld(aanbesteding_id: int) -> Aanbesteding:
    """The procedure as stored now, locked until the end of the transaction: a change by a
    registrant and a status change (or the deadline check) never interleave."""
    return Aanbesteding.objects.select_for_update().get(pk=aanbesteding_id)


def _controleer_uniek(partij: Partij) -> None:
    if partij.kvk_nummer and (
        Partij.objects.filter(inschrijving=partij.inschrijving, kvk_nummer=partij.kvk_nummer)
        .exclude(pk=partij.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "kvk_nummer": ValidationError(
                    _("Een partij met dit KvK-nummer staat al in deze inschrijving."),
                    code="partij-dubbel",
                )
            }
        )


def _in_beoordeling(aanbesteding: Aanbesteding) -> None:
    if aanbesteding.status != Status.GUNNING_BEOORDELING:
        raise ValidationError(
            _("Dit kan alleen nu de inschrijvingen geopend zijn en nog niet voorlopig is gegund."),
            code="niet-in-beoordeling",
        )
