"""Waiting time from referral to start, against the region's norm. Pure functions.

The waiting time of one referral is counted in calendar days (Europe/Amsterdam dates) from the
referral date to the start date, or to the reference date while it has not started. A referral
that was refused, withdrawn or ended before its start does not wait any more and is left out.

Worked example (docs/clienten.md): referred on 5 January, started on 2 February: 28 days; with a
norm of 42 days that is within the norm. Still waiting on 20 February after a referral on
2 January: 49 days, over the norm.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Wachttijd:
    aangemeld_op: date
    startdatum: date | None
    peildatum: date
    norm: int  # days

    @property
    def gestart(self) -> bool:
        return self.startdatum is not None and self.startdatum <= self.peildatum

    @property
    def dagen(self) -> int:
        einde = self.startdatum if self.gestart else self.peildatum
        return max(0, (einde - self.aangemeld_op).days)

    @property
    def binnen_norm(self) -> bool:
        return self.dagen <= self.norm

    @property
    def over_norm(self) -> int:
        """Days past the norm (0 within it)."""
        return max(0, self.dagen - self.norm)

    def toelichting(self) -> str:
        tot = (
            f"gestart op {self.startdatum:%d-%m-%Y}"
            if self.gestart
            else f"nog niet gestart op {self.peildatum:%d-%m-%Y}"
        )
        oordeel = "binnen de norm" if self.binnen_norm else f"{self.over_norm} dagen boven de norm"
        return (
            f"Aangemeld op {self.aangemeld_op:%d-%m-%Y}, {tot}: {self.dagen} dagen; "
            f"norm {self.norm} dagen, {oordeel}."
        )


@dataclass(frozen=True)
class Samenvatting:
    """Waiting times of one group (a product, municipality or area team)."""

    sleutel: str
    gestart: int  # number of starts counted
    gemiddeld: float | None  # days, of the started ones
    mediaan: float | None
    langste: int | None
    binnen_norm: int  # started within the norm
    wachtend: int  # not started yet on the reference date
    wachtend_over_norm: int
    langst_wachtend: int | None

    @property
    def aandeel_binnen_norm(self) -> float | None:
        """Share of the started ones that started within the norm (0–1), None without starts."""
        return self.binnen_norm / self.gestart if self.gestart else None


def vat_samen(sleutel: str, wachttijden: Iterable[Wachttijd]) -> Samenvatting:
    lijst = list(wachttijden)
    gestart = [w.dagen for w in lijst if w.gestart]
    wachtend = [w for w in lijst if not w.gestart]
    return Samenvatting(
        sleutel=sleutel,
        gestart=len(gestart),
        gemiddeld=statistics.fmean(gestart) if gestart else None,
        mediaan=statistics.median(gestart) if gestart else None,
        langste=max(gestart) if gestart else None,
        binnen_norm=sum(1 for w in lijst if w.gestart and w.binnen_norm),
        wachtend=len(wachtend),
        wachtend_over_norm=sum(1 for w in wachtend if not w.binnen_norm),
        langst_wachtend=max((w.dagen for w in wachtend), default=None),
    )


def per_groep(paren: Iterable[tuple[str, Wachttijd]]) -> list[Samenvatting]:
    """Group (key, waiting time) pairs and summarise each group, sorted by key."""
    groepen: dict[str, list[Wachttijd]] = {}
    for sleutel, wachttijd in paren:
        groepen.setdefault(sleutel, []).append(wachttijd)
    return [vat_samen(sleutel, groepen[sleutel]) for sleutel in sorted(groepen)]
