"""iWmo 3.2 messages as typed models: :func:`build` writes XML, :func:`parse` reads it safely.

>>> from wmoregie.iwmo.berichten import build, parse
>>> bericht = parse(xml_bytes)          # e.g. a wmo301.Wmo301Bericht
>>> xml_bytes = build(bericht)
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ..errors import BuildError, ParseError
from ..safexml import MAX_BERICHT_BYTES, read_xml
from . import wmo301, wmo305, wmo307, wmo315, wmo317, wmo319, wmo323
from .basis import BASIS_NAMESPACE
from .mapping import fill_element, read_element

BERICHTTYPEN: dict[str, type] = {
    module.NAMESPACE: cls
    for module, cls in [
        (wmo301, wmo301.Wmo301Bericht),
        (wmo305, wmo305.Wmo305Bericht),
        (wmo307, wmo307.Wmo307Bericht),
        (wmo315, wmo315.Wmo315Bericht),
        (wmo317, wmo317.Wmo317Bericht),
        (wmo319, wmo319.Wmo319Bericht),
        (wmo323, wmo323.Wmo323Bericht),
    ]
}
"""Supported message types by their XML namespace."""

_IWMO_NAMESPACE = re.compile(r"http://www\.istandaarden\.nl/iwmo/(\d+_\d+)/(\w+)/schema")

__all__ = ["BERICHTTYPEN", "MAX_BERICHT_BYTES", "BuildError", "ParseError", "build", "parse"]


def build(bericht: Any, *, pretty_print: bool = True) -> bytes:
    """Write a message model as UTF-8 XML in the namespaces and element order of the XSD.

    Raises :class:`BuildError` when a required part is missing or has the wrong Python type.
    Value facets (code lists, patterns, lengths) are not checked here.
    """
    cls = type(bericht)
    if cls not in BERICHTTYPEN.values():
        raise BuildError(
            f"{cls.__name__} is geen ondersteund iWmo-bericht.", code="onbekend-bericht"
        )
    header = getattr(bericht, "header", None)
    if getattr(header, "bericht_code", cls.BERICHTCODE) != cls.BERICHTCODE:
        raise BuildError(
            f"BerichtCode {header.bericht_code!r} hoort niet bij {cls.BERICHT.upper()}; "
            f"verwacht {cls.BERICHTCODE}.",
            code="verkeerde-berichtcode",
            pad="Bericht/Header/BerichtCode",
        )
    ns = cls.BERICHT_NAMESPACE
    root = etree.Element(f"{{{ns}}}Bericht", nsmap={"iwmo": BASIS_NAMESPACE, cls.BERICHT: ns})
    try:
        fill_element(root, bericht, ns, "Bericht")
    except ValueError as exc:  # lxml refuses text that cannot be XML (control characters)
        raise BuildError(f"Het bericht bevat tekens die niet in XML passen: {exc}") from None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=pretty_print)


def parse(data: bytes, *, max_bytes: int = MAX_BERICHT_BYTES) -> Any:
    """Read an iWmo 3.2 message into its model; the type follows the root namespace.

    Raises :class:`ParseError` (with a Dutch message) for anything that is not a well-formed,
    safe message with the structure of a supported XSD.
    """
    root = read_xml(data, max_bytes=max_bytes)
    qname = etree.QName(root)
    cls = BERICHTTYPEN.get(qname.namespace or "")
    if cls is None:
        match = _IWMO_NAMESPACE.fullmatch(qname.namespace or "")
        if match and match.group(1) == "3_2":
            reden = f"berichttype {match.group(2).upper()} wordt (nog) niet ondersteund"
        elif match:
            reden = f"iWmo-release {match.group(1).replace('_', '.')} wordt niet ondersteund (alleen 3.2)"
        else:
            reden = f"onbekende namespace {_kort(qname.namespace or '(geen)')}"
        raise ParseError(f"Onbekend berichttype: {reden}.", code="onbekend-bericht")
    if qname.localname != "Bericht":
        raise ParseError(
            f"Het hoofdelement heet {_kort(qname.localname)}; verwacht Bericht.",
            code="onbekend-bericht",
        )
    bericht = read_element(root, cls, cls.BERICHT_NAMESPACE, "Bericht")
    if bericht.header.bericht_code != cls.BERICHTCODE:
        raise ParseError(
            f"BerichtCode {_kort(bericht.header.bericht_code)} past niet bij {cls.BERICHT.upper()}; "
            f"verwacht {cls.BERICHTCODE}.",
            code="verkeerde-berichtcode",
            pad="Bericht/Header/BerichtCode",
        )
    return bericht


def _kort(tekst: str, lengte: int = 60) -> str:
    return repr(tekst if len(tekst) <= lengte else tekst[:lengte] + "…")
