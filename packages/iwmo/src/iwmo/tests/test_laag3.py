"""Layer 3: rules across messages against a history store (each rule breaks and passes)."""

from datetime import date
from itertools import count

import pytest

from iwmo.berichten import build, wmo317
from iwmo.berichten.basis import Omvang, Product, Referentie
from iwmo.retour import RETOURCODES, ZONDER_RETOURCODE, beoordeel
from iwmo.validatie.laag3 import (
    REGELS3,
    GeheugenHistorie,
    LeveringStatus,
    Variant,
    controleer_laag3,
    registreer,
)

from . import factories
from .test_retour import wmo305_geldig, wmo307_geldig, wmo317_geldig, wmo323_geldig


def regels(bericht, historie, variant=Variant.INSPANNINGSGERICHT):
    return [f.rule for f in controleer_laag3(bericht, historie, variant=variant)]


@pytest.fixture
def historie():
    """A history with the toewijzing 2025001 (02A01) of the factory client."""
    h = GeheugenHistorie()
    registreer(factories.wmo301_bericht(), h)
    return h


_NUMMER = count(1)


def start(**kwargs):
    bericht = wmo305_geldig(**kwargs)
    bericht.header.bericht_identificatie.identificatie = f"S{next(_NUMMER)}"
    return bericht


def stop(**kwargs):
    bericht = wmo307_geldig(**kwargs)
    bericht.header.bericht_identificatie.identificatie = f"E{next(_NUMMER)}"
    return bericht


def test_every_layer3_rule_has_its_official_retourcode_or_is_our_own():
    for regel in REGELS3:
        assert regel.code in RETOURCODES or regel.code in {"VARIANT", *ZONDER_RETOURCODE}


# TR056
def test_tr056_same_identificatie_twice_is_refused(historie):
    assert "TR056" not in regels(factories.wmo315_bericht(), historie)
    registreer(factories.wmo315_bericht(), historie)

    assert "TR056" in regels(factories.wmo315_bericht(referentie_aanbieder="X"), historie)


def test_tr056_same_identificatie_of_another_type_or_sender_passes(historie):
    registreer(factories.wmo315_bericht(), historie)
    ander = factories.wmo315_bericht()
    ander.header.afzender = "12345678"

    assert "TR056" not in regels(ander, historie)
    assert "TR056" not in regels(wmo317_geldig(), historie)  # same id, other message type


# TR332
def test_tr332_toewijzingnummer_of_another_client_is_refused(historie):
    ander = factories.wmo301_bericht(bsn="999900018")
    ander.header.bericht_identificatie.identificatie = "G2"

    assert regels(ander, historie) == ["TR332"]


def test_tr332_repeating_the_same_toewijzing_passes(historie):
    herhaling = factories.wmo301_bericht()
    herhaling.header.bericht_identificatie.identificatie = "G2"

    assert regels(herhaling, historie) == []


# TR379
def test_tr379_referentie_without_a_request_is_refused(historie):
    bericht = factories.wmo301_bericht(
        toegewezen_producten=[factories.toegewezen_product(referentie_aanbieder="VOT-X")]
    )
    bericht.header.bericht_identificatie.identificatie = "G2"

    assert regels(bericht, historie) == ["TR379"]


def test_tr379_referentie_of_an_earlier_request_passes(historie):
    registreer(factories.wmo315_bericht(referentie_aanbieder="VOT-X"), historie)
    bericht = factories.wmo301_bericht(
        toegewezen_producten=[factories.toegewezen_product(referentie_aanbieder="VOT-X")]
    )
    bericht.header.bericht_identificatie.identificatie = "G2"

    assert regels(bericht, historie) == []


# TR019 and the variants
def test_tr019_start_without_toewijzing_is_refused():
    assert regels(start(), GeheugenHistorie()) == ["TR019"]


def test_tr019_start_without_toewijzingnummer_is_refused_outside_taakgericht(historie):
    assert regels(start(toewijzing_nummer=None), historie) == ["TR019"]


def test_tr019_start_of_an_existing_toewijzing_passes(historie):
    assert regels(start(), historie) == []


def test_taakgericht_start_without_toewijzingnummer_passes():
    bericht = start(toewijzing_nummer=None, toewijzing_ingangsdatum=None)

    assert regels(bericht, GeheugenHistorie(), Variant.TAAKGERICHT) == []


def test_taakgericht_start_with_toewijzingnummer_is_refused():
    assert regels(start(), GeheugenHistorie(), Variant.TAAKGERICHT) == ["VARIANT"]


def test_taakgericht_does_not_use_the_301():
    assert regels(factories.wmo301_bericht(), GeheugenHistorie(), "taakgericht") == ["VARIANT"]


