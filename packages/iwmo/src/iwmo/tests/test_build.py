"""build(): models from the factories become XSD-valid XML in the right namespaces and order."""

from datetime import UTC, date, datetime, time

import pytest
from lxml import etree

from iwmo.berichten import BuildError, build, parse, wmo301, wmo317
from iwmo.berichten.basis import BASIS_NAMESPACE, Geboortedatum, Omvang

from . import factories

WMO301_NS = wmo301.NAMESPACE


@pytest.mark.parametrize(
    ("_case", "bericht", "maak"),
    [
        ("301 minimaal", "wmo301", factories.wmo301_bericht),
        ("301 volledig", "wmo301", factories.wmo301_bericht_volledig),
        ("305 start", "wmo305", factories.wmo305_bericht),
        (
            "305 taakgericht zonder toewijzing",
            "wmo305",
            lambda: factories.wmo305_bericht(toewijzing_nummer=None, toewijzing_ingangsdatum=None),
        ),
        ("307 stop", "wmo307", factories.wmo307_bericht),
        ("315 verzoek om toewijzing", "wmo315", factories.wmo315_bericht),
        (
            "315 met budget",
            "wmo315",
            lambda: factories.wmo315_bericht(
                omvang=None, budget=50000, beschikking_nummer=77, raamcontract="2"
            ),
        ),
        ("317 verzoek om wijziging", "wmo317", factories.wmo317_bericht),
        (
            "317 alle soorten producten",
            "wmo317",
            lambda: factories.wmo317_bericht(
                ongewijzigde_producten=[wmo317.OngewijzigdProduct(toewijzing_nummer=1)],
                nieuwe_producten=[
                    wmo317.NieuwProduct(gewenste_ingangsdatum=date(2025, 6, 1), budget=10000)
                ],
            ),
        ),
        ("319 in onderzoek", "wmo319", factories.wmo319_bericht),
        (
            "319 afgewezen",
            "wmo319",
            lambda: factories.wmo319_bericht(verzoek_antwoord="1", reden_afwijzing_verzoek="3"),
        ),
        ("323 declaratie", "wmo323", factories.wmo323_bericht),
        (
            "323 twee prestaties",
            "wmo323",
            lambda: factories.wmo323_bericht(
                factories.prestatie(),
                factories.prestatie(product_tarief=None),
            ),
        ),
    ],
)
def test_factory_model_builds_xsd_valid_xml_that_parses_back_equal(
    assert_xsd_valid, _case, bericht, maak
):
    model = maak()

    xml = build(model)

    assert_xsd_valid(bericht, xml)
    assert parse(xml) == model


def test_build_writes_message_elements_in_message_namespace_and_basis_parts_in_basisschema():
    root = etree.fromstring(build(factories.wmo301_bericht()))

    assert root.tag == f"{{{WMO301_NS}}}Bericht"
    geboortedatum = root.find(f"{{{WMO301_NS}}}Client/{{{WMO301_NS}}}Geboortedatum")
    assert [child.tag for child in geboortedatum] == [f"{{{BASIS_NAMESPACE}}}Datum"]
    assert geboortedatum[0].text == "1950-06-01"


def test_build_writes_header_elements_in_xsd_order_with_fixed_versions():
    root = etree.fromstring(build(factories.wmo301_bericht()))

    header = root.find(f"{{{WMO301_NS}}}Header")
    assert [(etree.QName(el).localname, el.text) for el in header.iter() if len(el) == 0] == [
        ("BerichtCode", "414"),
        ("BerichtVersie", "3"),
        ("BerichtSubversie", "2"),
        ("Afzender", "0307"),
        ("Ontvanger", "87654321"),
        ("Identificatie", "G2025-0001"),
        ("Dagtekening", "2025-03-10"),
        ("BasisschemaXsdVersie", "1.0.0"),
        ("BerichtXsdVersie", "1.0.0"),
    ]


