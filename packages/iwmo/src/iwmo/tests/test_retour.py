"""Retour messages (302/306/308/316/318/320/325): models, build/parse and maak_retour."""

import dataclasses
import random
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from iwmo import retour
from iwmo.berichten import RETOURTYPEN, build, parse, wmo302, wmo306, wmo325
from iwmo.retour import RetourError, beoordeel, maak_retour
from iwmo.validatie import Ernst
from iwmo.validatie.laag3 import GeheugenHistorie, Toewijzing

from . import factories
from .retourxsd import AFLEIDING, afgeleid_schema, afgeleid_schema_325

VANDAAG = date(2026, 1, 5)


def wmo301_volledig_geldig():
    """Every optional element of a 301, and no rule broken."""
    bericht = factories.wmo301_bericht_volledig()
    bericht.client.communicatie.vorm = "1"  # CD007: Taal only with an interpreter
    bericht.client.relaties[0].contact.soort = "04"  # CD009: Periode only for soort 04
    return bericht


def na_levering(maak):
    """A 305/307/323 factory with a Dagtekening after the delivery it reports (TR134)."""

    def factory(*args, **kwargs):
        bericht = maak(*args, **kwargs)
        bericht.header.bericht_identificatie.dagtekening = date(2025, 10, 6)
        return bericht

    return factory


def wmo317_geldig(**verzoek_overrides):
    bericht = factories.wmo317_bericht(**verzoek_overrides)
    bericht.client.verzoek.te_wijzigen_producten[0].einddatum = date(2025, 12, 31)  # CD076
    return bericht


wmo305_geldig = na_levering(factories.wmo305_bericht)
wmo307_geldig = na_levering(factories.wmo307_bericht)
wmo323_geldig = na_levering(factories.wmo323_bericht)

ALLE_HEEN = {
    "wmo302": wmo301_volledig_geldig,
    "wmo306": wmo305_geldig,
    "wmo308": wmo307_geldig,
    "wmo316": factories.wmo315_bericht,
    "wmo318": wmo317_geldig,
    "wmo320": factories.wmo319_bericht,
    "wmo325": wmo323_geldig,
}


@pytest.fixture(scope="module")
def retour_xsd(reference_dir: Path):
    """``retour_xsd("wmo302")`` -> the retour XSD derived from the official heenbericht XSD."""
    cache = {}

    def load(bericht):
        if bericht not in cache:
            xsd_dir = reference_dir / "xsd"
            cache[bericht] = (
                afgeleid_schema_325(xsd_dir)
                if bericht == "wmo325"
                else afgeleid_schema(xsd_dir, bericht)
            )
        return cache[bericht]

    return load


def assert_retour_valid(retour_xsd, xml: bytes) -> None:
    root = etree.fromstring(xml)
    bericht = etree.QName(root).namespace.split("/")[-2]
    schema = retour_xsd(bericht)
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)


def codes_per_klasse(xml: bytes) -> dict[str, list[str]]:
    """Element path (local names, positions) of each RetourCodes parent -> its codes."""
    root = etree.fromstring(xml)
    tree = root.getroottree()
    result = {}
    for el in root.iter("{*}RetourCodes"):
        pad = tree.getpath(el.getparent())
        pad = "/".join(deel.split(":")[-1] for deel in pad.split("/"))
        result[pad] = [code.text for code in el]
    return result


def historie_met_toewijzing(**overrides) -> GeheugenHistorie:
    historie = GeheugenHistorie()
    values = {
        "gemeente": factories.GEMEENTE,
        "nummer": 2025001,
        "aanbieder": factories.AANBIEDER,
        "bsn": factories.BSN,
        "categorie": "02",
        "code": "02A01",
        "ingangsdatum": date(2025, 4, 1),
        "einddatum": date(2025, 12, 31),
    }
    historie.bewaar_toewijzing(Toewijzing(**(values | overrides)))
    return historie


# --- models, build and parse -------------------------------------------------------------------


