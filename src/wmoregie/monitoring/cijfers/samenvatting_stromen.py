"""The summary tables behind the waiting, flow/duration and outcomes dashboards (see
cijfers/samenvatting.py for the pattern: per ``Cijferperiode``, refreshed with the period's
other summaries, read only when it answers exactly).

Every row is one municipality × product, so a filter on municipality or product, the region,
and any set of municipalities are sums of rows; what does not add up is kept so it comes back
exactly:

* **Waiting** (``Wachtcijfer``): the referrals started per month of the start as a histogram of
  waiting days, so the median and the classes of any set of rows are exact (the region's merged
  rows are kept too, under municipality code ``REGIO``); "within the norm"
  is applied when reading, with the norms of now (as the direct route does). Refusals per
  reason (``Weigercijfer``). "Still waiting today" is a count of now, not of a period: it comes
  from the kept stand of waiting referrals (``cijfers/wachtstand.py``).
* **Flow and duration**: moves between products (``Stroomcijfer``); per ended trajectory the
  days from start to end as a histogram, and the re-entries within 365 days (``Duurcijfer``, with
  the region's merged rows under ``REGIO``), counted twice: anywhere (the region looks among all trajectories) and in the same
  municipality (a municipality looks among its own).
* **Outcomes** (``Uitkomstcijfer``): per life domain the number of start → end pairs, the sums
  of the scores (so a mean of any set of rows is exact), better / same / worse, and the goals
  by result.

When the summary cannot answer (area team or performer filter, back office or subcontractor,
a period not summarised or stale, waiting figures of a period ending after the reference day,
re-entry for several municipalities at once) the direct route runs, as before; both routes end
in the same dataclasses, so the tables are built by one piece of code.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q

from wmoregie.catalogi.models import Product
from wmoregie.clienten import selectors as clientselectors
from wmoregie.clienten.constants import AanmeldingStatus, Meetmoment
from wmoregie.clienten.models import Aanmelding, Doel, Levensdomein, Score, Traject, Weigerreden

from ..models import (
    Cijferperiode,
    Duurcijfer,
    Stroomcijfer,
    Uitkomstcijfer,
    Wachtcijfer,
    Weigercijfer,
)
from . import berichten, doorstroom, lezen, uitkomsten, wachten, wachtstand
from .feiten import TrajectFeit
from .lezen import ALLES, Cijferscope, Filter
from .samenvatting_berichten import mediaan_uit_telling

# The waiting and duration rows of the whole region (all municipalities merged) under this code:
# the region's page reads a row per product (and month) instead of every municipality's (10,000
# histograms at national scale).
REGIO = ""

# --- refreshing -----------------------------------------------------------------------------------


def _ververs_wachten(periode: Cijferperiode) -> None:
    telling: dict[tuple[str, int, str], Counter] = defaultdict(Counter)
    for gemeente, product, aangemeld, start in (
        Aanmelding.objects.filter(
            status=AanmeldingStatus.GEACCEPTEERD,
            traject__startdatum__gte=periode.van,
            traject__startdatum__lte=periode.tot,
        )
        .order_by()
        .values_list("gemeente__code", "product_id", "aangemeld_op", "traject__startdatum")
        .iterator(chunk_size=20_000)
    ):
        telling[(gemeente, product, f"{start:%Y-%m}")][str(max(0, (start - aangemeld).days))] += 1
    regio: dict[tuple[str, int, str], Counter] = defaultdict(Counter)
    for (_gemeente, product, maand), dagen in telling.items():
        regio[(REGIO, product, maand)].update(dagen)
    telling.update(regio)
    Wachtcijfer.objects.filter(periode=periode).delete()
    Wachtcijfer.objects.bulk_create(
        [
            Wachtcijfer(
                periode=periode, gemeente=gemeente, product_id=product, maand=maand, dagen=dagen
            )
            for (gemeente, product, maand), dagen in telling.items()
        ],
        batch_size=5_000,
    )
    Weigercijfer.objects.filter(periode=periode).delete()
    Weigercijfer.objects.bulk_create(
        [
            Weigercijfer(
                periode=periode,
                gemeente=gemeente,
                product_id=product,
                weigerreden_id=reden,
                aantal=n,
            )
            for gemeente, product, reden, n in Aanmelding.objects.filter(
                status=AanmeldingStatus.GEWEIGERD,
                aangemeld_op__gte=periode.van,
                aangemeld_op__lte=periode.tot,
            )
            .order_by()
            .values("gemeente__code", "product_id", "weigerreden_id")
            .annotate(n=Count("pk"))
            .values_list("gemeente__code", "product_id", "weigerreden_id", "n")
        ],
        batch_size=5_000,
    )


def _ververs_stromen(periode: Cijferperiode) -> None:
    Stroomcijfer.objects.filter(periode=periode).delete()
    Stroomcijfer.objects.bulk_create(
        [
            Stroomcijfer(
                periode=periode, gemeente=gemeente, van_product_id=van, product_id=naar, aantal=n
            )
            for gemeente, van, naar, n in Traject.objects.filter(
                aanmelding__vorig_traject__isnull=False,
                aanmelding__aangemeld_op__gte=periode.van,
                aanmelding__aangemeld_op__lte=periode.tot,
            )
            .order_by()
            .values(
                "aanmelding__gemeente__code", "aanmelding__vorig_traject__product_id", "product_id"
            )
            .annotate(n=Count("pk"))
            .values_list(
                "aanmelding__gemeente__code",
                "aanmelding__vorig_traject__product_id",
                "product_id",
                "n",
            )
        ],
        batch_size=5_000,
    )


def _ververs_duur(periode: Cijferperiode) -> None:
    cellen: dict[tuple[str, int], dict] = {}

    def cel(gemeente: str, product: int) -> dict:
        if (gemeente, product) not in cellen:
            cellen[(gemeente, product)] = {
                "dagen": Counter(),
                "beeindigd": 0,
                "opnieuw": 0,
                "opnieuw_gemeente": 0,
            }
        return cellen[(gemeente, product)]

    # every product a municipality has trajectories of has a row (the direct route lists it)
    for gemeente, product in (
        Traject.objects.order_by()
        .values_list("aanmelding__gemeente__code", "product_id")
        .distinct()
    ):
        cel(gemeente, product)
    beeindigd = Traject.objects.filter(
        einddatum__gte=periode.van, einddatum__lte=periode.tot
    ).order_by()
    later: dict[int, list[tuple[int, int | None, date, str]]] = defaultdict(list)
    for client, pk, vorig, aangemeld, gemeente in (
        Traject.objects.filter(client_id__in=beeindigd.values("client_id"))
        .order_by()
        .values_list(
            "client_id",
            "pk",
            "aanmelding__vorig_traject_id",
            "aanmelding__aangemeld_op",
            "aanmelding__gemeente__code",
        )
        .iterator(chunk_size=20_000)
    ):
        later[client].append((pk, vorig, aangemeld, gemeente))
    for pk, client, gemeente, product, start, eind in beeindigd.values_list(
        "pk", "client_id", "aanmelding__gemeente__code", "product_id", "startdatum", "einddatum"
    ).iterator(chunk_size=20_000):
        c = cel(gemeente, product)
        c["beeindigd"] += 1
        if start is not None:
            c["dagen"][str((eind - start).days)] += 1
        grens = eind + timedelta(days=doorstroom.HERINSTROOM_DAGEN)
        opnieuw = [
            g
            for ander, vorig, aangemeld, g in later[client]
            if ander != pk and vorig != pk and eind < aangemeld <= grens
        ]
        if opnieuw:
            c["opnieuw"] += 1
            if gemeente in opnieuw:
                c["opnieuw_gemeente"] += 1
    for (_gemeente, product), c in list(cellen.items()):
        regio = cel(REGIO, product)
        regio["dagen"].update(c["dagen"])
        for veld in ("beeindigd", "opnieuw", "opnieuw_gemeente"):
            regio[veld] += c[veld]
    Duurcijfer.objects.filter(periode=periode).delete()
    Duurcijfer.objects.bulk_create(
        [
            Duurcijfer(
                periode=periode,
                gemeente=gemeente,
                product_id=product,
                dagen=dict(c["dagen"]),
                beeindigd=c["beeindigd"],
                opnieuw=c["opnieuw"],
                opnieuw_gemeente=c["opnieuw_gemeente"],
            )
            for (gemeente, product), c in cellen.items()
        ],
        batch_size=5_000,
    )


def _ververs_uitkomsten(periode: Cijferperiode) -> None:
    beeindigd = Q(einddatum__gte=periode.van, einddatum__lte=periode.tot)
    cellen: dict[tuple[str, int, int], Counter] = defaultdict(Counter)
    gemeten: set[tuple[str, int, int]] = set()
    paren: dict[tuple[int, int], dict[str, int]] = {}
    waar: dict[int, tuple[str, int]] = {}
    for traject, moment, domein, waarde, gemeente, product in (
        Score.objects.filter(
            meetronde__traject__in=Traject.objects.filter(beeindigd).values("pk"),
            meetronde__moment__in=[Meetmoment.START, Meetmoment.EIND],
        )
        .values_list(
            "meetronde__traject_id",
            "meetronde__moment",
            "levensdomein_id",
            "waarde",
            "meetronde__traject__aanmelding__gemeente__code",
            "meetronde__traject__product_id",
        )
        .iterator(chunk_size=20_000)
    ):
        # as lezen.score_feiten: the last score of a moment read counts
        paren.setdefault((traject, domein), {})[moment] = waarde
        waar[traject] = (gemeente, product)
        gemeten.add((gemeente, product, domein))
    for (traject, domein), m in paren.items():
        if Meetmoment.START not in m or Meetmoment.EIND not in m:
            continue
        start, eind = m[Meetmoment.START], m[Meetmoment.EIND]
        c = cellen[(*waar[traject], domein)]
        c["aantal"] += 1
        c["som_start"] += start
        c["som_eind"] += eind
        c["verbeterd" if eind > start else "gelijk" if eind == start else "verslechterd"] += 1
    for gemeente, product, domein, resultaat in (
        Doel.objects.filter(plan__traject__in=Traject.objects.filter(beeindigd).values("pk"))
        .values_list(
            "plan__traject__aanmelding__gemeente__code",
            "plan__traject__product_id",
            "levensdomein_id",
            "resultaat",
        )
        .iterator(chunk_size=20_000)
    ):
        cellen[(gemeente, product, domein)][resultaat or "open"] += 1
    for sleutel in gemeten:  # a measured domain has a row, also without complete pairs
        cellen.setdefault(sleutel, Counter())
    Uitkomstcijfer.objects.filter(periode=periode).delete()
    Uitkomstcijfer.objects.bulk_create(
        [
            Uitkomstcijfer(
                periode=periode,
                gemeente=gemeente,
                product_id=product,
                levensdomein_id=domein,
                gemeten=(gemeente, product, domein) in gemeten,
                **{veld: c[veld] for veld in UITKOMSTVELDEN},
            )
            for (gemeente, product, domein), c in cellen.items()
        ],
        batch_size=5_000,
    )


UITKOMSTVELDEN = (
    "aantal",
    "som_start",
    "som_eind",
    "verbeterd",
    "gelijk",
    "verslechterd",
    "behaald",
    "deels",
    "niet",
    "open",
)


def ververs_periode(periode: Cijferperiode) -> None:
    """Recompute one period's waiting, flow and outcome summaries (inside
    ``samenvatting.ververs``)."""
    _ververs_wachten(periode)
    _ververs_stromen(periode)
    _ververs_duur(periode)
    _ververs_uitkomsten(periode)


# --- what the dashboards show (either route) ------------------------------------------------------


@dataclass(frozen=True)
class Wachtregel:
    gestart: int
    binnen_norm: int
    mediaan: float | None

    @property
    def aandeel(self) -> float | None:
        return self.binnen_norm / self.gestart if self.gestart else None


@dataclass(frozen=True)
class Wachtset:
    maanden: list[wachten.Maand]
    klassen: dict[str, int]
    totaal: Wachtregel | None  # None: no starts
    regio: Wachtregel | None
    wachtend: int
    boven_norm: int
    weigeringen: list[tuple[str, int]]


def wachtset_uit_feiten(scope: Cijferscope, filter_: Filter, peildatum: date) -> Wachtset:
    """The direct route: from the referrals themselves."""

    def regel(lijst) -> Wachtregel | None:
        if not lijst:
            return None
        return Wachtregel(
            len(lijst),
            sum(1 for w in lijst if w.binnen_norm),
            berichten.mediaan(w.dagen for w in lijst),
        )

    lijst = lezen.wachttijden(scope, filter_, peildatum)
    in_periode = [w for w in lijst if w.gestart and filter_.periode.bevat(w.startdatum)]
    regio = None
    if scope.regio_totaal:
        regio = regel(
            [
                w
                for w in lezen.wachttijden(ALLES, filter_.zonder_gebied(), peildatum)
                if w.gestart and filter_.periode.bevat(w.startdatum)
            ]
        )
    wachtend = [w for w in lijst if not w.gestart]
    return Wachtset(
        maanden=wachten.per_maand(lijst, filter_.periode),
        klassen=wachten.verdeling(in_periode),
        totaal=regel(in_periode),
        regio=regio,
        wachtend=len(wachtend),
        boven_norm=sum(1 for w in wachtend if not w.binnen_norm),
        weigeringen=wachten.weigeringen(lezen.aanmelding_feiten(scope, filter_), filter_.periode),
    )


@dataclass(frozen=True)
class Doorstroomset:
    stromen: list[tuple[str, str, int]]
    duur: list[doorstroom.Duur]
    totaal: doorstroom.Duur
    herinstroom: doorstroom.Herinstroom


def doorstroomset_uit_feiten(
    scope: Cijferscope, filter_: Filter, feiten: list[TrajectFeit]
) -> Doorstroomset:
    periode = filter_.periode
    # re-entry is looked for among all trajectories in scope, also after the period
    alle = lezen.traject_feiten(scope, Filter(periode=periode))
    return Doorstroomset(
        stromen=doorstroom.stromen(feiten, periode),
        duur=doorstroom.duur_per_product(feiten, periode),
        totaal=doorstroom.duur("Totaal", feiten, periode),
        herinstroom=doorstroom.herinstroom(feiten, periode, alle),
    )


@dataclass(frozen=True)
class Uitkomstset:
    scores: list[uitkomsten.Scoreverandering]
    doelen: list[uitkomsten.Doelbereik]


def uitkomstset_uit_feiten(scope: Cijferscope, filter_: Filter) -> Uitkomstset:
    scores, volgorde = lezen.score_feiten(scope, filter_)
    return Uitkomstset(
        scores=uitkomsten.scoreveranderingen(scores, volgorde),
        doelen=uitkomsten.doelbereik(lezen.doel_feiten(scope, filter_), volgorde),
    )


# --- reading --------------------------------------------------------------------------------------


def past(scope: Cijferscope, filter_: Filter, een_gemeente: bool = False) -> bool:
    """Whether the rows answer this scope and filter exactly: the region or municipalities
    (``een_gemeente``: exactly one), without an area team or performer filter."""
    if filter_.gebiedsteam or filter_.onderaannemer is not None:
        return False
    if scope.alles:
        return True
    if scope.consortia or scope.onderaannemers or not scope.gemeenten:
        return False
    if filter_.gemeente and filter_.gemeente not in scope.gemeenten:
        return False
    return not een_gemeente or len(scope.gemeenten) == 1


def _actueel(filter_: Filter) -> Cijferperiode | None:
    return Cijferperiode.objects.filter(
        van=filter_.periode.van, tot=filter_.periode.tot, vervallen=False
    ).first()


def _regiocellen(scope: Cijferscope, filter_: Filter) -> Q:
    """The waiting or duration rows to read: the region's own rows for the whole region, else
    the municipalities' (whose codes never equal ``REGIO``)."""
    if scope.alles and not filter_.gemeente:
        q = Q(gemeente=REGIO)
        return q & Q(product_id=filter_.product) if filter_.product else q
    return lezen.cellen_in_scope(scope, filter_)


