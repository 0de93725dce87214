"""Validation of iWmo 3.2 messages in layers: ``validate(xml_or_model) -> list[Finding]``.

* Layer 1 (:mod:`.laag1`): everything the XSD defines (structure, cardinality, types, lengths,
  patterns, ranges, code lists), checked by our own code from :mod:`.xsdfeiten`. A broken
  restriction has its RS code (:mod:`.restricties`), anything else rule ``"XSD"``; input that
  is no readable XML at all gets rule ``"XML"``.
* Layer 2 (:mod:`.regels`): the official technical rules (TR), conditions (CD) and constraints
  (CS) that can be checked inside one message, each under its own code.
* Layer 3 (:mod:`.laag3`): rules across messages, against a history store given to the
  validator (``validate(xml, historie=GeheugenHistorie())``).

>>> from iwmo.validatie import validate
>>> for finding in validate(xml_bytes):
...     print(finding.rule, finding.xpath, finding.message)

The official XSDs are never read at runtime; :mod:`.xsdfeiten` was generated from them once.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..berichten import BERICHTTYPEN, _model_van, build, parse_element
from ..errors import BuildError, ParseError
from ..safexml import MAX_BERICHT_BYTES, read_xml
from . import regels325  # noqa: F401 - registers the rules of the 325
from .bevinding import Ernst, Finding, is_niveau1
from .laag1 import controleer_laag1
from .officieel import OfficieleXsd
from .regels import REGELS, controleer_laag2
from .variant import Variant

if TYPE_CHECKING:
    from .laag3 import GeheugenHistorie, Historie

__all__ = [
    "REGELS",
    "Ernst",
    "Finding",
    "GeheugenHistorie",
    "Historie",
    "OfficieleXsd",
    "Variant",
    "Voorgelezen",
    "is_niveau1",
    "is_valid",
    "lees_vooraf",
    "validate",
    "validate_laag1",
    "valideer",
]


_LAAG3 = frozenset({"GeheugenHistorie", "Historie"})


def __getattr__(naam: str) -> Any:
    """Layer 3 is imported at its first use: validating with layers 1 and 2 (the command line)
    does not need it, and it is about a tenth of the start-up."""
    if naam in _LAAG3:
        from . import laag3

        return getattr(laag3, naam)
    raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")


def _lees(data: Any, max_bytes: int) -> tuple[etree._Element | None, bytes | None, list[Finding]]:
    if data.__class__ is bytes:  # nearly always: no other question
        pass
    elif dataclasses.is_dataclass(data) and _model_van(
        getattr(type(data), "BERICHT_NAMESPACE", None)
    ) is type(data):
        try:
            data = build(data)
        except BuildError as fout:
            pad = "/" + fout.pad if fout.pad else "/Bericht"
            return None, None, [Finding("XSD", pad, fout.message)]
    elif isinstance(data, bytearray | memoryview):
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


@dataclasses.dataclass
class Voorgelezen:
    """A message read once (bytes, XML tree, model): pass it to :func:`valideer` or
    :func:`~..retour.beoordeel` instead of the bytes to skip a second parse (used by the
    exchange, which needs the model earlier to fetch the history of a whole batch at once)."""

    data: bytes | None
    root: etree._Element | None
    bevindingen: list[Finding]
    """The ``XML`` finding when the bytes are no readable XML (``root`` is ``None``)."""
    laag1: list[Finding] = dataclasses.field(default_factory=list)
    bericht: Any | None = None
    fout: ParseError | None = None


def lees_vooraf(data: Any, *, max_bytes: int = MAX_BERICHT_BYTES) -> Voorgelezen:
    """Read ``data`` once into a :class:`Voorgelezen` (layer 1 and the model; never raises)."""
    root, gelezen, bevindingen = _lees(data, max_bytes)
    uit = Voorgelezen(gelezen, root, bevindingen)
    if root is not None:
        uit.laag1 = controleer_laag1(root)
        try:
            uit.bericht = parse_element(root, vertrouwd=not uit.laag1)
        except ParseError as fout:
            uit.fout = fout
    return uit


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
    officieel: OfficieleXsd | None = None,
) -> list[Finding]:
    """All findings of layers 1 and 2 (and 3 with ``historie``) for XML bytes or a model.

    Never raises for bad input: unreadable or unsupported input gives a finding. ``vandaag``
    (default: today) is the system date for the rules about dates in the future (TR135).
    Layer 2 runs whenever the message can be read into its model, also when layer 1 found
    wrong values, so one run shows as much as possible. Layer 3 (:mod:`.laag3`) runs when a
    ``historie`` is given; ``variant`` is the uitvoeringsvariant of the lot. ``validate`` only
    reads the history; :func:`.laag3.registreer` adds an accepted message to it. With
    ``officieel`` the official XSDs in the user's folder are asked too (:mod:`.officieel`).
    """
    return valideer(
        data, vandaag=vandaag, max_bytes=max_bytes, historie=historie, variant=variant,
        officieel=officieel,
    )[1]  # fmt: skip


def valideer(
    data: Any,
    *,
    vandaag: date | None = None,
    max_bytes: int = MAX_BERICHT_BYTES,
    historie: Historie | None = None,
    variant: Variant | str = Variant.INSPANNINGSGERICHT,
    officieel: OfficieleXsd | None = None,
) -> tuple[Any | None, list[Finding]]:
    """Like :func:`validate`, but also returns the message model (``None`` if unreadable)."""
    if isinstance(data, Voorgelezen):
        root, bevindingen = data.root, list(data.bevindingen)
    else:
        root, _, bevindingen = _lees(data, max_bytes)
    if root is None:
        return None, bevindingen
    laag1 = list(data.laag1) if isinstance(data, Voorgelezen) else controleer_laag1(root)
    bevindingen = laag1 + (officieel.controleer(root) if officieel is not None else [])
    try:
        if isinstance(data, Voorgelezen):
            if data.fout is not None:
                raise data.fout
            bericht = data.bericht
        else:  # the tree layer 1 read; no second XML parse, no structure checks twice
            bericht = parse_element(root, vertrouwd=not laag1)
    except ParseError as fout:
        if not laag1:  # the XSD accepts it, but our model cannot hold it (e.g. year 12023)
            pad = "/" + fout.pad if fout.pad else "/Bericht"
            bevindingen.append(Finding("XSD", pad, f"Het bericht kan niet worden gelezen: {fout}"))
        return None, bevindingen
    bevindingen.extend(controleer_laag2(bericht, vandaag=vandaag or date.today()))
    if historie is not None and (
        type(bericht) in BERICHTTYPEN.values() or type(bericht).BERICHT == "wmo325"
    ):
        from .laag3 import controleer_laag3

        bevindingen.extend(controleer_laag3(bericht, historie, variant=variant))
    return bericht, bevindingen


def is_valid(bevindingen: list[Finding]) -> bool:
    """True when none of the findings is an error (warnings are allowed)."""
    return not bevindingen or all(finding.severity is not Ernst.FOUT for finding in bevindingen)
