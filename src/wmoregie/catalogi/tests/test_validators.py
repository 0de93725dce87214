from django.core.exceptions import ValidationError

import pytest

from wmoregie.catalogi.validators import (
    validate_cpv_code,
    validate_gemeentecode,
    validate_nuts3_code,
    validate_postcode,
    validate_productcode,
)


@pytest.mark.parametrize("code", ["0307", "0308", "0313", "0317", "0327", "0342", "0351", "0363"])
def test_known_cbs_codes_are_accepted(code):
    validate_gemeentecode(code)


@pytest.mark.parametrize(
    ("_case", "code", "foutcode"),
    [
        ("three digits", "307", "gemeentecode-formaat"),
        ("five digits", "03070", "gemeentecode-formaat"),
        ("letters", "A307", "gemeentecode-formaat"),
        ("empty", "", "gemeentecode-formaat"),
        ("trailing newline", "0307\n", "gemeentecode-formaat"),
        ("well-formed but no municipality", "0001", "gemeentecode-onbekend"),
        ("merged into Amsterdam in 2022 (Weesp)", "0457", "gemeentecode-onbekend"),
    ],
)
def test_invalid_cbs_codes_are_refused_with_a_code(_case, code, foutcode):
    with pytest.raises(ValidationError) as exc:
        validate_gemeentecode(code)
    assert exc.value.code == foutcode
    assert "gemeentecode" in exc.value.messages[0].lower()


@pytest.mark.parametrize("code", ["RAB01", "1", "02A01", "X 1"])
def test_productcodes_of_one_to_five_characters_are_accepted(code):
    validate_productcode(code)


@pytest.mark.parametrize("code", ["", "     ", "RAB012"])
def test_productcodes_that_are_empty_blank_or_too_long_are_refused(code):
    with pytest.raises(ValidationError) as exc:
        validate_productcode(code)
    assert exc.value.code == "productcode-formaat"


@pytest.mark.parametrize("waarde", ["85312000", "85000000"])
def test_a_cpv_code_has_eight_digits(waarde):
    validate_cpv_code(waarde)


@pytest.mark.parametrize("waarde", ["", "8531200", "85312000-9", "8531200A", " 85312000"])
def test_a_malformed_cpv_code_is_refused_with_its_code(waarde):
    with pytest.raises(ValidationError) as fout:
        validate_cpv_code(waarde)
    assert fout.value.code == "cpv-code-formaat"


@pytest.mark.parametrize("waarde", ["NL350", "NL221", "NLZZZ"])
def test_a_nuts3_code(waarde):
    validate_nuts3_code(waarde)


@pytest.mark.parametrize("waarde", ["", "NL35", "nl350", "NL3500", "NLD"])
def test_a_malformed_nuts_code_is_refused(waarde):
    with pytest.raises(ValidationError) as fout:
        validate_nuts3_code(waarde)
    assert fout.value.code == "nuts-code-formaat"


@pytest.mark.parametrize("waarde", ["3811 HD", "3811HD"])
def test_a_dutch_postcode(waarde):
    validate_postcode(waarde)


@pytest.mark.parametrize("waarde", ["", "0811 HD", "3811 hd", "381 HD", "3811 HDX"])
def test_a_malformed_postcode_is_refused(waarde):
    with pytest.raises(ValidationError) as fout:
        validate_postcode(waarde)
    assert fout.value.code == "postcode-formaat"