@pytest.mark.parametrize("retour", sorted(ALLE_HEEN))
def test_every_retour_type_builds_valid_xml_and_parses_back(retour, retour_xsd):
    heen = ALLE_HEEN[retour]()
    uitkomst = beoordeel(heen, vandaag=VANDAAG, volledig=True)

    assert uitkomst.bevindingen == []

    assert retour == type(uitkomst.retour).BERICHT
    assert_retour_valid(retour_xsd, uitkomst.xml)
    assert parse(uitkomst.xml) == uitkomst.retour
    assert build(parse(uitkomst.xml)) == uitkomst.xml


@pytest.mark.parametrize("retour", sorted(AFLEIDING))
def test_header_only_retour_is_valid_for_every_type(retour, retour_xsd):
    uitkomst = beoordeel(ALLE_HEEN[retour](), vandaag=VANDAAG)

    assert_retour_valid(retour_xsd, uitkomst.xml)
    assert uitkomst.retourcodes == []


def test_retour_types_are_registered_by_namespace():
    assert sorted(cls.BERICHT for cls in RETOURTYPEN.values()) == sorted(ALLE_HEEN)
    assert {cls.BERICHTCODE for cls in RETOURTYPEN.values()} == {
        "415", "419", "421", "445", "481", "483", "485",
    }  # fmt: skip


def test_retour_class_has_the_heen_fields_plus_retourcodes_at_the_end():
    namen = [f.name for f in dataclasses.fields(wmo302.ToegewezenProduct)]

    assert namen[0] == "toewijzing_nummer"
    assert namen[-1] == "retour_codes"


def test_retour_with_empty_retourcodes_on_a_class_does_not_build():
    retour = beoordeel(wmo305_geldig(), vandaag=VANDAAG, volledig=True).retour
    retour.client.retour_codes = []

    with pytest.raises(Exception, match="RetourCode"):
        build(retour)


def test_retour_without_retourcodes_on_a_class_is_refused_by_parse():
    xml = maak_retour(build(wmo305_geldig()), vandaag=VANDAAG, volledig=True)
    root = etree.fromstring(xml)
    product = root.find(".//{*}StartProduct")
    product.remove(product.find("{*}RetourCodes"))

    with pytest.raises(Exception, match="RetourCodes"):
        parse(etree.tostring(root))


# --- which codes where -------------------------------------------------------------------------


def test_valid_301_gives_header_only_302_without_codes():
    xml = maak_retour(build(wmo301_volledig_geldig()), vandaag=VANDAAG)
    retour = parse(xml)

    assert isinstance(retour, wmo302.Wmo302Bericht)
    assert retour.client is None
    assert retour.header.retour_codes == []
    assert retour.header.bericht_code == "415"
    assert retour.header.afzender == factories.GEMEENTE  # the 301's direction is kept
    assert retour.header.dagtekening_retour == VANDAAG


def test_valid_301_with_volledig_gives_0200_in_every_class(retour_xsd):
    xml = maak_retour(build(wmo301_volledig_geldig()), vandaag=VANDAAG, volledig=True)

    codes = codes_per_klasse(xml)
    assert codes == {
        "/Bericht/Header": ["0200"],
        "/Bericht/Client": ["0200"],
        "/Bericht/Client/Relaties/Relatie": ["0200"],
        "/Bericht/Client/Relaties/Relatie/Contact": ["0200"],
        "/Bericht/Client/Contactgegevens/Contact": ["0200"],
        "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]": ["0200"],
        "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]": ["0200"],
    }
    assert_retour_valid(retour_xsd, xml)


def test_301_breaking_an_in_message_rule_gives_header_only_0001():
    bericht = factories.wmo301_bericht(bsn="999900007")  # elfproef fails (CS002)

    uitkomst = beoordeel(bericht, vandaag=VANDAAG)

    assert [f.rule for f in uitkomst.bevindingen] == ["CS002"]
    assert uitkomst.retour.client is None
    assert uitkomst.retour.header.retour_codes == ["0001"]


