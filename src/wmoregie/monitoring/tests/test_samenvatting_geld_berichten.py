"""The money and message-health summaries give the same tables as the direct computation (the
region and a scoped municipality), are not read while stale, and follow changes incrementally.

On top of conftest's region: messages in the first quarter of 2026 (Amersfoort: three WMO315,
one rejected with 0200 and 8001, answered after 2, 4 and 30 hours, one WMO305 still waiting
since 2 March; Soest: one WMO315 answered after 6 hours, one waiting since 30 March),
toewijzingen of T1 (8 days before the start) and T3 (3 and 1 days before: the first counts),
a spend report, two claims and one received 325 that no claim refers to."""

import hashlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command

import pytest

from wmoregie.clienten.models import Declaratie, Toewijzing, Traject, Trajectbericht
from wmoregie.iwmo.models import Bericht, BerichtStatus
from wmoregie.monitoring.cijfers import samenvatting_berichten, samenvatting_geld, tabellen
from wmoregie.monitoring.cijfers.feiten import Periode
from wmoregie.monitoring.cijfers.lezen import ALLES, Cijferscope, Filter
from wmoregie.monitoring.models import (
    Berichtcijfer,
    Berichtstand,
    Bestedingsopgave,
    Cijferperiode,
    Geldcijfer,
)
from wmoregie.monitoring.tasks import ververs_cijfers

AMS = ZoneInfo("Europe/Amsterdam")
Q1 = Periode(date(2026, 1, 1), date(2026, 3, 31))
H1 = Periode(date(2026, 1, 1), date(2026, 6, 30))
FEB = Periode(date(2026, 2, 1), date(2026, 2, 28))
PEIL = date(2026, 4, 15)
AMERSFOORT = Cijferscope(gemeenten=frozenset({"0307"}))


def _tijd(dag: date, uur: int = 9) -> datetime:
    return datetime(dag.year, dag.month, dag.day, uur, tzinfo=AMS)


def _bericht(sleutel: str, soort: str, afzender: str, ontvanger: str, gemeente="0307"):
    inhoud = sleutel.encode()
    return Bericht.objects.create(
        gemeente=gemeente, sleutel=sleutel, berichttype=soort, afzender=afzender,
        ontvanger=ontvanger, identificatie=sleutel[-30:], bestandsnaam=f"{sleutel}.xml",
        inhoud=inhoud, inhoud_sha256=hashlib.sha256(inhoud).hexdigest(),
        status=BerichtStatus.GEACCEPTEERD,
    )  # fmt: skip


def _trajectbericht(traject, soort, status, verzonden, uren=None, codes=""):
    return Trajectbericht.objects.create(
        traject=traject,
        bericht=_bericht(f"tb/{soort}/{traject.pk}/{verzonden:%Y%m%d%H}", soort, "x", "y"),
        berichttype=soort,
        richting="naar_gemeente",
        antwoordstatus=status,
        retourcodes=codes,
        verzonden_op=verzonden,
        beantwoord_op=verzonden + timedelta(hours=uren) if uren is not None else None,
    )


def _toewijzing(traject, nummer, toegewezen):
    return Toewijzing.objects.create(
        traject=traject, gemeentecode=traject.aanmelding.gemeente.code, nummer=nummer,
        product=traject.product, ingangsdatum=traject.startdatum, volume=4, eenheid="04",
        frequentie="2", toewijzingsdatum=toegewezen,
    )  # fmt: skip


