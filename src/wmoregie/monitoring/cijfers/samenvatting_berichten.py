"""The summary tables behind the message-health dashboard (see cijfers/samenvatting.py for the
pattern: per ``Cijferperiode``, refreshed when stale, read only when it answers exactly).

At national scale the dashboard would read ~10 million trajectory messages; the summary keeps,
per period, message type and municipality (``Berichtcijfer``): the counts, the median hours to
the retour (at the table's own grain, so exact), the rejections per return code (additive) and
the waiting messages per answer deadline, so "answer late" is exact for any day the page is
looked at. Per municipality the lead times toewijzing → start are a histogram of days
(``Doorloopcijfer``), from which the median of any set of municipalities comes back exactly.
The received claim messages no claim refers to are a count of *now*, not of a period: they are
kept apart (``Berichtstand``), stale after every ingest and every change to a claim.

Both routes share the code that counts (``berichten.per_type_en_gemeente``'s rules, the same
``lezen`` queries), so a summary changes the speed, never the figure.
"""

from __future__ import annotations

import statistics
import time as _time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from wmoregie.aanbestedingen.termijnen import add_working_days
from wmoregie.clienten.constants import ANTWOORDTERMIJN_WERKDAGEN
from wmoregie.clienten.models import Toewijzing, Trajectbericht

from ..models import Berichtcijfer, Berichtstand, Cijferperiode, Doorloopcijfer
from . import berichten
from .lezen import Cijferscope, Filter

CLAIMBERICHTEN = ("wmo323", "wmo325")

# --- refreshing -----------------------------------------------------------------------------------


def _ververs_berichten(periode: Cijferperiode) -> None:
    groepen: dict[tuple[str, str], dict] = {}
    qs = (
        Trajectbericht.objects.filter(
            verzonden_op__date__gte=periode.van, verzonden_op__date__lte=periode.tot
        )
        .order_by()
        .values_list(
            "berichttype",
            "traject__aanmelding__gemeente__code",
            "antwoordstatus",
            "retourcodes",
            "verzonden_op",
            "beantwoord_op",
        )
    )
    for soort, gemeente, status, codes, verzonden, beantwoord in qs.iterator(chunk_size=20_000):
        g = groepen.get((soort.upper(), gemeente))
        if g is None:
            g = groepen[(soort.upper(), gemeente)] = {
                "aantal": 0,
                "beantwoord": 0,
                "afgekeurd": 0,
                "wacht": 0,
                "uren": [],
                "codes": Counter(),
                "wachtend": Counter(),
            }
        g["aantal"] += 1
        if status in berichten.BEANTWOORD:
            g["beantwoord"] += 1
        if status in berichten.AFGEKEURD:
            g["afgekeurd"] += 1
            g["codes"].update(set(codes.split()))
        if status == "wacht":
            g["wacht"] += 1
            uiterste = add_working_days(timezone.localdate(verzonden), ANTWOORDTERMIJN_WERKDAGEN)
            g["wachtend"][uiterste.isoformat()] += 1
        if verzonden is not None and beantwoord is not None:
            g["uren"].append((beantwoord - verzonden).total_seconds() / 3600)
    Berichtcijfer.objects.filter(periode=periode).delete()
    Berichtcijfer.objects.bulk_create(
        [
            Berichtcijfer(
                periode=periode,
                berichttype=soort,
                gemeente=gemeente,
                aantal=g["aantal"],
                beantwoord=g["beantwoord"],
                afgekeurd=g["afgekeurd"],
                wacht=g["wacht"],
                mediaan_uren=statistics.median(g["uren"]) if g["uren"] else None,
                retourcodes=dict(g["codes"]),
                wachtend=dict(g["wachtend"]),
            )
            for (soort, gemeente), g in groepen.items()
        ],
        batch_size=5_000,
    )


