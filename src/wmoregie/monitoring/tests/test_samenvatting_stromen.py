"""The waiting, flow/duration and outcome summaries give the same tables as the direct route
(conftest's fixture plus a follow-up, a re-entry in another municipality, goals and a norm per
product), fall back where they cannot answer, and follow changes incrementally."""

from datetime import date
from io import StringIO

from django.core.management import call_command

import pytest

from wmoregie.catalogi.constants import Eenheid
from wmoregie.clienten.constants import (
    AanmeldingStatus,
    Doelresultaat,
    Frequentie,
    Meetmoment,
    RedenBeeindiging,
    TrajectStatus,
)
from wmoregie.clienten.models import (
    Aanmelding,
    Doel,
    Meetronde,
    Ondersteuningsplan,
    Score,
    Traject,
    Wachttijdnorm,
)
from wmoregie.clienten.tests.factories import AanmeldingFactory, ClientFactory, TrajectFactory
from wmoregie.monitoring.cijfers import samenvatting_stromen, tabellen
from wmoregie.monitoring.cijfers.feiten import Periode
from wmoregie.monitoring.cijfers.lezen import ALLES, Cijferscope, Filter
from wmoregie.monitoring.models import Cijferperiode, Duurcijfer, Uitkomstcijfer, Wachtcijfer

from .conftest import maak_traject

Q1 = Periode(date(2026, 1, 1), date(2026, 3, 31))
H1 = Periode(date(2026, 1, 1), date(2026, 6, 30))
FEB = Periode(date(2026, 2, 1), date(2026, 2, 28))
PEIL = date(2026, 4, 15)
AMERSFOORT = Cijferscope(gemeenten=frozenset({"0307"}))
SOEST = Cijferscope(gemeenten=frozenset({"0342"}))
BEIDE = Cijferscope(gemeenten=frozenset({"0307", "0342"}))
DASHBOARDS = ("wachten", "doorstroom", "uitkomsten")


@pytest.fixture
def stromen(cijfers):
    """On top of conftest's Q1:

    * T4: client B (Amersfoort) follows T2 up: referred 20 March for Begeleiding regulier,
      started 25 March (5 days) — a move begeleiding → regulier, not a re-entry of T2;
    * T5: client D (Soest), Praktische begeleiding, referred 12 January, 15 January – 20 February
      (36 days); D is referred again on 10 March in Amersfoort (T6, not started yet): a re-entry
      for the region, not for Soest looking among its own trajectories;
    * norm of Begeleiding regulier 30 days (so T3's 35 days are over it);
    * T2's plan: goals Financiën behaald and one not assessed; T5 only a start score.
    """
    w = cijfers
    t2 = Traject.objects.get(startdatum=date(2026, 2, 1))
    b = t2.client
    t4 = maak_traject(w, b, w.regulier, date(2026, 3, 20), date(2026, 3, 25))
    Aanmelding.objects.filter(pk=t4.aanmelding_id).update(vorig_traject=t2)
    d = ClientFactory(gemeente=w.soest, bsn="999990044")
    t5 = maak_traject(w, d, w.begeleiding, date(2026, 1, 12), date(2026, 1, 15), date(2026, 2, 20))
    _wachtend(w, d, w.amersfoort, date(2026, 3, 10))
    Wachttijdnorm.objects.create(regio=w.regio, product=w.regulier, dagen=30)
    domein = w.instrument.domeinen.order_by("volgorde").first()
    plan = Ondersteuningsplan.objects.create(
        traject=t2,
        meetinstrument=w.instrument,
        volume=2,
        eenheid=Eenheid.UUR,
        frequentie=Frequentie.PER_WEEK,
        vastgesteld_op=date(2026, 2, 1),
    )
    Doel.objects.create(
        plan=plan, levensdomein=domein, omschrijving="Schulden op orde", resultaat="behaald"
    )
    Doel.objects.create(plan=plan, levensdomein=domein, omschrijving="Administratie")
    ronde = Meetronde.objects.create(traject=t5, moment=Meetmoment.START, datum=date(2026, 1, 15))
    Score.objects.create(meetronde=ronde, levensdomein=domein, waarde=3)
    return w


