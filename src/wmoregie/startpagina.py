"""The home page per role (#15.13): for each role a user holds, the tasks that role has, as
links to the pages where the work is done. The counted worklists of the modules
(``wmoregie.werkvoorraad``) join them on the same page.

Only links the user may open are shown (each page's declared access decides), so a task list
can never lead to a 403.
"""

from dataclasses import dataclass

from django.urls import resolve, reverse

from wmoregie.accounts.access import declared_access_of
from wmoregie.accounts.constants import Rol


@dataclass(frozen=True)
class Rolblok:
    rol: str  # the role's Dutch name
    intro: str
    taken: list[tuple[str, str, str]]  # (title, url, explanation)


#: Per role: an introduction and its tasks as (title, url name, explanation).
TAKEN_PER_ROL: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    Rol.INKOPER: (
        "U bereidt de aanbesteding voor, voert de selectie en gunning uit en legt de uitkomst vast.",
        [
            (
                "Aanbestedingen",
                "aanbestedingen:overzicht",
                "Procedures, inschrijvingen, selectie en gunning.",
            ),
            ("Organisaties", "accounts:organisaties", "Het register van aanbieders en consortia."),
            (
                "Productcatalogus",
                "catalogi:catalogus",
                "De producten per perceel waarop wordt ingekocht.",
            ),
        ],
    ),
    Rol.BEOORDELAAR: (
        "U beoordeelt de inschrijvingen van de gunningsfase, blind en met een belangenverklaring.",
        [("Aanbestedingen", "aanbestedingen:overzicht", "Kies de aanbesteding die u beoordeelt.")],
    ),
    Rol.CONTRACTMANAGER: (
        "U beheert de overeenkomsten, het taakgerichte budget, de prijsbladen en de onderaannemers.",
        [
            (
                "Contracten",
                "contracten:overzicht",
                "Overeenkomsten, budgetten, prijsbladen en onderaannemers.",
            ),
            (
                "Sturing",
                "sturing:start",
                "Indicatoren, afspraken en het stuuroverleg met de hoofdaannemer.",
            ),
            ("Monitoring", "monitoring:overzicht", "Cijfers over instroom, wachttijden en kosten."),
        ],
    ),
    Rol.GEMEENTE_MEDEWERKER: (
        "U volgt de cliënten, het budget en de betalingen van uw gemeente.",
        [
            (
                "Cliënten",
                "clienten:start",
                "Aanmeldingen, toewijzingen en verzoeken van uw gemeente.",
            ),
            (
                "Contracten",
                "contracten:overzicht",
                "Het aandeel van uw gemeente in het budget, de termijnen en betalingen.",
            ),
            ("Monitoring", "monitoring:overzicht", "Cijfers over instroom, wachttijden en kosten."),
        ],
    ),
    Rol.GEBIEDSTEAM_MEDEWERKER: (
        "U meldt cliënten aan en volgt hun ondersteuning.",
        [
            (
                "Cliënt aanmelden",
                "clienten:aanmelden",
                "Een nieuwe aanmelding bij de hoofdaannemer.",
            ),
            ("Cliënten", "clienten:start", "De aanmeldingen en trajecten van uw gebiedsteam."),
        ],
    ),
    Rol.BACKOFFICE: (
        "U neemt aanmeldingen aan, wijst uitvoerders toe en houdt de berichten met de gemeenten bij.",
        [
            ("Cliënten", "clienten:start", "Aanmeldingen, trajecten, berichten en declaraties."),
            (
                "Contracten",
                "contracten:overzicht",
                "Uw overeenkomsten, prijsbladen en onderaannemers.",
            ),
        ],
    ),
    Rol.ONDERAANNEMER_MEDEWERKER: (
        "U start en begeleidt de cliënten die aan uw organisatie zijn toegewezen.",
        [
            ("Cliënten", "clienten:start", "Uw cliënten en trajecten."),
            ("Contracten", "contracten:overzicht", "Uw onderaanneemcontract en tarieven."),
        ],
    ),
    Rol.INSCHRIJVER: (
        "U schrijft in op een aanbesteding en volgt de uitkomst.",
        [
            (
                "Aanbestedingen",
                "aanbestedingen:overzicht",
                "Inschrijven, documenten, vragen en brieven.",
            )
        ],
    ),
    Rol.FUNCTIONARIS_GEGEVENSBESCHERMING: (
        "U ziet toe op de verwerking van cliëntgegevens.",
        [
            (
                "Inzage auditlog",
                "audit:inzage",
                "Wie welke cliëntgegevens heeft ingezien of gewijzigd.",
            )
        ],
    ),
}


def _mag(user, url: str) -> bool:
    access = declared_access_of(resolve(url).func)
    return access is not None and access.allows(user)


def rolblokken(user) -> list[Rolblok]:
    """One block per role the user holds (in the order of ``Rol``), with its reachable tasks."""
    if not user.is_authenticated or not user.is_active:
        return []
    rollen = user.rollen()
    blokken = []
    for rol in Rol:
        if rol not in rollen or rol not in TAKEN_PER_ROL:
            continue
        intro, taken = TAKEN_PER_ROL[rol]
        links = [(titel, reverse(naam), uitleg) for titel, naam, uitleg in taken]
        blokken.append(
            Rolblok(
                rol=str(rol.label),
                intro=intro,
                taken=[taak for taak in links if _mag(user, taak[1])],
            )
        )
    return blokken


def is_beheerder(user) -> bool:
    """Functioneel beheer: the admin at /beheer/ (Django staff)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)
