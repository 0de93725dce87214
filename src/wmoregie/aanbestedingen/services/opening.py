"""Four eyes at the opening of a phase: one inkoper proposes, a different inkoper confirms.

The opening unseals what the registrants submitted, so no single person can do it. The
proposal checks the other guards of the transition (the deadline has passed); the confirmation
is the transition itself (``wijzig_status``), which ``state`` refuses without a proposal by
someone else. Each step is audit-logged.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from .. import state
from ..models import Aanbesteding, Openingsvoorstel
from ._helpers import _nu, _vergrendeld


def open_voorstel(aanbesteding: Aanbesteding) -> Openingsvoorstel | None:
    """The open proposal to open the current phase, if any."""
    return (
        aanbesteding.openingsvoorstellen.filter(
            bevestigd_op__isnull=True, ingetrokken_op__isnull=True
        )
        .select_related("voorgesteld_door")
        .first()
    )


def _opening_vanuit(aanbesteding: Aanbesteding) -> state.Overgang:
    for overgang in state.overgangen_vanuit(aanbesteding.status):
        if overgang.code in state.OPENINGEN:
            return overgang
    raise ValidationError(
        _("In deze fase van de procedure valt er niets te openen."), code="geen-opening"
    )


@transaction.atomic
def stel_opening_voor(
    aanbesteding: Aanbesteding, *, gebruiker, nu: datetime | None = None
) -> Openingsvoorstel:
    """Propose to open the submissions of the current phase (after its deadline)."""
    from .procedure import stand_van

    aanbesteding = _vergrendeld(aanbesteding.pk)
    moment = _nu(nu)
    overgang = _opening_vanuit(aanbesteding)
    if open_voorstel(aanbesteding) is not None:
        raise ValidationError(
            _("Het openen is al voorgesteld; een andere inkoper kan het bevestigen."),
            code="al-voorgesteld",
        )
    for weigering in state.weigeringen(stand_van(aanbesteding, moment), overgang):
        if weigering.code not in state.VIER_OGEN_CODES:
            raise ValidationError(weigering.message, code=weigering.code)
    voorstel = Openingsvoorstel.objects.create(
        aanbesteding=aanbesteding,
        overgang=overgang.code,
        voorgesteld_door=gebruiker,
        voorgesteld_op=moment,
    )
    record(
        "opening.voorgesteld",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"{aanbesteding.kenmerk}: {overgang.code} voorgesteld",
        gegevens={"overgang": overgang.code, "voorstel": voorstel.pk},
    )
    return voorstel


@transaction.atomic
def bevestig_opening(aanbesteding: Aanbesteding, *, gebruiker, nu: datetime | None = None):
    """Confirm another inkoper's proposal: the phase opens (``wijzig_status``)."""
    from .procedure import wijzig_status

    overgang = _opening_vanuit(_vergrendeld(aanbesteding.pk))
    return wijzig_status(aanbesteding, overgang.naar, gebruiker=gebruiker, nu=nu)


@transaction.atomic
def trek_openingsvoorstel_in(
    aanbesteding: Aanbesteding, *, gebruiker, nu: datetime | None = None
) -> Openingsvoorstel:
    aanbesteding = _vergrendeld(aanbesteding.pk)
    voorstel = open_voorstel(aanbesteding)
    if voorstel is None:
        raise ValidationError(_("Er is geen voorstel om te openen."), code="geen-voorstel")
    voorstel.ingetrokken_op = _nu(nu)
    voorstel.save(update_fields=["ingetrokken_op"])
    record(
        "opening.voorstel-ingetrokken",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"{aanbesteding.kenmerk}: voorstel {voorstel.overgang} ingetrokken",
        gegevens={"overgang": voorstel.overgang, "voorstel": voorstel.pk},
    )
    return voorstel
