"""Brute-force protection (#14 A.5): a username is locked after too many failed logins."""

from datetime import timedelta

from django.urls import reverse

import pytest
from freezegun import freeze_time

from wmoregie.accounts.constants import Rol

from .factories import UserFactory

pytestmark = pytest.mark.django_db

GOED = "geheim-wachtwoord-123"


def _inloggen(client, wachtwoord, gebruikersnaam="carla"):
    return client.post(
        reverse("accounts:login"), {"username": gebruikersnaam, "password": wachtwoord}
    )


def test_after_the_limit_the_right_password_no_longer_works_on_the_form(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(username="carla", rol=Rol.INKOPER)
    for _ in range(4):
        assert _inloggen(client, "fout").status_code == 200
    # The fifth failure locks; from then on the right password is refused too.
    assert _inloggen(client, "fout").status_code == 429
    antwoord = _inloggen(client, GOED)
    assert antwoord.status_code == 429
    html = antwoord.content.decode()
    assert "Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw." in html
    assert "_auth_user_id" not in client.session


def test_below_the_limit_the_right_password_works_and_clears_the_count(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="carla")
    for _ in range(2):
        _inloggen(client, "fout")
    assert _inloggen(client, GOED).status_code == 302
    client.logout()
    for _ in range(2):
        assert _inloggen(client, "fout").status_code == 200
    assert _inloggen(client, GOED).status_code == 302


def test_the_lock_ends_after_the_configured_cool_off(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=10)
    UserFactory(username="carla")
    with freeze_time("2026-03-02 09:00:00") as klok:
        for _ in range(3):
            _inloggen(client, "fout")
        klok.tick(timedelta(minutes=9, seconds=59))
        antwoord = _inloggen(client, GOED)
        assert antwoord.status_code == 429
        assert "over 10 minuten" in antwoord.content.decode()
    # Ten minutes after the last attempt the right password works again.
    with freeze_time("2026-03-02 09:20:00"):
        assert _inloggen(client, GOED).status_code == 302


def test_the_lock_is_per_username_not_for_everyone(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="carla")
    UserFactory(username="bert")
    for _ in range(3):
        _inloggen(client, "fout")
    assert _inloggen(client, GOED, gebruikersnaam="bert").status_code == 302


def test_the_admin_login_counts_and_is_locked_too(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="beheer", is_staff=True, is_superuser=True)
    for _ in range(3):
        client.post("/beheer/login/", {"username": "beheer", "password": "fout"})
    antwoord = client.post("/beheer/login/?next=/beheer/", {"username": "beheer", "password": GOED})
    assert antwoord.status_code == 429
