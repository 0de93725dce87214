"""Indexation by the method of art. 3.2 of the model agreement: forecast for t+1 plus the
correction (definitive − earlier forecast) for t, per cost kind, weighted."""

from decimal import Decimal

import pytest

from wmoregie.contracten.berekeningen import (
    BerekeningFout,
    Indexcomponent,
    calculate_indexering,
)


def _componenten_2026() -> list[Indexcomponent]:
    """Forecasts made in 2025 for 2026 and the correction over 2025 (docs/procurement-rules.md)."""
    return [
        Indexcomponent(
            kostensoort="personele kosten",
            indexcijfer="OVA",
            weging=Decimal("0.8"),
            prognose_volgend_jaar=Decimal("3.0"),
            prognose_lopend_jaar=Decimal("3.1"),
            definitief_lopend_jaar=Decimal("3.4"),
        ),
        Indexcomponent(
            kostensoort="materiële kosten",
            indexcijfer="CPI",
            weging=Decimal("0.2"),
            prognose_volgend_jaar=Decimal("2.0"),
            prognose_lopend_jaar=Decimal("2.2"),
            definitief_lopend_jaar=Decimal("2.6"),
        ),
    ]


def test_worked_example_indexes_a_tariff_by_3_12_percent():
    # personnel: 3.0 + (3.4 − 3.1) = 3.0 + 0.3 = 3.3 %
    # material:  2.0 + (2.6 − 2.2) = 2.0 + 0.4 = 2.4 %
    # weighted:  0.8 × 3.3 + 0.2 × 2.4 = 2.64 + 0.48 = 3.12 %
    # tariff:    61.67 × 1.0312 = 61.67 + 1.924104 = 63.594104 -> 63.59
    berekening = calculate_indexering(Decimal("61.67"), _componenten_2026(), jaar=2026)

    personeel, materieel = berekening.componenten
    assert personeel.correctie == Decimal("0.3")
    assert personeel.index == Decimal("3.3")
    assert personeel.bijdrage == Decimal("2.64")
    assert materieel.correctie == Decimal("0.4")
    assert materieel.index == Decimal("2.4")
    assert materieel.bijdrage == Decimal("0.48")
    assert berekening.indexpercentage == Decimal("3.12")
    assert berekening.nieuw_bedrag_exact == Decimal("63.594104")
    assert berekening.nieuw_bedrag == Decimal("63.59")
    assert berekening.verschil == Decimal("1.92")


def test_a_taakgericht_budget_is_indexed_the_same_way():
    # 12,500,000.00 × 1.0312 = 12,500,000 + 390,000 = 12,890,000.00
    berekening = calculate_indexering(Decimal("12500000.00"), _componenten_2026(), jaar=2026)

    assert berekening.nieuw_bedrag == Decimal("12890000.00")


def test_first_contract_year_uses_the_forecast_only_without_correction():
    # Contract started in 2025 at the 2025 price: 2026 gets only the forecast.
    # 0.8 × 3.0 + 0.2 × 2.0 = 2.4 + 0.4 = 2.8 %; 61.67 × 1.028 = 63.39676 -> 63.40
    componenten = [
        Indexcomponent("personele kosten", "OVA", Decimal("0.8"), Decimal("3.0")),
        Indexcomponent("materiële kosten", "CPI", Decimal("0.2"), Decimal("2.0")),
    ]

    berekening = calculate_indexering(
        Decimal("61.67"), componenten, jaar=2026, eerste_contractjaar=True
    )

    assert berekening.indexpercentage == Decimal("2.8")
    assert berekening.nieuw_bedrag == Decimal("63.40")
    assert [c.correctie for c in berekening.componenten] == [Decimal(0), Decimal(0)]
    assert berekening.stap("correctie_1").label == (
        "Personele kosten: geen nacalculatie over 2025 (eerste contractjaar)"
    )


def test_first_contract_year_refuses_correction_figures():
    with pytest.raises(BerekeningFout, match="alleen de prognose voor 2026") as fout:
        calculate_indexering(
            Decimal("61.67"), _componenten_2026(), jaar=2026, eerste_contractjaar=True
        )

    assert fout.value.code == "nacalculatie-in-eerste-contractjaar"


def test_a_forecast_that_was_too_high_lowers_the_index_and_can_turn_a_part_negative():
    # Jeugd-like weights 90 % OVA / 10 % PPC.
    # OVA: 2.5 + (2.6 − 3.0) = 2.5 − 0.4 = 2.1 %
    # PPC: 1.5 + (2.0 − 4.0) = 1.5 − 2.0 = −0.5 %
    # weighted: 0.9 × 2.1 + 0.1 × (−0.5) = 1.89 − 0.05 = 1.84 %
    # 100.00 × 1.0184 = 101.84
    componenten = [
        Indexcomponent("personele kosten", "OVA", Decimal("0.9"), "2.5", "3.0", "2.6"),
        Indexcomponent("materiële kosten", "PPC", Decimal("0.1"), "1.5", "4.0", "2.0"),
    ]

    berekening = calculate_indexering(Decimal("100.00"), componenten, jaar=2027)

    assert berekening.componenten[1].index == Decimal("-0.5")
    assert berekening.indexpercentage == Decimal("1.84")
    assert berekening.nieuw_bedrag == Decimal("101.84")


