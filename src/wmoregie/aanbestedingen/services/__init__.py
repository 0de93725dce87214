"""Business actions of the procurement context: atomic, guarded and audited.

Views and API views parse input and call one of these. A refused action raises Django's
``ValidationError`` with a stable code and a Dutch message, and stores nothing.

Time: every action reads the server's clock (``timezone.now()``). The ``nu`` parameter exists
only for the demo loader, which replays the seed's 2025 timeline; pages and API never pass it.

Callers use the names re-exported here (``from wmoregie.aanbestedingen import services``); the
modules hold them by concern:

* :mod:`.procedure` — create and change a procedure, its status transitions, the procurement
  documents;
* :mod:`.inschrijvingen`, :mod:`.partijen`, :mod:`.documenten` — registrations, their parties
  (and consent), the UEA import and other documents, submitting;
* :mod:`.documentverzoeken` — which documents are asked with the registration and which on
  request (with maximum age and delivery term), the inkoper's requests and their delivery;
* :mod:`.opening` — four eyes at the opening of a phase (propose, confirm, withdraw);
* :mod:`.vragen` — the Nota van Inlichtingen;
* :mod:`.selectiecriteria`, :mod:`.toetsing`, :mod:`.selectiebesluit` — the selection phase:
  requirements and criteria, the assessment of grounds and requirements, the capped ranking, the
  decision and its letters;
* :mod:`.gunningscriteria` — award criteria and method, prices, the seed of the lot;
* :mod:`.beoordelingen` — declarations of interest, blind individual scores, consensus;
* :mod:`.rangorde` — the ranking from the consensus scores;
* :mod:`.regelbesluiten` — error-level rule findings block the admission and the award unless
  the inkoper records a reasoned decision;
* :mod:`.gunning` — provisional award letters, standstill, objections;
* :mod:`.overeenkomst` — definitive award and the hand-over to ``contracten``.

Shared private helpers (clock, row lock, shared checks) live in :mod:`._helpers`.
"""

from .beoordelingen import (
    beoordeel,
    beoordelaars,
    controleer_inzage_rangschikking,
    stel_consensus_vast,
    teken_belangenverklaring,
)
from .documenten import ROL_UIT_UEA, UITSLUITINGSGRONDEN_NL, importeer_uea, voeg_document_toe
from .documentverzoeken import (
    LEVEREN_MOGELIJK,
    VERZOEK_MOGELIJK,
    lever_document,
    stel_documentvereisten_in,
    verzoek_document,
)
from .gunning import (
    brief_context,
    gun_voorlopig,
    handel_bezwaar_af,
    registreer_bezwaar,
    standstill_einde,
)
from .gunningscriteria import (
    VOOR_GUNNINGSOPENING,
    is_taakgericht,
    leg_prijs_vast,
    stel_beoordelingsmethode_vast,
    stel_loting_seed_vast,
    verwijder_criterium,
    voeg_criterium_toe,
)
from .inschrijvingen import dien_in, open_fase, open_fase_voor, open_punten, schrijf_in
from .opening import bevestig_opening, open_voorstel, stel_opening_voor, trek_openingsvoorstel_in
from .overeenkomst import gun_definitief
from .partijen import (
    PARTIJVELDEN,
    verleen_toestemming,
    verwijder_partij,
    voeg_partij_toe,
    wijzig_partij,
)
from .procedure import (
    maak_aanbesteding,
    plaats_aanbestedingsdocument,
    stand_van,
    wijzig_aanbesteding,
    wijzig_status,
)
from .rangorde import (
    beoordeling_onvolledig,
    rangschikking,
    rangschikking_als_json,
    rangschikking_overzicht,
    te_beoordelen,
)
from .regelbesluiten import BESLUIT_MOGELIJK, neem_regelbesluit
from .selectiebesluit import (
    beslis_selectie,
    selectiebrief_context,
    selectieoverzichten,
    selectierangschikking,
)
from .selectiecriteria import (
    stel_max_kandidaten_vast,
    verwijder_geschiktheidseis,
    verwijder_selectiecriterium,
    voeg_geschiktheidseis_toe,
    voeg_selectiecriterium_toe,
)
from .toetsing import (
    geef_selectiescore,
    selectietoetsing,
    toets_eis,
    toets_uitsluitingsgrond,
    uea_plichtige_partijen,
)
from .vragen import beantwoord_vraag, publiceer_nota, stel_vraag

__all__ = [
    "BESLUIT_MOGELIJK",
    "LEVEREN_MOGELIJK",
    "PARTIJVELDEN",
    "ROL_UIT_UEA",
    "UITSLUITINGSGRONDEN_NL",
    "VERZOEK_MOGELIJK",
    "VOOR_GUNNINGSOPENING",
    "beantwoord_vraag",
    "beoordeel",
    "beoordelaars",
    "beoordeling_onvolledig",
    "beslis_selectie",
    "bevestig_opening",
    "brief_context",
    "controleer_inzage_rangschikking",
    "dien_in",
    "geef_selectiescore",
    "gun_definitief",
    "gun_voorlopig",
    "handel_bezwaar_af",
    "importeer_uea",
    "is_taakgericht",
    "leg_prijs_vast",
    "lever_document",
    "maak_aanbesteding",
    "neem_regelbesluit",
    "open_fase",
    "open_fase_voor",
    "open_punten",
    "open_voorstel",
    "plaats_aanbestedingsdocument",
    "publiceer_nota",
    "rangschikking",
    "rangschikking_als_json",
    "rangschikking_overzicht",
    "registreer_bezwaar",
    "schrijf_in",
    "selectiebrief_context",
    "selectieoverzichten",
    "selectierangschikking",
    "selectietoetsing",
    "stand_van",
    "standstill_einde",
    "stel_beoordelingsmethode_vast",
    "stel_consensus_vast",
    "stel_documentvereisten_in",
    "stel_loting_seed_vast",
    "stel_max_kandidaten_vast",
    "stel_opening_voor",
    "stel_vraag",
    "te_beoordelen",
    "teken_belangenverklaring",
    "toets_eis",
    "toets_uitsluitingsgrond",
    "trek_openingsvoorstel_in",
    "uea_plichtige_partijen",
    "verleen_toestemming",
    "verwijder_criterium",
    "verwijder_geschiktheidseis",
    "verwijder_partij",
    "verwijder_selectiecriterium",
    "verzoek_document",
    "voeg_criterium_toe",
    "voeg_document_toe",
    "voeg_geschiktheidseis_toe",
    "voeg_partij_toe",
    "voeg_selectiecriterium_toe",
    "wijzig_aanbesteding",
    "wijzig_partij",
    "wijzig_status",
]
