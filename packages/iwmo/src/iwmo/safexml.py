"""Safe reading of untrusted XML bytes with lxml.

No DTD is loaded or allowed, entities are never expanded, nothing is fetched from the network,
libxml2's size and depth limits stay on (``huge_tree=False``) and the input size is capped before
parsing. Every failure becomes a :class:`~iwmo.errors.ParseError` with a Dutch message.
"""

from __future__ import annotations

import threading
from typing import NamedTuple

from lxml import etree

from .errors import ParseError

#: Default cap on the size of one message (10 MB); a monthly claim of a large provider stays far below.
MAX_BERICHT_BYTES = 10 * 1024 * 1024


_DOCTYPE_MELDING = (
    "Het bericht bevat een DOCTYPE-declaratie; die is in iWmo-berichten niet toegestaan."
)


_lokaal = threading.local()


def _parser() -> etree.XMLParser:
    """One parser per thread: creating it costs about a third of parsing a small message, and an lxml
    parser must not be shared between threads (it keeps its error log)."""
    parser = getattr(_lokaal, "parser", None)
    if parser is None:
        parser = _lokaal.parser = _nieuwe_parser()
    return parser


def _nieuwe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        # whitespace between elements means nothing in iWmo (no mixed content): not keeping it
        # spares a node per line of a pretty-printed message; a leaf's own text stays as it is
        remove_blank_text=True,
    )


def read_xml(data: bytes, *, max_bytes: int = MAX_BERICHT_BYTES) -> etree._Element:
    """Parse ``data`` into a root element, or raise :class:`ParseError`."""
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise ParseError(
            f"Een bericht moet als bytes worden aangeleverd, niet als {type(data).__name__}.",
            code="geen-bytes",
        )
    if len(data) > max_bytes:
        raise ParseError(
            f"Het bericht is te groot: {len(data)} bytes, de grens is {max_bytes} bytes.",
            code="te-groot",
        )
    if not data or data.isspace():  # strip() would copy the whole message
        raise ParseError("Het bericht is leeg.", code="geen-xml")
    if _doctype_in_prolog(data):
        raise ParseError(_DOCTYPE_MELDING, code="dtd-niet-toegestaan")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(
            f"Het bericht is geen geldige XML: {_kort(exc.msg)}",
            code="geen-xml",
            regel=exc.lineno,
        ) from None
    except (etree.LxmlError, ValueError, LookupError) as exc:
        raise ParseError(
            f"Het bericht is geen geldige XML: {_kort(str(exc))}", code="geen-xml"
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise ParseError(_DOCTYPE_MELDING, code="dtd-niet-toegestaan")
    return root


class Naam(NamedTuple):
    namespace: str
    localname: str


_NAMEN: dict[str, Naam] = {}
"""Tag -> its :class:`Naam`, for the few root tags there are (a named tuple is slow to make)."""


def naam_van(el: etree._Element) -> Naam:
    """Namespace ("" for none) and local name of an element: what ``etree.QName`` gives, for a
    fraction of its cost (it checks the name again; it is asked twice per message)."""
    tag = el.tag
    naam = _NAMEN.get(tag)
    if naam is None:
        if tag[:1] == "{":
            einde = tag.index("}")
            naam = Naam(tag[1:einde], tag[einde + 1 :])
        else:
            naam = Naam("", tag)
        if len(_NAMEN) < 256:  # any input can choose its root tag: keep the memory bounded
            _NAMEN[tag] = naam
    return naam


def _doctype_in_prolog(data: bytes) -> bool:
    """True when a DOCTYPE follows the BOM, XML declaration, comments and PIs (a linear scan)."""
    if b"<!DOCTYPE" not in data:  # one C search answers for nearly every message
        return False
    positie = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while positie < len(data) and data[positie] in b" \t\r\n":
            positie += 1
        for begin, einde in ((b"<?", b"?>"), (b"<!--", b"-->")):
            if data.startswith(begin, positie):
                slot = data.find(einde, positie + len(begin))
                if slot < 0:
                    return False
                positie = slot + len(einde)
                break
        else:
            return data.startswith(b"<!DOCTYPE", positie)


def _kort(tekst: str | None, lengte: int = 200) -> str:
    tekst = (tekst or "onbekende fout").strip()
    return tekst if len(tekst) <= lengte else tekst[:lengte] + "…"
