"""Selection phase: the capped selection, the decision per candidate and the decision
letters."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from .. import scoring, selectie, termijnen
from ..constants import Status
from ..models import Aanbesteding, Inschrijving, Selectiebrief
from ._helpers import _vergrendeld
from .toetsing import selectietoetsing, uea_plichtige_partijen


@transaction.atomic
def beslis_selectie(
    inschrijving: Inschrijving,
    *,
    toegelaten: bool,
    motivering: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Inschrijving:
    """The selection decision for one candidate, after the opening and before the decision is
    taken for all (``selectiebeslissing-nemen``, which sends the decision letters).

    Admitting follows from the checks: refused while an exclusion ground is unassessed or
    excluding, a suitability requirement is unchecked or failed, or (with a cap) the candidate
    is not ranked within the maximum. Rejecting needs a motivation; the failed checks are added
    as reasons in the letter."""
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    if aanbesteding.status != Status.SELECTIE_BEOORDELING:
        raise ValidationError(
            _(
                "Toelaten of afwijzen kan alleen na het openen van de aanmeldingen en vóór de selectiebeslissing."
            ),
            code="selectie-niet-open",
        )
    if not toegelaten and not motivering.strip():
        raise ValidationError(
            {
                "motivering": ValidationError(
                    _("Motiveer de afwijzing."), code="motivering-ontbreekt"
                )
            }
        )
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if toegelaten:
        _weigering_bij_toelaten(inschrijving)
    redenen = selectietoetsing(inschrijving).redenen() if not toegelaten else []
    inschrijving.toegelaten = toegelaten
    inschrijving.selectiemotivering = motivering.strip()
    inschrijving.save(update_fields=["toegelaten", "selectiemotivering"])
    record(
        "inschrijving.toegelaten" if toegelaten else "inschrijving.afgewezen",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=str(inschrijving),
        gegevens={"motivering": inschrijving.selectiemotivering, "redenen": redenen},
    )
    return inschrijving


def selectierangschikking(
    aanbesteding: Aanbesteding,
) -> tuple[selectie.Selectierangschikking | None, dict, list[str]]:
    """The ranking of the suitable candidates on the selection criteria, where the number of
    candidates is capped and more candidates are suitable than the cap.

    Returns (ranking or None, registrations by name, what is still missing). ``None`` with
    nothing missing: no ranking needed (no cap, or not more suitable candidates than the cap)."""
    if aanbesteding.max_kandidaten is None:
        return None, {}, []
    inschrijvingen = list(
        aanbesteding.inschrijvingen.select_related("organisatie").prefetch_related(
            "partijen__uitsluitingstoetsen", "eistoetsingen", "selectiescores"
        )
    )
    toetsingen = {i.pk: selectietoetsing(i) for i in inschrijvingen}
    ontbreekt = [
        _("De toetsing van %(naam)s is nog niet af.") % {"naam": i.weergavenaam}
        for i in inschrijvingen
        if not toetsingen[i.pk].volledig
    ]
    if ontbreekt:
        return None, {}, ontbreekt
    geschikt = [i for i in inschrijvingen if toetsingen[i.pk].geschikt]
    if len(geschikt) <= aanbesteding.max_kandidaten:
        return None, {i.weergavenaam: i for i in geschikt}, []
    criteria = list(aanbesteding.selectiecriteria.all())
    scores = {
        i.weergavenaam: {s.criterium.code: s.score for s in i.selectiescores.all()}
        for i in geschikt
    }
    ontbreekt = [
        _("Score ontbreekt: %(naam)s, %(criterium)s.") % {"naam": naam, "criterium": c.naam}
        for naam, s in scores.items()
        for c in criteria
        if c.code not in s
    ]
    if ontbreekt:
        return None, {}, ontbreekt
    try:
        uitkomst = selectie.rangschik_kandidaten(
            [scoring.Criterium(c.code, c.naam, c.weging, c.schaal_max) for c in criteria],
            scores,
            max_kandidaten=aanbesteding.max_kandidaten,
            loting_seed=aanbesteding.loting_seed or None,
        )
    except ValueError as fout:
        return None, {}, [str(fout)]
    return uitkomst, {i.weergavenaam: i for i in geschikt}, []


def _weigering_bij_toelaten(inschrijving: Inschrijving) -> None:
    """Refuse admitting a registration whose checks are open or failed, or that falls outside
    the cap."""
    weigeringen = selectietoetsing(inschrijving).weigeringen()
    if weigeringen:
        raise ValidationError(" ".join(w.bericht for w in weigeringen), code=weigeringen[0].code)
    aanbesteding = inschrijving.aanbesteding
    uitkomst, _per_naam, ontbreekt = selectierangschikking(aanbesteding)
    if ontbreekt:
        raise ValidationError(
            _("Er geldt een maximum aantal kandidaten; eerst is nodig: %(wat)s")
            % {"wat": " ".join(ontbreekt)},
            code="rangschikking-onvolledig",
        )
    if uitkomst is not None and not uitkomst.binnen_maximum(inschrijving.weergavenaam):
        raise ValidationError(
            _("%(naam)s staat op plaats %(rang)s; het maximum is %(max)s kandidaten.")
            % {
                "naam": inschrijving.weergavenaam,
                "rang": uitkomst.rang(inschrijving.weergavenaam),
                "max": aanbesteding.max_kandidaten,
            },
            code="buiten-maximum",
        )


def selectiebrief_context(inschrijving: Inschrijving, verzonden) -> dict:
    aanbesteding = inschrijving.aanbesteding
    toetsing = selectietoetsing(inschrijving)
    uitkomst, _per_naam, _ontbreekt = selectierangschikking(aanbesteding)
    uitslag = None
    if uitkomst is not None:
        uitslag = next(
            (
                u
                for u in uitkomst.rangschikking.uitslagen
                if u.inschrijver == inschrijving.weergavenaam
            ),
            None,
        )
    scores = {s.criterium_id: s for s in inschrijving.selectiescores.all()}
    partijen = [
        {
            "partij": p,
            "gronden": [g for g in toetsing.gronden if g.partij_id == p.pk],
            "aantal_nee": sum(1 for a in p.uitsluitingsgronden or [] if a.get("antwoord") is False),
        }
        for p in uea_plichtige_partijen(inschrijving)
    ]
    redenen = toetsing.redenen()
    if uitslag is not None and uitslag.rang > aanbesteding.max_kandidaten:
        redenen.append(
            _(
                "Er zijn meer geschikte kandidaten dan het maximum van %(max)s; uw aanmelding "
                "staat op plaats %(rang)s van de rangschikking op de selectiecriteria."
            )
            % {"max": aanbesteding.max_kandidaten, "rang": uitslag.rang}
        )
    return {
        "aanbesteding": aanbesteding,
        "inschrijving": inschrijving,
        "toegelaten": inschrijving.toegelaten,
        "motivering": inschrijving.selectiemotivering,
        "partijen": partijen,
        "eisen": toetsing.eisen,
        "redenen": redenen,
        "uitslag": uitslag,
        "aantal_gerangschikt": len(uitkomst.rangschikking.uitslagen) if uitkomst else 0,
        "max_kandidaten": aanbesteding.max_kandidaten,
        "scores": [
            {"criterium": c, "score": scores.get(c.pk)} for c in aanbesteding.selectiecriteria.all()
        ]
        if uitslag is not None
        else [],
        "verzonden": verzonden,
        "termijn_einde": termijnen.standstill_end(verzonden),
    }


def _verstuur_selectiebrieven(aanbesteding: Aanbesteding, *, moment: datetime) -> list:
    """One decision letter per candidate, when the selection decision is taken."""
    from django.template.loader import render_to_string

    verzonden = timezone.localdate(moment)
    brieven = []
    for inschrijving in aanbesteding.inschrijvingen.select_related("organisatie", "aanbesteding"):
        html = render_to_string(
            "aanbestedingen/pdf/selectiebrief.html", selectiebrief_context(inschrijving, verzonden)
        )
        brieven.append(
            Selectiebrief.objects.create(
                aanbesteding=aanbesteding,
                inschrijving=inschrijving,
                toegelaten=bool(inschrijving.toegelaten),
                html=html,
                verzonden_op=moment,
            )
        )
    record(
        "selectiebrieven.verzonden",
        gebruiker=None,
        obj=aanbesteding,
        gegevens={"brieven": [b.pk for b in brieven]},
    )
    return brieven
