"""Field rules of contracten. Each error has a stable code and a Dutch message."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ARTIKELNUMMER = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2}){0,3}")


def validate_artikelnummer(value: str) -> None:
    """An article number of the contract standard: ``3``, ``3.2``, ``3.9.1``."""
    if not _ARTIKELNUMMER.fullmatch(value or ""):
        raise ValidationError(
            _("‘%(nummer)s’ is geen artikelnummer; schrijf bijvoorbeeld 3.2 of 3.9.1."),
            code="artikelnummer-formaat",
            params={"nummer": value},
        )


def validate_artikelnummers(value) -> None:
    if not isinstance(value, list):
        raise ValidationError(
            _("De artikelen zijn een lijst van nummers."), code="artikelen-geen-lijst"
        )
    for nummer in value:
        validate_artikelnummer(str(nummer))


def parse_artikelnummers(tekst: str) -> list[str]:
    """'3.2, 3.9 ;1.8' -> ['1.8', '3.2', '3.9'] (unique, in numeric order); raises on a bad one."""
    nummers = [deel.strip() for deel in re.split(r"[,;\s]+", tekst or "") if deel.strip()]
    fouten = []
    for nummer in nummers:
        try:
            validate_artikelnummer(nummer)
        except ValidationError as fout:
            fouten.extend(fout.error_list)
    if fouten:
        raise ValidationError(fouten)
    return sorted(set(nummers), key=lambda n: [int(d) for d in n.split(".")])


def validate_fractie(value) -> None:
    if value is not None and not (0 <= value <= 1):
        raise ValidationError(
            _("Een weging is een fractie tussen 0 en 1 (0,8 voor 80 %)."),
            code="weging-buiten-bereik",
        )
