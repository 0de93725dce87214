"""The summary tables behind the reach and CBS figures at national scale.

Counting unique clients is not additive (a client in January and in February is one client in
the quarter), so a summary is kept per *period* rather than per month: every calendar month,
quarter, half year and year, and the year to date (the dashboards' default period). For each
period ``Bereikcijfer`` holds the cube municipality × product × performer with "all" in every
dimension, computed in one SQL statement per period (portable: SQLite and PostgreSQL); for the
half years ``Cbscijfer`` holds the CBS counts, made by the same ``cbs.bereken`` as the direct
route so the published (suppressed) figures are the same.

Incremental: a change to a trajectory, referral, client or deployment marks the periods that
overlap the trajectory as stale (signals in ``monitoring.signalen``) and queues
``monitoring.ververs_cijfers``, which recomputes only the stale periods. A dashboard reads a
summary only when its period is summarised and fresh and the filter and scope fit the cube
(no area team or performer filter; region roles, or one municipality); otherwise it computes
directly as before. So a summary changes the speed, never the figure.
"""

from __future__ import annotations

import time as _time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Min, Q
from django.utils import timezone

from wmoregie.accounts.models import Organisatie
from wmoregie.catalogi.models import Gemeente, Product
from wmoregie.clienten.models import Aanmelding, Inzet, Traject
from wmoregie.contracten.models import Onderaannemer

from ..models import Bereikcijfer, Cbscijfer, Cijferperiode
from . import (
    bereik,
    cbs,
    samenvatting_berichten,
    samenvatting_geld,
    samenvatting_stromen,
    wachtstand,
)
from .feiten import Periode, TrajectFeit
from .lezen import Cijferscope, Filter

EIGEN = "Eigen medewerkers"


# --- which periods --------------------------------------------------------------------------------


