"""Code lists of contracten."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Opdrachtnemersvorm(models.TextChoices):
    HOOFDAANNEMER = "hoofdaannemer", _("Hoofdaannemer")
    COMBINATIE = "combinatie", _("Combinatie (penvoerder en combinanten)")


class OvereenkomstStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    ACTIEF = "actief", _("Actief")
    OPGESCHORT = "opgeschort", _("Opgeschort")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class Onderaannemersoort(models.TextChoices):
    """The seed's three kinds (see docs/contracten.md for the legal reading)."""

    DERDE = "derde", _("Derde (beroep op derden, hele looptijd)")
    VAST = "vast", _("Vaste onderaannemer")
    INCIDENTEEL = "incidenteel", _("Incidentele onderaannemer")


class OnderaannemerStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld, wacht op toestemming regio")
    ACTIEF = "actief", _("Actief")
    GEWEIGERD = "geweigerd", _("Geen toestemming")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class Documentsoort(models.TextChoices):
    GEDRAGSVERKLARING = "gva", _("Gedragsverklaring aanbesteden")
    VOG_BELEID = "vog-beleid", _("VOG-beleid")
    VERZEKERING = "verzekering", _("Verzekering (aansprakelijkheid)")
    KWALITEITSKADER = "kwaliteitskader", _("Bewijs kwaliteitskader")


class Documentstand(models.TextChoices):
    """How a compliance document stands on a given day. Shown as text, never as colour only."""

    GELDIG = "geldig", _("Geldig")
    VERLOOPT_BINNENKORT = "verloopt-binnenkort", _("Verloopt binnenkort")
    VERLOPEN = "verlopen", _("Verlopen")
    ONTBREEKT = "ontbreekt", _("Ontbreekt")


class PrijsbladStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
    VERVALLEN = "vervallen", _("Vervallen (opgevolgd door een nieuwere versie)")


# A Gedragsverklaring aanbesteden may be at most 24 calendar months old (IW-E, list of documents).
GVA_GELDIGHEID_MAANDEN = 24
# Default number of days before expiry that a document is flagged; each agreement can change it.
STANDAARD_WAARSCHUWINGSTERMIJN_DAGEN = 60
