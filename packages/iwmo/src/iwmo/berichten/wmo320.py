"""WMO320 Retour antwoordbericht (BerichtCode 483): the aanbieder's answer to a WMO319.

Structure from our reading of the standard: the 319 with ``RetourCodes`` on Antwoord.
"""

from __future__ import annotations

from typing import ClassVar

from . import wmo319
from .basis import BERICHT_NAMESPACE_TEMPLATE, Berichttype, model
from .mapping import element
from .retourbasis import RetourHeader, retourklasse

BERICHT = "wmo320"
BERICHTCODE = "483"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)
HEENBERICHT = wmo319.Wmo319Bericht

Antwoord = retourklasse(wmo319.Antwoord, __name__)


@model
class Wmo320Bericht(Berichttype):
    """WMO320 Retour antwoordbericht, aanbieder -> gemeente (header keeps the 319's direction)."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: RetourHeader = element("Header")
    antwoord: Antwoord | None = element("Antwoord", optioneel=True)  # type: ignore[valid-type]
