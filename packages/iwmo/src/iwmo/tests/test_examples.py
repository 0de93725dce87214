"""The official iWmo 3.2 examples: parse, rebuild, and compare with the XSD as oracle."""

from datetime import date, time

import pytest

from iwmo.berichten import (
    build,
    parse,
    wmo301,
    wmo305,
    wmo307,
    wmo315,
    wmo317,
    wmo319,
    wmo323,
)
from iwmo.berichten.basis import Omvang, Product

from .xmlcompare import normalised

VOORBEELDEN = [
    ("wmo301", wmo301.Wmo301Bericht),
    ("wmo305", wmo305.Wmo305Bericht),
    ("wmo307", wmo307.Wmo307Bericht),
    ("wmo315", wmo315.Wmo315Bericht),
    ("wmo317", wmo317.Wmo317Bericht),
    ("wmo319", wmo319.Wmo319Bericht),
    ("wmo323", wmo323.Wmo323Bericht),
]


def voorbeeld(reference_dir, bericht: str) -> bytes:
    return (reference_dir / f"examples/{bericht.upper()}.xml").read_bytes()


@pytest.mark.parametrize(("bericht", "berichttype"), VOORBEELDEN)
def test_official_example_parses_to_its_message_type(reference_dir, bericht, berichttype):
    model = parse(voorbeeld(reference_dir, bericht))

    assert type(model) is berichttype
    assert model.header.bericht_code == berichttype.BERICHTCODE
    assert (model.header.bericht_versie, model.header.bericht_subversie) == (3, 2)
    assert model.header.xsd_versie.bericht_xsd_versie == "1.0.0"


@pytest.mark.parametrize(("bericht", "berichttype"), VOORBEELDEN)
def test_rebuilt_official_example_is_xsd_valid_and_equivalent(
    reference_dir, assert_xsd_valid, bericht, berichttype
):
    origineel = voorbeeld(reference_dir, bericht)

    herbouwd = build(parse(origineel))

    assert_xsd_valid(bericht, herbouwd)
    assert normalised(herbouwd) == normalised(origineel)


@pytest.mark.parametrize(("bericht", "berichttype"), VOORBEELDEN)
def test_parse_of_rebuilt_example_gives_the_same_model(reference_dir, bericht, berichttype):
    model = parse(voorbeeld(reference_dir, bericht))

    assert parse(build(model)) == model


def test_wmo301_example_values_are_typed(reference_dir):
    model = parse(voorbeeld(reference_dir, "wmo301"))

    assert model.header.afzender == "0384"
    assert model.header.ontvanger == "42420001"
    assert model.header.bericht_identificatie.identificatie == "123456789012"
    assert model.header.bericht_identificatie.dagtekening == date(2023, 8, 13)
    client = model.client
    assert client.bsn == "999900006"
    assert client.geboortedatum.datum == date(1967, 8, 13)
    assert client.geboortedatum.datum_gebruik is None
    assert client.naam.partnernaam.achternaam == "Jansen"
    assert client.naam.naam_gebruik == "4"
    assert [relatie.volgorde for relatie in client.relaties] == [1, 2]
    assert client.relaties[0].contact.telefoon.telefoon02.telefoonnummer == "0201234567"
    assert client.contactgegevens[0].adres.huis.huisnummer == 100
    assert client.contactgegevens[0].telefoon is None
    product = client.toegewezen_producten[0]
    assert product.toewijzing_nummer == 101
    assert product.product == Product(categorie="01", code="01A01")
    assert product.toewijzingstijd == time(12, 34, 56)
    assert product.omvang == Omvang(volume=10, eenheid="01", frequentie="1")
    assert product.budget is None
    # xs:string keeps its whitespace
    assert product.commentaar == "Toegewezen product 1 Commentaar "


def test_wmo305_and_wmo307_example_values_are_typed(reference_dir):
    start = parse(voorbeeld(reference_dir, "wmo305"))
    stop = parse(voorbeeld(reference_dir, "wmo307"))

    assert (start.header.afzender, start.header.ontvanger) == ("65656055", "0363")
    assert [p.toewijzing_nummer for p in start.client.start_producten] == [300201, 300202]
    assert [p.begindatum for p in start.client.start_producten] == [
        date(2025, 4, 3),
        date(2025, 4, 4),
    ]
    assert start.client.naam.voornamen == "Tim"
    assert [p.reden_beeindiging for p in stop.client.stop_producten] == ["31", "31"]
    assert stop.client.stop_producten[1].einddatum == date(2025, 7, 18)
    assert stop.client.stop_producten[1].status_aanlevering == "1"


def test_wmo315_wmo317_wmo319_example_values_are_typed(reference_dir):
    vot = parse(voorbeeld(reference_dir, "wmo315"))
    vow = parse(voorbeeld(reference_dir, "wmo317"))
    antwoord = parse(voorbeeld(reference_dir, "wmo319"))

    aangevraagd = vot.client.aangevraagde_producten
    assert [p.referentie_aanbieder for p in aangevraagd] == ["42420001", "42420002"]
    assert aangevraagd[0].beschikking_nummer == 1234
    assert aangevraagd[0].omvang == Omvang(volume=4, eenheid="14", frequentie="4")
    assert aangevraagd[0].verwijzer.type == "04"
    assert aangevraagd[0].raamcontract == "1"
    verzoek = vow.client.verzoek
    assert verzoek.reden_verzoek == "1"
    assert [p.toewijzing_nummer for p in verzoek.ongewijzigde_producten] == [10071]
    assert verzoek.te_wijzigen_producten[0].gewenste_ingangsdatum == date(2023, 4, 2)
    assert verzoek.nieuwe_producten[0].omvang.volume == 20
    assert antwoord.antwoord.referentie_aanbieder == "9003"
    assert antwoord.antwoord.verzoek_antwoord == "1"
    assert antwoord.antwoord.reden_afwijzing_verzoek == "7"


def test_wmo323_example_amounts_are_eurocents_that_add_up(reference_dir):
    declaratie = parse(voorbeeld(reference_dir, "wmo323")).declaratie

    prestaties = [p for client in declaratie.clienten for p in client.prestaties]
    assert declaratie.declaratie_nummer == "DN001"
    assert declaratie.declaratie_periode.einddatum == date(2023, 4, 30)
    assert [client.bsn for client in declaratie.clienten] == ["999900006", "999900018"]
    assert [p.ingediend_bedrag.bedrag for p in prestaties] == [5000, 24000, 5000, 24000]
    assert declaratie.totaal_ingediend_bedrag.totaal_bedrag == 58000
    assert sum(p.ingediend_bedrag.bedrag for p in prestaties) == 58000
    assert all(
        p.geleverd_volume * p.product_tarief == p.ingediend_bedrag.bedrag for p in prestaties
    )
    assert prestaties[0].product_referentie.referentie_nummer == "RN001"
