"""Two-factor authentication guards client data (#14 A.5): with WMOREGIE_2FA on, a client-data
role reaches no client page or API without the second step, and does with a right code."""

from datetime import timedelta

from django.utils import timezone

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from wmoregie.accounts.tests.tweestaps_hulp import code_van, code_van_pagina, inloggen
from wmoregie.audit.models import AuditEntry

from .helpers import meld_aan

pytestmark = pytest.mark.django_db


@pytest.fixture
def tweestaps(settings):
    settings.WMOREGIE_2FA = True


@pytest.fixture
def klok():
    """Time stands still from now on and moves on when told: a code is valid for 30 seconds,
    and django-otp slows down guessing after a wrong code."""
    with freeze_time(timezone.now()) as bevroren:
        yield bevroren


def test_without_the_second_step_no_client_page_then_setup_opens_it(
    client, wereld, tweestaps, klok
):
    aanmelding = meld_aan(wereld)
    gebruiker = wereld.gebruikers["gemeente"]
    pagina = f"/clienten/clienten/{aanmelding.client_id}/"

    antwoord = inloggen(client, gebruiker.username, volgende=pagina)
    # The password is right: signed in, but sent to the second step, not to the client.
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/account/tweestaps/?next=")
    volgende = client.get(antwoord["Location"])
    assert volgende.status_code == 302
    assert volgende["Location"].startswith("/account/tweestaps/instellen/")

    gelezen = AuditEntry.objects.filter(betreft_client=aanmelding.client_id).count()
    for url in (pagina, "/clienten/zoeken/?bsn=999993021", "/clienten/trajecten/"):
        antwoord = client.get(url)
        assert antwoord.status_code == 302, url
        assert antwoord["Location"].startswith("/account/tweestaps/"), url
    api = client.get("/api/v1/clienten/clienten/", {"bsn": "999993021"})
    assert api.status_code == 403
    assert "tweede stap" in api.json()["detail"]
    # Nothing about the client was shown, so nothing was logged as read.
    assert AuditEntry.objects.filter(betreft_client=aanmelding.client_id).count() == gelezen

    instellen = client.get("/account/tweestaps/instellen/", {"next": pagina})
    html = instellen.content.decode()
    assert instellen.status_code == 200
    assert '<svg role="img"' in html and "QR-code voor uw authenticator-app" in html
    # Showing the page saves no device; a reload shows the same key.
    assert not TOTPDevice.objects.filter(user=gebruiker).exists()
    sleutel = html.split('<code class="sleutel">')[1].split("<")[0]
    assert sleutel in client.get("/account/tweestaps/instellen/").content.decode()

    fout = client.post("/account/tweestaps/instellen/", {"code": "000000", "next": pagina})
    assert fout.status_code == 200
    assert "Deze code klopt niet" in fout.content.decode()
    assert client.get(pagina).status_code == 302
    # the wrong code is recorded on the device (django-otp's delay), with the key shown
    apparaat = TOTPDevice.objects.get(user=gebruiker, confirmed=False)
    assert apparaat.throttling_failure_count == 1

    klok.tick(timedelta(seconds=31))
    goed = client.post(
        "/account/tweestaps/instellen/", {"code": code_van_pagina(html), "next": pagina}
    )
    assert goed.status_code == 302 and goed["Location"] == pagina
    assert client.get(pagina).status_code == 200
    assert client.get("/api/v1/clienten/clienten/", {"bsn": "999993021"}).status_code == 200
    assert AuditEntry.objects.filter(actie="account.tweestaps-ingesteld", gebruiker=gebruiker)


def test_a_next_login_asks_the_code_and_a_stolen_password_cannot_set_up_a_new_app(
    client, wereld, tweestaps, klok
):
    aanmelding = meld_aan(wereld)
    gebruiker = wereld.gebruikers["gemeente"]
    pagina = f"/clienten/clienten/{aanmelding.client_id}/"
    apparaat = TOTPDevice.objects.create(user=gebruiker, name="app", confirmed=True)

    antwoord = inloggen(client, gebruiker.username, volgende=pagina)
    assert antwoord["Location"].startswith("/account/tweestaps/?next=")
    # Someone with only the password cannot replace the app.
    assert client.get("/account/tweestaps/instellen/")["Location"].startswith(
        "/account/tweestaps/?next="
    )
    assert client.post("/account/tweestaps/", {"code": "123456"}).status_code == 200
    assert client.get(pagina).status_code == 302

    klok.tick(timedelta(seconds=31))
    goed = client.post("/account/tweestaps/", {"code": code_van(apparaat), "next": pagina})
    assert goed["Location"] == pagina
    assert client.get(pagina).status_code == 200


def test_the_api_token_needs_the_code_for_a_client_data_role(client, wereld, tweestaps, klok):
    meld_aan(wereld)
    gebruiker = wereld.gebruikers["gemeente"]
    url = "/api/v1/accounts/token/"
    vraag = {"username": gebruiker.username, "password": "geheim-wachtwoord-123"}

    zonder_app = client.post(url, vraag, content_type="application/json")
    assert zonder_app.status_code == 400
    assert zonder_app.json()["otp"][0]["code"] == "tweede-stap-niet-ingesteld"

    apparaat = TOTPDevice.objects.create(user=gebruiker, name="app", confirmed=True)
    zonder_code = client.post(url, vraag, content_type="application/json")
    assert zonder_code.json()["otp"][0]["code"] == "tweede-stap-ontbreekt"
    fout = client.post(url, {**vraag, "otp": "000000"}, content_type="application/json")
    assert fout.json()["otp"][0]["code"] == "tweede-stap-onjuist"

    klok.tick(timedelta(seconds=31))
    goed = client.post(url, {**vraag, "otp": code_van(apparaat)}, content_type="application/json")
    assert goed.status_code == 201
    antwoord = client.get(
        "/api/v1/clienten/clienten/",
        {"bsn": "999993021"},
        HTTP_AUTHORIZATION=f"Bearer {goed.json()['token']}",
    )
    assert antwoord.status_code == 200 and len(antwoord.json()) == 1


def test_with_two_factor_off_the_password_is_enough(client, wereld):
    aanmelding = meld_aan(wereld)
    gebruiker = wereld.gebruikers["gemeente"]
    pagina = f"/clienten/clienten/{aanmelding.client_id}/"
    assert inloggen(client, gebruiker.username, volgende=pagina)["Location"] == pagina
    assert client.get(pagina).status_code == 200
