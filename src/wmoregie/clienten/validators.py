"""Field rules of the client administration: each error has a stable code and a Dutch message."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stdnum.exceptions import ValidationError as StdnumFout
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

_TELEFOON = re.compile(r"[0-9]{1,15}")
_VOORLETTERS = re.compile(r"[A-Za-zÀ-ỳ]{1,6}")
OUDSTE_GEBOORTEJAAR = 1900


def normaliseer_bsn(waarde: str) -> str:
    """The digits of a BSN as typed with spaces or dots ("1234.56.782"). Not padded with
    zeros (as python-stdnum's ``compact`` does): a short number stays short and is refused."""
    return "".join(teken for teken in (waarde or "") if teken not in " .-")


def validate_bsn(waarde: str) -> None:
    """Nine digits that pass the elfproef (python-stdnum, as the iWmo rule CS002)."""
    if not re.fullmatch(r"[0-9]{9}", waarde or ""):
        raise ValidationError(
            _("Een BSN bestaat uit negen cijfers."), code="bsn-formaat", params={"waarde": waarde}
        )
    if not stdnum_bsn.is_valid(waarde):
        raise ValidationError(
            _("Dit BSN voldoet niet aan de elfproef: controleer de cijfers."), code="bsn-elfproef"
        )


def normaliseer_postcode(waarde: str) -> str:
    return stdnum_postcode.compact(waarde or "")


def validate_postcode(waarde: str) -> None:
    """A Dutch postcode: four digits (not starting with 0) and two letters (not SA, SD, SS)."""
    try:
        stdnum_postcode.validate(waarde or "")
    except StdnumFout:
        raise ValidationError(
            _("Een postcode bestaat uit vier cijfers en twee letters, bijvoorbeeld 3811 AB."),
            code="postcode-formaat",
        ) from None


def validate_telefoon(waarde: str) -> None:
    """As iWmo carries it: up to fifteen digits, without spaces or signs."""
    if waarde and not _TELEFOON.fullmatch(waarde):
        raise ValidationError(
            _("Een telefoonnummer bestaat uit hoogstens vijftien cijfers, zonder spaties."),
            code="telefoon-formaat",
        )


def validate_voorletters(waarde: str) -> None:
    if waarde and not _VOORLETTERS.fullmatch(waarde):
        raise ValidationError(
            _("Voorletters zijn één tot zes letters zonder punten, bijvoorbeeld JP."),
            code="voorletters-formaat",
        )


def validate_geboortedatum(waarde: date) -> None:
    from django.utils import timezone

    if waarde is None:
        return
    if waarde > timezone.localdate():
        raise ValidationError(
            _("De geboortedatum ligt in de toekomst."), code="geboortedatum-toekomst"
        )
    if waarde.year < OUDSTE_GEBOORTEJAAR:
        raise ValidationError(
            _("De geboortedatum ligt vóór %(jaar)s."),
            code="geboortedatum-te-oud",
            params={"jaar": OUDSTE_GEBOORTEJAAR},
        )
