"""Demo data of Regio Amersfoort: the catalogue, demo organisations and one demo user per role.

Idempotent: loading twice changes nothing. For local use and demonstrations only; the command
refuses to run with DEBUG off unless forced, so production never gets known passwords.
"""

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.db import transaction

from wmoregie.accounts.constants import SCOPE_PER_ROL, Organisatiesoort, Rol
from wmoregie.accounts.models import Organisatie, Roltoekenning, User
from wmoregie.catalogi.models import Gebiedsteam, Gemeente, Regio
from wmoregie.catalogi.services import importeer_catalogus, lees_json

CATALOGUS = Path(__file__).parent / "catalogi" / "data" / "regio-amersfoort.json"
DEMO_WACHTWOORD = "demo-wmoregie-2026"

# Fictitious organisations; the KvK numbers are made up and marked as demo in the name.
ORGANISATIES = {
    "consortium": (
        "90000001",
        "Consortium Begeleiding Eemland (demo)",
        Organisatiesoort.CONSORTIUM,
    ),
    "onderaannemer": ("90000002", "Zorgkracht Amersfoort (demo)", Organisatiesoort.AANBIEDER),
    "inschrijver": ("90000003", "Samen Thuis Begeleiding (demo)", Organisatiesoort.AANBIEDER),
}


@dataclass(frozen=True)
class DemoGebruiker:
    gebruikersnaam: str
    naam: str
    rol: str
    scope: str


DEMO_GEBRUIKERS: tuple[tuple[str, str, str, str], ...] = (
    # (username, full name, role, scope key)
    ("inkoper", "Ingrid Inkoper", Rol.INKOPER, "regio"),
    # a second inkoper: opening the submissions of a phase takes two (four eyes)
    ("inkoper2", "Ilse Inkoper", Rol.INKOPER, "regio"),
    ("beoordelaar", "Bram Beoordelaar", Rol.BEOORDELAAR, "regio"),
    ("contractmanager", "Carla Contractmanager", Rol.CONTRACTMANAGER, "regio"),
    ("gemeente", "Gerrit Gemeente", Rol.GEMEENTE_MEDEWERKER, "0307"),
    ("gebiedsteam", "Gea Gebiedsteam", Rol.GEBIEDSTEAM_MEDEWERKER, "Gebiedsteam Amersfoort Noord"),
    ("backoffice", "Bea Backoffice", Rol.BACKOFFICE, "consortium"),
    ("onderaannemer", "Omar Onderaannemer", Rol.ONDERAANNEMER_MEDEWERKER, "onderaannemer"),
    ("inschrijver", "Iris Inschrijver", Rol.INSCHRIJVER, "inschrijver"),
    ("privacy", "Pim Privacy", Rol.FUNCTIONARIS_GEGEVENSBESCHERMING, "regio"),
)


def _scope_object(scope: str, sleutel: str, regio: Regio, organisaties: dict[str, Organisatie]):
    if scope == "regio":
        return regio
    if scope == "gemeente":
        return Gemeente.objects.get(code=sleutel)
    if scope == "gebiedsteam":
        return Gebiedsteam.objects.get(naam=sleutel)
    return organisaties[sleutel]


@transaction.atomic
def laad_demo() -> list[DemoGebruiker]:
    importeer_catalogus(lees_json(CATALOGUS.read_bytes()))
    regio = Regio.objects.get(naam="Regio Amersfoort")
    organisaties = {
        sleutel: Organisatie.objects.update_or_create(
            kvk_nummer=kvk, defaults={"naam": naam, "soort": soort}
        )[0]
        for sleutel, (kvk, naam, soort) in ORGANISATIES.items()
    }
    gebruikers = []
    for gebruikersnaam, naam, rol, scope_sleutel in DEMO_GEBRUIKERS:
        voornaam, achternaam = naam.split(" ", 1)
        gebruiker, aangemaakt = User.objects.get_or_create(
            username=gebruikersnaam, defaults={"first_name": voornaam, "last_name": achternaam}
        )
        if aangemaakt:
            gebruiker.set_password(DEMO_WACHTWOORD)
            gebruiker.save()
        scope = SCOPE_PER_ROL[rol]
        scope_object = _scope_object(scope, scope_sleutel, regio, organisaties)
        Roltoekenning.objects.get_or_create(gebruiker=gebruiker, rol=rol, **{scope: scope_object})
        gebruikers.append(DemoGebruiker(gebruikersnaam, naam, Rol(rol).label, str(scope_object)))

    beheerder, aangemaakt = User.objects.get_or_create(
        username="beheerder",
        defaults={"is_staff": True, "is_superuser": True, "first_name": "Beheerder"},
    )
    if aangemaakt:
        beheerder.set_password(DEMO_WACHTWOORD)
        beheerder.save()
    gebruikers.append(
        DemoGebruiker("beheerder", "Beheerder", "Functioneel beheer (admin)", "alles")
    )

    # Each module may add its own demo data in ``<app>/demo.py`` with a ``laad_demo()`` function,
    # called in the order of INSTALLED_APPS after the catalogue and the users exist.
    for config in apps.get_app_configs():
        if config.name.startswith("wmoregie.") and find_spec(f"{config.name}.demo"):
            import_module(f"{config.name}.demo").laad_demo()
    return gebruikers
