"""#16.7 in a real browser, by keyboard, axe-core clean: the municipality finds the claims of
its providers from the start page, the provider's back office its matching."""

import pytest

from .test_afstemming import gedeclareerd  # noqa: F401  (fixture)
from .test_services_declaraties import lopend  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

WACHTWOORD = "geheim-wachtwoord-123"  # accounts.tests.factories.UserFactory


def _inloggen(pagina, gebruiker):
    pagina.goto("/account/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_label("Wachtwoord").press("Enter")
    pagina.wait_for_url("**/")


def test_both_sides_see_the_matching_by_keyboard(
    page,
    transactional_db,
    wereld,
    gedeclareerd,  # noqa: F811
    axe_violations,
):
    eerste, tweede, _ = gedeclareerd

    _inloggen(page, wereld.gebruikers["gemeente"])
    page.goto("/clienten/")
    page.get_by_role("link", name="Declaraties van aanbieders").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/clienten/declaraties/gemeente/")
    assert page.locator("h1").inner_text() == "Declaraties van aanbieders"
    assert page.get_by_role("row", name=eerste.nummer).count() == 1
    assert axe_violations(page) == []
    page.get_by_role("button", name="Uitloggen").click()

    _inloggen(page, wereld.gebruikers["logeerhuis"])
    page.goto("/clienten/declaraties/")
    assert f"Declaratie {tweede.nummer}" in page.locator("#kop-zonder-antwoord + ul").inner_text()
    assert axe_violations(page) == []
