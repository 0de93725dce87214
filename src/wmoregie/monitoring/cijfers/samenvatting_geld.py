"""The summary table behind the money dashboard (see cijfers/samenvatting.py for the pattern).

Everything on the money dashboard is a sum per municipality (budget shares, instalments paid,
reported spend, claims), so ``Geldcijfer`` keeps one row per period and municipality, made by
the same ``lezen.geld_feiten`` and ``geld`` functions as the direct route; the region adds the
rows, a municipality reads its own. Back-office scopes (figures per agreement) compute
directly. A change to a budget share, an instalment, a spend report or a claim marks the
periods it touches stale (``monitoring.signalen``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Cijferperiode, Geldcijfer
from . import geld, lezen
from .feiten import Periode
from .lezen import ALLES, Cijferscope, Filter


def ververs_periode(periode: Cijferperiode) -> None:
    """Recompute one period's money summary (inside ``samenvatting.ververs``)."""
    budgetten, bestedingen, declaratiefeiten = lezen.geld_feiten(
        ALLES, Filter(periode=Periode(periode.van, periode.tot))
    )
    rijen: dict[str, Geldcijfer] = {}

    def rij(gemeente: str) -> Geldcijfer:
        if gemeente not in rijen:
            rijen[gemeente] = Geldcijfer(periode=periode, gemeente=gemeente)
        return rijen[gemeente]

    for r in geld.budgetrealisatie(budgetten, bestedingen):
        g = rij(r.gemeente)
        g.heeft_budget = True
        g.budget, g.betaald = r.budget, r.betaald
        g.eigen_personeel, g.onderaannemers = r.eigen_personeel, r.onderaannemers
    for d in geld.declaraties(declaratiefeiten):
        g = rij(d.gemeente)
        g.heeft_declaraties = True
        g.ingediend, g.toegekend, g.afgewezen, g.open = (
            d.ingediend,
            d.toegekend,
            d.afgewezen,
            d.open,
        )
    Geldcijfer.objects.filter(periode=periode).delete()
    Geldcijfer.objects.bulk_create(rijen.values(), batch_size=5_000)


def past(scope: Cijferscope) -> bool:
    """The region, or municipalities without a back office in the scope (``geld_feiten``
    ignores the area team, product and performer filters, so every filter fits)."""
    return scope.alles or (bool(scope.gemeenten) and not scope.consortia)


@dataclass(frozen=True)
class Geldset:
    realisatie: list[geld.Budgetrealisatie]
    declaraties: list[geld.Declaraties]


def geldset(scope: Cijferscope, filter_: Filter) -> Geldset | None:
    """The money figures from the summary, or None when it cannot answer exactly."""
    if not past(scope):
        return None
    periode = Cijferperiode.objects.filter(
        van=filter_.periode.van, tot=filter_.periode.tot, vervallen=False
    ).first()
    if periode is None:
        return None
    qs = Geldcijfer.objects.filter(periode=periode)
    if not scope.alles:
        qs = qs.filter(gemeente__in=scope.gemeenten)
    if filter_.gemeente:
        qs = qs.filter(gemeente=filter_.gemeente)
    rijen = sorted(qs, key=lambda r: r.gemeente)
    return Geldset(
        realisatie=[
            geld.Budgetrealisatie(
                r.gemeente, r.budget, r.betaald, r.eigen_personeel, r.onderaannemers
            )
            for r in rijen
            if r.heeft_budget
        ],
        declaraties=[
            geld.Declaraties(r.gemeente, r.ingediend, r.toegekend, r.afgewezen, r.open)
            for r in rijen
            if r.heeft_declaraties
        ],
    )


def jaar_bereik(jaar: int) -> tuple[date, date]:
    return date(jaar, 1, 1), date(jaar, 12, 31)
