"""iWmo 3.2 messages as typed models: :func:`build` writes XML, :func:`parse` reads it safely.

>>> from iwmo.berichten import build, parse
>>> bericht = parse(xml_bytes)          # e.g. a wmo301.Wmo301Bericht
>>> xml_bytes = build(bericht)
"""

from __future__ import annotations

import re
from functools import cache
from importlib import import_module
from typing import Any

from lxml import etree

from ..errors import BuildError, ParseError
from ..safexml import MAX_BERICHT_BYTES, naam_van, read_xml
from . import wmo301, wmo305, wmo307, wmo315, wmo317, wmo319, wmo323
from .basis import BASIS_NAMESPACE, BERICHT_NAMESPACE_TEMPLATE
from .lezer import lees_vertrouwd
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
"""Supported heenberichten (incoming messages with an official XSD) by their XML namespace."""

_RETOURBERICHTEN = ("wmo302", "wmo306", "wmo308", "wmo316", "wmo318", "wmo320", "wmo325")
_RETOUR_NAMESPACES = frozenset(
    BERICHT_NAMESPACE_TEMPLATE.format(bericht=b) for b in _RETOURBERICHTEN
)


@cache
def _retouren() -> tuple[dict[str, type], dict[type, type]]:
    """The retour messages, imported at their first use: validating heenberichten (the command
    line on a folder) does not need them, and their models are about a tenth of the start-up."""
    modules = [import_module(f".{bericht}", __name__) for bericht in _RETOURBERICHTEN]
    klassen = [getattr(module, f"Wmo{module.BERICHT[3:]}Bericht") for module in modules]
    return (
        {module.NAMESPACE: cls for module, cls in zip(modules, klassen, strict=True)},
        {module.HEENBERICHT: cls for module, cls in zip(modules, klassen, strict=True)},
    )


def __getattr__(naam: str) -> Any:
    """``RETOURTYPEN`` and ``RETOUR_VAN``, made at their first use (see :func:`_retouren`)."""
    if naam == "RETOURTYPEN":
        return _retouren()[0]
    if naam == "RETOUR_VAN":
        return _retouren()[1]
    if naam in _RETOURBERICHTEN:  # iwmo.berichten.wmo302 without importing it first, as before
        return import_module(f".{naam}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")


RETOURTYPEN: dict[str, type]
"""The retour messages and the 325 (structure from our reading of the standard) by namespace
(made at first use)."""

RETOUR_VAN: dict[type, type]
"""Heenbericht model -> the model of its retour message (301 -> 302, 323 -> 325; made at first
use)."""


def _model_van(namespace: str | None) -> type | None:
    """The model class of the message with this root namespace (``None``: unknown)."""
    cls = BERICHTTYPEN.get(namespace)
    if cls is None and namespace in _RETOUR_NAMESPACES:
        cls = _retouren()[0][namespace]
    return cls


_IWMO_NAMESPACE = r"http://www\.istandaarden\.nl/iwmo/(\d+_\d+)/(\w+)/schema"
"""Compiled by ``re`` at its first use (an unknown message), not at the start."""

__all__ = [
    "BERICHTTYPEN",
    "MAX_BERICHT_BYTES",
    "RETOURTYPEN",
    "RETOUR_VAN",
    "BuildError",
    "ParseError",
    "build",
    "parse",
    "parse_element",
]


def build(bericht: Any, *, pretty_print: bool = True) -> bytes:
    """Write a message model as UTF-8 XML in the namespaces and element order of the XSD.

    Raises :class:`BuildError` when a required part is missing or has the wrong Python type.
    Value facets (code lists, patterns, lengths) are not checked here.
    """
    cls = type(bericht)
    if _model_van(getattr(cls, "BERICHT_NAMESPACE", None)) is not cls:
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
    """Read an iWmo 3.2 message (heen- or retourbericht) into its model; by root namespace.

    Raises :class:`ParseError` (with a Dutch message) for anything that is not a well-formed,
    safe message with the structure of a supported XSD.
    """
    return parse_element(read_xml(data, max_bytes=max_bytes))


def parse_element(root: etree._Element, *, vertrouwd: bool = False) -> Any:
    """Like :func:`parse`, for a root element that :func:`~..safexml.read_xml` already read.

    ``vertrouwd=True`` (only when layer 1 found nothing in this tree) skips the structure
    checks that layer 1 already made; the result and the value errors are the same.
    """
    qname = naam_van(root)
    cls = _model_van(qname.namespace)
    if cls is None:
        match = re.fullmatch(_IWMO_NAMESPACE, qname.namespace or "")
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
    bericht = lees_vertrouwd(root, cls, cls.BERICHT_NAMESPACE) if vertrouwd else None
    if bericht is None:  # not trusted, or the compiled reader met something to explain
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
