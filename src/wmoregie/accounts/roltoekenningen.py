"""Granting, changing and withdrawing roles: audited, and never by the person concerned.

A role decides what someone may see (a bidder's role opens its organisation's submissions), so
every grant is recorded in the audit log with who granted it, and nobody grants or changes a
role of their own (also not a superuser in ``/beheer/``). The database refuses a grant whose
``toegekend_door`` is the user too.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from .models import Roltoekenning


def _beschrijving(toekenning: Roltoekenning) -> dict:
    return {
        "gebruiker": toekenning.gebruiker.get_username(),
        "rol": toekenning.rol,
        "scope": toekenning.scope,
        "scope_id": getattr(toekenning, f"{toekenning.scope}_id"),
        "scope_naam": str(toekenning.scope_object),
    }


def _niet_zelf(toekenning: Roltoekenning, door) -> None:
    if door is not None and door.pk == toekenning.gebruiker_id:
        raise ValidationError(
            _(
                "U kunt uzelf geen rol toekennen en uw eigen rollen niet wijzigen of intrekken: "
                "laat een andere beheerder dit doen."
            ),
            code="eigen-rol",
        )


def _bewaar(toekenning: Roltoekenning, door) -> None:
    toekenning.toegekend_door = door
    toekenning.toegekend_op = timezone.now()
    toekenning.full_clean()
    toekenning.save()


@transaction.atomic
def ken_rol_toe(toekenning: Roltoekenning, *, door, request=None) -> Roltoekenning:
    """Store a new role grant (an unsaved ``Roltoekenning``)."""
    _niet_zelf(toekenning, door)
    _bewaar(toekenning, door)
    record(
        "roltoekenning.toegekend",
        gebruiker=door,
        obj=toekenning,
        omschrijving=f"{toekenning.gebruiker.get_username()}: {toekenning}",
        gegevens=_beschrijving(toekenning),
        request=request,
    )
    return toekenning


@transaction.atomic
def wijzig_roltoekenning(toekenning: Roltoekenning, *, door, request=None) -> Roltoekenning:
    """Store a changed role grant; the log keeps what it was and what it became."""
    oud = Roltoekenning.objects.select_for_update().get(pk=toekenning.pk)
    _niet_zelf(oud, door)
    _niet_zelf(toekenning, door)
    _bewaar(toekenning, door)
    record(
        "roltoekenning.gewijzigd",
        gebruiker=door,
        obj=toekenning,
        omschrijving=f"{toekenning.gebruiker.get_username()}: {oud} → {toekenning}",
        gegevens={"oud": _beschrijving(oud), "nieuw": _beschrijving(toekenning)},
        request=request,
    )
    return toekenning


@transaction.atomic
def trek_rol_in(toekenning: Roltoekenning, *, door, request=None) -> None:
    _niet_zelf(toekenning, door)
    gegevens = _beschrijving(toekenning)
    omschrijving = f"{toekenning.gebruiker.get_username()}: {toekenning}"
    record(
        "roltoekenning.ingetrokken",
        gebruiker=door,
        obj=toekenning,
        omschrijving=omschrijving,
        gegevens=gegevens,
        request=request,
    )
    toekenning.delete()
