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

import dataclasses
from collections.abc import Callable
from datetime import date, time
from functools import cache
from typing import Any

from lxml import etree

from .mapping import _leesplan, parse_value


class Afwijking(Exception):
    """The element is not as the compiled reader expects: read it with the strict reader."""


def _tijd(el: etree._Element) -> time:
    tekst = el.text
    if (
        tekst is not None
        and len(tekst) == 8
        and tekst.isascii()
        and tekst[2] == tekst[5] == ":"
        and (tekst[:2] + tekst[3:5] + tekst[6:]).isdigit()
    ):  # UU:MM:SS, as nearly always: what parse_value gives, without its regular expression
        return time(int(tekst[:2]), int(tekst[3:5]), int(tekst[6:]))
    return parse_value(tekst or "", time)


def _int_tekst(tekst: str | None) -> int:
    return parse_value(tekst or "", int)  # signs, whitespace and errors: the general rules


def _datum_tekst(tekst: str | None) -> date:
    return parse_value(tekst or "", date)


# The conversion of a leaf, written out in the reader (the common form without a function
# call: a message has a few dozen of them); the rest goes to the general rules, as above.
_CONVERSIE = {
    int: "(int(t) if (t := {}.text) is not None and t.isascii() and t.isdigit() and len(t) <= 30"
    " else _int_tekst(t))",
    date: "(_fromiso(t) if (t := {}.text) is not None and len(t) == 10 and t.isascii()"
    " and t[4] == t[7] == '-' else _datum_tekst(t))",
    time: "_tijd({})",
    str: "({}.text or '')",
}


@cache
def lezer(cls: type, bericht_ns: str) -> Callable[[etree._Element], Any]:
    """The compiled reader of model ``cls`` (its child elements) in a message of ``bericht_ns``."""
    globalen: dict[str, Any] = {
        "cls": cls,
        "Afwijking": Afwijking,
        "_int_tekst": _int_tekst,
        "_datum_tekst": _datum_tekst,
        "_fromiso": date.fromisoformat,
        "_tijd": _tijd,
    }
    plan = _leesplan(cls, bericht_ns)
    # from field j on: how many fields there are, and how many of them are required
    totaal = [len(plan) - j for j in range(len(plan))]
    verplicht = [sum(not veld.optioneel for _t, veld, _m, _i in plan[j:]) for j in range(len(plan))]
    regels = ["def lees(el):", "    k = el[:]", "    n = len(k)"]  # el[:]: cheaper than list(el)
    if _direct(cls, plan):
        # the instance made without calling __init__: a call with keyword arguments costs
        # three times as much as setting the fields (a model a few elements, ~50 in a 301)
        globalen["_nieuw"] = object.__new__
        regels.append("    o = _nieuw(cls)")
        var_van = "o.{}".format
    else:
        var_van = None
    argumenten = []
    vast: int | None = 0  # the index of the next child while it is known here (no optional yet)
    for nummer, (tag, veld, is_model, item_tag) in enumerate(plan):
        tag_naam, var = f"t{nummer}", var_van(veld.attr) if var_van else f"v{nummer}"
        globalen[tag_naam] = tag
        if is_model:
            globalen[f"l{nummer}"] = lezer(veld.soort, bericht_ns)
            lees = f"l{nummer}({{}})"
        else:
            lees = _CONVERSIE[veld.soort]
        argumenten.append(f"{veld.attr}={var}")
        kind = f"k[{'i' if vast is None or veld.optioneel else vast}]"
        if item_tag is not None:  # a wrapper with at least one item, all of them items
            lees_items = f"[{lees.format('x')} for x in {kind}]"
            toewijzing = [f"{var} = {lees_items}", f"if not {var}: raise Afwijking"]
        else:
            toewijzing = [f"{var} = {lees.format(kind)}"]
        if not veld.optioneel:
            # required: the next child, on the word of layer 1 (IndexError when it is missing)
            regels.extend("    " + regel for regel in toewijzing)
            if vast is None:
                regels.append("    i += 1")
            else:
                vast += 1
            continue
        if vast is not None:
            regels.append(f"    i = {vast}")
            vast = None
        # An optional element is there when as many children are left as fields (all of them
        # are there), absent when only the required ones are left; only in between its tag
        # decides. Layer 1 accepted the order, so the count alone is as sure as the tag, and
        # lxml builds a new tag string on every access.
        leeg = "[]" if item_tag is not None else "None"
        regels.append("    r = n - i")
        regels.append(
            f"    if r == {totaal[nummer]} or (r > {verplicht[nummer]} and k[i].tag == {tag_naam}):"
        )
        regels.extend("        " + regel for regel in toewijzing)
        regels.append("        i += 1")
        regels.append("    else:")
        regels.append(f"        {var} = {leeg}")
    regels.append(f"    if {'i' if vast is None else vast} != n: raise Afwijking")
    regels.append(f"    return {'o' if var_van else 'cls(' + ', '.join(argumenten) + ')'}")
    # The source is generated from our own model classes, never from input.
    exec(compile("\n".join(regels), f"<lezer {cls.__name__}>", "exec"), globalen)  # noqa: S102  # nosec B102
    return globalen["lees"]


def _direct(cls: type, plan: tuple) -> bool:
    """Can a reader make ``cls`` by setting its fields, in the order ``__init__`` would? A
    plain dataclass whose every field is an element: not frozen, no ``__post_init__``."""
    params = getattr(cls, "__dataclass_params__", None)
    return (
        params is not None
        and params.init
        and not params.frozen
        and not hasattr(cls, "__post_init__")
        and not hasattr(cls, "__slots__")
        and [veld.attr for _t, veld, _m, _i in plan]
        == [f.name for f in dataclasses.fields(cls) if f.init]
        == [f.name for f in dataclasses.fields(cls)]
    )


def lees_vertrouwd(el: etree._Element, cls: type, bericht_ns: str) -> Any | None:
    """Read ``el`` as ``cls`` with the compiled reader; ``None`` when the strict reader has to
    look at it (never raises for bad input)."""
    try:
        return lezer(cls, bericht_ns)(el)
    except (Afwijking, ValueError, IndexError):  # a value its type cannot hold, a missing child
        return None
