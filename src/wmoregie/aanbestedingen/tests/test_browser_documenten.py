"""Issue 15.6 in a real browser: the page *Gevraagde documenten* (set before publication), and
*Documenten op verzoek* for the inkoper (ask) and the registrant (deliver) — labelled fields,
keyboard, axe clean, within the strict CSP."""

import pytest

from wmoregie.aanbestedingen.constants import Status, Vraagmoment
from wmoregie.aanbestedingen.models import Documentvereiste, Documentverzoek, Inschrijving
from wmoregie.catalogi.models import Perceel

from .browser_helpers import inloggen

pytestmark = pytest.mark.browser


def test_the_inkoper_sets_the_documents_of_a_concept_procedure(page, demo, axe_violations):
    from .factories import AanbestedingFactory

    perceel = Perceel.objects.get(code="wmo-begeleiding")
    concept = AanbestedingFactory(status=Status.CONCEPT, regio=perceel.regio, percelen=[perceel])
    inloggen(page, "inkoper")
    page.goto(f"/aanbestedingen/{concept.pk}/")
    page.get_by_role("link", name="Gevraagde documenten").click()
    page.wait_for_load_state()
    assert "Nog niet ingesteld" in page.content()
    assert axe_violations(page) == []
    kvk = page.get_by_role("group", name="Wanneer gevraagd: Uittreksel Handelsregister (KvK)")
    kvk.get_by_label("Bij de aanmelding").check()
    page.get_by_label(
        "Hooguit zoveel kalendermaanden oud bij ontvangst: Uittreksel Handelsregister (KvK)"
    ).fill("3")
    page.get_by_label("Levertermijn voor documenten op verzoek (kalenderdagen)").fill("10")
    page.get_by_role("button", name="Gevraagde documenten vastleggen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "De gevraagde documenten zijn vastgelegd" in page.content()
    assert axe_violations(page) == []
    vereiste = Documentvereiste.objects.get(aanbesteding=concept, soort="kvk-uittreksel")
    assert (vereiste.moment, vereiste.max_maanden) == (Vraagmoment.BIJ_AANMELDING, 3)

    # the published demo procedure: read only
    page.goto(f"/aanbestedingen/{demo.pk}/documenten/")
    assert "liggen vast" in page.content()
    assert page.get_by_role("button", name="Gevraagde documenten vastleggen").count() == 0
    assert axe_violations(page) == []


def test_the_inkoper_asks_and_the_registrant_delivers(page, demo, axe_violations, tmp_path):
    from wmoregie.bestandscontrole import eenvoudige_pdf

    combinatie = Inschrijving.objects.get(organisatie__kvk_nummer="90000003")
    inloggen(page, "inkoper")
    page.goto(f"/aanbestedingen/inschrijvingen/{combinatie.pk}/verzoeken/")
    assert "Ontvangen op 08-07-2025" in page.content()
    assert axe_violations(page) == []
    page.get_by_label("Document").select_option("vog")
    page.get_by_label("Partij").select_option(index=1)
    page.get_by_role("button", name="Verzoek vastleggen").click()
    page.wait_for_load_state()
    assert "Het verzoek is vastgelegd" in page.content()
    assert axe_violations(page) == []
    verzoek = Documentverzoek.objects.get(inschrijving=combinatie, soort="vog")

    page.context.clear_cookies()
    inloggen(page, "inschrijver")
    page.goto(f"/aanbestedingen/inschrijvingen/{combinatie.pk}/verzoeken/")
    page.get_by_role("link", name="aanleveren", exact=False).first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    bestand = tmp_path / "vog.pdf"
    bestand.write_bytes(eenvoudige_pdf("vog"))
    page.get_by_label("Bestand").set_input_files(str(bestand))
    page.get_by_label("Afgiftedatum van het document").fill(verzoek.verzocht_op.isoformat())
    page.get_by_role("button", name="Document aanleveren").click()
    page.wait_for_load_state()
    assert "Het document is ontvangen" in page.content()
    assert axe_violations(page) == []
    verzoek.refresh_from_db()
    assert verzoek.document is not None
