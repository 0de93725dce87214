"""Exports: the same numbers as the page, text never as a formula, suppression kept."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from wmoregie.monitoring.cijfers import export
from wmoregie.monitoring.cijfers.tabellen import CENT, GETAL, PROCENT, TEKST, Tabel

from .conftest import Q1

GEVAARLIJK = Tabel(
    "proef",
    "Proef",
    [("Reden", TEKST), ("Aantal", GETAL), ("Aandeel", PROCENT), ("Bedrag", CENT)],
    [['=HYPERLINK("http://x")', 3, 0.25, 12345], ["+31 gevaar", ".", None, 0]],
)


def test_csv_neutralises_formulas_and_keeps_dots():
    rijen = list(
        csv.reader(io.StringIO(export.als_csv(GEVAARLIJK).decode("utf-8-sig")), delimiter=";")
    )
    assert rijen[0] == ["Reden", "Aantal", "Aandeel (%)", "Bedrag (EUR)"]
    assert rijen[1] == ['\'=HYPERLINK("http://x")', "3", "25.0", "123.45"]
    assert rijen[2] == ["'+31 gevaar", ".", "", "0"]


def test_xlsx_writes_text_as_text():
    blad = load_workbook(io.BytesIO(export.als_xlsx([GEVAARLIJK]))).active
    assert blad["A3"].value == '=HYPERLINK("http://x")'
    assert blad["A3"].data_type == "s"
    assert blad["B3"].value == 3
    assert blad["C3"].value == 25.0
    assert blad["B4"].value == "."


@pytest.mark.django_db
def test_export_of_a_dashboard_table_matches_the_page(client, cijfers):
    client.force_login(cijfers.gebruikers["gemeente"])
    antwoord = client.get(
        "/monitoring/export/",
        {**Q1, "onderdeel": "bereik", "tabel": "bereik-gemeente", "formaat": "csv"},
    )
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"] == 'attachment; filename="bereik-gemeente.csv"'
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[1][:2] == ["Amersfoort", "2"]
    assert rijen[-1][0] == "Regio (alle gemeenten)" and rijen[-1][1] == "3"
    assert not any(r[0] == "Soest" for r in rijen)

    xlsx = client.get("/monitoring/export/", {**Q1, "onderdeel": "wachten", "formaat": "xlsx"})
    boek = load_workbook(io.BytesIO(xlsx.content))
    assert len(boek.sheetnames) == 4
    svg = client.get(
        "/monitoring/export/",
        {**Q1, "onderdeel": "bereik", "tabel": "bereik-gemeente", "formaat": "svg"},
    )
    assert svg["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in svg.content


@pytest.mark.django_db
def test_cbs_export_is_suppressed(client, cijfers):
    client.force_login(cijfers.gebruikers["contractmanager"])
    antwoord = client.get(
        "/monitoring/export/",
        {"onderdeel": "cbs", "tabel": "cbs-overzicht", "halfjaar": "2026-1", "formaat": "csv"},
    )
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[1] == ["Amersfoort", "160000", ".", ".", "."]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "_case, params, status",
    [
        ("unknown part", {"onderdeel": "alles", "formaat": "csv"}, 404),
        ("unknown format", {"onderdeel": "bereik", "formaat": "pdf"}, 404),
        ("csv needs one table", {"onderdeel": "bereik", "formaat": "csv"}, 404),
        (
            "bad period",
            {"onderdeel": "bereik", "formaat": "xlsx", "van": "2026-05-01", "tot": "2026-01-01"},
            400,
        ),
    ],
)
def test_export_refuses_bad_requests(client, cijfers, _case, params, status):
    client.force_login(cijfers.gebruikers["contractmanager"])
    assert client.get("/monitoring/export/", params).status_code == status


@pytest.mark.django_db
def test_export_refused_for_roles_without_figures(client, cijfers):
    client.force_login(cijfers.gebruikers["inschrijver"])
    params = {
        "onderdeel": "bereik",
        "tabel": "bereik-gemeente",
        "formaat": "csv",
        "van": date(2026, 1, 1),
    }
    assert client.get("/monitoring/export/", params).status_code == 403


@pytest.mark.django_db
def test_chart_downloads_as_png_of_the_charts_size(client, cijfers):
    from PIL import Image

    from wmoregie.monitoring.cijfers.grafiek import BREEDTE, RUIMTE, STAAF

    client.force_login(cijfers.gebruikers["contractmanager"])
    params = {**Q1, "onderdeel": "bereik", "tabel": "bereik-gemeente"}
    pagina = client.get("/monitoring/bereik/", Q1).content.decode()
    assert "formaat=png" in pagina and "Grafiek als PNG" in pagina

    antwoord = client.get("/monitoring/export/", {**params, "formaat": "png"})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "image/png"
    assert antwoord["Content-Disposition"] == 'attachment; filename="bereik-gemeente.png"'
    beeld = Image.open(io.BytesIO(antwoord.content))
    beeld.verify()  # a whole, valid PNG
    beeld = Image.open(io.BytesIO(antwoord.content))
    # two municipalities with clients (Amersfoort 2, Soest 1): two bars
    assert beeld.format == "PNG"
    assert beeld.size == (BREEDTE, 2 * (STAAF + RUIMTE) + RUIMTE)
    svg = client.get("/monitoring/export/", {**params, "formaat": "svg"}).content.decode()
    assert f'width="{beeld.width}" height="{beeld.height}"' in svg
    # the bars are drawn: the longest bar (Amersfoort, 2) has the chart's colour
    assert beeld.convert("RGB").getpixel((600, RUIMTE + STAAF // 2)) == (1, 104, 155)


@pytest.mark.django_db
def test_png_of_a_table_without_chart_is_not_found(client, cijfers):
    client.force_login(cijfers.gebruikers["contractmanager"])
    antwoord = client.get(
        "/monitoring/export/",
        {**Q1, "onderdeel": "wachten", "tabel": "wachten-nu", "formaat": "png"},
    )
    assert antwoord.status_code == 404