def _maand_einde(jaar: int, maand: int) -> date:
    return (date(jaar + maand // 12, maand % 12 + 1, 1)) - timedelta(days=1)


def standaardperioden(jaar: int, vandaag: date) -> list[tuple[date, date, bool]]:
    """(van, tot, with CBS) of the months, quarters, half years and year of ``jaar``, plus the
    year to date when ``jaar`` is the current year."""
    perioden = [(date(jaar, m, 1), _maand_einde(jaar, m), False) for m in range(1, 13)]
    perioden += [(date(jaar, m, 1), _maand_einde(jaar, m + 2), False) for m in (1, 4, 7, 10)]
    perioden += [
        (date(jaar, 1, 1), date(jaar, 6, 30), True),
        (date(jaar, 7, 1), date(jaar, 12, 31), True),
    ]
    perioden.append((date(jaar, 1, 1), date(jaar, 12, 31), False))
    if jaar == vandaag.year and vandaag != date(jaar, 12, 31):
        perioden.append((date(jaar, 1, 1), vandaag, False))
    return perioden


def zorg_voor_perioden(
    jaren: list[int] | None = None, vandaag: date | None = None
) -> list[Cijferperiode]:
    """Register the standard periods of ``jaren`` (default: from the first trajectory's year to
    this year) as to be summarised; existing ones are kept."""
    vandaag = vandaag or timezone.localdate()
    if jaren is None:
        eerste = Traject.objects.aggregate(m=Min("startdatum"))["m"]
        jaren = list(range((eerste or vandaag).year, vandaag.year + 1))
    uitkomst = []
    for jaar in jaren:
        for van, tot, met_cbs in standaardperioden(jaar, vandaag):
            periode, _nieuw = Cijferperiode.objects.get_or_create(
                van=van, tot=tot, defaults={"cbs": met_cbs}
            )
            uitkomst.append(periode)
    return uitkomst


def markeer(van: date | None, tot: date | None) -> int:
    """Mark the periods overlapping [van, tot] (None: open) stale; returns how many."""
    q = Q(vervallen=False)
    if van is not None:
        q &= Q(tot__gte=van)
    if tot is not None:
        q &= Q(van__lte=tot)
    return Cijferperiode.objects.filter(q).update(vervallen=True)


def markeer_traject(traject_id: int | None = None, startdatum=None, einddatum=None) -> int:
    """Mark the periods a trajectory touches (its referral to its end, or on) stale."""
    if traject_id is not None:
        rij = (
            Traject.objects.filter(pk=traject_id)
            .values_list("aanmelding__aangemeld_op", "startdatum", "einddatum")
            .first()
        )
        if rij is not None:
            startdatum = min(d for d in rij[:2] if d is not None)
            einddatum = rij[2]
    return markeer(startdatum, einddatum)


# --- refreshing -----------------------------------------------------------------------------------

DIMENSIES = ("gemeente", "product", "uitvoerder")


def _bereik_sql() -> str:
    t = Traject._meta.db_table
    a = Aanmelding._meta.db_table
    g = Gemeente._meta.db_table
    i = Inzet._meta.db_table
    o = Onderaannemer._meta.db_table
    org = Organisatie._meta.db_table
    basis = f"""
        SELECT g.code AS gemeente, t.product_id AS product,
          COALESCE((SELECT org.naam FROM {i} i
                    LEFT JOIN {o} o ON o.id = i.onderaannemer_id
                    LEFT JOIN {org} org ON org.id = o.organisatie_id
                    WHERE i.traject_id = t.id ORDER BY i.van DESC, i.id DESC LIMIT 1), '')
            AS uitvoerder,
          CASE WHEN t.startdatum IS NOT NULL AND t.startdatum <= %s
                AND (t.einddatum IS NULL OR t.einddatum >= %s) THEN t.client_id END AS actief,
          CASE WHEN t.startdatum >= %s AND t.startdatum <= %s THEN 1 ELSE 0 END AS instroom,
          CASE WHEN t.einddatum >= %s AND t.einddatum <= %s THEN 1 ELSE 0 END AS uitstroom,
          CASE WHEN t.startdatum IS NOT NULL AND t.startdatum <= %s
                AND (t.einddatum IS NULL OR t.einddatum >= %s) THEN t.client_id END AS in_zorg
        FROM {t} t
        JOIN {a} a ON a.id = t.aanmelding_id
        JOIN {g} g ON g.id = a.gemeente_id
    """  # noqa: S608 - table names from the models, values as parameters  # nosec B608
    delen = []
    for masker in range(8):  # every combination of "this dimension" / "all"
        gekozen = [d for n, d in enumerate(DIMENSIES) if masker & (1 << n)]
        kolommen = ", ".join(
            (d if d in gekozen else ("CAST(NULL AS BIGINT)" if d == "product" else "''"))
            + f" AS {d}"
            for d in DIMENSIES
        )
        vlaggen = ", ".join(f"{0 if d in gekozen else 1} AS alle_{d}" for d in DIMENSIES)
        groep = f" GROUP BY {', '.join(gekozen)}" if gekozen else ""
        delen.append(
            f"SELECT {kolommen}, {vlaggen}, COUNT(DISTINCT actief), COALESCE(SUM(instroom), 0), "  # noqa: S608  # nosec B608
            f"COALESCE(SUM(uitstroom), 0), COUNT(DISTINCT in_zorg) FROM basis{groep}"
        )
    return f"WITH basis AS ({basis}) " + " UNION ALL ".join(delen)  # nosec B608


def _param(d: date):
    return d if connection.vendor == "postgresql" else d.isoformat()


def _ververs_bereik(periode: Cijferperiode) -> None:
    van, tot = _param(periode.van), _param(periode.tot)
    with connection.cursor() as cursor:
        cursor.execute(_bereik_sql(), [tot, van, van, tot, van, tot, tot, tot])
        rijen = cursor.fetchall()
    Bereikcijfer.objects.filter(periode=periode).delete()
    Bereikcijfer.objects.bulk_create(
        [
            Bereikcijfer(
                periode=periode,
                gemeente=gem or "",
                product_id=prod,
                uitvoerder=uitv or "",
                alle_gemeenten=bool(ag),
                alle_producten=bool(ap),
                alle_uitvoerders=bool(au),
                unieke_clienten=uniek,
                instroom=instroom,
                uitstroom=uitstroom,
                in_zorg=in_zorg,
            )
            for gem, prod, uitv, ag, ap, au, uniek, instroom, uitstroom, in_zorg in rijen
        ],
        batch_size=5_000,
    )


def _ververs_cbs(periode: Cijferperiode) -> None:
    p = Periode(periode.van, periode.tot)
    per_gemeente: dict[str, list[TrajectFeit]] = defaultdict(list)
    alle: list[TrajectFeit] = []
    qs = (
        Traject.objects.filter(startdatum__lte=p.tot)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=p.van))
        .order_by("pk")
        .values_list(
            "pk",
            "client_id",
            "aanmelding__gemeente__code",
            "product__naam",
            "startdatum",
            "einddatum",
            "client__geboortedatum",
            "client__geslacht",
        )
    )
    for pk, client, gemeente, product, start, eind, geboren, geslacht in qs.iterator(
        chunk_size=20_000
    ):
        feit = TrajectFeit(
            traject=pk,
            client=client,
            gemeente=gemeente,
            product=product,
            aangemeld_op=p.van,
            startdatum=start,
            einddatum=eind,
            geboortedatum=geboren,
            geslacht=geslacht,
        )
        per_gemeente[gemeente].append(feit)
        alle.append(feit)
    Cbscijfer.objects.filter(periode=periode).delete()
    rijen = []
    for code, feiten in [*per_gemeente.items(), ("", alle)]:
        c = cbs.bereken(code or "regio", feiten, p, None)
        rijen.append(
            Cbscijfer(
                periode=periode,
                gemeente=code,
                clienten=c.clienten,
                voorzieningen=c.voorzieningen,
                uitsplitsingen=[[u.titel, [list(r) for r in u.rijen]] for u in c.uitsplitsingen],
            )
        )
    Cbscijfer.objects.bulk_create(rijen, batch_size=1_000)