@pytest.fixture
def berichtenregio(cijfers):
    t1 = Traject.objects.get(startdatum=date(2026, 1, 10))
    t2 = Traject.objects.get(startdatum=date(2026, 2, 1))
    t3 = Traject.objects.get(startdatum=date(2026, 2, 10))
    _trajectbericht(t1, "wmo315", "goedgekeurd", _tijd(date(2026, 1, 12)), 2)
    _trajectbericht(t1, "wmo315", "afgekeurd", _tijd(date(2026, 2, 3)), 4, "0200 8001")
    _trajectbericht(t2, "wmo315", "goedgekeurd", _tijd(date(2026, 2, 3), 10), 30)
    _trajectbericht(t2, "wmo305", "wacht", _tijd(date(2026, 3, 2)))
    _trajectbericht(t3, "wmo315", "afgekeurd", _tijd(date(2026, 2, 11)), 6, "8001")
    _trajectbericht(t3, "wmo315", "wacht", _tijd(date(2026, 3, 30)))
    _toewijzing(t1, 1, date(2026, 1, 2))
    _toewijzing(t3, 2, date(2026, 2, 7))
    _toewijzing(t3, 3, date(2026, 2, 9))
    Bestedingsopgave.objects.create(
        overeenkomst=cijfers.overeenkomst, gemeente=cijfers.amersfoort, jaar=2026, kwartaal=1,
        eigen_personeel=Decimal("240000.00"), onderaannemers=Decimal("60000.00"),
    )  # fmt: skip
    agb = cijfers.consortium.agb_code
    for nummer, gemeente, van, ingediend, toegekend in (
        ("D1", cijfers.amersfoort, date(2026, 2, 1), 100_000, 80_000),
        ("D2", cijfers.soest, date(2026, 3, 1), 50_000, None),
    ):
        Declaratie.objects.create(
            gemeente=gemeente, overeenkomst=cijfers.overeenkomst, nummer=nummer,
            periode_van=van, periode_tot=van + timedelta(days=27), ingediend_bedrag=ingediend,
            toegekend_bedrag=toegekend,
            bericht=_bericht(f"decl/{nummer}", "wmo323", agb, gemeente.code, gemeente.code),
        )  # fmt: skip
    _bericht("zwevend/325", "wmo325", "0307", agb)  # matches no claim
    return cijfers


def _ververs():
    for periode in (Q1, H1, FEB):
        call_command(
            "ververs_cijfers", "--periode", f"{periode.van}:{periode.tot}", stdout=StringIO()
        )
    samenvatting_berichten.ververs_stand()


def _rijen(deel):
    return [(t.slug, t.rijen, t.voet) for t in deel.tabellen]


def _gevallen(w):
    scopes = {"regio": ALLES, "amersfoort": AMERSFOORT}
    filters = [
        Filter(periode=Q1),
        Filter(periode=Q1, gemeente="0307"),
        Filter(periode=Q1, gemeente="0342"),
        Filter(periode=H1),
        Filter(periode=FEB),
    ]
    for naam, scope in scopes.items():
        for filter_ in filters:
            if filter_.gemeente and not scope.alles and filter_.gemeente not in scope.gemeenten:
                continue
            yield naam, scope, filter_


@pytest.mark.django_db
@pytest.mark.parametrize("peildatum", [date(2026, 3, 31), PEIL])
def test_berichten_from_the_summary_equal_the_direct_computation(berichtenregio, peildatum):
    _ververs()
    namen = tabellen.gemeentenamen()
    for naam, scope, filter_ in _gevallen(berichtenregio):
        assert samenvatting_berichten.berichtenset(scope, filter_, peildatum) is not None
        snel = tabellen.bouw_onderdeel("berichten", scope, filter_, peildatum, namen)
        direct = tabellen.bouw_onderdeel("berichten", scope, filter_, peildatum, namen, False)
        assert _rijen(snel) == _rijen(direct), (naam, filter_)


@pytest.mark.django_db
def test_berichten_hand_computed_from_the_summary(berichtenregio):
    _ververs()
    deel = tabellen.bouw_onderdeel("berichten", ALLES, Filter(periode=Q1), PEIL)
    t = {tabel.slug: tabel for tabel in deel.tabellen}
    assert [r[:4] for r in t["berichten-type"].rijen] == [
        ["WMO305", "Amersfoort", 1, 0],
        ["WMO315", "Amersfoort", 3, 1],
        ["WMO315", "Soest", 2, 1],
    ]
    ams = t["berichten-type"].rijen[1]
    assert ams[4] == pytest.approx(1 / 3)
    assert ams[7] == 4  # median of 2, 4 and 30 hours
    # the 305 of 2 March is late on 15 April; the 315 of 30 March (term: 5 working days) too
    assert [r[6] for r in t["berichten-type"].rijen] == [1, 0, 1]
    # 0200 on 1 of the 4 answered messages, 8001 on 2
    assert t["berichten-retourcode"].rijen == [["8001", 2, 0.5], ["0200", 1, 0.25]]
    doorloop = dict(t["berichten-doorloop"].rijen)
    assert doorloop["Toewijzing → start: trajecten"] == 2
    assert doorloop["Toewijzing → start: mediaan (dagen)"] == 5.5  # 8 and 3 days
    assert doorloop["Antwoorden te laat (nu)"] == 2
    assert doorloop["Ontvangen declaratieberichten zonder declaratie"] == 1
    # on 31 March only the 305 of 2 March is past its answer term
    vroeg = tabellen.bouw_onderdeel("berichten", ALLES, Filter(periode=Q1), date(2026, 3, 31))
    assert dict(vroeg.tabellen[2].rijen)["Antwoorden te laat (nu)"] == 1
    # Amersfoort sees its own figures only
    eigen = tabellen.bouw_onderdeel("berichten", AMERSFOORT, Filter(periode=Q1), PEIL)
    assert {r[1] for r in eigen.tabellen[0].rijen} == {"Amersfoort"}
    assert dict(eigen.tabellen[2].rijen)["Toewijzing → start: mediaan (dagen)"] == 8


