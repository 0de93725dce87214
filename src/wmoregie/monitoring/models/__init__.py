from .ervaring import Antwoord, Ervaringsonderzoek, Uitnodiging
from .sturing import (
    Actie,
    Agendapunt,
    Besluit,
    Doel,
    Indicator,
    Indicatornorm,
    Stuuroverleg,
    Verplichting,
)

__all__ = [
    "Actie",
    "Agendapunt",
    "Antwoord",
    "Besluit",
    "Doel",
    "Ervaringsonderzoek",
    "Indicator",
    "Indicatornorm",
    "Stuuroverleg",
    "Uitnodiging",
    "Verplichting",
]