def ververs(periode: Cijferperiode) -> Cijferperiode:
    """Recompute one period's summaries."""
    begin = _time.monotonic()
    with transaction.atomic():
        # lock the row: a change marking it stale meanwhile waits and marks it again after
        Cijferperiode.objects.select_for_update().filter(pk=periode.pk).update(vervallen=False)
        _ververs_bereik(periode)
        samenvatting_berichten.ververs_periode(periode)
        samenvatting_geld.ververs_periode(periode)
        samenvatting_stromen.ververs_periode(periode)
        if periode.cbs:
            _ververs_cbs(periode)
        periode.vervallen = False
        periode.ververst_op = timezone.now()
        periode.duur_ms = int((_time.monotonic() - begin) * 1000)
        periode.save(update_fields=["ververst_op", "duur_ms"])
    return periode


def ververs_vervallen() -> list[Cijferperiode]:
    """Recompute the stale periods only (the incremental refresh)."""
    samenvatting_berichten.ververs_stand_als_vervallen()
    wachtstand.ververs_als_vervallen()
    return [ververs(p) for p in Cijferperiode.objects.filter(vervallen=True).order_by("van", "tot")]


# --- reading --------------------------------------------------------------------------------------


def _actueel(periode: Periode, cbs_nodig: bool = False) -> Cijferperiode | None:
    q = Cijferperiode.objects.filter(van=periode.van, tot=periode.tot, vervallen=False)
    if cbs_nodig:
        q = q.filter(cbs=True)
    return q.first()


def _past(scope: Cijferscope, filter_: Filter) -> bool:
    """Whether the cube answers this scope and filter exactly."""
    if filter_.gebiedsteam or filter_.onderaannemer is not None:
        return False
    if scope.alles:
        return True
    if scope.consortia or scope.onderaannemers or not scope.gemeenten:
        return False
    # a municipality: its own figures need one municipality (distinct clients do not add up)
    return bool(filter_.gemeente) or len(scope.gemeenten) == 1


@dataclass(frozen=True)
class Bereikset:
    per_gemeente: list[bereik.Bereik]
    per_product: list[bereik.Bereik]
    per_uitvoerder: list[bereik.Bereik]
    totaal: bereik.Bereik
    regio: bereik.Bereik | None


def bereikset_uit_feiten(
    scope: Cijferscope, filter_: Filter, feiten: list[TrajectFeit], regio_feiten=None
) -> Bereikset:
    """The direct route: from the trajectories themselves."""
    p = filter_.periode
    return Bereikset(
        per_gemeente=bereik.per_groep(feiten, p, lambda f: f.gemeente),
        per_product=bereik.per_groep(feiten, p, lambda f: f.product),
        per_uitvoerder=bereik.per_groep(feiten, p, lambda f: f.onderaannemer or EIGEN),
        totaal=bereik.bereken("Totaal", feiten, p),
        regio=bereik.bereken("Regio", regio_feiten, p) if regio_feiten is not None else None,
    )


