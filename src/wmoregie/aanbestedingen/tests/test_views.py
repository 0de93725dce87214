"""Pages: access (visitor, wrong role, other bidder), the inkoper's dashboard, the bidder's flow."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen.constants import Inschrijvingsoort, PartijRol, Status
from wmoregie.aanbestedingen.models import Aanbesteding, Inschrijving, Toestemming
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import RoltoekenningFactory, UserFactory
from wmoregie.bestandscontrole import eenvoudige_pdf
from wmoregie.catalogi.tests.factories import PerceelFactory

from .conftest import lokaal
from .factories import (
    AanbestedingFactory,
    InschrijvingFactory,
    PartijFactory,
    klaar_voor_publicatie,
    schone_uea,
    voldoet_aan_regels,
)


@pytest.fixture
def aanbesteding(regio):
    return AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)


@pytest.fixture
def eigen(aanbesteding, organisatie):
    return InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)


@pytest.fixture
def andermans(aanbesteding):
    return InschrijvingFactory(aanbesteding=aanbesteding)


def _paginas(aanbesteding, inschrijving):
    partij = inschrijving.partijen.first()
    document_pk = 1
    return [
        reverse("aanbestedingen:overzicht"),
        reverse("aanbestedingen:nieuw"),
        reverse("aanbestedingen:detail", args=[aanbesteding.pk]),
        reverse("aanbestedingen:bewerken", args=[aanbesteding.pk]),
        reverse("aanbestedingen:inschrijven", args=[aanbesteding.pk]),
        reverse("aanbestedingen:inschrijving", args=[inschrijving.pk]),
        reverse("aanbestedingen:controlelijst", args=[inschrijving.pk]),
        reverse("aanbestedingen:partij-nieuw", args=[inschrijving.pk]),
        reverse("aanbestedingen:uea-inlezen", args=[inschrijving.pk]),
        reverse("aanbestedingen:document-nieuw", args=[inschrijving.pk]),
        reverse("aanbestedingen:partij-bewerken", args=[partij.pk]),
        reverse("aanbestedingen:toestemming", args=[partij.pk]),
        reverse("aanbestedingen:document", args=[document_pk]),
        reverse("aanbestedingen:vragen", args=[aanbesteding.pk]),
        reverse("aanbestedingen:vraag-beantwoorden", args=[1]),
        reverse("aanbestedingen:stukken", args=[aanbesteding.pk]),
        reverse("aanbestedingen:stuk", args=[1]),
    ]


def test_a_visitor_is_sent_to_the_login_page_everywhere(client, aanbesteding, eigen):
    for url in _paginas(aanbesteding, eigen):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/account/inloggen/"), url
    for naam in ("status", "nota-publiceren"):
        response = client.post(reverse(f"aanbestedingen:{naam}", args=[aanbesteding.pk]))
        assert response["Location"].startswith("/account/inloggen/"), naam
    api = client.get("/api/v1/aanbestedingen/inschrijvingen/")
    assert (api.status_code, api["WWW-Authenticate"]) == (401, "Bearer")  # the API asks for a token


def test_a_user_with_another_role_gets_403(client, aanbesteding, eigen):
    client.force_login(UserFactory(rol=Rol.GEMEENTE_MEDEWERKER))
    for url in _paginas(aanbesteding, eigen):
        assert client.get(url).status_code == 403, url
    assert client.get("/api/v1/aanbestedingen/aanbestedingen/").status_code == 403
    assert client.get("/api/v1/aanbestedingen/inschrijvingen/").status_code == 403


def test_a_bidder_cannot_do_the_inkopers_work(client, aanbesteding, inschrijver):
    client.force_login(inschrijver)
    assert client.get(reverse("aanbestedingen:nieuw")).status_code == 403
    response = client.post(
        reverse("aanbestedingen:status", args=[aanbesteding.pk]),
        {"naar": Status.CONCEPT, "reden": "x"},
    )
    assert response.status_code == 403
    assert Aanbesteding.objects.get().status == Status.SELECTIEFASE


def test_the_beoordelaar_reads_but_does_not_act(client, aanbesteding, beoordelaar):
    client.force_login(beoordelaar)
    assert client.get(reverse("aanbestedingen:detail", args=[aanbesteding.pk])).status_code == 200
    response = client.post(
        reverse("aanbestedingen:status", args=[aanbesteding.pk]),
        {"naar": Status.CONCEPT, "reden": "x"},
    )
    assert response.status_code == 403


def test_a_bidder_cannot_see_another_bidders_registration(
    client, aanbesteding, eigen, andermans, inschrijver
):
    client.force_login(inschrijver)
    andere_partij = andermans.partijen.first()
    for url in [
        reverse("aanbestedingen:inschrijving", args=[andermans.pk]),
        reverse("aanbestedingen:controlelijst", args=[andermans.pk]),
        reverse("aanbestedingen:partij-nieuw", args=[andermans.pk]),
        reverse("aanbestedingen:uea-inlezen", args=[andermans.pk]),
        reverse("aanbestedingen:document-nieuw", args=[andermans.pk]),
        reverse("aanbestedingen:partij-bewerken", args=[andere_partij.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get(f"/api/v1/aanbestedingen/inschrijvingen/{andermans.pk}/").status_code == 404
    lijst = client.get("/api/v1/aanbestedingen/inschrijvingen/").json()
    assert [i["id"] for i in lijst["results"]] == [eigen.pk]
    assert client.get(reverse("aanbestedingen:inschrijving", args=[eigen.pk])).status_code == 200


def test_a_bidder_sees_published_procedures_only(client, regio, aanbesteding, inschrijver):
    concept = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    client.force_login(inschrijver)
    assert client.get(reverse("aanbestedingen:detail", args=[concept.pk])).status_code == 404
    ids = [a["id"] for a in client.get("/api/v1/aanbestedingen/aanbestedingen/").json()["results"]]
    assert ids == [aanbesteding.pk]


def test_an_inkoper_of_another_region_sees_nothing(client, aanbesteding, eigen):
    from wmoregie.catalogi.tests.factories import RegioFactory

    ander = UserFactory()
    RoltoekenningFactory(gebruiker=ander, rol=Rol.INKOPER, regio=RegioFactory(naam="Regio Elders"))
    client.force_login(ander)
    assert client.get(reverse("aanbestedingen:detail", args=[aanbesteding.pk])).status_code == 404
    assert client.get(reverse("aanbestedingen:inschrijving", args=[eigen.pk])).status_code == 404
    assert client.get("/api/v1/aanbestedingen/inschrijvingen/").json()["results"] == []


# --- the inkoper's pages ---------------------------------------------------------------------------


def _formdata(perceel, **anders):
    data = {
        "kenmerk": "RA-2026-01",
        "naam": "Wmo-begeleiding 2027",
        "procedure": "sas-niet-openbaar",
        "percelen": [perceel.pk],
        "publicatie": "2025-06-02",
        "vragen_deadline": "2025-06-16",
        "selectie_deadline": "2025-06-30",
        "selectiebeslissing": "2025-07-14",
        "inschrijving_deadline": "2025-08-18",
        "voorlopige_gunning": "2025-09-05",
        "standstill_einde": "2025-09-25",
        "definitieve_gunning": "2025-09-26",
        "contractstart": "2026-01-01",
        "sluitingstijd": "12:00",
    }
    return data | anders


@freeze_time(lokaal(2025, 6, 2, 9))  # the planned publication date
def test_the_inkoper_creates_a_procedure_sees_the_planning_check_and_publishes(
    client, regio, inkoper
):
    perceel = PerceelFactory(regio=regio)
    client.force_login(inkoper)
    response = client.post(
        reverse("aanbestedingen:nieuw"), _formdata(perceel, definitieve_gunning="2025-10-02")
    )
    aanbesteding = Aanbesteding.objects.get()
    klaar_voor_publicatie(aanbesteding, inkoper)
    assert response["Location"] == reverse("aanbestedingen:detail", args=[aanbesteding.pk])
    pagina = client.get(response["Location"]).content.decode()
    assert "implementatie-te-kort" in pagina and 'role="alert"' in pagina
    client.post(
        reverse("aanbestedingen:status", args=[aanbesteding.pk]), {"naar": Status.SELECTIEFASE}
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.CONCEPT  # errors block publishing

    client.post(reverse("aanbestedingen:bewerken", args=[aanbesteding.pk]), _formdata(perceel))
    pagina = client.get(reverse("aanbestedingen:detail", args=[aanbesteding.pk])).content.decode()
    assert "voldoet aan alle controles" in pagina
    client.post(
        reverse("aanbestedingen:status", args=[aanbesteding.pk]),
        {"naar": Status.SELECTIEFASE, "bevestigd": "ja"},
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIEFASE


def test_the_form_shows_errors_per_field_and_a_summary(client, regio, inkoper):
    client.force_login(inkoper)
    response = client.post(reverse("aanbestedingen:nieuw"), {"naam": ""})
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in inhoud and 'class="veld__fout"' in inhoud
    assert '<label for="id_kenmerk">' in inhoud


def test_the_inkoper_records_consent_for_a_late_party(client, aanbesteding, eigen, inkoper):
    aanbesteding.status = Status.GUNNINGSFASE
    aanbesteding.selectie_geopend_op = lokaal(2025, 6, 30, 12, 5)
    aanbesteding.save()
    laat = PartijFactory(inschrijving=eigen, toegevoegd_op=lokaal(2025, 7, 20), fase="selectie")
    client.force_login(inkoper)
    with freeze_time(lokaal(2025, 7, 21)):
        pagina = client.get(
            reverse("aanbestedingen:inschrijving", args=[eigen.pk])
        ).content.decode()
        assert "toestemming-na-selectiedeadline" in pagina and "Toestemming vastleggen" in pagina
        response = client.post(
            reverse("aanbestedingen:toestemming", args=[laat.pk]), {"kenmerk": "T-001"}
        )
        assert response.status_code == 302
        pagina = client.get(
            reverse("aanbestedingen:inschrijving", args=[eigen.pk])
        ).content.decode()
    assert Toestemming.objects.get().verleend_door == inkoper
    assert "toestemming-na-selectiedeadline" not in pagina


# --- the bidder's flow -----------------------------------------------------------------------------


def test_a_bidder_registers_as_a_combination_adds_parties_and_sees_the_live_checklist(
    client, aanbesteding, inschrijver
):
    client.force_login(inschrijver)
    with freeze_time(lokaal(2025, 6, 10)):
        response = client.post(
            reverse("aanbestedingen:inschrijven", args=[aanbesteding.pk]),
            {
                "organisatie": inschrijver.roltoekenningen.get().organisatie_id,
                "soort": Inschrijvingsoort.COMBINATIE,
                "combinatienaam": "Samen Sterk",
            },
        )
        inschrijving = Inschrijving.objects.get()
        assert response["Location"] == reverse(
            "aanbestedingen:inschrijving", args=[inschrijving.pk]
        )
        lijst = client.get(
            reverse("aanbestedingen:controlelijst", args=[inschrijving.pk])
        ).content.decode()
        assert "combinatie-zonder-combinant" in lijst
        # #15.15: a Dutch sentence for people; the rule code only in a details element
        assert "<code>combinatie-zonder-combinant</code>:" not in lijst
        assert (
            "Een combinatie heeft naast de penvoerder minstens één combinant. "
            '<details class="regelcode"><summary>Code voor de helpdesk</summary>'
            "<code>combinatie-zonder-combinant</code></details>" in lijst
        )
        assert "(seed)" not in lijst and "seed" not in lijst.lower()
        response = client.post(
            reverse("aanbestedingen:partij-nieuw", args=[inschrijving.pk]),
            {
                "rol": PartijRol.COMBINANT,
                "naam": "Welzijn Soest",
                "kvk_nummer": "1234",
                "land": "NLD",
            },
        )
        assert "acht cijfers" in response.content.decode()
        client.post(
            reverse("aanbestedingen:partij-nieuw", args=[inschrijving.pk]),
            {
                "rol": PartijRol.COMBINANT,
                "naam": "Welzijn Soest",
                "kvk_nummer": "12345678",
                "land": "NLD",
                "taakomschrijving": "Dagbesteding",
            },
        )
        lijst = client.get(
            reverse("aanbestedingen:controlelijst", args=[inschrijving.pk])
        ).content.decode()
        assert "combinatie-zonder-combinant" not in lijst
        assert "Welzijn Soest heeft nog geen eigen UEA" in lijst
        pagina = client.get(
            reverse("aanbestedingen:inschrijving", args=[inschrijving.pk])
        ).content.decode()
        assert 'hx-get="' in pagina and '<th scope="col">Rol</th>' in pagina
        response = client.post(
            reverse("aanbestedingen:document-nieuw", args=[inschrijving.pk]),
            {
                "soort": "gva",
                "partij": inschrijving.partijen.get(rol=PartijRol.COMBINANT).pk,
                "bestand": SimpleUploadedFile("gva.pdf", eenvoudige_pdf("gva")),
            },
        )
        assert "afgiftedatum" in response.content.decode().lower()
        client.post(
            reverse("aanbestedingen:indienen", args=[inschrijving.pk]),
            {"ondanks_open_punten": "on"},
        )
    assert inschrijving.indieningen.get().ingediend_op == lokaal(2025, 6, 10)
    assert (
        inschrijving.partijen.get(rol=PartijRol.PENVOERDER).kvk_nummer
        == inschrijving.organisatie.kvk_nummer
    )


def test_registering_twice_is_refused_with_a_message(client, aanbesteding, eigen, inschrijver):
    client.force_login(inschrijver)
    with freeze_time(lokaal(2025, 6, 10)):
        response = client.post(
            reverse("aanbestedingen:inschrijven", args=[aanbesteding.pk]),
            {"organisatie": eigen.organisatie_id, "soort": Inschrijvingsoort.HOOFDAANNEMER},
        )
    assert "al aangemeld" in response.content.decode()
    assert Inschrijving.objects.count() == 1


def test_the_inkoper_admits_and_rejects_candidates_on_the_dashboard(
    client, aanbesteding, eigen, andermans, inkoper
):
    aanbesteding.status = Status.SELECTIE_BEOORDELING
    aanbesteding.selectie_geopend_op = lokaal(2025, 6, 30, 12, 5)
    aanbesteding.save()
    client.force_login(inkoper)
    pagina = client.get(reverse("aanbestedingen:detail", args=[aanbesteding.pk])).content.decode()
    assert "Selectiebeslissing voor" in pagina
    schone_uea(eigen)
    voldoet_aan_regels(eigen)
    client.post(reverse("aanbestedingen:selectie", args=[eigen.pk]), {"toegelaten": "ja"})
    response = client.post(
        reverse("aanbestedingen:selectie", args=[andermans.pk]), {"toegelaten": "nee"}, follow=True
    )
    assert "Motiveer de afwijzing" in response.content.decode()
    client.post(
        reverse("aanbestedingen:selectie", args=[andermans.pk]),
        {"toegelaten": "nee", "motivering": "Uitgesloten."},
    )
    eigen.refresh_from_db()
    andermans.refresh_from_db()
    assert (eigen.toegelaten, andermans.toegelaten, andermans.selectiemotivering) == (
        True,
        False,
        "Uitgesloten.",
    )


def test_only_the_inkoper_takes_the_selection_decision(client, eigen, inschrijver, beoordelaar):
    for gebruiker in (inschrijver, beoordelaar):
        client.force_login(gebruiker)
        assert (
            client.post(
                reverse("aanbestedingen:selectie", args=[eigen.pk]), {"toegelaten": "ja"}
            ).status_code
            == 403
        )
    eigen.refresh_from_db()
    assert eigen.toegelaten is None


def test_a_bidder_removes_its_own_party_but_not_anothers(client, eigen, andermans, inschrijver):
    eigen_partij = PartijFactory(inschrijving=eigen, rol=PartijRol.DERDE)
    andere_partij = PartijFactory(inschrijving=andermans, rol=PartijRol.DERDE)
    client.force_login(inschrijver)
    with freeze_time(lokaal(2025, 6, 12)):
        assert (
            "Verwijderen"
            in client.get(reverse("aanbestedingen:inschrijving", args=[eigen.pk])).content.decode()
        )
        assert (
            client.post(
                reverse("aanbestedingen:partij-verwijderen", args=[andere_partij.pk])
            ).status_code
            == 404
        )
        response = client.post(reverse("aanbestedingen:partij-verwijderen", args=[eigen_partij.pk]))
    assert response.status_code == 302
    assert not eigen.partijen.filter(pk=eigen_partij.pk).exists()
    assert andermans.partijen.filter(pk=andere_partij.pk).exists()
