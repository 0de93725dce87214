"""The summary tables give the same figures as the direct computation (conftest's fixture),
including the per-1,000 figures and the CBS suppression, and follow changes incrementally."""

from datetime import date
from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from wmoregie.clienten.constants import RedenBeeindiging, TrajectStatus
from wmoregie.clienten.models import Traject
from wmoregie.monitoring.cijfers import lezen, samenvatting, tabellen
from wmoregie.monitoring.cijfers.feiten import Periode
from wmoregie.monitoring.cijfers.lezen import ALLES, Cijferscope, Filter
from wmoregie.monitoring.models import Cbscijfer, Cijferinstelling, Cijferperiode

Q1 = Periode(date(2026, 1, 1), date(2026, 3, 31))
H1 = Periode(date(2026, 1, 1), date(2026, 6, 30))
PEIL = date(2026, 4, 15)


def _ververs():
    call_command(
        "ververs_cijfers",
        "--periode",
        "2026-01-01:2026-03-31",
        "--periode",
        "2026-01-01:2026-06-30",
        "--periode",
        "2026-02-01:2026-02-28",
        stdout=StringIO(),
    )


def _rijen(deel):
    return [(t.slug, t.rijen, t.voet) for t in deel.tabellen]


def _scopes(w):
    return {
        "regio": ALLES,
        "amersfoort": Cijferscope(gemeenten=frozenset({"0307"})),
        "soest": Cijferscope(gemeenten=frozenset({"0342"})),
    }


def _filters(w):
    return [
        Filter(periode=Q1),
        Filter(periode=Q1, gemeente="0307"),
        Filter(periode=Q1, gemeente="0342"),
        Filter(periode=Q1, product=w.begeleiding.pk),
        Filter(periode=Q1, gemeente="0342", product=w.regulier.pk),
        Filter(periode=H1),
        Filter(periode=Periode(date(2026, 2, 1), date(2026, 2, 28))),
    ]


@pytest.mark.django_db
def test_bereik_from_the_summary_equals_the_direct_computation(cijfers):
    _ververs()
    namen = tabellen.gemeentenamen()
    gebruikt = 0
    for naam, scope in _scopes(cijfers).items():
        for filter_ in _filters(cijfers):
            if filter_.gemeente and not scope.alles and filter_.gemeente not in scope.gemeenten:
                continue
            if samenvatting.bereikset(scope, filter_) is not None:
                gebruikt += 1
            snel = tabellen.bouw_onderdeel("bereik", scope, filter_, PEIL, namen)
            direct = tabellen.bouw_onderdeel("bereik", scope, filter_, PEIL, namen, False)
            assert _rijen(snel) == _rijen(direct), (naam, filter_)
    assert gebruikt >= 12  # the summary really answered (not the direct route twice)


@pytest.mark.django_db
def test_bereik_hand_computed_from_the_summary(cijfers):
    _ververs()
    filter_ = Filter(periode=Q1)
    assert samenvatting.bereikset(ALLES, filter_) is not None
    deel = tabellen.bouw_onderdeel("bereik", ALLES, filter_, PEIL)
    per_gemeente = {t.slug: t for t in deel.tabellen}["bereik-gemeente"]
    # Amersfoort: A and B (2 unique, inflow 2, outflow 1, in care on 31 March 1), 160,000
    # inhabitants: 2 / 160,000 × 1,000 = 0.0125 → 0.0; Soest: C, 1 / 47,000 × 1,000 → 0.0
    assert per_gemeente.rijen[0][:6] == ["Amersfoort", 2, pytest.approx(0), 2, 1, 1]
    assert per_gemeente.rijen[1][:6] == ["Soest", 1, pytest.approx(0), 1, 0, 1]
    assert per_gemeente.voet[0][:6] == ["Totaal", 3, pytest.approx(0), 3, 1, 2]
    # a municipality sees its own and the region's totals
    amersfoort = Cijferscope(gemeenten=frozenset({"0307"}))
    deel = tabellen.bouw_onderdeel("bereik", amersfoort, filter_, PEIL)
    voet = {t.slug: t for t in deel.tabellen}["bereik-gemeente"].voet
    assert [r[0] for r in voet] == ["Totaal", "Regio (alle gemeenten)"]
    assert voet[1][1] == 3


@pytest.mark.django_db
@pytest.mark.parametrize("drempel,afronding", [(5, 5), (1, 1), (2, 1)])
def test_cbs_from_the_summary_equals_the_direct_computation(cijfers, drempel, afronding):
    Cijferinstelling.objects.create(regio=cijfers.regio, drempel=drempel, afronding=afronding)
    _ververs()
    assert Cbscijfer.objects.filter(periode__van=H1.van, periode__tot=H1.tot).count() == 3
    namen = tabellen.gemeentenamen()
    for scope, gemeenten in (
        (ALLES, ["0307", "0342"]),
        (Cijferscope(gemeenten=frozenset({"0307"})), ["0307"]),
    ):
        snel = tabellen.onderdeel_cbs(scope, "2026-1", namen, gemeenten)
        direct = tabellen.onderdeel_cbs(scope, "2026-1", namen, gemeenten, samengevat=False)
        assert _rijen(snel) == _rijen(direct)
    assert samenvatting.cbs_cijfers(ALLES, "0307", H1, 160_000) is not None
    g = tabellen.cbs_gepubliceerd(ALLES, "0307", "2026-1")
    if drempel == 5:
        assert (g.clienten, g.clienten_per_1000) == (".", ".")  # 2 clients: suppressed
    else:
        assert g.clienten == 2
        assert g.clienten_per_1000 == 0  # 2 / 160,000 × 1,000 = 0.0125 → 0


