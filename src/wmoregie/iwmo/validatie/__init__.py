"""Validation of iWmo 3.2 messages in layers: ``validate(xml_or_model) -> list[Finding]``.

* Layer 1 (:mod:`.laag1`): everything the XSD defines (structure, cardinality, types, lengths,
  patterns, ranges, code lists), checked by our own code from :mod:`.xsdfeiten`. Rule ``"XSD"``;
  input that is no readable XML at all gets rule ``"XML"``.
* Layer 2 (:mod:`.regels`): the official technical rules (TR), conditions (CD) and constraints
  (CS) that can be checked inside one message, each under its own code.
* Layer 3 (:mod:`.laag3`): rules across messages, against a history store given to the
  validator (``validate(xml, historie=GeheugenHistorie())``).

>>> from wmoregie.iwmo.validatie import validate
>>> for finding in validate(xml_bytes):
...     print(finding.rule, finding.xpath, finding.message)

The official XSDs are never read at runtime; :mod:`.xsdfeiten` was generated from them once.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from lxml import etree

from ..berichten import BERICHTTYPEN, build, parse_element
from ..errors import BuildError, ParseError
from ..safexml import MAX_BERICHT_BYTES, read_xml
from .bevinding import Ernst, Finding
from .laag1 import controleer_laag1
from .laag3 import GeheugenHistorie, Historie, Variant, controleer_laag3
from .regels import REGELS, controleer_laag2

__all__ = [
    "REGELS",
    "Ernst",
    "Finding",
    "GeheugenHistorie",
    "Historie",
    "Variant",
    "is_valid",
    "validate",
    "validate_laag1",
    "valideer",
]


def _lees(data: Any, max_bytes: int) -> tuple[etree._Element | None, bytes | None, list[Finding]]:
    if dataclasses.is_dataclass(data) and type(data) in BERICHTTYPEN.values():
        try:
            data = build(data)
        except BuildError as fout:
            pad = "/" + fout.pad if fout.pad else "/Bericht"
            return None, None, [Finding("XSD", pad, fout.message)]
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        return (
            None,
            None,
            [
                Finding(
                    "XML",
                    "/",
                    f"Kan {type(data).__name__} niet valideren: geef XML-bytes of een berichtmodel.",
                )
            ],
        )
    try:
        return read_xml(data, max_bytes=max_bytes), data, []
    except ParseError as fout:
        regel = f" (regel {fout.regel})" if fout.regel else ""
        return None, None, [Finding("XML", "/", fout.message + regel)]


def validate_laag1(data: Any, *, max_bytes: int = MAX_BERICHT_BYTES) -> list[Finding]:
    """Layer 1 only: is this a well-formed message that the iWmo 3.2 XSD accepts?"""
    root, _, bevindingen = _lees(data, max_bytes)
    if root is None:
        return bevindingen
    return controleer_laag1(root)


def validate(
    data: Any,
    *,
    vandaag: date | None = None,
    max_bytes: int = MAX_BERICHT_BYTES,
    historie: Historie | None = None,
    variant: Variant | str = Variant.INSPANNINGSGERICHT,
) -> list[Finding]:
    """All findings of layers 1 and 2 (and 3 with ``historie``) for XML bytes or a model.

    Never raises for bad input: unreadable or unsupported input gives a finding. ``vandaag``
    (default: today) is the system date for the rules about dates in the future (TR135).
    Layer 2 runs whenever the message can be read into its model, also when layer 1 found
    wrong values, so one run shows as much as possible. Layer 3 (:mod:`.laag3`) runs when a
    ``historie`` is given; ``variant`` is the uitvoeringsvariant of the lot. ``validate`` only
    reads the history; :func:`.laag3.registreer` adds an accepted message to it.
    """
    return valideer(data, vandaag=vandaag, max_bytes=max_bytes, historie=historie, variant=variant)[
        1
    ]


def valideer(
    data: Any,
    *,
    vandaag: date | None = None,
    max_bytes: int = MAX_BERICHT_BYTES,
    historie: Historie | None = None,
    variant: Variant | str = Variant.INSPANNINGSGERICHT,
) -> tuple[Any | None, list[Finding]]:
    """Like :func:`validate`, but also returns the message model (``None`` if unreadable)."""
    root, _, bevindingen = _lees(data, max_bytes)
    if root is None:
        return None, bevindingen
    bevindingen = controleer_laag1(root)
    try:
        bericht = parse_element(root)  # the tree layer 1 read; no second XML parse
    except ParseError as fout:
        if not bevindingen:  # the XSD accepts it, but our model cannot hold it (e.g. year 12023)
            pad = "/" + fout.pad if fout.pad else "/Bericht"
            bevindingen.append(Finding("XSD", pad, f"Het bericht kan niet worden gelezen: {fout}"))
        return None, bevindingen
    bevindingen.extend(controleer_laag2(bericht, vandaag=vandaag or date.today()))
    if historie is not None and type(bericht) in BERICHTTYPEN.values():
        bevindingen.extend(controleer_laag3(bericht, historie, variant=variant))
    return bericht, bevindingen


def is_valid(bevindingen: list[Finding]) -> bool:
    """True when none of the findings is an error (warnings are allowed)."""
    return all(finding.severity is not Ernst.FOUT for finding in bevindingen)
