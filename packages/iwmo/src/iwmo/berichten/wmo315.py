"""WMO315 Verzoek om toewijzing (VOT, BerichtCode 444): the aanbieder asks for an assignment.

The gemeente answers with a 301 or a 319 that refers to ``ReferentieAanbieder``.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from .basis import (
    BERICHT_NAMESPACE_TEMPLATE,
    Berichttype,
    Geboortedatum,
    Header,
    Omvang,
    Product,
    VerkorteNaam,
    Verwijzer,
    model,
)
from .mapping import element

BERICHT = "wmo315"
BERICHTCODE = "444"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)


@model
class AangevraagdProduct(Berichttype):
    """One requested product; ``raamcontract`` is COD260 (1 ja, 2 nee)."""

    referentie_aanbieder: str = element("ReferentieAanbieder")
    beschikking_nummer: int | None = element("BeschikkingNummer", optioneel=True)
    product: Product | None = element("Product", optioneel=True)
    beschikking_ingangsdatum: date | None = element("BeschikkingIngangsdatum", optioneel=True)
    toewijzing_ingangsdatum: date = element("ToewijzingIngangsdatum")
    toewijzing_einddatum: date | None = element("ToewijzingEinddatum", optioneel=True)
    omvang: Omvang | None = element("Omvang", optioneel=True)
    budget: int | None = element("Budget", optioneel=True)
    verwijzer: Verwijzer = element("Verwijzer")
    raamcontract: str | None = element("Raamcontract", optioneel=True)
    commentaar: str | None = element("Commentaar", optioneel=True)


@model
class Client(Berichttype):
    """The client and the requested products."""

    bsn: str = element("Bsn")
    geboortedatum: Geboortedatum = element("Geboortedatum")
    geslacht: str = element("Geslacht")
    naam: VerkorteNaam = element("Naam")
    commentaar: str | None = element("Commentaar", optioneel=True)
    aangevraagde_producten: list[AangevraagdProduct] = element(
        "AangevraagdeProducten", lijst="AangevraagdProduct"
    )


@model
class Wmo315Bericht(Berichttype):
    """WMO315 Verzoek om toewijzing, aanbieder -> gemeente."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: Header = element("Header")
    client: Client = element("Client")
