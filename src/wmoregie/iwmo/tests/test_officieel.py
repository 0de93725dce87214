"""The optional check against the official XSDs in a folder the user points to."""

from __future__ import annotations

from datetime import date

from django.core import checks

import pytest

from wmoregie.iwmo.berichten import build
from wmoregie.iwmo.checks import officiele_xsd_map
from wmoregie.iwmo.models import Bericht, BerichtStatus
from wmoregie.iwmo.uitwisseling import ingest, mappen
from wmoregie.iwmo.validatie import OfficieleXsd, validate
from wmoregie.iwmo.voorbeelden import voorbeelden

from . import factories as f
from .test_retour import wmo305_geldig

VANDAAG = date(2026, 1, 5)


def _regels(bevindingen):
    return sorted({b.rule for b in bevindingen})


def test_the_official_xsd_agrees_on_a_valid_and_on_a_broken_message(reference_dir):
    officieel = OfficieleXsd(reference_dir / "xsd")
    goed = build(wmo305_geldig())
    fout = goed.replace(b"<wmo305:Bsn>999900006", b"<wmo305:Bsn>99990000X")
    assert fout != goed

    assert validate(goed, vandaag=VANDAAG, officieel=officieel) == []
    assert _regels(validate(fout, vandaag=VANDAAG, officieel=officieel)) == [
        "RS037",
        "XSD-OFFICIEEL",
    ]


def test_a_folder_without_the_xsd_gives_a_finding_for_every_message(tmp_path):
    officieel = OfficieleXsd(tmp_path)

    bevindingen = validate(build(wmo305_geldig()), vandaag=VANDAAG, officieel=officieel)

    assert [(b.rule, b.xpath) for b in bevindingen] == [("XSD-OFFICIEEL", "/Bericht")]
    assert "WMO305.xsd" in bevindingen[0].message


def test_an_unusable_xsd_is_reported_not_raised(tmp_path):
    (tmp_path / "WMO305.xsd").write_text("<xs:schema dit is geen XSD")

    bevindingen = validate(
        build(wmo305_geldig()), vandaag=VANDAAG, officieel=OfficieleXsd(tmp_path)
    )

    assert [b.rule for b in bevindingen] == ["XSD-OFFICIEEL"]
    assert "niet bruikbaar" in bevindingen[0].message


def test_a_retour_has_no_official_xsd_to_ask(tmp_path):
    assert validate(voorbeelden()["WMO306.xml"], officieel=OfficieleXsd(tmp_path)) == []


@pytest.mark.django_db
def test_the_exchange_asks_the_folder_of_the_setting(tmp_path, settings, reference_dir):
    inbox = mappen(tmp_path, f.GEMEENTE).inbox
    goed = f.wmo315_bericht()
    fout = f.wmo315_bericht(referentie_aanbieder="VOT-2")
    fout.header.bericht_identificatie.identificatie = "A2"
    (inbox / "1-goed.xml").write_bytes(build(goed))
    (inbox / "2-fout.xml").write_bytes(
        build(fout).replace(b"<wmo315:Bsn>999900006", b"<wmo315:Bsn>9999000")
    )
    settings.WMOREGIE_IWMO_XSD_MAP = str(reference_dir / "xsd")

    ingest(tmp_path, f.GEMEENTE, vandaag=VANDAAG)

    uitkomst = {b.bestandsnaam: b for b in Bericht.objects.all()}
    assert uitkomst["1-goed.xml"].status == BerichtStatus.GEACCEPTEERD
    afgekeurd = uitkomst["2-fout.xml"]
    assert afgekeurd.status == BerichtStatus.AFGEKEURD
    assert {b.regel for b in afgekeurd.bevindingen.all()} == {"RS037", "XSD-OFFICIEEL"}


def test_the_system_check_names_a_wrong_folder(tmp_path, settings):
    settings.WMOREGIE_IWMO_XSD_MAP = ""
    assert officiele_xsd_map(None) == []

    settings.WMOREGIE_IWMO_XSD_MAP = str(tmp_path / "bestaat-niet")
    assert [m.id for m in officiele_xsd_map(None)] == ["iwmo.E001"]

    settings.WMOREGIE_IWMO_XSD_MAP = str(tmp_path)
    assert [m.id for m in officiele_xsd_map(None)] == ["iwmo.E002"]

    (tmp_path / "WMO301.xsd").write_text("<xs:schema/>")
    assert officiele_xsd_map(None) == []
    assert all(isinstance(m, checks.CheckMessage) for m in officiele_xsd_map(None))
