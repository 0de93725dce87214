"""Quarters as the report names them: ``"2026-3"`` is 1 July up to and including 30 September
2026. Pure functions, no database."""

from __future__ import annotations

import re
from datetime import date, timedelta

from wmoregie.invoer import datum_nl

from ..cijfers.feiten import Periode

_VORM = re.compile(r"^(\d{4})-([1-4])$")


def periode(kwartaal: str) -> Periode | None:
    """The dates of ``"jaar-k"`` (k 1…4), or None when the text is no quarter."""
    vorm = _VORM.match((kwartaal or "").strip())
    if not vorm:
        return None
    jaar, k = int(vorm[1]), int(vorm[2])
    if not 2000 <= jaar <= 2100:
        return None
    van = date(jaar, 3 * k - 2, 1)
    volgende = date(jaar + 1, 1, 1) if k == 4 else date(jaar, 3 * k + 1, 1)
    return Periode(van, volgende - timedelta(days=1))


def van_datum(dag: date) -> str:
    return f"{dag.year}-{(dag.month - 1) // 3 + 1}"


def laatst_afgesloten(vandaag: date) -> str:
    """The last quarter that ended before ``vandaag`` (the form's default)."""
    begin = periode(van_datum(vandaag))
    return van_datum(begin.van - timedelta(days=1))


def halfjaar(kwartaal: str) -> str:
    """The last half year complete at the quarter's end, for the CBS-comparable figures:
    2026-2 and 2026-3 → 2026-1; 2026-4 → 2026-2; 2026-1 → 2025-2."""
    p = periode(kwartaal)
    if p is None:
        raise ValueError(kwartaal)
    jaar, k = p.van.year, (p.van.month - 1) // 3 + 1
    if k == 1:
        return f"{jaar - 1}-2"
    return f"{jaar}-{1 if k in (2, 3) else 2}"


def naam(kwartaal: str) -> str:
    """``"2026-3"`` → ``"3e kwartaal 2026"``."""
    p = periode(kwartaal)
    if p is None:
        raise ValueError(kwartaal)
    return f"{(p.van.month - 1) // 3 + 1}e kwartaal {p.van.year}"


datum = datum_nl  # ``1 juli 2026``
