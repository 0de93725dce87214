from datetime import date
from decimal import Decimal

from django.utils import timezone

import pytest

from wmoregie.contracten import selectors
from wmoregie.contracten.constants import (
    Documentstand,
    Onderaannemersoort,
    OvereenkomstStatus,
    PrijsbladStatus,
)
from wmoregie.contracten.demo import laad_demo as laad_contracten
from wmoregie.contracten.models import (
    Budget,
    Nalevingsdocument,
    Onderaanneemcontract,
    Onderaannemer,
    Overeenkomst,
    Prijsblad,
)

pytestmark = pytest.mark.django_db


def _stand():
    return tuple(
        m.objects.count()
        for m in (
            Overeenkomst,
            Budget,
            Prijsblad,
            Onderaannemer,
            Nalevingsdocument,
            Onderaanneemcontract,
        )
    )


def test_the_demo_agreement_is_the_wmo_begeleiding_lot_with_the_demo_consortium(demo):
    assert demo.perceel.code == "wmo-begeleiding"
    assert demo.opdrachtnemer.kvk_nummer == "90000001"
    assert demo.status == OvereenkomstStatus.ACTIEF
    assert demo.penvoerder is not None
    assert demo.combinanten.count() == 2


def test_the_demo_budget_2026_is_split_over_seven_municipalities_without_losing_a_cent(demo):
    budget = demo.budgetten.get(jaar=2026)
    aandelen = list(budget.aandelen.all())
    assert len(aandelen) == 7
    assert sum(a.bedrag for a in aandelen) == budget.totaal


def test_the_demo_budget_2027_is_indexed_from_entered_figures(demo):
    budget_2027 = demo.budgetten.get(jaar=2027)
    assert budget_2027.indexering.indexpercentage == Decimal("3.12")
    assert budget_2027.totaal == Decimal("25522200.00")  # 24,750,000 × 1.0312
    assert sum(a.bedrag for a in budget_2027.aandelen.all()) == budget_2027.totaal


def test_the_demo_has_three_published_sheets_and_six_subcontractors_of_three_kinds(demo):
    assert demo.prijsbladen.filter(status=PrijsbladStatus.GEPUBLICEERD).count() == 3
    soorten = list(demo.onderaannemers.values_list("soort", flat=True))
    assert len(soorten) == 6
    assert set(soorten) == set(Onderaannemersoort.values)
    assert demo.onderaannemers.filter(organisatie__kvk_nummer="90000002").exists()


def test_one_demo_subcontractor_has_a_document_expiring_soon(demo):
    vandaag = timezone.localdate()
    standen = [
        (o.organisatie.kvk_nummer, r.stand)
        for o in demo.onderaannemers.all()
        for r in selectors.compliance(o, vandaag)
        if r.stand != Documentstand.GELDIG
    ]
    assert standen == [("90000123", Documentstand.VERLOOPT_BINNENKORT)]


def test_the_demo_loads_idempotently(demo):
    stand = _stand()
    laad_contracten()
    assert _stand() == stand


def test_the_demo_subcontractor_has_a_contract_on_a_published_sheet(demo):
    contract = Onderaanneemcontract.objects.get(onderaannemer__organisatie__kvk_nummer="90000002")
    assert contract.prijsblad.is_gepubliceerd
    assert contract.ingangsdatum == date(2026, 1, 1)


def test_the_demo_has_a_respijt_agreement_with_a_tariff_list_indexed_to_2027(db):
    from wmoregie.catalogi.constants import Eenheid
    from wmoregie.catalogi.services import importeer_catalogus, lees_json
    from wmoregie.contracten.demo import _laad_respijt
    from wmoregie.contracten.models import Tarief
    from wmoregie.demo import CATALOGUS

    importeer_catalogus(lees_json(CATALOGUS.read_bytes()))
    respijt = _laad_respijt(None)
    assert _laad_respijt(None) == respijt  # idempotent
    assert respijt.perceel.code == "respijtverblijf"
    tarieven = {t.geldig_van.year: t for t in Tarief.objects.filter(overeenkomst=respijt)}
    assert tarieven[2026].bedrag == Decimal("245.80")
    assert tarieven[2026].eenheid == Eenheid.ETMAAL
    # first contract year: the forecast alone, 0.8 × 3.3 + 0.2 × 2.4 = 3.12 %
    assert tarieven[2027].bedrag == Decimal("253.47")  # 245.80 × 1.0312 = 253.46896
    assert tarieven[2027].vorig_tarief == tarieven[2026]
