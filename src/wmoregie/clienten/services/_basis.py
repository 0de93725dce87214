"""Small helpers shared by the services of clienten."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import Gebeurtenis
from ..state import ActieGeweigerd


def vandaag() -> date:
    """Today in Europe/Amsterdam: calendar rules never take the date of a UTC timestamp."""
    return timezone.localdate()


def als_validatiefout(fout: ActieGeweigerd) -> ValidationError:
    error = ValidationError(fout.message, code=fout.code)
    return ValidationError({fout.veld: error}) if fout.veld else error


@contextmanager
def bewaakt():
    """Turn a refusal of the state table into a ValidationError with the same code."""
    try:
        yield
    except ActieGeweigerd as fout:
        raise als_validatiefout(fout) from None


def fout(code: str, melding: str, veld: str | None = None) -> ValidationError:
    error = ValidationError(melding, code=code)
    return ValidationError({veld: error}) if veld else error


def gebeurtenis(
    aanmelding,
    soort: str,
    omschrijving: str,
    *,
    traject=None,
    datum: date | None = None,
    door=None,
    bericht=None,
) -> Gebeurtenis:
    return Gebeurtenis.objects.create(
        aanmelding=aanmelding,
        traject=traject,
        soort=soort,
        datum=datum or vandaag(),
        omschrijving=str(omschrijving)[:500],
        door=door if door is not None and door.is_authenticated else None,
        bericht=bericht,
    )
