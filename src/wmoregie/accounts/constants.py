from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    INKOPER = "inkoper", _("Inkoper (regio)")
    BEOORDELAAR = "beoordelaar", _("Beoordelaar")
    CONTRACTMANAGER = "contractmanager", _("Contractmanager (regio)")
    GEMEENTE_MEDEWERKER = "gemeente-medewerker", _("Medewerker gemeente")
    GEBIEDSTEAM_MEDEWERKER = "gebiedsteam-medewerker", _("Medewerker gebiedsteam")
    BACKOFFICE = "backoffice", _("Backoffice consortium")
    ONDERAANNEMER_MEDEWERKER = "onderaannemer-medewerker", _("Medewerker onderaannemer")
    INSCHRIJVER = "inschrijver", _("Inschrijver")
    FUNCTIONARIS_GEGEVENSBESCHERMING = (
        "functionaris-gegevensbescherming",
        _("Functionaris gegevensbescherming"),
    )


class Scope(models.TextChoices):
    REGIO = "regio", _("regio")
    GEMEENTE = "gemeente", _("gemeente")
    GEBIEDSTEAM = "gebiedsteam", _("gebiedsteam")
    ORGANISATIE = "organisatie", _("organisatie")


# Which scope each role carries. A role's scope limits what its holder sees.
SCOPE_PER_ROL: dict[str, str] = {
    Rol.INKOPER: Scope.REGIO,
    Rol.BEOORDELAAR: Scope.REGIO,
    Rol.CONTRACTMANAGER: Scope.REGIO,
    Rol.GEMEENTE_MEDEWERKER: Scope.GEMEENTE,
    Rol.GEBIEDSTEAM_MEDEWERKER: Scope.GEBIEDSTEAM,
    Rol.BACKOFFICE: Scope.ORGANISATIE,
    Rol.ONDERAANNEMER_MEDEWERKER: Scope.ORGANISATIE,
    Rol.INSCHRIJVER: Scope.ORGANISATIE,
    Rol.FUNCTIONARIS_GEGEVENSBESCHERMING: Scope.REGIO,
}

# The roles that may see client data (special-category personal data), each within its scope.
# The privacy officer sees who read or changed client data (the audit log), not the files.
ROLLEN_MET_CLIENTGEGEVENS = frozenset(
    {
        Rol.GEMEENTE_MEDEWERKER,
        Rol.GEBIEDSTEAM_MEDEWERKER,
        Rol.BACKOFFICE,
        Rol.ONDERAANNEMER_MEDEWERKER,
    }
)


class Organisatiesoort(models.TextChoices):
    AANBIEDER = "aanbieder", _("Aanbieder")
    CONSORTIUM = "consortium", _("Consortium / combinatie")
