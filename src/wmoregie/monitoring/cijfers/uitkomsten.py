"""Outcomes: change of the scores per life domain between the start and end measurement, and
goals reached per life domain.

Worked example (tests/test_cijfers_uitkomsten.py): Financiën 2→4 and 3→3: mean start 2.5, mean
end 3.5, mean change +1.0, one improved, one the same. Goals Financiën: behaald, deels, niet,
open: reached 1 of 3 assessed.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from .feiten import DoelFeit, ScoreFeit


@dataclass(frozen=True)
class Scoreverandering:
    levensdomein: str
    aantal: int
    gemiddeld_start: float
    gemiddeld_eind: float
    verbeterd: int
    gelijk: int
    verslechterd: int

    @property
    def gemiddelde_verandering(self) -> float:
        return self.gemiddeld_eind - self.gemiddeld_start


def scoreveranderingen(
    feiten: Iterable[ScoreFeit], volgorde: list[str] | None = None
) -> list[Scoreverandering]:
    groepen: dict[str, list[ScoreFeit]] = {}
    for f in feiten:
        groepen.setdefault(f.levensdomein, []).append(f)
    namen = [n for n in (volgorde or []) if n in groepen] + sorted(
        n for n in groepen if n not in (volgorde or [])
    )
    return [
        Scoreverandering(
            levensdomein=naam,
            aantal=len(groepen[naam]),
            gemiddeld_start=statistics.fmean(f.start for f in groepen[naam]),
            gemiddeld_eind=statistics.fmean(f.eind for f in groepen[naam]),
            verbeterd=sum(1 for f in groepen[naam] if f.eind > f.start),
            gelijk=sum(1 for f in groepen[naam] if f.eind == f.start),
            verslechterd=sum(1 for f in groepen[naam] if f.eind < f.start),
        )
        for naam in namen
    ]


@dataclass(frozen=True)
class Doelbereik:
    levensdomein: str
    behaald: int
    deels: int
    niet: int
    open: int

    @property
    def beoordeeld(self) -> int:
        return self.behaald + self.deels + self.niet

    @property
    def aandeel_behaald(self) -> float | None:
        return self.behaald / self.beoordeeld if self.beoordeeld else None


def doelbereik(feiten: Iterable[DoelFeit], volgorde: list[str] | None = None) -> list[Doelbereik]:
    groepen: dict[str, list[str]] = {}
    for f in feiten:
        groepen.setdefault(f.levensdomein, []).append(f.resultaat)
    namen = [n for n in (volgorde or []) if n in groepen] + sorted(
        n for n in groepen if n not in (volgorde or [])
    )
    return [
        Doelbereik(
            levensdomein=naam,
            behaald=groepen[naam].count("behaald"),
            deels=groepen[naam].count("deels"),
            niet=groepen[naam].count("niet"),
            open=groepen[naam].count(""),
        )
        for naam in namen
    ]
