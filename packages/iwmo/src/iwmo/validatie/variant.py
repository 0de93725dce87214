"""The uitvoeringsvariant of a lot (its own module: layers 1-2 need the name, not layer 3)."""

from __future__ import annotations

from enum import StrEnum


class Variant(StrEnum):
    """Uitvoeringsvariant of a lot: which messages are used and how 305/307 are linked."""

    INSPANNINGSGERICHT = "inspanningsgericht"
    OUTPUTGERICHT = "outputgericht"
    TAAKGERICHT = "taakgericht"
