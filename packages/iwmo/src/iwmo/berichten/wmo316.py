"""WMO316 Retour verzoek om toewijzing (BerichtCode 445): the gemeente's answer to a WMO315.

Structure from our reading of the standard: the 315 with ``RetourCodes`` on Client and
AangevraagdProduct.
"""

from __future__ import annotations

from typing import ClassVar

from . import wmo315
from .basis import BERICHT_NAMESPACE_TEMPLATE, Berichttype, model
from .mapping import element
from .retourbasis import RetourHeader, retourklasse

BERICHT = "wmo316"
BERICHTCODE = "445"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)
HEENBERICHT = wmo315.Wmo315Bericht

AangevraagdProduct = retourklasse(wmo315.AangevraagdProduct, __name__)
Client = retourklasse(wmo315.Client, __name__, {wmo315.AangevraagdProduct: AangevraagdProduct})


@model
class Wmo316Bericht(Berichttype):
    """WMO316 Retour verzoek om toewijzing, gemeente -> aanbieder."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: RetourHeader = element("Header")
    client: Client | None = element("Client", optioneel=True)  # type: ignore[valid-type]