def test_301_breaking_a_layer3_rule_gets_the_code_on_that_product(retour_xsd):
    historie = historie_met_toewijzing(nummer=2025002, bsn="999900018")
    historie.bewaar_referentie(factories.AANBIEDER, "REF-1")  # ToegewezenProduct[1] honours it
    bericht = wmo301_volledig_geldig()

    uitkomst = beoordeel(bericht, historie=historie, vandaag=VANDAAG)

    codes = codes_per_klasse(uitkomst.xml)
    assert codes["/Bericht/Header"] == ["0200"]
    assert codes["/Bericht/Client"] == ["0200"]
    assert codes["/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]"] == ["0200"]
    assert codes["/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]"] == ["9332"]
    assert codes["/Bericht/Client/Contactgegevens/Contact"] == ["0200"]
    assert_retour_valid(retour_xsd, uitkomst.xml)


def test_two_layer3_errors_in_one_class_give_both_codes():
    historie = historie_met_toewijzing(nummer=2025001, bsn="999900018")
    bericht = factories.wmo301_bericht(
        toegewezen_producten=[factories.toegewezen_product(referentie_aanbieder="ONBEKEND")]
    )

    uitkomst = beoordeel(bericht, historie=historie, vandaag=VANDAAG)

    product = uitkomst.retour.client.toegewezen_producten[0]
    assert product.retour_codes == ["9332", "9379"]


def test_dagtekening_in_the_future_gives_8848_on_the_header_only():
    uitkomst = beoordeel(factories.wmo301_bericht(), vandaag=date(2025, 3, 9))

    assert uitkomst.retour.header.retour_codes == ["8848"]
    assert uitkomst.retour.client is None


def test_duplicate_identificatie_gives_9056_on_the_header():
    historie = GeheugenHistorie()
    xml = build(factories.wmo315_bericht())
    eerste = beoordeel(xml, historie=historie, vandaag=VANDAAG)
    ander = factories.wmo315_bericht(referentie_aanbieder="VOT-ANDERS")

    tweede = beoordeel(ander, historie=historie, vandaag=VANDAAG)

    assert eerste.retourcodes == []
    assert tweede.retour.header.retour_codes == ["9056"]


def test_305_without_toewijzing_gets_9019_on_the_start_product(retour_xsd):
    uitkomst = beoordeel(wmo305_geldig(), historie=GeheugenHistorie(), vandaag=VANDAAG)

    assert isinstance(uitkomst.retour, wmo306.Wmo306Bericht)
    assert codes_per_klasse(uitkomst.xml) == {
        "/Bericht/Header": ["0200"],
        "/Bericht/Client": ["0200"],
        "/Bericht/Client/StartProducten/StartProduct": ["9019"],
    }
    assert_retour_valid(retour_xsd, uitkomst.xml)


def test_a_warning_does_not_reject():
    bericht = wmo305_geldig()
    bericht.header.ontvanger = "0001"  # no code since 2019; on a date before that: TR378 warning
    bericht.header.bericht_identificatie.dagtekening = date(2018, 12, 3)
    start = bericht.client.start_producten[0]
    start.begindatum = start.toewijzing_ingangsdatum = date(2018, 11, 1)
    historie = historie_met_toewijzing(gemeente="0001", ingangsdatum=date(2018, 11, 1))

    uitkomst = beoordeel(bericht, historie=historie, vandaag=VANDAAG)

    assert [(f.rule, f.severity) for f in uitkomst.bevindingen] == [("TR378", Ernst.WAARSCHUWING)]
    assert uitkomst.geldig and uitkomst.retourcodes == []


def test_an_unknown_gemeentecode_is_rejected_with_s300_on_the_header():
    bericht = wmo305_geldig()
    bericht.header.ontvanger = "9999"  # never a CBS code

    uitkomst = beoordeel(
        bericht, historie=historie_met_toewijzing(gemeente="9999"), vandaag=VANDAAG
    )

    assert [f.rule for f in uitkomst.bevindingen] == ["TR378"]
    assert uitkomst.retour.header.retour_codes == ["S300"]


