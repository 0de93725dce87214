"""Small-cell suppression for figures that leave the region, the way CBS publishes.

* A count below the threshold (default 5), other than 0, is shown as ``"."``.
* A published count is rounded half up to a multiple of ``afronding`` (default 5).
* Secondary suppression: when exactly one cell of a breakdown is suppressed while the total is
  published, the total minus the others would reveal it; the smallest other non-zero cell is
  suppressed too.
* A per-1,000 figure of a suppressed count is suppressed as well; it is computed from the
  unrounded count and shown as a whole number.

Worked example (tests/test_cijfers_onderdrukking.py): with threshold 5 and rounding 5 the
breakdown 3, 12, 148 (total 163) is published as ".", ".", 150, total 165.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONDERDRUKT = "."

Cel = int | str  # a published count, or "."


@dataclass(frozen=True)
class Onderdrukking:
    drempel: int = 5
    afronding: int = 5

    def is_klein(self, aantal: int) -> bool:
        return 0 < aantal < self.drempel

    def afgerond(self, aantal: int) -> int:
        if self.afronding <= 1:
            return aantal
        if aantal >= 0:  # half up in whole numbers (the same as below, faster: pages of 342)
            return (2 * aantal + self.afronding) // (2 * self.afronding) * self.afronding
        stap = Decimal(self.afronding)
        return int((Decimal(aantal) / stap).quantize(Decimal(1), ROUND_HALF_UP) * stap)

    def cel(self, aantal: int) -> Cel:
        return ONDERDRUKT if self.is_klein(aantal) else self.afgerond(aantal)

    def reeks(self, aantallen: Sequence[int], totaal_gepubliceerd: bool = True) -> list[Cel]:
        """Publish the cells of one breakdown, with secondary suppression."""
        weg = {i for i, n in enumerate(aantallen) if self.is_klein(n)}
        if totaal_gepubliceerd and len(weg) == 1:
            kandidaten = [(n, i) for i, n in enumerate(aantallen) if i not in weg and n > 0]
            if kandidaten:
                weg.add(min(kandidaten)[1])
        return [ONDERDRUKT if i in weg else self.afgerond(n) for i, n in enumerate(aantallen)]

    def per_duizend(self, aantal: int, inwoners: int | None, cel: Cel | None = None) -> Cel | None:
        """Whole number per 1,000 inhabitants; "." when the count itself is not published."""
        if (cel if cel is not None else self.cel(aantal)) == ONDERDRUKT:
            return ONDERDRUKT
        if not inwoners:
            return None
        if aantal >= 0 and inwoners > 0:  # half up in whole numbers, as the Decimal below
            return (2000 * aantal + inwoners) // (2 * inwoners)
        return int((Decimal(aantal) * 1000 / Decimal(inwoners)).quantize(Decimal(1), ROUND_HALF_UP))


GEEN = Onderdrukking(drempel=1, afronding=1)  # for the region's own figures: nothing hidden
