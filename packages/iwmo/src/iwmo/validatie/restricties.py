"""The RS codes of iWmo 3.2: the restrictions (restricties) on the values of data elements.

Each restriction is one facet of the XSD: a maximum length, a minimum or maximum value, or a
pattern (no time zone in a date, nine digits in a BSN, no empty element...). Layer 1 checks
the facets; a finding for a broken facet that is a restriction carries its RS code, anything
else layer 1 finds (structure, lexical form of a number or date, code lists) has rule ``XSD``.
The codes follow from the facet alone, the same for every element that has it.
"""

from __future__ import annotations

MAXIMALE_LENGTE: dict[int, str] = {
    1: "RS008", 2: "RS009", 3: "RS010", 4: "RS011", 5: "RS012", 6: "RS013", 8: "RS014",
    9: "RS015", 10: "RS016", 12: "RS017", 15: "RS018", 20: "RS019", 24: "RS020", 25: "RS021",
    35: "RS023", 36: "RS024", 64: "RS025", 80: "RS026", 200: "RS028",
}  # fmt: skip
"""maxLength -> RS code ("Maximale lengte N posities")."""

MINIMALE_WAARDE: dict[int, str] = {0: "RS001"}
MAXIMALE_WAARDE: dict[int, str] = {
    99: "RS002", 99_999: "RS004", 99_999_999: "RS005", 999_999_999: "RS006",
    999_999_999_999: "RS040",
}  # fmt: skip
"""minInclusive / maxInclusive -> RS code ("Minimale waarde 0", "Maximale waarde 99", ...)."""

NIET_LEEG = "RS033"
"""Geen lege elementen: the pattern "at least one character that is not white space"."""

PATRONEN: dict[str, str] = {
    r"([.\s]*\S+[.\s]*)+": "RS031",  # commentaar not empty
    r"[^:Z]*": "RS032",  # a date without time zone
    r".*[^\s].*": NIET_LEEG,
    r"[^Z+-]+": "RS034",  # a time without time zone
    "[0-9]{4}": "RS035",
    "[0-9]{8}": "RS036",
    "[0-9]{9}": "RS037",
    "([a-zA-Z0-9])+": "RS045",  # contiguous, no dots or spaces
    "[0-9]*": "RS046",  # contiguous digits
    r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)": "RS048",  # a version number x.y.z
}
"""XSD pattern -> RS code."""

BERICHTCODE = "RS047"
"""The BerichtCode of the specification (a pattern with the one code, per message type)."""


def patroon(bron: str, type_naam: str) -> str:
    """The RS code of pattern ``bron`` of simple type ``type_naam`` (``XSD`` when it has none)."""
    if type_naam.endswith(":Header/BerichtCode"):
        return BERICHTCODE
    return PATRONEN.get(bron, "XSD")
