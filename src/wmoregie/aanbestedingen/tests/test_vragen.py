"""Nota van Inlichtingen: private questions, anonymised published answers, a deadline; and the
procurement documents per phase with versions."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Aanbestedingsdocumentsoort, Fase, Status
from wmoregie.aanbestedingen.models import Aanbestedingsdocument, Vraag
from wmoregie.audit.models import AuditEntry
from wmoregie.bestandscontrole import eenvoudige_pdf

from .conftest import lokaal
from .factories import AanbestedingFactory, InschrijvingFactory

PDF = eenvoudige_pdf("stuk")
VRAGENSLUITING = lokaal(2025, 6, 16, 12)


@pytest.fixture
def aanbesteding(regio):
    return AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)


@pytest.fixture
def eigen(aanbesteding, organisatie):
    return InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)


@pytest.fixture
def andermans(aanbesteding):
    return InschrijvingFactory(aanbesteding=aanbesteding)


@pytest.fixture
def vraag(eigen, inschrijver):
    with freeze_time(lokaal(2025, 6, 10)):
        return services.stel_vraag(
            eigen, tekst="Wij, Samen Thuis, vragen: telt 5 mei?", gebruiker=inschrijver
        )


def test_a_question_is_stored_with_the_servers_time_and_audited(vraag):
    assert vraag.gesteld_op == lokaal(2025, 6, 10)
    assert AuditEntry.objects.filter(actie="vraag.gesteld").count() == 1


@pytest.mark.parametrize("moment", [VRAGENSLUITING, lokaal(2025, 6, 20)])
def test_questions_after_the_question_deadline_are_refused(moment, eigen, inschrijver):
    with freeze_time(moment), pytest.raises(ValidationError) as fout:
        services.stel_vraag(eigen, tekst="Te laat?", gebruiker=inschrijver)
    assert fout.value.code == "vragentermijn-verstreken"
    assert not Vraag.objects.exists()


def test_a_question_is_private_until_published_and_then_anonymised_for_all(
    client, aanbesteding, vraag, andermans, inkoper, andere_inschrijver
):
    andermans.organisatie = andere_inschrijver.roltoekenningen.get().organisatie
    andermans.save()
    url = reverse("aanbestedingen:vragen", args=[aanbesteding.pk])

    client.force_login(andere_inschrijver)
    assert "telt 5 mei" not in client.get(url).content.decode()

    services.beantwoord_vraag(
        vraag,
        vraag_gepubliceerd="Telt 5 mei als feestdag?",
        antwoord="Ja, ieder jaar.",
        gebruiker=inkoper,
    )
    assert "Ja, ieder jaar" not in client.get(url).content.decode()  # answered, not yet published

    client.force_login(inkoper)
    client.post(reverse("aanbestedingen:nota-publiceren", args=[aanbesteding.pk]))
    client.force_login(andere_inschrijver)
    pagina = client.get(url).content.decode()
    assert "Nota van Inlichtingen 1" in pagina
    assert "Telt 5 mei als feestdag?" in pagina and "Ja, ieder jaar." in pagina
    assert "Samen Thuis" not in pagina and "telt 5 mei?" not in pagina
    api = client.get("/api/v1/aanbestedingen/nota-van-inlichtingen/").json()["results"]
    assert api == [
        {
            "id": vraag.pk,
            "aanbesteding": aanbesteding.pk,
            "nota": 1,
            "fase": "selectie",
            "vraag": "Telt 5 mei als feestdag?",
            "antwoord": "Ja, ieder jaar.",
        }
    ]


def test_a_bidder_without_registration_sees_no_nota(
    client, aanbesteding, vraag, inkoper, andere_inschrijver
):
    services.beantwoord_vraag(vraag, antwoord="Ja.", gebruiker=inkoper)
    services.publiceer_nota(aanbesteding, gebruiker=inkoper)
    client.force_login(andere_inschrijver)
    assert (
        "Nota van Inlichtingen 1"
        not in client.get(reverse("aanbestedingen:vragen", args=[aanbesteding.pk])).content.decode()
    )
    assert client.get("/api/v1/aanbestedingen/nota-van-inlichtingen/").json()["results"] == []


def test_the_inkoper_sees_who_asked(client, aanbesteding, vraag, inkoper, eigen):
    client.force_login(inkoper)
    pagina = client.get(reverse("aanbestedingen:vragen", args=[aanbesteding.pk])).content.decode()
    assert eigen.weergavenaam in pagina and "Beantwoorden" in pagina


def test_a_published_answer_no_longer_changes_and_empty_notas_are_refused(
    aanbesteding, vraag, inkoper
):
    with pytest.raises(ValidationError) as fout:
        services.publiceer_nota(aanbesteding, gebruiker=inkoper)
    assert fout.value.code == "niets-te-publiceren"
    services.beantwoord_vraag(vraag, antwoord="Ja.", gebruiker=inkoper)
    nota = services.publiceer_nota(aanbesteding, gebruiker=inkoper)
    with pytest.raises(ValidationError) as fout:
        services.beantwoord_vraag(vraag, antwoord="Toch niet.", gebruiker=inkoper)
    assert fout.value.code == "al-gepubliceerd"
    vraag.refresh_from_db()
    assert (vraag.antwoord, vraag.nota, vraag.vraag_gepubliceerd) == ("Ja.", nota, vraag.vraag)
    assert AuditEntry.objects.filter(actie="nota.gepubliceerd").count() == 1


def test_only_the_inkoper_answers(client, vraag, inschrijver, beoordelaar):
    for gebruiker in (inschrijver, beoordelaar):
        client.force_login(gebruiker)
        assert (
            client.get(reverse("aanbestedingen:vraag-beantwoorden", args=[vraag.pk])).status_code
            == 403
        )


# --- procurement documents per phase, with versions ------------------------------------------------


def test_a_new_upload_of_the_same_kind_is_the_next_version(aanbesteding, inkoper):
    eerste = services.plaats_aanbestedingsdocument(
        aanbesteding,
        SimpleUploadedFile("leidraad.pdf", PDF),
        soort=Aanbestedingsdocumentsoort.SELECTIELEIDRAAD,
        gebruiker=inkoper,
    )
    tweede = services.plaats_aanbestedingsdocument(
        aanbesteding,
        SimpleUploadedFile("leidraad-v2.pdf", PDF),
        soort=Aanbestedingsdocumentsoort.SELECTIELEIDRAAD,
        toelichting="§ 4.2 verduidelijkt",
        gebruiker=inkoper,
    )
    prijsblad = services.plaats_aanbestedingsdocument(
        aanbesteding,
        SimpleUploadedFile("prijsblad.pdf", PDF),
        soort=Aanbestedingsdocumentsoort.PRIJSBLAD_SJABLOON,
        gebruiker=inkoper,
    )
    assert (eerste.versie, tweede.versie, prijsblad.versie) == (1, 2, 1)
    assert (eerste.fase, prijsblad.fase) == (Fase.SELECTIE, Fase.GUNNING)
    assert Aanbestedingsdocument.objects.count() == 3


def test_a_bad_procurement_document_is_refused(aanbesteding, inkoper, media):
    with pytest.raises(ValidationError) as fout:
        services.plaats_aanbestedingsdocument(
            aanbesteding,
            SimpleUploadedFile("leidraad.exe", b"MZ"),
            soort=Aanbestedingsdocumentsoort.OVERIG,
            gebruiker=inkoper,
        )
    assert fout.value.code == "bestandstype-niet-toegestaan"
    assert not Aanbestedingsdocument.objects.exists()


def test_bidders_see_documents_only_of_published_procedures(client, regio, inkoper, inschrijver):
    concept = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    stuk = services.plaats_aanbestedingsdocument(
        concept,
        SimpleUploadedFile("leidraad.pdf", PDF),
        soort=Aanbestedingsdocumentsoort.SELECTIELEIDRAAD,
        gebruiker=inkoper,
    )
    client.force_login(inschrijver)
    assert client.get(reverse("aanbestedingen:stuk", args=[stuk.pk])).status_code == 404
    concept.status = Status.SELECTIEFASE
    concept.save()
    response = client.get(reverse("aanbestedingen:stuk", args=[stuk.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client.post(reverse("aanbestedingen:stukken", args=[concept.pk]), {}).status_code == 403
    api = client.get(f"/api/v1/aanbestedingen/aanbestedingen/{concept.pk}/").json()
    assert [(s["soort"], s["versie"]) for s in api["stukken"]] == [("selectieleidraad", 1)]


def test_the_inkoper_places_a_document_through_the_page(client, aanbesteding, inkoper):
    client.force_login(inkoper)
    url = reverse("aanbestedingen:stukken", args=[aanbesteding.pk])
    response = client.post(
        url, {"soort": "gunningsleidraad", "bestand": SimpleUploadedFile("g.pdf", PDF)}
    )
    assert response.status_code == 302
    assert "Gunningsleidraad" in client.get(url).content.decode()


# --- issue 15.5: a Nota van Inlichtingen round in the award phase ----------------------------


@pytest.fixture
def gunningsfase(aanbesteding, eigen, andermans, andere_inschrijver):
    """The award phase open until 18 August 2025, with questions until 28 July; ``eigen``
    admitted, ``andermans`` (of ``andere_inschrijver``) rejected."""
    from datetime import date

    andermans.organisatie = andere_inschrijver.roltoekenningen.get().organisatie
    andermans.save()

    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(
        status=Status.GUNNINGSFASE,
        selectie_geopend_op=lokaal(2025, 6, 30, 12, 5),
        gunning_vragen_deadline=date(2025, 7, 28),
    )
    type(eigen).objects.filter(pk=eigen.pk).update(toegelaten=True)
    type(andermans).objects.filter(pk=andermans.pk).update(toegelaten=False)
    aanbesteding.refresh_from_db()
    eigen.refresh_from_db()
    andermans.refresh_from_db()
    return aanbesteding


def test_admitted_candidates_ask_questions_in_the_award_phase_until_its_deadline(
    gunningsfase, eigen, andermans, inschrijver, andere_inschrijver, inkoper
):
    with freeze_time(lokaal(2025, 7, 21)):
        vraag = services.stel_vraag(eigen, tekst="Telt dagbesteding mee?", gebruiker=inschrijver)
        assert vraag.fase == Fase.GUNNING
        with pytest.raises(ValidationError) as fout:
            services.stel_vraag(andermans, tekst="En wij?", gebruiker=andere_inschrijver)
        assert fout.value.code == "niet-toegelaten"
    with freeze_time(lokaal(2025, 7, 28, 12)), pytest.raises(ValidationError) as fout:
        services.stel_vraag(eigen, tekst="Te laat?", gebruiker=inschrijver)
    assert fout.value.code == "vragentermijn-verstreken"
    assert Vraag.objects.count() == 1

    services.beantwoord_vraag(vraag, antwoord="Ja, onder criterium 1.", gebruiker=inkoper)
    nota = services.publiceer_nota(gunningsfase, gebruiker=inkoper, nu=lokaal(2025, 7, 29))
    assert (nota.nummer, nota.fase) == (1, Fase.GUNNING)
    assert AuditEntry.objects.get(actie="nota.gepubliceerd").gegevens["fase"] == "gunning"


def test_without_an_award_questions_deadline_the_award_phase_has_no_questions(
    aanbesteding, eigen, inschrijver
):
    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(status=Status.GUNNINGSFASE)
    type(eigen).objects.filter(pk=eigen.pk).update(toegelaten=True)
    eigen.refresh_from_db()
    with freeze_time(lokaal(2025, 7, 21)), pytest.raises(ValidationError) as fout:
        services.stel_vraag(eigen, tekst="Mag het?", gebruiker=inschrijver)
    assert fout.value.code == "vragentermijn-verstreken"


def test_the_award_questions_deadline_lies_inside_the_award_phase(aanbesteding):
    from datetime import date

    aanbesteding.gunning_vragen_deadline = date(2025, 7, 1)  # before the selection decision
    with pytest.raises(ValidationError) as fout:
        aanbesteding.full_clean()
    assert fout.value.error_dict["gunning_vragen_deadline"][0].code == "gunning-vragen-buiten-fase"
    aanbesteding.gunning_vragen_deadline = date(2025, 7, 28)
    aanbesteding.full_clean()


def test_the_page_takes_award_phase_questions_and_shows_the_nota_per_phase(
    client, gunningsfase, eigen, andermans, inschrijver, andere_inschrijver, inkoper
):
    url = reverse("aanbestedingen:vragen", args=[gunningsfase.pk])
    client.force_login(inschrijver)
    with freeze_time(lokaal(2025, 7, 21)):
        pagina = client.get(url).content.decode()
        assert "in de gunningsfase tot 28 juli 2025 12:00" in pagina
        assert "Vraag versturen" in pagina
        assert client.post(url, {"tekst": "Telt dagbesteding mee?"}).status_code == 302
        client.force_login(andere_inschrijver)  # rejected: no form
        assert "Vraag versturen" not in client.get(url).content.decode()
        antwoord = client.post(url, {"tekst": "En wij?"})
        assert "alleen toegelaten gegadigden" in antwoord.content.decode()
    assert Vraag.objects.get().fase == Fase.GUNNING
    services.beantwoord_vraag(Vraag.objects.get(), antwoord="Ja.", gebruiker=inkoper)
    services.publiceer_nota(gunningsfase, gebruiker=inkoper, nu=lokaal(2025, 7, 29))
    client.force_login(andere_inschrijver)  # every registrant reads the published answers
    assert "Nota van Inlichtingen 1 — gunningsfase" in client.get(url).content.decode()
    api = client.get("/api/v1/aanbestedingen/nota-van-inlichtingen/").content.decode()
    assert '"fase":"gunning"' in api and "dagbesteding" in api
