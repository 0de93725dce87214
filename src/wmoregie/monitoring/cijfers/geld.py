"""Money: the taakgericht budget per municipality against the instalments paid and the
consortium's reported spend; for the per-client lots the claimed, granted and rejected amounts
(WMO323/325).

Worked example (tests/test_cijfers_geld.py): budget € 1,200,000.00, paid € 300,000.00, spent
€ 240,000.00 on own staff and € 60,000.00 on subcontractors: spent € 300,000.00, share of
subcontractors 20 %, budget left after spend € 900,000.00. Claims of € 1,000.00 (granted
€ 800.00) and € 500.00 (unanswered): claimed € 1,500.00, granted € 800.00, rejected € 200.00,
open € 500.00.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .feiten import BestedingFeit, BudgetFeit, DeclaratieFeit

NUL = Decimal("0.00")


@dataclass(frozen=True)
class Budgetrealisatie:
    gemeente: str
    budget: Decimal
    betaald: Decimal
    eigen_personeel: Decimal
    onderaannemers: Decimal

    @property
    def besteed(self) -> Decimal:
        return self.eigen_personeel + self.onderaannemers

    @property
    def aandeel_onderaannemers(self) -> float | None:
        return float(self.onderaannemers / self.besteed) if self.besteed else None

    @property
    def resterend(self) -> Decimal:
        return self.budget - self.besteed


def budgetrealisatie(
    budgetten: Iterable[BudgetFeit], bestedingen: Iterable[BestedingFeit]
) -> list[Budgetrealisatie]:
    per: dict[str, list[Decimal]] = {}
    for b in budgetten:
        rij = per.setdefault(b.gemeente, [NUL, NUL, NUL, NUL])
        rij[0] += b.budget
        rij[1] += b.betaald
    for b in bestedingen:
        rij = per.setdefault(b.gemeente, [NUL, NUL, NUL, NUL])
        rij[2] += b.eigen_personeel
        rij[3] += b.onderaannemers
    return [Budgetrealisatie(g, *per[g]) for g in sorted(per)]


def totaal_budget(rijen: Iterable[Budgetrealisatie]) -> Budgetrealisatie:
    lijst = list(rijen)
    return Budgetrealisatie(
        "Totaal",
        sum((r.budget for r in lijst), NUL),
        sum((r.betaald for r in lijst), NUL),
        sum((r.eigen_personeel for r in lijst), NUL),
        sum((r.onderaannemers for r in lijst), NUL),
    )


@dataclass(frozen=True)
class Declaraties:
    gemeente: str
    ingediend: int  # eurocent, all claims
    toegekend: int
    afgewezen: int  # of answered claims, what was not granted
    open: int  # claimed and not answered yet

    @property
    def aandeel_afgewezen(self) -> float | None:
        beantwoord = self.ingediend - self.open
        return self.afgewezen / beantwoord if beantwoord else None


def declaraties(feiten: Iterable[DeclaratieFeit]) -> list[Declaraties]:
    per: dict[str, list[int]] = {}
    for f in feiten:
        rij = per.setdefault(f.gemeente, [0, 0, 0, 0])
        rij[0] += f.ingediend
        if f.toegekend is None:
            rij[3] += f.ingediend
        else:
            rij[1] += f.toegekend
            rij[2] += f.ingediend - f.toegekend
    return [Declaraties(g, *per[g]) for g in sorted(per)]


def totaal_declaraties(rijen: Iterable[Declaraties]) -> Declaraties:
    lijst = list(rijen)
    return Declaraties(
        "Totaal",
        sum(r.ingediend for r in lijst),
        sum(r.toegekend for r in lijst),
        sum(r.afgewezen for r in lijst),
        sum(r.open for r in lijst),
    )