def _ververs_doorloop(periode: Cijferperiode) -> None:
    per_gemeente: dict[str, Counter] = defaultdict(Counter)
    for gemeente, start, eerste in (
        Toewijzing.objects.filter(
            traject__startdatum__gte=periode.van, traject__startdatum__lte=periode.tot
        )
        .order_by()
        .values("traject_id", "traject__startdatum", "traject__aanmelding__gemeente__code")
        .annotate(eerste=Min("toewijzingsdatum"))
        .values_list("traject__aanmelding__gemeente__code", "traject__startdatum", "eerste")
        .iterator(chunk_size=20_000)
    ):
        per_gemeente[gemeente][str(max(0, (start - eerste).days))] += 1
    Doorloopcijfer.objects.filter(periode=periode).delete()
    Doorloopcijfer.objects.bulk_create(
        [
            Doorloopcijfer(periode=periode, gemeente=gemeente, dagen=dict(dagen))
            for gemeente, dagen in per_gemeente.items()
        ],
        batch_size=5_000,
    )


def ververs_periode(periode: Cijferperiode) -> None:
    """Recompute one period's message summaries (inside ``samenvatting.ververs``)."""
    _ververs_berichten(periode)
    _ververs_doorloop(periode)


def _onverwerkte_rijen() -> list[list]:
    from wmoregie.iwmo.models import Bericht, BerichtStatus

    return [
        list(rij)
        for rij in Bericht.objects.filter(
            berichttype__in=CLAIMBERICHTEN,
            trajectberichten__isnull=True,
            beantwoordt_trajectberichten__isnull=True,
            declaratie__isnull=True,
            beantwoordt_declaratie__isnull=True,
        )
        .exclude(status__in=[BerichtStatus.VERZONDEN, BerichtStatus.ONLEESBAAR])
        .order_by("gemeente", "berichttype", "afzender", "ontvanger")
        .values("gemeente", "berichttype", "afzender", "ontvanger")
        .annotate(aantal=Count("pk"))
        .values_list("gemeente", "berichttype", "afzender", "ontvanger", "aantal")
    ]


def ververs_stand() -> Berichtstand:
    """Recount the received claim messages no claim refers to."""
    begin = _time.monotonic()
    with transaction.atomic():
        stand = Berichtstand.objects.select_for_update().order_by("pk").first()
        if stand is None:
            stand = Berichtstand.objects.create()
        stand.vervallen = False
        stand.save(update_fields=["vervallen"])
        stand.onverwerkt = _onverwerkte_rijen()
        stand.ververst_op = timezone.now()
        stand.duur_ms = int((_time.monotonic() - begin) * 1000)
        stand.save(update_fields=["onverwerkt", "ververst_op", "duur_ms"])
    return stand


def markeer_stand() -> int:
    """Mark the claim-message count stale (after an ingest or a change to a claim)."""
    return Berichtstand.objects.filter(vervallen=False).update(vervallen=True)


def ververs_stand_als_vervallen() -> Berichtstand | None:
    if Berichtstand.objects.filter(vervallen=False).exists():
        return None
    return ververs_stand()


# --- reading --------------------------------------------------------------------------------------


def past(scope: Cijferscope, filter_: Filter) -> bool:
    """Whether the summary answers this scope and filter exactly: the region, or
    municipalities only (no back office or subcontractor), without an area team, product or
    performer filter."""
    if filter_.gebiedsteam or filter_.product or filter_.onderaannemer is not None:
        return False
    if scope.alles:
        return True
    return bool(scope.gemeenten) and not scope.consortia and not scope.onderaannemers


def _gemeenten(scope: Cijferscope, filter_: Filter):
    """A test on a municipality code for the scope and filter."""
    if filter_.gemeente:
        return lambda g: g == filter_.gemeente and (scope.alles or g in scope.gemeenten)
    if scope.alles:
        return lambda g: True
    return lambda g: g in scope.gemeenten


