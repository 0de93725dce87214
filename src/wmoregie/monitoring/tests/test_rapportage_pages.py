"""The quarterly report through the pages: ask (queued, run in-process without a broker), see
the status, download (scoped, audit-logged); the button only for roles that may."""

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.monitoring.models import Kwartaalrapport, Rapportstatus

from .test_rapportage import pdf_tekst

URL = "/monitoring/rapportage/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def vraag(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True) as taken:
        antwoord = client.post(URL, data)
    return antwoord, taken


@pytest.mark.django_db
def test_municipality_asks_for_its_report_and_downloads_it(
    client, cijfers, media, django_capture_on_commit_callbacks
):
    gebruiker = cijfers.gebruikers["gemeente"]
    client.force_login(gebruiker)
    pagina = client.get(URL)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert '<option value="0307"' in html and "0342" not in html and 'value="regio"' not in html

    antwoord, taken = vraag(
        client, django_capture_on_commit_callbacks, kwartaal="2026-1", gemeente="0307"
    )
    assert antwoord.status_code == 302
    assert len(taken) == 1  # the background task, queued when the request's transaction commits
    rapport = Kwartaalrapport.objects.get()
    assert (rapport.status, rapport.gemeente.code, rapport.aangevraagd_door) == (
        Rapportstatus.KLAAR,
        "0307",
        gebruiker,
    )
    lijst = client.get(antwoord["Location"]).content.decode()
    assert "De kwartaalrapportage 1e kwartaal 2026 van Amersfoort is aangevraagd." in lijst
    assert f"/monitoring/rapportage/{rapport.pk}/pdf/" in lijst
    assert "hx-trigger" not in lijst  # nothing left to wait for: no polling

    pdf = client.get(f"/monitoring/rapportage/{rapport.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="kwartaalrapportage-2026-1-amersfoort.pdf"' in pdf["Content-Disposition"]
    tekst = pdf_tekst(b"".join(pdf.streaming_content))
    assert "Kwartaalrapportage Wmo 1e kwartaal 2026 — Amersfoort" in tekst
    acties = list(
        AuditEntry.objects.filter(object_id=str(rapport.pk))
        .order_by("pk")
        .values_list("actie", "gebruiker")
    )
    assert acties == [
        ("monitoring.rapport-aangevraagd", gebruiker.pk),
        ("monitoring.rapport-gemaakt", None),
        ("monitoring.rapport-gedownload", gebruiker.pk),
    ]


@pytest.mark.django_db
def test_a_waiting_report_shows_its_status_and_polls(client, cijfers):
    client.force_login(cijfers.gebruikers["contractmanager"])
    rapport = Kwartaalrapport.objects.create(kwartaal="2026-1")  # queued, no worker yet
    lijst = client.get("/monitoring/rapportage/lijst/").content.decode()
    assert "In de wachtrij" in lijst
    assert 'hx-trigger="every 3s"' in lijst
    assert client.get(f"/monitoring/rapportage/{rapport.pk}/pdf/").status_code == 404


@pytest.mark.django_db
def test_another_municipalitys_report_is_not_shown_nor_downloaded(
    client, cijfers, media, django_capture_on_commit_callbacks
):
    client.force_login(cijfers.gebruikers["contractmanager"])
    vraag(client, django_capture_on_commit_callbacks, kwartaal="2026-1", gemeente="0342")
    soest = Kwartaalrapport.objects.get()
    assert soest.status == Rapportstatus.KLAAR

    client.get(URL)  # the contract manager reads the message
    client.force_login(cijfers.gebruikers["gemeente"])  # Amersfoort
    lijst = client.get(URL).content.decode()
    assert f'id="rapport-{soest.pk}"' not in lijst and "Soest" not in lijst
    assert client.get(f"/monitoring/rapportage/{soest.pk}/pdf/").status_code == 404
    assert not AuditEntry.objects.filter(actie="monitoring.rapport-gedownload").exists()

    client.force_login(cijfers.gebruikers["gemeente_soest"])
    assert client.get(f"/monitoring/rapportage/{soest.pk}/pdf/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "_case, data, veld, melding",
    [
        (
            "another municipality",
            {"kwartaal": "2026-1", "gemeente": "0342"},
            "gemeente",
            "alleen het rapport van uw eigen gemeente",
        ),
        (
            "the region",
            {"kwartaal": "2026-1", "gemeente": "regio"},
            "gemeente",
            "alleen het rapport van uw eigen gemeente",
        ),
        (
            "bad quarter",
            {"kwartaal": "2026-7", "gemeente": "0307"},
            "kwartaal",
            "bijvoorbeeld 2026-3",
        ),
    ],
)
def test_bad_request_is_refused_in_dutch_and_nothing_stored(
    client, cijfers, django_capture_on_commit_callbacks, _case, data, veld, melding
):
    client.force_login(cijfers.gebruikers["gemeente"])
    antwoord, taken = vraag(client, django_capture_on_commit_callbacks, **data)
    assert antwoord.status_code == 400
    assert melding in antwoord.context["form"].errors[veld][0]
    assert not Kwartaalrapport.objects.exists() and not taken


@pytest.mark.django_db
@pytest.mark.parametrize(
    "wie, knop, status",
    [
        ("contractmanager", True, 200),
        ("gemeente", True, 200),
        ("gebiedsteam", True, 200),
        ("backoffice", False, 403),
        ("onderaannemer", False, 403),
    ],
)
def test_the_report_button_is_there_for_roles_that_may(client, cijfers, wie, knop, status):
    client.force_login(cijfers.gebruikers[wie])
    for pagina in ("/monitoring/", "/monitoring/bereik/", "/monitoring/cbs/"):
        assert ('href="/monitoring/rapportage/"' in client.get(pagina).content.decode()) is knop
    assert client.get(URL).status_code == status
