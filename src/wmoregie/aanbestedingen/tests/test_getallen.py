"""#14 A.1: numbers typed on the award pages are checked against their declared range; a
refused number shows a Dutch message, stores nothing, and no page fails afterwards."""

from decimal import Decimal

from django.urls import reverse

import pytest

from wmoregie.aanbestedingen.models import Beoordeling, Consensusscore

from .gunning_helpers import in_beoordeling, inschrijving_van, nieuwe_beoordelaar

pytestmark = pytest.mark.django_db

ONGELDIG = ["1e308", "1e999", "NaN", "sNaN", "Infinity", "-inf", "1E+5", "123456789012345678"]


@pytest.mark.parametrize("prijs", ONGELDIG)
def test_an_out_of_range_price_is_refused_and_every_page_keeps_working(
    client, regio, inkoper, prijs
):
    aanbesteding = in_beoordeling(regio, inkoper)
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    client.force_login(inkoper)
    antwoord = client.post(
        reverse("aanbestedingen:prijs", args=[inschrijving.pk]), {"prijs": prijs}, follow=True
    )
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Voer een getal in" in tekst or "te groot" in tekst
    inschrijving.refresh_from_db()
    assert inschrijving.prijs is None
    for url in (
        reverse("aanbestedingen:gunning", args=[aanbesteding.pk]),
        f"/api/v1/aanbestedingen/inschrijvingen/{inschrijving.pk}/",
        "/api/v1/aanbestedingen/inschrijvingen/",
    ):
        assert client.get(url).status_code == 200, url


def test_a_price_in_dutch_notation_is_read_as_meant(client, regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    client.force_login(inkoper)
    client.post(reverse("aanbestedingen:prijs", args=[inschrijving.pk]), {"prijs": "24.750.000,00"})
    inschrijving.refresh_from_db()
    assert inschrijving.prijs == Decimal("24750000.00")


@pytest.mark.parametrize("score", ["NaN", "sNaN", "Infinity", "1e308"])
def test_a_non_finite_score_is_refused_with_a_message(client, regio, inkoper, score):
    aanbesteding = in_beoordeling(regio, inkoper)
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    anna = nieuwe_beoordelaar(regio, "Anna")
    client.force_login(anna)
    client.post(
        reverse("aanbestedingen:beoordelen", args=[aanbesteding.pk]),
        {"geen_belangenconflict": "ja"},
    )
    criterium = aanbesteding.criteria.first()
    antwoord = client.post(
        reverse("aanbestedingen:beoordeling", args=[inschrijving.pk]),
        {f"score-{criterium.pk}": score, f"motivering-{criterium.pk}": "Goed."},
    )
    assert antwoord.status_code == 200
    assert (
        "Voer een getal in" in antwoord.content.decode() or "te groot" in antwoord.content.decode()
    )
    assert not Beoordeling.objects.exists()

    client.force_login(inkoper)
    antwoord = client.post(
        reverse("aanbestedingen:consensus", args=[aanbesteding.pk]),
        {
            f"score-{inschrijving.pk}-{criterium.pk}": score,
            f"motivering-{inschrijving.pk}-{criterium.pk}": "x",
        },
        follow=True,
    )
    assert antwoord.status_code == 200
    assert not Consensusscore.objects.exists()


def test_the_score_range_is_shown_in_dutch_notation(client, regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    anna = nieuwe_beoordelaar(regio, "Anna")
    client.force_login(anna)
    client.post(
        reverse("aanbestedingen:beoordelen", args=[aanbesteding.pk]),
        {"geen_belangenconflict": "ja"},
    )
    criterium = aanbesteding.criteria.first()
    antwoord = client.post(
        reverse("aanbestedingen:beoordeling", args=[inschrijving.pk]),
        {f"score-{criterium.pk}": "11", f"motivering-{criterium.pk}": "Goed."},
    )
    tekst = antwoord.content.decode()
    assert "tussen 0 en 10." in tekst
    assert "10.00" not in tekst


def test_a_lottery_seed_longer_than_its_field_is_refused(client, regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    client.force_login(inkoper)
    antwoord = client.post(
        reverse("aanbestedingen:seed", args=[aanbesteding.pk]), {"seed": "x" * 100_000}, follow=True
    )
    assert "hoogstens 200 tekens" in antwoord.content.decode()
    aanbesteding.refresh_from_db()
    assert aanbesteding.loting_seed == ""


@pytest.mark.parametrize("kapot", ["", "abc", "12,345.67", "1e308"])
def test_a_consensus_post_naming_no_real_tender_or_criterion_stores_nothing_and_does_not_fail(
    client, regio, inkoper, kapot
):
    aanbesteding = in_beoordeling(regio, inkoper)
    client.force_login(inkoper)

    antwoord = client.post(
        reverse("aanbestedingen:consensus", args=[aanbesteding.pk]),
        {
            "inschrijving": kapot,
            "criterium": kapot,
            f"score-{kapot}-{kapot}": "7",
            "motivering": "x",
        },
    )

    assert antwoord.status_code in (200, 302)
    assert not Consensusscore.objects.exists()
