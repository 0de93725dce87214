"""WMO302 Retour toewijzing (BerichtCode 415): the aanbieder's answer to a WMO301.

Structure from our reading of the standard (no official XSD in our reference set): the 301
with ``RetourCodes`` on Client, Relatie, Contact and ToegewezenProduct.
"""

from __future__ import annotations

from typing import ClassVar

from . import wmo301
from .basis import BERICHT_NAMESPACE_TEMPLATE, Berichttype, model
from .mapping import element
from .retourbasis import RetourHeader, retourklasse

BERICHT = "wmo302"
BERICHTCODE = "415"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)
HEENBERICHT = wmo301.Wmo301Bericht

Contact = retourklasse(wmo301.Contact, __name__)
Relatie = retourklasse(wmo301.Relatie, __name__, {wmo301.Contact: Contact})
ToegewezenProduct = retourklasse(wmo301.ToegewezenProduct, __name__)
Client = retourklasse(
    wmo301.Client,
    __name__,
    {wmo301.Relatie: Relatie, wmo301.Contact: Contact, wmo301.ToegewezenProduct: ToegewezenProduct},
)


@model
class Wmo302Bericht(Berichttype):
    """WMO302 Retour toewijzing, aanbieder -> gemeente (header keeps the 301's direction)."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: RetourHeader = element("Header")
    client: Client | None = element("Client", optioneel=True)  # type: ignore[valid-type]
