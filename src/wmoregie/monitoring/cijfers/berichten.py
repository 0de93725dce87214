"""Message health: messages per type and municipality, rejections per rule code, time to the
retour, overdue answers and the lead time from toewijzing to start.

Worked example (tests/test_cijfers_berichten.py): three WMO315 to 0307, one rejected with
codes 0200 and 8001, answered after 2, 4 and 30 hours: rejection rate 1/3, per code 0200: 1
(33 %), median time to retour 4 hours.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .feiten import BerichtFeit

AFGEKEURD = frozenset({"afgekeurd", "gecorrigeerd"})
BEANTWOORD = frozenset({"goedgekeurd", "afgekeurd", "gecorrigeerd"})


@dataclass(frozen=True)
class Berichtstroom:
    berichttype: str
    gemeente: str
    aantal: int
    beantwoord: int
    afgekeurd: int
    wacht: int
    te_laat: int
    mediaan_uren_tot_retour: float | None

    @property
    def aandeel_afgekeurd(self) -> float | None:
        return self.afgekeurd / self.beantwoord if self.beantwoord else None


def _uren(f: BerichtFeit) -> float | None:
    if f.verzonden_op is None or f.beantwoord_op is None:
        return None
    return (f.beantwoord_op - f.verzonden_op).total_seconds() / 3600


def per_type_en_gemeente(feiten: Iterable[BerichtFeit]) -> list[Berichtstroom]:
    groepen: dict[tuple[str, str], list[BerichtFeit]] = {}
    for f in feiten:
        groepen.setdefault((f.berichttype, f.gemeente), []).append(f)
    uitkomst = []
    for sleutel in sorted(groepen):
        lijst = groepen[sleutel]
        uren = [u for u in map(_uren, lijst) if u is not None]
        uitkomst.append(
            Berichtstroom(
                berichttype=sleutel[0],
                gemeente=sleutel[1],
                aantal=len(lijst),
                beantwoord=sum(1 for f in lijst if f.antwoordstatus in BEANTWOORD),
                afgekeurd=sum(1 for f in lijst if f.antwoordstatus in AFGEKEURD),
                wacht=sum(1 for f in lijst if f.antwoordstatus == "wacht"),
                te_laat=sum(1 for f in lijst if f.te_laat),
                mediaan_uren_tot_retour=statistics.median(uren) if uren else None,
            )
        )
    return uitkomst


def per_retourcode(feiten: Iterable[BerichtFeit]) -> list[tuple[str, int, float | None]]:
    """(code, rejected messages carrying it, share of all answered messages)."""
    lijst = list(feiten)
    beantwoord = sum(1 for f in lijst if f.antwoordstatus in BEANTWOORD)
    telling = Counter(
        code for f in lijst if f.antwoordstatus in AFGEKEURD for code in set(f.retourcodes)
    )
    return [
        (code, n, n / beantwoord if beantwoord else None)
        for code, n in sorted(telling.items(), key=lambda p: (-p[1], p[0]))
    ]


def mediaan(waarden: Iterable[float]) -> float | None:
    lijst = list(waarden)
    return statistics.median(lijst) if lijst else None
