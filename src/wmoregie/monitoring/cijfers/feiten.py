"""The facts the figures are computed from: one frozen record per row of another context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class Periode:
    """A closed date range (both days included)."""

    van: date
    tot: date

    def bevat(self, dag: date | None) -> bool:
        return dag is not None and self.van <= dag <= self.tot


@dataclass(frozen=True)
class TrajectFeit:
    traject: int
    client: int
    gemeente: str  # CBS code of the responsible municipality
    product: str
    aangemeld_op: date
    startdatum: date | None
    einddatum: date | None
    gebiedsteam: str = ""
    onderaannemer: str = ""  # "" = the contract partner's own staff
    geboortedatum: date | None = None
    geslacht: str = "0"  # iWmo COD046
    vorig_traject: int | None = None
    vorig_product: str = ""

    def actief_in(self, periode: Periode) -> bool:
        """Support given on at least one day of the period."""
        return (
            self.startdatum is not None
            and self.startdatum <= periode.tot
            and (self.einddatum is None or self.einddatum >= periode.van)
        )

    def in_zorg_op(self, dag: date) -> bool:
        return (
            self.startdatum is not None
            and self.startdatum <= dag
            and (self.einddatum is None or self.einddatum >= dag)
        )


@dataclass(frozen=True)
class AanmeldingFeit:
    aanmelding: int
    gemeente: str
    product: str
    aangemeld_op: date
    status: str
    weigerreden: str = ""


@dataclass(frozen=True)
class ScoreFeit:
    """The start and end score of one life domain of one ended trajectory."""

    levensdomein: str
    start: int
    eind: int


@dataclass(frozen=True)
class DoelFeit:
    levensdomein: str
    resultaat: str  # "" while not assessed


@dataclass(frozen=True)
class BudgetFeit:
    gemeente: str
    budget: Decimal
    betaald: Decimal


@dataclass(frozen=True)
class BestedingFeit:
    gemeente: str
    eigen_personeel: Decimal
    onderaannemers: Decimal


@dataclass(frozen=True)
class DeclaratieFeit:
    gemeente: str
    ingediend: int  # eurocent
    toegekend: int | None  # eurocent; None while unanswered


@dataclass(frozen=True)
class BerichtFeit:
    berichttype: str
    gemeente: str
    antwoordstatus: str
    retourcodes: tuple[str, ...] = ()
    verzonden_op: datetime | None = None
    beantwoord_op: datetime | None = None
    te_laat: bool = False  # still waiting past the answer term
