"""Generic mapping between the message dataclasses and lxml elements.

Every model field that is an XML element is declared with :func:`element`. Its Python type
annotation says how the text is converted (``str``, ``int``, ``datetime.date``,
``datetime.time`` or a nested model), ``X | None`` marks an optional element and ``list[X]`` a
repeated element inside a wrapper element (``Relaties/Relatie``). The field order is the element
order of the XSD ``xs:sequence``.

Each model class has a ``NAMESPACE`` class variable: the namespace of its *child* elements.
Types from the basisschema (``CDT_…``) use the basisschema namespace; types declared in a message
schema use ``None``, meaning "the namespace of the message being built or read".

Reading is strict in the same way as the XSD structure: required elements must be present,
elements must come in schema order, unknown elements, attributes and stray text are refused.
Value facets (patterns, lengths, code lists) are not checked here.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import date, datetime, time
from functools import cache
from typing import Any

from lxml import etree

from ..errors import BuildError, ParseError

XML_WHITESPACE = " \t\r\n"
SIMPLE_TYPES = (str, int, date, time)

# compiled by ``re`` at their first use: the compiled readers convert the common forms
# themselves, so a validation may never need them (~1 ms of the start-up)
_INTEGER = r"[+-]?[0-9]{1,30}"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME = r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,30}))?"


def element(
    naam: str,
    *,
    lijst: str | None = None,
    optioneel: bool = False,
    default: Any = dataclasses.MISSING,
    default_factory: Any = dataclasses.MISSING,
) -> Any:
    """Declare a dataclass field as the XML element ``naam``.

    ``lijst`` is the name of the repeated child element when ``naam`` is a wrapper. Optional
    elements default to ``None`` (or an empty list for an optional wrapper).
    """
    metadata = {"xml": naam, "lijst": lijst, "optioneel": optioneel}
    if optioneel and default is dataclasses.MISSING and default_factory is dataclasses.MISSING:
        if lijst is None:
            default = None
        else:
            default_factory = list
    return dataclasses.field(default=default, default_factory=default_factory, metadata=metadata)


@dataclasses.dataclass(frozen=True)
class Veld:
    """The XML view of one model field."""

    attr: str
    xml: str
    soort: type
    optioneel: bool
    lijst: str | None


@cache
def velden(cls: type) -> tuple[Veld, ...]:
    """The XML fields of a model class in schema order (checked once per class)."""
    hints = typing.get_type_hints(cls)
    result = []
    for field in dataclasses.fields(cls):
        if "xml" not in field.metadata:
            continue
        soort = hints[field.name]
        is_optional = False
        if typing.get_origin(soort) in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(soort) if a is not type(None)]
            is_optional = len(args) < len(typing.get_args(soort))
            if len(args) != 1:
                raise TypeError(f"{cls.__name__}.{field.name}: alleen 'X | None' wordt ondersteund")
            soort = args[0]
        lijst = field.metadata["lijst"]
        if typing.get_origin(soort) is list:
            if lijst is None:
                raise TypeError(f"{cls.__name__}.{field.name}: een lijst heeft 'lijst=' nodig")
            soort = typing.get_args(soort)[0]
        elif lijst is not None:
            raise TypeError(f"{cls.__name__}.{field.name}: 'lijst=' vraagt om een list-type")
        if lijst is None and is_optional != field.metadata["optioneel"]:
            raise TypeError(f"{cls.__name__}.{field.name}: 'X | None' hoort bij optioneel=True")
        if soort not in SIMPLE_TYPES and not dataclasses.is_dataclass(soort):
            raise TypeError(f"{cls.__name__}.{field.name}: type {soort!r} wordt niet ondersteund")
        result.append(
            Veld(field.name, field.metadata["xml"], soort, field.metadata["optioneel"], lijst)
        )
    return tuple(result)


def _namespace(cls: type, bericht_ns: str) -> str:
    return getattr(cls, "NAMESPACE", None) or bericht_ns


# --- building --------------------------------------------------------------------------------


def fill_element(parent: etree._Element, obj: Any, bericht_ns: str, pad: str) -> None:
    """Append the child elements of model ``obj`` to ``parent``, in schema order."""
    ns = _namespace(type(obj), bericht_ns)
    for veld in velden(type(obj)):
        waarde = getattr(obj, veld.attr)
        veldpad = f"{pad}/{veld.xml}"
        tag = f"{{{ns}}}{veld.xml}"
        if veld.lijst is not None:
            if not isinstance(waarde, list | tuple):
                raise BuildError(f"{veldpad} moet een lijst zijn.", pad=veldpad)
            if not waarde:
                if veld.optioneel:
                    continue
                raise BuildError(f"{veldpad} moet minstens één {veld.lijst} bevatten.", pad=veldpad)
            wrapper = etree.SubElement(parent, tag)
            for nummer, item in enumerate(waarde, start=1):
                itempad = f"{veldpad}/{veld.lijst}[{nummer}]"
                _fill_value(
                    etree.SubElement(wrapper, f"{{{ns}}}{veld.lijst}"),
                    item,
                    veld.soort,
                    bericht_ns,
                    itempad,
                )
        elif waarde is None:
            if not veld.optioneel:
                raise BuildError(f"{veldpad} is verplicht maar ontbreekt.", pad=veldpad)
        else:
            _fill_value(etree.SubElement(parent, tag), waarde, veld.soort, bericht_ns, veldpad)


def _fill_value(el: etree._Element, waarde: Any, soort: type, bericht_ns: str, pad: str) -> None:
    if dataclasses.is_dataclass(soort):
        if not isinstance(waarde, soort):
            raise BuildError(
                f"{pad} moet een {soort.__name__} zijn, niet {type(waarde).__name__}.", pad=pad
            )
        fill_element(el, waarde, bericht_ns, pad)
        return
    el.text = format_value(waarde, soort, pad)


def format_value(waarde: Any, soort: type, pad: str) -> str:
    """The XSD lexical form of a simple value."""
    if soort is str and isinstance(waarde, str):
        return waarde
    if soort is int and isinstance(waarde, int) and not isinstance(waarde, bool):
        return str(waarde)
    if soort is date and isinstance(waarde, date) and not isinstance(waarde, datetime):
        return waarde.isoformat()
    if soort is time and isinstance(waarde, time):
        if waarde.tzinfo is not None:
            raise BuildError(f"{pad} is een tijd zonder tijdzone in iWmo.", pad=pad)
        return waarde.isoformat()
    raise BuildError(
        f"{pad} moet van het type {soort.__name__} zijn, niet {type(waarde).__name__}.", pad=pad
    )


# --- reading ---------------------------------------------------------------------------------


@cache
def _leesplan(cls: type, bericht_ns: str) -> tuple[tuple[str, Veld, bool, str | None], ...]:
    """Per field of ``cls``: (qualified tag, field, is a model, qualified list item tag)."""
    ns = _namespace(cls, bericht_ns)
    return tuple(
        (
            f"{{{ns}}}{veld.xml}",
            veld,
            dataclasses.is_dataclass(veld.soort),
            f"{{{ns}}}{veld.lijst}" if veld.lijst is not None else None,
        )
        for veld in velden(cls)
    )


def read_element(el: etree._Element, cls: type, bericht_ns: str, pad: str) -> Any:
    """Read the children of ``el`` as an instance of model ``cls`` (raises :class:`ParseError`)."""
    if el.attrib:
        _no_attributes(el, pad)
    tekst = el.text
    if tekst and tekst.strip(XML_WHITESPACE):
        raise _fout(el, pad, f"{pad} bevat tekst waar alleen elementen horen.")
    kinderen = []
    tags = []  # lxml builds the tag string on every access: read it once
    for kind in el:
        kind_tag = kind.tag
        if kind_tag.__class__ is str:
            kinderen.append(kind)
            tags.append(kind_tag)
        elif kind_tag is etree.Entity:
            raise _fout(el, pad, f"{pad} bevat een entiteitsverwijzing; die is niet toegestaan.")
        staart = kind.tail
        if staart and staart.strip(XML_WHITESPACE):
            raise _fout(el, pad, f"{pad} bevat tekst waar alleen elementen horen.")

    waarden: dict[str, Any] = {}
    index = 0
    aantal = len(kinderen)
    for tag, veld, is_model, item_tag in _leesplan(cls, bericht_ns):
        if index < aantal and tags[index] == tag:
            kind = kinderen[index]
            index += 1
            veldpad = pad + "/" + veld.xml
            if item_tag is not None:
                waarden[veld.attr] = _read_list(kind, veld, item_tag, is_model, bericht_ns, veldpad)
            elif is_model:
                waarden[veld.attr] = read_element(kind, veld.soort, bericht_ns, veldpad)
            else:
                waarden[veld.attr] = _read_simple(kind, veld.soort, veldpad)
        elif veld.optioneel:
            waarden[veld.attr] = [] if veld.lijst is not None else None
        else:
            raise _fout(
                kinderen[index] if index < aantal else el,
                f"{pad}/{veld.xml}",
                f"Verplicht element {veld.xml} ontbreekt in {pad}"
                + (f" (gevonden: {_naam(kinderen[index])})." if index < aantal else "."),
                code="element-ontbreekt",
            )
    if index < aantal:
        kind = kinderen[index]
        raise _fout(
            kind,
            f"{pad}/{_naam(kind)}",
            f"Onverwacht element {_naam(kind)} in {pad}: onbekend of in de verkeerde volgorde.",
            code="onverwacht-element",
        )
    return cls(**waarden)


def _read_list(
    el: etree._Element, veld: Veld, tag: str, is_model: bool, bericht_ns: str, pad: str
) -> list[Any]:
    if el.attrib:
        _no_attributes(el, pad)
    tekst = el.text
    if tekst and tekst.strip(XML_WHITESPACE):
        raise _fout(el, pad, f"{pad} bevat tekst waar alleen elementen horen.")
    items: list[Any] = []
    soort = veld.soort
    for kind in el:
        staart = kind.tail
        if staart and staart.strip(XML_WHITESPACE):
            raise _fout(el, pad, f"{pad} bevat tekst waar alleen elementen horen.")
        kind_tag = kind.tag
        if not isinstance(kind_tag, str):
            if kind_tag is etree.Entity:
                raise _fout(
                    el, pad, f"{pad} bevat een entiteitsverwijzing; die is niet toegestaan."
                )
            continue
        if kind_tag != tag:
            raise _fout(
                kind,
                f"{pad}/{_naam(kind)}",
                f"Onverwacht element {_naam(kind)} in {pad}; alleen {veld.lijst} is toegestaan.",
                code="onverwacht-element",
            )
        itempad = f"{pad}/{veld.lijst}[{len(items) + 1}]"
        if is_model:
            items.append(read_element(kind, soort, bericht_ns, itempad))
        else:
            items.append(_read_simple(kind, soort, itempad))
    if not items:
        raise _fout(
            el, pad, f"{pad} moet minstens één {veld.lijst} bevatten.", code="element-ontbreekt"
        )
    return items


def _read_value(el: etree._Element, soort: type, bericht_ns: str, pad: str) -> Any:
    if dataclasses.is_dataclass(soort):
        return read_element(el, soort, bericht_ns, pad)
    return _read_simple(el, soort, pad)


def _read_simple(el: etree._Element, soort: type, pad: str) -> Any:
    if el.attrib:
        _no_attributes(el, pad)
    if len(el):
        for kind in el:
            if isinstance(kind.tag, str):
                raise _fout(kind, pad, f"{pad} mag geen subelementen bevatten.")
            if kind.tag is etree.Entity:
                raise _fout(
                    el, pad, f"{pad} bevat een entiteitsverwijzing; die is niet toegestaan."
                )
    tekst = el.text or ""
    try:
        return parse_value(tekst, soort)
    except ValueError:
        raise _fout(
            el,
            pad,
            f"{pad} heeft een ongeldige waarde {_toon(tekst)}: verwacht {_BESCHRIJVING[soort]}.",
            code="ongeldige-waarde",
        ) from None


_BESCHRIJVING = {
    str: "tekst",
    int: "een geheel getal",
    date: "een datum JJJJ-MM-DD",
    time: "een tijd UU:MM:SS",
}


def parse_value(tekst: str, soort: type) -> Any:
    """Convert XSD lexical text to a Python value; raises ``ValueError`` on bad input."""
    if soort is str:
        return tekst
    kaal = tekst.strip(XML_WHITESPACE)
    if soort is int:
        if not re.fullmatch(_INTEGER, kaal):
            raise ValueError(kaal)
        return int(kaal)
    if soort is date:
        if not re.fullmatch(_DATE, kaal):
            raise ValueError(kaal)
        return date.fromisoformat(kaal)
    if soort is time:
        match = re.fullmatch(_TIME, kaal)
        if not match:
            raise ValueError(kaal)
        uur, minuut, seconde, fractie = match.groups()
        microseconde = int((fractie or "0")[:6].ljust(6, "0"))
        return time(int(uur), int(minuut), int(seconde), microseconde)
    raise ValueError(soort)  # pragma: no cover - velden() admits only the types above


def _no_attributes(el: etree._Element, pad: str) -> None:
    for naam in el.attrib:
        if not naam.startswith("{http://www.w3.org/2001/XMLSchema-instance}"):
            raise _fout(el, pad, f"{pad} heeft een onverwacht attribuut {_toon(naam)}.")


def _naam(el: etree._Element, lengte: int = 60) -> str:
    naam = etree.QName(el).localname
    return naam if len(naam) <= lengte else naam[:lengte] + "…"


def _toon(tekst: str, lengte: int = 40) -> str:
    return repr(tekst if len(tekst) <= lengte else tekst[:lengte] + "…")


def _fout(el: etree._Element, pad: str, bericht: str, code: str = "structuur") -> ParseError:
    return ParseError(bericht, code=code, pad=pad, regel=el.sourceline)
