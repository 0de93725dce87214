import copy
import json

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.catalogi.models import Gebiedsteam, Gemeente, Perceel, Product, Regio
from wmoregie.catalogi.services import (
    CatalogusImportError,
    exporteer_csv,
    exporteer_json,
    importeer_catalogus,
    lees_csv,
    lees_json,
)
from wmoregie.demo import CATALOGUS


def _demo() -> dict:
    return json.loads(CATALOGUS.read_text(encoding="utf-8"))


def _stand() -> dict:
    """Everything an import could touch, to prove a failed import changed nothing."""
    return {
        "regio": list(Regio.objects.values_list("naam", flat=True)),
        "gemeenten": list(Gemeente.objects.order_by("code").values()),
        "gebiedsteams": list(Gebiedsteam.objects.order_by("pk").values()),
        "percelen": list(Perceel.objects.order_by("code").values()),
        "producten": list(Product.objects.order_by("code").values()),
    }


@pytest.mark.django_db
def test_importing_the_demo_catalogue_creates_every_row_and_is_audited():
    resultaat = importeer_catalogus(_demo())
    assert resultaat.aangemaakt == 7 + 12 + 4 + 11
    assert Product.objects.count() == 11
    assert AuditEntry.objects.filter(actie="catalogus.geimporteerd").count() == 1


def test_importing_twice_changes_nothing(catalogus):
    voor = _stand()
    resultaat = importeer_catalogus(_demo())
    assert (resultaat.aangemaakt, resultaat.bijgewerkt, resultaat.ongewijzigd) == (0, 0, 34)
    assert _stand() == voor


def test_an_import_updates_a_product_in_place(catalogus):
    data = {"producten": [dict(_demo()["producten"][0], productcode="RAB99")]}
    resultaat = importeer_catalogus(data)
    assert (resultaat.aangemaakt, resultaat.bijgewerkt) == (0, 1)
    assert Product.objects.get(code="praktische-begeleiding").productcode == "RAB99"


@pytest.mark.parametrize(
    ("_case", "wijziging", "locatie", "veld", "code"),
    [
        (
            "unknown cbs code",
            lambda d: d["gemeenten"][2].update(code="9999"),
            "gemeenten[2]",
            "code",
            "ongeldig",
        ),
        (
            "badly formed cbs code",
            lambda d: d["gemeenten"][0].update(code="307"),
            "gemeenten[0]",
            "code",
            "ongeldig",
        ),
        (
            "missing field",
            lambda d: d["producten"][4].pop("naam"),
            "producten[4]",
            "naam",
            "veld-ontbreekt",
        ),
        (
            "unknown field",
            lambda d: d["producten"][1].update(prijs=12),
            "producten[1]",
            "prijs",
            "veld-onbekend",
        ),
        (
            "unknown lot",
            lambda d: d["producten"][3].update(perceel="bestaat-niet"),
            "producten[3]",
            "perceel",
            "verwijzing-onbekend",
        ),
        (
            "unit in a taakgericht lot",
            lambda d: d["producten"][0].update(eenheid="04"),
            "producten[0]",
            "eenheid",
            "ongeldig",
        ),
        (
            "unknown category",
            lambda d: d["producten"][6].update(productcategorie="99"),
            "producten[6]",
            "productcategorie",
            "ongeldig",
        ),
        (
            "product code too long",
            lambda d: d["producten"][7].update(productcode="TOOLONG"),
            "producten[7]",
            "productcode",
            "ongeldig",
        ),
        (
            "list instead of text",
            lambda d: d["percelen"][1].update(naam=["x"]),
            "percelen[1]",
            "naam",
            "type",
        ),
        (
            "row is not an object",
            lambda d: d["gebiedsteams"].insert(0, "team"),
            "gebiedsteams[0]",
            "",
            "json-structuur",
        ),
        (
            "table is not a list",
            lambda d: d.update(percelen={"a": 1}),
            "percelen",
            "",
            "json-structuur",
        ),
        ("unknown table", lambda d: d.update(tarieven=[]), "bestand", "tarieven", "tabel-onbekend"),
    ],
)
def test_a_bad_import_names_place_and_field_and_writes_nothing(
    catalogus, _case, wijziging, locatie, veld, code
):
    data = copy.deepcopy(_demo())
    data["producten"][5]["naam"] = "Nieuwe naam die niet mag blijven staan"
    wijziging(data)
    voor = _stand()
    audit_voor = AuditEntry.objects.count()

    with pytest.raises(CatalogusImportError) as exc:
        importeer_catalogus(data)

    assert any((f.locatie, f.veld, f.code) == (locatie, veld, code) for f in exc.value.fouten), (
        exc.value.fouten
    )
    assert _stand() == voor
    assert AuditEntry.objects.count() == audit_voor


