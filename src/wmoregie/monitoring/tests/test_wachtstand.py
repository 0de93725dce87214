"""The kept "still waiting" stand (cijfers/wachtstand.py) gives exactly ``lezen.wachtend`` for
every day from its refresh day on, falls back to the direct count where it cannot answer, and
goes stale on every change to a referral or trajectory."""

from datetime import date
from io import StringIO

from django.core.management import call_command

import pytest

from wmoregie.clienten.constants import AanmeldingStatus, TrajectStatus
from wmoregie.clienten.models import Traject
from wmoregie.clienten.tests.factories import AanmeldingFactory, ClientFactory
from wmoregie.monitoring.cijfers import lezen, samenvatting_stromen, tabellen, wachtstand
from wmoregie.monitoring.cijfers.feiten import Periode
from wmoregie.monitoring.cijfers.lezen import ALLES, Cijferscope, Filter
from wmoregie.monitoring.models import Wachtstand, Wachtstandrij

from .conftest import maak_traject
from .test_samenvatting_stromen import stromen  # noqa: F401 - the fixture

Q1 = Periode(date(2026, 1, 1), date(2026, 3, 31))
REFRESH = date(2026, 4, 15)  # the refresh day of these tests
LATER = date(2026, 5, 20)  # after X1's planned start (1 May)
AMERSFOORT = Cijferscope(gemeenten=frozenset({"0307"}))
SOEST = Cijferscope(gemeenten=frozenset({"0342"}))
BEIDE = Cijferscope(gemeenten=frozenset({"0307", "0342"}))


def _traject(w, client, product, aangemeld, status=TrajectStatus.WACHTEND, start=None):
    return maak_traject(w, client, product, aangemeld, start, status=status)


def _aanmelding(w, client, product, aangemeld, status):
    return AanmeldingFactory(
        client=client,
        gemeente=client.gemeente,
        overeenkomst=w.overeenkomst,
        product=product,
        bron=w.bron,
        aangemeld_op=aangemeld,
        status=status,
    )


@pytest.fixture
def wachtenden(stromen):  # noqa: F811
    """On top of ``stromen`` (where T6 waits: Amersfoort, regulier (norm 30), since 10 March):

    * X1 Soest, begeleiding (norm 42), referred 1 April, accepted, start planned 1 May;
    * X2 Amersfoort, begeleiding, referred 1 February, not yet accepted (no trajectory);
    * X3 Amersfoort, regulier, referred 1 March, withdrawn: not waiting;
    * X4 Soest, regulier, referred 20 March, toewijzing refused without a start: not waiting;
    * X5 Soest, regulier, referred 10 April, accepted, no start yet.
    """
    w = stromen
    soest = ClientFactory(gemeente=w.soest, bsn="999990111")
    amersfoort = ClientFactory(gemeente=w.amersfoort, bsn="999990123")
    w.x1 = _traject(w, soest, w.begeleiding, date(2026, 4, 1), start=date(2026, 5, 1))
    _aanmelding(w, amersfoort, w.begeleiding, date(2026, 2, 1), AanmeldingStatus.AANGEMELD)
    _aanmelding(w, amersfoort, w.regulier, date(2026, 3, 1), AanmeldingStatus.INGETROKKEN)
    _traject(w, soest, w.regulier, date(2026, 3, 20), status=TrajectStatus.AFGEWEZEN)
    w.x5 = _traject(w, soest, w.regulier, date(2026, 4, 10))
    return w


def _gevallen(w):
    filters = [
        Filter(periode=Q1),
        Filter(periode=Q1, gemeente="0307"),
        Filter(periode=Q1, gemeente="0342"),
        Filter(periode=Q1, product=w.begeleiding.pk),
        Filter(periode=Q1, product=w.regulier.pk),
        Filter(periode=Q1, gemeente="0342", product=w.regulier.pk),
    ]
    for scope in (ALLES, AMERSFOORT, SOEST, BEIDE):
        for filter_ in filters:
            yield scope, filter_


