"""The inkoper downloads both EU notices of the demo procedure from the procedure page, in a real
browser; the notices pages have no serious accessibility issues (axe-core)."""

import pytest
from lxml import etree

from wmoregie.aanbestedingen.eforms import gegevens, services

from .browser_helpers import inloggen
from .eforms_helpers import demo_definitief_gegund

pytestmark = pytest.mark.browser


@pytest.fixture
def gegund(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    aanbesteding, inkoper = demo_definitief_gegund()
    for partij in gegevens.partijen_voor_omvang(aanbesteding):
        services.leg_partijgegevens_vast(
            aanbesteding, partij, gebruiker=inkoper, omvang="small", nuts="NL350"
        )
    return aanbesteding


def _download(page, naam, rol="link") -> etree._Element:
    with page.expect_download() as download:
        page.get_by_role(rol, name=naam).click()
    return etree.parse(download.value.path()).getroot()


def test_the_inkoper_downloads_both_notices_from_the_procedure_page(page, gegund, axe_violations):
    inloggen(page, "inkoper")
    page.goto(f"/aanbestedingen/{gegund.pk}/")
    sectie = page.locator(
        "section", has=page.get_by_role("heading", name="EU-aankondigingen (eForms)")
    )
    assert "Compleet" in sectie.inner_text()
    assert axe_violations(page) == []

    cn = _download(page, "versie 01 (XML)")  # handed out at publication, 2 June 2025
    assert etree.QName(cn).localname == "ContractNotice"
    # handing out a version is a POST (the page's button), a handed-out one a link
    can = _download(page, "Aankondiging van de gegunde opdracht downloaden (XML)", "button")
    assert etree.QName(can).localname == "ContractAwardNotice"
    assert "WMO-BEG-2026-A" in etree.tostring(can).decode()

    page.goto(f"/aanbestedingen/{gegund.pk}/")
    assert page.get_by_role("link", name="versie 01 (XML)").count() == 2  # one per notice
    page.get_by_role("link", name="Voorbeeld in het Nederlands").last.click()
    assert page.locator("h1").inner_text() == "Aankondiging van de gegunde opdracht"
    assert "gegund" in page.content() and "WMO-BEG-2026-A" in page.content()
    assert axe_violations(page) == []
    page.goto(f"/aanbestedingen/{gegund.pk}/eforms/cn/voorbeeld/")
    assert axe_violations(page) == []
    page.goto(f"/aanbestedingen/{gegund.pk}/eforms/")
    assert axe_violations(page) == []
    page.get_by_label("Geraamde waarde (euro, excl. btw, over de hele looptijd)").fill("veel")
    page.locator("#procedure").get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("alert").count() == 1
    assert axe_violations(page) == []
