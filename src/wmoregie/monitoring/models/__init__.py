"""Models of the monitoring: configurable figures (inhabitants, the consortium's reported spend,
disclosure settings), the steering cycle and the client experience survey."""

from .cijfers import Bestedingsopgave, Cijferinstelling, Inwonertal
from .ervaring import Antwoord, Ervaringsonderzoek, Uitnodiging
from .rapport import Kwartaalrapport, Rapportstatus
from .samenvatting import Bereikcijfer, Cbscijfer, Cijferperiode
from .samenvatting_geld_berichten import Berichtcijfer, Berichtstand, Doorloopcijfer, Geldcijfer
from .samenvatting_stromen import (
    Duurcijfer,
    Stroomcijfer,
    Uitkomstcijfer,
    Wachtcijfer,
    Wachtstand,
    Wachtstandrij,
    Weigercijfer,
)
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
    "Bereikcijfer",
    "Berichtcijfer",
    "Berichtstand",
    "Besluit",
    "Bestedingsopgave",
    "Cbscijfer",
    "Cijferinstelling",
    "Cijferperiode",
    "Doel",
    "Doorloopcijfer",
    "Duurcijfer",
    "Ervaringsonderzoek",
    "Geldcijfer",
    "Indicator",
    "Indicatornorm",
    "Inwonertal",
    "Kwartaalrapport",
    "Rapportstatus",
    "Stroomcijfer",
    "Stuuroverleg",
    "Uitkomstcijfer",
    "Uitnodiging",
    "Verplichting",
    "Wachtcijfer",
    "Wachtstand",
    "Wachtstandrij",
    "Weigercijfer",
]
