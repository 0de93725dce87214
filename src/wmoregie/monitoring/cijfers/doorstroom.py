"""Flow between products, duration of trajectories and re-entry within 12 months.

* Flow: a referral that follows on an earlier trajectory (``vorig_traject``) counts as one
  move from the earlier trajectory's product to the new one, in the month it was referred.
* Duration: of trajectories that ended in the period, from start to end in calendar days.
* Re-entry: an ended trajectory whose client was referred again within 365 days after the end,
  other than as the follow-up of that trajectory.

Worked example (tests/test_cijfers_doorstroom.py): three trajectories end in 2026 after 30, 60
and 100 days: mean 63.3, median 60. One client is referred again 200 days after the end:
re-entry 1 of 3.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from .feiten import Periode, TrajectFeit

HERINSTROOM_DAGEN = 365


def stromen(feiten: Iterable[TrajectFeit], periode: Periode) -> list[tuple[str, str, int]]:
    telling = Counter(
        (f.vorig_product, f.product)
        for f in feiten
        if f.vorig_traject is not None and periode.bevat(f.aangemeld_op)
    )
    return sorted(
        ((van, naar, n) for (van, naar), n in telling.items()), key=lambda r: (-r[2], r[0], r[1])
    )


@dataclass(frozen=True)
class Duur:
    sleutel: str
    beeindigd: int
    gemiddeld: float | None
    mediaan: float | None
    langste: int | None


def duur(sleutel: str, feiten: Iterable[TrajectFeit], periode: Periode) -> Duur:
    dagen = [
        (f.einddatum - f.startdatum).days
        for f in feiten
        if f.startdatum is not None and periode.bevat(f.einddatum)
    ]
    return Duur(
        sleutel=sleutel,
        beeindigd=len(dagen),
        gemiddeld=statistics.fmean(dagen) if dagen else None,
        mediaan=statistics.median(dagen) if dagen else None,
        langste=max(dagen) if dagen else None,
    )


def duur_per_product(feiten: Iterable[TrajectFeit], periode: Periode) -> list[Duur]:
    groepen: dict[str, list[TrajectFeit]] = {}
    for f in feiten:
        groepen.setdefault(f.product, []).append(f)
    return [duur(p, groepen[p], periode) for p in sorted(groepen)]


@dataclass(frozen=True)
class Herinstroom:
    beeindigd: int
    opnieuw: int

    @property
    def aandeel(self) -> float | None:
        return self.opnieuw / self.beeindigd if self.beeindigd else None


def herinstroom(
    feiten: Iterable[TrajectFeit], periode: Periode, alle: Iterable[TrajectFeit] | None = None
) -> Herinstroom:
    """``feiten``: the trajectories looked at; ``alle``: where later referrals are looked for
    (by default the same)."""
    lijst = list(feiten)
    per_client: dict[int, list[TrajectFeit]] = {}
    for f in lijst if alle is None else alle:
        per_client.setdefault(f.client, []).append(f)
    beeindigd = opnieuw = 0
    for f in lijst:
        if not periode.bevat(f.einddatum):
            continue
        beeindigd += 1
        grens = f.einddatum + timedelta(days=HERINSTROOM_DAGEN)
        if any(
            ander.traject != f.traject
            and ander.vorig_traject != f.traject
            and f.einddatum < ander.aangemeld_op <= grens
            for ander in per_client.get(f.client, ())
        ):
            opnieuw += 1
    return Herinstroom(beeindigd=beeindigd, opnieuw=opnieuw)
