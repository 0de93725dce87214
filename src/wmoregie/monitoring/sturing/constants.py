"""Code lists of the steering cycle and the client experience survey."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wmoregie.accounts.constants import Rol


class Berekening(models.TextChoices):
    """How an indicator's value is computed from the client administration (sturing/indicatoren.py)."""

    BINNEN_WACHTTIJDNORM = "binnen-wachttijdnorm", _("Gestart binnen de wachttijdnorm (%)")
    ACCEPTATIEGRAAD = "acceptatiegraad", _("Aanmeldingen geaccepteerd (%)")
    VOLGENS_PLAN_BEEINDIGD = "volgens-plan", _("Trajecten volgens plan beëindigd (%)")
    LOPENDE_TRAJECTEN = "lopende-trajecten", _("Lopende trajecten op de peildatum (aantal)")
    CLIENTERVARING = "clientervaring", _("Cliënten tevreden over de kwaliteit (%)")


# Whether a higher value is better; a percentage is shown with a % sign.
HOGER_IS_BETER = {
    Berekening.BINNEN_WACHTTIJDNORM: True,
    Berekening.ACCEPTATIEGRAAD: True,
    Berekening.VOLGENS_PLAN_BEEINDIGD: True,
    Berekening.LOPENDE_TRAJECTEN: True,
    Berekening.CLIENTERVARING: True,
}
PERCENTAGE = frozenset(
    {
        Berekening.BINNEN_WACHTTIJDNORM,
        Berekening.ACCEPTATIEGRAAD,
        Berekening.VOLGENS_PLAN_BEEINDIGD,
        Berekening.CLIENTERVARING,
    }
)


class Koers(models.TextChoices):
    OP_KOERS = "op-koers", _("Op koers")
    BINNEN_TOLERANTIE = "binnen-tolerantie", _("Binnen de tolerantie")
    UIT_KOERS = "uit-koers", _("Uit koers")
    GEEN_NORM = "geen-norm", _("Geen norm voor dit jaar")
    GEEN_GEGEVENS = "geen-gegevens", _("Nog geen gegevens")


class ActieStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")


class Verplichtingsoort(models.TextChoices):
    RAPPORTAGE = "rapportage", _("Rapportageplicht")
    WACHTTIJDNORM = "wachttijdnorm", _("Wachttijdnorm")
    ACCEPTATIEPLICHT = "acceptatieplicht", _("Acceptatieplicht")


class Verplichtingstatus(models.TextChoices):
    NAGEKOMEN = "nagekomen", _("Nagekomen")
    OPEN = "open", _("Nog niet verlopen")
    AANDACHT = "aandacht", _("Aandacht nodig")
    NIET_NAGEKOMEN = "niet-nagekomen", _("Niet nagekomen")


# The roles that may be responsible for an indicator (its worklist gets the off-track signal).
VERANTWOORDELIJKE_ROLLEN = [
    (Rol.CONTRACTMANAGER.value, Rol.CONTRACTMANAGER.label),
    (Rol.BACKOFFICE.value, Rol.BACKOFFICE.label),
]


class Onderzoekstatus(models.TextChoices):
    CONCEPT = "concept", _("In voorbereiding")
    OPEN = "open", _("Open: cliënten kunnen antwoorden")
    GESLOTEN = "gesloten", _("Gesloten")


class Schaal(models.TextChoices):
    """The five-point answer scale of the standard questions, plus 'do not know'."""

    HELEMAAL_EENS = "5", _("Helemaal mee eens")
    EENS = "4", _("Mee eens")
    NEUTRAAL = "3", _("Neutraal")
    ONEENS = "2", _("Niet mee eens")
    HELEMAAL_ONEENS = "1", _("Helemaal niet mee eens")
    WEET_NIET = "0", _("Weet niet / niet van toepassing")


POSITIEF = frozenset({Schaal.HELEMAAL_EENS, Schaal.EENS})

# The standard questions of the cliëntervaringsonderzoek Wmo (the set municipalities report in the
# Gemeentelijke Monitor Sociaal Domein): (code, statement). Codes are stable: answers refer to them.
VRAGEN: tuple[tuple[str, str], ...] = (
    ("toegang-1", _("Ik wist waar ik moest zijn met mijn hulpvraag.")),
    ("toegang-2", _("Ik werd snel geholpen.")),
    ("toegang-3", _("De medewerker nam mij serieus.")),
    ("toegang-4", _("De medewerker en ik hebben samen naar oplossingen gezocht.")),
    ("kwaliteit-1", _("De ondersteuning die ik krijg past bij mijn hulpvraag.")),
    ("kwaliteit-2", _("Ik vind de kwaliteit van de ondersteuning goed.")),
    ("effect-1", _("Door de ondersteuning kan ik de dingen doen die ik wil.")),
    ("effect-2", _("Door de ondersteuning kan ik mij beter redden.")),
    ("effect-3", _("Door de ondersteuning heb ik een betere kwaliteit van leven.")),
)
VRAAGCODES = frozenset(code for code, _tekst in VRAGEN)
# The question the indicator "cliënten tevreden over de kwaliteit" reads.
KWALITEITSVRAAG = "kwaliteit-2"

# Small cells: a count below this is shown as "." (configurable per survey, this is the default).
STANDAARD_MINIMUM_AANTAL = 5
ONDERDRUKT = "."
