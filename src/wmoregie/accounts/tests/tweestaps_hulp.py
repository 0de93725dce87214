"""Helpers for tests of the second step: the code an authenticator app would show now."""

from django_otp.oath import totp


def code_van(apparaat) -> str:
    apparaat.refresh_from_db()
    return str(
        totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits)
    ).zfill(apparaat.digits)


def inloggen(client, gebruikersnaam, wachtwoord="geheim-wachtwoord-123", volgende=""):
    data = {"username": gebruikersnaam, "password": wachtwoord}
    if volgende:
        data["next"] = volgende
    return client.post("/account/inloggen/", data)