def _telling(dagen: dict) -> Counter:
    return Counter({int(d): n for d, n in dagen.items()})


def wachtset(scope: Cijferscope, filter_: Filter, peildatum: date) -> Wachtset | None:
    """The waiting figures from the summary, or None when it cannot answer exactly. A period
    ending after ``peildatum`` is computed directly (a start after it has not happened yet)."""
    if filter_.periode.tot > peildatum or not past(scope, filter_):
        return None
    periode = _actueel(filter_)
    if periode is None:
        return None
    normen = clientselectors.wachttijdnormen()
    norm: dict[int, int] = {}

    def binnen(product: int, telling: Counter) -> int:
        if product not in norm:
            norm[product] = clientselectors.norm_voor(Product(pk=product), normen)
        return sum(n for d, n in telling.items() if d <= norm[product])

    def regel(q: Q) -> tuple[dict[str, list], Wachtregel | None]:
        maanden: dict[str, list] = {}
        for product, maand, dagen in (
            Wachtcijfer.objects.filter(q, periode=periode)
            .order_by()
            .values_list("product_id", "maand", "dagen")
        ):
            telling = _telling(dagen)
            m = maanden.setdefault(maand, [Counter(), 0])
            m[0].update(telling)
            m[1] += binnen(product, telling)
        alles: Counter = Counter()
        for m in maanden.values():
            alles.update(m[0])
        n = sum(alles.values())
        if not n:
            return maanden, None
        return maanden, Wachtregel(
            n, sum(m[1] for m in maanden.values()), mediaan_uit_telling(alles)
        )

    maanden, totaal = regel(_regiocellen(scope, filter_))
    klassen: Counter = Counter()
    per_maand = []
    for maand in sorted(maanden):
        telling, binnen_norm = maanden[maand]
        per_klasse: Counter = Counter()
        for d, n in telling.items():
            per_klasse[wachten.klasse(d)] += n
        klassen.update(per_klasse)
        per_maand.append(
            wachten.Maand(
                maand=maand,
                gestart=sum(telling.values()),
                binnen_norm=binnen_norm,
                mediaan=mediaan_uit_telling(telling),
                klassen={naam: per_klasse.get(naam, 0) for naam, _grens in wachten.KLASSEN},
            )
        )
    regio = None
    if scope.regio_totaal:
        _m, regio = regel(_regiocellen(ALLES, filter_.zonder_gebied()))
    redenen = dict(Weigerreden.objects.values_list("pk", "naam"))
    weigeringen: Counter = Counter()
    for reden, n in (
        Weigercijfer.objects.filter(lezen.cellen_in_scope(scope, filter_), periode=periode)
        .order_by()
        .values_list("weigerreden_id", "aantal")
    ):
        weigeringen[redenen.get(reden, "")] += n
    wachtend, boven_norm = wachtstand.wachtend(scope, filter_, peildatum)
    return Wachtset(
        maanden=per_maand,
        klassen={naam: klassen.get(naam, 0) for naam, _grens in wachten.KLASSEN},
        totaal=totaal,
        regio=regio,
        wachtend=wachtend,
        boven_norm=boven_norm,
        weigeringen=sorted(weigeringen.items(), key=lambda paar: (-paar[1], paar[0])),
    )


