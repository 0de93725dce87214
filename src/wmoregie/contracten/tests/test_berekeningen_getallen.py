"""The shared number rules: Decimal only, exact intermediates, half-up rounding to cents."""

from decimal import ROUND_DOWN, Decimal, localcontext

import pytest

from wmoregie.contracten.berekeningen import (
    BerekeningFout,
    Indexcomponent,
    calculate_indexering,
    split_budget,
    split_in_termijnen,
)
from wmoregie.contracten.berekeningen.getallen import (
    formatteer,
    formatteer_percentage,
    naar_decimal,
    rond_af_op_centen,
    rond_percentage_af,
)


@pytest.mark.parametrize(
    ("_case", "waarde", "verwacht"),
    [
        ("half omhoog", "2.345", "2.35"),
        ("half omhoog ook bij even cent", "2.335", "2.34"),
        ("net onder de helft", "2.3449999", "2.34"),
        ("negatief, weg van nul", "-2.345", "-2.35"),
        ("al in centen", "2.30", "2.30"),
    ],
)
def test_amounts_round_half_up_to_cents(_case, waarde, verwacht):
    assert rond_af_op_centen(Decimal(waarde)) == Decimal(verwacht)


def test_percentages_round_half_up_to_two_decimals():
    assert rond_percentage_af(Decimal("6.595")) == Decimal("6.60")


def test_text_and_integers_are_accepted_as_numbers():
    assert naar_decimal(" 3500.00 ", "Salaris") == Decimal("3500.00")
    assert naar_decimal(12, "Maanden") == Decimal(12)


@pytest.mark.parametrize(("_case", "waarde"), [("float", 0.1), ("bool", True), ("lijst", [1])])
def test_non_numbers_are_refused_as_type_errors(_case, waarde):
    with pytest.raises(TypeError):
        naar_decimal(waarde, "Bedrag")


@pytest.mark.parametrize(
    ("_case", "waarde"), [("tekst", "drie"), ("nan", "NaN"), ("oneindig", "Infinity")]
)
def test_invalid_or_infinite_numbers_are_refused(_case, waarde):
    with pytest.raises(BerekeningFout, match="Bedrag") as fout:
        naar_decimal(waarde, "Bedrag")

    assert fout.value.code == "ongeldig-getal"


def test_results_do_not_depend_on_the_callers_decimal_context():
    # Worked example of test_berekeningen_indexering: 61.67 × 1.0312 = 63.594104 -> 63.59,
    # also when the caller has set a coarse, truncating context.
    componenten = [
        Indexcomponent("personele kosten", "OVA", "0.8", "3.0", "3.1", "3.4"),
        Indexcomponent("materiële kosten", "CPI", "0.2", "2.0", "2.2", "2.6"),
    ]
    with localcontext() as context:
        context.prec = 3
        context.rounding = ROUND_DOWN
        berekening = calculate_indexering(Decimal("61.67"), componenten, jaar=2026)

    assert berekening.nieuw_bedrag == Decimal("63.59")


def test_splits_do_not_depend_on_the_callers_decimal_context():
    # 1,234,567.89 in 2 equal parts: 123,456,789 cents / 2 = 61,728,394 r 1 -> first +1 cent.
    with localcontext() as context:
        context.prec = 3
        context.rounding = ROUND_DOWN
        verdeling = split_budget(Decimal("1234567.89"), {"0307": 1, "0308": 1})
        termijnen = split_in_termijnen(Decimal("1234567.89"), 2)

    assert verdeling.als_dict() == {"0307": Decimal("617283.95"), "0308": Decimal("617283.94")}
    assert [t.bedrag for t in termijnen] == [Decimal("617283.95"), Decimal("617283.94")]


def test_numbers_in_explanations_use_dutch_notation():
    assert formatteer(Decimal("63516.18")) == "63.516,18"
    assert formatteer(Decimal("-1234.5")) == "-1.234,50"
    assert formatteer(Decimal("1872"), 0) == "1.872"
    assert formatteer_percentage(Decimal("8.330")) == "8,33 %"
    assert formatteer_percentage(Decimal("30")) == "30 %"
