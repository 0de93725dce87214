"""Issue 15 in a real browser: the page *Fouten uit de controle* (15.1), keyboard only, axe clean
and within the strict CSP (the harness fails a test on any CSP violation)."""

import pytest

from wmoregie.aanbestedingen.demo import laad_demo
from wmoregie.aanbestedingen.models import Inschrijving, Regelbesluit
from wmoregie.demo import DEMO_WACHTWOORD
from wmoregie.demo import laad_demo as laad_basisdemo

pytestmark = pytest.mark.browser

FORMULIER = "form:has(input[name=code][value=toestemming-na-selectiedeadline])"


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    laad_basisdemo()
    return laad_demo()


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