def _duur(sleutel: str, telling: Counter) -> doorstroom.Duur:
    n = sum(telling.values())
    return doorstroom.Duur(
        sleutel=sleutel,
        beeindigd=n,
        gemiddeld=sum(d * k for d, k in telling.items()) / n if n else None,
        mediaan=mediaan_uit_telling(telling),
        langste=max(telling) if n else None,
    )


def doorstroomset(scope: Cijferscope, filter_: Filter) -> Doorstroomset | None:
    """The flow and duration figures from the summary, or None when it cannot answer exactly
    (re-entry of several municipalities together is looked for among their own trajectories
    only, which the rows do not tell)."""
    if not past(scope, filter_, een_gemeente=True):
        return None
    periode = _actueel(filter_)
    if periode is None:
        return None
    namen = dict(Product.objects.values_list("pk", "naam"))
    cellen = lezen.cellen_in_scope(scope, filter_)
    stromen: Counter = Counter()
    for van, naar, n in (
        Stroomcijfer.objects.filter(cellen, periode=periode)
        .order_by()
        .values_list("van_product_id", "product_id", "aantal")
    ):
        stromen[(namen[van], namen[naar])] += n
    per_product: dict[str, Counter] = {}
    beeindigd = opnieuw = 0
    veld = "opnieuw" if scope.alles else "opnieuw_gemeente"
    for product, dagen, eind, her in (
        Duurcijfer.objects.filter(_regiocellen(scope, filter_), periode=periode)
        .order_by()
        .values_list("product_id", "dagen", "beeindigd", veld)
    ):
        per_product.setdefault(namen[product], Counter()).update(_telling(dagen))
        beeindigd += eind
        opnieuw += her
    totaal: Counter = Counter()
    for telling in per_product.values():
        totaal.update(telling)
    return Doorstroomset(
        stromen=sorted(
            ((van, naar, n) for (van, naar), n in stromen.items()),
            key=lambda r: (-r[2], r[0], r[1]),
        ),
        duur=[_duur(p, per_product[p]) for p in sorted(per_product)],
        totaal=_duur("Totaal", totaal),
        herinstroom=doorstroom.Herinstroom(beeindigd=beeindigd, opnieuw=opnieuw),
    )


