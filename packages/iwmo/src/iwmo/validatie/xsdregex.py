"""Translate the XML Schema regular expressions of the iWmo XSDs into Python ``re`` patterns.

XSD patterns differ from Python's: they are always anchored at both ends, ``.`` does not match
CR or LF, ``\\s`` is only space, tab, CR and LF, and ``^``/``$`` are ordinary characters. The
translator covers the syntax the iWmo 3.2 schemas use and refuses anything else, so a new
construct can never be silently misread.
"""

from __future__ import annotations

import re

_WS = " \\t\\n\\r"
_BUITEN_KLASSE = {
    "s": f"[{_WS}]",
    "S": f"[^{_WS}]",
    "d": "\\d",
    "D": "\\D",
}
_BINNEN_KLASSE = {"s": _WS, "d": "\\d"}
_ENKEL = set("nrt\\|.-^?*+{}()[]")


class XsdRegexError(ValueError):
    """The pattern uses XSD regex syntax this translator does not support."""


def vertaal(patroon: str) -> str:
    """The Python equivalent of XSD pattern ``patroon`` (use it with ``fullmatch``)."""
    uit: list[str] = []
    i = 0
    in_klasse = False
    while i < len(patroon):
        teken = patroon[i]
        if teken == "\\":
            if i + 1 >= len(patroon):
                raise XsdRegexError(f"losse backslash in {patroon!r}")
            volgend = patroon[i + 1]
            tabel = _BINNEN_KLASSE if in_klasse else _BUITEN_KLASSE
            if volgend in tabel:
                uit.append(tabel[volgend])
            elif volgend in _ENKEL:
                uit.append("\\" + volgend)
            else:
                raise XsdRegexError(f"escape \\{volgend} wordt niet ondersteund in {patroon!r}")
            i += 2
            continue
        if in_klasse:
            if teken == "]":
                in_klasse = False
            elif teken == "[":
                raise XsdRegexError(f"klasse-aftrekking wordt niet ondersteund in {patroon!r}")
            uit.append(teken)
        elif teken == "[":
            in_klasse = True
            uit.append(teken)
            if patroon.startswith("^", i + 1):
                uit.append("^")
                i += 1
        elif teken == ".":
            uit.append("[^\\n\\r]")
        elif teken in "^$":
            uit.append("\\" + teken)
        else:
            uit.append(teken)
        i += 1
    if in_klasse:
        raise XsdRegexError(f"niet afgesloten tekenklasse in {patroon!r}")
    return "(?:" + "".join(uit) + ")"


def compileer(patroon: str) -> re.Pattern[str]:
    return re.compile(vertaal(patroon))
