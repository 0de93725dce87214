"""Code lists of the client administration. iWmo lists keep their official codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AanmeldingStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld, wacht op acceptatie")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    GEWEIGERD = "geweigerd", _("Geweigerd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class TrajectStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Toewijzing aangevraagd bij de gemeente")
    AFGEWEZEN = "afgewezen", _("Toewijzing afgewezen door de gemeente")
    WACHTEND = "wachtend", _("Wacht op start")
    LOPEND = "lopend", _("Ondersteuning loopt")
    BEEINDIGD = "beeindigd", _("Beëindigd")


# A trajectory in one of these states is closed: nothing can be started or changed any more.
AFGESLOTEN = frozenset({TrajectStatus.AFGEWEZEN, TrajectStatus.BEEINDIGD})


class Geslacht(models.TextChoices):
    """iWmo COD046."""

    ONBEKEND = "0", _("Onbekend")
    MAN = "1", _("Man")
    VROUW = "2", _("Vrouw")


class Frequentie(models.TextChoices):
    """iWmo WMO757."""

    PER_DAG = "1", _("per dag")
    PER_WEEK = "2", _("per week")
    PER_MAAND = "4", _("per maand")
    TOTAAL = "6", _("totaal binnen de toewijzing")


class Verwijzertype(models.TextChoices):
    """iWmo COD327: the kind of referrer, sent in the WMO315."""

    GEMEENTE = "01", _("Gemeente")
    HUISARTS = "02", _("Huisarts")
    JEUGDARTS = "03", _("Jeugdarts")
    GECERTIFICEERDE_INSTELLING = "04", _("Gecertificeerde instelling")
    MEDISCH_SPECIALIST = "05", _("Medisch specialist")
    ZELFVERWIJZER = "06", _("Zelfverwijzer of geen verwijzer")
    JUSTITIE = "08", _("Rechter, officier van justitie of justitiële jeugdinrichting")


class RedenBeeindiging(models.TextChoices):
    """iWmo WMO588, the reasons a provider may choose itself (36 and 37 follow a 301)."""

    OVERLIJDEN = "02", _("Overlijden")
    VOLGENS_PLAN = "19", _("Volgens plan beëindigd")
    TIJDELIJK = "20", _("Tijdelijk beëindigd (bijvoorbeeld opname in het ziekenhuis)")
    DOOR_CLIENT = "21", _("Eenzijdig door de cliënt beëindigd")
    DOOR_AANBIEDER = "22", _("Eenzijdig door de aanbieder beëindigd")
    IN_OVERLEG_VOORTIJDIG = "23", _("In overeenstemming voortijdig beëindigd")
    VERHUIZING = "31", _("Verhuizing naar een andere gemeente")
    OVERSTAP_AANBIEDER = "38", _("Overstap naar een andere aanbieder")
    ANDER_DOMEIN = "39", _("Uitstroom naar een ander domein (Wlz, Zvw)")


class RedenAfwijzing(models.TextChoices):
    """iWmo WJ759: why a municipality refuses a request for a toewijzing (WMO319)."""

    NIEUWE_AANVRAAG = "1", _("Geen wijziging, maar een nieuwe aanvraag")
    BUDGET = "2", _("Past niet binnen het budget")
    GEEN_CONTRACT = "3", _("Geen contract")
    BUITEN_CONTRACT = "4", _("Past niet binnen het contract")
    ANDERE_GEMEENTE = "5", _("Andere gemeente")
    STAPELING = "6", _("Stapeling")
    ZORGINHOUDELIJK = "7", _("Zorginhoudelijke afkeur")
    WOONPLAATSBEGINSEL = "8", _("Woonplaatsbeginsel")
    LEEFTIJDSGRENS = "9", _("Leeftijdsgrens bereikt")


class Meetmoment(models.TextChoices):
    START = "start", _("Startmeting")
    EVALUATIE = "evaluatie", _("Evaluatie")
    EIND = "eind", _("Eindmeting")


class Doelresultaat(models.TextChoices):
    BEHAALD = "behaald", _("Behaald")
    DEELS = "deels", _("Deels behaald")
    NIET = "niet", _("Niet behaald")


class Gebeurtenissoort(models.TextChoices):
    """One line of a client's timeline."""

    AANGEMELD = "aangemeld", _("Aangemeld")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    GEWEIGERD = "geweigerd", _("Geweigerd")
    INGETROKKEN = "ingetrokken", _("Aanmelding ingetrokken")
    IDENTITEIT = "identiteit", _("Identiteit vastgesteld")
    TOEWIJZING_AANGEVRAAGD = "toewijzing-aangevraagd", _("Toewijzing aangevraagd")
    TOEGEWEZEN = "toegewezen", _("Toewijzing ontvangen")
    AFGEWEZEN = "afgewezen", _("Toewijzing afgewezen")
    UITVOERDER = "uitvoerder", _("Uitvoerder toegewezen")
    PLAN = "plan", _("Ondersteuningsplan vastgesteld")
    GESTART = "gestart", _("Ondersteuning gestart")
    STARTDATUM_GECORRIGEERD = "startdatum-gecorrigeerd", _("Startdatum gecorrigeerd")
    GEWIJZIGD = "gewijzigd", _("Product of intensiteit gewijzigd")
    WIJZIGING_AANGEVRAAGD = "wijziging-aangevraagd", _("Wijziging aangevraagd")
    GEMETEN = "gemeten", _("Scores vastgelegd")
    BEEINDIGD = "beeindigd", _("Ondersteuning beëindigd")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen naar een vervolgproduct")
    BERICHT = "bericht", _("iWmo-bericht")
    DECLARATIE = "declaratie", _("Declaratie")


class Berichtrichting(models.TextChoices):
    NAAR_GEMEENTE = "naar-gemeente", _("Aanbieder → gemeente")
    NAAR_AANBIEDER = "naar-aanbieder", _("Gemeente → aanbieder")


class Antwoordstatus(models.TextChoices):
    """How a message of a trajectory stands, from its retour (or its absence)."""

    WACHT = "wacht", _("Wacht op antwoord")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEKEURD = "afgekeurd", _("Afgekeurd")
    GECORRIGEERD = "gecorrigeerd", _("Afgekeurd, daarna gecorrigeerd")
    NIET_VERSTUURD = "niet-verstuurd", _("Niet verstuurd (ongeldig)")


class PrestatieStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


# The waiting-time norm when the region set none: the Treeknorm for extramural care (6 weeks).
STANDAARD_WACHTTIJDNORM_DAGEN = 42
# The standard asks a retour within three working days (OP090); a message waiting longer is overdue.
ANTWOORDTERMIJN_WERKDAGEN = 3
# Reviews of a support plan are due this many days before their planned date.
EVALUATIE_VOORUITBLIK_DAGEN = 14