# VARIANT: the units of the toewijzingsvarianten
def _eenheid_bevindingen(bericht, variant):
    return [
        (b.rule, b.xpath)
        for b in controleer_laag3(bericht, GeheugenHistorie(), variant=variant)
        if b.rule == "VARIANT"
    ]


def test_a_unit_of_the_other_variant_is_refused_where_it_stands():
    euro = Omvang(volume=250, eenheid="83", frequentie="4")
    uur = Omvang(volume=3, eenheid="04", frequentie="2")
    pad_315 = "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/Omvang/Eenheid"
    pad_301 = "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang/Eenheid"

    assert _eenheid_bevindingen(factories.wmo315_bericht(omvang=euro), "inspanningsgericht") == [
        ("VARIANT", pad_315)
    ]
    assert _eenheid_bevindingen(factories.wmo315_bericht(omvang=euro), "outputgericht") == []
    assert _eenheid_bevindingen(factories.wmo301_bericht(), "inspanningsgericht") == []
    assert _eenheid_bevindingen(factories.wmo315_bericht(omvang=uur), "outputgericht") == [
        ("VARIANT", pad_315)
    ]
    assert _eenheid_bevindingen(factories.wmo301_bericht(), "outputgericht") == [
        ("VARIANT", pad_301)
    ]


def test_the_units_of_a_317_and_of_a_claim_are_checked_too():
    verzoek = factories.wmo317_bericht()  # TeWijzigenProduct in hours (04)
    claim = factories.wmo323_bericht(factories.prestatie(eenheid="82", product_tarief=1000))

    assert _eenheid_bevindingen(verzoek, "outputgericht") == [
        (
            "VARIANT",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]/Omvang/Eenheid",
        )
    ]
    assert _eenheid_bevindingen(claim, "inspanningsgericht") == [
        ("VARIANT", "/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]/Eenheid")
    ]
    assert _eenheid_bevindingen(claim, "outputgericht") == []


def test_a_toewijzing_without_omvang_has_no_unit_to_check():
    aspecifiek = factories.wmo315_bericht(product=Product(categorie="07"), omvang=None)

    assert _eenheid_bevindingen(aspecifiek, "outputgericht") == []


# TR074, TR326, TR063, TR071, TR382
def test_tr074_second_start_with_the_same_key_is_refused(historie):
    registreer(start(), historie)

    assert "TR074" in regels(start(), historie)


def test_tr326_new_start_while_the_delivery_runs_is_refused(historie):
    registreer(start(), historie)

    assert regels(start(begindatum=date(2025, 6, 1)), historie) == ["TR326"]


def test_tr326_new_start_after_a_stop_passes(historie):
    registreer(start(), historie)
    registreer(stop(), historie)

    assert regels(start(begindatum=date(2025, 10, 1)), historie) == []


def test_tr063_deleting_a_start_that_was_never_sent_is_refused(historie):
    assert regels(start(status_aanlevering="3"), historie) == ["TR063"]


def test_tr063_deleting_an_earlier_start_passes_and_frees_the_key(historie):
    registreer(start(), historie)
    verwijder = start(status_aanlevering="3")
    assert regels(verwijder, historie) == []

    registreer(verwijder, historie)
    [levering] = historie.leveringen(factories.GEMEENTE, factories.AANBIEDER, factories.BSN)
    assert levering.status is LeveringStatus.VERWIJDERD
    assert regels(start(), historie) == []


def test_tr071_deleting_a_start_of_a_stopped_delivery_is_refused(historie):
    registreer(start(), historie)
    registreer(stop(), historie)

    assert regels(start(status_aanlevering="3"), historie) == ["TR071"]


def test_tr382_stop_without_a_start_is_refused(historie):
    assert regels(stop(), historie) == ["TR382"]


def test_tr382_stop_of_a_running_start_passes(historie):
    registreer(start(), historie)

    assert regels(stop(), historie) == []


def test_tr415_a_second_stop_after_a_definitive_one_is_refused_and_tr063_deleting_it_passes(
    historie,
):
    registreer(start(), historie)
    registreer(stop(), historie)

    assert regels(stop(), historie) == ["TR415"]
    assert regels(stop(status_aanlevering="3"), historie) == []


def test_tr063_deleting_a_stop_that_was_never_sent_is_refused(historie):
    registreer(start(), historie)

    assert regels(stop(status_aanlevering="3"), historie) == ["TR063"]


# TR347
def test_tr347_referentie_used_twice_is_refused(historie):
    registreer(factories.wmo315_bericht(), historie)
    tweede = factories.wmo315_bericht()
    tweede.header.bericht_identificatie.identificatie = "A2"

    assert regels(tweede, historie) == ["TR347"]


def test_tr347_new_referentie_passes(historie):
    assert regels(factories.wmo315_bericht(), historie) == []


