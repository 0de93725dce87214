"""Tariffs per product and unit of an inspanningsgericht agreement, and their indexation."""

import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from wmoregie.accounts.constants import Rol
from wmoregie.audit.models import AuditEntry
from wmoregie.catalogi.constants import Bekostigingsvariant, Eenheid
from wmoregie.catalogi.tests.factories import PerceelFactory, ProductFactory
from wmoregie.contracten import services
from wmoregie.contracten.models import Indexering, Tarief

from .factories import OvereenkomstFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/contracten/"

# The worked example of docs/contracten-berekeningen.md: 80/20, personnel 3.0 + (3.4 − 3.1),
# material 2.0 + (2.6 − 2.2) → 3.12 %; 61.67 → 63.594104 → 63.59.
CIJFERS = services.Indexcijfers(
    personeel_prognose_volgend_jaar=Decimal("3.0"),
    personeel_prognose_lopend_jaar=Decimal("3.1"),
    personeel_definitief_lopend_jaar=Decimal("3.4"),
    materieel_prognose_volgend_jaar=Decimal("2.0"),
    materieel_prognose_lopend_jaar=Decimal("2.2"),
    materieel_definitief_lopend_jaar=Decimal("2.6"),
    bron="Voorbeeld uit de documentatie.",
)


@pytest.fixture
def overeenkomst():
    perceel = PerceelFactory(bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT)
    return OvereenkomstFactory(perceel=perceel, regio=perceel.regio)


@pytest.fixture
def product(overeenkomst):
    return ProductFactory(perceel=overeenkomst.perceel, eenheid=Eenheid.ETMAAL)


def _tarief(overeenkomst, product, gebruiker, bedrag="61.67", van=date(2026, 1, 1), tot=None):
    return services.stel_tarief_vast(
        overeenkomst,
        gebruiker=gebruiker,
        product=product,
        bedrag=Decimal(bedrag),
        geldig_van=van,
        geldig_tot=tot,
    )


# --- Service -------------------------------------------------------------------------------------


def test_a_tariff_takes_the_unit_of_its_product_and_is_audited(
    overeenkomst, product, contractmanager
):
    tarief = _tarief(overeenkomst, product, contractmanager)
    assert tarief.eenheid == Eenheid.ETMAAL
    assert tarief.bedrag == Decimal("61.67")
    assert AuditEntry.objects.filter(actie="tarief.vastgesteld", object_id=str(tarief.pk)).exists()


@pytest.mark.parametrize(
    ("van", "tot"),
    [
        (date(2026, 6, 1), date(2026, 12, 31)),  # inside
        (date(2025, 1, 1), date(2026, 1, 1)),  # touches the first day
        (date(2025, 1, 1), None),  # open-ended, starting earlier
        (date(2026, 12, 31), None),  # starts on the last day
    ],
)
def test_validity_periods_of_one_product_may_not_overlap(
    overeenkomst, product, contractmanager, van, tot
):
    _tarief(overeenkomst, product, contractmanager, van=date(2026, 1, 1), tot=date(2026, 12, 31))
    with pytest.raises(ValidationError) as fout:
        _tarief(overeenkomst, product, contractmanager, van=van, tot=tot)
    assert fout.value.error_dict["geldig_van"][0].code == "geldigheid-overlapt"
    assert Tarief.objects.count() == 1


def test_adjacent_periods_and_other_products_are_fine(overeenkomst, product, contractmanager):
    _tarief(overeenkomst, product, contractmanager, van=date(2026, 1, 1), tot=date(2026, 12, 31))
    _tarief(overeenkomst, product, contractmanager, van=date(2027, 1, 1))
    ander = ProductFactory(perceel=overeenkomst.perceel, eenheid=Eenheid.UUR)
    _tarief(overeenkomst, ander, contractmanager, van=date(2026, 1, 1))
    assert Tarief.objects.count() == 3