# --- 325 -------------------------------------------------------------------------------------


def test_approved_323_gives_325_with_8001_and_the_full_amount(retour_xsd):
    bericht = wmo323_geldig()

    uitkomst = beoordeel(bericht, historie=historie_met_toewijzing(), vandaag=VANDAAG)

    retour = uitkomst.retour
    assert isinstance(retour, wmo325.Wmo325Bericht)
    assert retour.header.afzender == factories.GEMEENTE
    assert retour.header.ontvanger == factories.AANBIEDER
    assert retour.header.declaratie_identificatie == bericht.header.bericht_identificatie
    assert retour.header.retour_codes == ["0200"]
    assert retour.declaratie_antwoord.retour_codes == ["8001"]
    assert retour.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 78600
    assert retour.declaratie_antwoord.clienten == []
    assert_retour_valid(retour_xsd, uitkomst.xml)


def test_325_lists_only_the_rejected_prestatie(retour_xsd):
    goed = factories.prestatie()
    fout = factories.prestatie(
        product_referentie=factories.Referentie(referentie_nummer="P-0002"),
        toewijzing_nummer=2025999,
        geleverd_volume=2,
        ingediend_bedrag=factories.BedragMetDC(bedrag=13100, debet_credit="D"),
    )
    bericht = wmo323_geldig(goed, fout)

    uitkomst = beoordeel(bericht, historie=historie_met_toewijzing(), vandaag=VANDAAG)

    antwoord = uitkomst.retour.declaratie_antwoord
    assert antwoord.retour_codes == ["0200"]
    assert antwoord.totaal_ingediend_bedrag.totaal_bedrag == 78600 + 13100
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 78600
    [client] = antwoord.clienten
    assert client.retour_codes == ["0200"]
    assert [p.product_referentie.referentie_nummer for p in client.prestaties] == ["P-0002"]
    assert client.prestaties[0].retour_codes == ["9338"]
    assert_retour_valid(retour_xsd, uitkomst.xml)


def test_325_for_a_duplicate_declaratienummer_grants_nothing():
    historie = historie_met_toewijzing()
    historie.bewaar_declaratie(factories.AANBIEDER, "D202504")

    uitkomst = beoordeel(wmo323_geldig(), historie=historie, vandaag=VANDAAG)

    antwoord = uitkomst.retour.declaratie_antwoord
    assert antwoord.retour_codes == ["9333"]
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0


def test_325_for_a_technically_wrong_323_is_header_only_0001():
    bericht = wmo323_geldig()
    bericht.declaratie.totaal_ingediend_bedrag.totaal_bedrag = 1  # TR358

    uitkomst = beoordeel(bericht, vandaag=VANDAAG)

    assert uitkomst.retour.header.retour_codes == ["0001"]
    assert uitkomst.retour.declaratie_antwoord is None


# --- bad input ---------------------------------------------------------------------------------


def test_unreadable_input_gives_findings_and_no_retour():
    uitkomst = beoordeel(b"<geen xml")

    assert uitkomst.retour is None
    assert [f.rule for f in uitkomst.bevindingen] == ["XML"]
    with pytest.raises(RetourError):
        maak_retour(b"<geen xml")


def test_a_message_that_fails_the_xsd_gets_no_retour_and_no_history():
    """IV028/IV032: control level 1 gets no retour message; the findings say why."""
    historie = GeheugenHistorie()
    xml = build(wmo305_geldig()).replace(b"<wmo305:Geslacht>2", b"<wmo305:Geslacht>7")

    uitkomst = beoordeel(xml, historie=historie, vandaag=VANDAAG)

    assert uitkomst.niveau1 and not uitkomst.geldig
    assert uitkomst.retour is None and uitkomst.xml is None
    assert uitkomst.bevindingen[0].rule == "XSD"  # Geslacht 7 is no code of COD046
    assert uitkomst.header.bericht_identificatie.identificatie == "A2025-0001"
    assert not historie.bericht_bekend("wmo305", uitkomst.header.afzender, "A2025-0001")
    with pytest.raises(RetourError, match="controleniveau 1"):
        maak_retour(xml, vandaag=VANDAAG)


