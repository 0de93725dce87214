"""Issue 15 in a real browser: the page *Fouten uit de controle* (15.1), the open points before
submitting (15.3) and the confirmation of an irreversible step (15.4) — keyboard only, axe clean
and within the strict CSP (the harness fails a test on any CSP violation: no inline script)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from wmoregie.aanbestedingen import termijnen
from wmoregie.aanbestedingen.constants import Status
from wmoregie.aanbestedingen.demo import laad_demo
from wmoregie.aanbestedingen.models import Aanbesteding, Indiening, Inschrijving, Regelbesluit
from wmoregie.accounts.models import Organisatie
from wmoregie.catalogi.models import Perceel
from wmoregie.demo import DEMO_WACHTWOORD
from wmoregie.demo import laad_demo as laad_basisdemo

pytestmark = pytest.mark.browser

FORMULIER = "form:has(input[name=code][value=toestemming-na-selectiedeadline])"


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    laad_basisdemo()
    return laad_demo()


@pytest.fixture
def open_procedure(transactional_db, settings, tmp_path):
    """The demo users and a concept procedure whose planning starts today, ready to publish."""
    from wmoregie.accounts.models import User

    from .factories import AanbestedingFactory, klaar_voor_publicatie

    settings.MEDIA_ROOT = tmp_path
    laad_basisdemo()
    vandaag = timezone.localdate()
    voorlopig = vandaag + timedelta(days=84)
    standstill = termijnen.standstill_end(voorlopig)
    aanbesteding = AanbestedingFactory(
        status=Status.CONCEPT,
        regio=Perceel.objects.get(code="wmo-begeleiding").regio,
        percelen=[Perceel.objects.get(code="wmo-begeleiding")],
        strategie_vastgesteld=None,
        publicatie=vandaag,
        vragen_deadline=vandaag + timedelta(days=14),
        selectie_deadline=vandaag + timedelta(days=28),
        selectiebeslissing=vandaag + timedelta(days=42),
        inschrijving_deadline=vandaag + timedelta(days=70),
        voorlopige_gunning=voorlopig,
        standstill_einde=standstill,
        definitieve_gunning=standstill + timedelta(days=1),
        contractstart=termijnen.add_months(standstill + timedelta(days=1), 4),
    )
    klaar_voor_publicatie(aanbesteding, User.objects.get(username="inkoper"))
    assert not [b for b in aanbesteding.planningcontrole() if b.ernst == "error"]
    return aanbesteding


def _inloggen(pagina, gebruikersnaam):
    pagina.goto("/account/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    pagina.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url("**/")


def test_the_inkoper_decides_on_a_rule_finding_with_the_keyboard(page, demo, axe_violations):
    zorgkracht = Inschrijving.objects.get(organisatie__kvk_nummer="90000002")
    _inloggen(page, "inkoper")
    page.goto(f"/aanbestedingen/inschrijvingen/{zorgkracht.pk}/regelbesluiten/")
    assert "Fouten uit de controle" in page.locator("h1").inner_text()
    assert "geen besluit: houdt tegen" in page.content()
    assert axe_violations(page) == []

    # the open finding (late vaste onderaannemer), decided with the keyboard only
    formulier = page.locator(FORMULIER)
    formulier.get_by_label("Hersteld binnen de gestelde termijn").focus()
    page.keyboard.press("Space")
    formulier.get_by_role("button", name="Besluit vastleggen", exact=False).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")  # without a motivation: refused, with an error summary
    assert page.get_by_role("alert").count() == 1
    assert axe_violations(page) == []
    assert not Regelbesluit.objects.filter(code="toestemming-na-selectiedeadline").exists()

    formulier = page.locator(FORMULIER)
    assert "Motivering: Dit veld is vereist." in formulier.inner_text()
    formulier.get_by_label("Motivering").fill("Toestemming binnen de termijn gevraagd en verleend.")
    formulier.get_by_role("button", name="Besluit vastleggen", exact=False).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Het besluit is vastgelegd" in page.content()
    assert "geen besluit: houdt tegen" not in page.content()
    assert Regelbesluit.objects.filter(code="toestemming-na-selectiedeadline").count() == 1
    assert axe_violations(page) == []


def test_publishing_is_confirmed_on_a_page_of_its_own(page, open_procedure, axe_violations):
    _inloggen(page, "inkoper")
    page.goto(f"/aanbestedingen/{open_procedure.pk}/")
    page.get_by_role("button", name="Publiceren: aanmelden openstellen").click()
    page.wait_for_load_state()
    assert "weet u het zeker?" in page.locator("h1").inner_text()
    assert "De aanbesteding wordt openbaar" in page.content()
    assert axe_violations(page) == []
    open_procedure.refresh_from_db()
    assert open_procedure.status == Status.CONCEPT  # nothing happened yet
    page.get_by_role("button", name="Ja, publiceren: aanmelden openstellen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Status gewijzigd" in page.content()
    assert Aanbesteding.objects.get(pk=open_procedure.pk).status == Status.SELECTIEFASE


def test_the_bidder_sees_the_open_points_and_confirms_submitting(
    page, open_procedure, axe_violations
):
    from .factories import InschrijvingFactory

    Aanbesteding.objects.filter(pk=open_procedure.pk).update(status=Status.SELECTIEFASE)
    eigen = InschrijvingFactory(
        aanbesteding=open_procedure, organisatie=Organisatie.objects.get(kvk_nummer="90000003")
    )
    _inloggen(page, "inschrijver")
    page.goto(f"/aanbestedingen/inschrijvingen/{eigen.pk}/")
    page.get_by_role("link", name="Indienen voor de selectiefase").click()
    page.wait_for_load_state()
    assert "De controlelijst is nog niet compleet" in page.content()
    assert "nog geen eigen UEA" in page.content()  # names what is missing
    assert axe_violations(page) == []
    page.get_by_role("button", name="Toch indienen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")  # not confirmed: refused with an error summary
    assert page.get_by_role("alert").count() == 1
    assert axe_violations(page) == []
    assert not Indiening.objects.filter(inschrijving=eigen).exists()
    page.get_by_label("Ik heb de open punten gezien en dien toch in").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Toch indienen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "dat is vastgelegd" in page.content()
    assert Indiening.objects.get(inschrijving=eigen).ondanks_open_punten is True
