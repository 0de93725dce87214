"""#14 A.1: every number entering the system is checked against its declared range."""

from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

import pytest

from wmoregie.invoer import (
    GetalVeld,
    JsonFout,
    bewaak_decimalen,
    controleer_getal,
    lees_getal,
    lees_json,
)

VIJANDIG = ["NaN", "sNaN", "-NaN", "Infinity", "-Infinity", "inf", "1e308", "1e999", "1E+5", "0x10"]


@pytest.mark.parametrize(
    ("_case", "tekst", "verwacht"),
    [
        ("dutch with thousands", "24.750.000,00", Decimal("24750000.00")),
        ("dutch comma", "0,80", Decimal("0.80")),
        ("dot decimal", "0.80", Decimal("0.80")),
        ("dutch thousand", "1.000", Decimal("1000")),
        ("negative", "-1,5", Decimal("-1.5")),
        ("spaces", " 12 500,5 ", Decimal("12500.5")),
        ("empty", "", None),
    ],
)
def test_numbers_are_read_in_dutch_notation(_case, tekst, verwacht):
    assert lees_getal(tekst) == verwacht


@pytest.mark.parametrize("tekst", [*VIJANDIG, "1,2.3", "12a", "1" * 41])
def test_hostile_numbers_are_refused_with_a_code(tekst):
    with pytest.raises(ValidationError) as fout:
        lees_getal(tekst)
    assert fout.value.code == "geen-getal"


@pytest.mark.parametrize(
    ("waarde", "code"),
    [
        (Decimal("NaN"), "geen-getal"),
        (Decimal("sNaN"), "geen-getal"),
        (Decimal("Infinity"), "geen-getal"),
        (Decimal("1e308"), "te-veel-cijfers"),
        (Decimal("1e999"), "te-veel-cijfers"),
        (Decimal("1000000000000"), "te-veel-cijfers"),
        (Decimal("0.001"), "te-veel-decimalen"),
        (Decimal("-1"), "te-klein"),
    ],
)
def test_a_number_outside_its_declared_range_is_refused(waarde, code):
    with pytest.raises(ValidationError) as fout:
        controleer_getal(waarde, max_digits=14, decimal_places=2, min_value=0)
    assert fout.value.code == code


def test_the_largest_number_of_the_range_and_trailing_zeros_are_accepted():
    assert controleer_getal(Decimal("999999999999.99"), max_digits=14, decimal_places=2)
    assert controleer_getal(Decimal("1.000"), max_digits=14, decimal_places=2)


def test_the_form_field_reads_and_shows_dutch_notation():
    veld = GetalVeld(max_digits=14, decimal_places=2)
    assert veld.clean("24.750.000,00") == Decimal("24750000.00")
    assert veld.prepare_value(Decimal("0.80")) == "0,80"
    for tekst in VIJANDIG:
        with pytest.raises(ValidationError):
            veld.clean(tekst)


def _decimale_velden():
    for model in apps.get_models():
        if not model.__module__.startswith("wmoregie."):
            continue
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.DecimalField):
                yield pytest.param(model, veld, id=f"{model._meta.label}.{veld.name}")


@pytest.mark.parametrize(("model", "veld"), list(_decimale_velden()))
@pytest.mark.parametrize("tekst", ["NaN", "sNaN", "Infinity", "-Infinity", "1e308", "1e999"])
def test_no_decimal_field_of_any_model_can_store_an_unreadable_number(model, veld, tekst):
    """The sweep: every DecimalField of every model of the project, through the pre_save guard
    that every save() passes, refuses what would make pages reading the row fail."""
    instance = model()
    setattr(instance, veld.attname, Decimal(tekst))
    with pytest.raises(ValidationError) as fout:
        bewaak_decimalen(model, instance)
    assert veld.name in fout.value.error_dict
    assert veld.max_digits and veld.decimal_places is not None


@pytest.mark.django_db
def test_the_guard_runs_on_every_save():
    from wmoregie.aanbestedingen.tests.factories import InschrijvingFactory

    inschrijving = InschrijvingFactory()
    inschrijving.prijs = Decimal("1e308")
    with pytest.raises(ValidationError):
        inschrijving.save()
    inschrijving.refresh_from_db()
    assert inschrijving.prijs is None


@pytest.mark.parametrize(
    ("_case", "tekst", "code"),
    [
        ("deep arrays", "[" * 100_000, "json-te-diep"),
        ("deep objects", '{"a":' * 50_000, "json-te-diep"),
        ("nan", '{"a": NaN}', "json-geen-getal"),
        ("infinity", '{"a": -Infinity}', "json-geen-getal"),
        ("huge integer", '{"a": ' + "9" * 5000 + "}", "json-ongeldig"),
        ("syntax", '{"a": }', "json-syntax"),
        ("not utf-8", b"\xff\xfe{", "geen-utf8"),
    ],
)
def test_json_from_outside_fails_with_a_clear_error(_case, tekst, code):
    with pytest.raises(JsonFout) as fout:
        lees_json(tekst)
    assert fout.value.code == code


def test_json_numbers_become_decimals_without_float_overflow():
    data = lees_json('{"a": 1e999, "b": 0.1, "c": "[[[[", "d": [[1]]}')
    assert data == {"a": Decimal("1e999"), "b": Decimal("0.1"), "c": "[[[[", "d": [[1]]}


@pytest.mark.parametrize("tekst", ["", "abc", "1e3", "12,345.67", "-1", "١٢", "9" * 30, None])
def test_an_id_that_is_not_a_whole_number_is_not_found(tekst):
    from django.http import Http404

    from wmoregie.invoer import lees_id

    with pytest.raises(Http404):
        lees_id(tekst)


def test_a_whole_number_is_an_id():
    from wmoregie.invoer import lees_id

    assert lees_id("42") == 42


@pytest.mark.django_db
def test_an_id_beyond_64_bits_finds_nothing_instead_of_failing(client):
    from wmoregie.accounts.constants import Rol
    from wmoregie.accounts.tests.factories import UserFactory
    from wmoregie.catalogi.models import Perceel
    from wmoregie.catalogi.tests.factories import PerceelFactory

    perceel = PerceelFactory()
    groot = 10**20
    assert not Perceel.objects.filter(pk__in=[groot, -groot]).exists()
    assert not Perceel.objects.filter(regio_id=groot).exists()
    assert list(Perceel.objects.filter(pk__in=[groot, perceel.pk])) == [perceel]

    client.force_login(UserFactory(rol=Rol.INKOPER, rol__regio=perceel.regio))
    antwoord = client.post("/aanbestedingen/nieuw/", {"percelen": [str(groot)], "naam": "x"})
    assert antwoord.status_code == 200
    assert "Selecteer een geldige keuze" in antwoord.content.decode()
    # A question deadline beside a planning date that did not parse: the form says so, no 500.
    antwoord = client.post(
        "/aanbestedingen/nieuw/",
        {
            "percelen": [str(perceel.pk)],
            "gunning_vragen_deadline": "2026-05-01",
            "selectiebeslissing": "morgen",
        },
    )
    assert antwoord.status_code == 200
    assert "Voer een geldige datum in" in antwoord.content.decode()
