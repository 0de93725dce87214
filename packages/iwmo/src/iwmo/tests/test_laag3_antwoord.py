"""The 325 as the aanbieder receives it: layer 2 (the claim rules inside the answer, TR342) and
layer 3 against the claims the aanbieder sent (TR337, TR376, TR366, TR367) in its own history."""

from datetime import date

import pytest

from iwmo.berichten import build, parse
from iwmo.retour import beoordeel, maak_retour, retourcode
from iwmo.validatie import validate
from iwmo.validatie.laag3 import GeheugenHistorie, Toewijzing, registreer

from .test_regels import _antwoord_met_afwijzing, basis

VANDAAG = date(2026, 1, 5)


def _verstuurd() -> GeheugenHistorie:
    """The aanbieder's history after sending the base 323."""
    historie = GeheugenHistorie()
    registreer(basis("wmo323"), historie)
    return historie


def _regels(bericht, historie) -> list[str]:
    return [f.rule for f in validate(build(bericht), historie=historie, vandaag=VANDAAG)]


def test_an_answer_to_a_claim_the_aanbieder_sent_passes():
    assert _regels(_antwoord_met_afwijzing(), _verstuurd()) == []


def test_an_answer_to_an_unknown_claim_breaks_tr337_tr376_and_tr366():
    assert _regels(_antwoord_met_afwijzing(), GeheugenHistorie()) == ["TR337", "TR376", "TR366"]


def test_a_prestatie_that_was_not_claimed_breaks_tr366():
    bericht = _antwoord_met_afwijzing()
    bericht.declaratie_antwoord.clienten[0].prestaties[
        0
    ].product_referentie.referentie_nummer = "ONBEKEND-1"

    assert _regels(bericht, _verstuurd()) == ["TR366"]


@pytest.mark.parametrize(
    ("wijzig", "element"),
    [
        (lambda p: setattr(p, "geleverd_volume", p.geleverd_volume + 1), "GeleverdVolume"),
        (lambda p: setattr(p, "product_code", "02A99"), "ProductCode"),
        (lambda p: setattr(p, "toewijzing_nummer", p.toewijzing_nummer + 1), "ToewijzingNummer"),
        (lambda p: setattr(p.ingediend_bedrag, "bedrag", p.ingediend_bedrag.bedrag - 1), "IngediendBedrag/Bedrag"),
        (lambda p: setattr(p.product_periode, "einddatum", date(2025, 4, 29)), "ProductPeriode/Einddatum"),
    ],
    ids=["volume", "productcode", "toewijzing", "bedrag", "einddatum"],
)  # fmt: skip
def test_tr367_a_prestatie_answered_with_another_value_than_claimed_gives_9367(wijzig, element):
    bericht = _antwoord_met_afwijzing()
    wijzig(bericht.declaratie_antwoord.clienten[0].prestaties[0])

    [bevinding] = validate(build(bericht), historie=_verstuurd(), vandaag=VANDAAG)

    assert bevinding.rule == "TR367"
    assert bevinding.xpath == (
        f"/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[1]/{element}"
    )
    assert retourcode(bevinding) == "9367"
    # the aanbieder answers no 325: the finding is for its back office, nothing is sent
    uitkomst = beoordeel(build(bericht), historie=_verstuurd(), vandaag=VANDAAG)
    assert "TR367" in [f.rule for f in uitkomst.bevindingen] and uitkomst.xml is None


def test_tr367_a_prestatie_answered_under_another_client_is_refused():
    bericht = _antwoord_met_afwijzing()
    bericht.declaratie_antwoord.clienten[0].bsn = "999900018"

    bevindingen = validate(build(bericht), historie=_verstuurd(), vandaag=VANDAAG)

    assert [(f.rule, f.xpath) for f in bevindingen] == [
        ("TR367", "/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Bsn")
    ]


def test_tr367_stays_silent_when_the_history_kept_no_values_of_the_claim():
    """An aanbieder that registered only the ReferentieNummer (older history) cannot compare."""
    historie = GeheugenHistorie()
    declaratie = basis("wmo323")
    historie.bewaar_declaratie(declaratie.header.afzender, declaratie.declaratie.declaratie_nummer)
    historie.bewaar_bericht(
        "wmo323", declaratie.header.afzender, declaratie.header.bericht_identificatie.identificatie
    )
    for client in declaratie.declaratie.clienten:
        for prestatie in client.prestaties:
            historie.bewaar_prestatie(
                declaratie.header.afzender, prestatie.product_referentie.referentie_nummer
            )
    bericht = _antwoord_met_afwijzing()
    bericht.declaratie_antwoord.clienten[0].prestaties[0].geleverd_volume += 1

    assert _regels(bericht, historie) == []


def test_the_325_of_an_approved_claim_as_we_make_it_passes_layers_1_to_3():
    xml = maak_retour(build(basis("wmo323")), vandaag=date(2025, 5, 6))

    assert validate(xml, historie=_verstuurd(), vandaag=VANDAAG) == []


def test_cs325_a_zero_total_as_credit_is_refused_and_the_aanbieder_sends_no_answer():
    bericht = _antwoord_met_afwijzing()
    bericht.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag = 0
    bericht.declaratie_antwoord.totaal_toegekend_bedrag.debet_credit = "C"

    uitkomst = beoordeel(build(bericht), historie=_verstuurd(), vandaag=VANDAAG)

    assert [f.rule for f in uitkomst.bevindingen] == ["CS325", "RETOUR"]
    assert uitkomst.xml is None
    assert parse(build(bericht)) == bericht


def test_tr304_a_prestatie_on_another_clients_toewijzing_in_the_answer_gives_8187():
    """The aanbieder's history has the toewijzing of the 301 it received, for another client."""
    historie = _verstuurd()
    bericht = _antwoord_met_afwijzing()
    prestatie = bericht.declaratie_antwoord.clienten[0].prestaties[0]
    historie.bewaar_toewijzing(
        Toewijzing(
            gemeente=bericht.header.afzender, nummer=prestatie.toewijzing_nummer,
            aanbieder=bericht.header.ontvanger, bsn="999900018", categorie="02", code="02A01",
            ingangsdatum=date(2025, 1, 1), einddatum=None,
        )
    )  # fmt: skip

    assert _regels(bericht, historie) == ["TR304"]
