"""WMO317 Verzoek om wijziging (VOW, BerichtCode 480): the aanbieder asks to change assignments.

The request lists unchanged, to-be-changed and new products; ``RedenVerzoek`` is WJ758.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from .basis import BERICHT_NAMESPACE_TEMPLATE, Berichttype, Header, Omvang, Product, model
from .mapping import element

BERICHT = "wmo317"
BERICHTCODE = "480"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)


@model
class OngewijzigdProduct(Berichttype):
    """A current assignment that stays as it is."""

    toewijzing_nummer: int = element("ToewijzingNummer")


@model
class TeWijzigenProduct(Berichttype):
    """A current assignment the aanbieder wants changed from ``gewenste_ingangsdatum``."""

    toewijzing_nummer: int = element("ToewijzingNummer")
    gewenste_ingangsdatum: date = element("GewensteIngangsdatum")
    einddatum: date | None = element("Einddatum", optioneel=True)
    omvang: Omvang | None = element("Omvang", optioneel=True)
    budget: int | None = element("Budget", optioneel=True)


@model
class NieuwProduct(Berichttype):
    """A product the aanbieder wants newly assigned."""

    product: Product | None = element("Product", optioneel=True)
    gewenste_ingangsdatum: date = element("GewensteIngangsdatum")
    einddatum: date | None = element("Einddatum", optioneel=True)
    omvang: Omvang | None = element("Omvang", optioneel=True)
    budget: int | None = element("Budget", optioneel=True)


@model
class Verzoek(Berichttype):
    """The change request."""

    referentie_aanbieder: str = element("ReferentieAanbieder")
    reden_verzoek: str = element("RedenVerzoek")
    ongewijzigde_producten: list[OngewijzigdProduct] = element(
        "OngewijzigdeProducten", lijst="OngewijzigdProduct", optioneel=True
    )
    te_wijzigen_producten: list[TeWijzigenProduct] = element(
        "TeWijzigenProducten", lijst="TeWijzigenProduct", optioneel=True
    )
    nieuwe_producten: list[NieuwProduct] = element(
        "NieuweProducten", lijst="NieuwProduct", optioneel=True
    )


@model
class Client(Berichttype):
    """The client (only the BSN) and the request."""

    bsn: str = element("Bsn")
    verzoek: Verzoek = element("Verzoek")


@model
class Wmo317Bericht(Berichttype):
    """WMO317 Verzoek om wijziging, aanbieder -> gemeente."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: Header = element("Header")
    client: Client = element("Client")