@pytest.mark.django_db
def test_geld_from_the_summary_equals_the_direct_computation(berichtenregio):
    _ververs()
    assert Geldcijfer.objects.filter(periode__van=Q1.van, periode__tot=Q1.tot).count() == 2
    namen = tabellen.gemeentenamen()
    for naam, scope, filter_ in _gevallen(berichtenregio):
        assert samenvatting_geld.geldset(scope, filter_) is not None
        snel = tabellen.bouw_onderdeel("geld", scope, filter_, PEIL, namen)
        direct = tabellen.bouw_onderdeel("geld", scope, filter_, PEIL, namen, False)
        assert _rijen(snel) == _rijen(direct), (naam, filter_)
    deel = tabellen.bouw_onderdeel("geld", ALLES, Filter(periode=Q1), PEIL)
    budget, decl = deel.tabellen
    assert budget.voet[0][:6] == [
        "Totaal",
        Decimal("1200000.00"),
        Decimal("75000.00"),
        Decimal("240000.00"),
        Decimal("60000.00"),
        Decimal("300000.00"),
    ]
    assert decl.voet[0][:5] == ["Totaal", 150_000, 80_000, 20_000, 50_000]


@pytest.mark.django_db
def test_scopes_and_filters_the_summaries_do_not_answer(berichtenregio):
    _ververs()
    backoffice = Cijferscope(consortia=frozenset({berichtenregio.consortium.pk}))
    assert samenvatting_geld.geldset(backoffice, Filter(periode=Q1)) is None
    assert samenvatting_berichten.berichtenset(backoffice, Filter(periode=Q1), PEIL) is None
    product = Filter(periode=Q1, product=berichtenregio.begeleiding.pk)
    assert samenvatting_berichten.berichtenset(ALLES, product, PEIL) is None
    # the money figures ignore product and area team: the summary answers those too
    assert samenvatting_geld.geldset(ALLES, product) is not None
    niet_samengevat = Filter(periode=Periode(Q1.van, PEIL))
    assert samenvatting_geld.geldset(ALLES, niet_samengevat) is None
    assert samenvatting_berichten.berichtenset(ALLES, niet_samengevat, PEIL) is None
    # the back office's tables are computed directly, and still right
    namen = tabellen.gemeentenamen()
    for slug in ("geld", "berichten"):
        deel = tabellen.bouw_onderdeel(slug, backoffice, Filter(periode=Q1), PEIL, namen)
        assert deel.tabellen[0].rijen


@pytest.mark.django_db
def test_a_message_change_marks_its_periods_stale_and_the_refresh_follows(berichtenregio):
    _ververs()
    assert not Cijferperiode.objects.filter(vervallen=True).exists()
    wachtend = Trajectbericht.objects.get(berichttype="wmo305")
    wachtend.antwoordstatus = "afgekeurd"
    wachtend.retourcodes = "0200"
    wachtend.beantwoord_op = wachtend.verzonden_op + timedelta(hours=1)
    wachtend.save()
    # sent on 2 March: Q1 and H1 are stale, February is not
    assert set(Cijferperiode.objects.filter(vervallen=True).values_list("van", "tot")) == {
        (Q1.van, Q1.tot),
        (H1.van, H1.tot),
    }
    assert samenvatting_berichten.berichtenset(ALLES, Filter(periode=Q1), PEIL) is None
    assert samenvatting_berichten.berichtenset(ALLES, Filter(periode=FEB), PEIL) is not None
    direct = tabellen.bouw_onderdeel("berichten", ALLES, Filter(periode=Q1), PEIL, samengevat=False)
    assert direct.tabellen[1].rijen == [["0200", 2, 2 / 5], ["8001", 2, 2 / 5]]

    assert ververs_cijfers() == 2  # only the stale periods
    snel = tabellen.bouw_onderdeel("berichten", ALLES, Filter(periode=Q1), PEIL)
    assert samenvatting_berichten.berichtenset(ALLES, Filter(periode=Q1), PEIL) is not None
    assert _rijen(snel) == _rijen(direct)
    assert Berichtcijfer.objects.get(
        periode__van=Q1.van, periode__tot=Q1.tot, berichttype="WMO305"
    ).retourcodes == {"0200": 1}


