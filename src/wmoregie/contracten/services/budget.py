"""Taakgericht budget and indexation."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..berekeningen import BerekeningFout, split_budget
from ..models import Budget, Budgetaandeel, Budgetbetaling, Indexering, Overeenkomst
from .fouten import _als_validatiefout


def _verdeel(budget: Budget, sleutelwaarden: Mapping[object, Decimal]) -> None:
    """Split ``budget.totaal`` over the municipalities (largest remainder) and store the shares."""
    gemeenten = {gemeente.code: gemeente for gemeente in sleutelwaarden}
    try:
        verdeling = split_budget(
            budget.totaal, {gemeente.code: waarde for gemeente, waarde in sleutelwaarden.items()}
        )
    except BerekeningFout as fout:
        raise _als_validatiefout(fout) from None
    Budgetaandeel.objects.bulk_create(
        Budgetaandeel(
            budget=budget,
            gemeente=gemeenten[aandeel.sleutel],
            sleutelwaarde=aandeel.verdeelsleutel,
            bedrag=aandeel.bedrag,
            extra_cent=aandeel.extra_cent,
        )
        for aandeel in verdeling.aandelen
    )


def _controleer_taakgericht(overeenkomst: Overeenkomst) -> None:
    if not overeenkomst.is_taakgericht:
        raise ValidationError(
            _("Alleen een taakgerichte overeenkomst heeft een taakgericht budget."),
            code="budget-niet-taakgericht",
        )


@transaction.atomic
def stel_budget_vast(
    overeenkomst: Overeenkomst,
    *,
    gebruiker,
    jaar: int,
    totaal: Decimal,
    verdeelsleutel: str,
    sleutelwaarden: Mapping[object, Decimal],
    aantal_termijnen: int = 12,
) -> Budget:
    """Fix the yearly budget and split it over the municipalities by ``sleutelwaarden``.

    ``sleutelwaarden`` maps each ``catalogi.Gemeente`` to its key value (e.g. inhabitants).
    """
    _controleer_taakgericht(overeenkomst)
    budget = Budget(
        overeenkomst=overeenkomst,
        jaar=jaar,
        totaal=totaal,
        verdeelsleutel=verdeelsleutel,
        aantal_termijnen=aantal_termijnen,
        vastgesteld_door=gebruiker,
    )
    budget.full_clean()
    budget.save()
    _verdeel(budget, sleutelwaarden)
    record(
        "budget.vastgesteld",
        gebruiker=gebruiker,
        obj=budget,
        omschrijving=f"{overeenkomst.nummer} {jaar}",
        gegevens={"jaar": jaar, "totaal": str(budget.totaal), "verdeelsleutel": verdeelsleutel},
    )
    return budget


@dataclass(frozen=True)
class Indexcijfers:
    """The figures entered for one indexation (in per cent)."""

    personeel_prognose_volgend_jaar: Decimal
    materieel_prognose_volgend_jaar: Decimal
    personeel_prognose_lopend_jaar: Decimal | None = None
    personeel_definitief_lopend_jaar: Decimal | None = None
    materieel_prognose_lopend_jaar: Decimal | None = None
    materieel_definitief_lopend_jaar: Decimal | None = None
    eerste_contractjaar: bool = False
    bron: str = ""


def _nieuwe_indexering(overeenkomst: Overeenkomst, jaar: int, cijfers, gebruiker) -> Indexering:
    """An unsaved indexation for ``jaar`` (t+1) with the agreement's weights and series."""
    return Indexering(
        overeenkomst=overeenkomst,
        jaar=jaar,
        eerste_contractjaar=cijfers.eerste_contractjaar,
        weging_personeel=overeenkomst.weging_personeel,
        weging_materieel=overeenkomst.weging_materieel,
        indexcijfer_personeel=overeenkomst.indexcijfer_personeel,
        indexcijfer_materieel=overeenkomst.indexcijfer_materieel,
        personeel_prognose_volgend_jaar=cijfers.personeel_prognose_volgend_jaar,
        personeel_prognose_lopend_jaar=cijfers.personeel_prognose_lopend_jaar,
        personeel_definitief_lopend_jaar=cijfers.personeel_definitief_lopend_jaar,
        materieel_prognose_volgend_jaar=cijfers.materieel_prognose_volgend_jaar,
        materieel_prognose_lopend_jaar=cijfers.materieel_prognose_lopend_jaar,
        materieel_definitief_lopend_jaar=cijfers.materieel_definitief_lopend_jaar,
        bron=cijfers.bron,
        vastgesteld_door=gebruiker,
    )


@transaction.atomic
def indexeer_budget(budget: Budget, cijfers: Indexcijfers, *, gebruiker) -> Budget:
    """Index ``budget`` (year t) to year t+1 with the entered figures (OW art. 3.2).

    Stores the indexation and the budget for t+1, split with the same key values.
    """
    overeenkomst = budget.overeenkomst
    _controleer_taakgericht(overeenkomst)
    jaar = budget.jaar + 1
    if Budget.objects.filter(overeenkomst=overeenkomst, jaar=jaar).exists():
        raise ValidationError(
            _("Er is al een budget voor %(jaar)s."), code="budget-bestaat", params={"jaar": jaar}
        )
    indexering = _nieuwe_indexering(overeenkomst, jaar, cijfers, gebruiker)
    try:
        berekening = indexering.bereken(budget.totaal)
    except BerekeningFout as fout:
        raise _als_validatiefout(fout) from None
    indexering.indexpercentage = berekening.indexpercentage
    indexering.full_clean()
    indexering.save()
    nieuw = Budget(
        overeenkomst=overeenkomst,
        jaar=jaar,
        totaal=berekening.nieuw_bedrag,
        verdeelsleutel=budget.verdeelsleutel,
        aantal_termijnen=budget.aantal_termijnen,
        vorig_budget=budget,
        indexering=indexering,
        vastgesteld_door=gebruiker,
    )
    nieuw.full_clean()
    nieuw.save()
    _verdeel(
        nieuw, {a.gemeente: a.sleutelwaarde for a in budget.aandelen.select_related("gemeente")}
    )
    record(
        "budget.geindexeerd",
        gebruiker=gebruiker,
        obj=nieuw,
        omschrijving=f"{overeenkomst.nummer} {budget.jaar} → {jaar}",
        gegevens={
            "van": str(budget.totaal),
            "naar": str(nieuw.totaal),
            "indexpercentage": str(berekening.indexpercentage),
        },
    )
    return nieuw


@transaction.atomic
def registreer_betaling(
    aandeel: Budgetaandeel, *, gebruiker, termijn: int, bedrag: Decimal, betaald_op: date
) -> Budgetbetaling:
    if termijn > aandeel.budget.aantal_termijnen:
        raise ValidationError(
            {
                "termijn": ValidationError(
                    _("Dit budget kent %(aantal)s termijnen."),
                    code="termijn-bestaat-niet",
                    params={"aantal": aandeel.budget.aantal_termijnen},
                )
            }
        )
    betaling = Budgetbetaling(
        aandeel=aandeel,
        termijn=termijn,
        bedrag=bedrag,
        betaald_op=betaald_op,
        vastgelegd_door=gebruiker,
    )
    betaling.full_clean()
    betaling.save()
    record(
        "budgetbetaling.vastgelegd",
        gebruiker=gebruiker,
        obj=betaling,
        gegevens={"gemeente": aandeel.gemeente.code, "termijn": termijn, "bedrag": str(bedrag)},
    )
    return betaling
