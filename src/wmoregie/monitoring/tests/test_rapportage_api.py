"""The quarterly reports through the API (list, detail, PDF): the page's roles and scope,
downloads audit-logged; and a report whose worker died is shown as failed after the timeout,
on the API and the page, and can be asked for again."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.catalogi.models import Gemeente
from wmoregie.monitoring.models import Kwartaalrapport, Rapportstatus
from wmoregie.monitoring.rapportage import services

from .test_rapportage_pages import media, vraag  # noqa: F401 (fixture)

API = "/api/v1/monitoring/rapporten/"
PDF = b"%PDF-1.4 kwartaalrapport"

pytestmark = pytest.mark.django_db


def klaar(gemeente: str | None, kwartaal: str = "2026-1") -> Kwartaalrapport:
    rapport = Kwartaalrapport.objects.create(
        kwartaal=kwartaal,
        gemeente=Gemeente.objects.get(code=gemeente) if gemeente else None,
        status=Rapportstatus.KLAAR,
        klaar_op=timezone.now(),
    )
    rapport.bestand.save(services.bestandsnaam(rapport), ContentFile(PDF))
    return rapport


@pytest.fixture
def rapporten(cijfers, media):  # noqa: F811
    return {
        "amersfoort": klaar("0307"),
        "soest": klaar("0342"),
        "regio": klaar(None),
        "wacht": Kwartaalrapport.objects.create(
            kwartaal="2026-2", gemeente=Gemeente.objects.get(code="0307")
        ),
    }


def test_a_municipality_lists_and_downloads_only_its_own_reports(client, cijfers, rapporten):
    gebruiker = cijfers.gebruikers["gemeente"]  # Amersfoort
    client.force_login(gebruiker)
    lijst = client.get(API)
    assert lijst.status_code == 200
    rijen = lijst.json()["results"]
    assert {r["id"] for r in rijen} == {rapporten["amersfoort"].pk, rapporten["wacht"].pk}
    eigen = client.get(f"{API}{rapporten['amersfoort'].pk}/").json()
    assert eigen["gemeente"] == "0307" and eigen["gebied"] == "Amersfoort"
    assert (eigen["status"], eigen["status_omschrijving"]) == ("klaar", "klaar")
    assert eigen["pdf"].endswith(f"{API}{rapporten['amersfoort'].pk}/pdf/")
    # another municipality's report and the region's: as if they did not exist
    for ander in ("soest", "regio"):
        assert client.get(f"{API}{rapporten[ander].pk}/").status_code == 404
        assert client.get(f"{API}{rapporten[ander].pk}/pdf/").status_code == 404
    assert not AuditEntry.objects.filter(actie="monitoring.rapport-gedownload").exists()

    pdf = client.get(eigen["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert 'filename="kwartaalrapportage-2026-1-amersfoort.pdf"' in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content) == PDF
    [logregel] = AuditEntry.objects.filter(actie="monitoring.rapport-gedownload")
    assert (logregel.gebruiker, logregel.object_id) == (gebruiker, str(rapporten["amersfoort"].pk))
    assert logregel.gegevens == {"kwartaal": "2026-1", "gemeente": "0307"}


def test_a_waiting_report_has_no_pdf_yet(client, cijfers, rapporten):
    client.force_login(cijfers.gebruikers["gemeente"])
    wacht = client.get(f"{API}{rapporten['wacht'].pk}/").json()
    assert (wacht["status"], wacht["status_omschrijving"], wacht["pdf"]) == (
        "wachtrij",
        "in de wachtrij",
        None,
    )
    antwoord = client.get(f"{API}{rapporten['wacht'].pk}/pdf/")
    assert antwoord.status_code == 409
    assert antwoord.json() == {
        "code": "rapport-niet-klaar",
        "detail": "Dit rapport is niet klaar (status: in de wachtrij).",
    }


def test_a_region_role_reads_every_report(client, cijfers, rapporten):
    client.force_login(cijfers.gebruikers["contractmanager"])
    rijen = client.get(API).json()["results"]
    assert {r["id"] for r in rijen} == {r.pk for r in rapporten.values()}
    regio = client.get(f"{API}{rapporten['regio'].pk}/").json()
    assert (regio["gemeente"], regio["gebied"]) == ("regio", "Regio (alle gemeenten)")
    assert client.get(f"{API}{rapporten['soest'].pk}/pdf/").status_code == 200


@pytest.mark.parametrize("wie", ["backoffice", "onderaannemer"])
def test_roles_without_the_report_are_refused(client, cijfers, rapporten, wie):
    client.force_login(cijfers.gebruikers[wie])
    for adres in (API, f"{API}{rapporten['regio'].pk}/", f"{API}{rapporten['regio'].pk}/pdf/"):
        assert client.get(adres).status_code == 403
    client.logout()
    antwoord = client.get(API)
    assert antwoord.status_code == 401 and antwoord["WWW-Authenticate"] == "Bearer"


def test_the_api_only_reads(client, cijfers, rapporten):
    client.force_login(cijfers.gebruikers["contractmanager"])
    assert client.post(API, {"kwartaal": "2026-1"}).status_code == 405
    assert client.delete(f"{API}{rapporten['regio'].pk}/").status_code == 405
    assert Kwartaalrapport.objects.count() == 4


# --- a worker that died -------------------------------------------------------------------------


def _aangevraagd(minuten_geleden: int, status=Rapportstatus.WACHTRIJ) -> Kwartaalrapport:
    rapport = Kwartaalrapport.objects.create(
        kwartaal="2026-1",
        gemeente=Gemeente.objects.get(code="0307"),
        status=status,
        aangevraagd_op=timezone.now() - timedelta(minutes=minuten_geleden),
    )
    return rapport


def test_a_report_stuck_past_the_timeout_is_shown_as_failed_and_can_be_asked_again(
    client,
    cijfers,
    media,  # noqa: F811 (the fixture imported above)
    django_capture_on_commit_callbacks,
):
    gebruiker = cijfers.gebruikers["gemeente"]
    client.force_login(gebruiker)
    vastgelopen = _aangevraagd(31, Rapportstatus.BEZIG)  # its worker died while making it
    nooit_gestart = _aangevraagd(45)  # no worker ever took it
    net_gevraagd = _aangevraagd(29)  # still within the 30 minutes

    rijen = {r["id"]: r for r in client.get(API).json()["results"]}
    melding = (
        "Het maken duurde langer dan 30 minuten en is afgebroken (de achtergrondtaak is "
        "waarschijnlijk gestopt); vraag het rapport opnieuw aan."
    )
    for rapport in (vastgelopen, nooit_gestart):
        assert (rijen[rapport.pk]["status"], rijen[rapport.pk]["fout"]) == ("mislukt", melding)
    assert (rijen[net_gevraagd.pk]["status"], rijen[net_gevraagd.pk]["fout"]) == ("wachtrij", "")
    verlopen = AuditEntry.objects.filter(actie="monitoring.rapport-verlopen")
    assert sorted(verlopen.values_list("object_id", flat=True)) == sorted(
        [str(vastgelopen.pk), str(nooit_gestart.pk)]
    )
    assert verlopen.get(object_id=str(vastgelopen.pk)).gegevens == {
        "kwartaal": "2026-1",
        "status": "bezig",
        "minuten": 30,
    }

    # a worker that picks the never-started one up later leaves it alone
    assert services.maak(nooit_gestart.pk).status == Rapportstatus.MISLUKT

    # the page says so in Dutch, and asks the user to ask again
    Kwartaalrapport.objects.filter(pk=net_gevraagd.pk).delete()
    lijst = client.get("/monitoring/rapportage/lijst/").content.decode()
    assert f"Mislukt: {melding}" in lijst
    assert "hx-trigger" not in lijst  # nothing left to wait for: the page stops polling
    antwoord, _taken = vraag(
        client, django_capture_on_commit_callbacks, kwartaal="2026-1", gemeente="0307"
    )
    assert antwoord.status_code == 302
    nieuw = Kwartaalrapport.objects.latest("pk")
    assert nieuw.status == Rapportstatus.KLAAR and nieuw.fout == ""


def test_the_timeout_is_a_setting(client, cijfers, settings):
    settings.WMOREGIE_KWARTAALRAPPORT_TIMEOUT_MINUTEN = 10
    rapport = _aangevraagd(11, Rapportstatus.BEZIG)
    client.force_login(cijfers.gebruikers["contractmanager"])
    antwoord = client.get(f"{API}{rapport.pk}/").json()
    assert antwoord["status"] == "mislukt"
    assert "langer dan 10 minuten" in antwoord["fout"]
    # marking twice changes nothing
    assert services.markeer_verlopen() == 0