# TR355
@pytest.mark.parametrize("verzoek", [factories.wmo315_bericht, factories.wmo317_bericht])
def test_tr355_answer_to_an_earlier_request_passes(historie, verzoek):
    aanvraag = verzoek()
    registreer(aanvraag, historie)
    referentie = (
        aanvraag.client.aangevraagde_producten[0].referentie_aanbieder
        if hasattr(aanvraag.client, "aangevraagde_producten")
        else aanvraag.client.verzoek.referentie_aanbieder
    )

    assert regels(factories.wmo319_bericht(referentie_aanbieder=referentie), historie) == []


def test_tr355_answer_to_an_unknown_request_is_refused(historie):
    registreer(factories.wmo317_bericht(), historie)  # VOW-2025-3

    bevindingen = controleer_laag3(
        factories.wmo319_bericht(referentie_aanbieder="VOW-2025-4"), historie
    )

    assert [(b.rule, b.xpath) for b in bevindingen] == [
        ("TR355", "/Bericht/Antwoord/ReferentieAanbieder")
    ]
    assert "VOW-2025-4" in bevindingen[0].message


def test_tr355_a_request_of_another_aanbieder_does_not_count(historie):
    verzoek = factories.wmo317_bericht()
    verzoek.header.afzender = "99999999"
    registreer(verzoek, historie)

    assert regels(factories.wmo319_bericht(), historie) == ["TR355"]


# TR350, TR351, TR361
def test_tr351_changing_an_unknown_toewijzing_is_refused():
    assert regels(wmo317_geldig(), GeheugenHistorie()) == ["TR351"]


def test_tr351_changing_a_current_toewijzing_passes(historie):
    assert regels(wmo317_geldig(), historie) == []


def test_tr350_unchanged_product_must_be_a_current_toewijzing(historie):
    bericht = wmo317_geldig()
    bericht.client.verzoek.ongewijzigde_producten = [
        wmo317.OngewijzigdProduct(toewijzing_nummer=2025999)
    ]

    assert regels(bericht, historie) == ["TR350"]
    bericht.client.verzoek.ongewijzigde_producten[0].toewijzing_nummer = 2025001
    bericht.client.verzoek.te_wijzigen_producten = []
    bericht.client.verzoek.nieuwe_producten = [_nieuw(date(2026, 1, 1))]
    assert regels(bericht, historie) == []


def _nieuw(ingang):
    return wmo317.NieuwProduct(
        product=Product(categorie="02", code="02A01"),
        gewenste_ingangsdatum=ingang,
        einddatum=date(2026, 6, 30),
        omvang=Omvang(volume=2, eenheid="04", frequentie="2"),
    )


def test_tr361_new_product_overlapping_the_same_toewijzing_is_refused(historie):
    bericht = wmo317_geldig(nieuwe_producten=[_nieuw(date(2025, 11, 1))])

    assert regels(bericht, historie) == ["TR361"]


def test_tr361_new_product_after_the_toewijzing_passes(historie):
    bericht = wmo317_geldig(nieuwe_producten=[_nieuw(date(2026, 1, 1))])

    assert regels(bericht, historie) == []


# TR333, TR338, TR304
def test_tr333_declaratienummer_used_twice_is_refused(historie):
    registreer(wmo323_geldig(), historie)
    tweede = wmo323_geldig(
        factories.prestatie(product_referentie=Referentie(referentie_nummer="P-2"))
    )
    tweede.header.bericht_identificatie.identificatie = "A2"

    # a new ReferentieNummer: TR314 passes; the same product and month again is TR389
    assert regels(tweede, historie) == ["TR333", "TR389"]


def test_tr338_prestatie_without_toewijzing_is_refused():
    assert regels(wmo323_geldig(), GeheugenHistorie()) == ["TR338"]


def test_tr338_and_tr304_pass_for_the_clients_toewijzing(historie):
    assert regels(wmo323_geldig(), historie) == []


def test_tr304_prestatie_of_another_client_is_refused(historie):
    bericht = wmo323_geldig()
    bericht.declaratie.clienten[0].bsn = "999900018"

    assert regels(bericht, historie) == ["TR304"]


# the whole flow through beoordeel
def test_flow_301_305_307_is_accepted_and_a_replayed_start_is_refused():
    historie = GeheugenHistorie()
    vandaag = date(2026, 1, 5)
    for bericht in (factories.wmo301_bericht(), start(), stop()):
        uitkomst = beoordeel(build(bericht), historie=historie, vandaag=vandaag)
        assert uitkomst.bevindingen == [], uitkomst.bevindingen
        assert uitkomst.retourcodes == []

    opnieuw = beoordeel(build(start()), historie=historie, vandaag=vandaag)
    assert opnieuw.retour.client.start_producten[0].retour_codes == ["9074"]