def _wachtend(w, client, gemeente, aangemeld):
    """A trajectory for ``client`` referred in ``gemeente`` on ``aangemeld``, not started."""
    return TrajectFactory(
        aanmelding__client=client,
        aanmelding__gemeente=gemeente,
        aanmelding__overeenkomst=w.overeenkomst,
        aanmelding__product=w.regulier,
        aanmelding__bron=w.bron,
        aanmelding__aangemeld_op=aangemeld,
        status=TrajectStatus.WACHTEND,
    )


def _ververs():
    call_command(
        "ververs_cijfers",
        *["--periode", "2026-01-01:2026-03-31", "--periode", "2026-01-01:2026-06-30"],
        *["--periode", "2026-02-01:2026-02-28"],
        stdout=StringIO(),
    )


def _rijen(deel):
    return [(t.slug, t.rijen, t.voet) for t in deel.tabellen]


def _uit_samenvatting(slug, scope, filter_):
    if slug == "wachten":
        return samenvatting_stromen.wachtset(scope, filter_, PEIL)
    if slug == "doorstroom":
        return samenvatting_stromen.doorstroomset(scope, filter_)
    return samenvatting_stromen.uitkomstset(scope, filter_)


def _filters(w):
    return [
        Filter(periode=Q1),
        Filter(periode=Q1, gemeente="0307"),
        Filter(periode=Q1, gemeente="0342"),
        Filter(periode=Q1, product=w.begeleiding.pk),
        Filter(periode=Q1, product=w.regulier.pk),
        Filter(periode=Q1, gemeente="0342", product=w.begeleiding.pk),
        Filter(periode=FEB),
        Filter(periode=H1),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", DASHBOARDS)
def test_the_summary_gives_the_direct_tables(stromen, slug):
    _ververs()
    namen = tabellen.gemeentenamen()
    gebruikt = 0
    scopes = (("regio", ALLES), ("amersfoort", AMERSFOORT), ("soest", SOEST), ("beide", BEIDE))
    for naam, scope in scopes:
        for filter_ in _filters(stromen):
            if filter_.gemeente and not scope.alles and filter_.gemeente not in scope.gemeenten:
                continue
            if _uit_samenvatting(slug, scope, filter_) is not None:
                gebruikt += 1
            snel = tabellen.bouw_onderdeel(slug, scope, filter_, PEIL, namen)
            direct = tabellen.bouw_onderdeel(slug, scope, filter_, PEIL, namen, False)
            assert _rijen(snel) == _rijen(direct), (naam, filter_)
    # the summary really answered (not the direct route twice): 29 combinations; H1 ends after
    # PEIL, so waiting computes it directly (4 scopes); re-entry of two municipalities at once
    # is computed directly (8 filters)
    assert gebruikt == {"wachten": 25, "doorstroom": 21, "uitkomsten": 29}[slug]


@pytest.mark.django_db
def test_hand_computed_from_the_summary(stromen):
    w = stromen
    _ververs()
    filter_ = Filter(periode=Q1)
    assert samenvatting_stromen.wachtset(ALLES, filter_, PEIL) is not None
    wacht = {t.slug: t for t in tabellen.bouw_onderdeel("wachten", ALLES, filter_, PEIL).tabellen}
    # starts: T1 8 days (Jan), T5 3 days (Jan), T2 27 (Feb), T3 35 over the norm of 30 (Feb),
    # T4 5 (Mar)
    assert wacht["wachten-maand"].rijen == [
        ["2026-01", 2, 1.0, 5.5],
        ["2026-02", 2, 0.5, 31.0],
        ["2026-03", 1, 1.0, 5],
    ]
    assert wacht["wachten-maand"].voet == [["Totaal", 5, 0.8, 8]]
    assert wacht["wachten-verdeling"].rijen[:3] == [
        ["0–14 dagen", 3],
        ["15–28 dagen", 1],
        ["29–42 dagen", 1],
    ]
    # T6 waits since 10 March: 36 days on 15 April, over the norm of 30
    assert wacht["wachten-nu"].rijen == [["Wacht nog", 1], ["Daarvan boven de norm", 1]]
    assert wacht["weigeringen"].rijen == [[w.weigerreden.naam, 1]]

    stroom = {
        t.slug: t for t in tabellen.bouw_onderdeel("doorstroom", ALLES, filter_, PEIL).tabellen
    }
    assert stroom["doorstroom-producten"].rijen == [[w.begeleiding.naam, w.regulier.naam, 1]]
    # T2 42 days, T5 36 days
    assert stroom["doorstroom-duur"].voet == [["Totaal", 2, 39.0, 39.0, 42]]
    assert stroom["doorstroom-herinstroom"].rijen[0][1:] == [2, 1, 0.5]
    soest = Filter(periode=Q1, gemeente="0342")
    her = samenvatting_stromen.doorstroomset(ALLES, soest).herinstroom
    assert (her.beeindigd, her.opnieuw) == (1, 1)  # D again in Amersfoort: seen by the region
    her = samenvatting_stromen.doorstroomset(SOEST, soest).herinstroom
    assert (her.beeindigd, her.opnieuw) == (1, 0)  # Soest looks among its own trajectories

    uitkomst = samenvatting_stromen.uitkomstset(ALLES, filter_)
    (score,) = uitkomst.scores  # T5's start score alone is no pair
    assert (score.aantal, score.gemiddeld_start, score.gemiddeld_eind, score.verbeterd) == (
        1,
        2.0,
        4.0,
        1,
    )
    (doel,) = uitkomst.doelen
    assert (doel.behaald, doel.deels, doel.niet, doel.open, doel.aandeel_behaald) == (
        1,
        0,
        0,
        1,
        1.0,
    )


@pytest.mark.django_db
def test_what_the_summary_cannot_answer_is_computed_directly(stromen):
    w = stromen
    _ververs()
    backoffice = Cijferscope(consortia=frozenset({w.consortium.pk}))
    onderaannemer = Cijferscope(onderaannemers=frozenset({w.onderaannemer.organisatie_id}))
    team = Filter(periode=Q1, gebiedsteam=w.team_noord.pk)
    uitvoerder = Filter(periode=Q1, onderaannemer=0)
    niet_samengevat = Filter(periode=Periode(Q1.van, PEIL))
    for slug in DASHBOARDS:
        for scope, filter_ in (
            (backoffice, Filter(periode=Q1)),
            (onderaannemer, Filter(periode=Q1)),
            (ALLES, team),
            (ALLES, uitvoerder),
            (ALLES, niet_samengevat),
        ):
            assert _uit_samenvatting(slug, scope, filter_) is None, (slug, scope, filter_)
            snel = tabellen.bouw_onderdeel(slug, scope, filter_, PEIL)
            direct = tabellen.bouw_onderdeel(slug, scope, filter_, PEIL, samengevat=False)
            assert _rijen(snel) == _rijen(direct)
    # waiting of a period ending after the reference day (a later start has not happened)
    assert samenvatting_stromen.wachtset(ALLES, Filter(periode=H1), PEIL) is None
    assert samenvatting_stromen.wachtset(ALLES, Filter(periode=H1), date(2026, 7, 1)) is not None
    # re-entry of several municipalities together: among their own trajectories
    assert samenvatting_stromen.doorstroomset(BEIDE, Filter(periode=Q1)) is None
    assert samenvatting_stromen.wachtset(BEIDE, Filter(periode=Q1), PEIL) is not None
    snel = tabellen.bouw_onderdeel("doorstroom", BEIDE, Filter(periode=Q1), PEIL)
    direct = tabellen.bouw_onderdeel(
        "doorstroom", BEIDE, Filter(periode=Q1), PEIL, samengevat=False
    )
    assert _rijen(snel) == _rijen(direct)


def _vers(periode: Periode) -> bool:
    return Cijferperiode.objects.filter(van=periode.van, tot=periode.tot, vervallen=False).exists()


def _weigering(w):
    """A referral of Amersfoort on 12 February, refused."""
    return AanmeldingFactory(
        client=ClientFactory(gemeente=w.amersfoort, bsn="999990056"),
        overeenkomst=w.overeenkomst,
        product=w.regulier,
        bron=w.bron,
        aangemeld_op=date(2026, 2, 12),
        status=AanmeldingStatus.GEWEIGERD,
        weigerreden=w.weigerreden,
        weigering_toelichting="Vol.",
    )


@pytest.mark.django_db
def test_a_refusal_marks_stale_and_the_refresh_follows(stromen, django_capture_on_commit_callbacks):
    w = stromen
    _ververs()
    with django_capture_on_commit_callbacks(execute=True):
        _weigering(w)
    # the task ran after the commit (no broker): fresh again, with the new refusal
    assert _vers(Q1) and _vers(FEB)
    filter_ = Filter(periode=FEB)
    assert samenvatting_stromen.wachtset(ALLES, filter_, PEIL).weigeringen == [
        (w.weigerreden.naam, 2)
    ]
    snel = tabellen.bouw_onderdeel("wachten", ALLES, filter_, PEIL)
    assert _rijen(snel) == _rijen(
        tabellen.bouw_onderdeel("wachten", ALLES, filter_, PEIL, samengevat=False)
    )


@pytest.mark.django_db
def test_a_referral_moved_later_marks_the_periods_it_left(stromen):
    w = stromen
    weigering = _weigering(w)
    _ververs()
    assert _vers(FEB)
    weigering.aangemeld_op = date(2026, 4, 2)
    weigering.save()
    assert not _vers(FEB) and not _vers(Q1) and not _vers(H1)
    _ververs()
    filter_ = Filter(periode=FEB)
    assert _rijen(tabellen.bouw_onderdeel("wachten", ALLES, filter_, PEIL)) == _rijen(
        tabellen.bouw_onderdeel("wachten", ALLES, filter_, PEIL, samengevat=False)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("wijziging", ["score", "doel", "meetronde weg", "heraanmelding"])
def test_a_change_marks_the_periods_stale(stromen, wijziging):
    w = stromen
    _ververs()
    t2 = Traject.objects.get(startdatum=date(2026, 2, 1))  # ended 15 March
    if wijziging == "score":
        Score.objects.filter(meetronde__traject=t2, meetronde__moment=Meetmoment.EIND).update(
            waarde=1
        )
        score = Score.objects.get(meetronde__traject=t2, meetronde__moment=Meetmoment.EIND)
        score.save()
    elif wijziging == "doel":
        doel = Doel.objects.get(plan__traject=t2, resultaat="")
        doel.resultaat = Doelresultaat.NIET
        doel.save()
    elif wijziging == "meetronde weg":
        Meetronde.objects.get(traject=t2, moment=Meetmoment.START).delete()
    else:
        # client C (Soest, T3 runs) has nothing ended; client A neither: end T1 in February and
        # refer A again in March — the referral touches February's end
        t1 = Traject.objects.get(startdatum=date(2026, 1, 10))
        Traject.objects.filter(pk=t1.pk).update(
            einddatum=date(2026, 2, 15),
            status=TrajectStatus.BEEINDIGD,
            reden_beeindiging=RedenBeeindiging.VOLGENS_PLAN,
        )
        _ververs()
        call_command("ververs_cijfers", "--alles", stdout=StringIO())
        assert _vers(FEB)
        her = samenvatting_stromen.doorstroomset(ALLES, Filter(periode=FEB)).herinstroom
        assert (her.beeindigd, her.opnieuw) == (2, 1)  # T1 and T5 ended; D came back
        _wachtend(w, t1.client, w.amersfoort, date(2026, 3, 30))
        assert not _vers(FEB)  # re-entry of February's end
        call_command("ververs_cijfers", stdout=StringIO())
        her = samenvatting_stromen.doorstroomset(ALLES, Filter(periode=FEB)).herinstroom
        assert (her.beeindigd, her.opnieuw) == (2, 2)  # and now A too
        return
    assert not _vers(Q1)
    assert _vers(FEB)  # T2 ended in March
    call_command("ververs_cijfers", stdout=StringIO())
    assert _vers(Q1)
    filter_ = Filter(periode=Q1)
    snel = tabellen.bouw_onderdeel("uitkomsten", ALLES, filter_, PEIL)
    direct = tabellen.bouw_onderdeel("uitkomsten", ALLES, filter_, PEIL, samengevat=False)
    assert _rijen(snel) == _rijen(direct)
    uitkomst = samenvatting_stromen.uitkomstset(ALLES, filter_)
    if wijziging == "score":
        assert uitkomst.scores[0].verslechterd == 1
    elif wijziging == "doel":
        assert (uitkomst.doelen[0].niet, uitkomst.doelen[0].open) == (1, 0)
    else:
        assert uitkomst.scores == []


@pytest.mark.django_db
def test_the_refresh_keeps_a_row_per_product_and_measured_domain(stromen):
    _ververs()
    periode = Cijferperiode.objects.get(van=FEB.van, tot=FEB.tot)
    # every product Amersfoort and Soest have trajectories of, also with nothing ended in February
    assert set(Duurcijfer.objects.filter(periode=periode).values_list("gemeente", "beeindigd")) == {
        ("0307", 0),
        ("0342", 0),
        ("0342", 1),
        (samenvatting_stromen.REGIO, 0),
        (samenvatting_stromen.REGIO, 1),
    }
    # T5's start score alone: a measured domain without a pair
    rij = Uitkomstcijfer.objects.get(periode=periode)
    assert (rij.gemeten, rij.aantal) == (True, 0)


@pytest.mark.django_db
def test_the_regions_waiting_rows_are_the_municipalities_merged(stromen):
    """The region's page reads its own rows (one per product and month); they hold exactly the
    municipalities' histograms added up."""
    _ververs()
    periode = Cijferperiode.objects.get(van=H1.van, tot=H1.tot)
    rijen = Wachtcijfer.objects.filter(periode=periode)
    opgeteld: dict = {}
    for rij in rijen.exclude(gemeente=samenvatting_stromen.REGIO):
        telling = opgeteld.setdefault((rij.product_id, rij.maand), {})
        for dagen, n in rij.dagen.items():
            telling[dagen] = telling.get(dagen, 0) + n
    regio = {
        (rij.product_id, rij.maand): rij.dagen
        for rij in rijen.filter(gemeente=samenvatting_stromen.REGIO)
    }
    assert regio == opgeteld
    assert sum(sum(t.values()) for t in regio.values()) > 1  # starts of both municipalities


@pytest.mark.django_db
def test_a_first_trajectory_of_a_product_in_a_municipality_marks_every_period(stromen):
    w = stromen
    _ververs()
    nieuw = ClientFactory(gemeente=w.amersfoort, bsn="999990068")
    _wachtend(w, nieuw, w.amersfoort, date(2026, 5, 4))  # regulier: Amersfoort has T4
    assert _vers(Q1) and _vers(FEB)  # a product Amersfoort already has: from May on only
    # respijt: Amersfoort's first, so every period lists it (with zeros) from now on
    TrajectFactory(
        aanmelding__client=nieuw,
        aanmelding__gemeente=w.amersfoort,
        aanmelding__overeenkomst=w.respijtovereenkomst,
        aanmelding__product=w.respijt,
        aanmelding__bron=w.bron,
        aanmelding__aangemeld_op=date(2026, 5, 4),
        status=TrajectStatus.WACHTEND,
    )
    assert not _vers(Q1) and not _vers(FEB)
    call_command("ververs_cijfers", stdout=StringIO())
    filter_ = Filter(periode=FEB)
    for slug in ("bereik", "doorstroom"):
        snel = tabellen.bouw_onderdeel(slug, ALLES, filter_, PEIL)
        direct = tabellen.bouw_onderdeel(slug, ALLES, filter_, PEIL, samengevat=False)
        assert _rijen(snel) == _rijen(direct)
    duur = {r[0]: r[1] for r in {t.slug: t for t in snel.tabellen}["doorstroom-duur"].rijen}
    assert duur[w.respijt.naam] == 0  # listed, nothing ended
