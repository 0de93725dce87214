"""Uploads are parsed, not sniffed (#14 A.2): the probe's hostile files are refused by content."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from openpyxl import Workbook

from wmoregie import bestandscontrole
from wmoregie.aanbestedingen.validators import validate_upload
from wmoregie.bestandscontrole import eenvoudige_pdf

CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _zip(delen: dict[str, bytes], methode=zipfile.ZIP_DEFLATED) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", methode) as pakket:
        for naam, inhoud in delen.items():
            pakket.writestr(naam, inhoud)
    return uit.getvalue()


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    delen = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": b"<w:document>tekst</w:document>",
    }
    delen.update(extra or {})
    return _zip(delen)


def _xlsx() -> bytes:
    uit = io.BytesIO()
    werkboek = Workbook()
    werkboek.active["A1"] = "prijs"
    werkboek.save(uit)
    return uit.getvalue()


def _odt(extra: dict[str, bytes] | None = None) -> bytes:
    delen = {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b"<office:document-content><office:scripts/></office:document-content>",
    }
    delen.update(extra or {})
    return _zip(delen)


def _pdf_met(extra_catalogus: bytes, extra_objecten: bytes = b"") -> bytes:
    """A valid PDF whose catalogue carries ``extra_catalogus`` (pypdf rebuilds the offsets)."""
    pdf = eenvoudige_pdf("aanval")
    pdf = pdf.replace(
        b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Catalog/Pages 2 0 R" + extra_catalogus + b">>"
    )
    return pdf.replace(b"xref\n", extra_objecten + b"xref\n", 1)


def _bom(megabytes: int) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as pakket:
        pakket.writestr("[Content_Types].xml", CONTENT_TYPES)
        pakket.writestr("xl/workbook.xml", b"<workbook/>")
        pakket.writestr("word/document.xml", b"<w:document/>")
        with pakket.open("word/media/nullen.xml", "w") as stroom:
            blok = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                stroom.write(blok)
    return uit.getvalue()


def _code(naam: str, inhoud: bytes) -> str | None:
    try:
        validate_upload(SimpleUploadedFile(naam, inhoud))
    except ValidationError as fout:
        return fout.code
    return None


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("stuk.pdf", eenvoudige_pdf("een gewone brief")),
        ("stuk.docx", _docx({"word/media/image1.png": b"\x89PNG plaatje"})),
        ("prijzen.xlsx", _xlsx()),
        ("stuk.odt", _odt()),
    ],
)
def test_real_documents_are_accepted(naam, inhoud):
    assert _code(naam, inhoud) is None


@pytest.mark.parametrize(
    ("geval", "naam", "inhoud", "code"),
    [
        (
            "html behind a pdf header",
            "x.pdf",
            b"%PDF-1.4<html><script>alert(1)</script>",
            "pdf-actieve-inhoud",
        ),
        (
            "an executable behind a pdf header",
            "x.pdf",
            b"%PDF-\0MZ\x90\0\3\0\0\0" + b"\0" * 200,
            "pdf-onleesbaar",
        ),
        ("a header and an end marker only", "x.pdf", b"%PDF-1.4\n%x\n%%EOF\n", "pdf-onleesbaar"),
        (
            "javascript on opening",
            "x.pdf",
            _pdf_met(b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>"),
            "pdf-actieve-inhoud",
        ),
        (
            "javascript, name escaped",
            "x.pdf",
            _pdf_met(b"/OpenAction<</S/J#61vaScript/JS(app.alert(1))>>"),
            "pdf-actieve-inhoud",
        ),
        (
            "javascript in the name tree",
            "x.pdf",
            _pdf_met(
                b"/Names<</JavaScript 6 0 R>>",
                b"6 0 obj\n<</Names[(a) 7 0 R]>>\nendobj\n7 0 obj\n<</S/JavaScript/JS(x)>>\nendobj\n",
            ),
            "pdf-actieve-inhoud",
        ),
        (
            "a launch action",
            "x.pdf",
            _pdf_met(b"/OpenAction<</S/Launch/F(cmd.exe)>>"),
            "pdf-actieve-inhoud",
        ),
        (
            "an embedded file",
            "x.pdf",
            _pdf_met(b"/Names<</EmbeddedFiles<</Names[]>>>>"),
            "pdf-actieve-inhoud",
        ),
        ("an xfa form", "x.pdf", _pdf_met(b"/AcroForm<</Fields[]/XFA(x)>>"), "pdf-actieve-inhoud"),
        (
            "script behind a zip header",
            "x.docx",
            b"PK\x03\x04<script>alert(1)</script>",
            "office-ongeldig",
        ),
        ("a pdf renamed to docx", "x.docx", eenvoudige_pdf(), "bestandsinhoud-onjuist"),
        ("a zip without the word parts", "x.docx", _zip({"a.txt": b"hallo"}), "office-ongeldig"),
        ("a spreadsheet named docx", "x.docx", _xlsx(), "office-ongeldig"),
        (
            "a word macro",
            "x.docx",
            _docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
            "office-actieve-inhoud",
        ),
        (
            "an activex control",
            "x.docx",
            _docx({"word/activeX/activeX1.xml": b"<ax/>"}),
            "office-actieve-inhoud",
        ),
        (
            "an ole object",
            "x.docx",
            _docx({"word/embeddings/oleObject1.bin": b"\xd0\xcf"}),
            "office-actieve-inhoud",
        ),
        (
            "a macro-enabled content type",
            "x.docx",
            _zip(
                {
                    "[Content_Types].xml": CONTENT_TYPES.replace(
                        b"application/xml",
                        b"application/vnd.ms-word.document.macroEnabled.main+xml",
                    ),
                    "word/document.xml": b"<w/>",
                }
            ),
            "office-actieve-inhoud",
        ),
        (
            "an odt with basic macros",
            "x.odt",
            _odt({"Basic/Standard/Module1.xml": b"<m/>"}),
            "office-actieve-inhoud",
        ),
        (
            "an odt with an event script",
            "x.odt",
            _odt({"content.xml": b'<script:event-listener xlink:href="vnd.sun.star.script:x"/>'}),
            "office-actieve-inhoud",
        ),
        (
            "an odt with the wrong mimetype",
            "x.odt",
            _zip({"mimetype": b"text/html", "content.xml": b"<x/>"}),
            "office-ongeldig",
        ),
        (
            "a path out of the package",
            "x.docx",
            _docx({"../../etc/passwd": b"x"}),
            "office-ongeldig",
        ),
        (
            "a word binary (.doc)",
            "x.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "bestandstype-niet-toegestaan",
        ),
    ],
    ids=lambda waarde: waarde if isinstance(waarde, str) and " " in waarde else "",
)
def test_hostile_uploads_are_refused_by_content(geval, naam, inhoud, code):
    assert _code(naam, inhoud) == code, geval


@pytest.mark.parametrize("naam", ["bom.docx", "bom.xlsx"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(naam):
    bom = _bom(64)  # 64 MiB of zeros in about 64 KiB: ratio about 1000
    assert len(bom) < 200 * 1024
    assert _code(naam, bom) == "office-te-groot-uitgepakt"


def test_the_unpacked_size_has_a_limit_of_its_own(monkeypatch):
    monkeypatch.setattr(bestandscontrole, "MAX_ZIP_UITGEPAKT", 1024)
    assert _code("x.docx", _docx({"word/media/tekst.xml": bytes(range(256)) * 8})) == (
        "office-te-groot-uitgepakt"
    )


def test_a_bomb_that_lies_about_its_size_is_refused_without_unpacking_it():
    """Declared sizes are patched to 100 bytes: reading stops there and the checksum fails."""
    bom = bytearray(_bom(16))
    pakket = zipfile.ZipFile(io.BytesIO(bytes(bom)))
    deel = pakket.getinfo("word/media/nullen.xml")
    echt = (16 * 1024 * 1024).to_bytes(4, "little")
    assert bom.count(echt) >= 1
    bom = bytes(bom).replace(echt, (100).to_bytes(4, "little"))
    assert deel.file_size == 16 * 1024 * 1024
    assert _code("x.docx", bom) == "office-ongeldig"


def test_the_pdf_of_the_contract_documents_is_parsed_too():
    from wmoregie.contracten.bestanden import controleer_pdf

    with pytest.raises(ValidationError) as fout:
        controleer_pdf(
            SimpleUploadedFile("polis.pdf", _pdf_met(b"/OpenAction<</S/JavaScript/JS(x)>>"))
        )
    assert fout.value.error_dict["bestand"][0].code == "pdf-actieve-inhoud"
    assert len(controleer_pdf(SimpleUploadedFile("polis.pdf", eenvoudige_pdf()))) == 64


def test_a_zip_of_a_version_the_reader_does_not_know_is_refused_not_a_crash():
    data = bytearray(_docx())
    for plek in range(len(data) - 4):  # every header's "version needed to extract" → 9.8
        if data[plek : plek + 4] in (b"PK\x03\x04", b"PK\x01\x02"):
            veld = plek + (4 if data[plek + 2] == 3 else 6)
            data[veld : veld + 2] = (98).to_bytes(2, "little")

    with pytest.raises(ValidationError):
        bestandscontrole.controleer_office_inhoud(bytes(data), ".docx")
