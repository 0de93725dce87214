"""WMO305 Start zorg (BerichtCode 418): the aanbieder reports that delivery has started.

``StatusAanlevering`` (COD467) is 1 (new) or 3 (delete); a correction is a delete plus a new
message. ``ToewijzingNummer`` is optional only for the taakgerichte variant.
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

BERICHT = "wmo305"
BERICHTCODE = "418"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)


@model
class StartProduct(Berichttype):
    """The start of delivery of one (assigned) product."""

    toewijzing_nummer: int | None = element("ToewijzingNummer", optioneel=True)
    product: Product | None = element("Product", optioneel=True)
    toewijzing_ingangsdatum: date | None = element("ToewijzingIngangsdatum", optioneel=True)
    begindatum: date = element("Begindatum")
    status_aanlevering: str = element("StatusAanlevering")


@model
class Client(Berichttype):
    """The client and the products whose delivery started."""

    bsn: str = element("Bsn")
    geboortedatum: Geboortedatum = element("Geboortedatum")
    geslacht: str = element("Geslacht")
    naam: VerkorteNaam = element("Naam")
    start_producten: list[StartProduct] = element("StartProducten", lijst="StartProduct")


@model
class Wmo305Bericht(Berichttype):
    """WMO305 Start zorg, aanbieder -> gemeente."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: Header = element("Header")
    client: Client = element("Client")
