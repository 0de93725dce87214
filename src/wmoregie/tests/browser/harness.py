"""Browser test harness, shared by every app (imported in ``src/conftest.py``): Playwright drives Debian's Chromium against a live test server.

No browser is downloaded: we use /usr/bin/chromium (or WMOREGIE_CHROMIUM). Without it the
tests skip with the reason, except on CI (CI=true), where a missing browser is an error.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("WMOREGIE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable
# from the test body (fixtures, assertions), which is safe here: nothing else runs concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        reason = f"Chromium ontbreekt ({CHROMIUM}): installeer het Debian-pakket 'chromium'"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


#: Records every Content-Security-Policy violation of the page (the browser fires this event
#: for each blocked script, style, image or connection, inline or not).
CSP_MELDER = """
window.__cspSchendingen = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspSchendingen.push(
    `${e.violatedDirective} blokkeerde ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`
  );
});
"""


def csp_schendingen(page) -> list[str]:
    """The CSP violations of the page now open, and those the browser logged on earlier pages."""
    try:
        return list(page.evaluate("window.__cspSchendingen || []"))
    except Exception:  # the page is closing or navigating: its console messages still count
        return []


@pytest.fixture
def page(browser, live_server):
    """A browser page on the live server. A test fails when any page it opened broke the CSP."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    context.add_init_script(CSP_MELDER)
    schendingen: list[str] = []
    page.on(
        "console",
        lambda bericht: (
            schendingen.append(bericht.text) if "Content Security Policy" in bericht.text else None
        ),
    )
    yield page
    schendingen.extend(csp_schendingen(page))
    context.close()
    if schendingen:
        pytest.fail("Content-Security-Policy geschonden:\n" + "\n".join(schendingen))


@pytest.fixture
def axe_violations():
    """Run axe-core (shipped inside axe-playwright-python) and return serious/critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page) -> list[dict]:
        results = axe.run(
            page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in results.response["violations"]
            if v["impact"] in SERIOUS
        ]

    return run
