"""iWmo messages of a trajectory: built from the trajectory, checked, sent through the channel of
the municipality, and their answers read back onto the trajectory.

Provider → municipality (315, 305, 307, 317; claims in :mod:`.declaraties`): checked as a sender
can (layers 1-2). When the municipality works in wmoregie its engine assesses the message at once
(layers 1-3 on the shared history) and the retour is on the trajectory immediately; otherwise the
message goes to the municipality's outbox and its retour is linked when it arrives
(:func:`koppel_ontvangen`).

Municipality → provider (301, 319), for a municipality that works in wmoregie: checked as the
municipality can (layers 1-3, its own history read-only), then received by the provider's engine,
whose retour (302, 320) is on the trajectory at once. A 301 or 319 from a municipality with its
own system arrives through the exchange folders and is linked by :func:`koppel_ontvangen`.
"""

from .aanbieder import (
    Aanvraag,
    huidige_toewijzingen_bij_aanbieder,
    meld_start,
    meld_stop,
    standaard_aanvraag,
    trek_start_in,
    verstuur_opnieuw,
    vraag_toewijzing_aan,
    vraag_wijziging_aan,
)
from .gemeente import (
    Toekenning,
    geef_toewijzing_af,
    gevraagde_toekenning,
    open_verzoek,
    wijs_verzoek_af,
)
from .ontvangst import Koppeling, koppel_ontvangen, onverwerkte_berichten
from .verzenden import (
    _header,
    _niet_verstuurd,
    antwoord_tekst,
    nieuwe_identificatie,
    verstuur_naar_gemeente,
)

__all__ = [
    "Aanvraag",
    "Koppeling",
    "Toekenning",
    "_header",
    "_niet_verstuurd",
    "antwoord_tekst",
    "geef_toewijzing_af",
    "gevraagde_toekenning",
    "huidige_toewijzingen_bij_aanbieder",
    "koppel_ontvangen",
    "meld_start",
    "meld_stop",
    "nieuwe_identificatie",
    "onverwerkte_berichten",
    "open_verzoek",
    "standaard_aanvraag",
    "trek_start_in",
    "verstuur_naar_gemeente",
    "verstuur_opnieuw",
    "vraag_toewijzing_aan",
    "vraag_wijziging_aan",
    "wijs_verzoek_af",
]
