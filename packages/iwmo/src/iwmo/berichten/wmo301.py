"""WMO301 Toewijzing (BerichtCode 414): the gemeente assigns products to an aanbieder.

A 301 always carries *all* current assignments of the client at this aanbieder (OP087).
"""

from __future__ import annotations

from datetime import date, time
from typing import ClassVar

from .basis import (
    BERICHT_NAMESPACE_TEMPLATE,
    Adres,
    Berichttype,
    Communicatie,
    Geboortedatum,
    Header,
    Omvang,
    OpenPeriode,
    Product,
    Telefoonnummers,
    VolledigeNaam,
    model,
)
from .mapping import element

BERICHT = "wmo301"
BERICHTCODE = "414"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)


@model
class Contact(Berichttype):
    """Address and contact details of the client or a relation; ``soort`` is COD757."""

    soort: str = element("Soort")
    adres: Adres | None = element("Adres", optioneel=True)
    organisatie: str | None = element("Organisatie", optioneel=True)
    telefoon: Telefoonnummers | None = element("Telefoon", optioneel=True)
    emailadres: str | None = element("Emailadres", optioneel=True)
    periode: OpenPeriode | None = element("Periode", optioneel=True)


@model
class Relatie(Berichttype):
    """A relation of the client (partner, mentor, …); ``soort`` is COD472."""

    nummer: str = element("Nummer")
    volgorde: int | None = element("Volgorde", optioneel=True)
    soort: str = element("Soort")
    geboortedatum: Geboortedatum | None = element("Geboortedatum", optioneel=True)
    geslacht: str | None = element("Geslacht", optioneel=True)
    naam: VolledigeNaam = element("Naam")
    contact: Contact = element("Contact")


@model
class ToegewezenProduct(Berichttype):
    """One assigned product; ``omvang`` (specifiek) and ``budget`` are mutually exclusive."""

    toewijzing_nummer: int = element("ToewijzingNummer")
    referentie_aanbieder: str | None = element("ReferentieAanbieder", optioneel=True)
    product: Product | None = element("Product", optioneel=True)
    toewijzingsdatum: date = element("Toewijzingsdatum")
    toewijzingstijd: time = element("Toewijzingstijd")
    ingangsdatum: date = element("Ingangsdatum")
    einddatum: date | None = element("Einddatum", optioneel=True)
    reden_wijziging: str | None = element("RedenWijziging", optioneel=True)
    omvang: Omvang | None = element("Omvang", optioneel=True)
    budget: int | None = element("Budget", optioneel=True)
    commentaar: str | None = element("Commentaar", optioneel=True)


@model
class Client(Berichttype):
    """The client with contact details, relations and assigned products."""

    bsn: str = element("Bsn")
    geboortedatum: Geboortedatum = element("Geboortedatum")
    geslacht: str = element("Geslacht")
    naam: VolledigeNaam = element("Naam")
    communicatie: Communicatie | None = element("Communicatie", optioneel=True)
    juridische_status: str | None = element("JuridischeStatus", optioneel=True)
    wettelijke_vertegenwoordiging: str | None = element(
        "WettelijkeVertegenwoordiging", optioneel=True
    )
    commentaar: str | None = element("Commentaar", optioneel=True)
    relaties: list[Relatie] = element("Relaties", lijst="Relatie", optioneel=True)
    contactgegevens: list[Contact] = element("Contactgegevens", lijst="Contact")
    toegewezen_producten: list[ToegewezenProduct] = element(
        "ToegewezenProducten", lijst="ToegewezenProduct"
    )


@model
class Wmo301Bericht(Berichttype):
    """WMO301 Toewijzing, gemeente -> aanbieder."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: Header = element("Header")
    client: Client = element("Client")
