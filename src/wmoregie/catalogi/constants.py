"""Code lists of the catalogue. iWmo codes follow the iWmo 3.2 code lists WMO020 and WJ756."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Bekostigingsvariant(models.TextChoices):
    """The three uitvoeringsvarianten of the Contractstandaarden Wmo."""

    INSPANNINGSGERICHT = "inspanningsgericht", _("Inspanningsgericht")
    OUTPUTGERICHT = "outputgericht", _("Outputgericht")
    TAAKGERICHT = "taakgericht", _("Taakgericht")


class IwmoKanaal(models.TextChoices):
    """How a municipality exchanges iWmo messages with the region's provider."""

    WMOREGIE = "wmoregie", _("In wmoregie (toewijzingen op de pagina's van wmoregie)")
    UITWISSELMAP = "uitwisselmap", _("Eigen systeem (berichten via de uitwisselmappen)")


class Inkooproute(models.TextChoices):
    SAS_NIET_OPENBAAR = (
        "sas-niet-openbaar",
        _("SAS-procedure, niet-openbaar (selectie- en gunningsfase)"),
    )
    AFZONDERLIJKE_AANBESTEDING = (
        "afzonderlijke-aanbesteding",
        _("Eigen proces en afzonderlijke aanbesteding"),
    )
    VOORTZETTING_HUIDIGE_PROCEDURE = (
        "voortzetting-huidige-procedure",
        _("Afzonderlijke inkoop volgens de huidige procedure (2025)"),
    )


class Productcategorie(models.TextChoices):
    """iWmo code list WMO020."""

    HULP_BIJ_HET_HUISHOUDEN = "01", _("Hulp bij het huishouden")
    BEGELEIDING = "02", _("Begeleiding")
    PERSOONLIJKE_VERZORGING = "03", _("Persoonlijke verzorging")
    KORTDUREND_VERBLIJF = "04", _("Kortdurend verblijf")
    WOONDIENSTEN = "05", _("Woondiensten")
    OVERIGE_ONDERSTEUNING_INDIVIDU = (
        "06",
        _("Overige ondersteuning gericht op het individu of huishouden/gezin"),
    )
    DAGBESTEDING = "07", _("Dagbesteding")
    VERVOERDIENSTEN = "08", _("Vervoerdiensten")
    OVERIGE_GROEPSGERICHTE_ONDERSTEUNING = "09", _("Overige groepsgerichte ondersteuning")
    OVERIGE_MAATWERK_ARRANGEMENTEN = "10", _("Overige maatwerk arrangementen")
    ROLSTOELEN = "11", _("Rolstoelen")
    VERVOERVOORZIENINGEN = "12", _("Vervoervoorzieningen")
    WOONVOORZIENINGEN = "13", _("Woonvoorzieningen")
    OVERIGE_HULPMIDDELEN = "14", _("Overige hulpmiddelen")
    BESCHERMD_WONEN = "15", _("Beschermd wonen")
    OPVANG = "16", _("Opvang")
    SPOEDOPVANG = "17", _("Spoedopvang")
    OVERIGE_BESCHERMD_WONEN_EN_OPVANG = "18", _("Overige beschermd wonen en opvang")


class Eenheid(models.TextChoices):
    """iWmo code list WJ756."""

    MINUUT = "01", _("Minuut")
    UUR = "04", _("Uur")
    ETMAAL = "14", _("Etmaal")
    DAGDEEL = "16", _("Dagdeel (4 uur)")
    STUKS_OUTPUT = "82", _("Stuks (output)")
    EUROS = "83", _("Euro's")
    STUKS_INSPANNING = "84", _("Stuks (inspanning)")
