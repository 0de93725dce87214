"""#15.12: the 403, 404 and 405 pages in a browser: Dutch, in the layout, accessible, by keyboard."""

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_the_404_page_is_dutch_accessible_and_leads_home(page, transactional_db, axe_violations):
    antwoord = page.goto("/bestaat-niet/")

    assert antwoord.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    assert axe_violations(page) == []
    page.get_by_role("main").get_by_role("link", name="startpagina").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not page.url.endswith("/bestaat-niet/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Wmo-ondersteuning")


def test_the_403_page_is_dutch_accessible_and_names_the_way_out(
    page, transactional_db, axe_violations
):
    UserFactory(username="ingrid", rol=Rol.INKOPER)
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("ingrid")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_url("**/")

    antwoord = page.goto("/audit/inzage/")

    assert antwoord.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Geen toegang"
    assert page.get_by_role("link", name="Mijn account").count() >= 1
    assert axe_violations(page) == []


def test_the_405_page_is_dutch_and_accessible(page, transactional_db, axe_violations):
    antwoord = page.goto("/account/uitloggen/")  # the logout button's address, as a link

    assert antwoord.status == 405
    assert page.get_by_role("heading", level=1).inner_text() == "Dit gaat met een knop"
    assert axe_violations(page) == []
