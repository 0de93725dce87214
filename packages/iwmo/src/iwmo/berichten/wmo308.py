"""WMO308 Retour stop zorg (BerichtCode 421): the gemeente's answer to a WMO307.

Structure from our reading of the standard: the 307 with ``RetourCodes`` on Client and
StopProduct.
"""

from __future__ import annotations

from typing import ClassVar

from . import wmo307
from .basis import BERICHT_NAMESPACE_TEMPLATE, Berichttype, model
from .mapping import element
from .retourbasis import RetourHeader, retourklasse

BERICHT = "wmo308"
BERICHTCODE = "421"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)
HEENBERICHT = wmo307.Wmo307Bericht

StopProduct = retourklasse(wmo307.StopProduct, __name__)
Client = retourklasse(wmo307.Client, __name__, {wmo307.StopProduct: StopProduct})


@model
class Wmo308Bericht(Berichttype):
    """WMO308 Retour stop zorg, gemeente -> aanbieder (header keeps the 307's direction)."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: RetourHeader = element("Header")
    client: Client | None = element("Client", optioneel=True)  # type: ignore[valid-type]
