"""Uploads are parsed, not sniffed: what the system accepts must open as what it claims to be.

A PDF must open as a PDF (pypdf reads its cross-reference table and its pages) and may carry no
active content (JavaScript, launch or form-submit actions, embedded files, XFA, rich media). An
office file (.docx, .xlsx, .odt, .ods) must be a valid package: a ZIP archive with the parts its
format requires, within a limit on entries, unpacked size and compression ratio (a zip bomb is
refused before it is unpacked), every entry's checksum verified, and without macros, ActiveX
controls or embedded OLE objects. The first bytes alone decide nothing.

Each refusal is a ``ValidationError`` with a stable code and a Dutch message; docs/security.md
lists the codes and limits.
"""

import io
import re
import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Office packages: at most this many entries, this many unpacked bytes, and this ratio
#: between unpacked and packed size (over the whole package; real documents stay under 30).
MAX_ZIP_ITEMS = 2_000
MAX_ZIP_UITGEPAKT = 100 * 1024 * 1024
MAX_ZIP_VERHOUDING = 100
#: A PDF whose object graph is larger than this is refused unchecked.
MAX_PDF_OBJECTEN = 200_000

#: PDF names that make a document act on its own when opened or clicked.
PDF_ACTIEVE_SLEUTELS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/XFA"}
PDF_ACTIEVE_SLEUTELS |= {"/RichMedia", "/RichMediaContent", "/Launch"}
PDF_ACTIEVE_ACTIES = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMediaExecute",
    "/GoToE",
    "/Rendition",
    "/Sound",
    "/Movie",
}
#: Markup that has no place in a PDF: a file that is also an HTML page is refused.
POLYGLOT = re.compile(rb"<\s*(script|html|iframe|svg|object|embed)\b", re.IGNORECASE)

OOXML_VERPLICHT = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
ODF_MIMETYPE = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
#: Parts of an office package that hold code: macros, ActiveX controls, OLE objects.
OFFICE_ACTIEVE_DELEN = re.compile(
    r"(vbaProject|vbaData|activeX|oleObject|^Basic/|^Scripts/)", re.IGNORECASE
)
OFFICE_ACTIEVE_INHOUD = re.compile(
    rb"(macroEnabled|vbaProject|script:event-listener|vnd\.sun\.star\.script:|macro:///)",
    re.IGNORECASE,
)
#: Parts whose text is searched for macro references (the ones that declare or bind them).
OFFICE_TEKSTDELEN = re.compile(r"(\.xml|\.rels)$", re.IGNORECASE)


def _fout(melding: str, code: str) -> ValidationError:
    return ValidationError(melding, code=code)


def _lees(bestand) -> bytes:
    bestand.seek(0)
    data = bestand.read()
    bestand.seek(0)
    return data


def controleer_inhoud(bestand, suffix: str) -> None:
    """Parse an upload of type ``suffix`` (``.pdf``, ``.docx``, ...); raise ``ValidationError``."""
    data = _lees(bestand)
    if suffix == ".pdf":
        controleer_pdf_inhoud(data)
    elif suffix in OOXML_VERPLICHT or suffix in ODF_MIMETYPE:
        controleer_office_inhoud(data, suffix)
    else:  # pragma: no cover - callers pass only the types above
        raise _fout(_("Dit soort bestand wordt niet aangenomen."), "bestandstype-niet-toegestaan")


# --- PDF ---------------------------------------------------------------------------------------


