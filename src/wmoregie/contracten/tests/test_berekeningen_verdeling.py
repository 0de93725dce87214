"""Splitting a budget over municipalities and a yearly amount into instalments, to the cent."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wmoregie.contracten.berekeningen import BerekeningFout, split_budget, split_in_termijnen

# Illustrative inhabitant numbers (round figures, not CBS data) for the seven Utrecht
# municipalities of Regio Amersfoort, keyed by CBS gemeentecode.
INWONERS = {
    "0307": 160000,  # Amersfoort
    "0308": 25000,  # Baarn
    "0313": 22000,  # Bunschoten
    "0317": 9500,  # Eemnes
    "0327": 31000,  # Leusden
    "0342": 47000,  # Soest
    "0351": 14000,  # Woudenberg
}


def test_budget_is_split_by_largest_remainder():
    # 10.00 = 1,000 cents over keys 2, 3, 4 (sum 9):
    #   A: 1,000 × 2/9 = 222.22… -> 222, remainder 0.22
    #   B: 1,000 × 3/9 = 333.33… -> 333, remainder 0.33
    #   C: 1,000 × 4/9 = 444.44… -> 444, remainder 0.44
    #   222 + 333 + 444 = 999: one cent left, to the largest remainder (C) -> 445
    verdeling = split_budget(Decimal("10.00"), {"A": 2, "B": 3, "C": 4})

    assert verdeling.als_dict() == {
        "A": Decimal("2.22"),
        "B": Decimal("3.33"),
        "C": Decimal("4.45"),
    }
    assert [a.extra_cent for a in verdeling.aandelen] == [False, False, True]
    assert verdeling.verdeelde_restcenten == 1


def test_equal_remainders_go_to_the_lowest_identifier_whatever_the_input_order():
    # 100.00 in three equal parts: 3,333.33… cents each -> 3,333 each = 9,999; one cent left;
    # all remainders equal (0.33…), so the lowest CBS code, 0307, gets it.
    verdeling = split_budget(Decimal("100.00"), {"0313": 1, "0307": 1, "0308": 1})

    assert verdeling.als_dict() == {
        "0313": Decimal("33.33"),
        "0307": Decimal("33.34"),
        "0308": Decimal("33.33"),
    }
    assert [a.sleutel for a in verdeling.aandelen] == ["0313", "0307", "0308"]


def test_plain_rounding_would_create_cents_that_largest_remainder_does_not():
    # 1.00 in six equal parts: 16.66… cents each. Plain rounding: 6 × 0.17 = 1.02 (2 cents too
    # many). Largest remainder: 6 × 16 = 96; 4 cents left, to the four lowest identifiers.
    verdeling = split_budget(Decimal("1.00"), dict.fromkeys("ABCDEF", 1))

    assert list(verdeling.als_dict().values()) == [Decimal("0.17")] * 4 + [Decimal("0.16")] * 2
    assert sum(verdeling.als_dict().values()) == Decimal("1.00")


def test_regio_amersfoort_budget_is_split_by_inhabitants():
    # Total 1,000,000.00 = 100,000,000 cents; sum of inhabitants 308,500.
    #   0307: 100,000,000 × 160,000 / 308,500 = 51,863,857.374 -> 51,863,857 (rem .374)
    #   0308:            × 25,000             =  8,103,727.715 ->  8,103,727 (rem .715)
    #   0313:            × 22,000             =  7,131,280.389 ->  7,131,280 (rem .389)
    #   0317:            × 9,500              =  3,079,416.532 ->  3,079,416 (rem .532)
    #   0327:            × 31,000             = 10,048,622.366 -> 10,048,622 (rem .366)
    #   0342:            × 47,000             = 15,235,008.104 -> 15,235,008 (rem .104)
    #   0351:            × 14,000             =  4,538,087.520 ->  4,538,087 (rem .520)
    # floors add up to 99,999,997: 3 cents left, to the 3 largest remainders
    # (0308 .715, 0317 .532, 0351 .520).
    verdeling = split_budget(Decimal("1000000.00"), INWONERS)

    assert verdeling.als_dict() == {
        "0307": Decimal("518638.57"),
        "0308": Decimal("81037.28"),
        "0313": Decimal("71312.80"),
        "0317": Decimal("30794.17"),
        "0327": Decimal("100486.22"),
        "0342": Decimal("152350.08"),
        "0351": Decimal("45380.88"),
    }
    assert verdeling.verdeelde_restcenten == 3
    assert verdeling.som_verdeelsleutel == Decimal(308500)
    assert verdeling.aandelen[0].aandeel.quantize(Decimal("0.0001")) == Decimal("0.5186")


def test_historical_use_in_euros_works_as_a_key():
    # Key = 2024 spend: 0307 600,000.50 and 0308 199,999.50, sum 800,000.00.
    # 40,000.00 = 4,000,000 cents; 0307: 4,000,000 × 600,000.50 / 800,000 = 3,000,002.5
    # 0308: 999,997.5; floors 3,000,002 + 999,997 = 3,999,999; 1 cent left, equal remainders
    # (0.5 each) -> lowest code 0307.
    verdeling = split_budget(
        Decimal("40000.00"), {"0308": Decimal("199999.50"), "0307": Decimal("600000.50")}
    )

    assert verdeling.bedrag("0307") == Decimal("30000.03")
    assert verdeling.bedrag("0308") == Decimal("9999.97")


def test_one_municipality_gets_the_whole_budget():
    verdeling = split_budget(Decimal("1234567.89"), {"0307": 1})

    assert verdeling.als_dict() == {"0307": Decimal("1234567.89")}


def test_a_municipality_with_key_zero_gets_nothing():
    # 100.00 over 0, 1, 2: 0; 10,000/3 = 3,333.33… -> 3,333; 6,666.66… -> 6,666; 1 cent left
    # to the larger remainder (.66…) -> 6,667.
    verdeling = split_budget(Decimal("100.00"), {"0307": 0, "0308": 1, "0313": 2})

    assert verdeling.als_dict() == {
        "0307": Decimal("0.00"),
        "0308": Decimal("33.33"),
        "0313": Decimal("66.67"),
    }


def test_zero_total_splits_into_zeros():
    verdeling = split_budget(Decimal("0"), {"0307": 3, "0308": 1})

    assert set(verdeling.als_dict().values()) == {Decimal("0")}


def test_a_key_that_adds_up_to_zero_is_refused():
    with pytest.raises(BerekeningFout, match="telt op tot nul") as fout:
        split_budget(Decimal("100.00"), {"0307": 0, "0308": 0})

    assert fout.value.code == "verdeelsleutel-nul"


def test_an_empty_key_is_refused():
    with pytest.raises(BerekeningFout, match="De verdeelsleutel is leeg"):
        split_budget(Decimal("100.00"), {})


def test_a_negative_total_is_refused_with_a_dutch_message():
    with pytest.raises(BerekeningFout, match="Het te verdelen bedrag mag niet negatief zijn"):
        split_budget(Decimal("-100.00"), {"0307": 1})


def test_a_negative_key_is_refused():
    with pytest.raises(BerekeningFout, match="De verdeelsleutel van 0308 mag niet negatief zijn"):
        split_budget(Decimal("100.00"), {"0307": 1, "0308": -1})


def test_a_total_with_fractions_of_a_cent_is_refused():
    with pytest.raises(BerekeningFout, match="hele centen") as fout:
        split_budget(Decimal("100.005"), {"0307": 1})

    assert fout.value.code == "geen-hele-centen"


def test_mixed_identifier_types_are_refused():
    with pytest.raises(BerekeningFout, match="allemaal tekst of allemaal getallen"):
        split_budget(Decimal("100.00"), {"0307": 1, 308: 1})


def test_twelve_monthly_instalments_put_the_extra_cents_first():
    # 1,000.00 = 100,000 cents / 12 = 8,333 r 4: months 1–4 get 83.34, months 5–12 83.33.
    # 4 × 83.34 + 8 × 83.33 = 333.36 + 666.64 = 1,000.00
    termijnen = split_in_termijnen(Decimal("1000.00"), 12)

    assert [t.nummer for t in termijnen] == list(range(1, 13))
    assert [t.bedrag for t in termijnen] == [Decimal("83.34")] * 4 + [Decimal("83.33")] * 8


def test_four_quarterly_instalments_of_an_even_amount_are_equal():
    # 12,890,000.00 / 4 = 3,222,500.00
    termijnen = split_in_termijnen(Decimal("12890000.00"), 4)

    assert [t.bedrag for t in termijnen] == [Decimal("3222500.00")] * 4


def test_instalments_of_a_few_cents():
    # 0.03 in 4: 3 cents / 4 = 0 r 3 -> 0.01, 0.01, 0.01, 0.00
    termijnen = split_in_termijnen(Decimal("0.03"), 4)

    assert [t.bedrag for t in termijnen] == [Decimal("0.01")] * 3 + [Decimal("0.00")]


def test_zero_instalments_are_refused():
    with pytest.raises(BerekeningFout, match="ten minste 1") as fout:
        split_in_termijnen(Decimal("100.00"), 0)

    assert fout.value.code == "aantal-termijnen-ongeldig"


def test_a_negative_yearly_amount_cannot_be_split_into_instalments():
    with pytest.raises(BerekeningFout, match="mag niet negatief zijn"):
        split_in_termijnen(Decimal("-1.00"), 12)


# Properties -----------------------------------------------------------------------------------

bedragen = st.integers(min_value=0, max_value=10**13).map(lambda centen: Decimal(centen) / 100)
sleutelwaarden = st.one_of(
    st.integers(min_value=0, max_value=10**7).map(Decimal),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
)
verdeelsleutels = st.dictionaries(
    st.text(alphabet="0123456789", min_size=4, max_size=4), sleutelwaarden, min_size=1, max_size=40
).filter(lambda sleutel: sum(sleutel.values()) > 0)


@given(totaal=bedragen, verdeelsleutel=verdeelsleutels)
def test_property_budget_parts_always_add_up_to_the_total(totaal, verdeelsleutel):
    verdeling = split_budget(totaal, verdeelsleutel)

    assert sum(a.bedrag for a in verdeling.aandelen) == totaal
    for aandeel in verdeling.aandelen:
        assert aandeel.bedrag >= 0
        assert abs(aandeel.bedrag - aandeel.bedrag_exact) < Decimal("0.01")
        if aandeel.verdeelsleutel == 0:
            assert aandeel.bedrag == 0


@given(totaal=bedragen, verdeelsleutel=verdeelsleutels)
def test_property_budget_split_does_not_depend_on_input_order(totaal, verdeelsleutel):
    omgekeerd = dict(reversed(list(verdeelsleutel.items())))

    assert (
        split_budget(totaal, verdeelsleutel).als_dict()
        == split_budget(totaal, omgekeerd).als_dict()
    )


@given(totaal=bedragen, aantal=st.integers(min_value=1, max_value=366))
def test_property_instalments_always_add_up_to_the_total(totaal, aantal):
    termijnen = split_in_termijnen(totaal, aantal)

    assert len(termijnen) == aantal
    assert sum(t.bedrag for t in termijnen) == totaal
    assert max(t.bedrag for t in termijnen) - min(t.bedrag for t in termijnen) <= Decimal("0.01")
    assert [t.bedrag for t in termijnen] == sorted((t.bedrag for t in termijnen), reverse=True)
