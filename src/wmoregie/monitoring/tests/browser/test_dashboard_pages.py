"""Each dashboard opened in a browser as a municipality and as the region: axe clean, one h1,
each chart with its table, and a table downloads as XLSX."""

import pytest

from wmoregie.demo import DEMO_WACHTWOORD

pytestmark = pytest.mark.browser

ONDERDELEN = ["bereik", "wachten", "doorstroom", "uitkomsten", "geld", "berichten", "cbs"]


@pytest.fixture
def live_demo(transactional_db):
    from wmoregie.demo import laad_demo

    laad_demo()


def _inloggen(page, gebruikersnaam):
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/")


@pytest.mark.parametrize("gebruiker", ["gemeente", "contractmanager"])
def test_every_dashboard_is_accessible(page, live_demo, axe_violations, gebruiker):
    _inloggen(page, gebruiker)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Monitoring").click()
    assert page.locator("h1").inner_text() == "Monitoring"
    assert axe_violations(page) == []
    for onderdeel in ONDERDELEN:
        antwoord = page.goto(f"/monitoring/{onderdeel}/")
        assert antwoord.status == 200, onderdeel
        assert page.locator("h1").count() == 1, onderdeel
        # every chart names the table that holds its figures
        assert page.locator("svg.grafiek").count() <= page.locator("table").count(), onderdeel
        assert axe_violations(page) == [], onderdeel


def test_filter_error_is_announced_and_a_table_downloads(page, live_demo, axe_violations):
    _inloggen(page, "gemeente")
    page.goto("/monitoring/bereik/")
    page.get_by_label("Van", exact=True).fill("2026-06-01")
    page.get_by_label("Tot en met", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Toon").click()
    assert "De einddatum ligt voor de begindatum." in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
    page.goto("/monitoring/bereik/")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX van Bereik per gemeente").click()
    assert download.value.suggested_filename == "bereik-gemeente.xlsx"
