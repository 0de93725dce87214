import pytest

from wmoregie.contracten.models import Overeenkomst
from wmoregie.demo import DEMO_WACHTWOORD

pytestmark = pytest.mark.browser


@pytest.fixture
def live_demo(transactional_db):
    from wmoregie.contracten.demo import laad_demo as laad_contracten
    from wmoregie.demo import laad_demo

    laad_demo()
    return laad_contracten()


def _inloggen(page, gebruikersnaam):
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/")


def test_the_contract_pages_have_no_serious_accessibility_issues(page, live_demo, axe_violations):
    _inloggen(page, "contractmanager")
    overeenkomst = live_demo
    budget = overeenkomst.budgetten.get(jaar=2027)
    prijsblad = overeenkomst.prijsbladen.first()
    onderaannemer = overeenkomst.onderaannemers.first()
    respijt = Overeenkomst.objects.get(nummer="RESPIJT-2026")
    for pad in (
        "/contracten/",
        f"/contracten/overeenkomsten/{overeenkomst.pk}/",
        f"/contracten/budgetten/{budget.pk}/",
        f"/contracten/prijsbladen/{prijsblad.pk}/",
        f"/contracten/overeenkomsten/{overeenkomst.pk}/onderaannemers/",
        f"/contracten/onderaannemers/{onderaannemer.pk}/",
        f"/contracten/overeenkomsten/{overeenkomst.pk}/prijsbladen/nieuw/",
        f"/contracten/overeenkomsten/{overeenkomst.pk}/onderaannemers/nieuw/",
        "/contracten/overeenkomsten/nieuw/",
        f"/contracten/overeenkomsten/{respijt.pk}/tarieven/",
        f"/contracten/overeenkomsten/{respijt.pk}/tarieven/nieuw/",
        f"/contracten/onderaannemers/{onderaannemer.pk}/documenten/nieuw/",
    ):
        response = page.goto(pad)
        assert response.status == 200, pad
        assert page.locator("h1").count() == 1, pad
        assert axe_violations(page) == [], pad


def test_a_form_error_is_announced_and_linked_to_its_field(page, live_demo, axe_violations):
    _inloggen(page, "contractmanager")
    page.goto(f"/contracten/overeenkomsten/{live_demo.pk}/onderaannemers/nieuw/")
    page.get_by_role("button", name="Registreren").click()
    samenvatting = page.get_by_role("alert")
    assert "Er is iets niet goed ingevuld" in samenvatting.inner_text()
    samenvatting.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_organisatie"
    assert axe_violations(page) == []


def test_the_subcontractor_sees_its_contract_in_the_menu(page, live_demo):
    _inloggen(page, "onderaannemer")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Contracten").click()
    assert page.get_by_role("link", name="OAC-2026-001").is_visible()
    assert page.get_by_text("OAC-2026-002").count() == 0


@pytest.mark.parametrize(
    ("_case", "breedte", "hoogte"), [("scherm", 1280, 800), ("telefoon", 375, 740)]
)
def test_the_budget_table_scrolls_in_its_own_box_by_keyboard(
    page, live_demo, axe_violations, _case, breedte, hoogte
):
    """#15.14: the distribution table's last columns (betaald, nog te betalen) are reachable at
    1280 px and on a phone; the page itself does not get wider than the screen."""
    page.set_viewport_size({"width": breedte, "height": hoogte})
    _inloggen(page, "contractmanager")
    budget = live_demo.budgetten.get(jaar=2027)
    page.goto(f"/contracten/budgetten/{budget.pk}/")

    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    tabel = page.get_by_role("table", name="Verdeling van het budget 2027 per gemeente")
    vak = page.locator(".tabelvak", has=tabel)
    assert vak.count() == 1
    laatste = tabel.get_by_role("columnheader", name="Nog te betalen")
    if vak.evaluate("v => v.scrollWidth > v.clientWidth"):
        assert vak.get_attribute("tabindex") == "0"
        assert vak.get_attribute("role") == "region"
        assert "Verdeling van het budget 2027" in vak.get_attribute("aria-label")
        vak.focus()
        for _ in range(40):
            page.keyboard.press("ArrowRight")
        # keyboard scrolling is animated: wait until the box has reached its end and stands still
        vak.evaluate(
            """v => new Promise(klaar => {
                 let vorige = -1;
                 const kijk = () => {
                   const aanEind = v.scrollLeft + v.clientWidth >= v.scrollWidth - 1;
                   if (aanEind && v.scrollLeft === vorige) { klaar(); return; }
                   vorige = v.scrollLeft;
                   requestAnimationFrame(kijk);
                 };
                 kijk();
               })"""
        )
    kader, vakkader = laatste.bounding_box(), vak.bounding_box()
    # scrollWidth is a whole number of pixels while the columns are not: allow two pixels
    assert kader["x"] >= vakkader["x"] - 2
    assert kader["x"] + kader["width"] <= min(breedte, vakkader["x"] + vakkader["width"]) + 2
    assert axe_violations(page) == []
