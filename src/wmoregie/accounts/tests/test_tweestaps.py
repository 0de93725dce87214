"""Two-factor authentication (#14 A.5) beyond the client pages: the admin, users without a
role, the account page."""

from datetime import timedelta

from django.utils import timezone

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from wmoregie.accounts.constants import Rol

from .factories import UserFactory
from .tweestaps_hulp import code_van, code_van_pagina, inloggen

pytestmark = pytest.mark.django_db


def test_the_admin_needs_the_second_step_too(client, settings):
    settings.WMOREGIE_2FA = True
    beheerder = UserFactory(username="beheer", is_staff=True, is_superuser=True)
    apparaat = TOTPDevice.objects.create(user=beheerder, name="app", confirmed=True)
    # The admin's own login form (a password only) is replaced by wmoregie's login.
    antwoord = client.get("/beheer/login/?next=/beheer/")
    assert antwoord["Location"].startswith("/account/inloggen/?next=/beheer/")
    with freeze_time(timezone.now()) as klok:
        assert inloggen(client, "beheer", volgende="/beheer/")["Location"].startswith(
            "/account/tweestaps/"
        )
        assert client.get("/beheer/").status_code == 302
        assert client.get("/beheer/accounts/user/").status_code == 302
        klok.tick(timedelta(seconds=31))
        client.post("/account/tweestaps/", {"code": code_van(apparaat)})
        assert client.get("/beheer/accounts/user/").status_code == 200


def test_with_two_factor_off_the_admin_keeps_its_own_login(client):
    UserFactory(username="beheer", is_staff=True, is_superuser=True)
    assert client.get("/beheer/login/").status_code == 200
    client.post("/beheer/login/", {"username": "beheer", "password": "geheim-wachtwoord-123"})
    assert client.get("/beheer/").status_code == 200


def test_a_user_without_a_role_sees_no_data_and_needs_no_second_step(client, settings):
    settings.WMOREGIE_2FA = True
    UserFactory(username="nieuw")
    assert inloggen(client, "nieuw")["Location"] == "/"
    assert client.get("/account/").status_code == 200


def test_every_role_needs_the_second_step(client, settings):
    settings.WMOREGIE_2FA = True
    for rol in Rol.values:
        gebruiker = UserFactory(rol=rol)
        client.force_login(gebruiker)
        antwoord = client.get("/account/")
        assert antwoord.status_code == 302, rol
        assert antwoord["Location"].startswith("/account/tweestaps/"), rol
        client.logout()


def test_the_account_page_shows_the_state_and_a_link_to_replace_the_app(client):
    gebruiker = UserFactory(rol=Rol.INKOPER)
    client.force_login(gebruiker)
    assert "Niet ingesteld." in client.get("/account/").content.decode()
    TOTPDevice.objects.create(user=gebruiker, name="app", confirmed=True)
    html = client.get("/account/").content.decode()
    assert "Ingesteld" in html and "Andere telefoon of app instellen" in html


def test_replacing_the_app_after_the_second_step_removes_the_old_one(client, settings):
    settings.WMOREGIE_2FA = True
    gebruiker = UserFactory(username="ingrid", rol=Rol.INKOPER)
    oud = TOTPDevice.objects.create(user=gebruiker, name="oud", confirmed=True)
    with freeze_time(timezone.now()) as klok:
        inloggen(client, "ingrid")
        client.post("/account/tweestaps/", {"code": code_van(oud)})
        instellen = client.get("/account/tweestaps/instellen/")
        assert instellen.status_code == 200
        assert list(TOTPDevice.objects.filter(user=gebruiker)) == [oud]  # the GET saved nothing
        klok.tick(timedelta(seconds=31))
        client.post("/account/tweestaps/instellen/", {"code": code_van_pagina(instellen.text)})
    [nieuw] = TOTPDevice.objects.filter(user=gebruiker)
    assert nieuw.pk != oud.pk and nieuw.confirmed
    assert code_van_pagina(instellen.text) == code_van(nieuw)
