"""Logging of every read and change of client data (NEN 7513 style).

Each entry says who, in which role and for which organisation, when, which client, what, and
from which address. A page or API answer that shows several clients writes one entry per client,
so the privacy officer finds every read of one client with one question.
"""

from __future__ import annotations

from collections.abc import Iterable

from wmoregie.accounts.constants import ROLLEN_MET_CLIENTGEGEVENS, Rol
from wmoregie.audit.services import record_per_client


def werkcontext(user) -> tuple[str, str]:
    """(roles, organisations) of the user's roles that give access to client data, as text."""
    if not user or not user.is_authenticated:
        return "", ""
    cache = getattr(user, "_clienten_werkcontext", None)
    if cache is not None:
        return cache
    rollen, organisaties = [], []
    for toekenning in user.roltoekenningen.filter(
        rol__in=[*ROLLEN_MET_CLIENTGEGEVENS, Rol.FUNCTIONARIS_GEGEVENSBESCHERMING]
    ).select_related("gemeente", "gebiedsteam", "organisatie", "regio"):
        label = str(toekenning.get_rol_display())
        if label not in rollen:
            rollen.append(label)
        naam = str(toekenning.scope_object)
        if naam not in organisaties:
            organisaties.append(naam)
    user._clienten_werkcontext = (", ".join(rollen), ", ".join(organisaties))
    return user._clienten_werkcontext


def log(
    actie: str,
    clienten: Iterable,
    *,
    request=None,
    gebruiker=None,
    obj=None,
    omschrijving: str = "",
    gegevens: dict | None = None,
) -> int:
    """One audit entry per client (a ``Client`` or its id); returns the number written."""
    gebruiker = gebruiker or (request.user if request is not None else None)
    rol, organisatie = werkcontext(gebruiker)
    ids = []
    for client in clienten:
        client_id = getattr(client, "pk", client)
        if client_id is not None and client_id not in ids:
            ids.append(client_id)
    record_per_client(
        actie,
        ids,
        gebruiker=gebruiker,
        request=request,
        obj=obj,
        omschrijving=omschrijving,
        gegevens=gegevens,
        rol=rol,
        organisatie=organisatie,
    )
    return len(ids)