@pytest.mark.django_db
def test_a_toewijzing_or_money_change_marks_its_periods_stale(berichtenregio):
    _ververs()
    t2 = Traject.objects.get(startdatum=date(2026, 2, 1))
    _toewijzing(t2, 4, date(2026, 1, 20))  # T2 started 1 February
    assert set(Cijferperiode.objects.filter(vervallen=True).values_list("van", "tot")) == {
        (Q1.van, Q1.tot),
        (H1.van, H1.tot),
        (FEB.van, FEB.tot),
    }
    ververs_cijfers()
    deel = tabellen.bouw_onderdeel("berichten", ALLES, Filter(periode=FEB), PEIL)
    assert dict(deel.tabellen[2].rijen)["Toewijzing → start: trajecten"] == 2  # T2 and T3

    Bestedingsopgave.objects.update()  # nothing through the ORM's save: nothing marked
    assert not Cijferperiode.objects.filter(vervallen=True).exists()
    opgave = Bestedingsopgave.objects.get()
    opgave.onderaannemers = Decimal("70000.00")
    opgave.save()
    assert Cijferperiode.objects.filter(vervallen=True).count() == 3  # all of 2026
    ververs_cijfers()
    deel = tabellen.bouw_onderdeel("geld", AMERSFOORT, Filter(periode=Q1), PEIL)
    assert deel.tabellen[0].rijen[0][4] == Decimal("70000.00")


@pytest.mark.django_db
def test_a_claim_moved_to_a_later_period_marks_the_period_it_left(berichtenregio):
    _ververs()
    d1 = Declaratie.objects.get(nummer="D1")  # February, Amersfoort
    d1.periode_van, d1.periode_tot = date(2026, 3, 1), date(2026, 3, 28)
    d1.save()
    assert set(Cijferperiode.objects.filter(vervallen=True).values_list("van", "tot")) == {
        (Q1.van, Q1.tot),
        (H1.van, H1.tot),
        (FEB.van, FEB.tot),
    }
    ververs_cijfers()
    snel = tabellen.bouw_onderdeel("geld", AMERSFOORT, Filter(periode=FEB), PEIL)
    direct = tabellen.bouw_onderdeel(
        "geld", AMERSFOORT, Filter(periode=FEB), PEIL, samengevat=False
    )
    assert _rijen(snel) == _rijen(direct)


@pytest.mark.django_db
def test_unmatched_claim_messages_follow_claims_and_the_ingest(berichtenregio):
    _ververs()
    filter_ = Filter(periode=Q1)
    assert samenvatting_berichten.onverwerkte_declaratieberichten(ALLES, filter_) == 1
    assert samenvatting_berichten.onverwerkte_declaratieberichten(AMERSFOORT, filter_) == 1
    soest = Cijferscope(gemeenten=frozenset({"0342"}))
    assert samenvatting_berichten.onverwerkte_declaratieberichten(soest, filter_) == 0
    # a claim linked to the loose 325 answers it: the count is stale, then right again
    zwevend = Bericht.objects.get(sleutel="zwevend/325")
    declaratie = Declaratie.objects.get(nummer="D2")
    declaratie.antwoord = zwevend
    declaratie.save()
    assert Berichtstand.objects.get().vervallen
    assert samenvatting_berichten.onverwerkte_declaratieberichten(ALLES, filter_) is None
    ververs_cijfers()
    assert samenvatting_berichten.onverwerkte_declaratieberichten(ALLES, filter_) == 0
    # the ingest stores messages with COPY (no signals) and calls its hooks afterwards
    from wmoregie.iwmo.haken import na_ingest

    Bericht.objects.filter(pk=zwevend.pk).update(status=BerichtStatus.GEACCEPTEERD)
    assert not Berichtstand.objects.get().vervallen
    na_ingest()
    assert samenvatting_berichten.onverwerkte_declaratieberichten(ALLES, filter_) == 0


def test_median_from_a_histogram_is_the_median_of_the_values():
    import statistics

    for waarden in ([3], [8, 3], [0, 0, 5, 9], [1, 2, 2, 2, 7], list(range(10)) * 3):
        telling = {}
        for w in waarden:
            telling[w] = telling.get(w, 0) + 1
        assert samenvatting_berichten.mediaan_uit_telling(telling) == statistics.median(waarden)
    assert samenvatting_berichten.mediaan_uit_telling({}) is None
