"""Reach: unique clients, inflow, outflow and clients in care, per group and per 1,000
inhabitants.

Worked example (tests/test_cijfers_bereik.py): in the first quarter of 2026 client 1 runs from
15 December 2025 with no end, client 2 from 10 January to 20 March, client 3 starts on 2 April.
Unique clients 2, inflow 1 (client 2), outflow 1 (client 2), in care on 31 March 1 (client 1).
With 20,000 inhabitants: 2 / 20,000 × 1,000 = 0.1 per 1,000.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .feiten import Periode, TrajectFeit


@dataclass(frozen=True)
class Bereik:
    sleutel: str
    unieke_clienten: int
    instroom: int  # trajectories started in the period
    uitstroom: int  # trajectories ended in the period
    in_zorg: int  # clients in care on the last day of the period


def bereken(sleutel: str, feiten: Iterable[TrajectFeit], periode: Periode) -> Bereik:
    lijst = list(feiten)
    return Bereik(
        sleutel=sleutel,
        unieke_clienten=len({f.client for f in lijst if f.actief_in(periode)}),
        instroom=sum(1 for f in lijst if periode.bevat(f.startdatum)),
        uitstroom=sum(1 for f in lijst if periode.bevat(f.einddatum)),
        in_zorg=len({f.client for f in lijst if f.in_zorg_op(periode.tot)}),
    )


def per_groep(
    feiten: Iterable[TrajectFeit], periode: Periode, sleutel: Callable[[TrajectFeit], str]
) -> list[Bereik]:
    groepen: dict[str, list[TrajectFeit]] = {}
    for feit in feiten:
        groepen.setdefault(sleutel(feit), []).append(feit)
    return [bereken(s, groepen[s], periode) for s in sorted(groepen)]


def per_duizend(aantal: int, inwoners: int | None, decimalen: int = 1) -> Decimal | None:
    """``aantal`` per 1,000 inhabitants, rounded half up; None without an inhabitant count."""
    if not inwoners:
        return None
    kwantum = Decimal(1).scaleb(-decimalen)
    return (Decimal(aantal) * 1000 / Decimal(inwoners)).quantize(kwantum, ROUND_HALF_UP)
