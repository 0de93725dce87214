"""#15.12: the error pages are Dutch, in the site's layout and say what to do; the API stays JSON."""

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_page_answers_a_dutch_404_in_the_layout(client):
    antwoord = client.get("/bestaat-niet/")

    assert antwoord.status_code == 404
    html = antwoord.content.decode()
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert 'lang="nl"' in html and "Direct naar de inhoud" in html  # the site's layout
    assert 'href="/"' in html and "startpagina" in html  # says where to go
    assert "Not Found" not in html


def test_a_page_outside_the_role_answers_a_dutch_403_naming_the_user(client):
    client.force_login(
        UserFactory(username="ingrid", first_name="Ingrid", last_name="Inkoop", rol=Rol.INKOPER)
    )

    antwoord = client.get("/audit/inzage/")

    assert antwoord.status_code == 403
    html = antwoord.content.decode()
    assert "<h1>Geen toegang</h1>" in html
    assert "Ingrid Inkoop" in html
    assert "/account/" in html  # where to see one's roles
    assert "Forbidden" not in html


def test_a_bad_request_answers_a_dutch_400(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    antwoord = client.get("/", HTTP_HOST="kwaadwillend.example")  # DisallowedHost → 400

    assert antwoord.status_code == 400
    assert "<h1>Verzoek niet begrepen</h1>" in antwoord.content.decode()


def test_a_server_error_answers_a_dutch_500_without_touching_the_database(rf, settings):
    from wmoregie.views import server_error

    antwoord = server_error(rf.get("/contracten/"))

    assert antwoord.status_code == 500
    html = antwoord.content.decode()
    assert "<h1>Er ging iets mis</h1>" in html
    assert settings.WMOREGIE_REGIO_NAAM in html


def test_the_api_answers_errors_in_json_not_html(client):
    onbekend = client.get("/api/v1/bestaat-niet/")
    assert onbekend.status_code == 404
    assert onbekend["Content-Type"] == "application/json"
    assert onbekend.json() == {"detail": "Niet gevonden."}

    client.force_login(UserFactory(rol=Rol.INSCHRIJVER))
    geweigerd = client.get("/api/v1/audit/inzage/")
    assert geweigerd.status_code == 403
    assert geweigerd["Content-Type"] == "application/json"
    assert geweigerd.json()["detail"] == "U heeft geen toegang tot dit onderdeel."


def test_the_api_answers_a_server_error_in_json(rf):
    from wmoregie.views import server_error

    antwoord = server_error(rf.get("/api/v1/contracten/"))

    assert antwoord.status_code == 500
    assert antwoord["Content-Type"] == "application/json"


def test_every_page_links_a_favicon_that_exists(client):
    """#15.16: no 404 for the icon on every page."""
    from django.contrib.staticfiles import finders

    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg"' in html
    assert finders.find("img/favicon.svg")
    antwoord = client.get("/favicon.ico")
    assert antwoord.status_code == 301
    assert antwoord["Location"] == "/static/img/favicon.svg"


def test_a_buttons_address_opened_as_a_link_answers_a_dutch_405_in_the_layout(client):
    client.force_login(UserFactory(rol=Rol.INKOPER))

    antwoord = client.get("/account/uitloggen/")

    assert antwoord.status_code == 405
    assert "POST" in antwoord["Allow"]
    html = antwoord.content.decode()
    assert "<h1>Dit gaat met een knop</h1>" in html
    assert 'lang="nl"' in html and "startpagina" in html
    assert "Content-Security-Policy" in antwoord.headers
    # the API keeps its JSON answer
    api = client.get("/api/v1/accounts/token/")
    assert api.status_code == 405
    assert api.json()["detail"]


def test_a_form_without_its_csrf_token_answers_a_dutch_403_in_the_layout():
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(rol=Rol.GEMEENTE_MEDEWERKER))

    pagina = browser.post("/account/uitloggen/")
    assert pagina.status_code == 403
    html = pagina.content.decode()
    assert "<h1>Het formulier is verlopen</h1>" in html and "Direct naar de inhoud" in html
    assert "CSRF verification failed" not in html

    api = browser.post("/api/v1/clienten/aanmeldingen/", {}, content_type="application/json")
    assert api.status_code == 403
    assert api.json()["detail"].startswith("Het verzoek mist de beveiligingscode (CSRF)")