def mediaan_uit_telling(telling: dict[int, int]) -> float | None:
    """``statistics.median`` of the values a histogram {value: count} stands for."""
    n = sum(telling.values())
    if not n:
        return None
    waarden = sorted(telling)

    def waarde(index: int) -> int:
        for w in waarden:
            if index < telling[w]:
                return w
            index -= telling[w]
        raise IndexError(index)  # pragma: no cover - index < n

    if n % 2:
        return waarde(n // 2)
    return (waarde(n // 2 - 1) + waarde(n // 2)) / 2


@dataclass(frozen=True)
class Berichtenset:
    stromen: list[berichten.Berichtstroom]
    codes: list[tuple[str, int, float | None]]
    doorlooptijden: int  # trajectories started in the period with a toewijzing
    mediaan_doorlooptijd: float | None
    te_laat: int


def berichtenset(scope: Cijferscope, filter_: Filter, peildatum: date) -> Berichtenset | None:
    """The message-health figures from the summary, or None when it cannot answer exactly."""
    if not past(scope, filter_):
        return None
    periode = Cijferperiode.objects.filter(
        van=filter_.periode.van, tot=filter_.periode.tot, vervallen=False
    ).first()
    if periode is None:
        return None
    hoort = _gemeenten(scope, filter_)
    rijen = sorted(
        (r for r in Berichtcijfer.objects.filter(periode=periode) if hoort(r.gemeente)),
        key=lambda r: (r.berichttype, r.gemeente),
    )
    peil = peildatum.isoformat()
    stromen = []
    beantwoord = 0
    codes: Counter = Counter()
    for r in rijen:
        stromen.append(
            berichten.Berichtstroom(
                berichttype=r.berichttype,
                gemeente=r.gemeente,
                aantal=r.aantal,
                beantwoord=r.beantwoord,
                afgekeurd=r.afgekeurd,
                wacht=r.wacht,
                te_laat=sum(n for uiterste, n in r.wachtend.items() if uiterste < peil),
                mediaan_uren_tot_retour=r.mediaan_uren,
            )
        )
        beantwoord += r.beantwoord
        codes.update(r.retourcodes)
    telling: Counter = Counter()
    for dagen in Doorloopcijfer.objects.filter(periode=periode).values_list("gemeente", "dagen"):
        if hoort(dagen[0]):
            telling.update({int(d): n for d, n in dagen[1].items()})
    return Berichtenset(
        stromen=stromen,
        codes=[
            (code, n, n / beantwoord if beantwoord else None)
            for code, n in sorted(codes.items(), key=lambda p: (-p[1], p[0]))
        ],
        doorlooptijden=sum(telling.values()),
        mediaan_doorlooptijd=mediaan_uit_telling(telling),
        te_laat=sum(s.te_laat for s in stromen),
    )


def onverwerkte_declaratieberichten(scope: Cijferscope, filter_: Filter) -> int | None:
    """``lezen.onverwerkte_declaratieberichten`` from the count kept, or None when stale."""
    stand = Berichtstand.objects.filter(vervallen=False).order_by("pk").first()
    if stand is None:
        return None
    from wmoregie.accounts.models import Organisatie
    from wmoregie.clienten.services.berichten.ontvangst import _RETOUREN, _VAN_GEMEENTE

    agb_codes = set(
        Organisatie.objects.exclude(agb_code="")
        .filter(overeenkomsten__isnull=False)
        .values_list("agb_code", flat=True)
    )
    eigen: set[str] = set()
    if not scope.alles and scope.consortia:
        eigen = set(
            Organisatie.objects.filter(pk__in=scope.consortia)
            .exclude(agb_code="")
            .values_list("agb_code", flat=True)
        )

    def telt(gemeente: str, soort: str, afzender: str, ontvanger: str) -> bool:
        if not (
            (soort in _VAN_GEMEENTE and ontvanger in agb_codes)
            or (soort in _RETOUREN and afzender in agb_codes)
        ):
            return False
        if not scope.alles and not (
            gemeente in scope.gemeenten or afzender in eigen or ontvanger in eigen
        ):
            return False
        return not filter_.gemeente or gemeente == filter_.gemeente

    return sum(n for g, soort, afz, ontv, n in stand.onverwerkt if telt(g, soort, afz, ontv))
