"""The journey "privacy officer finds who viewed a client", in a real browser, by keyboard,
with axe-core on the inzage page (the harness's ``page`` and ``axe_violations`` fixtures come
from ``src/conftest.py``)."""

import pytest

from wmoregie.clienten.tests.helpers import meld_aan

pytestmark = pytest.mark.browser

WACHTWOORD = "geheim-wachtwoord-123"  # accounts.tests.factories.UserFactory


def _inloggen(pagina, gebruiker):
    pagina.goto("/account/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_label("Wachtwoord").press("Enter")
    pagina.wait_for_url("**/")


def _uitloggen(pagina):
    pagina.get_by_role("button", name="Uitloggen").click()


def test_the_privacy_officer_finds_who_viewed_a_client(
    page, transactional_db, wereld, axe_violations
):
    aanmelding = meld_aan(wereld)
    gemeente = wereld.gebruikers["gemeente"]

    # A municipality worker opens the referral of the client.
    _inloggen(page, gemeente)
    page.goto(f"/clienten/aanmeldingen/{aanmelding.pk}/")
    assert "Vries" in page.locator("h1").inner_text()
    _uitloggen(page)

    # The privacy officer finds the page in the menu and asks, by keyboard only.
    _inloggen(page, wereld.gebruikers["privacy"])
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Inzage auditlog"
    ).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/audit/inzage/")
    assert page.locator("h1").inner_text() == "Inzage in het auditlog"
    assert axe_violations(page) == []

    # A mistyped BSN: a Dutch message in an alert, linked to the field.
    page.get_by_label("BSN van de cliënt").fill("1234")
    page.get_by_label("BSN van de cliënt").press("Enter")
    assert "negen cijfers" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []

    page.get_by_label("BSN van de cliënt").fill("9999.93.021")
    page.get_by_label("BSN van de cliënt").press("Enter")
    page.wait_for_selector("text=Cliënt met BSN ●●●●●●021")
    rij = page.get_by_role("row", name=gemeente.username)
    assert rij.count() == 1
    assert "Aanmelding bekeken" in rij.inner_text()
    assert "Medewerker gemeente" in rij.inner_text()
    assert "Amersfoort (0307)" in rij.inner_text()
    assert "127.0.0.1" in rij.inner_text()
    assert page.get_by_role("row", name=wereld.gebruikers["gebiedsteam"].username).count() == 1
    assert axe_violations(page) == []
