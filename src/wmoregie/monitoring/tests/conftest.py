"""A small region with hand-countable figures for the monitoring's page and API tests.

Amersfoort (0307, 160,000 inhabitants) and Soest (0342, 47,000), first quarter of 2026:

* T1 client A, Amersfoort, Praktische begeleiding, referred 2 January, started 10 January, runs;
* T2 client B, Amersfoort, Praktische begeleiding, referred 5 January, 1 February – 15 March;
* T3 client C, Soest, Begeleiding regulier by the subcontractor Zorgkracht, referred
  6 January, started 10 February (35 days);
* one refused referral in Soest (reason "buiten opdracht").
"""

from datetime import date
from decimal import Decimal

import pytest

from wmoregie.clienten.constants import (
    AanmeldingStatus,
    Meetmoment,
    RedenBeeindiging,
    TrajectStatus,
)
from wmoregie.clienten.models import Inzet, Meetronde, Score
from wmoregie.clienten.tests.conftest import Wereld, wereld  # noqa: F401 (fixture)
from wmoregie.clienten.tests.factories import AanmeldingFactory, ClientFactory, TrajectFactory
from wmoregie.monitoring.models import Inwonertal

Q1 = {"van": "2026-01-01", "tot": "2026-03-31"}


def maak_traject(w: Wereld, client, product, aangemeld, start, eind=None, status=None):
    status = status or (TrajectStatus.BEEINDIGD if eind else TrajectStatus.LOPEND)
    return TrajectFactory(
        aanmelding__client=client,
        aanmelding__gemeente=client.gemeente,
        aanmelding__overeenkomst=w.overeenkomst,
        aanmelding__product=product,
        aanmelding__bron=w.bron,
        aanmelding__aangemeld_op=aangemeld,
        status=status,
        startdatum=start,
        einddatum=eind,
        reden_beeindiging=RedenBeeindiging.VOLGENS_PLAN if eind else "",
    )


@pytest.fixture
def cijfers(wereld):  # noqa: F811
    a = ClientFactory(gemeente=wereld.amersfoort, bsn="999993021")
    b = ClientFactory(gemeente=wereld.amersfoort, bsn="999990019", geslacht="2")
    c = ClientFactory(gemeente=wereld.soest, bsn="999990020")
    maak_traject(wereld, a, wereld.begeleiding, date(2026, 1, 2), date(2026, 1, 10))
    t2 = maak_traject(
        wereld, b, wereld.begeleiding, date(2026, 1, 5), date(2026, 2, 1), date(2026, 3, 15)
    )
    t3 = maak_traject(wereld, c, wereld.regulier, date(2026, 1, 6), date(2026, 2, 10))
    Inzet.objects.create(traject=t3, onderaannemer=wereld.onderaannemer, van=date(2026, 2, 10))
    AanmeldingFactory(
        client=ClientFactory(gemeente=wereld.soest, bsn="999990032"),
        overeenkomst=wereld.overeenkomst,
        product=wereld.begeleiding,
        bron=wereld.bron,
        aangemeld_op=date(2026, 2, 3),
        status=AanmeldingStatus.GEWEIGERD,
        weigerreden=wereld.weigerreden,
        weigering_toelichting="Zorgvraag past niet.",
    )
    domein = wereld.instrument.domeinen.order_by("volgorde").first()
    for moment, datum, waarde in (
        (Meetmoment.START, date(2026, 2, 1), 2),
        (Meetmoment.EIND, date(2026, 3, 15), 4),
    ):
        ronde = Meetronde.objects.create(traject=t2, moment=moment, datum=datum)
        Score.objects.create(meetronde=ronde, levensdomein=domein, waarde=waarde)
    Inwonertal.objects.create(gemeente=wereld.amersfoort, jaar=2026, inwoners=160_000)
    Inwonertal.objects.create(gemeente=wereld.soest, jaar=2026, inwoners=47_000)
    from wmoregie.contracten.models import Budget, Budgetaandeel, Budgetbetaling

    budget = Budget.objects.create(
        overeenkomst=wereld.overeenkomst,
        jaar=2026,
        totaal=Decimal("1200000.00"),
        verdeelsleutel="inwoners",
    )
    aandeel = Budgetaandeel.objects.create(
        budget=budget,
        gemeente=wereld.amersfoort,
        sleutelwaarde=160_000,
        bedrag=Decimal("900000.00"),
    )
    Budgetaandeel.objects.create(
        budget=budget, gemeente=wereld.soest, sleutelwaarde=47_000, bedrag=Decimal("300000.00")
    )
    Budgetbetaling.objects.create(
        aandeel=aandeel, termijn=1, bedrag=Decimal("75000.00"), betaald_op=date(2026, 1, 15)
    )
    return wereld
