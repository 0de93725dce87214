"""Compiled readers: one plain Python function per model class, generated from its fields.

Reading a message that layer 1 accepted is the hot path of validation and ingest. The generic
reader of :mod:`.mapping` looks up every field's plan and builds an XPath-like path for every
element, just in case a value turns out to be wrong. A compiled reader does only what is left
to do: take the children in order, convert the text and call the model class with keyword
arguments.

It reads only trees that layer 1 accepted (``vertrouwd``), so it takes the schema's word for
the element order: a tag is compared only where the reader has to choose, at an optional
element. A required element is taken at its index and the items of a wrapper as items (the
XSD allows nothing else there); that spares a tag string per element, about a tenth of the
reading. Our XSD is compared with the strict Python walk on thousands of mutations
(``test_snelxsd``), and this reader with the strict reader (``test_lezer``).

A compiled reader never explains anything. Whatever it does not expect (too few or too many
children, a value its type cannot hold) raises :class:`Afwijking`; the caller then reads the
message again with the strict reader of :mod:`.mapping`, which raises the usual
:class:`~..errors.ParseError` with path and line, or returns the model if the difference was
harmless. Values are always converted and checked here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from functools import cache
from typing import Any

from lxml import etree

from .mapping import _leesplan, parse_value


class Afwijking(Exception):
    """The element is not as the compiled reader expects: read it with the strict reader."""


def _int(el: etree._Element) -> int:
    tekst = el.text
    if tekst is not None and tekst.isascii() and tekst.isdigit() and len(tekst) <= 30:
        return int(tekst)
    return parse_value(tekst or "", int)  # signs, whitespace and errors: the general rules


def _datum(el: etree._Element) -> date:
    tekst = el.text
    if tekst is not None and len(tekst) == 10 and tekst.isascii() and tekst[4] == tekst[7] == "-":
        return date.fromisoformat(tekst)  # only digits pass: like the XSD form, never 2026-W01-1
    return parse_value(tekst or "", date)


def _tijd(el: etree._Element) -> time:
    return parse_value(el.text or "", time)


_CONVERSIE = {int: "_int({})", date: "_datum({})", time: "_tijd({})", str: "({}.text or '')"}


@cache
def lezer(cls: type, bericht_ns: str) -> Callable[[etree._Element], Any]:
    """The compiled reader of model ``cls`` (its child elements) in a message of ``bericht_ns``."""
    globalen: dict[str, Any] = {
        "cls": cls,
        "Afwijking": Afwijking,
        "_int": _int,
        "_datum": _datum,
        "_tijd": _tijd,
    }
    regels = ["def lees(el):", "    k = el[:]", "    n = len(k)"]  # el[:]: cheaper than list(el)
    argumenten = []
    vast: int | None = 0  # the index of the next child while it is known here (no optional yet)
    for nummer, (tag, veld, is_model, item_tag) in enumerate(_leesplan(cls, bericht_ns)):
        tag_naam, var = f"t{nummer}", f"v{nummer}"
        globalen[tag_naam] = tag
        if is_model:
            globalen[f"l{nummer}"] = lezer(veld.soort, bericht_ns)
            lees = f"l{nummer}({{}})"
        else:
            lees = _CONVERSIE[veld.soort]
        argumenten.append(f"{veld.attr}={var}")
        if item_tag is not None:  # a wrapper with at least one item, all of them items
            lees_items = f"[{lees.format('x')} for x in e]"
            toewijzing = [f"{var} = {lees_items}", f"if not {var}: raise Afwijking"]
        else:
            toewijzing = [f"{var} = {lees.format('e')}"]
        if veld.optioneel or vast is None:
            if vast is not None:
                regels.append(f"    i = {vast}")
                vast = None
            regels.append("    e = k[i] if i < n else None")
            regels.append(f"    if e is not None and e.tag == {tag_naam}:")
            regels.extend("        " + regel for regel in toewijzing)
            regels.append("        i += 1")
            regels.append("    else:")
            if veld.optioneel:
                regels.append(f"        {var} = {'[]' if item_tag is not None else 'None'}")
            else:
                regels.append("        raise Afwijking")
        else:  # required, at a known index: IndexError when it is missing
            regels.append(f"    e = k[{vast}]")
            regels.extend("    " + regel for regel in toewijzing)
            vast += 1
    regels.append(f"    if {'i' if vast is None else vast} != n: raise Afwijking")
    regels.append(f"    return cls({', '.join(argumenten)})")
    # The source is generated from our own model classes, never from input.
    exec(compile("\n".join(regels), f"<lezer {cls.__name__}>", "exec"), globalen)  # noqa: S102  # nosec B102
    return globalen["lees"]


def lees_vertrouwd(el: etree._Element, cls: type, bericht_ns: str) -> Any | None:
    """Read ``el`` as ``cls`` with the compiled reader; ``None`` when the strict reader has to
    look at it (never raises for bad input)."""
    try:
        return lezer(cls, bericht_ns)(el)
    except (Afwijking, ValueError, IndexError):  # a value its type cannot hold, a missing child
        return None
