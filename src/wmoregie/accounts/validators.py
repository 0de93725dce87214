import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_KVK = re.compile(r"[0-9]{8}")


def validate_kvk_nummer(value: str) -> None:
    """A KvK number has eight digits (Handelsregisterwet; no check digit is defined)."""
    if not _KVK.fullmatch(value or ""):
        raise ValidationError(
            _("Een KvK-nummer bestaat uit precies acht cijfers."), code="kvk-nummer-formaat"
        )


_AGB = re.compile(r"[0-9]{8}")


def validate_agb_code(value: str) -> None:
    """An AGB code (Vektis) has eight digits; iWmo messages carry it as Afzender/Ontvanger."""
    if not _AGB.fullmatch(value or ""):
        raise ValidationError(
            _("Een AGB-code bestaat uit precies acht cijfers."), code="agb-code-formaat"
        )
