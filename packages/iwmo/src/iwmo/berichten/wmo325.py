"""WMO325 Declaratie-antwoord (BerichtCode 485): the gemeente's answer to a WMO323.

Structure from our reading of the standard (no official XSD in our reference set). Unlike the
other retour messages the 325 is a message of the gemeente with its own header:
``DeclaratieIdentificatie`` is the BerichtIdentificatie of the 323 it answers. It lists
**only the rejected** Prestaties (TR342), grouped by client.
"""

from __future__ import annotations

from typing import ClassVar

from . import wmo323
from .basis import (
    BERICHT_NAMESPACE_TEMPLATE,
    BerichtIdentificatie,
    Berichttype,
    TotaalBedragMetDC,
    XsdVersie,
    model,
)
from .mapping import element
from .retourbasis import retourklasse

BERICHT = "wmo325"
BERICHTCODE = "485"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)
HEENBERICHT = wmo323.Wmo323Bericht

Prestatie = retourklasse(wmo323.Prestatie, __name__)


@model
class Header(Berichttype):
    """The 325 header: the gemeente's own identification plus that of the answered 323."""

    bericht_code: str = element("BerichtCode", default=BERICHTCODE)
    bericht_versie: int = element("BerichtVersie", default=3)
    bericht_subversie: int = element("BerichtSubversie", default=2)
    afzender: str = element("Afzender")
    ontvanger: str = element("Ontvanger")
    bericht_identificatie: BerichtIdentificatie = element("BerichtIdentificatie")
    xsd_versie: XsdVersie = element("XsdVersie", default_factory=XsdVersie)
    declaratie_identificatie: BerichtIdentificatie = element("DeclaratieIdentificatie")
    xslt_versie: str | None = element("XsltVersie", optioneel=True)
    xsd_versie_declaratie: XsdVersie = element("XsdVersieDeclaratie", default_factory=XsdVersie)
    retour_codes: list[str] = element("RetourCodes", lijst="RetourCode")


@model
class Client(Berichttype):
    """A client with its rejected Prestaties."""

    bsn: str = element("Bsn")
    prestaties: list[Prestatie] = element("Prestaties", lijst="Prestatie")  # type: ignore[valid-type]
    retour_codes: list[str] = element("RetourCodes", lijst="RetourCode")


@model
class DeclaratieAntwoord(Berichttype):
    """Totals claimed and granted; ``clienten`` only where something was rejected."""

    declaratie_nummer: str = element("DeclaratieNummer")
    totaal_ingediend_bedrag: TotaalBedragMetDC = element("TotaalIngediendBedrag")
    totaal_toegekend_bedrag: TotaalBedragMetDC = element("TotaalToegekendBedrag")
    clienten: list[Client] = element("Clienten", lijst="Client", optioneel=True)
    retour_codes: list[str] = element("RetourCodes", lijst="RetourCode")


@model
class Wmo325Bericht(Berichttype):
    """WMO325 Declaratie-antwoord, gemeente -> aanbieder."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: Header = element("Header")
    declaratie_antwoord: DeclaratieAntwoord | None = element("DeclaratieAntwoord", optioneel=True)
