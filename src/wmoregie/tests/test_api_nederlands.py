"""What the API says to people is Dutch, also where Django or DRF would answer in English."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_an_unknown_or_foreign_object_is_not_found_in_dutch_without_its_model(als):
    gemeente = als("gemeente")
    for adres in (
        "/api/v1/clienten/trajecten/999999/",
        "/api/v1/clienten/aanmeldingen/999999/",
        "/api/v1/clienten/clienten/999999/",
    ):
        antwoord = gemeente.get(adres)
        assert antwoord.status_code == 404, adres
        assert antwoord.json() == {"detail": "Niet gevonden."}, adres
