"""Every page of clienten in a real browser, with axe-core (WCAG 2.1 AA, serious and critical
findings fail) and the Content-Security-Policy watched (the harness fails the test on any
violation). The pages are walked from the same list as the access matrix (``test_toegang.py``),
which itself is checked against ``clienten/urls.py``: a new page is in both or a test fails."""

from django.urls import reverse

import pytest

from ..test_toegang import PAGINAS, _objecten, verwacht
from .conftest import inloggen

pytestmark = pytest.mark.browser

# Who opens each page: the first user in this order for whom the page answers 200.
VOORKEUR = [
    "backoffice",
    "logeerhuis",
    "gemeente",
    "gebiedsteam",
    "onderaannemer",
    "contractmanager",
]
# Pages that only take a POST; the result of each is checked here or in the journeys.
ALLEEN_POST = {
    "bsn": "hieronder: de cliëntpagina met het getoonde BSN",
    "bericht-opnieuw": "test_clienten_varianten.py: een afgekeurde WMO305 opnieuw versturen",
    "corrigeren": "test_clienten_varianten.py: een afgewezen declaratieregel corrigeren",
}
# A file, not a page: its link on the list is checked below.
DOWNLOADS = {"exporteren"}
# Pages that need an object the test region does not have; each is walked in its own test.
APART = {
    "identiteit": "hieronder: een aanmelding met het BSN van een cliënt buiten het zicht",
}


def _bezoeken(regio):
    """(user, url) for every page that answers a GET: one user per page, and the pages whose
    content differs per role (start, lists) for every client role."""
    per_rol = {"start", "trajecten", "aanmeldingen", "wachttijden", "berichtafspraken"}
    bezoeken = []
    for pagina in PAGINAS:
        if pagina.methode != "get" or pagina.naam in DOWNLOADS or pagina.naam in APART:
            continue
        gebruikers = VOORKEUR if pagina.naam in per_rol else None
        gevonden = False
        for gebruiker in VOORKEUR:
            for sleutel, pk, soort in _objecten(regio, pagina):
                if verwacht(gebruiker, pagina, sleutel, soort) != 200:
                    continue
                url = reverse(f"clienten:{pagina.naam}", args=[pk] if pk is not None else [])
                url += pagina.query.format(amersfoort=regio.wereld.amersfoort.pk)
                if pagina.soort == "zoekterm":
                    url += f"?naam={regio.client(sleutel).achternaam}"
                bezoeken.append((pagina.naam, gebruiker, url))
                gevonden = True
                break
            if gevonden and gebruikers is None:
                break
        assert gevonden, f"geen gebruiker opent {pagina.naam}"
    return bezoeken


def test_every_clienten_page_is_accessible(page, live_proefregio, axe_violations):
    bezoeken = _bezoeken(live_proefregio)
    namen = {p.naam for p in PAGINAS}
    assert {naam for naam, _, _ in bezoeken} | set(ALLEEN_POST) | DOWNLOADS | set(APART) >= namen
    fouten = {}
    ingelogd = None
    for naam, gebruiker, url in sorted(bezoeken, key=lambda b: VOORKEUR.index(b[1])):
        if gebruiker != ingelogd:
            inloggen(page, live_proefregio.gebruikers[gebruiker])
            ingelogd = gebruiker
        antwoord = page.goto(url)
        assert antwoord.status == 200, (url, gebruiker)
        assert page.locator("h1").count() == 1, url
        if schendingen := axe_violations(page):
            fouten[f"{naam} ({gebruiker}) {url}"] = schendingen
    assert fouten == {}


def test_the_full_bsn_is_shown_on_request_and_the_page_stays_accessible(
    page, live_proefregio, axe_violations
):
    client = live_proefregio.client("loopt")
    inloggen(page, live_proefregio.gebruikers["gebiedsteam"])
    page.goto(f"/clienten/clienten/{client.pk}/")
    assert client.bsn not in page.content()
    knop = page.get_by_role("button", name="Volledig BSN tonen")
    knop.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"text={client.bsn}")
    assert "dit is vastgelegd" in page.content()
    assert axe_violations(page) == []


def test_the_back_office_decides_an_identity_by_keyboard(page, live_proefregio, axe_violations):
    """Soest refers with the BSN of the Amersfoort client 'nieuw': the back office compares the
    two on an accessible page and records that they are the same person."""
    from wmoregie.clienten.constants import AanmeldingStatus

    from ..helpers import clientgegevens, meld_aan

    wereld = live_proefregio.wereld
    bekend = live_proefregio.client("nieuw")
    aanmelding = meld_aan(
        wereld,
        product=wereld.regulier,
        gebruiker=wereld.gebruikers["gebiedsteam_soest"],
        gebiedsteam=wereld.team_soest,
        client=clientgegevens(
            wereld, bsn=bekend.bsn, achternaam="Aalbersma", gemeente=wereld.soest,
            postcode="3761 AB", woonplaats="Soest", geboortedatum=bekend.geboortedatum,
        ),
    )  # fmt: skip
    inloggen(page, live_proefregio.gebruikers["backoffice"])
    page.goto(f"/clienten/aanmeldingen/{aanmelding.pk}/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Identiteit vaststellen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/aanmeldingen/{aanmelding.pk}/identiteit/")
    assert page.get_by_role("table").count() == 1
    assert axe_violations(page) == []
    page.get_by_label("Ja, dezelfde persoon").check()
    page.get_by_label("Waarop baseert u dit?").fill("Nagevraagd: verhuisd naar Soest.")
    page.get_by_role("button", name="Besluit vastleggen").press("Enter")
    page.wait_for_url(f"**/aanmeldingen/{aanmelding.pk}/")
    aanmelding.refresh_from_db()
    assert aanmelding.client_id == bekend.pk and aanmelding.status == AanmeldingStatus.AANGEMELD
    assert page.get_by_role("link", name="Accepteren").count() == 1
    assert axe_violations(page) == []


def test_form_errors_are_announced_linked_and_accessible(page, live_proefregio, axe_violations):
    inloggen(page, live_proefregio.gebruikers["gebiedsteam"])
    page.goto("/clienten/aanmelden/")
    page.get_by_label("BSN").fill("123456789")  # fails the elfproef
    page.get_by_role("button", name="Aanmelden").click()
    samenvatting = page.get_by_role("alert")
    assert "Er is iets niet goed ingevuld" in samenvatting.inner_text()
    assert axe_violations(page) == []
    samenvatting.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id").startswith("id_")

    aanmelding = live_proefregio.aanmeldingen["nieuw"]
    inloggen(page, live_proefregio.gebruikers["backoffice"])
    page.goto(f"/clienten/aanmeldingen/{aanmelding.pk}/weigeren/")
    page.get_by_label("Onderbouwing").fill("vol")
    page.get_by_role("button", name="Weigeren").click()
    assert "Er is iets niet goed ingevuld" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []


def test_the_caseload_is_exported_from_the_list_page(page, live_proefregio):
    inloggen(page, live_proefregio.gebruikers["onderaannemer"])
    page.goto("/clienten/trajecten/")
    for naam, einde in (("CSV", ".csv"), ("Excel (XLSX)", ".xlsx")):
        page.get_by_role("link", name=naam, exact=True).focus()
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename.endswith(einde)
    inhoud = download.value.path().read_bytes()
    assert inhoud[:2] == b"PK"  # a workbook
