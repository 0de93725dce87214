"""Uploading the compliance documents themselves: PDF only, by content; served with scope."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.audit.models import AuditEntry
from wmoregie.bestandscontrole import eenvoudige_pdf
from wmoregie.contracten import bestanden
from wmoregie.contracten.models import Nalevingsdocument

from .factories import OnderaannemerFactory

pytestmark = pytest.mark.django_db

PDF = eenvoudige_pdf("polis")


def _opgeslagen(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _post(client, onderaannemer, bestand):
    return client.post(
        reverse("contracten:document-nieuw", args=[onderaannemer.pk]),
        {
            "soort": "verzekering",
            "kenmerk": "Polis 123",
            "afgegeven_op": "2026-01-01",
            "geldig_tot": "2026-12-31",
            "bestand": bestand,
        },
    )


def test_an_uploaded_pdf_is_stored_audited_and_served_to_the_region(
    client, contractmanager, settings
):
    onderaannemer = OnderaannemerFactory()
    client.force_login(contractmanager)
    response = _post(client, onderaannemer, SimpleUploadedFile("polis.pdf", PDF, "application/pdf"))
    assert response.status_code == 302
    document = Nalevingsdocument.objects.get()
    assert document.bestandsnaam == "polis.pdf"
    assert document.grootte == len(PDF)
    assert len(document.sha256) == 64
    opgeslagen = _opgeslagen(settings)
    assert len(opgeslagen) == 1 and opgeslagen[0].read_bytes() == PDF
    assert "polis.pdf" not in opgeslagen[0].name  # a random name, not the user's
    toegevoegd = AuditEntry.objects.get(actie="nalevingsdocument.toegevoegd")
    assert toegevoegd.gegevens["sha256"] == document.sha256

    detail = client.get(reverse("contracten:onderaannemer", args=[onderaannemer.pk]))
    assert reverse("contracten:document-bestand", args=[document.pk]) in detail.content.decode()
    response = client.get(reverse("contracten:document-bestand", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(
        actie="nalevingsdocument.gelezen", object_id=str(document.pk)
    ).exists()


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("polis.pdf", b"MZ\x90\x00 this is an executable renamed to .pdf"),
        ("polis.pdf", b"<html>%PDF-1.4 not at the start</html>\n%%EOF"),
        ("polis.pdf", b"%PDF-1.4 truncated, no end marker"),
        ("polis.docx", PDF),
        ("polis.pdf", b"%PDF-1.4<html><script>alert(1)</script>\n%%EOF"),
        (
            "polis.pdf",
            PDF.replace(b"/Pages 2 0 R>>", b"/Pages 2 0 R/OpenAction<</S/JavaScript/JS(x)>>>>"),
        ),
    ],
)
def test_a_fake_pdf_is_refused_in_dutch_and_nothing_is_stored(
    client, contractmanager, settings, naam, inhoud
):
    onderaannemer = OnderaannemerFactory()
    client.force_login(contractmanager)
    response = _post(client, onderaannemer, SimpleUploadedFile(naam, inhoud, "application/pdf"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "PDF" in html
    assert not Nalevingsdocument.objects.exists()
    assert _opgeslagen(settings) == []
    assert not AuditEntry.objects.filter(actie="nalevingsdocument.toegevoegd").exists()


def test_a_too_large_file_is_refused(client, contractmanager, settings, monkeypatch):
    monkeypatch.setattr(bestanden, "MAX_PDF_BYTES", len(PDF) - 1)
    onderaannemer = OnderaannemerFactory()
    client.force_login(contractmanager)
    response = _post(client, onderaannemer, SimpleUploadedFile("polis.pdf", PDF))
    assert response.status_code == 400
    assert "te groot" in response.content.decode()
    assert _opgeslagen(settings) == []


def test_only_the_own_subcontractor_and_its_consortium_may_download(
    client, contractmanager, maak_gebruiker
):
    eigen = OnderaannemerFactory()
    andere = OnderaannemerFactory(overeenkomst=eigen.overeenkomst)
    client.force_login(contractmanager)
    _post(client, eigen, SimpleUploadedFile("polis.pdf", PDF))
    document = Nalevingsdocument.objects.get()
    url = reverse("contracten:document-bestand", args=[document.pk])

    client.force_login(maak_gebruiker(Rol.ONDERAANNEMER_MEDEWERKER, organisatie=andere.organisatie))
    assert client.get(url).status_code == 404
    client.force_login(
        maak_gebruiker(
            Rol.BACKOFFICE, organisatie=OnderaannemerFactory().overeenkomst.opdrachtnemer
        )
    )
    assert client.get(url).status_code == 404
    client.force_login(maak_gebruiker(Rol.ONDERAANNEMER_MEDEWERKER, organisatie=eigen.organisatie))
    assert client.get(url).status_code == 200
    client.force_login(maak_gebruiker(Rol.BACKOFFICE, organisatie=eigen.overeenkomst.opdrachtnemer))
    assert client.get(url).status_code == 200
    client.force_login(maak_gebruiker(Rol.INKOPER))
    assert client.get(url).status_code == 403


def test_a_visitor_is_sent_to_the_login_page_for_a_document(client, contractmanager):
    onderaannemer = OnderaannemerFactory()
    client.force_login(contractmanager)
    _post(client, onderaannemer, SimpleUploadedFile("polis.pdf", PDF))
    client.logout()
    url = reverse("contracten:document-bestand", args=[Nalevingsdocument.objects.get().pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_document_without_a_file_has_nothing_to_download(client, contractmanager):
    onderaannemer = OnderaannemerFactory()
    client.force_login(contractmanager)
    _post(client, onderaannemer, "")
    document = Nalevingsdocument.objects.get()
    assert not document.bestand
    assert client.get(reverse("contracten:document-bestand", args=[document.pk])).status_code == 404