def test_a_broken_header_gives_no_retour_rather_than_an_invalid_one():
    """A 305 addressed to gemeente ``03O7``: the retour would fail RS035 itself; nothing is sent."""
    xml = build(wmo305_geldig()).replace(b"<wmo305:Ontvanger>0307", b"<wmo305:Ontvanger>03O7")
    assert xml != build(wmo305_geldig())

    uitkomst = beoordeel(xml, vandaag=VANDAAG)

    assert uitkomst.niveau1 and uitkomst.xml is None and uitkomst.retour is None


def test_a_retour_that_fails_our_own_validation_is_refused_with_a_finding(monkeypatch):
    """The last gate: whatever made it, a retour that our layer 1 refuses is not returned."""
    echt = retour.retour_voor

    def kapot(*args, **kwargs):
        gemaakt = echt(*args, **kwargs)
        gemaakt.header.afzender = "03O7"
        return gemaakt

    monkeypatch.setattr(retour, "retour_voor", kapot)

    uitkomst = beoordeel(build(wmo305_geldig()), vandaag=VANDAAG)

    assert uitkomst.xml is None and uitkomst.retour is None and not uitkomst.niveau1
    assert [f.rule for f in uitkomst.bevindingen] == ["RETOUR-ONGELDIG"]
    assert "/Bericht/Header/Afzender" in uitkomst.bevindingen[0].message
    with pytest.raises(RetourError, match="ongeldig"):
        maak_retour(build(wmo305_geldig()), vandaag=VANDAAG)


def test_a_retour_message_is_not_answered():
    xml = maak_retour(build(wmo305_geldig()), vandaag=VANDAAG)

    uitkomst = beoordeel(xml)

    assert uitkomst.retour is None
    assert uitkomst.bevindingen  # layer 1 does not know the retour types
    with pytest.raises(RetourError, match="retourbericht"):
        maak_retour(xml)


def test_retour_identificatie_is_stable_for_the_same_message():
    xml = build(wmo307_geldig())

    assert maak_retour(xml, vandaag=VANDAAG) == maak_retour(xml, vandaag=VANDAAG)


def test_mutated_bytes_never_raise():
    rng = random.Random(5)
    basis = build(wmo301_volledig_geldig())
    for _ in range(200):
        data = bytearray(basis)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        uitkomst = beoordeel(bytes(data), historie=GeheugenHistorie())
        assert uitkomst.retour is None or uitkomst.xml


def test_derived_xsd_refuses_a_class_without_retourcodes(retour_xsd):
    """The oracle has teeth: a StartProduct without RetourCodes is not a valid 306."""
    xml = maak_retour(build(wmo305_geldig()), vandaag=VANDAAG, volledig=True)
    root = etree.fromstring(xml)
    product = root.find(".//{*}StartProduct")
    product.remove(product.find("{*}RetourCodes"))

    assert not retour_xsd("wmo306").validate(root)


@pytest.mark.parametrize("heen", ["301", "305", "307", "315", "317", "319", "323"])
def test_official_example_gets_an_approving_retour_valid_for_the_derived_xsd(
    heen, reference_dir, retour_xsd
):
    xml = (reference_dir / f"examples/WMO{heen}.xml").read_bytes()

    uitkomst = beoordeel(xml, vandaag=VANDAAG, volledig=True)

    assert uitkomst.bevindingen == []
    assert set(uitkomst.retourcodes) <= {"0200", "8001"}
    assert_retour_valid(retour_xsd, uitkomst.xml)