@pytest.mark.django_db
def test_hand_computed(wachtenden):
    w = wachtenden
    wachtstand.ververs(REFRESH)
    # 15 April: T6 36 days (> 30), X1 14 (≤ 42), X2 73 (> 42), X5 5 (≤ 30)
    assert wachtstand.uit_stand(ALLES, Filter(periode=Q1), REFRESH) == (4, 2)
    assert wachtstand.uit_stand(AMERSFOORT, Filter(periode=Q1), REFRESH) == (2, 2)
    assert wachtstand.uit_stand(SOEST, Filter(periode=Q1), REFRESH) == (2, 0)
    begeleiding = Filter(periode=Q1, product=w.begeleiding.pk)
    assert wachtstand.uit_stand(ALLES, begeleiding, REFRESH) == (2, 1)
    # 20 May: X1 started on 1 May; T6 71 days, X2 108, X5 40 (> 30): all over the norm
    assert wachtstand.uit_stand(ALLES, Filter(periode=Q1), LATER) == (3, 3)
    assert wachtstand.uit_stand(SOEST, Filter(periode=Q1), LATER) == (1, 1)
    # a municipality filter outside the scope: nothing
    assert wachtstand.uit_stand(SOEST, Filter(periode=Q1, gemeente="0307"), REFRESH) == (0, 0)
    # the rows: X1 keeps its planned start, the others none; the not-waiting ones are absent
    assert sorted(
        Wachtstandrij.objects.values_list("gemeente", "aangemeld_op", "startdatum", "aantal")
    ) == [
        ("0307", date(2026, 2, 1), None, 1),
        ("0307", date(2026, 3, 10), None, 1),
        ("0342", date(2026, 4, 1), date(2026, 5, 1), 1),
        ("0342", date(2026, 4, 10), None, 1),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("peildatum", [REFRESH, date(2026, 4, 30), date(2026, 5, 1), LATER])
def test_the_stand_gives_the_direct_count(wachtenden, peildatum):
    wachtstand.ververs(REFRESH)
    for scope, filter_ in _gevallen(wachtenden):
        uitkomst = wachtstand.uit_stand(scope, filter_, peildatum)
        assert uitkomst is not None, (scope, filter_)
        assert uitkomst == lezen.wachtend(scope, filter_, peildatum), (scope, filter_, peildatum)


@pytest.mark.django_db
def test_what_the_stand_cannot_answer_is_counted_directly(wachtenden):
    w = wachtenden
    wachtstand.ververs(REFRESH)
    niet = [
        (Cijferscope(consortia=frozenset({w.consortium.pk})), Filter(periode=Q1)),
        (
            Cijferscope(onderaannemers=frozenset({w.onderaannemer.organisatie_id})),
            Filter(periode=Q1),
        ),
        (ALLES, Filter(periode=Q1, gebiedsteam=w.team_noord.pk)),
        (ALLES, Filter(periode=Q1, onderaannemer=0)),
    ]
    for scope, filter_ in niet:
        assert wachtstand.uit_stand(scope, filter_, REFRESH) is None
        assert wachtstand.wachtend(scope, filter_, REFRESH) == lezen.wachtend(
            scope, filter_, REFRESH
        )
    # a day before the refresh day: a start between them would not be in the rows
    eerder = date(2026, 4, 14)
    assert wachtstand.uit_stand(ALLES, Filter(periode=Q1), eerder) is None
    assert wachtstand.wachtend(ALLES, Filter(periode=Q1), eerder) == (4, 2)  # T6 35, X2 72 days


@pytest.mark.django_db
@pytest.mark.parametrize("wijziging", ["start", "aanmelding", "traject weg"])
def test_a_change_makes_the_stand_stale_until_the_refresh(wachtenden, wijziging):
    w = wachtenden
    wachtstand.ververs(REFRESH)
    filter_ = Filter(periode=Q1)
    assert wachtstand.uit_stand(ALLES, filter_, REFRESH) == (4, 2)
    if wijziging == "start":
        x5 = Traject.objects.get(pk=w.x5.pk)
        x5.startdatum, x5.status = date(2026, 4, 14), TrajectStatus.LOPEND
        x5.save()
        verwacht = (3, 2)
    elif wijziging == "aanmelding":
        aanmelding = w.x1.aanmelding
        aanmelding.aangemeld_op = date(2026, 1, 2)  # 103 days on 15 April
        aanmelding.save()
        verwacht = (4, 3)
    else:
        Traject.objects.get(pk=w.x5.pk).delete()  # X5's referral waits on, without trajectory
        verwacht = (4, 2)
    assert Wachtstand.objects.get().vervallen
    assert wachtstand.uit_stand(ALLES, filter_, REFRESH) is None
    assert wachtstand.wachtend(ALLES, filter_, REFRESH) == verwacht  # directly
    wachtstand.ververs(REFRESH)
    assert wachtstand.uit_stand(ALLES, filter_, REFRESH) == verwacht
    assert lezen.wachtend(ALLES, filter_, REFRESH) == verwacht


@pytest.mark.django_db
def test_the_marking_is_one_update(wachtenden, django_assert_num_queries):
    wachtstand.ververs(REFRESH)
    with django_assert_num_queries(1):
        assert wachtstand.markeer() == 1
    with django_assert_num_queries(1):
        assert wachtstand.markeer() == 0


@pytest.mark.django_db
def test_the_refresh_task_and_command_refresh_a_stale_stand(wachtenden):
    from wmoregie.monitoring.tasks import ververs_cijfers

    assert wachtstand.uit_stand(ALLES, Filter(periode=Q1), REFRESH) is None  # never refreshed
    ververs_cijfers()
    stand = Wachtstand.objects.get()
    assert not stand.vervallen and stand.peildatum is not None and stand.duur_ms is not None
    wachtstand.markeer()
    uit = StringIO()
    call_command("ververs_cijfers", stdout=uit)
    assert "nog wachtend op" in uit.getvalue()
    assert not Wachtstand.objects.get().vervallen
    call_command("ververs_cijfers", stdout=(uit := StringIO()))
    assert "nog wachtend op" not in uit.getvalue()  # fresh: left alone


@pytest.mark.django_db
def test_the_waiting_dashboard_reads_the_stand(wachtenden):
    """The dashboard's "still waiting" table from the stand equals the direct route's."""
    call_command("ververs_cijfers", "--periode", "2026-01-01:2026-03-31", stdout=StringIO())
    wachtstand.ververs(REFRESH)
    for scope in (ALLES, AMERSFOORT, BEIDE):
        filter_ = Filter(periode=Q1)
        assert samenvatting_stromen.wachtset(scope, filter_, LATER) is not None
        snel = tabellen.bouw_onderdeel("wachten", scope, filter_, LATER)
        direct = tabellen.bouw_onderdeel("wachten", scope, filter_, LATER, samengevat=False)
        assert [(t.slug, t.rijen) for t in snel.tabellen] == [
            (t.slug, t.rijen) for t in direct.tabellen
        ]
    nu = {t.slug: t for t in tabellen.bouw_onderdeel("wachten", ALLES, filter_, LATER).tabellen}
    assert nu["wachten-nu"].rijen == [["Wacht nog", 3], ["Daarvan boven de norm", 3]]
