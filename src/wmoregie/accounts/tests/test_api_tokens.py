"""API tokens instead of HTTP Basic (#14 A.5): ask, use, list, revoke; locked like the form."""

import base64
from datetime import timedelta

import pytest
from freezegun import freeze_time

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import ApiToken
from wmoregie.audit.models import AuditEntry

from .factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/accounts/token/"
TOKENS_URL = "/api/v1/accounts/tokens/"
GOED = "geheim-wachtwoord-123"
# Any endpoint a signed-in user may read.
BESCHERMD = "/api/v1/accounts/tokens/"
# An endpoint for some roles only (the monitoring's figures).
GEWEIGERD = "/api/v1/monitoring/cbs/?gemeente=0307&halfjaar=2026-1"


def _vraag(client, wachtwoord=GOED, gebruikersnaam="carla", **meer):
    return client.post(
        TOKEN_URL,
        {"username": gebruikersnaam, "password": wachtwoord, **meer},
        content_type="application/json",
    )


def _bearer(sleutel):
    return {"HTTP_AUTHORIZATION": f"Bearer {sleutel}"}


def test_a_token_is_given_once_stored_as_a_hash_and_opens_the_api(client):
    gebruiker = UserFactory(username="carla", rol=Rol.GEMEENTE_MEDEWERKER)
    antwoord = _vraag(client, naam="Zaaksysteem")
    assert antwoord.status_code == 201
    sleutel = antwoord.json()["token"]
    assert sleutel.startswith("wmr_") and len(sleutel) > 40
    token = ApiToken.objects.get()
    assert token.gebruiker == gebruiker and token.naam == "Zaaksysteem"
    assert sleutel not in (token.sleutel_hash, token.voorvoegsel)
    assert AuditEntry.objects.filter(actie="account.token-aangemaakt", gebruiker=gebruiker).exists()

    client.logout()
    lijst = client.get(TOKENS_URL, **_bearer(sleutel))
    assert lijst.status_code == 200
    [rij] = lijst.json()["results"]
    assert rij["naam"] == "Zaaksysteem" and "token" not in rij
    assert ApiToken.objects.get().laatst_gebruikt_op is not None


def _vraagt_om_token(antwoord) -> bool:
    """401 with the scheme to use (RFC 9110 §15.5.2), as the API answers a caller without
    valid credentials (#14)."""
    return antwoord.status_code == 401 and antwoord["WWW-Authenticate"] == "Bearer"


def test_without_or_with_a_wrong_token_the_api_asks_for_one(client):
    UserFactory(username="carla")
    antwoord = client.get(BESCHERMD)
    assert _vraagt_om_token(antwoord)
    assert antwoord.json()["detail"] == "Authenticatiegegevens zijn niet opgegeven."
    antwoord = client.get(BESCHERMD, **_bearer("wmr_" + "x" * 43))
    assert _vraagt_om_token(antwoord)
    assert antwoord.json()["detail"] == "Dit token is onbekend, verlopen of ingetrokken."


def test_signed_in_without_permission_is_still_a_403(client):
    # Any signed-in user may read its own tokens; the figures are for roles with a scope.
    client.force_login(UserFactory(username="carla"))
    assert client.get(BESCHERMD).status_code == 200
    sleutel = _vraag(client).json()["token"]
    antwoord = client.get(GEWEIGERD)
    assert antwoord.status_code == 403 and "WWW-Authenticate" not in antwoord
    client.logout()
    antwoord = client.get(GEWEIGERD, **_bearer(sleutel))
    assert antwoord.status_code == 403 and "WWW-Authenticate" not in antwoord
    assert _vraagt_om_token(client.get(GEWEIGERD))


def test_http_basic_no_longer_works(client):
    UserFactory(username="carla")
    basic = base64.b64encode(f"carla:{GOED}".encode()).decode()
    assert _vraagt_om_token(client.get(BESCHERMD, HTTP_AUTHORIZATION=f"Basic {basic}"))


