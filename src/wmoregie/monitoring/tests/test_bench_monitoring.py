"""CI's small-scale run of the national benchmark: generator, refresh and benchmark in smoke
mode (one run each, no timing asserted), on SQLite or PostgreSQL alike."""

import importlib.util
import sys
from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

import pytest

from wmoregie.monitoring.cijfers import wachtstand
from wmoregie.monitoring.cijfers.feiten import Periode
from wmoregie.monitoring.cijfers.lezen import ALLES, Filter
from wmoregie.monitoring.models import Bereikcijfer, Cijferperiode

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
BENCH = Path(__file__).resolve().parents[4] / "benchmarks" / "bench_monitoring.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_monitoring", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_monitoring", module)  # its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_generator_refresh_and_benchmark_at_small_scale(wereld):
    call_command(
        "genereer_data",
        *["--schaal", "klein", "--gemeenten", "4", "--clienten", "60"],
        *["--trajecten", "150", "--berichten", "300", "--seed", "3"],
        stdout=StringIO(),
    )
    uit = StringIO()
    call_command(
        "ververs_cijfers",
        *["--periode", "2026-01-01:2026-03-31", "--periode", "2026-01-01:2026-06-30"],
        stdout=uit,
    )
    assert "2 perioden ververst" in uit.getvalue()
    assert Bereikcijfer.objects.filter(periode__van=date(2026, 1, 1)).exists()
    assert not Cijferperiode.objects.filter(vervallen=True).exists()

    bench = _bench()
    metingen = bench.meet(
        Q1,
        "2026-1",
        runs=1,
        opwarmen=0,
        runs_naief=1,
        alle_dashboards=True,
    )
    soorten = {(m.dashboard, m.scope.split()[0]) for m in metingen}
    assert ("bereik", "regio") in soorten
    assert ("cbs", "gemeente") in soorten
    assert ("berichten", "regio") in soorten
    assert ("geld", "gemeente") in soorten
    assert ("wachten", "regio") in soorten
    assert ("doorstroom", "gemeente") in soorten
    assert ("uitkomsten", "regio") in soorten
    # every dashboard has its summary now, and it agrees with the naive route
    assert {m.dashboard for m in metingen} == set(bench.SAMENGEVAT)
    for m in metingen:
        assert m.gelijk is True, m
        assert m.snel_p95 is not None and m.naief_p95 is not None
    # as the pages: today as the reference day, "still waiting" from the kept stand
    assert wachtstand.uit_stand(ALLES, Filter(periode=Periode(*Q1)), timezone.localdate())
    metingen_vandaag = bench.meet(
        Q1, "2026-1", runs=1, opwarmen=0, runs_naief=1, peildatum=timezone.localdate()
    )
    assert all(m.gelijk is True for m in metingen_vandaag)
    tekst = bench.tabel(metingen)
    assert "verhouding" in tekst
    assert "bereik" in tekst
