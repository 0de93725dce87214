"""UEA upload: an ESPD Response XML prefills the party and is kept; a bad file changes nothing;
a paper UEA (PDF) with the answers entered by hand stays possible."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Documentsoort, Inschrijvingsoort, PartijRol, UeaVorm
from wmoregie.aanbestedingen.models import Document, Partij
from wmoregie.audit.models import AuditEntry
from wmoregie.bestandscontrole import eenvoudige_pdf

from .conftest import lokaal
from .factories import InschrijvingFactory
from .uea_bouwer import UeaBouwer

SELECTIEFASE = lokaal(2025, 6, 10)
PDF = eenvoudige_pdf("demo")


def _bestanden(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.fixture
def combinatie(organisatie):
    return InschrijvingFactory(
        organisatie=organisatie,
        soort=Inschrijvingsoort.COMBINATIE,
        aangemaakt_op=lokaal(2025, 6, 5),
    )


@pytest.fixture
def voorbeeld(shared_dir) -> bytes:
    return (shared_dir / "reference/espd-edm-4.1/examples/ESPD-Response.xml").read_bytes()


@freeze_time(SELECTIEFASE)
@pytest.mark.django_db
def test_the_official_example_prefills_a_new_party_and_keeps_the_file(
    combinatie, inschrijver, voorbeeld, media
):
    partij = services.importeer_uea(
        combinatie,
        SimpleUploadedFile("ESPD-Response.xml", voorbeeld),
        gebruiker=inschrijver,
        ondertekend=True,
    )
    assert partij.rol == PartijRol.COMBINANT  # group-mem
    assert partij.naam == "__Procurer Official Name__"
    assert partij.kvk_nummer == ""  # a Belgian operator: no KvK-nummer
    assert (partij.postcode, partij.plaats, partij.land) == ("12345", "__ProcurerCity__", "BEL")
    assert (partij.contactpersoon, partij.email, partij.telefoon) == (
        "__ProcurerContactName__",
        "__ProcurerContact@gov.eu",
        "654321",
    )
    antwoorden = {g["code"]: g["antwoord"] for g in partij.uitsluitingsgronden}
    assert len(antwoorden) == 24
    assert antwoorden["crime-org"] is True and antwoorden["tax-pay"] is None

    document = Document.objects.get(partij=partij)
    assert (document.soort, document.uea_vorm, document.ondertekend) == (
        Documentsoort.UEA,
        UeaVorm.XML,
        True,
    )
    assert document.ontvangen_op == SELECTIEFASE
    assert document.uea_gegevens["aanbestedingsreferentie"] == "PP.20170419.1024-9"
    with document.bestand.open("rb") as bewaard:
        assert bewaard.read() == voorbeeld
    assert str(media) in document.bestand.path
    assert AuditEntry.objects.filter(actie="partij.uea-ingelezen").count() == 1


@freeze_time(SELECTIEFASE)
@pytest.mark.django_db
def test_a_dutch_uea_fills_the_kvk_number_and_the_role_derde(combinatie, inschrijver):
    xml = UeaBouwer(rol="oeron", naam="Stichting Buurtkracht").bytes()
    partij = services.importeer_uea(
        combinatie, SimpleUploadedFile("uea.xml", xml), gebruiker=inschrijver
    )
    assert (partij.rol, partij.naam, partij.kvk_nummer) == (
        PartijRol.DERDE,
        "Stichting Buurtkracht",
        "12345678",
    )
    assert partij.straat == "Stadsring 12"


@freeze_time(SELECTIEFASE)
@pytest.mark.django_db
def test_a_uea_for_a_known_kvk_number_updates_that_party(combinatie, inschrijver):
    bestaand = services.voeg_partij_toe(
        combinatie,
        gebruiker=inschrijver,
        rol=PartijRol.DERDE,
        naam="Buurtkracht",
        kvk_nummer="12345678",
    )
    partij = services.importeer_uea(
        combinatie,
        SimpleUploadedFile("uea.xml", UeaBouwer(rol="oeron").bytes()),
        gebruiker=inschrijver,
    )
    assert partij.pk == bestaand.pk
    assert combinatie.partijen.count() == 2


@freeze_time(SELECTIEFASE)
@pytest.mark.django_db
def test_a_lead_uea_of_another_company_is_refused(combinatie, inschrijver):
    with pytest.raises(ValidationError) as fout:
        services.importeer_uea(
            combinatie,
            SimpleUploadedFile("uea.xml", UeaBouwer(rol="group-lead").bytes()),
            gebruiker=inschrijver,
        )
    assert fout.value.code == "uea-andere-onderneming"


@pytest.mark.parametrize(
    ("_case", "naam", "inhoud", "code"),
    [
        ("not xml", "uea.xml", b"<QualificationApplicationResponse", "uea-geen-xml"),
        ("empty", "uea.xml", b"", "bestand-leeg"),
        ("a request", "uea.xml", None, "uea-is-verzoek"),
        ("another document", "uea.xml", b"<Invoice xmlns='urn:x'/>", "uea-verkeerd-document"),
        (
            "with a DTD",
            "uea.xml",
            b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>",
            "uea-dtd-niet-toegestaan",
        ),
        ("a pdf", "uea.pdf", PDF, "uea-geen-xml-bestand"),
    ],
)
@freeze_time(SELECTIEFASE)
@pytest.mark.django_db
def test_a_bad_file_gives_a_dutch_error_and_stores_nothing(
    _case, naam, inhoud, code, combinatie, inschrijver, media, shared_dir
):
    if inhoud is None:
        inhoud = (shared_dir / "reference/espd-edm-4.1/examples/ESPD-Request.xml").read_bytes()
    partijen = list(combinatie.partijen.values())
    with pytest.raises(ValidationError) as fout:
        services.importeer_uea(combinatie, SimpleUploadedFile(naam, inhoud), gebruiker=inschrijver)
    assert fout.value.code == code
    assert fout.value.messages[0]  # a Dutch sentence for the user
    assert list(combinatie.partijen.values()) == partijen
    assert not Document.objects.exists()
    assert _bestanden(media) == []
    assert not AuditEntry.objects.filter(actie="partij.uea-ingelezen").exists()


@freeze_time(SELECTIEFASE)
@pytest.mark.django_db
def test_the_upload_page_shows_the_error_and_keeps_everything_as_it_was(
    client, combinatie, inschrijver, media
):
    client.force_login(inschrijver)
    url = reverse("aanbestedingen:uea-inlezen", args=[combinatie.pk])
    response = client.post(url, {"bestand": SimpleUploadedFile("kapot.xml", b"<a><b></a>")})
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert 'role="alert"' in inhoud
    assert "Het bestand is geen geldig XML-bestand en kan niet als UEA worden gelezen." in inhoud
    assert Partij.objects.filter(inschrijving=combinatie).count() == 1
    assert _bestanden(media) == []


@freeze_time(SELECTIEFASE)
@pytest.mark.django_db
def test_the_upload_page_prefills_the_party(client, combinatie, inschrijver):
    client.force_login(inschrijver)
    url = reverse("aanbestedingen:uea-inlezen", args=[combinatie.pk])
    xml = UeaBouwer(rol="group-mem", naam="Welzijn Soest").bytes()
    response = client.post(
        url, {"bestand": SimpleUploadedFile("uea.xml", xml), "ondertekend": "on"}
    )
    assert response.status_code == 302
    assert {p.kvk_nummer: p.naam for p in combinatie.partijen.all()}["12345678"] == "Welzijn Soest"


@freeze_time(SELECTIEFASE)
@pytest.mark.django_db
def test_a_paper_uea_keeps_the_pdf_and_the_answers_entered_by_hand(combinatie, inschrijver):
    combinant = services.voeg_partij_toe(
        combinatie,
        gebruiker=inschrijver,
        rol=PartijRol.COMBINANT,
        naam="Welzijn Soest",
        kvk_nummer="22334455",
    )
    document = services.voeg_document_toe(
        combinatie,
        SimpleUploadedFile("uea-welzijn.pdf", PDF),
        gebruiker=inschrijver,
        soort=Documentsoort.UEA,
        partij=combinant,
        ondertekend=True,
        van_toepassing=["bankruptcy"],
    )
    combinant.refresh_from_db()
    antwoorden = {g["code"]: g["antwoord"] for g in combinant.uitsluitingsgronden}
    assert (
        len(antwoorden) == 24 and antwoorden["bankruptcy"] is True and antwoorden["fraud"] is False
    )
    assert (document.uea_vorm, document.inhoudstype) == (UeaVorm.PAPIER, "application/pdf")


@pytest.mark.parametrize(
    ("_case", "naam", "inhoud", "code"),
    [
        ("an executable renamed to pdf", "uea.pdf", b"MZ\x90\x00", "bestandsinhoud-onjuist"),
        ("a script", "uea.js", b"alert(1)", "bestandstype-niet-toegestaan"),
        ("too large", "groot.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "bestand-te-groot"),
        ("html behind a pdf header", "uea.pdf", b"%PDF-1.4<html><script>", "pdf-actieve-inhoud"),
        ("an executable behind a pdf header", "uea.pdf", b"%PDF-\0MZ\x90", "pdf-onleesbaar"),
        (
            "javascript in a real pdf",
            "uea.pdf",
            PDF.replace(b"/Pages 2 0 R>>", b"/Pages 2 0 R/OpenAction<</S/JavaScript/JS(x)>>>>"),
            "pdf-actieve-inhoud",
        ),
        ("script behind a zip header", "uea.docx", b"PK\x03\x04<script>", "office-ongeldig"),
    ],
)
@freeze_time(SELECTIEFASE)
@pytest.mark.django_db
def test_a_bad_document_is_refused_and_nothing_is_stored(
    _case, naam, inhoud, code, combinatie, inschrijver, media
):
    leidend = combinatie.partijen.get()
    with pytest.raises(ValidationError) as fout:
        services.voeg_document_toe(
            combinatie,
            SimpleUploadedFile(naam, inhoud),
            gebruiker=inschrijver,
            soort=Documentsoort.UEA,
            partij=leidend,
            van_toepassing=["fraud"],
        )
    assert fout.value.code == code
    leidend.refresh_from_db()
    assert leidend.uitsluitingsgronden == []
    assert not Document.objects.exists()
    assert _bestanden(media) == []