@pytest.mark.django_db
def test_a_failed_import_into_an_empty_database_leaves_it_empty():
    data = _demo()
    data["producten"][-1]["productcategorie"] = "ab"
    with pytest.raises(CatalogusImportError):
        importeer_catalogus(data)
    assert not Regio.objects.exists()
    assert not Product.objects.exists()


def test_json_syntax_errors_report_line_and_column():
    with pytest.raises(CatalogusImportError) as exc:
        lees_json(b'{\n  "gemeenten": [\n    {"code": "0307",}\n  ]\n}')
    fout = exc.value.fouten[0]
    assert fout.locatie == "regel 3, kolom 21"
    assert fout.code == "json-syntax"


@pytest.mark.parametrize("inhoud", [b"\xff\xfe\x00garbage", b"[1, 2]", b"", b"null"])
def test_unreadable_json_gives_an_import_error_not_a_crash(inhoud):
    with pytest.raises(CatalogusImportError):
        lees_json(inhoud)


def test_csv_errors_report_the_line_number(catalogus):
    csv_tekst = exporteer_csv("gemeenten")
    regels = csv_tekst.splitlines()
    regels[3] = "12345,Nergensdorp,,,,"  # code, naam and the four empty eForms columns
    voor = _stand()
    with pytest.raises(CatalogusImportError) as exc:
        importeer_catalogus(lees_csv("\n".join(regels), "gemeenten"))
    assert {(f.locatie, f.veld) for f in exc.value.fouten} == {("regel 4", "code")}
    assert _stand() == voor


def test_csv_with_a_wrong_number_of_columns_is_refused():
    with pytest.raises(CatalogusImportError) as exc:
        lees_csv("code;naam\n0307;Amersfoort;extra\n", "gemeenten")
    assert exc.value.fouten[0].locatie == "regel 2"


def test_csv_export_and_import_round_trip_with_semicolons(catalogus):
    csv_tekst = exporteer_csv("producten")
    resultaat = importeer_catalogus(lees_csv(csv_tekst.encode("utf-8"), "producten"))
    assert (resultaat.aangemaakt, resultaat.bijgewerkt, resultaat.ongewijzigd) == (0, 0, 11)


def test_csv_import_accepts_semicolon_separated_files(catalogus):
    resultaat = importeer_catalogus(lees_csv("code;naam\n0308;Baarn (gewijzigd)\n", "gemeenten"))
    assert resultaat.bijgewerkt == 1
    assert Gemeente.objects.get(code="0308").naam == "Baarn (gewijzigd)"


def test_json_export_round_trips_to_the_same_catalogue(catalogus):
    export, origineel = exporteer_json(), _demo()
    assert export.keys() == origineel.keys()
    for tabel, rijen in origineel.items():
        if isinstance(rijen, list):
            assert sorted(export[tabel], key=repr) == sorted(rijen, key=repr), tabel
        else:
            assert export[tabel] == rijen


@pytest.mark.parametrize(
    ("_case", "inhoud", "code"),
    [
        ("deep nesting", "[" * 100_000, "json-te-diep"),
        ("nan", '{"producten": [{"volgorde": NaN}]}', "json-geen-getal"),
    ],
)
def test_hostile_json_is_an_import_error_with_a_code(_case, inhoud, code):
    with pytest.raises(CatalogusImportError) as exc:
        lees_json(inhoud)
    assert exc.value.fouten[0].code == code


def test_the_import_command_reports_an_overflowing_number_and_stores_nothing(tmp_path, catalogus):
    """#14 A.1: ``1e999`` once died with OverflowError; now it is a field error."""
    from django.core.management import CommandError, call_command

    data = _demo()
    data["producten"][-1]["volgorde"] = "__GETAL__"
    bestand = tmp_path / "catalogus.json"
    bestand.write_text(json.dumps(data).replace('"__GETAL__"', "1e999"))
    voor = _stand()
    with pytest.raises(CommandError, match="volgorde"):
        call_command("importeer_catalogus", str(bestand))
    bestand.write_text("[" * 100_000)
    with pytest.raises(CommandError, match="te diep genest"):
        call_command("importeer_catalogus", str(bestand))
    assert _stand() == voor
