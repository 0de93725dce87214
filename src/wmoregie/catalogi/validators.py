"""Field rules of the catalogue, shared by models, forms, serializers and the importer."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from iwmo.validatie.gemeentecodes import CBS_GEMEENTECODES_2026

_GEMEENTECODE = re.compile(r"[0-9]{4}")
# iWmo LDT_ProductCode: 1 to 5 characters, not only whitespace.
_PRODUCTCODE = re.compile(r"(?=.*\S).{1,5}")


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
