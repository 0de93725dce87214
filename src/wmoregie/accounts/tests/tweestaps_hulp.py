"""Helpers for tests of the second step: the code an authenticator app would show now."""

import re
from base64 import b32decode

from django_otp.oath import totp


def code_van(apparaat) -> str:
    apparaat.refresh_from_db()
    return str(
        totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits)
    ).zfill(apparaat.digits)


def code_van_pagina(html: str) -> str:
    """The code of the key the setup page shows for typing in, as an app would make it."""
    sleutel = re.search(r'<code class="sleutel">([A-Z2-7 ]+)</code>', html).group(1)
    kaal = sleutel.replace(" ", "")
    return str(totp(b32decode(kaal + "=" * (-len(kaal) % 8)), step=30, t0=0, digits=6)).zfill(6)


def inloggen(client, gebruikersnaam, wachtwoord="geheim-wachtwoord-123", volgende=""):
    data = {"username": gebruikersnaam, "password": wachtwoord}
    if volgende:
        data["next"] = volgende
    return client.post("/account/inloggen/", data)
