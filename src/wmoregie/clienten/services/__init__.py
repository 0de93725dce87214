"""Business actions of the client administration: atomic, audited, one function per action."""

from .aanmelding import (
    Clientgegevens,
    accepteer,
    bekende_client,
    meld_aan,
    overeenkomst_voor,
    stel_identiteit_vast,
    trek_in,
    vergelijking,
    weiger,
)
from .traject import (
    Doelinvoer,
    beeindig,
    corrigeer_startdatum,
    huidige_toewijzing,
    leg_scores_vast,
    stand_van,
    start,
    stel_plan_vast,
    verwijs_door,
    wijs_uitvoerder_toe,
    wijzig,
)

__all__ = [
    "Clientgegevens",
    "Doelinvoer",
    "accepteer",
    "beeindig",
    "bekende_client",
    "corrigeer_startdatum",
    "huidige_toewijzing",
    "leg_scores_vast",
    "meld_aan",
    "overeenkomst_voor",
    "stand_van",
    "start",
    "stel_identiteit_vast",
    "stel_plan_vast",
    "trek_in",
    "vergelijking",
    "verwijs_door",
    "weiger",
    "wijs_uitvoerder_toe",
    "wijzig",
]
