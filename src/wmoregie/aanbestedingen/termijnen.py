"""Termijnen van de aanbesteding: feestdagen, werkdagen, standstill en planningstoets.

Pure core: dates in, dates and findings out. No models, no queries, no clock (callers pass
dates; tests freeze nothing because nothing reads "today").

Choices (see ``docs/aanbestedingen-regels.md`` for the reasoning):

* Holidays are those of the Algemene termijnenwet (Atw) art. 3 lid 1 and lid 2: Nieuwjaarsdag,
  Goede Vrijdag, Pasen (both days), Koningsdag, 5 mei, Hemelvaartsdag, Pinksteren (both days),
  Kerstmis (both days). The Atw names "de vijfde mei" every year, so Bevrijdingsdag counts
  **every year** by default; ``Bevrijdingsdag.LUSTRUM`` is available for calendars of
  organisations whose CAO gives it only once every five years. Days the Crown adds under
  art. 3 lid 3 (e.g. the Friday after Ascension) are configuration: pass ``extra_feestdagen``.
* The standstill is 20 **calendar** days after the day the decision is sent (that day not
  counted). If the last day falls on a Saturday, Sunday or holiday we extend it to the next
  working day, as Atw art. 1 does for statutory terms. This is a deliberate, safe choice: the
  20 days come from the procurement documents, for which the Atw does not apply by itself; a
  longer standstill never harms a bidder, an award one day too early can.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from wmoregie.invoer import datum_nl

#: Standstill (opschortende termijn) in calendar days, from the procurement documents (IW-E).
STANDSTILL_DAGEN = 20
#: Norm van Opdrachtgeverschap (VNG): at least this many months between award and start.
IMPLEMENTATIE_MAANDEN = 3
#: Koningsdag exists from 2014 (Wet vaststelling Koningsdag); before it was Koninginnedag.
EERSTE_JAAR = 2014


#: Calendar-day rules (terms, ages of documents, the standstill) count Amsterdam days.
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def kalenderdag(moment: datetime) -> date:
    """The Europe/Amsterdam calendar day of a moment. A stored or current moment is in UTC;
    its ``.date()`` is the previous day between 00:00 and 01:00 (02:00 in summer) Amsterdam
    time. A naive moment is taken as already local."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(AMSTERDAM).date()


class Bevrijdingsdag(StrEnum):
    JAARLIJKS = "jaarlijks"  # Atw art. 3: every year (our default)
    LUSTRUM = "lustrum"  # only in years divisible by 5 (2025, 2030, ...)


