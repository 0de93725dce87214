"""Monitoring dashboards: p95 from the summary tables against the naive ORM route, same run.

    DATABASE_URL=postgres://…/wm_landelijk .venv/bin/python benchmarks/bench_monitoring.py \\
        [--periode 2026-01-01:2026-03-31] [--halfjaar 2026-1] [--runs 20] [--opwarmen 2] \\
        [--runs-naief 20] [--alle-dashboards] [--peildatum vandaag|JJJJ-MM-DD]

Works on the database in DATABASE_URL as it is (fill it first with ``genereer_data`` and
``ververs_cijfers``); without DATABASE_URL it makes a throwaway SQLite file with the demo and
``--schaal klein`` first (a smoke run, as ``make bench`` does). For each
dashboard with a summary (all of them: reach, waiting, flow and duration, outcomes, money,
message health and CBS), as the region and as one
municipality (the one with the most inhabitants), it builds the dashboard's tables
(``tabellen.bouw_onderdeel`` / ``onderdeel_cbs``: the figures, per-1,000 and suppression,
without the HTML; the CBS page shows the region's totals plus one chosen municipality, here
the largest, for the region as for the municipality) ``--runs`` times
after ``--opwarmen`` warm-up runs from the summaries, and ``--runs-naief`` times the naive way
(straight from the trajectories through the ORM), and prints p50/p95 of both, their ratio and
whether both routes gave the same tables. The reference day (``peildatum``: "still waiting",
answers late) is the period's last day unless ``--peildatum`` says otherwise; the pages use
today (``--peildatum vandaag``), the day from which on the kept "still waiting" stand answers
(it is refreshed as of the day ``ververs_cijfers`` runs). ``--alle-dashboards`` adds the dashboards without a
summary (naive route only; none since the waiting, flow and outcomes summaries). No timing is asserted anywhere: the figures go to
docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wmoregie.conf.test")


# The dashboards with summary tables (the others compute directly).
SAMENGEVAT = ("bereik", "wachten", "doorstroom", "uitkomsten", "geld", "berichten", "cbs")


@dataclass
class Meting:
    dashboard: str
    scope: str
    snel_p50: float | None
    snel_p95: float | None
    naief_p50: float | None
    naief_p95: float | None
    naief_runs: int
    gelijk: bool | None

    @property
    def verhouding(self) -> float | None:
        if not self.snel_p95 or self.naief_p95 is None:
            return None
        return self.naief_p95 / self.snel_p95


def _p95(tijden: list[float]) -> float:
    if len(tijden) == 1:
        return tijden[0]
    return statistics.quantiles(tijden, n=20, method="inclusive")[18]


def _tijden(fn, runs: int, opwarmen: int) -> tuple[list[float], object]:
    uitkomst = None
    for _ in range(opwarmen):
        uitkomst = fn()
    tijden = []
    for _ in range(runs):
        begin = time.perf_counter()
        uitkomst = fn()
        tijden.append((time.perf_counter() - begin) * 1000)
    return tijden, uitkomst


def _rijen(deel):
    return [(t.slug, t.rijen, t.voet) for t in deel.tabellen]


def meet(
    periode: tuple[date, date],
    halfjaar: str,
    runs: int = 20,
    opwarmen: int = 2,
    runs_naief: int = 20,
    alle_dashboards: bool = False,
    peildatum: date | None = None,
) -> list[Meting]:
    """The measurements (Django must be set up)."""
    from wmoregie.monitoring.cijfers import tabellen
    from wmoregie.monitoring.cijfers.feiten import Periode
    from wmoregie.monitoring.cijfers.lezen import ALLES, Cijferscope, Filter
    from wmoregie.monitoring.models import Inwonertal

    namen = tabellen.gemeentenamen()
    grootste = (
        Inwonertal.objects.order_by("-jaar", "-inwoners").values_list("gemeente__code", flat=True)
    ).first()
    scopes = {"regio": ALLES}
    if grootste:
        scopes[f"gemeente {grootste}"] = Cijferscope(gemeenten=frozenset({grootste}))
    filter_ = Filter(periode=Periode(*periode))
    peildatum = peildatum or periode[1]
    dashboards = list(SAMENGEVAT)
    if alle_dashboards:
        dashboards += [d for d in tabellen.DASHBOARDS if d not in SAMENGEVAT]
    metingen = []
    for slug in dashboards:
        for naam, scope in scopes.items():
            if slug == "cbs":
                # the page: the region's totals and the chosen municipality (not all of them)
                gemeenten = [grootste] if grootste else []

                def bouw(samengevat, scope=scope, gemeenten=gemeenten):
                    return tabellen.onderdeel_cbs(scope, halfjaar, namen, gemeenten, samengevat)
            else:

                def bouw(samengevat, scope=scope, slug=slug):
                    return tabellen.bouw_onderdeel(
                        slug, scope, filter_, peildatum, namen, samengevat
                    )

            heeft_samenvatting = slug in SAMENGEVAT
            snel, snel_deel = (
                _tijden(lambda bouw=bouw: bouw(True), runs, opwarmen)
                if heeft_samenvatting
                else ([], None)
            )
            naief, naief_deel = (
                _tijden(lambda bouw=bouw: bouw(False), runs_naief, 0) if runs_naief else ([], None)
            )
            metingen.append(
                Meting(
                    dashboard=slug,
                    scope=naam,
                    snel_p50=statistics.median(snel) if snel else None,
                    snel_p95=_p95(snel) if snel else None,
                    naief_p50=statistics.median(naief) if naief else None,
                    naief_p95=_p95(naief) if naief else None,
                    naief_runs=len(naief),
                    gelijk=(
                        _rijen(snel_deel) == _rijen(naief_deel)
                        if snel_deel is not None and naief_deel is not None
                        else None
                    ),
                )
            )
    return metingen


def tabel(metingen: list[Meting]) -> str:
    def ms(w):
        return "–" if w is None else f"{w:,.1f}".replace(",", " ")

    kop = (
        f"{'dashboard':<12} {'scope':<16} {'p50 samenv.':>12} {'p95 samenv.':>12} "
        f"{'p50 naïef':>12} {'p95 naïef':>12} {'runs naïef':>10} {'verhouding':>11} "
        f"{'zelfde cijfers':>14}"
    )
    regels = [kop, "-" * len(kop)]
    for m in metingen:
        verhouding = "–" if m.verhouding is None else f"{m.verhouding:,.0f}×".replace(",", " ")
        gelijk = {True: "ja", False: "NEE", None: "–"}[m.gelijk]
        regels.append(
            f"{m.dashboard:<12} {m.scope:<16} {ms(m.snel_p50):>12} {ms(m.snel_p95):>12} "
            f"{ms(m.naief_p50):>12} {ms(m.naief_p95):>12} {m.naief_runs:>10} "
            f"{verhouding:>11} {gelijk:>14}"
        )
    regels.append("(milliseconden; samenv. = uit de samenvattingstabellen)")
    return "\n".join(regels)


def _halfjaar(tekst: str) -> str:
    jaar, helft = tekst.split("-")
    return f"{jaar}-01-01:{jaar}-06-30" if helft == "1" else f"{jaar}-07-01:{jaar}-12-31"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--periode", default="2026-01-01:2026-03-31")
    parser.add_argument("--halfjaar", default="2026-1")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--opwarmen", type=int, default=2)
    parser.add_argument("--runs-naief", type=int, default=20)
    parser.add_argument("--alle-dashboards", action="store_true")
    parser.add_argument(
        "--peildatum", default="", help="vandaag of JJJJ-MM-DD; standaard de laatste dag"
    )
    args = parser.parse_args(argv)
    van, tot = (date.fromisoformat(d) for d in args.periode.split(":"))
    rooktest = "DATABASE_URL" not in os.environ
    if rooktest:  # one command without setup: a throwaway SQLite file at the small scale
        import tempfile

        map_ = tempfile.mkdtemp(prefix="bench_monitoring_")
        os.environ["DATABASE_URL"] = f"sqlite:///{map_}/bench.sqlite3"

    import django

    django.setup()
    from django.db import connection

    if rooktest:
        from io import StringIO

        from django.core.management import call_command

        print("zonder DATABASE_URL: een wegwerp-SQLite-database met --schaal klein")
        stil = StringIO()
        call_command("migrate", verbosity=0, stdout=stil)
        from django.test.utils import override_settings

        with override_settings(DEBUG=True):  # the demo refuses without DEBUG; a throwaway file
            call_command("laad_demo", stdout=stil)
        call_command("genereer_data", "--schaal", "klein", stdout=stil)
        call_command(
            "ververs_cijfers",
            "--periode",
            f"{van}:{tot}",
            "--periode",
            _halfjaar(args.halfjaar),
            stdout=stil,
        )

    from wmoregie.monitoring.models import Cijferperiode

    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
        f"periode {van}–{tot}, halfjaar {args.halfjaar}; cores {os.cpu_count()}; "
        f"load {os.getloadavg()[0]:.1f}"
    )
    if not Cijferperiode.objects.filter(van=van, tot=tot, vervallen=False).exists():
        print(
            "Let op: deze periode is niet (actueel) samengevat; draai eerst "
            f"python src/manage.py ververs_cijfers --periode {van}:{tot}"
        )
    from django.utils import timezone

    peildatum = (
        timezone.localdate()
        if args.peildatum == "vandaag"
        else date.fromisoformat(args.peildatum)
        if args.peildatum
        else tot
    )
    print(f"peildatum {peildatum}")
    metingen = meet(
        (van, tot),
        args.halfjaar,
        args.runs,
        args.opwarmen,
        args.runs_naief,
        args.alle_dashboards,
        peildatum,
    )
    print(tabel(metingen))
    print(f"load na afloop {os.getloadavg()[0]:.1f}")
    if rooktest:
        import shutil

        connection.close()
        shutil.rmtree(map_, ignore_errors=True)
    return 0 if all(m.gelijk is not False for m in metingen) else 1


if __name__ == "__main__":
    sys.exit(main())
