from django.core.exceptions import ValidationError

import pytest

from wmoregie.catalogi.validators import validate_gemeentecode, validate_productcode


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
