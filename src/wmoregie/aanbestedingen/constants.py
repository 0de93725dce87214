"""Code lists of the procurement context."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Procedure(models.TextChoices):
    """The regime and procedure. Only the seed's design exists for now."""

    SAS_NIET_OPENBAAR = (
        "sas-niet-openbaar",
        _("SAS-procedure (sociale en andere specifieke diensten), niet-openbaar"),
    )


class Status(models.TextChoices):
    """The status of a procedure. Only ``state.py`` changes it."""

    CONCEPT = "concept", _("Concept")
    SELECTIEFASE = "selectiefase", _("Selectiefase: aanmelden open")
    SELECTIE_BEOORDELING = (
        "selectie-beoordeling",
        _("Selectiefase: aanmeldingen geopend, beoordeling"),
    )
    GUNNINGSFASE = "gunningsfase", _("Gunningsfase: inschrijven open")
    GUNNING_BEOORDELING = (
        "gunning-beoordeling",
        _("Gunningsfase: inschrijvingen geopend, beoordeling"),
    )
    VOORLOPIG_GEGUND = "voorlopig-gegund", _("Voorlopig gegund (standstill)")
    OPGESCHORT = "opgeschort", _("Opgeschort (bezwaar of kort geding)")
    DEFINITIEF_GEGUND = "definitief-gegund", _("Definitief gegund")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Fase(models.TextChoices):
    SELECTIE = "selectie", _("Selectiefase")
    GUNNING = "gunning", _("Gunningsfase")


class Inschrijvingsoort(models.TextChoices):
    HOOFDAANNEMER = "hoofdaannemer", _("Eén organisatie als hoofdaannemer")
    COMBINATIE = "combinatie", _("Combinatie met penvoerder")


class PartijRol(models.TextChoices):
    """The seed's roles; see ``shared/docs/procurement-rules.md`` §2."""

    HOOFDAANNEMER = "hoofdaannemer", _("Hoofdaannemer")
    PENVOERDER = "penvoerder", _("Penvoerder")
    COMBINANT = "combinant", _("Combinant")
    DERDE = "derde", _("Derde (beroep op derden)")
    VASTE_ONDERAANNEMER = "vaste-onderaannemer", _("Vaste onderaannemer")
    INCIDENTELE_ONDERAANNEMER = "incidentele-onderaannemer", _("Incidentele onderaannemer")


#: The party that registers: one per registration.
LEIDENDE_ROLLEN = (PartijRol.HOOFDAANNEMER, PartijRol.PENVOERDER)
#: Members of the bidder: each supplies its own exclusion-ground evidence (IW-E 5.4.2).
LEDEN = (PartijRol.HOOFDAANNEMER, PartijRol.PENVOERDER, PartijRol.COMBINANT)
#: Roles a party can get by hand (the leading role comes with the registration).
TOE_TE_VOEGEN_ROLLEN = (
    PartijRol.COMBINANT,
    PartijRol.DERDE,
    PartijRol.VASTE_ONDERAANNEMER,
    PartijRol.INCIDENTELE_ONDERAANNEMER,
)


class Documentsoort(models.TextChoices):
    UEA = "uea", _("Uniform Europees Aanbestedingsdocument (UEA)")
    GVA = "gva", _("Gedragsverklaring aanbesteden (GVA)")
    VERKLARING = "verklaring", _("Andere verklaring")
    INSCHRIJVING = "inschrijving", _("Inschrijvingsdocument (gunningsfase)")
    BETALINGSGEDRAG = (
        "betalingsgedrag",
        _("Verklaring betalingsgedrag nakoming fiscale verplichtingen (Belastingdienst)"),
    )
    KVK_UITTREKSEL = "kvk-uittreksel", _("Uittreksel Handelsregister (KvK)")
    VOG = "vog", _("Verklaring Omtrent het Gedrag (VOG) voor rechtspersonen")


class Vraagmoment(models.TextChoices):
    """When a procedure asks a document (#15.6): with the registration, only on request of the
    inkoper (with a delivery term), or not at all."""

    BIJ_AANMELDING = "bij-aanmelding", _("Bij de aanmelding")
    OP_VERZOEK = "op-verzoek", _("Alleen op verzoek van de inkoper")
    NIET = "niet", _("Niet gevraagd")