def test_a_negative_index_lowers_the_amount():
    # 0.8 × −1.0 + 0.2 × −2.0 = −0.8 − 0.4 = −1.2 %; 250.00 × 0.988 = 247.00
    componenten = [
        Indexcomponent("personele kosten", "OVA", "0.8", "-1.0", "0", "0"),
        Indexcomponent("materiële kosten", "CPI", "0.2", "-2.0", "0", "0"),
    ]

    berekening = calculate_indexering(Decimal("250.00"), componenten, jaar=2026)

    assert berekening.nieuw_bedrag == Decimal("247.00")
    assert berekening.verschil == Decimal("-3.00")


def test_the_new_amount_is_rounded_half_up_to_cents():
    # 0.50 × 1.01 = 0.505 -> 0.51 (banker's rounding would give 0.50)
    componenten = [Indexcomponent("personele kosten", "OVA", 1, "1", "0", "0")]

    berekening = calculate_indexering(Decimal("0.50"), componenten, jaar=2026)

    assert berekening.nieuw_bedrag_exact == Decimal("0.505")
    assert berekening.nieuw_bedrag == Decimal("0.51")


def test_every_step_is_labelled_in_dutch_with_the_years():
    berekening = calculate_indexering(Decimal("61.67"), _componenten_2026(), jaar=2026)

    assert berekening.codes() == [
        "bedrag",
        "prognose_1",
        "eerdere_prognose_1",
        "definitief_1",
        "correctie_1",
        "index_1",
        "bijdrage_1",
        "prognose_2",
        "eerdere_prognose_2",
        "definitief_2",
        "correctie_2",
        "index_2",
        "bijdrage_2",
        "indexpercentage",
        "nieuw_bedrag_exact",
        "nieuw_bedrag",
    ]
    assert berekening.stap("prognose_1").label == "Personele kosten (OVA): prognose 2026"
    assert berekening.stap("eerdere_prognose_1").label == (
        "Personele kosten: prognose 2025 (zoals vastgesteld in 2024)"
    )
    assert berekening.stap("correctie_2").toelichting == "2,6 % − 2,2 %"
    assert berekening.stap("indexpercentage").toelichting == "2,64 % + 0,48 %"
    assert berekening.stap("nieuw_bedrag").label == "Bedrag 2026, afgerond op centen"


def test_weights_must_add_up_to_one():
    componenten = [
        Indexcomponent("personele kosten", "OVA", "0.8", "3.0", "3.1", "3.4"),
        Indexcomponent("materiële kosten", "CPI", "0.1", "2.0", "2.2", "2.6"),
    ]

    with pytest.raises(BerekeningFout, match="samen precies 1") as fout:
        calculate_indexering(Decimal("61.67"), componenten, jaar=2026)

    assert fout.value.code == "wegingen-niet-samen-een"


def test_a_weight_given_as_a_percentage_is_refused():
    componenten = [Indexcomponent("personele kosten", "OVA", 80, "3.0", "3.1", "3.4")]

    with pytest.raises(BerekeningFout, match="fractie tussen 0 en 1"):
        calculate_indexering(Decimal("61.67"), componenten, jaar=2026)


def test_a_correction_needs_both_the_earlier_forecast_and_the_definitive_figure():
    componenten = [Indexcomponent("personele kosten", "OVA", 1, "3.0", prognose_lopend_jaar="3.1")]

    with pytest.raises(
        BerekeningFout, match="zowel de eerdere prognose als het definitieve"
    ) as fout:
        calculate_indexering(Decimal("61.67"), componenten, jaar=2026)

    assert fout.value.code == "nacalculatie-onvolledig"


def test_negative_amount_is_refused():
    with pytest.raises(BerekeningFout, match="mag niet negatief zijn"):
        calculate_indexering(Decimal("-61.67"), _componenten_2026(), jaar=2026)


def test_negative_weight_is_refused():
    componenten = [
        Indexcomponent("materiële kosten", "CPI", "-0.2", "2.0", "2.2", "2.6"),
        Indexcomponent("personele kosten", "OVA", "1.2", "3.0", "3.1", "3.4"),
    ]

    with pytest.raises(BerekeningFout, match="De weging van materiële kosten mag niet negatief"):
        calculate_indexering(Decimal("61.67"), componenten, jaar=2026)


def test_an_index_below_minus_100_percent_is_refused():
    componenten = [Indexcomponent("personele kosten", "OVA", 1, "-150", "0", "0")]

    with pytest.raises(BerekeningFout, match="negatief"):
        calculate_indexering(Decimal("10.00"), componenten, jaar=2026)


def test_at_least_one_cost_kind_is_needed():
    with pytest.raises(BerekeningFout, match="ten minste één kostensoort"):
        calculate_indexering(Decimal("10.00"), [], jaar=2026)
