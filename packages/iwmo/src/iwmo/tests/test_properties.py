"""Property test: any valid WMO301 model builds to XSD-valid XML and parses back equal."""

import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.nl import bsn as bsn_nummer

from iwmo.berichten import build, parse, wmo301
from iwmo.berichten.basis import (
    Achternaam,
    Adres,
    Communicatie,
    Geboortedatum,
    Huis,
    Omvang,
    OpenPeriode,
    Product,
    Telefoon,
    Telefoonnummers,
    VolledigeNaam,
    maak_header,
)

# Characters XML 1.0 can carry; no control characters, surrogates or unassigned code points.
XML_TEKEN = st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co"))
CIJFERS = st.text(string.digits, min_size=1, max_size=15)


def tekst(max_size: int) -> st.SearchStrategy[str]:
    """LDT text with pattern ``.*[^\\s].*``: one line, at least one non-blank character."""
    return st.text(XML_TEKEN, min_size=1, max_size=max_size).filter(
        lambda t: t.strip(" \t\n\r") != ""
    )


def commentaar() -> st.SearchStrategy[str]:
    """LDT_Commentaar: may span lines, at least one non-blank character."""
    return st.text(
        st.one_of(XML_TEKEN, st.sampled_from("\n\r\t ")), min_size=1, max_size=80
    ).filter(lambda t: t.strip(" \t\n\r") != "")


def optioneel(strategie):
    return st.none() | strategie


@st.composite
def bsns(draw) -> str:
    begin = draw(st.text(string.digits, min_size=8, max_size=8))
    for laatste in string.digits:
        if bsn_nummer.is_valid(begin + laatste):
            return begin + laatste
    return "999900006"


DATUM = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
TIJD = st.times()
VOORLETTERS = st.text(string.ascii_letters + "ÀÉËÏÖÜàéëïöü", min_size=1, max_size=6)
ACHTERNAAM = st.builds(Achternaam, achternaam=tekst(200), voorvoegsel=optioneel(tekst(10)))
NAAM = st.builds(
    VolledigeNaam,
    geslachtsnaam=ACHTERNAAM,
    partnernaam=optioneel(ACHTERNAAM),
    voornamen=optioneel(tekst(200)),
    voorletters=optioneel(VOORLETTERS),
    naam_gebruik=st.sampled_from("123456"),
)
GEBOORTEDATUM = st.builds(
    Geboortedatum, datum=DATUM, datum_gebruik=optioneel(st.sampled_from("123"))
)
ADRES = st.builds(
    Adres,
    huis=optioneel(
        st.builds(
            Huis,
            huisnummer=st.integers(0, 99999),
            huisletter=optioneel(tekst(1)),
            huisnummer_toevoeging=optioneel(tekst(4)),
            aanduiding_woonadres=optioneel(st.sampled_from(["AB", "BY", "TO", "WW"])),
        )
    ),
    postcode=optioneel(tekst(8)),
    straatnaam=optioneel(tekst(24)),
    plaatsnaam=optioneel(tekst(80)),
    land_code=optioneel(st.sampled_from(["NL", "BE", "DE", "TR", "MA"])),
)
TELEFOON = st.builds(Telefoon, telefoonnummer=CIJFERS, landnummer=tekst(4))
CONTACT = st.builds(
    wmo301.Contact,
    soort=st.sampled_from(["01", "02", "03", "04"]),
    adres=optioneel(ADRES),
    organisatie=optioneel(tekst(35)),
    telefoon=optioneel(
        st.builds(Telefoonnummers, telefoon01=TELEFOON, telefoon02=optioneel(TELEFOON))
    ),
    emailadres=optioneel(tekst(80)),
    periode=optioneel(
        st.builds(OpenPeriode, begindatum=optioneel(DATUM), einddatum=optioneel(DATUM))
    ),
)
RELATIE = st.builds(
    wmo301.Relatie,
    nummer=tekst(20),
    volgorde=optioneel(st.integers(0, 99)),
    soort=st.sampled_from([f"{n:02d}" for n in range(3, 26)]),
    geboortedatum=optioneel(GEBOORTEDATUM),
    geslacht=optioneel(st.sampled_from("012")),
    naam=NAAM,
    contact=CONTACT,
)
PRODUCT = st.builds(
    wmo301.ToegewezenProduct,
    toewijzing_nummer=st.integers(0, 999_999_999),
    referentie_aanbieder=optioneel(tekst(36)),
    product=optioneel(
        st.builds(
            Product,
            categorie=st.sampled_from([f"{n:02d}" for n in range(1, 19)]),
            code=optioneel(tekst(5)),
        )
    ),
    toewijzingsdatum=DATUM,
    toewijzingstijd=TIJD,
    ingangsdatum=DATUM,
    einddatum=optioneel(DATUM),
    reden_wijziging=optioneel(st.sampled_from([f"{n:02d}" for n in range(1, 15)])),
    omvang=optioneel(
        st.builds(
            Omvang,
            volume=st.integers(0, 99_999_999),
            eenheid=st.sampled_from(["01", "04", "14", "16", "82", "83", "84"]),
            frequentie=st.sampled_from("1246"),
        )
    ),
    budget=optioneel(st.integers(0, 99_999_999)),
    commentaar=optioneel(commentaar()),
)
WMO301 = st.builds(
    wmo301.Wmo301Bericht,
    header=st.builds(
        maak_header,
        st.just(wmo301.Wmo301Bericht),
        afzender=st.text(string.digits, min_size=4, max_size=4),
        ontvanger=st.text(string.digits, min_size=8, max_size=8),
        identificatie=tekst(12),
        dagtekening=DATUM,
    ),
    client=st.builds(
        wmo301.Client,
        bsn=bsns(),
        geboortedatum=GEBOORTEDATUM,
        geslacht=st.sampled_from("012"),
        naam=NAAM,
        communicatie=optioneel(
            st.builds(Communicatie, vorm=st.sampled_from("123"), taal=optioneel(tekst(25)))
        ),
        juridische_status=optioneel(st.sampled_from(["01", "02", "03", "04", "05", "11", "12"])),
        wettelijke_vertegenwoordiging=optioneel(st.sampled_from(["06", "07", "08", "09", "10"])),
        commentaar=optioneel(commentaar()),
        relaties=st.lists(RELATIE, max_size=2),
        contactgegevens=st.lists(CONTACT, min_size=1, max_size=2),
        toegewezen_producten=st.lists(PRODUCT, min_size=1, max_size=3),
    ),
)


@pytest.fixture(scope="module")
def wmo301_schema(xsd_schema):
    return xsd_schema("wmo301")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=WMO301)
def test_any_valid_wmo301_model_builds_xsd_valid_and_parses_back_equal(wmo301_schema, model):
    from lxml import etree

    xml = build(model)

    assert wmo301_schema.validate(etree.fromstring(xml)), wmo301_schema.error_log.last_error
    assert parse(xml) == model
