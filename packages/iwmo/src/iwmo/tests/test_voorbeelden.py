"""``python -m iwmo build-example --out DIR``: a valid example of every message type."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from stdnum.nl import bsn as stdnum_bsn

import iwmo
from iwmo.berichten import build, parse
from iwmo.validatie import validate, validate_laag1
from iwmo.validatie.gemeentecodes import CBS_GEMEENTECODES_2026
from iwmo.voorbeelden import heenberichten, voorbeelden

from .retourxsd import afgeleid_schema, afgeleid_schema_325

# The folder that holds the package, so the subprocess imports this very copy of it.
SRC = Path(iwmo.__file__).resolve().parents[1]
HEEN = ["wmo301", "wmo305", "wmo307", "wmo315", "wmo317", "wmo319", "wmo323"]
RETOUR = ["wmo302", "wmo306", "wmo308", "wmo316", "wmo318", "wmo320", "wmo325"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "iwmo", *args],
        cwd=SRC,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def voorbeeldmap(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("voorbeelden") / "uit"
    proces = cli("build-example", "--out", str(out))
    assert proces.returncode == 0, proces.stdout + proces.stderr
    return out


def test_build_example_writes_every_message_type(voorbeeldmap):
    namen = sorted(p.name for p in voorbeeldmap.iterdir())
    assert namen == sorted(f"{b.upper()}.xml" for b in HEEN + RETOUR)


@pytest.mark.parametrize("bericht", HEEN + RETOUR)
def test_each_example_passes_the_validate_cli(voorbeeldmap, bericht):
    pad = voorbeeldmap / f"{bericht.upper()}.xml"
    proces = cli("validate", "--json", str(pad))
    assert proces.returncode == 0, proces.stdout + proces.stderr
    (regel,) = [json.loads(r) for r in proces.stdout.splitlines()]
    assert regel["valid"] is True and regel["findings"] == []


@pytest.mark.parametrize("bericht", HEEN)
def test_heen_examples_are_valid_for_the_official_xsd(voorbeeldmap, bericht, assert_xsd_valid):
    assert_xsd_valid(bericht, (voorbeeldmap / f"{bericht.upper()}.xml").read_bytes())


@pytest.mark.parametrize("bericht", RETOUR)
def test_retour_examples_are_valid_for_the_derived_retour_xsd(voorbeeldmap, bericht, reference_dir):
    xsd_dir = reference_dir / "xsd"
    if not xsd_dir.is_dir():
        pytest.skip("iWmo 3.2-referentie ontbreekt")
    schema = (
        afgeleid_schema_325(xsd_dir) if bericht == "wmo325" else afgeleid_schema(xsd_dir, bericht)
    )
    root = etree.fromstring((voorbeeldmap / f"{bericht.upper()}.xml").read_bytes())
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)


def test_examples_have_plausible_dutch_data():
    for bericht in heenberichten():
        h = bericht.header
        gemeente = h.ontvanger if h.afzender.isdigit() and len(h.afzender) == 8 else h.afzender
        assert gemeente in CBS_GEMEENTECODES_2026
        client = getattr(bericht, "client", None)
        if client is not None:
            assert stdnum_bsn.is_valid(client.bsn)
    dagtekeningen = [b.header.bericht_identificatie.dagtekening for b in heenberichten()]
    assert dagtekeningen == sorted(dagtekeningen)
    for naam, xml in voorbeelden().items():
        assert validate(xml) == [], naam
        assert build(parse(xml)) == xml, naam


def test_layer1_checks_the_retour_structure():
    """Layer 1 knows the retour messages (derived facts): a class without RetourCodes fails."""
    xml = voorbeelden()["WMO306.xml"]
    root = etree.fromstring(xml)
    ns = {"r": "http://www.istandaarden.nl/iwmo/3_2/wmo306/schema"}
    codes = root.find("r:Client/r:StartProducten/r:StartProduct/r:RetourCodes", ns)
    codes.getparent().remove(codes)
    kapot = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    bevindingen = validate_laag1(kapot)
    assert [(b.rule, b.xpath) for b in bevindingen] == [
        ("XSD", "/Bericht/Client/StartProducten/StartProduct[1]/RetourCodes")
    ]
    fout_code = xml.replace(b"<wmo306:BerichtCode>419<", b"<wmo306:BerichtCode>418<")
    assert [b.xpath for b in validate_laag1(fout_code)] == ["/Bericht/Header/BerichtCode"]


def test_build_example_reports_a_folder_it_cannot_write(tmp_path):
    bestand = tmp_path / "geen-map"
    bestand.write_text("x")
    proces = cli("build-example", "--out", str(bestand))
    assert proces.returncode == 1
    assert "Kan niet schrijven" in proces.stderr and "Traceback" not in proces.stderr
