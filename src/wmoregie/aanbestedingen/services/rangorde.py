"""Ranking: the tenders to assess, what is still missing, and the ranking from the
consensus scores (``rangschikking``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import scoring
from ..constants import Beoordelingsmethode, Fase
from ..models import Aanbesteding, Consensusscore, Inschrijving


def te_beoordelen(aanbesteding: Aanbesteding) -> list[Inschrijving]:
    """The tenders: admitted candidates that submitted in the award phase."""
    return list(
        aanbesteding.inschrijvingen.filter(toegelaten=True, indieningen__fase=Fase.GUNNING)
        .select_related("organisatie")
        .order_by("id")
        .distinct()
    )


def _vraagt_prijs(aanbesteding: Aanbesteding) -> bool:
    return aanbesteding.beoordelingsmethode != Beoordelingsmethode.KWALITEIT


def beoordeling_onvolledig(aanbesteding: Aanbesteding, inschrijvingen=None) -> list[str]:
    """What is missing before the ranking can be made (empty: complete). ``inschrijvingen``:
    :func:`te_beoordelen` when the caller read it already."""
    criteria = list(aanbesteding.criteria.all())
    if inschrijvingen is None:
        inschrijvingen = te_beoordelen(aanbesteding)
    if not criteria:
        return [_("Er zijn geen gunningscriteria vastgesteld.")]
    if not inschrijvingen:
        return [_("Er is geen inschrijving van een toegelaten gegadigde.")]
    gedaan = set(
        Consensusscore.objects.filter(inschrijving__in=inschrijvingen).values_list(
            "inschrijving_id", "criterium_id"
        )
    )
    ontbrekend = len(inschrijvingen) * len(criteria) - len(gedaan)
    fouten = []
    if ontbrekend:
        fouten.append(_("Er ontbreken nog %(aantal)s consensusscore(s).") % {"aantal": ontbrekend})
    if _vraagt_prijs(aanbesteding):
        zonder = [i.weergavenaam for i in inschrijvingen if i.prijs is None]
        if zonder:
            fouten.append(_("Prijs ontbreekt voor: %(namen)s.") % {"namen": ", ".join(zonder)})
    return fouten


def rangschikking(aanbesteding: Aanbesteding) -> tuple[scoring.Rangschikking, dict]:
    """The ranking from the consensus scores by the published method and tie rule.

    Returns the ranking and the registrations by name. Incomplete input raises
    ``ValidationError`` (``beoordeling-onvolledig``); a refusal of ``scoring`` (e.g. a lot
    without a seed) ``rangschikking-onmogelijk``."""
    onvolledig = beoordeling_onvolledig(aanbesteding)
    if onvolledig:
        raise ValidationError(" ".join(onvolledig), code="beoordeling-onvolledig")
    criteria = list(aanbesteding.criteria.all())
    inschrijvingen = te_beoordelen(aanbesteding)
    scores: dict[int, dict[str, Decimal]] = {i.pk: {} for i in inschrijvingen}
    for c in Consensusscore.objects.filter(inschrijving__in=inschrijvingen).select_related(
        "criterium"
    ):
        scores[c.inschrijving_id][c.criterium.code] = c.score
    invoer = [
        scoring.Inschrijving(
            i.weergavenaam, scores[i.pk], i.prijs if _vraagt_prijs(aanbesteding) else None
        )
        for i in inschrijvingen
    ]
    scoringcriteria = [scoring.Criterium(c.code, c.naam, c.weging, c.schaal_max) for c in criteria]
    seed = aanbesteding.loting_seed or None
    try:
        if aanbesteding.beoordelingsmethode == Beoordelingsmethode.WAARDE:
            uitkomst = scoring.rank_by_value(
                scoringcriteria,
                invoer,
                waarde_per_punt=aanbesteding.waarde_per_punt,
                loting_seed=seed,
            )
        elif aanbesteding.beoordelingsmethode == Beoordelingsmethode.RELATIEF:
            uitkomst = scoring.rank_relative(
                scoringcriteria,
                invoer,
                max_prijspunten=aanbesteding.max_prijspunten,
                max_kwaliteitspunten=aanbesteding.max_kwaliteitspunten,
                loting_seed=seed,
            )
        else:
            uitkomst = scoring.rank_by_quality(scoringcriteria, invoer, loting_seed=seed)
    except ValueError as fout:
        raise ValidationError(str(fout), code="rangschikking-onmogelijk") from fout
    return uitkomst, {i.weergavenaam: i for i in inschrijvingen}


@dataclass(frozen=True)
class Plaats:
    """One tender in the ranking: its outcome with every step, and the consensus scores the
    calculation started from."""

    inschrijving: Inschrijving
    uitslag: scoring.Uitslag
    consensusscores: list[Consensusscore]


@dataclass(frozen=True)
class Rangschikkingoverzicht:
    """The ranking as the page *Rangschikking* and its CSV show it."""

    aanbesteding: Aanbesteding
    rangschikking: scoring.Rangschikking
    plaatsen: list[Plaats]


def rangschikking_overzicht(aanbesteding: Aanbesteding) -> Rangschikkingoverzicht:
    """The ranking (``rangschikking``) with each tender's consensus scores per criterion, in
    criterion order. Only consensus scores: the individual scores stay out. Raises
    ``ValidationError`` as ``rangschikking`` does, so nothing is shown before the consensus
    is complete."""
    uitkomst, per_naam = rangschikking(aanbesteding)
    consensus: dict[int, list[Consensusscore]] = {i.pk: [] for i in per_naam.values()}
    for score in (
        Consensusscore.objects.filter(inschrijving__in=list(per_naam.values()))
        .select_related("criterium")
        .order_by("criterium__volgorde", "criterium__code")
    ):
        consensus[score.inschrijving_id].append(score)
    return Rangschikkingoverzicht(
        aanbesteding=aanbesteding,
        rangschikking=uitkomst,
        plaatsen=[
            Plaats(
                inschrijving=per_naam[u.inschrijver],
                uitslag=u,
                consensusscores=consensus[per_naam[u.inschrijver].pk],
            )
            for u in uitkomst.uitslagen
        ],
    )


def _stap_json(stap: scoring.Stap) -> dict:
    return {
        "omschrijving": stap.omschrijving,
        "berekening": stap.berekening,
        "uitkomst": str(stap.uitkomst),
    }


def rangschikking_als_json(uitkomst: scoring.Rangschikking, per_naam: dict) -> dict:
    return {
        "methode": str(uitkomst.methode),
        "hoogste_wint": uitkomst.hoogste_wint,
        "stappen": [_stap_json(s) for s in uitkomst.stappen],
        "lotingen": [
            {"seed": lot.seed, "trekkingen": [list(t) for t in lot.trekkingen]}
            for lot in uitkomst.lotingen
        ],
        "uitslagen": [
            {
                "inschrijving": per_naam[u.inschrijver].pk,
                "inschrijver": u.inschrijver,
                "rang": u.rang,
                "waarde": str(u.waarde),
                "kwaliteitspunten": str(u.kwaliteitspunten),
                "prijs": None if u.prijs is None else str(u.prijs),
                "beslist_door": str(u.beslist_door),
                "stappen": [_stap_json(s) for s in u.stappen],
            }
            for u in uitkomst.uitslagen
        ],
    }
