"""Numbers for the calculations: input conversion, the working precision and the rounding rules.

Rules (see ``docs/contracten-berekeningen.md``):

* Everything is ``decimal.Decimal``; a ``float`` is refused, because binary floating point
  cannot hold amounts such as 0.10 exactly.
* Intermediate values are kept unrounded, at :data:`WERKPRECISIE` significant digits (far more
  than any amount needs; a division such as 1/3 is the only place where digits are cut off).
* Amounts are rounded **once**, at the end, to whole cents, **half up** (0.005 becomes 0.01,
  -0.005 becomes -0.01: away from zero on an exact half, as people round by hand).
* Percentages that are shown as a result (a margin, for instance) are rounded half up to two
  decimals; the exact value stays available next to it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

from .fouten import BerekeningFout

WERKPRECISIE = 34
CENT = Decimal("0.01")
HONDERD = Decimal(100)
NUL = Decimal(0)
EEN = Decimal(1)

_CONTEXT = Context(
    prec=WERKPRECISIE,
    rounding=ROUND_HALF_EVEN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

Getal = Decimal | int | str


@contextmanager
def rekencontext() -> Iterator[None]:
    """Compute with our own precision, whatever the caller's decimal context is."""
    with localcontext(_CONTEXT):
        yield


def naar_decimal(waarde: object, label: str) -> Decimal:
    """Turn user input into a finite Decimal. Accepts Decimal, int and text; refuses float."""
    if isinstance(waarde, bool):
        raise TypeError(f"{label}: een ja/nee-waarde is geen getal.")
    if isinstance(waarde, float):
        raise TypeError(
            f"{label}: geef getallen op als Decimal, geheel getal of tekst, niet als float "
            f"(een float kan bedragen als 0,10 niet exact bevatten)."
        )
    if isinstance(waarde, Decimal):
        getal = waarde
    elif isinstance(waarde, int):
        getal = Decimal(waarde)
    elif isinstance(waarde, str):
        try:
            getal = Decimal(waarde.strip())
        except InvalidOperation:
            raise BerekeningFout(
                "ongeldig-getal", f"{label}: ‘{waarde}’ is geen geldig getal."
            ) from None
    else:
        raise TypeError(f"{label}: {type(waarde).__name__} is geen getal.")
    if not getal.is_finite():
        raise BerekeningFout("ongeldig-getal", f"{label}: ‘{waarde}’ is geen eindig getal.")
    return getal


def niet_negatief(waarde: object, label: str) -> Decimal:
    getal = naar_decimal(waarde, label)
    if getal < 0:
        raise BerekeningFout(
            "negatieve-invoer",
            f"{label} mag niet negatief zijn (opgegeven: {getal}).",
        )
    return getal


def in_hele_centen(waarde: object, label: str) -> Decimal:
    """A non-negative amount of money that is already in whole cents (e.g. a budget)."""
    getal = niet_negatief(waarde, label)
    if getal != getal.quantize(CENT, rounding=ROUND_HALF_UP, context=_CONTEXT):
        raise BerekeningFout(
            "geen-hele-centen",
            f"{label} moet in hele centen zijn opgegeven (opgegeven: {getal}).",
        )
    return getal


def rond_af_op_centen(waarde: Decimal) -> Decimal:
    """Round half up to whole cents: 61.675 -> 61.68, 61.6749 -> 61.67."""
    return waarde.quantize(CENT, rounding=ROUND_HALF_UP, context=_CONTEXT)


def rond_percentage_af(waarde: Decimal) -> Decimal:
    """Round a percentage half up to two decimals: 6.5996 -> 6.60."""
    return waarde.quantize(CENT, rounding=ROUND_HALF_UP, context=_CONTEXT)


def percentage_als_fractie(percentage: Decimal) -> Decimal:
    """8.33 (per cent) -> 0.0833. Exact: dividing by 100 only moves the decimal point."""
    return percentage / HONDERD


def formatteer(waarde: Decimal, decimalen: int = 2) -> str:
    """Dutch notation for explanations: 63516.18 -> '63.516,18'. Rounds half up for display."""
    afgerond = waarde.quantize(
        Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP, context=_CONTEXT
    )
    teken = "-" if afgerond < 0 else ""
    tekst = f"{abs(afgerond):,.{decimalen}f}"
    return teken + tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def formatteer_percentage(waarde: Decimal) -> str:
    """A percentage as given, without trailing zeros: 8.330 -> '8,33 %', 30 -> '30 %'."""
    tekst = format(waarde.normalize(context=_CONTEXT), "f")
    return tekst.replace(".", ",") + " %"
