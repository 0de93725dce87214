"""Layer 1 names a broken restriction by its RS code; other XSD findings keep rule ``XSD``."""

from __future__ import annotations

import re
from datetime import date

import pytest

from iwmo.berichten import build
from iwmo.retour import retourcode
from iwmo.validatie import is_valid, validate, validate_laag1
from iwmo.validatie import restricties as rs
from iwmo.validatie.laag1 import EENVOUDIGE_TYPEN

from . import factories as f

C = "/Bericht/Client"
HUIS = f"{C}/Contactgegevens/Contact[1]/Adres/Huis/Huisnummer"


def _identificatie(bericht, waarde):
    bericht.header.bericht_identificatie.identificatie = waarde


def _bsn(bericht, waarde):
    bericht.client.bsn = waarde


def _huisnummer(bericht, waarde):
    bericht.client.contactgegevens[0].adres.huis.huisnummer = waarde


def _achternaam(bericht, waarde):
    bericht.client.naam.geslachtsnaam.achternaam = waarde


@pytest.mark.parametrize(
    ("wijzig", "waarde", "regel", "pad"),
    [
        (_identificatie, "A" * 13, "RS017", "/Bericht/Header/BerichtIdentificatie/Identificatie"),
        (_bsn, "12345", "RS037", f"{C}/Bsn"),  # nine digits
        (_bsn, "1234567890", "RS015", f"{C}/Bsn"),  # at most nine characters
        (_huisnummer, 100_000, "RS004", HUIS),  # at most 99999
        (_huisnummer, -1, "RS001", HUIS),  # at least 0
        (_achternaam, "   ", "RS033", f"{C}/Naam/Geslachtsnaam/Achternaam"),  # no empty elements
        (_achternaam, "", "RS033", f"{C}/Naam/Geslachtsnaam/Achternaam"),
    ],
)
def test_a_broken_restriction_has_its_rs_code(wijzig, waarde, regel, pad):
    bericht = f.wmo301_bericht_volledig()
    wijzig(bericht, waarde)

    assert [(b.rule, b.xpath) for b in validate_laag1(bericht)] == [(regel, pad)]


@pytest.mark.parametrize(
    ("vervang", "door", "regel"),
    [
        (b"<wmo305:BerichtCode>418<", b"<wmo305:BerichtCode>414<", "RS047"),
        (b"<iwmo:Dagtekening>2025-03-10<", b"<iwmo:Dagtekening>2025-03-10Z<", "RS032"),
        (b"<wmo305:BerichtVersie>3<", b"<wmo305:BerichtVersie>drie<", "XSD"),  # not a number
    ],
)
def test_patterns_of_the_header(vervang, door, regel):
    xml = build(f.wmo305_bericht())
    assert vervang in xml

    assert [b.rule for b in validate_laag1(xml.replace(vervang, door, 1))] == [regel]


def test_code_lists_and_structure_stay_xsd():
    bericht = f.wmo301_bericht_volledig()
    bericht.client.toegewezen_producten[0].product.categorie = "99"
    zonder_geslacht = build(f.wmo305_bericht()).replace(
        b"<wmo305:Geslacht>2</wmo305:Geslacht>", b""
    )

    assert [b.rule for b in validate_laag1(bericht)] == ["XSD"]
    assert [b.rule for b in validate_laag1(zonder_geslacht)] == ["XSD"]


def test_an_rs_finding_rejects_the_message_like_any_xsd_finding():
    bericht = f.wmo301_bericht()
    _identificatie(bericht, "A" * 13)

    bevindingen = validate(bericht, vandaag=date(2026, 1, 1))

    assert [b.rule for b in bevindingen] == ["RS017"]
    assert "te lang" in bevindingen[0].message
    assert not is_valid(bevindingen)
    assert [retourcode(b) for b in bevindingen] == ["0001"]  # technically rejected


def test_every_length_and_value_facet_of_the_xsd_has_its_rs_code():
    for naam, feiten in EENVOUDIGE_TYPEN.items():
        if feiten.get("maxLength") is not None:
            assert feiten["maxLength"] in rs.MAXIMALE_LENGTE, naam
        if feiten.get("maxInclusive") is not None:
            assert feiten["maxInclusive"] in rs.MAXIMALE_WAARDE, naam
        if feiten.get("minInclusive") is not None:
            assert feiten["minInclusive"] in rs.MINIMALE_WAARDE, naam


_RIJ = re.compile(r"\| (RS\d{3}) \| (Maximale lengte|Maximale waarde|Minimale waarde) (\d+)")


def test_the_rs_codes_are_those_of_the_standard(reference_dir):
    """The official table of conditions, constraints and restrictions per data element."""
    tabel = (reference_dir / "rules/condities-constraints/CD_CS_RS_per_dataelement").read_text()
    officieel = {(soort, int(n)): code for code, soort, n in _RIJ.findall(tabel)}
    ons = (
        {("Maximale lengte", n): c for n, c in rs.MAXIMALE_LENGTE.items()}
        | {("Maximale waarde", n): c for n, c in rs.MAXIMALE_WAARDE.items()}
        | {("Minimale waarde", n): c for n, c in rs.MINIMALE_WAARDE.items()}
    )
    assert len(officieel) >= 25
    assert ons == officieel
