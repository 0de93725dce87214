"""WMO323 Declaratie (BerichtCode 484): the aanbieder's monthly claim.

Amounts are whole eurocents (``int``); ``DebetCredit`` is COD043 (D or C).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from .basis import (
    BERICHT_NAMESPACE_TEMPLATE,
    BedragMetDC,
    Berichttype,
    GeslotenPeriode,
    Header,
    Referentie,
    TotaalBedragMetDC,
    model,
)
from .mapping import element

BERICHT = "wmo323"
BERICHTCODE = "484"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)


@model
class Prestatie(Berichttype):
    """One claimed line: delivered volume of an assigned product in a period."""

    product_referentie: Referentie = element("ProductReferentie")
    toewijzing_nummer: int = element("ToewijzingNummer")
    product_categorie: str = element("ProductCategorie")
    product_code: str = element("ProductCode")
    product_periode: GeslotenPeriode = element("ProductPeriode")
    geleverd_volume: int = element("GeleverdVolume")
    eenheid: str = element("Eenheid")
    product_tarief: int | None = element("ProductTarief", optioneel=True)
    ingediend_bedrag: BedragMetDC = element("IngediendBedrag")


@model
class Client(Berichttype):
    """A client with the claimed lines."""

    bsn: str = element("Bsn")
    prestaties: list[Prestatie] = element("Prestaties", lijst="Prestatie")


@model
class Declaratie(Berichttype):
    """The claim: number, period, date, total and the clients."""

    declaratie_nummer: str = element("DeclaratieNummer")
    declaratie_periode: GeslotenPeriode = element("DeclaratiePeriode")
    declaratie_dagtekening: date = element("DeclaratieDagtekening")
    totaal_ingediend_bedrag: TotaalBedragMetDC = element("TotaalIngediendBedrag")
    clienten: list[Client] = element("Clienten", lijst="Client")


@model
class Wmo323Bericht(Berichttype):
    """WMO323 Declaratie, aanbieder -> gemeente."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: Header = element("Header")
    declaratie: Declaratie = element("Declaratie")
