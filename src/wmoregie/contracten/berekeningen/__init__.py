"""The calculation core of contracten: plain functions on ``Decimal``, no database, no Django.

* :func:`calculate_tarief` — a tariff built from its cost components (prijsblad, AMvB reële
  prijs);
* :func:`calculate_indexering` — yearly indexation, forecast plus correction (art. 3.2 of the
  model agreement of the Contractstandaarden Wmo);
* :func:`split_budget` and :func:`split_in_termijnen` — exact splits, no cent lost or created;
* :func:`calculate_marge` — what a main contractor keeps from a subcontracted tariff.

Every result keeps its intermediate steps (:class:`Stap`) with Dutch labels. Wrong input raises
:class:`BerekeningFout` (a ``ValueError`` with a stable ``code`` and a Dutch message).
The formulas and rounding rules are written out in ``docs/contracten-berekeningen.md``.
"""

from .fouten import BerekeningFout
from .indexering import (
    Indexcomponent,
    IndexcomponentUitkomst,
    Indexeringsberekening,
    calculate_indexering,
)
from .marge import Margeberekening, calculate_marge
from .stappen import Stap
from .tarief import NietProductieveTijd, Tariefberekening, Tariefopbouw, calculate_tarief
from .verdeling import (
    Budgetaandeel,
    Budgetverdeling,
    Termijn,
    split_budget,
    split_in_termijnen,
)

__all__ = [
    "BerekeningFout",
    "Budgetaandeel",
    "Budgetverdeling",
    "Indexcomponent",
    "IndexcomponentUitkomst",
    "Indexeringsberekening",
    "Margeberekening",
    "NietProductieveTijd",
    "Stap",
    "Tariefberekening",
    "Tariefopbouw",
    "Termijn",
    "calculate_indexering",
    "calculate_marge",
    "calculate_tarief",
    "split_budget",
    "split_in_termijnen",
]
