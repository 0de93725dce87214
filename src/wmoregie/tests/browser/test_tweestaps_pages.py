"""The pages of the second step (#14 A.5) by keyboard, accessible and within the CSP."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import UserFactory
from wmoregie.accounts.tests.tweestaps_hulp import code_van

pytestmark = pytest.mark.browser


def test_setting_up_and_using_the_second_step_by_keyboard(
    page, transactional_db, axe_violations, settings
):
    settings.WMOREGIE_2FA = True
    gebruiker = UserFactory(username="gerda", rol=Rol.GEMEENTE_MEDEWERKER)
    page.goto("/account/inloggen/?next=/account/")
    page.get_by_label("Gebruikersnaam").fill("gerda")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_label("Wachtwoord").press("Enter")

    page.wait_for_url("**/account/tweestaps/instellen/**")
    assert page.get_by_role("heading", name="Tweestapsverificatie instellen").is_visible()
    assert page.get_by_role("img", name="QR-code voor uw authenticator-app").is_visible()
    # The code field has the focus: the person can type straight away.
    assert page.evaluate("document.activeElement.id") == "id_code"
    assert axe_violations(page) == []

    page.keyboard.type("000000")
    page.keyboard.press("Enter")
    assert "Deze code klopt niet" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []

    page.wait_for_timeout(1100)  # django-otp's delay after a wrong code
    apparaat = TOTPDevice.objects.get(user=gebruiker)
    page.get_by_label("Code uit uw authenticator-app").fill(code_van(apparaat))
    page.get_by_label("Code uit uw authenticator-app").press("Enter")
    page.wait_for_url("**/account/")
    assert page.get_by_text("Tweestapsverificatie is ingesteld.").is_visible()

    # The next login asks the code on its own page.
    page.get_by_role("button", name="Uitloggen").first.click()
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("gerda")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_url("**/account/tweestaps/**")
    assert page.get_by_role("heading", name="Code uit uw authenticator-app").is_visible()
    assert axe_violations(page) == []


def test_the_lockout_page_is_accessible(page, transactional_db, axe_violations, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="gerda")
    page.goto("/account/inloggen/")
    for _ in range(3):
        page.get_by_label("Gebruikersnaam").fill("gerda")
        page.get_by_label("Wachtwoord").fill("fout")
        page.get_by_label("Wachtwoord").press("Enter")
        page.wait_for_load_state()
    assert page.get_by_role("heading", name="Inloggen tijdelijk geblokkeerd").is_visible()
    assert "Probeer het over 15 minuten opnieuw." in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