def test_refused_tariffs(overeenkomst, product, contractmanager):
    with pytest.raises(ValidationError) as fout:
        _tarief(overeenkomst, product, contractmanager, van=date(2026, 2, 1), tot=date(2026, 1, 1))
    assert fout.value.error_dict["geldig_tot"][0].code == "einde-voor-begin"
    with pytest.raises(ValidationError) as fout:
        _tarief(overeenkomst, ProductFactory(), contractmanager)
    assert fout.value.error_dict["product"][0].code == "product-ander-perceel"
    taakgericht = OvereenkomstFactory()
    with pytest.raises(ValidationError) as fout:
        _tarief(taakgericht, ProductFactory(perceel=taakgericht.perceel), contractmanager)
    assert fout.value.code == "tarief-bij-taakgericht"
    assert not Tarief.objects.exists()


def test_indexation_of_the_tariff_list_follows_the_worked_example(
    overeenkomst, product, contractmanager
):
    uur = ProductFactory(perceel=overeenkomst.perceel, eenheid=Eenheid.UUR)
    oud = _tarief(overeenkomst, product, contractmanager)  # open-ended
    _tarief(overeenkomst, uur, contractmanager, bedrag="100.00", tot=date(2026, 12, 31))

    nieuw = services.indexeer_tarieven(
        overeenkomst, jaar=2026, cijfers=CIJFERS, gebruiker=contractmanager
    )

    per_product = {t.product: t for t in nieuw}
    assert per_product[product].bedrag == Decimal("63.59")  # 63.594104, half up
    assert per_product[uur].bedrag == Decimal("103.12")
    assert per_product[product].eenheid == Eenheid.ETMAAL
    assert (per_product[product].geldig_van, per_product[product].geldig_tot) == (
        date(2027, 1, 1),
        date(2027, 12, 31),
    )
    oud.refresh_from_db()
    assert oud.geldig_tot == date(2026, 12, 31)  # closed by its successor
    indexering = Indexering.objects.get(overeenkomst=overeenkomst, jaar=2027)
    assert indexering.indexpercentage == Decimal("3.12")
    berekening = per_product[product].indexberekening()
    assert berekening.stap("nieuw_bedrag_exact").waarde == Decimal("63.594104")
    assert [s.code for s in berekening.stappen][-1] == "nieuw_bedrag"
    assert AuditEntry.objects.filter(actie="tarief.geindexeerd").count() == 1


def test_indexing_twice_or_without_tariffs_is_refused(overeenkomst, product, contractmanager):
    with pytest.raises(ValidationError) as fout:
        services.indexeer_tarieven(
            overeenkomst, jaar=2026, cijfers=CIJFERS, gebruiker=contractmanager
        )
    assert fout.value.error_dict["jaar"][0].code == "geen-tarieven"
    _tarief(overeenkomst, product, contractmanager)
    services.indexeer_tarieven(overeenkomst, jaar=2026, cijfers=CIJFERS, gebruiker=contractmanager)
    with pytest.raises(ValidationError) as fout:
        services.indexeer_tarieven(
            overeenkomst, jaar=2026, cijfers=CIJFERS, gebruiker=contractmanager
        )
    assert fout.value.code == "indexering-bestaat"
    assert Tarief.objects.count() == 2


# --- Pages, API, export --------------------------------------------------------------------------


