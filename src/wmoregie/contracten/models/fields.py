"""Field constructors shared by the model modules of contracten."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

NUL = Decimal(0)
_NIET_NEGATIEF = [MinValueValidator(NUL)]


def _bedrag(label, **kwargs):
    return models.DecimalField(
        label, max_digits=14, decimal_places=2, validators=_NIET_NEGATIEF, **kwargs
    )


def _percentage(label, **kwargs):
    return models.DecimalField(
        label, max_digits=7, decimal_places=3, validators=_NIET_NEGATIEF, **kwargs
    )


def _indexcijfer(label, **kwargs):
    """An index figure in per cent; may be negative (a falling price level)."""
    return models.DecimalField(label, max_digits=6, decimal_places=3, **kwargs)
