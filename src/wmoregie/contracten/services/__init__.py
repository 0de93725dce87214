"""Business actions of contracten: each runs in one transaction, validates fully and is audited.

Wrong input raises ``ValidationError`` with a stable code and a Dutch message (per field where
there is one); nothing is stored then. Errors of the calculation core (``BerekeningFout``) are
turned into ``ValidationError`` with the same code.
"""

from .budget import (
    Indexcijfers,
    indexeer_budget,
    registreer_betaling,
    stel_budget_vast,
)
from .onderaanneemcontract import maak_onderaanneemcontract
from .onderaannemer import (
    beeindig_onderaannemer,
    besluit_toestemming,
    registreer_onderaannemer,
    toestemming_vereist,
    voeg_document_toe,
)
from .overeenkomst import (
    CombinantInvoer,
    benut_verlengingsoptie,
    leg_contactpersoon_vast,
    maak_overeenkomst,
    wijzig_status,
)
from .prijsblad import (
    PRIJSBLADVELDEN,
    NietProductieveTijdInvoer,
    maak_prijsblad,
    nieuwe_prijsbladversie,
    publiceer_prijsblad,
)
from .tarief import indexeer_tarieven, stel_tarief_vast

__all__ = [
    "PRIJSBLADVELDEN",
    "CombinantInvoer",
    "Indexcijfers",
    "NietProductieveTijdInvoer",
    "beeindig_onderaannemer",
    "benut_verlengingsoptie",
    "besluit_toestemming",
    "indexeer_budget",
    "indexeer_tarieven",
    "leg_contactpersoon_vast",
    "maak_onderaanneemcontract",
    "maak_overeenkomst",
    "maak_prijsblad",
    "nieuwe_prijsbladversie",
    "publiceer_prijsblad",
    "registreer_betaling",
    "registreer_onderaannemer",
    "stel_budget_vast",
    "stel_tarief_vast",
    "toestemming_vereist",
    "voeg_document_toe",
    "wijzig_status",
]
