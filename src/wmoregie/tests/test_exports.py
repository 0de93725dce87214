"""#14 A.3: every CSV and XLSX export writes user text as text, never as a formula."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

from django.urls import reverse

import pytest
from openpyxl import Workbook, load_workbook

from wmoregie.exports import (
    FORMULETEKENS,
    als_tekst,
    csv_dictschrijver,
    csv_schrijver,
    tekst_als_tekst,
    uit_csv_tekst,
)

#: The payloads of the probe, and a few more.
FORMULES = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.com/x","klik")',
    "+SUM(1+1)",
    "-1+1",
    "@x",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
]


def _geen_formulecel(tekst: str) -> bool:
    return tekst[:1] not in FORMULETEKENS


@pytest.mark.parametrize("formule", FORMULES)
def test_a_formula_becomes_text_in_csv_and_reads_back_unchanged(formule):
    uit = io.StringIO()
    csv_schrijver(uit, delimiter=";").writerow(
        [formule, Decimal("-12.5"), 3, None, date(2026, 1, 2)]
    )
    cellen = next(csv.reader(io.StringIO(uit.getvalue()), delimiter=";"))
    assert cellen[0] == "'" + formule
    assert cellen[1:4] == ["-12.5", "3", ""], "numbers are not text and stay numbers"
    assert uit_csv_tekst(cellen[0]) == formule
    assert als_tekst("gewone tekst") == "gewone tekst"
    assert uit_csv_tekst("'gewoon") == "'gewoon"


def test_the_dict_writer_escapes_values_but_not_the_header():
    uit = io.StringIO()
    schrijver = csv_dictschrijver(uit, fieldnames=["naam"], lineterminator="\n")
    schrijver.writeheader()
    schrijver.writerows([{"naam": f} for f in FORMULES])
    rijen = list(csv.reader(io.StringIO(uit.getvalue(), newline="")))
    assert rijen[0] == ["naam"]
    assert all(_geen_formulecel(r[0]) for r in rijen[1:])


def test_an_xlsx_stores_text_cells_as_text_with_the_text_unchanged():
    werkboek = Workbook()
    werkboek.active.append([*FORMULES, Decimal("-1"), 5])
    tekst_als_tekst(werkboek)
    uit = io.BytesIO()
    werkboek.save(uit)
    _geen_formules_in_xlsx(uit.getvalue())
    rij = next(load_workbook(io.BytesIO(uit.getvalue())).active.iter_rows(values_only=True))
    assert list(rij[: len(FORMULES)]) == FORMULES
    assert rij[-2:] == (-1, 5)


def _geen_formules_in_xlsx(inhoud: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(inhoud)) as pakket:
        for naam in pakket.namelist():
            if naam.startswith("xl/worksheets/"):
                assert b"<f>" not in pakket.read(naam) and b"<f " not in pakket.read(naam), naam


@pytest.mark.django_db
def test_the_subcontractor_register_xlsx_writes_hostile_names_as_text(client):
    from wmoregie.accounts.constants import Rol
    from wmoregie.accounts.tests.factories import RoltoekenningFactory, UserFactory
    from wmoregie.contracten.tests.factories import OnderaannemerFactory

    onderaannemer = OnderaannemerFactory(
        expertise='=HYPERLINK("http://example.com","x")', toestemming_kenmerk="+SUM(1+1)"
    )
    onderaannemer.organisatie.naam = "=cmd|' /C calc'!A0"
    onderaannemer.organisatie.save()
    overeenkomst = onderaannemer.overeenkomst
    manager = UserFactory()
    RoltoekenningFactory(gebruiker=manager, rol=Rol.CONTRACTMANAGER, regio=overeenkomst.regio)
    client.force_login(manager)
    antwoord = client.get(reverse("contracten:onderaannemers-xlsx", args=[overeenkomst.pk]))
    assert antwoord.status_code == 200
    _geen_formules_in_xlsx(antwoord.content)
    rijen = list(
        load_workbook(io.BytesIO(antwoord.content))["Onderaannemers"].iter_rows(values_only=True)
    )
    assert "=cmd|' /C calc'!A0" in rijen[1]
    assert "+SUM(1+1)" in rijen[1]


@pytest.mark.django_db
def test_the_catalogue_csv_escapes_names_and_the_import_reads_them_back():
    from wmoregie.catalogi.models import Gemeente
    from wmoregie.catalogi.services import exporteer_csv, importeer_catalogus, lees_csv
    from wmoregie.catalogi.tests.factories import GemeenteFactory

    gemeente = GemeenteFactory(naam="@x")
    tekst = exporteer_csv("gemeenten", gemeente.regio)
    assert all(_geen_formulecel(cel) for r in csv.reader(io.StringIO(tekst)) for cel in r)
    assert "'@x" in tekst
    Gemeente.objects.filter(pk=gemeente.pk).update(naam="Anders")
    importeer_catalogus(lees_csv(tekst, "gemeenten"))
    gemeente.refresh_from_db()
    assert gemeente.naam == "@x"
