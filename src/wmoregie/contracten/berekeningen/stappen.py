"""One step of a calculation, kept so a page or PDF can show how a result came about."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Stap:
    """A named intermediate value.

    ``code`` is stable (for templates and tests), ``label`` is the Dutch text shown to people,
    ``waarde`` is the **unrounded** value (round it only for display), ``eenheid`` says what
    the number is ("EUR", "EUR per uur", "uur", "%"), and ``toelichting`` writes out the
    arithmetic with the actual numbers, in Dutch notation.
    """

    code: str
    label: str
    waarde: Decimal
    eenheid: str
    toelichting: str = ""


class MetStappen:
    """Mixin for result objects that carry a tuple ``stappen``."""

    stappen: tuple[Stap, ...]

    def stap(self, code: str) -> Stap:
        for stap in self.stappen:
            if stap.code == code:
                return stap
        raise KeyError(code)

    def codes(self) -> list[str]:
        return [stap.code for stap in self.stappen]
