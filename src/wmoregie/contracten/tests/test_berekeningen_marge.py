"""The margin a hoofdaannemer keeps between the tariff it receives and what it pays a
subcontractor."""

from decimal import Decimal

import pytest

from wmoregie.contracten.berekeningen import BerekeningFout, calculate_marge


def test_margin_as_amount_share_of_tariff_and_mark_up():
    # received 61.67, pays 57.60: margin 61.67 − 57.60 = 4.07 per hour
    # share of the tariff: 4.07 / 61.67 × 100 = 6.59964… % -> 6.60 %
    # mark-up:             4.07 / 57.60 × 100 = 7.06597… % -> 7.07 %
    # over 1,000 hours:    4.07 × 1,000 = 4,070.00
    berekening = calculate_marge(Decimal("61.67"), Decimal("57.60"), aantal=1000)

    assert berekening.marge == Decimal("4.07")
    assert berekening.margepercentage == Decimal("6.60")
    assert berekening.margepercentage_exact.quantize(Decimal("0.00001")) == Decimal("6.59964")
    assert berekening.opslagpercentage == Decimal("7.07")
    assert berekening.marge_totaal == Decimal("4070.00")
    assert not berekening.is_negatief


def test_margin_steps_are_labelled_in_dutch():
    berekening = calculate_marge(Decimal("61.67"), Decimal("57.60"), aantal=1000)

    assert berekening.codes() == [
        "ontvangen_tarief",
        "onderaannemer_tarief",
        "marge",
        "margepercentage",
        "opslagpercentage",
        "marge_totaal",
    ]
    assert berekening.stap("marge").label == "Marge van de hoofdaannemer"
    assert berekening.stap("marge").toelichting == "61,67 − 57,60"
    assert berekening.stap("marge_totaal").label == "Marge over 1.000,00 uur"


def test_a_negative_margin_is_shown_and_flagged_not_refused():
    # received 50.00, pays 55.00: −5.00; −5 / 50 × 100 = −10 %; −5 / 55 × 100 = −9.0909… %
    berekening = calculate_marge(Decimal("50.00"), Decimal("55.00"))

    assert berekening.marge == Decimal("-5.00")
    assert berekening.margepercentage == Decimal("-10.00")
    assert berekening.opslagpercentage == Decimal("-9.09")
    assert berekening.is_negatief
    assert berekening.marge_totaal is None


def test_no_margin_when_the_tariffs_are_equal():
    berekening = calculate_marge(Decimal("61.67"), Decimal("61.67"))

    assert berekening.marge == Decimal("0.00")
    assert berekening.margepercentage == Decimal("0.00")


def test_a_subcontractor_tariff_of_zero_has_no_mark_up():
    berekening = calculate_marge(Decimal("10.00"), Decimal("0"))

    assert berekening.margepercentage == Decimal("100.00")
    assert berekening.opslagpercentage is None
    assert "opslagpercentage" not in berekening.codes()


def test_a_received_tariff_of_zero_is_refused():
    with pytest.raises(BerekeningFout, match="is nul") as fout:
        calculate_marge(Decimal("0"), Decimal("5.00"))

    assert fout.value.code == "marge-zonder-tarief"


@pytest.mark.parametrize(
    ("_case", "ontvangen", "betaald", "melding"),
    [
        ("ontvangen", "-1.00", "1.00", "Het tarief dat de hoofdaannemer ontvangt mag niet"),
        ("betaald", "1.00", "-1.00", "Het tarief dat de onderaannemer ontvangt mag niet"),
    ],
)
def test_negative_tariffs_are_refused(_case, ontvangen, betaald, melding):
    with pytest.raises(BerekeningFout, match=melding):
        calculate_marge(Decimal(ontvangen), Decimal(betaald))
