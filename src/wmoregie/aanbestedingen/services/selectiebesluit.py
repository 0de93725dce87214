"""Selection phase: the capped selection, the decision per candidate and the decision
letters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from .. import scoring, selectie, selectors, termijnen
from ..constants import Fase, Status
from ..models import Aanbesteding, Inschrijving, Selectiebrief, Selectiecriterium
from ._helpers import _nu, _vergrendeld
from .regelbesluiten import controleer_regelfouten
from .toetsing import PartijToetsing, selectietoetsing, toetsing_per_partij


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
    excluding, a suitability requirement is unchecked or failed, (with a cap) the candidate
    is not ranked within the maximum, or a selection-phase rule finding of level error has no
    reasoned decision of the inkoper (``regelfout-open``). Rejecting needs a motivation; the failed checks are added
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
        controleer_regelfouten(inschrijving, _nu(nu), (Fase.SELECTIE,))
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


def selectieredenen(
    inschrijving: Inschrijving,
    toetsing: selectie.Toetsing,
    uitslag: scoring.Uitslag | None,
    nu: datetime | None = None,
    regelfouten: list | None = None,
) -> list[str]:
    """The reasons for a rejection that follow from the checks, the selection-phase rule
    findings of level error without a decision and, with a cap, the rank: what the decision
    letter states. ``regelfouten``: those findings when the caller read them already."""
    if regelfouten is None:
        regelfouten = selectors.open_regelfouten(inschrijving, _nu(nu), (Fase.SELECTIE,))
    redenen = toetsing.redenen()
    redenen += [
        _("Uit de controle van de aanmelding: %(bericht)s") % {"bericht": b.bericht}
        for b in regelfouten
    ]
    max_kandidaten = inschrijving.aanbesteding.max_kandidaten
    if uitslag is not None and max_kandidaten is not None and uitslag.rang > max_kandidaten:
        redenen.append(
            _(
                "Er zijn meer geschikte kandidaten dan het maximum van %(max)s; uw aanmelding "
                "staat op plaats %(rang)s van de rangschikking op de selectiecriteria."
            )
            % {"max": max_kandidaten, "rang": uitslag.rang}
        )
    return redenen


def selectiebrief_context(inschrijving: Inschrijving, verzonden, moment=None) -> dict:
    aanbesteding = inschrijving.aanbesteding
    toetsing = selectietoetsing(inschrijving)
    uitkomst, _per_naam, _ontbreekt = selectierangschikking(aanbesteding)
    uitslag = uitkomst.uitslag(inschrijving.weergavenaam) if uitkomst is not None else None
    scores = {s.criterium_id: s for s in inschrijving.selectiescores.all()}
    return {
        "aanbesteding": aanbesteding,
        "inschrijving": inschrijving,
        "toegelaten": inschrijving.toegelaten,
        "motivering": inschrijving.selectiemotivering,
        "partijen": toetsing_per_partij(inschrijving, toetsing),
        "eisen": toetsing.eisen,
        "redenen": selectieredenen(inschrijving, toetsing, uitslag, moment),
        "regelbesluiten": [
            r
            for r in selectors.regelbevindingen(inschrijving, _nu(moment), (Fase.SELECTIE,))
            if r.besluit is not None
        ],
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
        context = selectiebrief_context(inschrijving, verzonden, moment)
        html = render_to_string("aanbestedingen/pdf/selectiebrief.html", context)
        brieven.append(
            Selectiebrief.objects.create(
                aanbesteding=aanbesteding,
                inschrijving=inschrijving,
                toegelaten=bool(inschrijving.toegelaten),
                motivering=context["motivering"],
                redenen=context["redenen"],
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


# --- reading the selection of a registration (pages and API) ---------------------------------


@dataclass(frozen=True)
class Criteriumscore:
    """A selection criterion with the score recorded for one registration (None: not yet)."""

    criterium: Selectiecriterium
    score: Decimal | None
    motivering: str


@dataclass(frozen=True)
class Selectieoverzicht:
    """What the selection pages show of one registration: the exclusion grounds per party that
    signs a UEA, the suitability requirements with their evidence, with a cap the selection
    scores and the place in the ranking, and the decision with the reasons that follow from the
    checks and the letters sent."""

    inschrijving: Inschrijving
    toetsing: selectie.Toetsing
    partijen: list[PartijToetsing]
    scores: list[Criteriumscore]
    uitslag: scoring.Uitslag | None
    binnen_maximum: bool | None
    ontbreekt: list[str]
    redenen: list[str]
    brieven: list[Selectiebrief]

    @property
    def max_kandidaten(self) -> int | None:
        return self.inschrijving.aanbesteding.max_kandidaten

    @property
    def rang(self) -> int | None:
        return self.uitslag.rang if self.uitslag else None

    @property
    def punten(self) -> Decimal | None:
        return self.uitslag.waarde if self.uitslag else None

    @property
    def beslist_door(self) -> str | None:
        return str(self.uitslag.beslist_door) if self.uitslag else None


def selectieoverzichten(inschrijvingen: Iterable[Inschrijving]) -> list[Selectieoverzicht]:
    """The selection of each registration, the capped ranking computed once per procedure."""
    rangschikkingen: dict[int, tuple] = {}
    overzichten = []
    inschrijvingen = list(inschrijvingen)
    # the rule checks of all of them at once, not per registration
    regelfouten = selectors.open_regelfouten_per_inschrijving(
        inschrijvingen, _nu(None), (Fase.SELECTIE,)
    )
    for inschrijving in inschrijvingen:
        aanbesteding = inschrijving.aanbesteding
        if aanbesteding.pk not in rangschikkingen:
            rangschikkingen[aanbesteding.pk] = selectierangschikking(aanbesteding)
        uitkomst, _per_naam, ontbreekt = rangschikkingen[aanbesteding.pk]
        toetsing = selectietoetsing(inschrijving)
        naam = inschrijving.weergavenaam
        uitslag = uitkomst.uitslag(naam) if uitkomst is not None else None
        scores = {s.criterium_id: s for s in inschrijving.selectiescores.all()}
        overzichten.append(
            Selectieoverzicht(
                inschrijving=inschrijving,
                toetsing=toetsing,
                partijen=toetsing_per_partij(inschrijving, toetsing),
                scores=[
                    Criteriumscore(
                        criterium=c,
                        score=scores[c.pk].score if c.pk in scores else None,
                        motivering=scores[c.pk].motivering if c.pk in scores else "",
                    )
                    for c in aanbesteding.selectiecriteria.all()
                ]
                if aanbesteding.max_kandidaten is not None
                else [],
                uitslag=uitslag,
                binnen_maximum=uitkomst.binnen_maximum(naam) if uitkomst is not None else None,
                ontbreekt=list(ontbreekt),
                redenen=selectieredenen(
                    inschrijving, toetsing, uitslag, regelfouten=regelfouten[inschrijving.pk]
                ),
                brieven=list(inschrijving.selectiebrieven.all()),
            )
        )
    return overzichten
