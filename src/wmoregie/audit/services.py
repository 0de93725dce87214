"""Write to the audit log. Services call :func:`record` inside their transaction."""

from django.db import models

from .models import AuditEntry


def record(
    actie: str,
    *,
    gebruiker=None,
    obj: models.Model | None = None,
    omschrijving: str = "",
    gegevens: dict | None = None,
    request=None,
    rol: str = "",
    organisatie: str = "",
    betreft_client: int | None = None,
) -> AuditEntry:
    if gebruiker is None and request is not None and request.user.is_authenticated:
        gebruiker = request.user
    if gebruiker is not None and not gebruiker.is_authenticated:
        gebruiker = None
    return AuditEntry.objects.create(
        gebruiker=gebruiker,
        gebruikersnaam=gebruiker.get_username() if gebruiker else "",
        actie=actie,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        omschrijving=omschrijving[:500],
        gegevens=gegevens or {},
        ip_adres=request.META.get("REMOTE_ADDR") if request is not None else None,
        rol=rol[:200],
        organisatie=organisatie[:300],
        betreft_client=betreft_client,
    )
