"""Business actions of accounts."""

from django.db import transaction

from wmoregie.audit.services import record

from .models import Organisatie


@transaction.atomic
def registreer_organisatie(
    *, kvk_nummer: str, naam: str, soort: str, adres: str = "", gebruiker
) -> Organisatie:
    """Add an organisation from the Handelsregister; validated first, audited."""
    organisatie = Organisatie(
        kvk_nummer=kvk_nummer.strip(), naam=naam.strip(), soort=soort, adres=adres.strip()
    )
    organisatie.full_clean()
    organisatie.save()
    record(
        "organisatie.geregistreerd",
        gebruiker=gebruiker,
        obj=organisatie,
        omschrijving=organisatie.naam,
    )
    return organisatie
