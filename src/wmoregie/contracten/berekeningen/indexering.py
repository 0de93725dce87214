"""Yearly indexation of tariffs and of the taakgericht budget (Contractstandaarden Wmo, art. 3.2).

The method of the model agreement, for the index of year t+1 (the coming year), separately for
each cost kind k (personnel and material, each with its own index series):

    index_k(t+1) = forecast_k(t+1)  +  ( final_k(t) − forecast_k(t) )

where forecast_k(t+1) is the forecast for the coming year, final_k(t) the definitive figure for
the current year, and forecast_k(t) the forecast for the current year as it was made a year
earlier (in t−1). The second term is the *nacalculatie*: the correction of last year's
forecast. The tariff or budget then moves by the weighted sum

    indexpercentage = Σ weight_k × index_k          (weights add up to exactly 1)

    new amount = amount × (1 + indexpercentage / 100), rounded half up to cents.

All index figures are percentages (3.4 means 3,4 %); the correction is in percentage points and
is added, not compounded. Weights and index series (commonly OVA for personnel and a consumer
price index for material) are fixed in the agreement, so they are input here.

First contract year: when a new contract starts in year X at the then current price, the
indexation for X+1 is the forecast alone, without a correction over X (explanation to art. 3.2).
Pass ``eerste_contractjaar=True`` for that year; the correction figures must then be left out.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .fouten import BerekeningFout
from .getallen import (
    EEN,
    NUL,
    Getal,
    formatteer,
    formatteer_percentage,
    naar_decimal,
    niet_negatief,
    percentage_als_fractie,
    rekencontext,
    rond_af_op_centen,
)
from .stappen import MetStappen, Stap


@dataclass(frozen=True)
class Indexcomponent:
    """One cost kind with its weight and its index figures (in per cent).

    ``prognose_lopend_jaar`` is the forecast for the current year t as published in t−1;
    ``definitief_lopend_jaar`` the definitive figure for t. Leave both out (None) when there is
    no correction this round.
    """

    kostensoort: str  # "personele kosten", "materiële kosten"
    indexcijfer: str  # "OVA", "CPI", "PPC" …
    weging: Getal  # a fraction: 0.8 for 80 %
    prognose_volgend_jaar: Getal
    prognose_lopend_jaar: Getal | None = None
    definitief_lopend_jaar: Getal | None = None


@dataclass(frozen=True)
class IndexcomponentUitkomst:
    kostensoort: str
    indexcijfer: str
    weging: Decimal
    prognose_volgend_jaar: Decimal
    correctie: Decimal  # percentage points; 0 without nacalculatie
    index: Decimal  # prognose_volgend_jaar + correctie
    bijdrage: Decimal  # weging × index


@dataclass(frozen=True)
class Indexeringsberekening(MetStappen):
    jaar: int  # the year t+1 the new amount applies to
    bedrag: Decimal  # the amount before indexation
    componenten: tuple[IndexcomponentUitkomst, ...]
    indexpercentage: Decimal  # exact, in per cent
    nieuw_bedrag_exact: Decimal
    nieuw_bedrag: Decimal  # rounded half up to cents
    stappen: tuple[Stap, ...] = field(default_factory=tuple)

    @property
    def verschil(self) -> Decimal:
        return self.nieuw_bedrag - self.bedrag


def calculate_indexering(
    bedrag: Getal,
    componenten: Sequence[Indexcomponent],
    *,
    jaar: int,
    eerste_contractjaar: bool = False,
) -> Indexeringsberekening:
    """Index ``bedrag`` (a tariff or a yearly budget) for year ``jaar`` (= t+1)."""
    bedrag_ = niet_negatief(bedrag, "Het te indexeren bedrag")
    if not componenten:
        raise BerekeningFout(
            "indexering-zonder-componenten",
            "Geef ten minste één kostensoort op (bijvoorbeeld personele en materiële kosten).",
        )
    vorig = jaar - 1
    stappen: list[Stap] = [Stap("bedrag", f"Bedrag vóór indexering {jaar}", bedrag_, "EUR")]
    uitkomsten: list[IndexcomponentUitkomst] = []

    with rekencontext():
        totaal_weging = NUL
        for nummer, component in enumerate(componenten, start=1):
            naam = component.kostensoort.strip() or f"kostensoort {nummer}"
            weging = niet_negatief(component.weging, f"De weging van {naam}")
            if weging > EEN:
                raise BerekeningFout(
                    "weging-groter-dan-een",
                    f"De weging van {naam} is een fractie tussen 0 en 1 (0,8 voor 80 %); "
                    f"opgegeven: {weging}.",
                )
            totaal_weging += weging
            prognose = naar_decimal(
                component.prognose_volgend_jaar, f"De prognose {jaar} voor {naam}"
            )
            reeks = f" ({component.indexcijfer.strip()})" if component.indexcijfer.strip() else ""
            stappen.append(
                Stap(
                    f"prognose_{nummer}",
                    f"{naam.capitalize()}{reeks}: prognose {jaar}",
                    prognose,
                    "%",
                )
            )
            correctie = _correctie(component, naam, nummer, jaar, eerste_contractjaar, stappen)
            index = prognose + correctie
            stappen.append(
                Stap(
                    f"index_{nummer}",
                    f"{naam.capitalize()}{reeks}: index {jaar} (prognose + nacalculatie {vorig})",
                    index,
                    "%",
                    f"{formatteer_percentage(prognose)} + ({formatteer_percentage(correctie)})",
                )
            )
            bijdrage = weging * index
            stappen.append(
                Stap(
                    f"bijdrage_{nummer}",
                    f"{naam.capitalize()}: gewogen bijdrage (weging {formatteer_percentage(weging * 100)})",
                    bijdrage,
                    "%",
                    f"{formatteer(weging, 4)} × {formatteer_percentage(index)}",
                )
            )
            uitkomsten.append(
                IndexcomponentUitkomst(
                    kostensoort=naam,
                    indexcijfer=component.indexcijfer.strip(),
                    weging=weging,
                    prognose_volgend_jaar=prognose,
                    correctie=correctie,
                    index=index,
                    bijdrage=bijdrage,
                )
            )
        if totaal_weging != EEN:
            raise BerekeningFout(
                "wegingen-niet-samen-een",
                f"De wegingen van de kostensoorten moeten samen precies 1 zijn (100 %); "
                f"nu is het {totaal_weging}.",
            )
        indexpercentage = sum((u.bijdrage for u in uitkomsten), NUL)
        stappen.append(
            Stap(
                "indexpercentage",
                f"Indexeringspercentage {jaar}",
                indexpercentage,
                "%",
                " + ".join(formatteer_percentage(u.bijdrage) for u in uitkomsten),
            )
        )
        nieuw_exact = bedrag_ * (EEN + percentage_als_fractie(indexpercentage))
        if nieuw_exact < NUL:
            raise BerekeningFout(
                "indexering-onder-nul",
                f"Een indexering van {formatteer_percentage(indexpercentage)} maakt het bedrag "
                f"negatief; controleer de indexcijfers.",
            )
        stappen.append(
            Stap(
                "nieuw_bedrag_exact",
                f"Bedrag {jaar}, onafgerond",
                nieuw_exact,
                "EUR",
                f"{formatteer(bedrag_)} × (1 + {formatteer_percentage(indexpercentage)})",
            )
        )
        nieuw = rond_af_op_centen(nieuw_exact)
        stappen.append(
            Stap(
                "nieuw_bedrag",
                f"Bedrag {jaar}, afgerond op centen",
                nieuw,
                "EUR",
                "half naar boven afgerond op hele centen",
            )
        )

    return Indexeringsberekening(
        jaar=jaar,
        bedrag=bedrag_,
        componenten=tuple(uitkomsten),
        indexpercentage=indexpercentage,
        nieuw_bedrag_exact=nieuw_exact,
        nieuw_bedrag=nieuw,
        stappen=tuple(stappen),
    )


def _correctie(
    component: Indexcomponent,
    naam: str,
    nummer: int,
    jaar: int,
    eerste_contractjaar: bool,
    stappen: list[Stap],
) -> Decimal:
    """The nacalculatie over the current year t = jaar − 1: definitive minus earlier forecast."""
    vorig = jaar - 1
    gegeven = (component.prognose_lopend_jaar, component.definitief_lopend_jaar)
    if eerste_contractjaar:
        if any(cijfer is not None for cijfer in gegeven):
            raise BerekeningFout(
                "nacalculatie-in-eerste-contractjaar",
                f"In het eerste jaar na een nieuwe inkoop geldt alleen de prognose voor {jaar}; "
                f"laat de cijfers voor de nacalculatie over {vorig} ({naam}) weg.",
            )
        stappen.append(
            Stap(
                f"correctie_{nummer}",
                f"{naam.capitalize()}: geen nacalculatie over {vorig} (eerste contractjaar)",
                NUL,
                "%",
            )
        )
        return NUL
    if None in gegeven:
        raise BerekeningFout(
            "nacalculatie-onvolledig",
            f"Voor de nacalculatie over {vorig} ({naam}) zijn zowel de eerdere prognose als het "
            f"definitieve cijfer nodig. Is dit het eerste contractjaar, geef dat dan aan.",
        )
    eerdere_prognose = naar_decimal(
        component.prognose_lopend_jaar, f"De eerdere prognose {vorig} voor {naam}"
    )
    definitief = naar_decimal(
        component.definitief_lopend_jaar, f"Het definitieve cijfer {vorig} voor {naam}"
    )
    correctie = definitief - eerdere_prognose
    stappen.extend(
        [
            Stap(
                f"eerdere_prognose_{nummer}",
                f"{naam.capitalize()}: prognose {vorig} (zoals vastgesteld in {vorig - 1})",
                eerdere_prognose,
                "%",
            ),
            Stap(
                f"definitief_{nummer}",
                f"{naam.capitalize()}: definitief cijfer {vorig}",
                definitief,
                "%",
            ),
            Stap(
                f"correctie_{nummer}",
                f"{naam.capitalize()}: nacalculatie {vorig} (definitief − prognose)",
                correctie,
                "%",
                f"{formatteer_percentage(definitief)} − {formatteer_percentage(eerdere_prognose)}",
            ),
        ]
    )
    return correctie
