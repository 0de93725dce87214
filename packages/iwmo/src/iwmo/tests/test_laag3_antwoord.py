"""The 325 as the aanbieder receives it: layer 2 (the claim rules inside the answer, TR342) and
layer 3 against the claims the aanbieder sent (TR337, TR376, TR366) in its own history."""

from datetime import date

from iwmo.berichten import build, parse
from iwmo.retour import beoordeel, maak_retour
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
