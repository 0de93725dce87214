"""WMO306 Retour start zorg (BerichtCode 419): the gemeente's answer to a WMO305.

Structure from our reading of the standard: the 305 with ``RetourCodes`` on Client and
StartProduct.
"""

from __future__ import annotations

from typing import ClassVar

from . import wmo305
from .basis import BERICHT_NAMESPACE_TEMPLATE, Berichttype, model
from .mapping import element
from .retourbasis import RetourHeader, retourklasse

BERICHT = "wmo306"
BERICHTCODE = "419"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)
HEENBERICHT = wmo305.Wmo305Bericht

StartProduct = retourklasse(wmo305.StartProduct, __name__)
Client = retourklasse(wmo305.Client, __name__, {wmo305.StartProduct: StartProduct})


@model
class Wmo306Bericht(Berichttype):
    """WMO306 Retour start zorg, gemeente -> aanbieder (header keeps the 305's direction)."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: RetourHeader = element("Header")
    client: Client | None = element("Client", optioneel=True)  # type: ignore[valid-type]
