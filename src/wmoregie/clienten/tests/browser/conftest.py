"""Fixtures of the client administration's browser tests: the test region of ``proefregio.py``
on the live server (built per test: the live server needs committed data), and logging in as
one of its users. The harness (``page``, ``axe_violations``) comes from ``src/conftest.py``."""

import pytest

WACHTWOORD = "geheim-wachtwoord-123"  # accounts.tests.factories.UserFactory


@pytest.fixture
def live_proefregio(transactional_db):
    from ..proefregio import bouw_proefregio

    return bouw_proefregio()


def inloggen(page, gebruiker) -> None:
    """Log in as ``gebruiker`` (logging out whoever was logged in), by keyboard."""
    page.goto("/")
    if page.get_by_role("button", name="Uitloggen").count():
        page.get_by_role("button", name="Uitloggen").click()
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_url("**/")