def test_the_contract_manager_adds_and_indexes_tariffs_on_the_pages(
    client, overeenkomst, product, contractmanager
):
    client.force_login(contractmanager)
    url = reverse("contracten:tarief-nieuw", args=[overeenkomst.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"product": product.pk, "bedrag": "61,67", "geldig_van": "2026-01-01"}
    )
    assert response.status_code == 302
    response = client.post(
        url, {"product": product.pk, "bedrag": "70,00", "geldig_van": "2026-06-01"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "overlapt" in html

    response = client.post(
        reverse("contracten:tarieven-indexeren", args=[overeenkomst.pk]),
        {
            "jaar": "2026",
            "personeel_prognose_volgend_jaar": "3,0",
            "personeel_prognose_lopend_jaar": "3,1",
            "personeel_definitief_lopend_jaar": "3,4",
            "materieel_prognose_volgend_jaar": "2,0",
            "materieel_prognose_lopend_jaar": "2,2",
            "materieel_definitief_lopend_jaar": "2,6",
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("contracten:tarieven", args=[overeenkomst.pk])).content.decode()
    assert "€ 63,59" in html and "63,594104" in html and "3,1200 %" in html
    assert '<th scope="col">' in html


def test_backoffice_reads_only_its_own_tariffs_and_a_subcontractor_none(
    client, overeenkomst, product, contractmanager, maak_gebruiker
):
    eigen = _tarief(overeenkomst, product, contractmanager)
    perceel = PerceelFactory(bekostigingsvariant=Bekostigingsvariant.OUTPUTGERICHT)
    andere = OvereenkomstFactory(perceel=perceel, regio=perceel.regio)
    vreemd = _tarief(andere, ProductFactory(perceel=perceel), contractmanager)

    client.force_login(maak_gebruiker(Rol.BACKOFFICE, organisatie=overeenkomst.opdrachtnemer))
    assert client.get(reverse("contracten:tarieven", args=[overeenkomst.pk])).status_code == 200
    assert client.get(reverse("contracten:tarieven", args=[andere.pk])).status_code == 404
    assert client.get(reverse("contracten:tarieven-xlsx", args=[andere.pk])).status_code == 404
    assert client.get(reverse("contracten:tarief-nieuw", args=[overeenkomst.pk])).status_code == 403
    ids = {t["id"] for t in client.get(f"{API}tarieven/").json()["results"]}
    assert ids == {eigen.pk}
    assert client.get(f"{API}tarieven/{vreemd.pk}/").status_code == 404

    client.force_login(
        maak_gebruiker(Rol.ONDERAANNEMER_MEDEWERKER, organisatie=overeenkomst.opdrachtnemer)
    )
    assert client.get(reverse("contracten:tarieven", args=[overeenkomst.pk])).status_code == 403
    assert client.get(f"{API}tarieven/").status_code == 403


def test_the_api_gives_amounts_as_strings_with_the_steps(
    client, overeenkomst, product, contractmanager
):
    _tarief(overeenkomst, product, contractmanager)
    services.indexeer_tarieven(overeenkomst, jaar=2026, cijfers=CIJFERS, gebruiker=contractmanager)
    client.force_login(contractmanager)
    rijen = {t["geldig_van"]: t for t in client.get(f"{API}tarieven/").json()["results"]}
    assert rijen["2027-01-01"]["bedrag"] == "63.59"
    assert rijen["2027-01-01"]["eenheid"] == Eenheid.ETMAAL
    assert rijen["2027-01-01"]["indexering_stappen"][-1]["code"] == "nieuw_bedrag"
    assert rijen["2026-01-01"]["indexering_stappen"] == []


def test_the_tariff_list_exports_to_xlsx_with_the_arithmetic(
    client, overeenkomst, product, contractmanager
):
    _tarief(overeenkomst, product, contractmanager)
    services.indexeer_tarieven(overeenkomst, jaar=2026, cijfers=CIJFERS, gebruiker=contractmanager)
    client.force_login(contractmanager)
    response = client.get(reverse("contracten:tarieven-xlsx", args=[overeenkomst.pk]))
    assert response.status_code == 200
    werkboek = load_workbook(io.BytesIO(response.content))
    rijen = list(werkboek["Tarieven"].iter_rows(values_only=True))
    assert rijen[0][0] == "Jaar"
    nieuw = next(r for r in rijen[1:] if r[0] == 2027)
    assert Decimal(str(nieuw[4])) == Decimal("63.59")
    assert Decimal(str(nieuw[8])) == Decimal("61.67")
    stappen = [r[1] for r in werkboek["Indexering"].iter_rows(min_row=2, values_only=True)]
    assert any("Indexeringspercentage 2027" in s for s in stappen)
