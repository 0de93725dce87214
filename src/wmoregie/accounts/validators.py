import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_KVK = re.compile(r"[0-9]{8}")


def validate_kvk_nummer(value: str) -> None:
    """A KvK number has eight digits (Handelsregisterwet). No check digit is defined and
    python-stdnum has no module for it (it has one for the BSN, used in ``clienten``), so we
    check the form and refuse numbers the register never issues: the first two digits were the
    chamber (01 and up) or, since 2009, a new series, so ``00......`` does not exist."""
    if not _KVK.fullmatch(value or ""):
        raise ValidationError(
            _("Een KvK-nummer bestaat uit precies acht cijfers."), code="kvk-nummer-formaat"
        )
    if value.startswith("00"):
        raise ValidationError(
            _(
                "%(nummer)s is geen bestaand KvK-nummer; controleer het nummer in het Handelsregister."
            )
            % {"nummer": value},
            code="kvk-nummer-onmogelijk",
        )


_AGB = re.compile(r"[0-9]{8}")


def validate_agb_code(value: str) -> None:
    """An AGB code (Vektis) has eight digits; iWmo messages carry it as Afzender/Ontvanger."""
    if not _AGB.fullmatch(value or ""):
        raise ValidationError(
            _("Een AGB-code bestaat uit precies acht cijfers."), code="agb-code-formaat"
        )
