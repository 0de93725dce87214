"""Client search through the API: within the scope, logged, BSN masked; unmasking is logged."""

import pytest

from wmoregie.audit.models import AuditEntry

from ..helpers import meld_aan

pytestmark = pytest.mark.django_db

URL = "/api/v1/clienten/clienten/"


def test_search_by_bsn_finds_the_client_masked_and_is_logged(client, wereld):
    aanmelding = meld_aan(wereld)
    client.force_login(wereld.gebruikers["gemeente"])
    antwoord = client.get(URL, {"bsn": "9999.93.021"})
    assert antwoord.status_code == 200
    [gevonden] = antwoord.json()
    assert gevonden["id"] == aanmelding.client_id
    assert gevonden["bsn"] == "●●●●●●021"
    assert "999993021" not in antwoord.content.decode()
    [zoekvraag] = AuditEntry.objects.filter(actie="client.gezocht")
    assert zoekvraag.gegevens["zoekterm"] == {"bsn": "9999.93.021"}
    assert zoekvraag.gebruiker == wereld.gebruikers["gemeente"]
    [vondst] = AuditEntry.objects.filter(actie="client.gevonden")
    assert vondst.betreft_client == aanmelding.client_id


def test_a_search_outside_the_scope_finds_nothing_and_is_still_logged(client, wereld):
    meld_aan(wereld)
    client.force_login(wereld.gebruikers["gemeente_soest"])
    assert client.get(URL, {"bsn": "999993021"}).json() == []
    assert AuditEntry.objects.filter(actie="client.gezocht").count() == 1
    assert not AuditEntry.objects.filter(actie="client.gevonden").exists()


def test_a_search_without_terms_is_a_400(client, wereld):
    client.force_login(wereld.gebruikers["gemeente"])
    antwoord = client.get(URL)
    assert antwoord.status_code == 400
    assert antwoord.json()["non_field_errors"][0]["code"] == "zoekterm-ontbreekt"
    assert not AuditEntry.objects.exists()


def test_showing_the_full_bsn_is_a_logged_act(client, wereld):
    aanmelding = meld_aan(wereld)
    client.force_login(wereld.gebruikers["gebiedsteam"])
    assert client.get(f"{URL}{aanmelding.client_id}/bsn/").status_code == 405
    antwoord = client.post(f"{URL}{aanmelding.client_id}/bsn/")
    assert antwoord.json() == {"id": aanmelding.client_id, "bsn": "999993021"}
    [regel] = AuditEntry.objects.filter(actie="client.bsn-getoond")
    assert regel.betreft_client == aanmelding.client_id


def test_a_system_account_reads_with_an_api_token(client, wereld):
    """Systems authenticate with a token from the token endpoint (HTTP Basic is off)."""
    import base64

    meld_aan(wereld)
    gebruiker = wereld.gebruikers["gemeente"]
    sleutel = client.post(
        "/api/v1/accounts/token/",
        {"username": gebruiker.username, "password": "geheim-wachtwoord-123"},
        content_type="application/json",
    ).json()["token"]
    antwoord = client.get(URL, {"bsn": "999993021"}, HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    assert antwoord.status_code == 200 and len(antwoord.json()) == 1
    assert AuditEntry.objects.filter(actie="client.gevonden", gebruiker=gebruiker).count() == 1
    basic = base64.b64encode(f"{gebruiker.username}:geheim-wachtwoord-123".encode()).decode()
    assert (
        client.get(URL, {"bsn": "999993021"}, HTTP_AUTHORIZATION=f"Basic {basic}").status_code
        == 401
    )