def bereikset(scope: Cijferscope, filter_: Filter) -> Bereikset | None:
    """The reach figures from the summary, or None when it cannot answer exactly."""
    if not _past(scope, filter_):
        return None
    periode = _actueel(filter_.periode)
    if periode is None:
        return None
    gemeente = filter_.gemeente
    if not gemeente and not scope.alles:
        (gemeente,) = scope.gemeenten
    # only the cells the tables below can use: with one municipality its cells and the
    # region's; for the region the municipality × product × performer cells not
    cellen = Q(alle_gemeenten=True)
    if gemeente:
        cellen |= Q(gemeente=gemeente)
    elif filter_.product:
        cellen |= Q(alle_uitvoerders=True)
    else:
        cellen |= Q(alle_producten=True, alle_uitvoerders=True)
    rijen = list(
        Bereikcijfer.objects.filter(cellen, periode=periode).values_list(
            "alle_gemeenten",
            "gemeente",
            "alle_producten",
            "product_id",
            "product__naam",
            "alle_uitvoerders",
            "uitvoerder",
            "unieke_clienten",
            "instroom",
            "uitstroom",
            "in_zorg",
        )
    )

    def kies(sleutel, per_gemeente: bool, per_product: bool, per_uitvoerder: bool, gem: str):
        """The cells with these dimensions specific, restricted to the filter."""
        per_product = per_product or bool(filter_.product)
        uit = []
        for ag, g, ap, pid, pnaam, au, u, uniek, instroom, uitstroom, in_zorg in rijen:
            if (ag, ap, au) != (not per_gemeente, not per_product, not per_uitvoerder):
                continue
            if per_gemeente and gem and g != gem:
                continue
            if filter_.product and pid != filter_.product:
                continue
            uit.append(bereik.Bereik(sleutel(g, pnaam, u), uniek, instroom, uitstroom, in_zorg))
        return sorted(uit, key=lambda b: b.sleutel)

    een = bool(gemeente)
    per_gemeente = kies(lambda g, _p, _u: g, True, False, False, gemeente)
    per_product = kies(lambda _g, p, _u: p, een, True, False, gemeente)
    per_uitvoerder = kies(lambda _g, _p, u: u or EIGEN, een, False, True, gemeente)
    totalen = kies(lambda _g, _p, _u: "Totaal", een, False, False, gemeente)
    leeg = bereik.Bereik("Totaal", 0, 0, 0, 0)
    regio = None
    if scope.regio_totaal:
        regiorijen = kies(lambda _g, _p, _u: "Regio", False, False, False, "")
        regio = regiorijen[0] if regiorijen else bereik.Bereik("Regio", 0, 0, 0, 0)
    return Bereikset(
        per_gemeente=per_gemeente,
        per_product=per_product,
        per_uitvoerder=per_uitvoerder,
        totaal=totalen[0] if totalen else leeg,
        regio=regio,
    )


class Cbsvoorraad:
    """The CBS rows of one half year, read at most once for a page with many municipalities."""

    def __init__(self, periode: Periode):
        self.periode = periode
        self._rijen: dict[str, Cbscijfer] | None = None
        self._actueel: bool | None = None

    def rij(self, code: str) -> Cbscijfer | bool | None:
        """The row; None for a municipality without clients; False without a fresh summary."""
        if self._actueel is None:
            samengevat = _actueel(self.periode, cbs_nodig=True)
            self._actueel = samengevat is not None
            if samengevat is not None:
                self._rijen = {r.gemeente: r for r in Cbscijfer.objects.filter(periode=samengevat)}
        if not self._actueel:
            return False
        return self._rijen.get(code)


def cbs_cijfers(
    scope: Cijferscope,
    gemeente: str,
    periode: Periode,
    inwoners: int | None,
    voorraad: Cbsvoorraad | None = None,
) -> cbs.CbsCijfers | None:
    """The CBS counts of ``gemeente`` (or ``"regio"``) from the summary, or None."""
    if scope.alles or (gemeente == "regio" and scope.regio_totaal):
        pass  # the region's totals: everything (see tabellen._regio_scope)
    elif scope.consortia or scope.onderaannemers or gemeente not in scope.gemeenten:
        return None
    voorraad = voorraad or Cbsvoorraad(periode)
    rij = voorraad.rij("" if gemeente == "regio" else gemeente)
    if rij is False:
        return None
    if rij is None:
        # a municipality without clients in the half year: the direct route gives zeros too
        return cbs.bereken(gemeente, [], periode, inwoners)
    return cbs.CbsCijfers(
        gebied=gemeente,
        periode=periode,
        inwoners=inwoners,
        clienten=rij.clienten,
        voorzieningen=rij.voorzieningen,
        uitsplitsingen=[
            cbs.Uitsplitsing(titel, [(label, n) for label, n in rijen])
            for titel, rijen in rij.uitsplitsingen
        ],
    )


def productnamen() -> dict[int, str]:
    return dict(Product.objects.values_list("pk", "naam"))
