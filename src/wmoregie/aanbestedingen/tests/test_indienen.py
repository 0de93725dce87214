"""Sealed submission: the server's time, nothing after the deadline, nothing read before the
opening — via services, pages and API."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Documentsoort, Fase, PartijRol, Status
from wmoregie.aanbestedingen.models import Document, Indiening, Partij
from wmoregie.audit.models import AuditEntry
from wmoregie.bestandscontrole import eenvoudige_pdf

from .conftest import lokaal, open_met_vier_ogen
from .factories import AanbestedingFactory, schone_uea, voldoet_aan_regels

PDF = eenvoudige_pdf("geheim")
DEADLINE = lokaal(2025, 6, 30, 12)


@pytest.fixture
def aanbesteding(regio):
    return AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)


@pytest.fixture
def inschrijving(aanbesteding, organisatie, inschrijver):
    with freeze_time(lokaal(2025, 6, 10)):
        inschrijving = services.schrijf_in(
            aanbesteding, organisatie=organisatie, soort="hoofdaannemer", gebruiker=inschrijver
        )
        derde = services.voeg_partij_toe(
            inschrijving,
            gebruiker=inschrijver,
            rol=PartijRol.DERDE,
            naam="Geheime Derde BV",
            kvk_nummer="77777777",
        )
        services.voeg_document_toe(
            inschrijving,
            SimpleUploadedFile("uea-derde.pdf", PDF),
            gebruiker=inschrijver,
            soort=Documentsoort.UEA,
            partij=derde,
            ondertekend=True,
        )
    return inschrijving


def test_a_submission_is_timestamped_by_the_server_and_audited(inschrijving, inschrijver):
    with freeze_time(lokaal(2025, 6, 27, 15, 12, 7)):
        indiening = services.dien_in(inschrijving, gebruiker=inschrijver, ondanks_open_punten=True)
    assert indiening.fase == Fase.SELECTIE
    assert indiening.ingediend_op == lokaal(2025, 6, 27, 15, 12, 7)
    regel = AuditEntry.objects.get(actie="inschrijving.ingediend")
    assert regel.gegevens["fase"] == "selectie"


def test_submitting_again_before_the_deadline_moves_the_timestamp(inschrijving, inschrijver):
    with freeze_time(lokaal(2025, 6, 20)):
        services.dien_in(inschrijving, gebruiker=inschrijver, ondanks_open_punten=True)
    with freeze_time(lokaal(2025, 6, 30, 11, 59, 59)):
        services.dien_in(inschrijving, gebruiker=inschrijver, ondanks_open_punten=True)
    assert Indiening.objects.get().ingediend_op == lokaal(2025, 6, 30, 11, 59, 59)
    assert AuditEntry.objects.filter(actie="inschrijving.ingediend").count() == 2


@pytest.mark.parametrize("moment", [DEADLINE, lokaal(2025, 6, 30, 12, 0, 1), lokaal(2025, 7, 3)])
def test_nobody_can_submit_at_or_after_the_deadline(moment, inschrijving, inschrijver):
    with freeze_time(moment), pytest.raises(ValidationError) as fout:
        services.dien_in(inschrijving, gebruiker=inschrijver, ondanks_open_punten=True)
    assert fout.value.code == "termijn-verstreken"
    assert not Indiening.objects.exists()


def test_nothing_can_be_changed_after_the_deadline(inschrijving, inschrijver):
    derde = inschrijving.partijen.get(rol=PartijRol.DERDE)
    with freeze_time(lokaal(2025, 6, 30, 12, 0, 1)):
        pogingen = [
            lambda: services.voeg_partij_toe(
                inschrijving, gebruiker=inschrijver, rol=PartijRol.COMBINANT, naam="Laat"
            ),
            lambda: services.wijzig_partij(derde, gebruiker=inschrijver, naam="Anders"),
            lambda: services.voeg_document_toe(
                inschrijving,
                SimpleUploadedFile("x.pdf", PDF),
                gebruiker=inschrijver,
                soort=Documentsoort.VERKLARING,
                partij=derde,
            ),
            lambda: services.importeer_uea(
                inschrijving, SimpleUploadedFile("x.xml", b"<x/>"), gebruiker=inschrijver
            ),
        ]
        for poging in pogingen:
            with pytest.raises(ValidationError) as fout:
                poging()
            assert fout.value.code == "termijn-verstreken"
    derde.refresh_from_db()
    assert derde.naam == "Geheime Derde BV"
    assert inschrijving.partijen.count() == 2
    assert Document.objects.count() == 1


def test_the_pages_refuse_submission_and_changes_after_the_deadline(
    client, inschrijving, inschrijver
):
    client.force_login(inschrijver)
    with freeze_time(lokaal(2025, 7, 1)):
        response = client.post(
            reverse("aanbestedingen:indienen", args=[inschrijving.pk]), follow=True
        )
        assert "termijn is verstreken" in response.content.decode()
        response = client.post(
            reverse("aanbestedingen:partij-nieuw", args=[inschrijving.pk]),
            {"rol": PartijRol.COMBINANT, "naam": "Laat", "land": "NLD"},
        )
        assert 'role="alert"' in response.content.decode()
        pagina = client.get(
            reverse("aanbestedingen:inschrijving", args=[inschrijving.pk])
        ).content.decode()
        assert "gesloten" in pagina and "Partij toevoegen" not in pagina
    assert not Indiening.objects.exists()
    assert "Laat" not in [p.naam for p in Partij.objects.all()]


# --- no region-side read before the opening --------------------------------------------------------


@pytest.mark.parametrize("lezer", ["inkoper", "beoordelaar"])
def test_the_region_side_sees_only_that_and_when_before_the_opening(
    lezer, request, client, inschrijving, inschrijver
):
    with freeze_time(lokaal(2025, 6, 27, 15, 12)):
        services.dien_in(inschrijving, gebruiker=inschrijver, ondanks_open_punten=True)
    client.force_login(request.getfixturevalue(lezer))
    with freeze_time(lokaal(2025, 7, 1)):
        pagina = client.get(reverse("aanbestedingen:inschrijving", args=[inschrijving.pk]))
        api = client.get(f"/api/v1/aanbestedingen/inschrijvingen/{inschrijving.pk}/")
        controlelijst = client.get(reverse("aanbestedingen:controlelijst", args=[inschrijving.pk]))
        document = Document.objects.get()
        download = client.get(reverse("aanbestedingen:document", args=[document.pk]))
    inhoud = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Geheime Derde" not in inhoud and "77777777" not in inhoud
    assert "Verzegeld" in inhoud and "27 juni 2025 15:12" in inhoud
    assert "Geheime Derde" not in controlelijst.content.decode()
    assert download.status_code == 404
    data = api.json()
    assert data["partijen"] == [] and data["documenten"] == [] and data["bevindingen"] == []
    assert data["verzegeld"] == ["selectie", "gunning"]
    assert data["indieningen"][0]["fase"] == "selectie"
    assert "Geheime Derde" not in api.content.decode()


def test_after_the_opening_the_region_side_reads_the_selection_phase_only(
    client, aanbesteding, inschrijving, inschrijver, inkoper
):
    with freeze_time(lokaal(2025, 6, 27)):
        services.dien_in(inschrijving, gebruiker=inschrijver, ondanks_open_punten=True)
    open_met_vier_ogen(aanbesteding, inkoper=inkoper, nu=lokaal(2025, 6, 30, 12, 5))
    schone_uea(inschrijving)
    selectiedocument = Document.objects.get()  # the derde's UEA
    voldoet_aan_regels(inschrijving)
    services.beslis_selectie(inschrijving, toegelaten=True, gebruiker=inkoper)
    services.wijzig_status(
        aanbesteding, Status.GUNNINGSFASE, gebruiker=inkoper, nu=lokaal(2025, 7, 14)
    )
    with freeze_time(lokaal(2025, 7, 20)):
        services.voeg_document_toe(
            inschrijving,
            SimpleUploadedFile("plan-van-aanpak.pdf", PDF),
            gebruiker=inschrijver,
            soort=Documentsoort.INSCHRIJVING,
            omschrijving="Plan van aanpak",
        )
    client.force_login(inkoper)
    with freeze_time(lokaal(2025, 7, 21)):
        pagina = client.get(
            reverse("aanbestedingen:inschrijving", args=[inschrijving.pk])
        ).content.decode()
        api = client.get(f"/api/v1/aanbestedingen/inschrijvingen/{inschrijving.pk}/").json()
        gunningsdocument = Document.objects.get(fase=Fase.GUNNING)
        download = client.get(reverse("aanbestedingen:document", args=[selectiedocument.pk]))
        assert download.status_code == 200
        # reading the streamed file to the end closes it (FileResponse.close)
        assert b"".join(download.streaming_content) == PDF
        assert (
            client.get(reverse("aanbestedingen:document", args=[gunningsdocument.pk])).status_code
            == 404
        )
    assert "Geheime Derde BV" in pagina and "Plan van aanpak" not in pagina
    assert api["verzegeld"] == ["gunning"]
    assert {p["naam"] for p in api["partijen"]} == {"Samen Thuis Begeleiding", "Geheime Derde BV"}
    assert api["documenten"] == []
    assert AuditEntry.objects.filter(actie="document.gelezen", gebruiker=inkoper).count() == 1


def test_the_bidder_always_reads_its_own_content(client, inschrijving, inschrijver):
    client.force_login(inschrijver)
    with freeze_time(lokaal(2025, 6, 12)):
        pagina = client.get(
            reverse("aanbestedingen:inschrijving", args=[inschrijving.pk])
        ).content.decode()
        download = client.get(reverse("aanbestedingen:document", args=[Document.objects.get().pk]))
    assert "Geheime Derde BV" in pagina
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


# --- issue 15.3: an incomplete checklist is named before submitting --------------------------


def test_an_incomplete_checklist_refuses_submission_unless_confirmed_and_records_it(
    inschrijving, inschrijver
):
    with freeze_time(lokaal(2025, 6, 20)):
        with pytest.raises(ValidationError) as fout:
            services.dien_in(inschrijving, gebruiker=inschrijver)
        assert fout.value.code == "controlelijst-onvolledig"
        tekst = " ".join(fout.value.messages)
        assert "Samen Thuis Begeleiding heeft nog geen eigen UEA" in tekst  # names what is missing
        assert not Indiening.objects.exists()

        indiening = services.dien_in(inschrijving, gebruiker=inschrijver, ondanks_open_punten=True)
    assert indiening.ondanks_open_punten is True
    assert "eigen-uitsluitingsgronden" in [p["code"] for p in indiening.open_punten]
    assert any("nog geen eigen UEA" in p["bericht"] for p in indiening.open_punten)
    regel = AuditEntry.objects.get(actie="inschrijving.ingediend")
    codes = [code for code, _partij in regel.gegevens["ondanks_open_punten"]]
    assert "eigen-uitsluitingsgronden" in codes
    assert "Samen Thuis" not in str(regel.gegevens)  # sealed content stays out of the audit log


def test_a_complete_checklist_submits_without_a_confirmation(inschrijving, inschrijver):
    schone_uea(inschrijving)
    voldoet_aan_regels(inschrijving)
    with freeze_time(lokaal(2025, 6, 20)):
        indiening = services.dien_in(inschrijving, gebruiker=inschrijver)
    assert (indiening.ondanks_open_punten, indiening.open_punten) == (False, [])


def test_the_page_names_the_open_points_and_asks_for_a_confirmation(
    client, inschrijving, inschrijver, andere_inschrijver
):
    url = reverse("aanbestedingen:indienen", args=[inschrijving.pk])
    client.force_login(inschrijver)
    with freeze_time(lokaal(2025, 6, 20)):
        pagina = client.get(url).content.decode()
        assert "De controlelijst is nog niet compleet" in pagina
        assert "Samen Thuis Begeleiding heeft nog geen eigen UEA" in pagina
        assert "Ik heb de open punten gezien en dien toch in" in pagina
        antwoord = client.post(url, {})
        assert antwoord.status_code == 200
        assert "bevestig dat u toch indient" in antwoord.content.decode()
        assert not Indiening.objects.exists()
        antwoord = client.post(url, {"ondanks_open_punten": "on"}, follow=True)
        tekst = antwoord.content.decode()
        assert "dat is vastgelegd" in tekst and "ingediend ondanks" in tekst
        api = client.get(f"/api/v1/aanbestedingen/inschrijvingen/{inschrijving.pk}/").json()
        assert api["indieningen"][0]["ondanks_open_punten"] is True
    assert Indiening.objects.get().ondanks_open_punten is True

    client.force_login(andere_inschrijver)
    with freeze_time(lokaal(2025, 6, 21)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"ondanks_open_punten": "on"}).status_code == 404
    assert Indiening.objects.get().ingediend_op == lokaal(2025, 6, 20)
