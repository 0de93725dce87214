"""The quarterly report in a browser, as a municipality: from the monitoring page to the
report page (axe clean), ask for the report, see it ready and download the PDF."""

import io

import pytest
from pypdf import PdfReader

from .test_dashboard_pages import _inloggen, live_demo  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


@pytest.mark.usefixtures("live_demo")
def test_municipality_downloads_its_quarterly_report(page, axe_violations, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _inloggen(page, "gemeente")
    page.goto("/monitoring/")
    page.get_by_role("link", name="Kwartaalrapportage (PDF)").click()
    assert page.locator("h1").inner_text() == "Kwartaalrapportage"
    assert axe_violations(page) == []
    keuzes = page.get_by_label("Rapport van").locator("option").all_inner_texts()
    assert keuzes == ["Amersfoort"]  # its own municipality only; the region's totals are inside

    page.get_by_label("Kwartaal", exact=True).fill("2026-2")
    page.get_by_role("button", name="Rapport maken").click()
    # without a broker the task ran in-process: the report is ready on the page that follows
    assert "is aangevraagd" in page.locator(".meldingen").inner_text()
    rij = page.locator("#rapporten tbody tr").first
    assert "Klaar" in rij.inner_text()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        rij.get_by_role("link", name="PDF van de kwartaalrapportage 2026-2 Amersfoort").click()
    assert download.value.suggested_filename == "kwartaalrapportage-2026-2-amersfoort.pdf"
    with open(download.value.path(), "rb") as pdf:
        lezer = PdfReader(io.BytesIO(pdf.read()))
    eerste = lezer.pages[0].extract_text()
    assert "Kwartaalrapportage Wmo 2e kwartaal 2026 — Amersfoort" in " ".join(eerste.split())