def test_a_wrong_password_is_a_400_with_a_code_and_stores_nothing(client):
    UserFactory(username="carla")
    antwoord = _vraag(client, "fout")
    assert antwoord.status_code == 400
    assert antwoord.json() == {
        "non_field_errors": [
            {
                "message": "De combinatie van gebruikersnaam en wachtwoord is onjuist.",
                "code": "inloggegevens-onjuist",
            }
        ]
    }
    assert not ApiToken.objects.exists()


def test_the_token_endpoint_is_locked_after_the_limit_also_for_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(username="carla")
    for _ in range(4):
        assert _vraag(client, "fout").status_code == 400
    assert _vraag(client, "fout").status_code == 429
    antwoord = _vraag(client)
    assert antwoord.status_code == 429
    assert antwoord.json() == {
        "detail": "Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw.",
        "code": "inloggen-geblokkeerd",
    }
    assert not ApiToken.objects.exists()


def test_failures_on_the_api_and_the_form_count_together(client, settings):
    settings.AXES_FAILURE_LIMIT = 4
    UserFactory(username="carla")
    for _ in range(2):
        _vraag(client, "fout")
        client.post("/account/inloggen/", {"username": "carla", "password": "fout"})
    assert (
        client.post("/account/inloggen/", {"username": "carla", "password": GOED}).status_code
        == 429
    )


def test_the_api_lock_ends_after_the_cool_off(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=5)
    UserFactory(username="carla")
    with freeze_time("2026-03-02 09:00:00"):
        for _ in range(3):
            _vraag(client, "fout")
        assert _vraag(client).status_code == 429
    with freeze_time("2026-03-02 09:05:01"):
        assert _vraag(client).status_code == 201


def test_a_revoked_token_no_longer_works_and_only_the_owner_revokes(client):
    carla = UserFactory(username="carla")
    UserFactory(username="bert")
    sleutel_carla = _vraag(client).json()["token"]
    sleutel_bert = _vraag(client, gebruikersnaam="bert").json()["token"]
    token_carla = ApiToken.objects.get(gebruiker=carla)
    # Bert cannot see or revoke Carla's token.
    assert client.get(TOKENS_URL, **_bearer(sleutel_bert)).json()["count"] == 1
    assert (
        client.delete(f"{TOKENS_URL}{token_carla.pk}/", **_bearer(sleutel_bert)).status_code == 404
    )
    assert client.get(BESCHERMD, **_bearer(sleutel_carla)).status_code == 200

    assert (
        client.delete(f"{TOKENS_URL}{token_carla.pk}/", **_bearer(sleutel_carla)).status_code == 204
    )
    assert _vraagt_om_token(client.get(BESCHERMD, **_bearer(sleutel_carla)))
    assert (
        AuditEntry.objects.filter(actie="account.token-ingetrokken", gebruiker=carla).count() == 1
    )
    assert client.get(BESCHERMD, **_bearer(sleutel_bert)).status_code == 200


def test_an_expired_token_no_longer_works(client, settings):
    settings.WMOREGIE_API_TOKEN_DAGEN = 30
    UserFactory(username="carla")
    with freeze_time("2026-03-02 09:00:00"):
        sleutel = _vraag(client).json()["token"]
    with freeze_time("2026-03-31 09:00:00"):
        assert client.get(BESCHERMD, **_bearer(sleutel)).status_code == 200
    with freeze_time("2026-04-01 09:00:01"):
        assert _vraagt_om_token(client.get(BESCHERMD, **_bearer(sleutel)))


def test_a_token_of_a_deactivated_user_no_longer_works(client):
    carla = UserFactory(username="carla")
    sleutel = _vraag(client).json()["token"]
    carla.is_active = False
    carla.save()
    assert _vraagt_om_token(client.get(BESCHERMD, **_bearer(sleutel)))
