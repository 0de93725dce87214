"""The official eForms SDK 1.15.1 as a test oracle: its XSD and its Schematron business rules.

Reads ``../shared/reference/eforms-sdk-1.15.1/`` (nothing is copied into the project). The
Schematron (``schematrons/static/complete-validation.sch``) is compiled to XSLT with the
SchXslt 1.10.1 pipeline (``../shared/reference/schxslt-1.10.1/``) and run by Saxon-HE
(``saxonche``, a development dependency).

Two ways, the same verdict:

* **per subtype** (the default): the SDK defines one phase per notice subtype (``eforms-20``,
  ``eforms-33``, …) that activates exactly the rule stages of that subtype; compiling only that
  phase takes seconds;
* **the complete rule set** (``volledig=True``): every pattern, no phase, as
  ``complete-validation.sch`` stands; compiling takes 80–120 s on this machine, once.

Every rule of a subtype's stages is also guarded by ``$noticeSubType = '…'`` in its context, and
the shared stages (1a, 2b, 3a, 3b, 4m, 5, 5m) are in every phase, so the patterns a phase leaves
out cannot fire on a notice of that subtype: both ways report the same failed assertions (the
tests check this on the SDK's invalid example and on our own notices). Both XSLTs are kept under
``~/.cache/wmoregie/eforms/<hash>/`` (``WMOREGIE_CACHE_DIR`` moves it). The hash covers the
SDK's and SchXslt's ``SHA256SUMS``, so a new SDK compiles anew and a second run reuses it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

SDK = Path("reference/eforms-sdk-1.15.1")
SCHXSLT = Path("reference/schxslt-1.10.1")
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
MAINDOC = {
    "ContractNotice": "UBL-ContractNotice-2.3.xsd",
    "ContractAwardNotice": "UBL-ContractAwardNotice-2.3.xsd",
    "PriorInformationNotice": "UBL-PriorInformationNotice-2.3.xsd",
}
_SUBTYPE = (
    "/*/*[local-name()='UBLExtensions']/*/*/*[local-name()='EformsExtension']"
    "/*[local-name()='NoticeSubType']/*[local-name()='SubTypeCode']/text()"
)


@dataclass(frozen=True)
class Bevinding:
    """A failed assertion of the Schematron: its rule id, role and where."""

    regel: str
    rol: str  # ERROR, WARN, INFO
    plaats: str

    def __str__(self) -> str:
        plaats = re.sub(r"Q\{[^}]*\}", "", self.plaats)
        return f"{self.rol} {self.regel} op {plaats}"


@dataclass(frozen=True)
class Rapport:
    xsd: tuple[str, ...]
    bevindingen: tuple[Bevinding, ...]
    #: The Schematron's report (SVRL) as Saxon wrote it.
    svrl: str = field(default="", repr=False, compare=False)

    @property
    def fouten(self) -> list[Bevinding]:
        return [b for b in self.bevindingen if b.rol in ("ERROR", "FATAL")]

    @property
    def waarschuwingen(self) -> list[Bevinding]:
        return [b for b in self.bevindingen if b.rol not in ("ERROR", "FATAL")]

    @property
    def geldig(self) -> bool:
        return not self.xsd and not self.fouten

    def __str__(self) -> str:
        regels = [f"XSD: {f}" for f in self.xsd] + [str(b) for b in self.bevindingen]
        return "\n".join(regels) or "geldig, geen waarschuwingen"


def cache_map() -> Path:
    basis = os.environ.get("WMOREGIE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return (Path(basis) if basis else Path.home() / ".cache") / "wmoregie" / "eforms"


def _sleutel(shared: Path) -> str:
    som = hashlib.sha256()
    for bestand in (shared / SDK / "SHA256SUMS", shared / SCHXSLT / "SHA256SUMS"):
        som.update(bestand.read_bytes())
    return som.hexdigest()[:16]


@cache
def _processor():
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@cache
def _xsd(shared: Path, wortel: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(shared / SDK / "schemas" / "maindoc" / MAINDOC[wortel])))


#: ``subtype`` value of :func:`gecompileerd` for the complete rule set (no phase).
VOLLEDIG = None


def gecompileerd(shared: Path, subtype: str | None) -> Path:
    """The compiled XSLT of the subtype's phase, or with ``subtype=VOLLEDIG`` of the complete
    rule set, from the cache or compiled now."""
    naam = "complete-validation.xsl" if subtype is VOLLEDIG else f"eforms-{subtype}.xsl"
    doel = cache_map() / _sleutel(shared) / naam
    if doel.exists():
        return doel
    doel.parent.mkdir(parents=True, exist_ok=True)
    xslt = _processor().new_xslt30_processor()
    pijplijn = xslt.compile_stylesheet(
        stylesheet_file=str(shared / SCHXSLT / "xslt-2.0" / "pipeline-for-svrl.xsl")
    )
    if subtype is not VOLLEDIG:
        pijplijn.set_parameter("phase", _processor().make_string_value(f"eforms-{subtype}"))
    with tempfile.NamedTemporaryFile(dir=doel.parent, suffix=".tmp", delete=False) as tijdelijk:
        pad = Path(tijdelijk.name)
    try:
        pijplijn.transform_to_file(
            source_file=str(shared / SDK / "schematrons" / "static" / "complete-validation.sch"),
            output_file=str(pad),
        )
        pad.replace(doel)  # atomic: a parallel run sees the whole file or none
    finally:
        pad.unlink(missing_ok=True)
    return doel


@cache
def _regels(shared: Path, subtype: str | None):
    return (
        _processor()
        .new_xslt30_processor()
        .compile_stylesheet(stylesheet_file=str(gecompileerd(shared, subtype)))
    )


def valideer(xml: bytes, shared: Path, *, volledig: bool = False) -> Rapport:
    """Check a notice against the SDK's XSD and the Schematron rules of its subtype (its
    phase), or with ``volledig=True`` against the complete rule set."""
    document = etree.fromstring(xml)
    wortel = etree.QName(document).localname
    schema = _xsd(shared, wortel)
    xsd = () if schema.validate(document) else tuple(str(e) for e in schema.error_log)
    subtype = (document.xpath(_SUBTYPE) or [""])[0].strip()
    if not subtype:
        return Rapport(xsd, (Bevinding("geen-subtype", "ERROR", "/"),))
    with tempfile.NamedTemporaryFile(suffix=".xml") as bron:
        bron.write(xml)
        bron.flush()
        svrl = _regels(shared, VOLLEDIG if volledig else subtype).transform_to_string(
            source_file=bron.name
        )
    rapport = etree.fromstring(svrl.encode())
    bevindingen = tuple(
        Bevinding(e.get("id") or "", e.get("role") or "ERROR", e.get("location") or "")
        for e in rapport.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report")
    )
    return Rapport(xsd, bevindingen, svrl)
