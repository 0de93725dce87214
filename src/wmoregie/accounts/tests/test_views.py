from django.urls import reverse

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.audit.models import AuditEntry

from .factories import UserFactory


@pytest.mark.django_db
def test_logging_in_and_out_is_audited(client):
    gebruiker = UserFactory(username="carla", rol=Rol.CONTRACTMANAGER)
    response = client.post(
        reverse("accounts:login"), {"username": "carla", "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(actie="account.ingelogd", gebruiker=gebruiker).count() == 1

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 200
    assert "U bent uitgelogd" in response.content.decode()
    assert AuditEntry.objects.filter(actie="account.uitgelogd", gebruiker=gebruiker).count() == 1


@pytest.mark.django_db
def test_a_wrong_password_gives_a_dutch_message_and_no_session(client):
    UserFactory(username="carla")
    response = client.post(reverse("accounts:login"), {"username": "carla", "password": "fout"})
    assert response.status_code == 200
    assert "De combinatie van gebruikersnaam en wachtwoord is onjuist" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_my_account_shows_roles_and_scope(client):
    gebruiker = UserFactory(rol=Rol.GEMEENTE_MEDEWERKER)
    client.force_login(gebruiker)
    html = client.get(reverse("accounts:mijn-account")).content.decode()
    toekenning = gebruiker.roltoekenningen.get()
    assert "Medewerker gemeente" in html
    assert str(toekenning.gemeente) in html


@pytest.mark.django_db
def test_my_account_needs_a_login(client):
    response = client.get(reverse("accounts:mijn-account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
