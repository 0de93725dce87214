"""WMO307 Stop zorg (BerichtCode 420): the aanbieder reports that delivery has ended.

``RedenBeeindiging`` is WMO588 (20 is the only temporary stop); ``StatusAanlevering`` is
1 (new) or 3 (delete).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from .basis import (
    BERICHT_NAMESPACE_TEMPLATE,
    Berichttype,
    Geboortedatum,
    Header,
    Product,
    VerkorteNaam,
    model,
)
from .mapping import element

BERICHT = "wmo307"
BERICHTCODE = "420"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)


@model
class StopProduct(Berichttype):
    """The end of delivery of one (assigned) product."""

    toewijzing_nummer: int | None = element("ToewijzingNummer", optioneel=True)
    product: Product | None = element("Product", optioneel=True)
    toewijzing_ingangsdatum: date | None = element("ToewijzingIngangsdatum", optioneel=True)
    begindatum: date = element("Begindatum")
    reden_beeindiging: str = element("RedenBeeindiging")
    einddatum: date = element("Einddatum")
    status_aanlevering: str = element("StatusAanlevering")


@model
class Client(Berichttype):
    """The client and the products whose delivery stopped."""

    bsn: str = element("Bsn")
    geboortedatum: Geboortedatum = element("Geboortedatum")
    geslacht: str = element("Geslacht")
    naam: VerkorteNaam = element("Naam")
    stop_producten: list[StopProduct] = element("StopProducten", lijst="StopProduct")


@model
class Wmo307Bericht(Berichttype):
    """WMO307 Stop zorg, aanbieder -> gemeente."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: Header = element("Header")
    client: Client = element("Client")