def test_build_leaves_out_optional_elements_that_are_none_or_empty():
    root = etree.fromstring(build(factories.wmo301_bericht()))

    client = root.find(f"{{{WMO301_NS}}}Client")
    assert [etree.QName(el).localname for el in client] == [
        "Bsn",
        "Geboortedatum",
        "Geslacht",
        "Naam",
        "Contactgegevens",
        "ToegewezenProducten",
    ]


def test_build_formats_time_and_whole_numbers_as_the_xsd_expects():
    model = factories.wmo301_bericht(
        toegewezen_producten=[
            factories.toegewezen_product(
                toewijzingstijd=time(9, 5, 7, 250000),
                omvang=Omvang(volume=0, eenheid="01", frequentie="1"),
            )
        ]
    )

    root = etree.fromstring(build(model))

    ns = {"m": WMO301_NS, "b": BASIS_NAMESPACE}
    assert root.findtext(".//m:Toewijzingstijd", namespaces=ns) == "09:05:07.250000"
    assert root.findtext(".//b:Volume", namespaces=ns) == "0"


def test_build_refuses_a_missing_required_element():
    model = factories.wmo301_bericht(bsn=None)

    with pytest.raises(BuildError) as info:
        build(model)

    assert info.value.pad == "Bericht/Client/Bsn"
    assert "verplicht" in info.value.message


def test_build_refuses_an_empty_required_list():
    model = factories.wmo301_bericht(toegewezen_producten=[])

    with pytest.raises(BuildError, match="minstens één ToegewezenProduct"):
        build(model)


@pytest.mark.parametrize(
    ("_case", "overrides", "pad"),
    [
        (
            "tekst als datum",
            {"geboortedatum": Geboortedatum(datum="1950-06-01")},
            "Bericht/Client/Geboortedatum/Datum",
        ),
        (
            "datetime als datum",
            {"geboortedatum": Geboortedatum(datum=datetime(1950, 6, 1))},
            "Bericht/Client/Geboortedatum/Datum",
        ),
        ("getal als code", {"geslacht": 2}, "Bericht/Client/Geslacht"),
        ("verkeerd model", {"naam": factories.verkorte_naam()}, "Bericht/Client/Naam"),
        (
            "geen lijst",
            {"contactgegevens": factories.woonadres()},
            "Bericht/Client/Contactgegevens",
        ),
    ],
)
def test_build_refuses_values_of_the_wrong_python_type(_case, overrides, pad):
    with pytest.raises(BuildError) as info:
        build(factories.wmo301_bericht(**overrides))

    assert info.value.pad == pad


def test_build_refuses_a_bool_where_a_number_is_expected():
    model = factories.wmo301_bericht(
        toegewezen_producten=[factories.toegewezen_product(toewijzing_nummer=True)]
    )

    with pytest.raises(BuildError, match="ToewijzingNummer moet van het type int"):
        build(model)


def test_build_refuses_a_time_with_time_zone():
    model = factories.wmo301_bericht(
        toegewezen_producten=[factories.toegewezen_product(toewijzingstijd=time(9, 0, tzinfo=UTC))]
    )

    with pytest.raises(BuildError, match="zonder tijdzone"):
        build(model)


def test_build_refuses_text_that_cannot_be_xml():
    model = factories.wmo301_bericht(commentaar="bel\x00me")

    with pytest.raises(BuildError, match="tekens die niet in XML passen"):
        build(model)


def test_build_refuses_a_header_with_the_berichtcode_of_another_message():
    model = factories.wmo301_bericht()
    model.header.bericht_code = "418"

    with pytest.raises(BuildError) as info:
        build(model)

    assert info.value.code == "verkeerde-berichtcode"


def test_build_refuses_an_object_that_is_no_message():
    with pytest.raises(BuildError, match="geen ondersteund iWmo-bericht"):
        build(factories.volledige_naam())
