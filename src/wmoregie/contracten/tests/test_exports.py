import io
from datetime import date
from decimal import Decimal

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from wmoregie.accounts.models import User
from wmoregie.contracten import exports
from wmoregie.contracten.models import Nalevingsdocument

from .factories import (
    OnderaanneemcontractFactory,
    OnderaannemerFactory,
    PrijsbladFactory,
    per_client_overeenkomst,
)

pytestmark = pytest.mark.django_db


def test_the_price_sheet_html_for_the_pdf_shows_the_build_up_in_dutch():
    prijsblad = PrijsbladFactory(overeenkomst=per_client_overeenkomst())
    html = exports.prijsblad_html(prijsblad)
    assert '<html lang="nl">' in html
    assert "Tarief: € 61,67 per uur" in html
    assert "Loonkosten per productief uur" in html
    assert "63.516,18" in html  # personnel cost per FTE, in Dutch notation
    assert "Marge van de hoofdaannemer" in html
    assert "http" not in html  # nothing to fetch while rendering


def test_a_taakgericht_price_sheet_shows_the_cost_price_tariff_only(client, contractmanager):
    """#15.8: no tariff per hour to the main contractor and no margin under taakgericht."""
    prijsblad = PrijsbladFactory(ontvangen_tarief=Decimal("66.00"))  # even if one was stored
    assert prijsblad.overeenkomst.is_taakgericht

    html = exports.prijsblad_html(prijsblad)
    assert "Kostprijstarief onderaannemer: € 61,67 per uur" in html
    assert "hoofdaannemer ontvangt" not in html and "Marge" not in html and "66,00" not in html

    client.force_login(contractmanager)
    response = client.get(reverse("contracten:prijsblad-xlsx", args=[prijsblad.pk]))
    blad = load_workbook(io.BytesIO(response.content))["Prijsblad"]
    rijen = {rij[0]: rij[1] for rij in blad.iter_rows(values_only=True) if rij and rij[0]}
    assert rijen["Kostprijstarief onderaannemer"] == pytest.approx(61.67)
    assert "Marge van de hoofdaannemer" not in rijen and "Tarief" not in rijen


def test_the_price_sheet_pdf_is_a_real_pdf(client, contractmanager):
    prijsblad = PrijsbladFactory()
    client.force_login(contractmanager)
    response = client.get(reverse("contracten:prijsblad-pdf", args=[prijsblad.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    inhoud = response.content
    assert inhoud.startswith(b"%PDF")
    assert len(inhoud) > 5000
    assert b"%%EOF" in inhoud[-1024:]


def test_the_price_sheet_xlsx_reads_back_with_exact_values(client, contractmanager):
    prijsblad = PrijsbladFactory(overeenkomst=per_client_overeenkomst())
    client.force_login(contractmanager)
    response = client.get(reverse("contracten:prijsblad-xlsx", args=[prijsblad.pk]))
    werkboek = load_workbook(io.BytesIO(response.content))
    blad = werkboek["Prijsblad"]
    rijen = {rij[0]: rij[1] for rij in blad.iter_rows(values_only=True) if rij and rij[0]}
    assert "Standaardprijsblad" in blad["A1"].value
    assert rijen["Tarief"] == pytest.approx(61.67)
    assert rijen["Loonkosten per fte per jaar"] == pytest.approx(63516.18)
    assert rijen["Cao"] == "Cao Sociaal Werk"
    assert "Marge van de hoofdaannemer" in rijen


def test_the_subcontract_pdf_carries_the_standard_sheet(client, contractmanager):
    contract = OnderaanneemcontractFactory()
    html = exports.onderaanneemcontract_html(contract)
    assert f"Onderaanneemcontract {contract.nummer}" in html
    assert "art. 3.9" in html
    assert "€ 61,67 per uur" in html
    assert "Bijlage: standaardprijsblad" in html
    client.force_login(contractmanager)
    response = client.get(reverse("contracten:onderaanneemcontract-pdf", args=[contract.pk]))
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000


def test_the_register_xlsx_lists_every_subcontractor_with_its_documents(client, contractmanager):
    onderaannemer = OnderaannemerFactory()
    OnderaannemerFactory(overeenkomst=onderaannemer.overeenkomst, soort="incidenteel")
    Nalevingsdocument.objects.create(
        onderaannemer=onderaannemer,
        soort="verzekering",
        kenmerk="Polis",
        afgegeven_op=date(2026, 1, 1),
        geldig_tot=date(2030, 1, 1),
    )
    client.force_login(contractmanager)
    response = client.get(
        reverse("contracten:onderaannemers-xlsx", args=[onderaannemer.overeenkomst.pk])
    )
    assert response.status_code == 200
    blad = load_workbook(io.BytesIO(response.content))["Onderaannemers"]
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][:3] == ("KvK-nummer", "Naam", "Soort")
    assert len(rijen) == 3
    eerste = next(r for r in rijen[1:] if r[0] == onderaannemer.organisatie.kvk_nummer)
    assert eerste[2] == "Vaste onderaannemer"
    assert "Verzekering (aansprakelijkheid): Geldig" in eerste[12]
    assert "Gedragsverklaring aanbesteden: Ontbreekt" in eerste[12]
    assert eerste[13].date() == date(2030, 1, 1)


def test_the_demo_register_exports_six_subcontractors(client, demo):
    client.force_login(User.objects.get(username="backoffice"))
    response = client.get(reverse("contracten:onderaannemers-xlsx", args=[demo.pk]))
    rijen = list(
        load_workbook(io.BytesIO(response.content))["Onderaannemers"].iter_rows(values_only=True)
    )
    assert len(rijen) == 7
    assert "90000002" in {r[0] for r in rijen[1:]}
