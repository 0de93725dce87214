"""Waiting from referral to start per month, its distribution, and refusals by reason.

The waiting time of one referral is ``clienten.wachttijd.Wachttijd`` (calendar days, the
region's norm per product). A start counts in the month of its start date.

Worked example (tests/test_cijfers_wachten.py): starts in March after 10, 30 and 50 days with a
norm of 42: share within the norm 2/3; distribution: 0–14 days 1, 29–42 days 1, 43–56 days 1.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from wmoregie.clienten.wachttijd import Wachttijd

from .feiten import AanmeldingFeit, Periode

# Upper bounds in days (the last class is open): two-week steps up to the 6-week Treeknorm.
KLASSEN: tuple[tuple[str, int | None], ...] = (
    ("0–14 dagen", 14),
    ("15–28 dagen", 28),
    ("29–42 dagen", 42),
    ("43–56 dagen", 56),
    ("57–91 dagen", 91),
    ("92 dagen of meer", None),
)


def klasse(dagen: int) -> str:
    for naam, grens in KLASSEN:
        if grens is None or dagen <= grens:
            return naam
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Maand:
    maand: str  # "2026-03"
    gestart: int
    binnen_norm: int
    mediaan: float | None
    klassen: dict[str, int]

    @property
    def aandeel_binnen_norm(self) -> float | None:
        return self.binnen_norm / self.gestart if self.gestart else None


def per_maand(wachttijden: Iterable[Wachttijd], periode: Periode | None = None) -> list[Maand]:
    """Started referrals grouped by the month of their start (within ``periode`` if given)."""
    groepen: dict[str, list[Wachttijd]] = {}
    for w in wachttijden:
        if not w.gestart or (periode is not None and not periode.bevat(w.startdatum)):
            continue
        groepen.setdefault(f"{w.startdatum:%Y-%m}", []).append(w)
    uitkomst = []
    for maand in sorted(groepen):
        lijst = groepen[maand]
        telling = Counter(klasse(w.dagen) for w in lijst)
        uitkomst.append(
            Maand(
                maand=maand,
                gestart=len(lijst),
                binnen_norm=sum(1 for w in lijst if w.binnen_norm),
                mediaan=statistics.median(w.dagen for w in lijst),
                klassen={naam: telling.get(naam, 0) for naam, _grens in KLASSEN},
            )
        )
    return uitkomst


def verdeling(wachttijden: Iterable[Wachttijd]) -> dict[str, int]:
    """Started referrals per waiting-time class."""
    telling = Counter(klasse(w.dagen) for w in wachttijden if w.gestart)
    return {naam: telling.get(naam, 0) for naam, _grens in KLASSEN}


def weigeringen(feiten: Iterable[AanmeldingFeit], periode: Periode) -> list[tuple[str, int]]:
    """Refused referrals (referred within the period) per reason, most frequent first."""
    telling = Counter(
        f.weigerreden for f in feiten if f.status == "geweigerd" and periode.bevat(f.aangemeld_op)
    )
    return sorted(telling.items(), key=lambda paar: (-paar[1], paar[0]))
