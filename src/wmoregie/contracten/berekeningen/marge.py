"""The margin a main contractor (hoofdaannemer) keeps between the tariff it receives from the
municipalities and the tariff it pays its subcontractor (onderaannemer) for the same unit.

    marge                 = received tariff − subcontractor tariff
    margepercentage       = marge ÷ received tariff × 100     (the share of the tariff kept)
    opslagpercentage      = marge ÷ subcontractor tariff × 100 (the same margin as a mark-up)

The margin percentage (share of what the main contractor receives) is the figure to compare
with published averages; the mark-up is shown beside it because subcontract negotiations often
speak in mark-ups. A negative margin (the main contractor pays more than it receives) is not an
error: it is shown, and flagged.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .fouten import BerekeningFout
from .getallen import (
    HONDERD,
    NUL,
    Getal,
    formatteer,
    niet_negatief,
    rekencontext,
    rond_af_op_centen,
    rond_percentage_af,
)
from .stappen import MetStappen, Stap


@dataclass(frozen=True)
class Margeberekening(MetStappen):
    ontvangen_tarief: Decimal
    onderaannemer_tarief: Decimal
    marge_exact: Decimal
    marge: Decimal  # per unit, rounded half up to cents
    margepercentage_exact: Decimal
    margepercentage: Decimal  # rounded half up to 2 decimals
    opslagpercentage_exact: Decimal | None  # None when the subcontractor tariff is 0
    opslagpercentage: Decimal | None
    aantal: Decimal | None
    marge_totaal: Decimal | None  # marge_exact × aantal, rounded half up to cents
    stappen: tuple[Stap, ...] = field(default_factory=tuple)

    @property
    def is_negatief(self) -> bool:
        return self.marge_exact < NUL


def calculate_marge(
    ontvangen_tarief: Getal,
    onderaannemer_tarief: Getal,
    *,
    aantal: Getal | None = None,
    eenheid: str = "uur",
) -> Margeberekening:
    """Margin per unit, as an amount and as percentages; with ``aantal`` also in total."""
    ontvangen = niet_negatief(ontvangen_tarief, "Het tarief dat de hoofdaannemer ontvangt")
    betaald = niet_negatief(onderaannemer_tarief, "Het tarief dat de onderaannemer ontvangt")
    volume = None if aantal is None else niet_negatief(aantal, "Het aantal eenheden")
    if ontvangen == NUL:
        raise BerekeningFout(
            "marge-zonder-tarief",
            "Het tarief dat de hoofdaannemer ontvangt is nul; daarvan kan geen "
            "margepercentage worden berekend.",
        )
    per = f"EUR per {eenheid}"
    with rekencontext():
        marge_exact = ontvangen - betaald
        margepercentage_exact = marge_exact / ontvangen * HONDERD
        opslag_exact = None if betaald == NUL else marge_exact / betaald * HONDERD
        stappen = [
            Stap("ontvangen_tarief", "Tarief dat de hoofdaannemer ontvangt", ontvangen, per),
            Stap("onderaannemer_tarief", "Tarief dat de onderaannemer ontvangt", betaald, per),
            Stap(
                "marge",
                "Marge van de hoofdaannemer",
                marge_exact,
                per,
                f"{formatteer(ontvangen)} − {formatteer(betaald)}",
            ),
            Stap(
                "margepercentage",
                "Marge als percentage van het ontvangen tarief",
                margepercentage_exact,
                "%",
                f"{formatteer(marge_exact)} ÷ {formatteer(ontvangen)} × 100",
            ),
        ]
        if opslag_exact is not None:
            stappen.append(
                Stap(
                    "opslagpercentage",
                    "Marge als opslag op het tarief van de onderaannemer",
                    opslag_exact,
                    "%",
                    f"{formatteer(marge_exact)} ÷ {formatteer(betaald)} × 100",
                )
            )
        marge_totaal = None
        if volume is not None:
            marge_totaal = rond_af_op_centen(marge_exact * volume)
            stappen.append(
                Stap(
                    "marge_totaal",
                    f"Marge over {formatteer(volume)} {eenheid}",
                    marge_totaal,
                    "EUR",
                    f"{formatteer(marge_exact)} × {formatteer(volume)}, afgerond op centen",
                )
            )
    return Margeberekening(
        ontvangen_tarief=ontvangen,
        onderaannemer_tarief=betaald,
        marge_exact=marge_exact,
        marge=rond_af_op_centen(marge_exact),
        margepercentage_exact=margepercentage_exact,
        margepercentage=rond_percentage_af(margepercentage_exact),
        opslagpercentage_exact=opslag_exact,
        opslagpercentage=None if opslag_exact is None else rond_percentage_af(opslag_exact),
        aantal=volume,
        marge_totaal=marge_totaal,
        stappen=tuple(stappen),
    )