@pytest.mark.django_db
def test_a_backoffice_or_area_team_filter_computes_directly(cijfers):
    _ververs()
    backoffice = Cijferscope(consortia=frozenset({cijfers.consortium.pk}))
    assert samenvatting.bereikset(backoffice, Filter(periode=Q1)) is None
    team = Filter(periode=Q1, gebiedsteam=cijfers.team_noord.pk)
    assert samenvatting.bereikset(ALLES, team) is None
    assert samenvatting.bereikset(ALLES, Filter(periode=Q1, onderaannemer=0)) is None
    # a period that is not summarised
    assert samenvatting.bereikset(ALLES, Filter(periode=Periode(Q1.van, PEIL))) is None


@pytest.mark.django_db
def test_a_change_marks_the_periods_stale_and_the_refresh_follows(cijfers):
    _ververs()
    assert not Cijferperiode.objects.filter(vervallen=True).exists()
    traject = Traject.objects.get(startdatum=date(2026, 1, 10))  # T1, runs
    traject.status = TrajectStatus.BEEINDIGD
    traject.einddatum = date(2026, 2, 20)
    traject.reden_beeindiging = RedenBeeindiging.VOLGENS_PLAN
    traject.save()
    # every period from T1's referral on is stale; none is read while stale
    assert Cijferperiode.objects.filter(vervallen=True).count() == 3
    assert samenvatting.bereikset(ALLES, Filter(periode=Q1)) is None
    direct = tabellen.bouw_onderdeel("bereik", ALLES, Filter(periode=Q1), PEIL, samengevat=False)
    assert direct.tabellen[0].voet[0][:6] == ["Totaal", 3, pytest.approx(0), 3, 2, 1]

    from wmoregie.monitoring.tasks import ververs_cijfers

    assert ververs_cijfers() == 3  # only the stale periods
    snel = tabellen.bouw_onderdeel("bereik", ALLES, Filter(periode=Q1), PEIL)
    assert samenvatting.bereikset(ALLES, Filter(periode=Q1)) is not None
    assert _rijen(snel) == _rijen(direct)


@pytest.mark.django_db
def test_standard_periods_and_bad_input(cijfers):
    perioden = samenvatting.zorg_voor_perioden([2026], vandaag=date(2026, 4, 15))
    # 12 months, 4 quarters, 2 half years, the year and the year to date
    assert len(perioden) == 20
    assert sum(p.cbs for p in perioden) == 2
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("ververs_cijfers", "--periode", "2026-13-01:2026-12-31", stdout=StringIO())
    with pytest.raises(CommandError, match="ligt de einddatum voor"):
        call_command("ververs_cijfers", "--periode", "2026-03-01:2026-02-01", stdout=StringIO())
    assert lezen.inwoners(2026)["0307"] == 160_000


@pytest.mark.django_db
def test_the_pages_read_the_summary_with_the_same_figures(client, cijfers, monkeypatch):
    """With the summary fresh, the reach and CBS pages never read the trajectories."""
    _ververs()

    def verboden(*args, **kwargs):
        raise AssertionError("directe route gebruikt")

    monkeypatch.setattr(lezen, "traject_feiten", verboden)
    for rol, verwacht in (("contractmanager", "Soest"), ("gemeente", "Regio (alle gemeenten)")):
        client.force_login(cijfers.gebruikers[rol])
        html = client.get(
            "/monitoring/bereik/", {"van": "2026-01-01", "tot": "2026-03-31"}
        ).content.decode()
        assert f'<th scope="row">{verwacht}</th>' in html
        start = html.index('<th scope="row">Amersfoort</th>')
        rij = html[start : html.index("</tr>", start)]
        assert [c for c in rij.split("<td") if "getal" in c][:5] == [
            ' class="getal">2</td>',
            ' class="getal">0</td>',
            ' class="getal">2</td>',
            ' class="getal">1</td>',
            ' class="getal">1</td>',
        ]
    client.force_login(cijfers.gebruikers["contractmanager"])
    antwoord = client.get("/monitoring/cbs/", {"halfjaar": "2026-1"})
    assert antwoord.status_code == 200
    antwoord = client.get("/api/v1/monitoring/cbs/", {"gemeente": "0307", "halfjaar": "2026-1"})
    assert antwoord.status_code == 200
    assert antwoord.json()["clienten"]["onderdrukt"] is True  # 2 clients, as on the direct route
