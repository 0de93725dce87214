"""Write to the audit log. Services call :func:`record` inside their transaction."""

import json

from django.db import models

from . import keten
from .models import AuditEntry

_IP_ADRES = AuditEntry._meta.get_field("ip_adres")


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
    """Append one entry to the audit log: one insert, plus the chain's lock and the read of
    the last entry's hash. Values are stored as the database gives them back, so the hash
    computed here is the one ``verifieer_auditlog`` recomputes."""
    return record_per_client(
        actie,
        [betreft_client],
        gebruiker=gebruiker,
        obj=obj,
        omschrijving=omschrijving,
        gegevens=gegevens,
        request=request,
        rol=rol,
        organisatie=organisatie,
    )[0]


def record_per_client(
    actie: str,
    client_ids: list[int | None],
    *,
    gebruiker=None,
    obj: models.Model | None = None,
    omschrijving: str = "",
    gegevens: dict | None = None,
    request=None,
    rol: str = "",
    organisatie: str = "",
) -> list[AuditEntry]:
    """Append one entry per client id (``None``: about no client), alike but for the client,
    in one insert: what a page showing several clients writes."""
    if gebruiker is None and request is not None and request.user.is_authenticated:
        gebruiker = request.user
    if gebruiker is not None and not gebruiker.is_authenticated:
        gebruiker = None
    ip_adres = request.META.get("REMOTE_ADDR") if request is not None else None
    gegevens = json.loads(json.dumps(gegevens or {}))
    return keten.voeg_toe_alle(
        [
            AuditEntry(
                gebruiker=gebruiker,
                gebruikersnaam=gebruiker.get_username() if gebruiker else "",
                actie=actie,
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
                omschrijving=omschrijving[:500],
                gegevens=gegevens,
                ip_adres=_IP_ADRES.get_prep_value(ip_adres) or None,
                rol=rol[:200],
                organisatie=organisatie[:300],
                betreft_client=client_id,
            )
            for client_id in client_ids
        ]
    )
