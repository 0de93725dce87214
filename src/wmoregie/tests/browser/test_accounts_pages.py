import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_the_organisation_register_works_by_keyboard_and_is_accessible(
    page, transactional_db, axe_violations
):
    UserFactory(username="ingrid", rol=Rol.INKOPER)
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("ingrid")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_url("**/")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Organisaties"
    ).click()
    page.get_by_label("KvK-nummer").fill("123")
    page.get_by_label("Naam").fill("Buurtzorg Eemland")
    page.get_by_role("button", name="Toevoegen").click()
    assert "acht cijfers" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []

    page.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_role("button", name="Toevoegen").press("Enter")
    page.wait_for_selector("text=Buurtzorg Eemland is toegevoegd.")
    assert page.get_by_role("row", name="Buurtzorg Eemland").count() == 1
    assert axe_violations(page) == []
