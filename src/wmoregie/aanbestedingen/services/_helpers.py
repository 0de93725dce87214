"""Private helpers the service modules share: the clock and the locks, and the checks
that more than one module makes."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import Status
from ..models import Aanbesteding, Partij
from ..termijnen import kalenderdag


def _nu(nu: datetime | None) -> datetime:
    return nu or timezone.now()


def _vergrendeld(aanbesteding_id: int) -> Aanbesteding:
    """The procedure as stored now, locked until the end of the transaction: a change by a
    registrant and a status change (or the deadline check) never interleave."""
    return Aanbesteding.objects.select_for_update().get(pk=aanbesteding_id)


def _controleer_uniek(partij: Partij) -> None:
    """One party per KvK-nummer in a registration. The numbers are stored encrypted, so they
    are compared here (the callers hold the procedure's lock)."""
    if partij.kvk_nummer and any(
        andere.kvk_nummer == partij.kvk_nummer
        for andere in Partij.objects.filter(inschrijving=partij.inschrijving).exclude(pk=partij.pk)
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


# Audit entries of sealed content name objects by id and role, never by what the registrant
# wrote: the audit log is not encrypted (``wmoregie.kluis``).
def _label_inschrijving(inschrijving) -> str:
    return f"inschrijving {inschrijving.pk} ({inschrijving.organisatie.naam})"


def _label_partij(partij: Partij) -> str:
    return (
        f"partij {partij.pk} ({partij.get_rol_display()}) van inschrijving {partij.inschrijving_id}"
    )


def _controleer_afgiftedatum(afgiftedatum, moment: datetime) -> None:
    """A document with an age rule (GVA, tax statement, KvK extract, VOG) has its date of issue,
    and that date is not after the Europe/Amsterdam day of receipt (#15.6). One check, one code
    per fault, for an upload with the registration and a delivery on request."""
    if afgiftedatum is None:
        raise ValidationError(
            {
                "afgiftedatum": ValidationError(
                    _("Geef de datum waarop het document is afgegeven."),
                    code="afgiftedatum-ontbreekt",
                )
            }
        )
    if afgiftedatum > kalenderdag(moment):
        raise ValidationError(
            {
                "afgiftedatum": ValidationError(
                    _("De afgiftedatum ligt in de toekomst."), code="afgiftedatum-toekomst"
                )
            }
        )
