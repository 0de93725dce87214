"""Checks on uploaded compliance documents: PDF only, by content, within the size limit.

The extension and the browser's content type are not trusted: the file must start with the
PDF header (``%PDF-``), carry the end-of-file marker (``%%EOF``) near its end, open as a PDF and
hold no active content (``wmoregie.bestandscontrole``). Stored files
get a random name under ``contracten/documenten/`` in Django's default storage and are never
served directly, only through a view that checks access and scope.
"""

import hashlib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..bestandscontrole import controleer_pdf_inhoud

#: Largest upload in bytes.
MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_KOP = b"%PDF-"
PDF_EINDE = b"%%EOF"
#: The end marker may be followed by some bytes (line ends, padding); look this far back.
PDF_EINDE_ZOEKBEREIK = 2048


def controleer_pdf(bestand) -> str:
    """Check an uploaded file; return its SHA-256. Raises ``ValidationError`` (field ``bestand``)."""

    def fout(melding, code, **params):
        return ValidationError({"bestand": ValidationError(melding, code=code, params=params)})

    if Path(bestand.name or "").suffix.lower() != ".pdf":
        raise fout(_("Alleen PDF-bestanden (.pdf) zijn toegestaan."), "geen-pdf-extensie")
    if bestand.size is None or bestand.size > MAX_PDF_BYTES:
        raise fout(
            _("Het bestand is te groot: ten hoogste %(max)s MB."),
            "bestand-te-groot",
            max=MAX_PDF_BYTES // (1024 * 1024),
        )
    if bestand.size == 0:
        raise fout(_("Het bestand is leeg."), "bestand-leeg")
    bestand.seek(0)
    kop = bestand.read(len(PDF_KOP))
    bestand.seek(max(0, bestand.size - PDF_EINDE_ZOEKBEREIK))
    staart = bestand.read()
    if kop != PDF_KOP or PDF_EINDE not in staart:
        raise fout(
            _(
                "Het bestand is geen geldige PDF, al eindigt de naam op .pdf. "
                "Sla het document op als PDF en probeer het opnieuw."
            ),
            "geen-pdf-inhoud",
        )
    bestand.seek(0)
    try:
        controleer_pdf_inhoud(bestand.read())
    except ValidationError as fout:
        raise ValidationError({"bestand": fout}) from fout
    bestand.seek(0)
    digest = hashlib.sha256()
    for blok in bestand.chunks():
        digest.update(blok)
    bestand.seek(0)
    return digest.hexdigest()
