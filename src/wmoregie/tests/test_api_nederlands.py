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


AANMELDINGEN = "/api/v1/clienten/aanmeldingen/"


def _aanmelding(**anders) -> dict:
    return {
        "bsn": "999993021",
        "achternaam": "Jansen",
        "geboortedatum": "1975-02-03",
        "straat": "Kamp",
        "huisnummer": 10,
        "postcode": "3811 AB",
        "woonplaats": "Amersfoort",
        "gemeente": "0307",
        "product": "07A01",
        "bron": "gebiedsteam",
        "vraag": "Hulp bij de administratie.",
    } | anders


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "melding"),
    [
        ('{"bsn": ', "De inhoud is geen geldige JSON (regel 1, kolom 9)."),
        (b"\xff\xfe", "De inhoud is geen geldige JSON."),
    ],
    ids=["truncated", "not-utf8"],
)
def test_a_body_that_is_no_json_is_refused_in_dutch(als, body, melding):
    antwoord = als("gemeente").post(AANMELDINGEN, body, content_type="application/json")
    assert antwoord.status_code == 400
    assert antwoord.json() == {"detail": melding}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "veld", "melding"),
    [
        ("null", "non_field_errors", "Er zijn geen gegevens meegestuurd."),
        (_aanmelding(urgent="misschien"), "urgent", "Moet waar of onwaar zijn (true of false)."),
        (_aanmelding(achternaam={"a": 1}), "achternaam", "Moet tekst zijn."),
        (
            _aanmelding(geboortedatum="03-02-1975"),
            "geboortedatum",
            "De datum heeft een verkeerde vorm. Gebruik deze vorm: YYYY-MM-DD.",
        ),
    ],
    ids=["null", "boolean", "string", "date"],
)
def test_drf_messages_left_in_english_by_its_translation_are_dutch(als, body, veld, melding):
    """Nothing is stored, and the message (with its code) is Dutch."""
    from wmoregie.clienten.models import Aanmelding

    voor = Aanmelding.objects.count()
    antwoord = als("gemeente").post(AANMELDINGEN, body, content_type="application/json")
    assert antwoord.status_code == 400
    [fout] = antwoord.json()[veld]
    assert fout["message"] == melding and fout["code"]
    assert Aanmelding.objects.count() == voor


def test_every_dutch_text_of_our_catalogue_is_compiled_and_read():
    """conf/locale's django.mo is committed: it must say what django.po says."""
    import re
    from pathlib import Path

    from django.utils import translation

    po = Path(__file__).resolve().parents[1] / "conf/locale/nl/LC_MESSAGES/django.po"
    paren = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', po.read_text(encoding="utf-8"), re.M)
    assert len(paren) > 20
    with translation.override("nl"):
        for msgid, msgstr in paren:
            tekst = msgid.replace('\\"', '"')
            assert translation.gettext(tekst) == msgstr.replace('\\"', '"'), msgid
