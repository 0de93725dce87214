"""Splitting an amount without losing or creating a cent.

* :func:`split_budget` divides a yearly lump sum (the taakgericht budget) over municipalities
  (or any parties) in proportion to a key: inhabitants, historical use, a fixed share ….
* :func:`split_in_termijnen` divides a yearly amount into N equal instalments (12 monthly,
  4 quarterly …).

Both use the **largest-remainder method** on whole cents:

1. each party's exact share in cents is total × key ÷ sum of the keys (computed exactly, as a
   fraction — no rounding at all);
2. every party first gets its share rounded **down** to a whole cent;
3. the cents left over (always fewer than the number of parties) go one each to the parties
   with the largest remainder after the decimal point;
4. **tie-break**: parties with exactly equal remainders are served in ascending order of their
   identifier (CBS code "0307" before "0313"; instalment 1 before instalment 2), so the outcome
   does not depend on the order in which the key was given.

Consequences: the parts add up exactly to the total; each part differs from its exact share by
less than one cent; a party with key 0 gets 0; and for instalments the first ones are the
(at most one cent) larger ones.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .fouten import BerekeningFout
from .getallen import CENT, HONDERD, NUL, Getal, in_hele_centen, niet_negatief, rekencontext


@dataclass(frozen=True)
class Budgetaandeel:
    sleutel: Hashable  # the party's identifier, e.g. a CBS gemeentecode
    verdeelsleutel: Decimal  # the party's key value, e.g. its number of inhabitants
    aandeel: Decimal  # key ÷ sum of keys (a fraction, at working precision)
    bedrag_exact: Decimal  # total × aandeel, unrounded (at working precision)
    bedrag: Decimal  # in whole cents
    extra_cent: bool  # True when this party received one of the left-over cents


@dataclass(frozen=True)
class Budgetverdeling:
    totaal: Decimal
    som_verdeelsleutel: Decimal
    aandelen: tuple[Budgetaandeel, ...]  # in the order the key was given
    verdeelde_restcenten: int  # how many cents step 3 handed out

    def bedrag(self, sleutel: Hashable) -> Decimal:
        for aandeel in self.aandelen:
            if aandeel.sleutel == sleutel:
                return aandeel.bedrag
        raise KeyError(sleutel)

    def als_dict(self) -> dict[Hashable, Decimal]:
        return {aandeel.sleutel: aandeel.bedrag for aandeel in self.aandelen}


@dataclass(frozen=True)
class Termijn:
    nummer: int  # 1 … N
    bedrag: Decimal


def split_budget(totaal: Getal, verdeelsleutel: Mapping[Hashable, Getal]) -> Budgetverdeling:
    """Split ``totaal`` (whole cents, not negative) over the parties of ``verdeelsleutel``.

    The identifiers (the mapping's keys) must be mutually comparable (all text or all numbers),
    because they decide ties.
    """
    totaal_ = in_hele_centen(totaal, "Het te verdelen bedrag")
    if not verdeelsleutel:
        raise BerekeningFout(
            "lege-verdeelsleutel",
            "De verdeelsleutel is leeg: geef ten minste één gemeente (of partij) op.",
        )
    with rekencontext():
        return _split_budget(totaal_, verdeelsleutel)


def _split_budget(totaal_: Decimal, verdeelsleutel: Mapping[Hashable, Getal]) -> Budgetverdeling:
    sleutels = list(verdeelsleutel)
    waarden = [
        niet_negatief(verdeelsleutel[sleutel], f"De verdeelsleutel van {sleutel}")
        for sleutel in sleutels
    ]
    som = sum(waarden, NUL)
    if som == NUL:
        raise BerekeningFout(
            "verdeelsleutel-nul",
            "De verdeelsleutel telt op tot nul; daarmee valt niets te verdelen. "
            "Geef ten minste één partij een waarde groter dan nul.",
        )
    try:
        volgorde = sorted(range(len(sleutels)), key=lambda i: sleutels[i])
    except TypeError:
        raise BerekeningFout(
            "verdeelsleutel-onvergelijkbaar",
            "De partijen in de verdeelsleutel moeten allemaal tekst of allemaal getallen zijn.",
        ) from None

    centen = _grootste_rest(int(totaal_ * HONDERD), [Fraction(w) for w in waarden], volgorde)
    aandelen = tuple(
        Budgetaandeel(
            sleutel=sleutel,
            verdeelsleutel=waarde,
            aandeel=waarde / som,
            bedrag_exact=totaal_ * waarde / som,
            bedrag=Decimal(cent) * CENT,
            extra_cent=extra,
        )
        for sleutel, waarde, (cent, extra) in zip(sleutels, waarden, centen, strict=True)
    )
    return Budgetverdeling(
        totaal=totaal_,
        som_verdeelsleutel=som,
        aandelen=aandelen,
        verdeelde_restcenten=sum(1 for _, extra in centen if extra),
    )


def split_in_termijnen(totaal: Getal, aantal: int) -> tuple[Termijn, ...]:
    """Split a yearly amount into ``aantal`` instalments that add up exactly to ``totaal``.

    Left-over cents go to the first instalments: 1000.00 in 12 gives 4 × 83.34 and 8 × 83.33.
    """
    totaal_ = in_hele_centen(totaal, "Het te verdelen bedrag")
    if isinstance(aantal, bool) or not isinstance(aantal, int):
        raise TypeError("Het aantal termijnen is een geheel getal.")
    if aantal < 1:
        raise BerekeningFout(
            "aantal-termijnen-ongeldig",
            f"Het aantal termijnen moet ten minste 1 zijn (opgegeven: {aantal}).",
        )
    with rekencontext():
        centen = _grootste_rest(int(totaal_ * HONDERD), [Fraction(1)] * aantal, range(aantal))
        return tuple(
            Termijn(nummer=nummer, bedrag=Decimal(cent) * CENT)
            for nummer, (cent, _) in enumerate(centen, start=1)
        )


def _grootste_rest(
    totaal_centen: int, gewichten: Sequence[Fraction], volgorde: Sequence[int]
) -> list[tuple[int, bool]]:
    """Largest-remainder split of whole cents; returns (cents, got an extra cent) per weight.

    ``volgorde`` lists the indices in tie-break order (first served first on equal remainders).
    Exact rational arithmetic throughout, so the result never depends on decimal precision.
    """
    som = sum(gewichten, Fraction(0))
    exact = [Fraction(totaal_centen) * gewicht / som for gewicht in gewichten]
    omlaag = [deel.numerator // deel.denominator for deel in exact]
    over = totaal_centen - sum(omlaag)
    rang = {index: positie for positie, index in enumerate(volgorde)}
    beurt = sorted(range(len(exact)), key=lambda i: (-(exact[i] - omlaag[i]), rang[i]))
    krijgt_extra = set(beurt[:over])
    return [(omlaag[i] + (i in krijgt_extra), i in krijgt_extra) for i in range(len(exact))]
