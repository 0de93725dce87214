"""The pages in a real browser: smoke and axe-core on the pages of the flow (the harness's
``page`` and ``axe_violations`` fixtures come from ``src/conftest.py``)."""

import pytest

from wmoregie.aanbestedingen.models import Inschrijving

from .browser_helpers import inloggen

pytestmark = pytest.mark.browser


def test_the_inkopers_pages_have_no_serious_accessibility_issues(page, demo, axe_violations):
    inloggen(page, "inkoper")
    page.goto("/aanbestedingen/")
    assert page.locator("h1").inner_text() == "Aanbestedingen"
    assert axe_violations(page) == []
    page.get_by_role("link", name=demo.kenmerk).click()
    assert "De planning voldoet aan alle controles" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Consortium Begeleiding Eemland (demo)").click()
    lijst = page.locator("#controlelijst")
    # #15.15: a Dutch sentence for people; the rule code folded away for the helpdesk
    assert "Een derde mag aan maar één inschrijving verbonden zijn." in lijst.inner_text()
    assert "derde-exclusief" not in lijst.inner_text()
    assert any(
        "derde-exclusief" in t for t in lijst.locator("details.regelcode").all_text_contents()
    )
    assert axe_violations(page) == []
    page.goto("/aanbestedingen/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("alert").count() == 1
    assert axe_violations(page) == []


def test_the_bidders_pages_have_no_serious_accessibility_issues(page, demo, axe_violations):
    eigen = Inschrijving.objects.get(organisatie__kvk_nummer="90000003")
    inloggen(page, "inschrijver")
    page.goto(f"/aanbestedingen/inschrijvingen/{eigen.pk}/")
    assert "Combinatie Samen Thuis Eemland" in page.locator("h1").inner_text()
    assert "gesloten" in page.content()
    assert axe_violations(page) == []
    for pad in ("partijen/nieuw/", "uea/", "documenten/nieuw/"):
        page.goto(f"/aanbestedingen/inschrijvingen/{eigen.pk}/{pad}")
        assert axe_violations(page) == [], pad


def test_the_assessment_and_award_pages_have_no_serious_accessibility_issues(
    page, demo, axe_violations
):
    inschrijving = Inschrijving.objects.filter(aanbesteding=demo).order_by("pk").first()
    inloggen(page, "beoordelaar")
    page.wait_for_url("**/")
    for pad in (
        f"/aanbestedingen/{demo.pk}/beoordelen/",
        f"/aanbestedingen/inschrijvingen/{inschrijving.pk}/beoordelen/",
    ):
        response = page.goto(pad)
        assert response.status == 200, pad
        assert page.locator("h1").count() == 1, pad
        assert axe_violations(page) == [], pad

    page.context.clear_cookies()
    inloggen(page, "inkoper")
    page.wait_for_url("**/")
    for pad in (
        f"/aanbestedingen/{demo.pk}/gunning/",
        f"/aanbestedingen/{demo.pk}/consensus/",
        f"/aanbestedingen/{demo.pk}/rangschikking/",
        f"/aanbestedingen/{demo.pk}/selectie/",
        f"/aanbestedingen/inschrijvingen/{inschrijving.pk}/toetsing/",
    ):
        response = page.goto(pad)
        assert response.status == 200, pad
        assert page.locator("h1").count() == 1, pad
        assert axe_violations(page) == [], pad
