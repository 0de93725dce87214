"""Field rules of the catalogue, shared by models, forms, serializers and the importer."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from iwmo.validatie.gemeentecodes import CBS_GEMEENTECODES_2026

_GEMEENTECODE = re.compile(r"[0-9]{4}")
# iWmo LDT_ProductCode: 1 to 5 characters, not only whitespace.
_PRODUCTCODE = re.compile(r"(?=.*\S).{1,5}")
# CPV 2008 as eForms writes it: the eight digits, without the check digit.
_CPV = re.compile(r"[0-9]{8}")
# A NUTS 2024 code at level 3: the country's two letters and three letters or digits.
_POSTCODE = re.compile(r"[1-9][0-9]{3} ?[A-Z]{2}")
_NUTS3 = re.compile(r"[A-Z]{2}[0-9A-Z]{3}")


def validate_gemeentecode(value: str) -> None:
    """A CBS gemeentecode: four digits, and a municipality in the CBS list of 2026."""
    if not _GEMEENTECODE.fullmatch(value or ""):
        raise ValidationError(
            _("Een CBS-gemeentecode bestaat uit precies vier cijfers, bijvoorbeeld 0307."),
            code="gemeentecode-formaat",
        )
    if value not in CBS_GEMEENTECODES_2026:
        raise ValidationError(
            _("Gemeentecode %(code)s komt niet voor in de CBS-gemeentelijke indeling 2026."),
            code="gemeentecode-onbekend",
            params={"code": value},
        )


def validate_productcode(value: str) -> None:
    if not _PRODUCTCODE.fullmatch(value or ""):
        raise ValidationError(
            _("Een iWmo-productcode heeft 1 tot 5 tekens en is niet leeg."),
            code="productcode-formaat",
        )


def validate_cpv_code(value: str) -> None:
    """A CPV code (Common Procurement Vocabulary) as eForms writes it: eight digits."""
    if not _CPV.fullmatch(value or ""):
        raise ValidationError(
            _("Een CPV-code bestaat uit acht cijfers, zonder controlecijfer (bijv. 85312000)."),
            code="cpv-code-formaat",
        )


def validate_nuts3_code(value: str) -> None:
    """A NUTS code at level 3 (e.g. NL350 for the province of Utrecht in NUTS 2024)."""
    if not _NUTS3.fullmatch(value or ""):
        raise ValidationError(
            _(
                "Een NUTS-code op niveau 3 bestaat uit twee hoofdletters en drie tekens (bijv. NL350)."
            ),
            code="nuts-code-formaat",
        )


def validate_postcode(value: str) -> None:
    """A Dutch postcode: four digits (not starting with 0) and two capitals, e.g. 3811 HD."""
    if not _POSTCODE.fullmatch(value or ""):
        raise ValidationError(
            _("Een postcode bestaat uit vier cijfers en twee hoofdletters, bijvoorbeeld 3811 HD."),
            code="postcode-formaat",
        )
