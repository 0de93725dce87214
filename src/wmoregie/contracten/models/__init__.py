"""The agreement, its task budget and indexation, price sheets and the subcontractor network.

Amounts are ``Decimal`` (``DecimalField``); every sum is done by ``contracten.berekeningen``.
Status changes go through ``state.py`` and ``services``; views never save these models.
"""

# The modules are imported in the order of the former single ``models.py``, so Django registers
# the models (and creates their content types) in the same order as before.
# isort: off
from .overeenkomst import Combinant, Overeenkomst, Statuswijziging, Verlengingsoptie
from .budget import Budget, Budgetaandeel, Budgetbetaling, Indexering
from .tarief import Geldigheidsperiode, Tarief
from .prijsblad import NietProductieveTijdregel, Prijsblad
from .onderaannemer import Nalevingsdocument, Onderaannemer
from .onderaanneemcontract import Onderaanneemcontract
# isort: on

# Migration 0003 names the upload path as ``wmoregie.contracten.models._nalevingsdocumentpad``.
from .onderaannemer import _nalevingsdocumentpad as _nalevingsdocumentpad

__all__ = [
    "Budget",
    "Budgetaandeel",
    "Budgetbetaling",
    "Combinant",
    "Geldigheidsperiode",
    "Indexering",
    "Nalevingsdocument",
    "NietProductieveTijdregel",
    "Onderaanneemcontract",
    "Onderaannemer",
    "Overeenkomst",
    "Prijsblad",
    "Statuswijziging",
    "Tarief",
    "Verlengingsoptie",
]
