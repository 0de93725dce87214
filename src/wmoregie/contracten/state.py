"""Which status changes an agreement may make. Applied only by ``services.wijzig_status``."""

from django.utils.translation import gettext_lazy as _

from .constants import OvereenkomstStatus as S

OVERGANGEN: dict[str, frozenset[str]] = {
    S.CONCEPT: frozenset({S.ACTIEF, S.BEEINDIGD}),
    S.ACTIEF: frozenset({S.OPGESCHORT, S.BEEINDIGD}),
    S.OPGESCHORT: frozenset({S.ACTIEF, S.BEEINDIGD}),
    S.BEEINDIGD: frozenset(),
}

# The Dutch verb on the button for each target status.
ACTIES: dict[str, str] = {
    S.ACTIEF: _("Activeren"),
    S.OPGESCHORT: _("Opschorten"),
    S.BEEINDIGD: _("Beëindigen"),
}


def mag_overgaan(van: str, naar: str) -> bool:
    return naar in OVERGANGEN.get(van, frozenset())


def volgende_statussen(van: str) -> list[str]:
    return [s for s in S.values if s in OVERGANGEN.get(van, frozenset())]
