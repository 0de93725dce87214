"""Field rules of the procurement context: uploads. Each error has a stable code and Dutch text."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..bestandscontrole import controleer_inhoud
from .constants import MAX_UPLOAD_BYTES, TOEGESTANE_BESTANDEN, XML_BESTAND


def _mb(aantal: int) -> int:
    return aantal // (1024 * 1024)


def validate_upload(bestand, *, xml_toegestaan: bool = False) -> str:
    """Check name, size and content of an upload; returns its content type.

    PDF and the open office formats only (and XML for a UEA, parsed by the UEA reader); the
    file is parsed as the type its extension claims (``wmoregie.bestandscontrole``), so a
    renamed executable, an HTML page behind a PDF header, a zip bomb or a document with
    macros or JavaScript is refused.
    """
    naam = getattr(bestand, "name", "") or ""
    suffix = Path(naam).suffix.lower()
    grootte = getattr(bestand, "size", None)
    if grootte is None or grootte == 0:
        raise ValidationError(_("Het bestand is leeg."), code="bestand-leeg")
    if grootte > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Het bestand is groter dan %(max)s MB.") % {"max": _mb(MAX_UPLOAD_BYTES)},
            code="bestand-te-groot",
        )
    if xml_toegestaan and suffix == XML_BESTAND[0]:
        return XML_BESTAND[1]
    if suffix not in TOEGESTANE_BESTANDEN:
        toegestaan = ", ".join(
            sorted(TOEGESTANE_BESTANDEN) + ([XML_BESTAND[0]] if xml_toegestaan else [])
        )
        raise ValidationError(
            _("Dit soort bestand wordt niet aangenomen. Toegestaan: %(soorten)s.")
            % {"soorten": toegestaan},
            code="bestandstype-niet-toegestaan",
        )
    inhoudstype, handtekeningen = TOEGESTANE_BESTANDEN[suffix]
    bestand.seek(0)
    begin = bestand.read(8)
    bestand.seek(0)
    if not any(begin.startswith(h) for h in handtekeningen):
        raise ValidationError(
            _("De inhoud van het bestand past niet bij de extensie %(ext)s.") % {"ext": suffix},
            code="bestandsinhoud-onjuist",
        )
    controleer_inhoud(bestand, suffix)
    return inhoudstype
