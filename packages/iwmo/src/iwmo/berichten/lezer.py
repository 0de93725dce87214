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
import re
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


_nieuw = object.__new__
_fromiso = date.fromisoformat

_GEGENEREERD = "_lezers"
"""The module with the readers of the heenberichten, generated at build time
(``python -m iwmo.berichten.genereer``): compiling them at the start took ~8 ms of CPU, a tenth of
the command line's start-up. ``test_lezer`` fails when it no longer matches the models."""


@cache
def lezer(cls: type, bericht_ns: str) -> Callable[[etree._Element], Any]:
    """The compiled reader of model ``cls`` (its child elements) in a message of ``bericht_ns``:
    from the generated module, else compiled now (the retours, a model of a test)."""
    gegenereerd = _gegenereerd().get((cls, bericht_ns))
    if gegenereerd is not None:
        return gegenereerd
    functies = _functies([(cls, bericht_ns)])
    globalen: dict[str, Any] = dict(_HULP)
    for naam, klasse, _ns, _regels in functies:
        globalen[f"K{naam}"] = klasse
    bron = "\n".join(regel for *_, regels in functies for regel in regels)
    # The source is generated from our own model classes, never from input.
    exec(compile(bron, f"<lezer {cls.__name__}>", "exec"), globalen)  # noqa: S102  # nosec B102
    return globalen[functies[0][0]]


@cache
def _gegenereerd() -> dict[tuple[type, str], Callable[[etree._Element], Any]]:
    from importlib import import_module

    return import_module(f"{__package__}.{_GEGENEREERD}").LEZERS


def _functies(
    wortels: list[tuple[type, str]],
) -> list[tuple[str, type, str, list[str]]]:
    """(function name, model, namespace, source lines) of the readers of ``wortels`` and of
    every model inside them, each (model, namespace) once, the roots first."""
    namen: dict[tuple[type, str], str] = {}
    uit: list[tuple[str, type, str, list[str]]] = []

    def naam_van(cls: type, bericht_ns: str) -> str:
        sleutel = (cls, bericht_ns)
        if sleutel not in namen:
            bericht = bericht_ns.rstrip("/").removesuffix("/schema").rpartition("/")[2]
            module = cls.__module__.rpartition(".")[2]
            naam = f"_{bericht}_{module}_{cls.__qualname__}".replace(".", "_")
            naam = "".join(teken if teken.isalnum() else "_" for teken in naam)
            while naam in namen.values():
                naam += "_"
            namen[sleutel] = naam
            uit.append((naam, cls, bericht_ns, []))
            uit[-1][3].extend(_bron(cls, bericht_ns, naam, naam_van))
        return namen[sleutel]

    for cls, bericht_ns in wortels:
        naam_van(cls, bericht_ns)
    return uit


def _bron(cls: type, bericht_ns: str, naam: str, naam_van: Callable[[type, str], str]) -> list[str]:
    """The source lines of the reader ``naam`` of ``cls``; the class is the global ``K<naam>``,
    a nested model's reader the function ``naam_van(model, bericht_ns)``."""
    plan = _leesplan(cls, bericht_ns)
    # from field j on: how many fields there are, and how many of them are required
    totaal = [len(plan) - j for j in range(len(plan))]
    verplicht = [sum(not veld.optioneel for _t, veld, _m, _i in plan[j:]) for j in range(len(plan))]
    regels = ["", "", f"def {naam}(el):", "    k = el[:]", "    n = len(k)"]  # el[:]: < list(el)
    if _direct(cls, plan):
        # the instance made without calling __init__: a call with keyword arguments costs
        # three times as much as setting the fields (a model a few elements, ~50 in a 301)
        regels.append(f"    o = _nieuw(K{naam})")
        var_van = "o.{}".format
    else:
        var_van = None
    argumenten = []
    vast: int | None = 0  # the index of the next child while it is known here (no optional yet)
    for nummer, (tag, veld, is_model, item_tag) in enumerate(plan):
        var = var_van(veld.attr) if var_van else f"v{nummer}"
        lees = f"{naam_van(veld.soort, bericht_ns)}({{}})" if is_model else _CONVERSIE[veld.soort]
        argumenten.append(f"{veld.attr}={var}")
        kind = f"k[{'i' if vast is None or veld.optioneel else vast}]"
        if item_tag is not None:  # a wrapper with at least one item, all of them items
            lees_items = f"[{lees.format('x')} for x in {kind}]"
            toewijzing = [f"{var} = {lees_items}", f"if not {var}:", "    raise Afwijking"]
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
            f"    if r == {totaal[nummer]} or (r > {verplicht[nummer]} and k[i].tag == {tag!r}):"
        )
        regels.extend("        " + regel for regel in toewijzing)
        regels.append("        i += 1")
        regels.append("    else:")
        regels.append(f"        {var} = {leeg}")
    regels.append(f"    if n != {'i' if vast is None else vast}:")
    regels.append("        raise Afwijking")
    regels.append(f"    return {'o' if var_van else f'K{naam}(' + ', '.join(argumenten) + ')'}")
    return regels


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


_HULP: dict[str, Any] = {
    "Afwijking": Afwijking,
    "_int_tekst": _int_tekst,
    "_datum_tekst": _datum_tekst,
    "_fromiso": _fromiso,
    "_tijd": _tijd,
    "_nieuw": _nieuw,
}
"""The names a reader uses besides its classes and the other readers."""


def module_bron() -> str:
    """The source of the generated module (``python -m iwmo.berichten.genereer`` writes it):
    the readers of every heenbericht, the hot path of the command line and of the ingest (the
    retours are read rarely and compiled at their first use)."""
    from . import BERICHTTYPEN

    functies = _functies([(cls, ns) for ns, cls in BERICHTTYPEN.items()])
    modules = sorted({cls.__module__ for _n, cls, _ns, _r in functies})
    kop = [
        '"""GENERATED by ``python -m iwmo.berichten.genereer`` from the message models; do not edit',
        "by hand. The compiled readers of :mod:`.lezer` for every heenbericht (``test_lezer``",
        'fails when this module no longer matches the models)."""',
        "",
        "# fmt: off",
        "",
    ]
    kop += [f"import {module}" for module in modules]
    regels = [regel for *_, r in functies for regel in r]
    tekst = "\n".join(regels)
    hulp = sorted(naam for naam in _HULP if re.search(rf"\b{naam}\b", tekst))
    kop += ["", f"from .lezer import {', '.join(hulp)}", ""]
    kop += [f"K{naam} = {cls.__module__}.{cls.__qualname__}" for naam, cls, _ns, _r in functies]
    slot = ["", "", "LEZERS = {"]
    slot += [f"    (K{naam}, {ns!r}): {naam}," for naam, _c, ns, _r in functies]
    slot += ["}", ""]
    return "\n".join(kop + regels + slot)


def lees_vertrouwd(el: etree._Element, cls: type, bericht_ns: str) -> Any | None:
    """Read ``el`` as ``cls`` with the compiled reader; ``None`` when the strict reader has to
    look at it (never raises for bad input)."""
    try:
        return lezer(cls, bericht_ns)(el)
    except (Afwijking, ValueError, IndexError):  # a value its type cannot hold, a missing child
        return None
