"""The client administration: clients, referrals, trajectories, plans, messages and claims."""

from .aanmelding import Aanmelding
from .berichten import Declaratie, Prestatie, Trajectbericht
from .client import Client
from .instellingen import Levensdomein, Meetinstrument, Verwijsbron, Wachttijdnorm, Weigerreden
from .plan import Doel, Evaluatie, Meetronde, Ondersteuningsplan, Score
from .traject import Gebeurtenis, Inzet, Toewijzing, Traject

__all__ = [
    "Aanmelding",
    "Client",
    "Declaratie",
    "Doel",
    "Evaluatie",
    "Gebeurtenis",
    "Inzet",
    "Levensdomein",
    "Meetinstrument",
    "Meetronde",
    "Ondersteuningsplan",
    "Prestatie",
    "Score",
    "Toewijzing",
    "Traject",
    "Trajectbericht",
    "Verwijsbron",
    "Wachttijdnorm",
    "Weigerreden",
]