#: The documents whose moment (and maximum age) a procedure configures (#15.6).
OPVRAAGBARE_DOCUMENTEN = (
    Documentsoort.GVA,
    Documentsoort.BETALINGSGEDRAG,
    Documentsoort.KVK_UITTREKSEL,
    Documentsoort.VOG,
)
#: The model procurement document (Inkoopdocument Wmo, bijlage 1): all four only on request;
#: GVA at most 24, the tax statement and the KvK extract at most 6 calendar months old on
#: receipt; the VOG "actueel" (no fixed age). soort -> (moment, maximum age in months or None).
MODEL_DOCUMENTVEREISTEN: dict[str, tuple[str, int | None]] = {
    Documentsoort.GVA: (Vraagmoment.OP_VERZOEK, 24),
    Documentsoort.BETALINGSGEDRAG: (Vraagmoment.OP_VERZOEK, 6),
    Documentsoort.KVK_UITTREKSEL: (Vraagmoment.OP_VERZOEK, 6),
    Documentsoort.VOG: (Vraagmoment.OP_VERZOEK, None),
}
#: A procedure that configured nothing asks what it always asked: the GVA with the
#: registration (at most 24 months old), the others not.
ONGECONFIGUREERDE_DOCUMENTVEREISTEN: dict[str, tuple[str, int | None]] = {
    Documentsoort.GVA: (Vraagmoment.BIJ_AANMELDING, 24),
    Documentsoort.BETALINGSGEDRAG: (Vraagmoment.NIET, 6),
    Documentsoort.KVK_UITTREKSEL: (Vraagmoment.NIET, 6),
    Documentsoort.VOG: (Vraagmoment.NIET, None),
}
#: Calendar days to deliver a requested document (model procurement document: 14).
LEVERTERMIJN_DAGEN = 14


class UeaVorm(models.TextChoices):
    XML = "xml", _("ESPD Response (XML), ingelezen")
    PAPIER = "papier", _("Op papier (PDF), antwoorden met de hand ingevoerd")


#: Largest upload (bytes). Also the cap of the UEA reader.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: Allowed file types: extension -> (content type, magic prefixes). Each is parsed on upload
#: (wmoregie/bestandscontrole.py); the old binary Office formats (.doc, .xls) are not accepted.
TOEGESTANE_BESTANDEN: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
}
XML_BESTAND = (".xml", "application/xml")

#: GVA: at most this many calendar months old on receipt (IW-E, list of documents).
GVA_MAX_MAANDEN = 24


class Aanbestedingsdocumentsoort(models.TextChoices):
    """The procurement documents the region publishes, per phase, with versions."""

    SELECTIELEIDRAAD = "selectieleidraad", _("Selectieleidraad")
    GUNNINGSLEIDRAAD = "gunningsleidraad", _("Gunningsleidraad")
    CONCEPT_OVEREENKOMST = "concept-overeenkomst", _("Concept-overeenkomst")
    PRIJSBLAD_SJABLOON = "prijsblad-sjabloon", _("Sjabloon prijsblad")
    OVERIG = "overig", _("Overig document")


#: The phase each kind of document belongs to.
FASE_VAN_DOCUMENTSOORT = {
    Aanbestedingsdocumentsoort.SELECTIELEIDRAAD: "selectie",
    Aanbestedingsdocumentsoort.GUNNINGSLEIDRAAD: "gunning",
    Aanbestedingsdocumentsoort.CONCEPT_OVEREENKOMST: "gunning",
    Aanbestedingsdocumentsoort.PRIJSBLAD_SJABLOON: "gunning",
    Aanbestedingsdocumentsoort.OVERIG: "selectie",
}


class Beoordelingsmethode(models.TextChoices):
    """The published scoring method; the values are those of ``scoring.Methode``."""

    KWALITEIT = "kwaliteit", _("Alleen kwaliteit (vast budget, taakgericht)")
    WAARDE = "gunnen-op-waarde", _("Gunnen op waarde (fictieve korting)")
    RELATIEF = "relatief", _("Relatieve beoordeling (prijs- en kwaliteitspunten)")


class Bezwaarsoort(models.TextChoices):
    BEZWAAR = "bezwaar", _("Bezwaar (klacht bij de aanbestedende dienst)")
    KORT_GEDING = "kort-geding", _("Kort geding")


#: Parties that sign their own UEA and whose exclusion grounds are checked in the selection:
#: the bidder's members and each derde relied upon (IW-E 5.4.1, 5.4.2).
UEA_PLICHTIG = (*LEDEN, PartijRol.DERDE)
#: The check that stands in for all grounds of a party without any UEA answers.
GEEN_UEA = "geen-uea"


class Uitsluitingsoordeel(models.TextChoices):
    """The inkoper's assessment of an exclusion ground answered "yes" or left open."""

    NIET_UITGESLOTEN = "niet-uitgesloten", _("Niet uitgesloten (toelichting of herstel voldoende)")
    UITGESLOTEN = "uitgesloten", _("Uitgesloten")


class Regelbesluitsoort(models.TextChoices):
    """The inkoper's reasoned decision on an error-level rule finding (``Regelbesluit``)."""

    HERSTELD = "hersteld", _("Hersteld binnen de gestelde termijn")
    NIET_VAN_TOEPASSING = "niet-van-toepassing", _("De regel is hier niet van toepassing")
