"""Indicator values against hand-computed fixtures, and the verdict against the yearly norm."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from wmoregie.clienten.constants import AanmeldingStatus, RedenBeeindiging
from wmoregie.clienten.models import Wachttijdnorm
from wmoregie.contracten.constants import OvereenkomstStatus
from wmoregie.contracten.tests.factories import OvereenkomstFactory
from wmoregie.monitoring.sturing import indicatoren
from wmoregie.monitoring.sturing.constants import Koers
from wmoregie.monitoring.sturing.indicatoren import Afbakening, koers

from .conftest import AMSTERDAM, aanmelding, traject

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.mark.parametrize(
    ("_case", "waarde", "streef", "tolerantie", "hoger", "verwacht"),
    [
        ("above the target", D("81"), D("80"), D("5"), True, Koers.OP_KOERS),
        ("exactly the target", D("80"), D("80"), D("5"), True, Koers.OP_KOERS),
        ("within the tolerance", D("75"), D("80"), D("5"), True, Koers.BINNEN_TOLERANTIE),
        ("just beyond it", D("74.9"), D("80"), D("5"), True, Koers.UIT_KOERS),
        ("lower is better, above", D("12"), D("10"), D("1"), False, Koers.UIT_KOERS),
        ("lower is better, within", D("11"), D("10"), D("1"), False, Koers.BINNEN_TOLERANTIE),
        ("no value", None, D("80"), D("5"), True, Koers.GEEN_GEGEVENS),
        ("no norm", D("80"), None, None, True, Koers.GEEN_NORM),
    ],
)
def test_the_verdict_follows_target_and_tolerance(
    _case, waarde, streef, tolerantie, hoger, verwacht
):
    assert koers(waarde, streef, tolerantie, hoger_is_beter=hoger) == verwacht


def test_share_started_within_the_waiting_time_norm_per_municipality_and_region(wereld):
    Wachttijdnorm.objects.create(regio=wereld.regio, product=None, dagen=42)
    # Amersfoort: waits of 10, 42 (within), 43 and 60 days (over): 2 of 4.
    for start in (date(2026, 1, 15), date(2026, 2, 16), date(2026, 2, 17), date(2026, 3, 6)):
        traject(wereld, aangemeld=date(2026, 1, 5), start=start)
    # Soest: 5 days, within: 1 of 1.
    traject(wereld, gemeente=wereld.soest, aangemeld=date(2026, 2, 1), start=date(2026, 2, 6))
    # Not counted: started last year, and started after the reference date.
    traject(wereld, aangemeld=date(2025, 11, 1), start=date(2025, 12, 1))
    traject(wereld, aangemeld=date(2026, 3, 1), start=date(2026, 4, 1))

    uitkomst = indicatoren.binnen_wachttijdnorm(
        Afbakening(wereld.regio.pk), 2026, date(2026, 3, 31)
    )

    assert uitkomst.per_gemeente[wereld.amersfoort.pk].waarde() == D("50.0")
    assert uitkomst.per_gemeente[wereld.soest.pk].waarde() == D("100.0")
    assert (uitkomst.totaal.teller, uitkomst.totaal.noemer) == (3, 5)
    assert uitkomst.totaal.waarde() == D("60.0")
    assert uitkomst.totaal.stap() == "3 van 5 = 60,0 %"


def test_acceptance_counts_decisions_by_their_date_in_amsterdam(wereld):
    # 31 December 23:30 UTC is 1 January in Amsterdam: counts for 2026.
    aanmelding(
        wereld,
        status=AanmeldingStatus.GEWEIGERD,
        besloten_op=datetime.fromisoformat("2025-12-31T23:30:00+00:00"),
        weigerreden=wereld.weigerreden,
        weigering_toelichting="Aantoonbaar buiten de opdracht van dit perceel.",
    )
    aanmelding(
        wereld,
        status=AanmeldingStatus.GEACCEPTEERD,
        besloten_op=datetime(2026, 2, 1, 9, tzinfo=AMSTERDAM),
    )
    aanmelding(
        wereld,
        status=AanmeldingStatus.GEACCEPTEERD,
        besloten_op=datetime(2026, 2, 2, 9, tzinfo=AMSTERDAM),
    )
    aanmelding(
        wereld,
        status=AanmeldingStatus.GEACCEPTEERD,
        besloten_op=datetime(2026, 2, 3, 9, tzinfo=AMSTERDAM),
    )
    # Still open and decided last year (Amsterdam): not counted.
    aanmelding(wereld, status=AanmeldingStatus.AANGEMELD)
    aanmelding(
        wereld,
        status=AanmeldingStatus.GEWEIGERD,
        besloten_op=datetime.fromisoformat("2025-12-31T22:30:00+00:00"),
        weigerreden=wereld.weigerreden,
        weigering_toelichting="Aantoonbaar buiten de opdracht van dit perceel.",
    )

    uitkomst = indicatoren.acceptatiegraad(Afbakening(wereld.regio.pk), 2026, date(2026, 3, 31))

    assert (uitkomst.totaal.teller, uitkomst.totaal.noemer) == (3, 4)
    assert uitkomst.totaal.waarde() == D("75.0")


def test_ended_according_to_plan_and_running_on_the_reference_date(wereld):
    traject(
        wereld, start=date(2026, 1, 10), eind=date(2026, 2, 10), reden=RedenBeeindiging.VOLGENS_PLAN
    )
    traject(
        wereld, start=date(2026, 1, 10), eind=date(2026, 3, 10), reden=RedenBeeindiging.VOLGENS_PLAN
    )
    traject(
        wereld, start=date(2026, 1, 10), eind=date(2026, 3, 11), reden=RedenBeeindiging.DOOR_CLIENT
    )
    traject(wereld, start=date(2026, 1, 20))  # running
    traject(wereld, start=date(2026, 4, 20))  # starts after the reference date
    traject(wereld)  # waiting

    afbakening = Afbakening(wereld.regio.pk)
    plan = indicatoren.volgens_plan(afbakening, 2026, date(2026, 3, 10))
    lopend = indicatoren.lopende_trajecten(afbakening, 2026, date(2026, 3, 10))

    # Up to 10 March: two ended, both according to plan.
    assert (plan.totaal.teller, plan.totaal.noemer) == (2, 2)
    # On 10 March: the running one, the one ending that day and the one ending on 11 March.
    assert lopend.totaal.teller == 3
    assert lopend.totaal.waarde() == D("3")
    assert indicatoren.volgens_plan(afbakening, 2026, date(2026, 3, 31)).totaal.waarde() == D(
        "66.7"
    )


def test_the_back_office_counts_only_the_work_under_its_own_agreements(wereld):
    traject(wereld, start=date(2026, 1, 10))
    # an earlier partner of the same lot (one active partner per lot, #15.2)
    ander = OvereenkomstFactory(
        regio=wereld.regio,
        perceel=wereld.overeenkomst.perceel,
        status=OvereenkomstStatus.BEEINDIGD,
    )
    traject(wereld, start=date(2026, 1, 10), overeenkomst=ander)

    eigen = Afbakening(wereld.regio.pk, frozenset({wereld.overeenkomst.pk}))

    assert indicatoren.lopende_trajecten(eigen, 2026, date(2026, 2, 1)).totaal.teller == 1
    assert (
        indicatoren.lopende_trajecten(
            Afbakening(wereld.regio.pk), 2026, date(2026, 2, 1)
        ).totaal.teller
        == 2
    )