def uitkomstset(scope: Cijferscope, filter_: Filter) -> Uitkomstset | None:
    """The outcome figures from the summary, or None when it cannot answer exactly."""
    if not past(scope, filter_):
        return None
    periode = _actueel(filter_)
    if periode is None:
        return None
    domeinen = {
        pk: (volgorde, naam)
        for pk, volgorde, naam in Levensdomein.objects.values_list("pk", "volgorde", "naam")
    }
    per_naam: dict[str, Counter] = {}
    gemeten: set[tuple[int, str]] = set()
    for domein, is_gemeten, *waarden in (
        Uitkomstcijfer.objects.filter(lezen.cellen_in_scope(scope, filter_), periode=periode)
        .order_by()
        .values_list("levensdomein_id", "gemeten", *UITKOMSTVELDEN)
    ):
        naam = domeinen[domein][1]
        if is_gemeten:
            gemeten.add(domeinen[domein])
        per_naam.setdefault(naam, Counter()).update(dict(zip(UITKOMSTVELDEN, waarden, strict=True)))
    volgorde = [naam for _v, naam in sorted(gemeten)]

    def namen(heeft) -> list[str]:
        groepen = [n for n, c in per_naam.items() if heeft(c)]
        return [n for n in volgorde if n in groepen] + sorted(
            n for n in groepen if n not in volgorde
        )

    return Uitkomstset(
        scores=[
            uitkomsten.Scoreverandering(
                levensdomein=naam,
                aantal=c["aantal"],
                gemiddeld_start=c["som_start"] / c["aantal"],
                gemiddeld_eind=c["som_eind"] / c["aantal"],
                verbeterd=c["verbeterd"],
                gelijk=c["gelijk"],
                verslechterd=c["verslechterd"],
            )
            for naam in namen(lambda c: c["aantal"] > 0)
            for c in [per_naam[naam]]
        ],
        doelen=[
            uitkomsten.Doelbereik(
                levensdomein=naam,
                behaald=c["behaald"],
                deels=c["deels"],
                niet=c["niet"],
                open=c["open"],
            )
            for naam in namen(lambda c: c["behaald"] + c["deels"] + c["niet"] + c["open"] > 0)
            for c in [per_naam[naam]]
        ],
    )
