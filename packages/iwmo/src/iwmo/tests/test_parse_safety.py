"""parse(): hostile, broken or foreign input gives ParseError with a Dutch message, never more."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwmo.berichten import ParseError, build, parse
from iwmo.berichten.basis import BASIS_NAMESPACE

from . import factories

WMO301_NS = "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"


def geldig_301() -> bytes:
    return build(factories.wmo301_bericht())


def met_client_inhoud(inhoud: str) -> bytes:
    """A 301 whose Client content is replaced by ``inhoud`` (prefixes m: and iwmo:)."""
    xml = geldig_301().decode()
    begin = xml.index("<wmo301:Client>") + len("<wmo301:Client>")
    einde = xml.index("</wmo301:Client>")
    return (xml[:begin] + inhoud + xml[einde:]).encode()


def test_external_entity_is_refused_and_never_read(tmp_path):
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM-123")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY x SYSTEM "file://{geheim}">]>'
        f'<b:Bericht xmlns:b="{WMO301_NS}">&x;</b:Bericht>'
    ).encode()

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "dtd-niet-toegestaan"
    assert "GEHEIM" not in info.value.message


def test_billion_laughs_is_refused():
    entiteiten = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    xml = f'<?xml version="1.0"?><!DOCTYPE b [{entiteiten}]><b>&a9;</b>'.encode()

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "dtd-niet-toegestaan"


@pytest.mark.parametrize(
    ("_case", "doctype"),
    [
        ("interne DTD", "<!DOCTYPE Bericht [<!ELEMENT Bericht ANY>]>"),
        ("externe DTD", '<!DOCTYPE Bericht SYSTEM "http://127.0.0.1:9/bericht.dtd">'),
        (
            "parameter-entiteit",
            '<!DOCTYPE Bericht [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
        ),
        ("alleen naam", "<!DOCTYPE Bericht>"),
    ],
)
def test_any_doctype_is_refused(_case, doctype):
    xml = geldig_301().replace(b"?>\n", b"?>\n" + doctype.encode() + b"\n", 1)

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code in {"dtd-niet-toegestaan", "geen-xml"}


@pytest.mark.parametrize("lengte", [1, 10, 100, 500, -30, -3])
def test_truncated_message_is_refused(lengte):
    xml = geldig_301()

    with pytest.raises(ParseError) as info:
        parse(xml[:lengte])

    assert info.value.code == "geen-xml"
    assert info.value.message.startswith("Het bericht is geen geldige XML")


def test_latin1_bytes_declared_as_utf8_are_refused():
    xml = build(factories.wmo301_bericht(commentaar="cliënt")).decode().encode("latin-1")

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "geen-xml"
    assert info.value.regel is not None


def test_unknown_encoding_is_refused():
    xml = geldig_301().replace(b"encoding='UTF-8'", b"encoding='x-onbekend'")

    with pytest.raises(ParseError, match="geen geldige XML"):
        parse(xml)


@pytest.mark.parametrize(
    ("_case", "data"),
    [
        ("leeg", b""),
        ("witruimte", b"  \n "),
        ("tekst", b"dit is geen xml"),
        ("json", b'{"Bericht": {}}'),
        ("binair", bytes(range(256))),
        ("nul-byte", b"<a>\x00</a>"),
    ],
)
def test_non_xml_is_refused(_case, data):
    with pytest.raises(ParseError) as info:
        parse(data)

    assert info.value.code == "geen-xml"


@pytest.mark.parametrize(("_case", "data"), [("tekst", "<a/>"), ("niets", None), ("getal", 3)])
def test_input_that_is_not_bytes_is_refused(_case, data):
    with pytest.raises(ParseError) as info:
        parse(data)

    assert info.value.code == "geen-bytes"


def test_oversize_message_is_refused_before_parsing():
    xml = geldig_301()

    with pytest.raises(ParseError) as info:
        parse(xml, max_bytes=len(xml) - 1)

    assert info.value.code == "te-groot"
    assert f"{len(xml)} bytes" in info.value.message


def test_default_size_limit_is_ten_megabytes():
    xml = geldig_301().replace(
        b"</wmo301:Bericht>", b" " * (10 * 1024 * 1024) + b"</wmo301:Bericht>"
    )

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "te-groot"


def test_bytearray_input_is_accepted():
    assert parse(bytearray(geldig_301())) == factories.wmo301_bericht()


@pytest.mark.parametrize(
    ("_case", "namespace", "reden"),
    [
        (
            "onbekend berichttype",
            "http://www.istandaarden.nl/iwmo/3_2/wmo399/schema",
            "WMO399 wordt (nog) niet ondersteund",
        ),
        ("oude release", "http://www.istandaarden.nl/iwmo/2_4/wmo301/schema", "iWmo-release 2.4"),
        ("vreemd", "urn:iets-anders", "onbekende namespace"),
        ("geen namespace", None, "onbekende namespace"),
    ],
)
def test_message_of_unknown_type_is_refused(_case, namespace, reden):
    xml = f'<Bericht xmlns="{namespace}"/>' if namespace else "<Bericht/>"

    with pytest.raises(ParseError) as info:
        parse(xml.encode())

    assert info.value.code == "onbekend-bericht"
    assert reden in info.value.message


def test_root_element_other_than_bericht_is_refused():
    with pytest.raises(ParseError, match="verwacht Bericht"):
        parse(f'<Header xmlns="{WMO301_NS}"/>'.encode())


def test_berichtcode_that_does_not_match_the_namespace_is_refused():
    xml = geldig_301().replace(b">414<", b">418<")

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "verkeerde-berichtcode"


def test_missing_required_element_names_the_element_and_its_place():
    xml = geldig_301().replace(b"<wmo301:Bsn>999900006</wmo301:Bsn>", b"")

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "element-ontbreekt"
    assert (
        info.value.message
        == "Verplicht element Bsn ontbreekt in Bericht/Client (gevonden: Geboortedatum)."
    )
    assert info.value.pad == "Bericht/Client/Bsn"


def test_elements_in_the_wrong_order_are_refused():
    xml = geldig_301().decode()
    geslacht = "<wmo301:Geslacht>2</wmo301:Geslacht>"
    xml = xml.replace(geslacht, "").replace("<wmo301:Bsn>", geslacht + "<wmo301:Bsn>")

    with pytest.raises(ParseError) as info:
        parse(xml.encode())

    assert info.value.code == "element-ontbreekt"


def test_unknown_element_is_refused():
    xml = geldig_301().replace(
        b"</wmo301:Client>", b"<wmo301:Extra>x</wmo301:Extra></wmo301:Client>"
    )

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "onverwacht-element"
    assert info.value.pad == "Bericht/Client/Extra"


def test_element_in_the_wrong_namespace_is_refused():
    xml = geldig_301().replace(
        b"<iwmo:Datum>1950-06-01</iwmo:Datum>", b"<wmo301:Datum>1950-06-01</wmo301:Datum>"
    )

    with pytest.raises(
        ParseError, match="Verplicht element Datum ontbreekt in Bericht/Client/Geboortedatum"
    ):
        parse(xml)


@pytest.mark.parametrize(
    ("_case", "oud", "nieuw", "pad"),
    [
        ("datum", b"1950-06-01", b"01-06-1950", "Bericht/Client/Geboortedatum/Datum"),
        ("onmogelijke datum", b"1950-06-01", b"1950-02-30", "Bericht/Client/Geboortedatum/Datum"),
        ("datum met tijdzone", b"1950-06-01", b"1950-06-01Z", "Bericht/Client/Geboortedatum/Datum"),
        ("getal", b"<iwmo:Volume>3<", b"<iwmo:Volume>drie<", "Volume"),
        ("unicode-cijfers", b"<iwmo:Volume>3<", "<iwmo:Volume>٣<".encode(), "Volume"),
        ("enorm getal", b"<iwmo:Volume>3<", b"<iwmo:Volume>" + b"9" * 5000 + b"<", "Volume"),
        ("tijd", b"14:05:00", b"14:05", "Toewijzingstijd"),
        ("tijd 24 uur", b"14:05:00", b"24:00:00", "Toewijzingstijd"),
    ],
)
def test_invalid_simple_value_is_refused_with_its_path(_case, oud, nieuw, pad):
    xml = geldig_301().replace(oud, nieuw, 1)

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "ongeldige-waarde"
    assert info.value.pad.endswith(pad)
    assert "ongeldige waarde" in info.value.message


def test_whitespace_around_numbers_and_dates_is_collapsed_as_in_xsd():
    xml = (
        geldig_301()
        .replace(b"<iwmo:Volume>3<", b"<iwmo:Volume> +03\n<")
        .replace(b"1950-06-01", b"\t1950-06-01 ")
    )

    model = parse(xml)

    assert model.client.toegewezen_producten[0].omvang.volume == 3
    assert model.client.geboortedatum.datum.isoformat() == "1950-06-01"


def test_text_between_elements_is_refused():
    xml = geldig_301().replace(b"<wmo301:Bsn>", b"rommel<wmo301:Bsn>")

    with pytest.raises(ParseError, match="bevat tekst waar alleen elementen horen"):
        parse(xml)


def test_child_element_inside_a_simple_value_is_refused():
    xml = geldig_301().replace(b">999900006<", b"><wmo301:X/><")

    with pytest.raises(ParseError, match="Bericht/Client/Bsn mag geen subelementen bevatten"):
        parse(xml)


def test_unexpected_attribute_is_refused_but_xsi_attributes_are_allowed():
    met_xsi = geldig_301().replace(
        b"<wmo301:Bsn>",
        b'<wmo301:Bsn xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="false">',
    )
    met_id = geldig_301().replace(b"<wmo301:Bsn>", b'<wmo301:Bsn id="1">')

    assert parse(met_xsi).client.bsn == "999900006"
    with pytest.raises(ParseError, match="onverwacht attribuut 'id'"):
        parse(met_id)


def test_comments_and_processing_instructions_are_ignored():
    xml = geldig_301().replace(b">999900006<", b"><!-- c -->9999<?pi x?>00006<")

    assert parse(xml).client.bsn == "999900006"


def test_empty_required_list_is_refused():
    xml = met_client_inhoud(
        "<wmo301:Bsn>999900006</wmo301:Bsn><wmo301:Geboortedatum><iwmo:Datum>1950-06-01</iwmo:Datum>"
        "</wmo301:Geboortedatum><wmo301:Geslacht>2</wmo301:Geslacht><wmo301:Naam><iwmo:Geslachtsnaam>"
        "<iwmo:Achternaam>X</iwmo:Achternaam></iwmo:Geslachtsnaam><iwmo:NaamGebruik>1</iwmo:NaamGebruik>"
        "</wmo301:Naam><wmo301:Contactgegevens/><wmo301:ToegewezenProducten/>"
    )

    with pytest.raises(ParseError, match="Contactgegevens moet minstens één Contact bevatten"):
        parse(xml)


def test_basis_namespace_is_used_for_basis_parts():
    assert BASIS_NAMESPACE.encode() in geldig_301()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_message_parses_or_gives_parse_error_never_another_exception(data):
    xml = bytearray(geldig_301())
    for _ in range(data.draw(st.integers(1, 4), label="aantal mutaties")):
        soort = data.draw(st.sampled_from(["vervang", "verwijder", "voeg-in", "knip"]))
        plek = data.draw(st.integers(0, len(xml) - 1))
        if soort == "vervang":
            xml[plek] = data.draw(st.integers(0, 255))
        elif soort == "verwijder":
            del xml[plek : plek + data.draw(st.integers(1, 40))]
        elif soort == "voeg-in":
            xml[plek:plek] = data.draw(
                st.sampled_from(
                    [b"<", b">", b"&", b"&amp;", b"<x/>", b"<!--", b"]]>", b"\xff", b"\xc3"]
                )
            )
        else:
            del xml[plek:]
        if not xml:
            xml = bytearray(b"<")

    try:
        parse(bytes(xml))
    except ParseError as fout:
        assert fout.message
        assert fout.code


def test_doctype_in_utf16_message_is_refused_after_parsing():
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'

    with pytest.raises(ParseError) as info:
        parse(xml.encode("utf-16"))

    assert info.value.code == "dtd-niet-toegestaan"


def test_doctype_after_a_comment_in_the_prolog_is_refused():
    xml = b'<?xml version="1.0"?>\n<!-- hallo -->\n<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>'

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "dtd-niet-toegestaan"


def test_deeply_nested_input_is_refused_by_the_depth_limit():
    xml = b"<a>" * 100_000 + b"</a>" * 100_000

    with pytest.raises(ParseError) as info:
        parse(xml)

    assert info.value.code == "geen-xml"


def test_naam_van_gives_what_lxml_qname_gives():
    from lxml import etree

    from iwmo.safexml import naam_van

    for xml in (b"<a/>", b'<x:a xmlns:x="urn:b"/>', b'<a xmlns="urn:c"/>'):
        root = etree.fromstring(xml)
        qname = etree.QName(root)
        assert naam_van(root) == (qname.namespace or "", qname.localname)


def test_whitespace_between_elements_is_dropped_but_a_leafs_own_text_is_kept():
    from iwmo.safexml import read_xml

    root = read_xml(b"<a>\n  <b>  </b>\n  <c> x </c>\n</a>")
    assert root.text is None and [k.tail for k in root] == [None, None]
    assert [k.text for k in root] == ["  ", " x "]
