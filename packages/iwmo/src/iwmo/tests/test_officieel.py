"""The optional check against the official XSDs in a folder the user points to."""

from __future__ import annotations

from datetime import date

from iwmo.berichten import build
from iwmo.validatie import OfficieleXsd, validate
from iwmo.voorbeelden import voorbeelden

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
