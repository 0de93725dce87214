"""The steering and survey pages in a browser: as the region, the consortium, a municipality and
a client, each without serious accessibility issues (axe)."""

import pytest

from wmoregie.demo import DEMO_WACHTWOORD

pytestmark = pytest.mark.browser


@pytest.fixture
def live_demo(transactional_db):
    from wmoregie.demo import laad_demo
    from wmoregie.monitoring.models import Ervaringsonderzoek, Indicator, Stuuroverleg

    laad_demo()
    return {
        "indicator": Indicator.objects.first(),
        "overleg": Stuuroverleg.objects.get(),
        "onderzoek": Ervaringsonderzoek.objects.get(),
    }


def _inloggen(page, gebruikersnaam):
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/")


def _controleer(page, paden, axe_violations):
    for pad in paden:
        response = page.goto(pad)
        assert response.status == 200, pad
        assert page.locator("h1").count() == 1, pad
        assert axe_violations(page) == [], pad


def test_the_steering_pages_as_region_consortium_and_municipality(page, live_demo, axe_violations):
    indicator, overleg, onderzoek = (live_demo[k] for k in ("indicator", "overleg", "onderzoek"))
    _inloggen(page, "contractmanager")
    _controleer(
        page,
        [
            "/monitoring/sturing/",
            f"/monitoring/sturing/indicatoren/{indicator.pk}/",
            "/monitoring/sturing/overleggen/",
            f"/monitoring/sturing/overleggen/{overleg.pk}/",
            "/monitoring/sturing/overleggen/nieuw/",
            "/monitoring/ervaring/",
            f"/monitoring/ervaring/{onderzoek.pk}/resultaten/",
        ],
        axe_violations,
    )
    page.goto(f"/monitoring/sturing/overleggen/{overleg.pk}/")
    page.get_by_role("button", name="Actie vastleggen").click()
    assert "Er is iets niet goed ingevuld" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []

    page.context.clear_cookies()
    _inloggen(page, "backoffice")
    assert page.get_by_text("actie uit het stuuroverleg open").count() == 1
    _controleer(
        page,
        ["/monitoring/sturing/", f"/monitoring/sturing/overleggen/{overleg.pk}/"],
        axe_violations,
    )

    page.context.clear_cookies()
    _inloggen(page, "gemeente")
    _controleer(
        page,
        [
            "/monitoring/sturing/",
            f"/monitoring/ervaring/{onderzoek.pk}/resultaten/",
            f"/monitoring/ervaring/{onderzoek.pk}/uitnodigingen/",
        ],
        axe_violations,
    )


def test_a_client_fills_in_the_questionnaire(page, live_demo, axe_violations):
    from wmoregie.monitoring.models import Uitnodiging
    from wmoregie.monitoring.sturing.constants import VRAGEN

    uitnodiging = Uitnodiging.objects.filter(ingevuld_op__isnull=True).first()
    _controleer(page, ["/monitoring/ervaring/invullen/"], axe_violations)
    page.get_by_label("Uw code").fill(uitnodiging.code.lower())
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url("**/vragenlijst/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Versturen").click()
    assert "Er is iets niet goed ingevuld" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
    for _code, tekst in VRAGEN:
        page.get_by_role("group", name=str(tekst)).get_by_label("Mee eens", exact=True).check()
    page.get_by_role("button", name="Versturen").click()
    assert page.get_by_role("heading", name="Dank u wel").is_visible()
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingevuld_op is not None