def controleer_pdf_inhoud(data: bytes) -> None:
    """A PDF must start with its header, open in pypdf, have pages and carry no active content."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    onleesbaar = _fout(
        _(
            "Het bestand is geen geldige PDF, al eindigt de naam op .pdf. "
            "Sla het document op als PDF en probeer het opnieuw."
        ),
        "pdf-onleesbaar",
    )
    if not data.startswith(b"%PDF-"):
        raise onleesbaar
    if POLYGLOT.search(data):
        raise _fout(
            _("De PDF bevat ook webpagina-opmaak of scripts en wordt daarom niet aangenomen."),
            "pdf-actieve-inhoud",
        )
    try:
        lezer = PdfReader(io.BytesIO(data), strict=False)
        if lezer.is_encrypted and not lezer.decrypt(""):
            raise _fout(
                _("De PDF is met een wachtwoord beveiligd; lever hem zonder wachtwoord aan."),
                "pdf-versleuteld",
            )
        if len(lezer.pages) < 1:
            raise onleesbaar
        gezien: set[tuple[int, int]] = set()
        stapel = [lezer.trailer]
        aantal = 0
        while stapel:
            obj = stapel.pop()
            if isinstance(obj, IndirectObject):
                sleutel = (obj.idnum, obj.generation)
                if sleutel in gezien:
                    continue
                gezien.add(sleutel)
                obj = obj.get_object()
            aantal += 1
            if aantal > MAX_PDF_OBJECTEN:
                raise onleesbaar
            if isinstance(obj, DictionaryObject):
                actief = PDF_ACTIEVE_SLEUTELS.intersection(obj.keys())
                if str(obj.get("/S", "")) in PDF_ACTIEVE_ACTIES or actief:
                    raise _fout(
                        _(
                            "De PDF bevat actieve inhoud (JavaScript, acties, formulieren die "
                            "gegevens versturen of ingesloten bestanden) en wordt daarom niet "
                            "aangenomen. Druk het document af naar een nieuwe PDF en probeer "
                            "het opnieuw."
                        ),
                        "pdf-actieve-inhoud",
                    )
                stapel.extend(v for k, v in obj.items() if k != "/Parent")
            elif isinstance(obj, ArrayObject):
                stapel.extend(obj)
    except ValidationError:
        raise
    except Exception as fout:  # pypdf raises many kinds on broken input: each means "not a PDF"
        raise onleesbaar from fout


def eenvoudige_pdf(tekst: str = "wmoregie") -> bytes:
    """A valid one-page PDF showing ``tekst`` (ASCII): for the demo data and the tests."""
    veilig = tekst.encode("ascii", "replace").replace(b"\\", b"\\\\")
    veilig = veilig.replace(b"(", b"\\(").replace(b")", b"\\)")
    inhoud = b"BT /F1 12 Tf 72 720 Td (" + veilig + b") Tj ET"
    objecten = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(inhoud) + inhoud + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    uit = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    posities = []
    for nummer, obj in enumerate(objecten, start=1):
        posities.append(len(uit))
        uit += b"%d 0 obj\n" % nummer + obj + b"\nendobj\n"
    xref = len(uit)
    uit += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    for positie in posities:
        uit += b"%010d 00000 n \n" % positie
    uit += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objecten) + 1,
        xref,
    )
    return bytes(uit)


# --- Office packages ---------------------------------------------------------------------------


def controleer_office_inhoud(data: bytes, suffix: str) -> None:
    """An office file must be a valid ZIP package of its format, within limits, without code."""
    ongeldig = _fout(
        _(
            "Het bestand is geen geldig %(soort)s-document, al eindigt de naam op %(soort)s. "
            "Sla het opnieuw op en probeer het nog eens."
        )
        % {"soort": suffix},
        "office-ongeldig",
    )
    try:
        pakket = zipfile.ZipFile(io.BytesIO(data))
        delen = pakket.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        OSError,
        EOFError,
    ) as fout:  # NotImplementedError: a zip version or feature the reader does not know
        raise ongeldig from fout
    if not delen or len(delen) > MAX_ZIP_ITEMS:
        raise ongeldig
    uitgepakt = sum(deel.file_size for deel in delen)
    ingepakt = max(1, sum(deel.compress_size for deel in delen))
    if uitgepakt > MAX_ZIP_UITGEPAKT or uitgepakt / ingepakt > MAX_ZIP_VERHOUDING:
        raise _fout(
            _(
                "Het bestand pakt uit tot %(mb)s MB (%(verhouding)s keer zo groot): meer dan "
                "toegestaan. Lever een kleiner document aan."
            )
            % {"mb": uitgepakt // (1024 * 1024), "verhouding": uitgepakt // ingepakt},
            "office-te-groot-uitgepakt",
        )
    namen = {deel.filename for deel in delen}
    for naam in namen:
        pad = PurePosixPath(naam)
        if pad.is_absolute() or ".." in pad.parts or "\\" in naam:
            raise ongeldig
        if OFFICE_ACTIEVE_DELEN.search(naam):
            raise _actieve_office_inhoud()
    if suffix in OOXML_VERPLICHT:
        if "[Content_Types].xml" not in namen or OOXML_VERPLICHT[suffix] not in namen:
            raise ongeldig
    else:
        if "mimetype" not in namen or "content.xml" not in namen:
            raise ongeldig
    try:
        for deel in delen:
            # Reading checks the CRC; the output never exceeds the declared (checked) sizes.
            with pakket.open(deel) as stroom:
                tekstdeel = OFFICE_TEKSTDELEN.search(deel.filename)
                staart = b""
                while blok := stroom.read(1024 * 1024):
                    if tekstdeel and OFFICE_ACTIEVE_INHOUD.search(staart + blok):
                        raise _actieve_office_inhoud()
                    staart = blok[-64:]
        if suffix in ODF_MIMETYPE and pakket.read("mimetype").strip() != ODF_MIMETYPE[suffix]:
            raise ongeldig
    except ValidationError:
        raise
    except Exception as fout:  # broken entries (bad CRC, unknown compression, truncation)
        raise ongeldig from fout


def _actieve_office_inhoud() -> ValidationError:
    return _fout(
        _(
            "Het document bevat macro's, ActiveX-besturingselementen of ingesloten objecten en "
            "wordt daarom niet aangenomen. Sla het op zonder macro's (bijvoorbeeld als PDF)."
        ),
        "office-actieve-inhoud",
    )
