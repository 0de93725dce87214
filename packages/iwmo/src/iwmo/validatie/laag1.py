"""Layer 1: everything the iWmo 3.2 XSDs define, checked by our own code.

The facts come from :mod:`.xsdfeiten` (generated once from the official XSDs). This module walks
the lxml tree of a message and checks the structure (element order, required elements,
cardinality, no unknown elements, attributes or stray text) and every simple value (lexical
form of integers, dates and times; lengths; ranges; patterns; enumerations). A broken facet
that is one of the standard's restrictions has its RS code (:mod:`.restricties`: a maximum
length, a minimum or maximum value, a pattern); every other finding has rule code ``"XSD"``.

As in XSD 1.0, integers, dates and times are whitespace-collapsed before their lexical form and
facets are checked; strings are taken as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from lxml import etree

from ..berichten.basis import BASIS_NAMESPACE, BERICHT_NAMESPACE_TEMPLATE
from ..safexml import naam_van
from . import restricties, snelxsd, xsdfeiten
from .bevinding import Finding
from .retourfeiten import RETOUR_BERICHTEN, RETOUR_COMPLEXE_TYPEN, RETOUR_EENVOUDIGE_TYPEN
from .xsdregex import compileer

BERICHTEN: dict[str, str] = xsdfeiten.BERICHTEN | RETOUR_BERICHTEN
"""Prefix -> root type of every message layer 1 knows: the heenberichten and the retours."""
EENVOUDIGE_TYPEN: dict[str, dict] = xsdfeiten.EENVOUDIGE_TYPEN | RETOUR_EENVOUDIGE_TYPEN
COMPLEXE_TYPEN: dict[str, tuple] = xsdfeiten.COMPLEXE_TYPEN | RETOUR_COMPLEXE_TYPEN

XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_XSI_TOEGESTAAN = {f"{XSI}schemaLocation", f"{XSI}noNamespaceSchemaLocation"}
_XML_WS = " \t\n\r"

NAMESPACES: dict[str, str] = {"iwmo": BASIS_NAMESPACE} | {
    prefix: BERICHT_NAMESPACE_TEMPLATE.format(bericht=prefix) for prefix in BERICHTEN
}
"""Prefix -> namespace, for the basisschema and every supported message."""

BERICHT_VAN_NAMESPACE = {NAMESPACES[prefix]: prefix for prefix in xsdfeiten.BERICHTEN}
"""Namespace -> prefix of the heenberichten (the messages with an official XSD)."""
_PREFIX_VAN_NAMESPACE = {NAMESPACES[prefix]: prefix for prefix in BERICHTEN}

# Patterns of the Python walk (and of error messages), which runs only when libxml2 found
# something: compiled by ``re`` at their first use, not at the start (~1 ms).
_INTEGER = r"[+-]?[0-9]+"
_TZ = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_DATE = r"(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])" + _TZ
_TIME = r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)" + _TZ
_DAGEN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _schrikkeljaar(jaar: int) -> bool:
    return jaar % 4 == 0 and (jaar % 100 != 0 or jaar % 400 == 0)


def _geldige_datum(tekst: str) -> bool:
    match = re.fullmatch(_DATE, tekst)
    if not match:
        return False
    jaar, maand, dag = (int(deel) for deel in match.groups())
    if jaar == 0:
        return False
    maximum = 29 if maand == 2 and _schrikkeljaar(abs(jaar)) else _DAGEN[maand - 1]
    return dag <= maximum


def _toon(tekst: str, lengte: int = 40) -> str:
    return repr(tekst if len(tekst) <= lengte else tekst[:lengte] + "…")


# --- simple types ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EenvoudigType:
    """A simple type with its facets, ready to check a lexical value."""

    naam: str
    basis: str
    min_length: int | None
    max_length: int | None
    length: int | None
    min_inclusive: int | None
    max_inclusive: int | None
    patronen: tuple[tuple[tuple[str, Callable[[str], bool]], ...], ...]
    enumeratie: tuple[str, ...] | None

    def controleer(self, tekst: str) -> str | None:
        """``None`` when ``tekst`` is valid, else a Dutch explanation."""
        uitkomst = self.toets(tekst)
        return uitkomst[1] if uitkomst else None

    def toets(self, tekst: str) -> tuple[str, str] | None:
        """``None`` when ``tekst`` is valid, else the rule code (the RS code of a restriction,
        else ``XSD``) and a Dutch explanation."""
        waarde = tekst
        getal = None
        if self.basis != "string":
            waarde = re.sub(r"[ \t\n\r]+", " ", tekst).strip(" ")
        if self.basis == "integer":
            if not re.fullmatch(_INTEGER, waarde):
                return "XSD", f"De waarde {_toon(tekst)} is geen geheel getal."
            getal = int(waarde)
        elif self.basis == "date":
            if not _geldige_datum(waarde):
                return (
                    "XSD",
                    f"De waarde {_toon(tekst)} is geen geldige datum (verwacht JJJJ-MM-DD).",
                )
        elif self.basis == "time":
            if not re.fullmatch(_TIME, waarde):
                return "XSD", f"De waarde {_toon(tekst)} is geen geldige tijd (verwacht UU:MM:SS)."
        elif self.basis != "string":  # pragma: no cover - the generator admits no other bases
            return "XSD", f"Onbekend basistype {self.basis}."
        if self.basis == "string":
            lengte = len(waarde)
            if self.length is not None and lengte != self.length:
                return (
                    "XSD",
                    f"De waarde {_toon(tekst)} moet precies {self.length} tekens lang zijn.",
                )
            if self.min_length is not None and lengte < self.min_length:
                if lengte == 0:
                    return self._leeg, "Het element is leeg; een waarde is verplicht."
                return (
                    "XSD",
                    f"De waarde {_toon(tekst)} is te kort: minimaal {self.min_length} tekens.",
                )
            if self.max_length is not None and lengte > self.max_length:
                return (
                    restricties.MAXIMALE_LENGTE.get(self.max_length, "XSD"),
                    f"De waarde {_toon(tekst)} is te lang: {lengte} tekens, maximaal {self.max_length}.",
                )
        for stap in self.patronen:
            if not any(past(waarde) for _, past in stap):
                formaat = " of ".join(bron for bron, _ in stap)
                return (
                    restricties.patroon(stap[0][0], self.naam),
                    f"De waarde {_toon(tekst)} heeft niet het juiste formaat ({formaat}).",
                )
        if self.enumeratie is not None and waarde not in self.enumeratie:
            codes = ", ".join(self.enumeratie[:12]) + (", …" if len(self.enumeratie) > 12 else "")
            return (
                "XSD",
                f"De code {_toon(tekst)} komt niet voor in de codelijst (toegestaan: {codes}).",
            )
        if getal is not None:
            if self.min_inclusive is not None and getal < self.min_inclusive:
                return (
                    restricties.MINIMALE_WAARDE.get(self.min_inclusive, "XSD"),
                    f"De waarde {getal} is kleiner dan het minimum {self.min_inclusive}.",
                )
            if self.max_inclusive is not None and getal > self.max_inclusive:
                return (
                    restricties.MAXIMALE_WAARDE.get(self.max_inclusive, "XSD"),
                    f"De waarde {getal} is groter dan het maximum {self.max_inclusive}.",
                )
        return None

    @property
    def _leeg(self) -> str:
        """An empty value breaks "geen lege elementen" (RS033) where the type has that pattern."""
        codes = {restricties.patroon(bron, self.naam) for stap in self.patronen for bron, _ in stap}
        return restricties.NIET_LEEG if restricties.NIET_LEEG in codes else "XSD"


def _niet_alleen_witruimte(tekst: str) -> bool:
    return bool(tekst.strip(_XML_WS))  # linear time, C speed


_SNELLE_PATRONEN: dict[str, Callable[[str], bool]] = {
    # LDT_Commentaar: nested quantifiers; equivalent to "contains a non-whitespace character".
    "([.\\s]*\\S+[.\\s]*)+": _niet_alleen_witruimte,
}


def _patroon(bron: str) -> Callable[[str], bool]:
    if bron in _SNELLE_PATRONEN:
        return _SNELLE_PATRONEN[bron]
    return compileer(bron).fullmatch  # type: ignore[return-value]


@cache
def eenvoudig_type(naam: str) -> EenvoudigType:
    feiten = EENVOUDIGE_TYPEN[naam]
    return EenvoudigType(
        naam=naam,
        basis=feiten["basis"],
        min_length=feiten.get("minLength"),
        max_length=feiten.get("maxLength"),
        length=feiten.get("length"),
        min_inclusive=feiten.get("minInclusive"),
        max_inclusive=feiten.get("maxInclusive"),
        patronen=tuple(
            tuple((bron, _patroon(bron)) for bron in stap) for stap in feiten["patronen"]
        ),
        enumeratie=feiten.get("enumeratie"),
    )


# --- structure -------------------------------------------------------------------------------


@cache
def _deeltjes(type_naam: str) -> tuple[tuple[str, str, int, int | None], ...]:
    """The sequence of ``(qualified tag, element name, type, min, max)`` of a complex type."""
    prefix = type_naam.split(":", 1)[0]
    namespace = NAMESPACES[prefix]
    return tuple(
        (f"{{{namespace}}}{naam}", naam, type_, minimum, maximum)
        for naam, type_, minimum, maximum in COMPLEXE_TYPEN[type_naam]
    )


def _naam(el: etree._Element) -> str:
    qname = etree.QName(el)
    return qname.localname if len(qname.localname) <= 60 else qname.localname[:60] + "…"


class _Controle:
    def __init__(self) -> None:
        self.bevindingen: list[Finding] = []

    def fout(self, pad: str, melding: str, regel: str = "XSD") -> None:
        self.bevindingen.append(Finding(regel, pad, melding))

    def attributen(self, el: etree._Element, pad: str) -> None:
        for naam in el.attrib:
            if naam in _XSI_TOEGESTAAN:
                continue
            self.fout(pad, f"Het attribuut {_toon(naam)} is hier niet toegestaan.")

    def complex(self, el: etree._Element, type_naam: str, pad: str) -> None:
        self.attributen(el, pad)
        kinderen = []
        tekst_gezien = _niet_alleen_witruimte(el.text or "")
        for kind in el:
            if isinstance(kind.tag, str):
                kinderen.append(kind)
            tekst_gezien = tekst_gezien or _niet_alleen_witruimte(kind.tail or "")
        if tekst_gezien:
            self.fout(pad, "Dit element bevat tekst waar alleen elementen horen.")
        index = 0
        for tag, naam, type_, minimum, maximum in _deeltjes(type_naam):
            aantal = 0
            herhaald = maximum is None or maximum > 1
            while (
                index < len(kinderen)
                and kinderen[index].tag == tag
                and (maximum is None or aantal < maximum)
            ):
                aantal += 1
                kindpad = f"{pad}/{naam}[{aantal}]" if herhaald else f"{pad}/{naam}"
                self.element(kinderen[index], type_, kindpad)
                index += 1
            if aantal < minimum:
                gevonden = f" (gevonden: {_naam(kinderen[index])})" if index < len(kinderen) else ""
                self.fout(f"{pad}/{naam}", f"Het verplichte element {naam} ontbreekt{gevonden}.")
        if index < len(kinderen):
            kind = kinderen[index]
            self.fout(
                f"{pad}/{_naam(kind)}",
                f"Het element {_naam(kind)} is hier niet toegestaan: onbekend, te vaak herhaald, "
                "in een andere namespace of in de verkeerde volgorde.",
            )

    def element(self, el: etree._Element, type_naam: str, pad: str) -> None:
        if type_naam in COMPLEXE_TYPEN:
            self.complex(el, type_naam, pad)
            return
        self.attributen(el, pad)
        if any(isinstance(kind.tag, str) for kind in el):
            self.fout(pad, "Dit element mag geen subelementen bevatten.")
            return
        uitkomst = eenvoudig_type(type_naam).toets(el.text or "")
        if uitkomst:
            regel, melding = uitkomst
            self.fout(pad, melding, regel)


def controleer_laag1(root: etree._Element) -> list[Finding]:
    """All XSD findings for the message with root element ``root``."""
    qname = naam_van(root)
    prefix = _PREFIX_VAN_NAMESPACE.get(qname.namespace or "")
    controle = _Controle()
    if prefix is None:
        controle.fout(f"/{_naam(root)}", onbekend_bericht(qname.namespace))
    elif qname.localname != "Bericht":
        controle.fout(f"/{_naam(root)}", f"Het hoofdelement heet {_naam(root)}; verwacht Bericht.")
    elif snelxsd.zeker_geldig(root, qname.namespace):  # libxml2 on our facts: C speed
        return []
    else:
        controle.complex(root, BERICHTEN[prefix], "/Bericht")
    return controle.bevindingen


def controleer_laag1_python(root: etree._Element) -> list[Finding]:
    """Like :func:`controleer_laag1`, always with the Python walk (the reference, for tests)."""
    qname = etree.QName(root)
    prefix = _PREFIX_VAN_NAMESPACE.get(qname.namespace or "")
    if prefix is None or qname.localname != "Bericht":
        return controleer_laag1(root)
    controle = _Controle()
    controle.complex(root, BERICHTEN[prefix], "/Bericht")
    return controle.bevindingen


_IWMO_NAMESPACE = r"http://www\.istandaarden\.nl/iwmo/(\d+_\d+)/(\w+)/schema"


def onbekend_bericht(namespace: str | None) -> str:
    """A Dutch explanation of why a root namespace is not a supported iWmo 3.2 message."""
    match = re.fullmatch(_IWMO_NAMESPACE, namespace or "")
    if match and match.group(1) == "3_2":
        return f"Berichttype {match.group(2).upper()} wordt (nog) niet ondersteund."
    if match:
        release = match.group(1).replace("_", ".")
        return f"Dit is een iWmo {release}-bericht; alleen iWmo 3.2 wordt ondersteund."
    return f"Onbekende namespace {_toon(namespace or '(geen)', 80)}: geen iWmo 3.2-bericht."
