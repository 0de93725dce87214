"""Models of the monitoring: configurable figures (inhabitants, the consortium's reported spend,
disclosure settings), the steering cycle and the client experience survey."""

from .cijfers import Bestedingsopgave, Cijferinstelling, Inwonertal
from .ervaring import Antwoord, Ervaringsonderzoek, Uitnodiging
from .rapport import Kwartaalrapport, Rapportstatus
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
    "Bestedingsopgave",
    "Cijferinstelling",
    "Doel",
    "Ervaringsonderzoek",
    "Indicator",
    "Indicatornorm",
    "Inwonertal",
    "Kwartaalrapport",
    "Rapportstatus",
    "Stuuroverleg",
    "Uitnodiging",
    "Verplichting",
]
