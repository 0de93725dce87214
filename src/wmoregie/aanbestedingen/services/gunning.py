"""Provisional award and objections: the award letters, the standstill and the objections
that pause it."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from .. import termijnen
from ..constants import Beoordelingsmethode, Bezwaarsoort, Status
from ..models import Aanbesteding, Bezwaar, Consensusscore, Gunningsbrief, Inschrijving
from ._helpers import _nu, _vergrendeld
from .procedure import wijzig_status
from .rangorde import rangschikking, rangschikking_als_json


def standstill_einde(aanbesteding: Aanbesteding):
    """The last day of the standstill, from the day the letters were sent (or None)."""
    if aanbesteding.voorlopig_gegund_op is None:
        return None
    return termijnen.standstill_end(timezone.localdate(aanbesteding.voorlopig_gegund_op))


def brief_context(
    aanbesteding: Aanbesteding, inschrijving: Inschrijving, uitkomst, per_naam, verzonden
) -> dict:
    criteria = list(aanbesteding.criteria.all())
    consensus = {
        (c.inschrijving_id, c.criterium_id): c
        for c in Consensusscore.objects.filter(inschrijving__aanbesteding=aanbesteding)
    }
    winnaar = per_naam[uitkomst.winnaar.inschrijver]
    eigen = uitkomst.uitslag(inschrijving.weergavenaam)
    return {
        "aanbesteding": aanbesteding,
        "perceel": ", ".join(p.naam for p in aanbesteding.percelen.all()),
        "inschrijving": inschrijving,
        "is_winnaar": inschrijving.pk == winnaar.pk,
        "winnaar": winnaar,
        "uitslag": eigen,
        "winnende_uitslag": uitkomst.winnaar,
        "methode": Beoordelingsmethode(aanbesteding.beoordelingsmethode).label,
        "hoogste_wint": uitkomst.hoogste_wint,
        "scores": [
            {
                "criterium": c,
                "eigen": consensus[(inschrijving.pk, c.pk)],
                "winnaar": consensus[(winnaar.pk, c.pk)],
            }
            for c in criteria
        ],
        "verzonden": verzonden,
        "standstill_einde": termijnen.standstill_end(verzonden),
        "aantal": len(uitkomst.uitslagen),
    }


@transaction.atomic
def gun_voorlopig(
    aanbesteding: Aanbesteding, *, gebruiker, nu: datetime | None = None
) -> list[Gunningsbrief]:
    """Send the provisional award letters: to the winner, and with scores and reasons to every
    other tenderer. Sending starts the standstill (status ``voorlopig-gegund``)."""
    from django.template.loader import render_to_string

    _vergrendeld(aanbesteding.pk)
    uitkomst, per_naam = rangschikking(aanbesteding)
    moment = _nu(nu)
    wijzig_status(aanbesteding, Status.VOORLOPIG_GEGUND, gebruiker=gebruiker, nu=moment)
    winnaar = per_naam[uitkomst.winnaar.inschrijver]
    aanbesteding.rangschikking = rangschikking_als_json(uitkomst, per_naam)
    aanbesteding.winnaar = winnaar
    aanbesteding.save(update_fields=["rangschikking", "winnaar"])
    verzonden = timezone.localdate(moment)
    brieven = []
    for u in uitkomst.uitslagen:
        inschrijving = per_naam[u.inschrijver]
        html = render_to_string(
            "aanbestedingen/pdf/gunningsbrief.html",
            brief_context(aanbesteding, inschrijving, uitkomst, per_naam, verzonden),
        )
        brieven.append(
            Gunningsbrief.objects.create(
                aanbesteding=aanbesteding,
                inschrijving=inschrijving,
                winnaar=inschrijving.pk == winnaar.pk,
                rang=u.rang,
                html=html,
                verzonden_op=moment,
            )
        )
    record(
        "aanbesteding.voorlopig-gegund",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"winnaar: {winnaar.weergavenaam}",
        gegevens={
            "winnaar": winnaar.pk,
            "standstill_einde": str(termijnen.standstill_end(verzonden)),
            "brieven": [b.pk for b in brieven],
        },
    )
    return brieven


@transaction.atomic
def registreer_bezwaar(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    soort: str,
    omschrijving: str,
    ontvangen_op,
    inschrijving: Inschrijving | None = None,
    nu: datetime | None = None,
) -> Bezwaar:
    """Register an objection or kort geding: the procedure is paused (``opgeschort``)."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    if aanbesteding.status not in (Status.VOORLOPIG_GEGUND, Status.OPGESCHORT):
        raise ValidationError(
            _("Een bezwaar of kort geding registreert u na de voorlopige gunning."),
            code="geen-voorlopige-gunning",
        )
    if soort not in Bezwaarsoort.values or not omschrijving.strip() or ontvangen_op is None:
        raise ValidationError(
            _("Geef de soort, de datum van ontvangst en een omschrijving."),
            code="bezwaar-onvolledig",
        )
    if inschrijving is not None and inschrijving.aanbesteding_id != aanbesteding.pk:
        raise ValidationError(
            _("Deze inschrijving hoort niet bij de aanbesteding."), code="andere-aanbesteding"
        )
    bezwaar = Bezwaar.objects.create(
        aanbesteding=aanbesteding,
        inschrijving=inschrijving,
        soort=soort,
        omschrijving=omschrijving.strip(),
        ontvangen_op=ontvangen_op,
        geregistreerd_op=_nu(nu),
        geregistreerd_door=gebruiker,
    )
    record(
        "bezwaar.geregistreerd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"soort": soort, "inschrijving": inschrijving.pk if inschrijving else None},
    )
    if aanbesteding.status == Status.VOORLOPIG_GEGUND:
        wijzig_status(
            aanbesteding,
            Status.OPGESCHORT,
            gebruiker=gebruiker,
            reden=f"{Bezwaarsoort(soort).label}: {omschrijving.strip()}"[:500],
            nu=nu,
        )
    return bezwaar


@transaction.atomic
def handel_bezwaar_af(
    bezwaar: Bezwaar, *, gebruiker, uitkomst: str, nu: datetime | None = None
) -> Bezwaar:
    """Close an objection with its outcome. Resuming (or withdrawing the provisional award) is
    a separate, deliberate status change."""
    _vergrendeld(bezwaar.aanbesteding_id)
    bezwaar.refresh_from_db()
    if not bezwaar.is_open:
        raise ValidationError(_("Dit bezwaar is al afgehandeld."), code="al-afgehandeld")
    if not uitkomst.strip():
        raise ValidationError(_("Geef de uitkomst."), code="uitkomst-verplicht")
    bezwaar.afgehandeld_op = _nu(nu)
    bezwaar.uitkomst = uitkomst.strip()
    bezwaar.save(update_fields=["afgehandeld_op", "uitkomst"])
    record(
        "bezwaar.afgehandeld",
        gebruiker=gebruiker,
        obj=bezwaar.aanbesteding,
        gegevens={"bezwaar": bezwaar.pk, "uitkomst": bezwaar.uitkomst},
    )
    return bezwaar
