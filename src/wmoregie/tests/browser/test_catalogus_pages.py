import re

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_catalogue_page_shows_the_lots_and_has_no_serious_accessibility_issues(
    page, live_catalogus, axe_violations
):
    page.goto("/catalogus/")
    assert page.title() == "Productcatalogus 2026 — Regio Amersfoort"
    headings = page.locator("main h2").all_inner_texts()
    assert headings == [
        "Wmo begeleiding",
        "Beschermd wonen",
        "Begeleid wonen in een safehouse",
        "Respijtverblijf",
    ]
    assert page.locator("main tbody tr").count() == 11
    assert axe_violations(page) == []


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, live_catalogus):
    page.goto("/catalogus/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_a_product_can_be_opened_by_keyboard(page, live_catalogus):
    page.goto("/catalogus/")
    link = page.get_by_role("link", name="Respijtverblijf", exact=True).last
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/catalogus/producten/respijtverblijf/$"))
    assert page.locator("h1").inner_text() == "Respijtverblijf"


def test_login_page_works_and_has_no_serious_accessibility_issues(
    page, live_catalogus, axe_violations
):
    UserFactory(username="carla", rol=Rol.CONTRACTMANAGER)
    page.goto("/account/inloggen/")
    assert page.locator("h1").inner_text() == "Inloggen"
    assert axe_violations(page) == []

    page.get_by_label("Gebruikersnaam").fill("carla")
    page.get_by_label("Wachtwoord").fill("verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    assert "onjuist" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []

    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("button", name="Uitloggen").is_visible()


def test_other_public_pages_have_no_serious_accessibility_issues(
    page, live_catalogus, axe_violations
):
    for path in (
        "/",
        "/catalogus/was-2025/",
        "/catalogus/gemeenten/",
        "/catalogus/producten/begeleid-wonen/",
    ):
        page.goto(path)
        assert axe_violations(page) == [], path


def test_the_accessibility_check_itself_finds_a_real_violation(page, axe_violations):
    # Guards the harness: an image without alt text is a critical WCAG failure.
    page.set_content(
        '<!DOCTYPE html><html lang="nl"><title>t</title><main><img src="x.png"></main></html>'
    )
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