class Ernst(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Bevinding:
    """One finding of the planning check: a stable code, a severity and a Dutch message."""

    code: str
    ernst: Ernst
    bericht: str


# --- holidays ---------------------------------------------------------------------------------


def paasdatum(jaar: int) -> date:
    """Easter Sunday (Gregorian calendar), by the anonymous Gregorian algorithm (Meeus/Jones/
    Butcher)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> date:
    """27 April, or 26 April when the 27th is a Sunday."""
    dag = date(jaar, 4, 27)
    return dag - timedelta(days=1) if dag.weekday() == calendar.SUNDAY else dag


@lru_cache(maxsize=64)
def _feestdagen(jaar: int, bevrijdingsdag: Bevrijdingsdag) -> tuple[tuple[date, str], ...]:
    if jaar < EERSTE_JAAR:
        raise ValueError(
            _("Feestdagen worden berekend vanaf %(jaar)s (Koningsdag); %(gevraagd)s valt ervoor.")
            % {"jaar": EERSTE_JAAR, "gevraagd": jaar}
        )
    pasen = paasdatum(jaar)
    dagen = [
        (date(jaar, 1, 1), "Nieuwjaarsdag"),
        (pasen - timedelta(days=2), "Goede Vrijdag"),
        (pasen, "Eerste Paasdag"),
        (pasen + timedelta(days=1), "Tweede Paasdag"),
        (koningsdag(jaar), "Koningsdag"),
        (pasen + timedelta(days=39), "Hemelvaartsdag"),
        (pasen + timedelta(days=49), "Eerste Pinksterdag"),
        (pasen + timedelta(days=50), "Tweede Pinksterdag"),
        (date(jaar, 12, 25), "Eerste Kerstdag"),
        (date(jaar, 12, 26), "Tweede Kerstdag"),
    ]
    if bevrijdingsdag is Bevrijdingsdag.JAARLIJKS or jaar % 5 == 0:
        dagen.append((date(jaar, 5, 5), "Bevrijdingsdag"))
    # Hemelvaartsdag can fall on 5 May (2016, 2157, ...): one date, both names.
    namen: dict[date, list[str]] = {}
    for dag, naam in dagen:
        namen.setdefault(dag, []).append(naam)
    return tuple(sorted((dag, " en ".join(n)) for dag, n in namen.items()))


def feestdagen(
    jaar: int, *, bevrijdingsdag: Bevrijdingsdag = Bevrijdingsdag.JAARLIJKS
) -> dict[date, str]:
    """The Dutch public holidays of a year, date -> Dutch name, in date order."""
    return dict(_feestdagen(jaar, Bevrijdingsdag(bevrijdingsdag)))


@dataclass(frozen=True)
class Kalender:
    """Which days are not working days: weekends, the holidays, and any extra days."""

    bevrijdingsdag: Bevrijdingsdag = Bevrijdingsdag.JAARLIJKS
    extra_feestdagen: frozenset[date] = frozenset()

    def is_feestdag(self, dag: date) -> bool:
        return dag in self.extra_feestdagen or dag in feestdagen(
            dag.year, bevrijdingsdag=self.bevrijdingsdag
        )

    def is_werkdag(self, dag: date) -> bool:
        return dag.weekday() < calendar.SATURDAY and not self.is_feestdag(dag)


#: The Atw calendar: Bevrijdingsdag every year, no extra days.
ATW = Kalender()


def is_werkdag(dag: date, kalender: Kalender = ATW) -> bool:
    return kalender.is_werkdag(dag)


def add_calendar_days(start: date, dagen: int) -> date:
    """``start`` plus a number of calendar days (negative counts back)."""
    return start + timedelta(days=dagen)


def add_working_days(start: date, dagen: int, kalender: Kalender = ATW) -> date:
    """The ``dagen``-th working day after ``start`` (``start`` itself not counted).

    Negative ``dagen`` counts back. ``dagen == 0`` returns ``start`` unchanged.
    """
    stap = 1 if dagen >= 0 else -1
    dag = start
    over = abs(dagen)
    while over:
        dag += timedelta(days=stap)
        if kalender.is_werkdag(dag):
            over -= 1
    return dag


def next_working_day(dag: date, kalender: Kalender = ATW) -> date:
    """``dag`` itself when it is a working day, else the first working day after it (Atw
    art. 1 lid 1)."""
    while not kalender.is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def add_months(start: date, maanden: int) -> date:
    """Calendar months; the day is clipped to the end of a shorter month (30 Nov + 3 = 28/29 Feb)."""
    index = start.year * 12 + (start.month - 1) + maanden
    jaar, maand0 = divmod(index, 12)
    dag = min(start.day, calendar.monthrange(jaar, maand0 + 1)[1])
    return date(jaar, maand0 + 1, dag)


# --- standstill -------------------------------------------------------------------------------


def standstill_end(
    verzonden: date,
    *,
    dagen: int = STANDSTILL_DAGEN,
    verlengen: bool = True,
    kalender: Kalender = ATW,
) -> date:
    """Last day of the standstill: ``verzonden`` + 20 calendar days, extended to the next working
    day when that day is a Saturday, Sunday or holiday (``verlengen=False`` switches that off)."""
    einde = add_calendar_days(verzonden, dagen)
    return next_working_day(einde, kalender) if verlengen else einde


def earliest_definitive_award(verzonden: date, **kwargs) -> date:
    """The first day on which the definitive award may follow: the day after the standstill."""
    return standstill_end(verzonden, **kwargs) + timedelta(days=1)


def latest_provisional_award(contractstart: date, **kwargs) -> date:
    """The last day the provisional award can be sent and still meet standstill and the 3-month
    implementation period before ``contractstart`` (with definitive award the day after the
    standstill)."""
    uiterlijk_definitief = add_months(contractstart, -IMPLEMENTATIE_MAANDEN)
    verzonden = uiterlijk_definitief - timedelta(days=STANDSTILL_DAGEN + 1)
    # Extensions over weekends/holidays can only push the end later: step back until it fits.
    while earliest_definitive_award(verzonden, **kwargs) > uiterlijk_definitief:
        verzonden -= timedelta(days=1)
    return verzonden


# --- planning check ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Planning:
    """The key dates of a two-phase (selection, then award) procedure."""

    publicatie: date
    vragen_deadline: date  # last day for questions (Nota van Inlichtingen)
    selectie_deadline: date  # deadline for requests to participate
    selectiebeslissing: date
    inschrijving_deadline: date  # deadline for tenders (award phase)
    voorlopige_gunning: date  # provisional award decision sent
    standstill_einde: date
    definitieve_gunning: date
    contractstart: date
    strategie_vastgesteld: date | None = None


_LABELS = {
    "strategie_vastgesteld": "vaststelling inkoopstrategie",
    "publicatie": "publicatie",
    "vragen_deadline": "sluiting vragen (Nota van Inlichtingen)",
    "selectie_deadline": "sluiting aanmelding (selectiefase)",
    "selectiebeslissing": "selectiebeslissing",
    "inschrijving_deadline": "sluiting inschrijving (gunningsfase)",
    "voorlopige_gunning": "voorlopige gunning",
    "standstill_einde": "einde standstill",
    "definitieve_gunning": "definitieve gunning",
    "contractstart": "start overeenkomst",
}

#: Dates on which something must be done or received: these should fall on a working day.
_WERKDAG_VERWACHT = (
    "publicatie",
    "vragen_deadline",
    "selectie_deadline",
    "selectiebeslissing",
    "inschrijving_deadline",
    "voorlopige_gunning",
    "definitieve_gunning",
)


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def check_planning(planning: Planning, kalender: Kalender = ATW) -> list[Bevinding]:
    """All findings for a planning; an empty list means the planning passes."""
    bevindingen: list[Bevinding] = []

    # 1. dates in order (strictly increasing); an absent optional date is skipped
    reeks = [(f.name, getattr(planning, f.name)) for f in fields(Planning)]
    reeks = [reeks[-1], *reeks[:-1]]  # strategie_vastgesteld comes first
    aanwezig = [(naam, dag) for naam, dag in reeks if dag is not None]
    for (eerder, d1), (later, d2) in pairwise(aanwezig):
        if not d1 < d2:
            bevindingen.append(
                Bevinding(
                    "planning-volgorde",
                    Ernst.ERROR,
                    _("%(later)s (%(d2)s) moet na %(eerder)s (%(d1)s) liggen.")
                    % {
                        "later": _hoofdletter(_LABELS[later]),
                        "d2": datum_nl(d2),
                        "eerder": _LABELS[eerder],
                        "d1": datum_nl(d1),
                    },
                )
            )

    # 2. standstill after the provisional award
    minimaal_einde = standstill_end(planning.voorlopige_gunning, kalender=kalender)
    if planning.standstill_einde < minimaal_einde:
        bevindingen.append(
            Bevinding(
                "standstill-te-kort",
                Ernst.ERROR,
                _(
                    "De standstill eindigt op %(gepland)s, maar duurt na verzending van de "
                    "voorlopige gunning op %(verzonden)s minstens %(dagen)s kalenderdagen: "
                    "tot en met %(einde)s."
                )
                % {
                    "gepland": datum_nl(planning.standstill_einde),
                    "verzonden": datum_nl(planning.voorlopige_gunning),
                    "dagen": STANDSTILL_DAGEN,
                    "einde": datum_nl(minimaal_einde),
                },
            )
        )
    if planning.definitieve_gunning <= minimaal_einde:
        bevindingen.append(
            Bevinding(
                "definitieve-gunning-in-standstill",
                Ernst.ERROR,
                _(
                    "De definitieve gunning op %(gunning)s valt binnen de standstill; "
                    "vroegst mogelijk is %(vroegst)s."
                )
                % {
                    "gunning": datum_nl(planning.definitieve_gunning),
                    "vroegst": datum_nl(minimaal_einde + timedelta(days=1)),
                },
            )
        )

    # 3. Norm van Opdrachtgeverschap: at least 3 months implementation
    uiterlijk = add_months(planning.contractstart, -IMPLEMENTATIE_MAANDEN)
    if planning.definitieve_gunning > uiterlijk:
        bevindingen.append(
            Bevinding(
                "implementatie-te-kort",
                Ernst.ERROR,
                _(
                    "Tussen definitieve gunning (%(gunning)s) en start (%(start)s) zit minder "
                    "dan %(maanden)s maanden implementatietijd (Norm van Opdrachtgeverschap); "
                    "gun uiterlijk op %(uiterlijk)s."
                )
                % {
                    "gunning": datum_nl(planning.definitieve_gunning),
                    "start": datum_nl(planning.contractstart),
                    "maanden": IMPLEMENTATIE_MAANDEN,
                    "uiterlijk": datum_nl(uiterlijk),
                },
            )
        )

    # 4. the selection decision has its own 20-day term before the award phase closes
    selectie_einde = standstill_end(planning.selectiebeslissing, kalender=kalender)
    if planning.inschrijving_deadline <= selectie_einde:
        bevindingen.append(
            Bevinding(
                "selectie-termijn-niet-verstreken",
                Ernst.WARNING,
                _(
                    "De inschrijving sluit op %(deadline)s, terwijl de termijn van %(dagen)s "
                    "kalenderdagen na de selectiebeslissing pas eindigt op %(einde)s."
                )
                % {
                    "deadline": datum_nl(planning.inschrijving_deadline),
                    "dagen": STANDSTILL_DAGEN,
                    "einde": datum_nl(selectie_einde),
                },
            )
        )

    # 5. deadlines and decisions on a working day
    for naam in _WERKDAG_VERWACHT:
        dag = getattr(planning, naam)
        if not kalender.is_werkdag(dag):
            bevindingen.append(
                Bevinding(
                    "datum-geen-werkdag",
                    Ernst.WARNING,
                    _("%(wat)s valt op %(datum)s, geen werkdag.")
                    % {"wat": _hoofdletter(_LABELS[naam]), "datum": datum_nl(dag)},
                )
            )
    return bevindingen


def demo_planning() -> Planning:
    """The seed's planning: strategy April 2025, procedure June-September 2025, start 2026."""
    return Planning(
        strategie_vastgesteld=date(2025, 4, 15),  # di
        publicatie=date(2025, 6, 2),  # ma
        vragen_deadline=date(2025, 6, 16),  # ma
        selectie_deadline=date(2025, 6, 30),  # ma
        selectiebeslissing=date(2025, 7, 14),  # ma; termijn tot zo 3 aug -> ma 4 aug
        inschrijving_deadline=date(2025, 8, 18),  # ma
        voorlopige_gunning=date(2025, 9, 5),  # vr
        standstill_einde=date(2025, 9, 25),  # do = 5 sep + 20
        definitieve_gunning=date(2025, 9, 26),  # vr; + 3 maanden = 26 dec <= 1 jan
        contractstart=date(2026, 1, 1),  # do (Nieuwjaarsdag: the contract's start, no deadline)
    )


def werkdagen_tussen(start: date, einde: date, kalender: Kalender = ATW) -> int:
    """Working days after ``start`` up to and including ``einde`` (0 when einde <= start)."""
    return sum(
        1 for n in range(1, (einde - start).days + 1) if kalender.is_werkdag(start + timedelta(n))
    )


def feestdagen_in(jaren: Iterable[int], kalender: Kalender = ATW) -> dict[date, str]:
    """Holidays of several years together, plus the extra days of the calendar."""
    result: dict[date, str] = {}
    for jaar in jaren:
        result.update(feestdagen(jaar, bevrijdingsdag=kalender.bevrijdingsdag))
    for dag in kalender.extra_feestdagen:
        result.setdefault(dag, "Gelijkgestelde dag (Atw art. 3 lid 3)")
    return dict(sorted(result.items()))
