"""The CSP in a real browser (#14 A.6): the harness catches a violation, and pages that load
third-party code (Swagger UI, Django's admin) work under the policy."""

import pytest

from wmoregie.accounts.tests.factories import UserFactory
from wmoregie.middleware import CONTENT_SECURITY_POLICY

from .harness import CSP_MELDER, csp_schendingen

pytestmark = pytest.mark.browser


def test_the_harness_sees_a_blocked_inline_script(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(CSP_MELDER)
    pagina = context.new_page()
    pagina.route(
        "**/csp-proef/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY},
            body="<!DOCTYPE html><title>x</title><script>document.title = 'uitgevoerd'</script>",
        ),
    )
    pagina.goto("/csp-proef/")
    pagina.wait_for_function("window.__cspSchendingen.length > 0")
    assert pagina.title() == "x"
    assert "script-src" in csp_schendingen(pagina)[0]
    context.close()


def test_swagger_ui_and_the_admin_work_under_the_policy(page, transactional_db):
    page.goto("/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .information-container")
    assert page.locator(".swagger-ui .title").first.inner_text().startswith("wmoregie API")

    UserFactory(username="bea", is_staff=True, is_superuser=True)
    page.goto("/beheer/")
    page.get_by_label("Gebruikersnaam").fill("bea")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_selector("#site-name")
    page.goto("/beheer/accounts/user/")
    page.wait_for_selector("#result_list")
    page.goto("/beheer/accounts/user/add/")
    page.wait_for_selector("form")
