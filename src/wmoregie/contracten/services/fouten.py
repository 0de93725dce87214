"""Turns an error of the calculation core into a ``ValidationError`` with the same code."""

from django.core.exceptions import ValidationError

from ..berekeningen import BerekeningFout


def _als_validatiefout(fout: BerekeningFout, veld: str | None = None) -> ValidationError:
    error = ValidationError(fout.melding, code=fout.code)
    return ValidationError({veld: error}) if veld else error
