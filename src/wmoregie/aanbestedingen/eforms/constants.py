"""Codes of the eForms notices we produce (eForms SDK 1.15 code lists, by their code)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

SDK_VERSIE = "eforms-sdk-1.15"
UBL_VERSIE = "2.3"
#: Directive 2014/24/EU (BT-01, legal basis).
RICHTLIJN = "32014L0024"
#: Dutch, as an ISO 639-3 code (BT-702 notice language, BT-97 submission language).
TAAL = "NLD"
LAND = "NLD"
VALUTA = "EUR"
#: The EU threshold for social and other specific services (Directive 2014/24 art. 4(d)), in
#: euro excluding VAT over the term; below it an announcement is not required.
DREMPEL_SAS = Decimal("750000")


class Soort(models.TextChoices):
    """The two notices of a procedure."""

    CN = "cn", _("Aankondiging van de opdracht")
    CAN = "can", _("Aankondiging van de gegunde opdracht")


#: Notice type (BT-02), form type (BT-03) and subtype (OPP-070) per kind.
NOTICE_TYPE = {Soort.CN: "cn-social", Soort.CAN: "can-social"}
FORM_TYPE = {Soort.CN: "competition", Soort.CAN: "result"}
SUBTYPE = {Soort.CN: "20", Soort.CAN: "33"}
#: The root element of each kind.
ROOT = {Soort.CN: "ContractNotice", Soort.CAN: "ContractAwardNotice"}

#: The seed's procedure: non-open, selection then award (BT-105 ``restricted``).
PROCEDURE_CODE = "restricted"


class Selectiesoort(models.TextChoices):
    """BT-809, the kinds of selection criteria that fit the seed's requirements (a subset of the
    eForms list ``selection-criterion``)."""

    KWALITEITSCERTIFICAAT = (
        "slc-sche-qu-cert-indep",
        _("Kwaliteitscertificaat (onafhankelijke instelling)"),
    )
    KWALITEITSBORGING = "slc-abil-mgmt-qual", _("Kwaliteitsborging")
    REFERENTIES = "slc-abil-ref-services", _("Referenties van eerdere diensten")
    PERSONEEL = "slc-abil-staff-qual", _("Opleiding en kwalificaties van het personeel")
    TECHNISCH_PERSONEEL = "slc-abil-staff-tech-work", _("Inzet van technisch personeel")
    ONDERAANNEMING = "slc-abil-subc", _("Deel dat wordt uitbesteed")
    BEROEPSREGISTER = "slc-suit-reg-prof", _("Inschrijving in een beroepsregister")
    HANDELSREGISTER = "slc-suit-reg-trade", _("Inschrijving in het handelsregister")
    VERGUNNING = "slc-suit-auth-mbrshp", _("Vergunning of lidmaatschap")
    OMZET = "slc-stand-to-gen", _("Algemene jaaromzet")
    VERZEKERING = "slc-stand-ins", _("Beroepsaansprakelijkheidsverzekering")
    FINANCIEEL_OVERIG = "slc-stand-other", _("Andere financiële eis")


class Omvang(models.TextChoices):
    """BT-165, the size of an economic operator (eForms list ``economic-operator-size``)."""

    MICRO = "micro", _("Micro-onderneming")
    KLEIN = "small", _("Kleine onderneming")
    MIDDELGROOT = "medium", _("Middelgrote onderneming")
    GROOT = "large", _("Grote onderneming")


#: The European Economic Area (ISO 3166 alpha-3): the EU and Iceland, Liechtenstein, Norway
#: (BT-760 counts tenders from other EEA countries and from outside it).
EER = frozenset(
    [
        "AUT",
        "BEL",
        "BGR",
        "CYP",
        "CZE",
        "DEU",
        "DNK",
        "ESP",
        "EST",
        "FIN",
        "FRA",
        "GRC",
        "HRV",
        "HUN",
        "IRL",
        "ITA",
        "LTU",
        "LUX",
        "LVA",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SVK",
        "SVN",
        "SWE",
        "ISL",
        "LIE",
        "NOR",
    ]
)
