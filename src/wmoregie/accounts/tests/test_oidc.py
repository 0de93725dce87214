"""Optional OpenID Connect login (#14 A.5) against a small provider on 127.0.0.1 in a thread:
the provider says who someone is; wmoregie finds the existing user and grants no role."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from django.contrib.auth import get_user_model

import jwt
import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import Roltoekenning
from wmoregie.audit.models import AuditEntry

from .factories import UserFactory

pytestmark = pytest.mark.django_db

CLIENT_ID = "wmoregie-test"
GEHEIM = "een-geheim-van-de-test-provider-van-32-tekens"


class Provider:
    """Token and userinfo endpoints of a fake provider; the test sets the nonce and the claims."""

    def __init__(self):
        self.nonce = ""
        self.claims: dict = {}
        self.token_vragen: list[dict] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, gegevens, status=200):
                tekst = json.dumps(gegevens).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(tekst)))
                self.end_headers()
                self.wfile.write(tekst)

            def do_POST(self):
                lengte = int(self.headers.get("Content-Length", 0))
                vraag = {k: v[0] for k, v in parse_qs(self.rfile.read(lengte).decode()).items()}
                provider.token_vragen.append(vraag)
                if self.path != "/token" or vraag.get("code") != "goede-code":
                    return self._json({"error": "invalid_grant"}, 400)
                id_token = jwt.encode(
                    {
                        "iss": provider.url,
                        "sub": "persoon-1",
                        "aud": CLIENT_ID,
                        "nonce": provider.nonce,
                        "exp": 4_000_000_000,
                    },
                    GEHEIM,
                    algorithm="HS256",
                )
                self._json({"access_token": "toegang-1", "id_token": id_token})

            def do_GET(self):
                if self.path != "/userinfo":
                    return self._json({}, 404)
                if self.headers.get("Authorization") != "Bearer toegang-1":
                    return self._json({}, 401)
                self._json(provider.claims)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with Provider() as provider:
        settings.WMOREGIE_OIDC_AAN = True
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = GEHEIM
        settings.OIDC_RP_SIGN_ALGO = "HS256"
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider.url}/authorize"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.url}/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{provider.url}/userinfo"
        settings.OIDC_OP_JWKS_ENDPOINT = None
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "wmoregie.accounts.oidc.OidcBackend",
        ]
        yield provider


def _inloggen_via_provider(client, provider, code="goede-code", volgende="/account/"):
    start = client.get("/account/oidc/start/", {"next": volgende})
    assert start.status_code == 302
    doel = urlparse(start["Location"])
    assert f"{doel.scheme}://{doel.netloc}{doel.path}" == f"{provider.url}/authorize"
    vraag = {k: v[0] for k, v in parse_qs(doel.query).items()}
    assert vraag["client_id"] == CLIENT_ID and vraag["code_challenge_method"] == "S256"
    provider.nonce = vraag["nonce"]
    return client.get("/account/oidc/terug/", {"code": code, "state": vraag["state"]})


def test_the_login_page_offers_the_provider_only_when_configured(client, settings):
    assert "organisatieaccount" not in client.get("/account/inloggen/").content.decode()
    assert client.get("/account/oidc/start/").status_code == 404
    assert client.get("/account/oidc/terug/").status_code == 404
    settings.WMOREGIE_OIDC_AAN = True
    html = client.get("/account/inloggen/?next=/account/").content.decode()
    assert 'href="/account/oidc/start/?next=/account/"' in html
    assert "Inloggen met uw organisatieaccount" in html


def test_an_existing_user_is_found_by_email_and_gets_no_role_from_the_provider(client, provider):
    gebruiker = UserFactory(username="gerda", email="Gerda@Amersfoort.example", rol=Rol.INKOPER)
    provider.claims = {
        "sub": "persoon-1",
        "email": "gerda@amersfoort.example",
        "email_verified": True,
        "roles": ["beheerder"],
        "groups": ["functionaris-gegevensbescherming"],
    }
    antwoord = _inloggen_via_provider(client, provider)
    assert antwoord.status_code == 302 and antwoord["Location"] == "/account/"
    assert int(client.session["_auth_user_id"]) == gebruiker.pk
    assert [vraag["grant_type"] for vraag in provider.token_vragen] == ["authorization_code"]
    assert "code_verifier" in provider.token_vragen[0]
    # The roles are wmoregie's own: the one it had, nothing from the provider's claims.
    assert list(
        Roltoekenning.objects.filter(gebruiker=gebruiker).values_list("rol", flat=True)
    ) == [Rol.INKOPER]
    gebruiker.refresh_from_db()
    assert not gebruiker.is_staff and not gebruiker.is_superuser
    [regel] = AuditEntry.objects.filter(actie="account.ingelogd", gebruiker=gebruiker)
    assert regel.gegevens == {"via": "openid-connect"}


def test_by_username_when_configured(client, provider, settings):
    settings.WMOREGIE_OIDC_KOPPELEN_OP = "username"
    gebruiker = UserFactory(username="gerda", email="")
    provider.claims = {"sub": "persoon-1", "preferred_username": "GERDA"}
    assert _inloggen_via_provider(client, provider)["Location"] == "/account/"
    assert int(client.session["_auth_user_id"]) == gebruiker.pk


@pytest.mark.parametrize(
    "_case, claims",
    [
        ("unknown e-mail address", {"email": "onbekend@example.nl", "email_verified": True}),
        ("e-mail not verified", {"email": "gerda@amersfoort.example", "email_verified": False}),
        ("no e-mail at all", {"preferred_username": "gerda"}),
    ],
)
def test_nobody_unknown_is_created_or_signed_in(client, provider, _case, claims):
    UserFactory(username="gerda", email="gerda@amersfoort.example")
    gebruikers = get_user_model().objects.count()
    provider.claims = {"sub": "persoon-1", **claims}
    antwoord = _inloggen_via_provider(client, provider)
    assert antwoord["Location"] == "/account/inloggen/?oidc=mislukt"
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == gebruikers
    html = client.get(antwoord["Location"]).content.decode()
    assert "Inloggen via uw organisatie is niet gelukt" in html


def test_a_deactivated_user_cannot_sign_in_through_the_provider(client, provider):
    UserFactory(username="gerda", email="gerda@amersfoort.example", is_active=False)
    provider.claims = {"sub": "persoon-1", "email": "gerda@amersfoort.example"}
    assert _inloggen_via_provider(client, provider)["Location"] == "/account/inloggen/?oidc=mislukt"
    assert "_auth_user_id" not in client.session


def test_a_refused_code_or_a_wrong_state_signs_nobody_in(client, provider):
    UserFactory(username="gerda", email="gerda@amersfoort.example")
    provider.claims = {"sub": "persoon-1", "email": "gerda@amersfoort.example"}
    antwoord = _inloggen_via_provider(client, provider, code="verkeerd")
    assert antwoord["Location"] == "/account/inloggen/?oidc=mislukt"
    assert "_auth_user_id" not in client.session
    client.get("/account/oidc/start/")
    antwoord = client.get("/account/oidc/terug/", {"code": "goede-code", "state": "vervalst"})
    assert antwoord.status_code == 400  # mozilla-django-oidc: the state is not this session's
    assert "_auth_user_id" not in client.session


def test_an_unreachable_provider_signs_nobody_in(client, provider, settings):
    UserFactory(username="gerda", email="gerda@amersfoort.example")
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens there
    antwoord = _inloggen_via_provider(client, provider)
    assert antwoord["Location"] == "/account/inloggen/?oidc=mislukt"
    assert "_auth_user_id" not in client.session


def test_the_second_step_still_applies_after_an_oidc_login(client, provider, settings):
    settings.WMOREGIE_2FA = True
    UserFactory(username="gerda", email="gerda@amersfoort.example", rol=Rol.GEMEENTE_MEDEWERKER)
    provider.claims = {"sub": "persoon-1", "email": "gerda@amersfoort.example"}
    _inloggen_via_provider(client, provider, volgende="/clienten/trajecten/")
    antwoord = client.get("/clienten/trajecten/")
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/account/tweestaps/")


def test_failed_provider_logins_of_others_do_not_lock_out_the_next_person(
    client, provider, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    gebruiker = UserFactory(username="gerda", email="gerda@amersfoort.example")
    provider.claims = {"sub": "x", "email": "onbekend@example.nl"}
    for _ in range(4):
        _inloggen_via_provider(client, provider)
    provider.claims = {"sub": "persoon-1", "email": "gerda@amersfoort.example"}
    assert _inloggen_via_provider(client, provider)["Location"] == "/account/"
    assert int(client.session["_auth_user_id"]) == gebruiker.pk
