"""The selection phase's checks per registration, pure (no models): exclusion grounds,
suitability requirements and, where the number of candidates is capped, the ranking on the
selection criteria (``scoring.rank_by_quality`` with its published tie rule).

IW-E ch. 5: completeness → exclusion grounds (UEA) → suitability requirements (each with its named
proof) → selection criteria where the number of candidates is capped → decide. ``services`` feeds
these functions from the database and refuses an admission for every ``Weigering`` here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from . import scoring
from .constants import GEEN_UEA, Uitsluitingsoordeel


@dataclass(frozen=True)
class Grond:
    """An exclusion ground of a party that needs the inkoper's assessment: answered "yes", left
    open, or (code ``geen-uea``) a party without any UEA answers."""

    partij_id: int
    partij: str
    code: str
    naam: str
    antwoord: bool | None
    toelichting: str = ""
    oordeel: str | None = None  # Uitsluitingsoordeel, None = not yet assessed
    motivering: str = ""
    bewijs: str = ""

    @property
    def beoordeeld(self) -> bool:
        return self.oordeel is not None

    @property
    def uitgesloten(self) -> bool:
        return self.oordeel == Uitsluitingsoordeel.UITGESLOTEN


@dataclass(frozen=True)
class Eis:
    """A suitability requirement and its check for one registration (``voldoet`` None: open)."""

    eis_id: int
    naam: str
    bewijs_gevraagd: str
    voldoet: bool | None = None
    bewijs: str = ""
    reden: str = ""
    bewijsstuk: str = ""  # original file name of the attached evidence document, if any


@dataclass(frozen=True)
class Weigering:
    code: str
    bericht: str


@dataclass(frozen=True)
class Toetsing:
    """The checks of one registration and what they mean for the decision."""

    gronden: tuple[Grond, ...]
    eisen: tuple[Eis, ...]

    @property
    def open_gronden(self) -> list[Grond]:
        return [g for g in self.gronden if not g.beoordeeld]

    @property
    def uitsluitingen(self) -> list[Grond]:
        return [g for g in self.gronden if g.uitgesloten]

    @property
    def open_eisen(self) -> list[Eis]:
        return [e for e in self.eisen if e.voldoet is None]

    @property
    def niet_voldaan(self) -> list[Eis]:
        return [e for e in self.eisen if e.voldoet is False]

    @property
    def volledig(self) -> bool:
        return not self.open_gronden and not self.open_eisen

    @property
    def geschikt(self) -> bool:
        """Every check recorded and passed: a candidate for admission (or for the ranking)."""
        return self.volledig and not self.uitsluitingen and not self.niet_voldaan

    def weigeringen(self) -> list[Weigering]:
        """Why this registration cannot be admitted now (empty: it can)."""
        result = []
        if self.open_gronden:
            result.append(
                Weigering(
                    "uitsluitingsgrond-niet-beoordeeld",
                    _("Beoordeel eerst de uitsluitingsgronden: %(gronden)s.")
                    % {"gronden": "; ".join(f"{g.partij}: {g.naam}" for g in self.open_gronden)},
                )
            )
        if self.uitsluitingen:
            result.append(
                Weigering(
                    "uitgesloten",
                    _("Een uitsluitingsgrond is van toepassing: %(gronden)s.")
                    % {"gronden": "; ".join(f"{g.partij}: {g.naam}" for g in self.uitsluitingen)},
                )
            )
        if self.open_eisen:
            result.append(
                Weigering(
                    "eis-niet-getoetst",
                    _("Toets eerst de geschiktheidseisen: %(eisen)s.")
                    % {"eisen": "; ".join(e.naam for e in self.open_eisen)},
                )
            )
        if self.niet_voldaan:
            result.append(
                Weigering(
                    "eis-niet-voldaan",
                    _("Niet voldaan aan de geschiktheidseis(en): %(eisen)s.")
                    % {"eisen": "; ".join(e.naam for e in self.niet_voldaan)},
                )
            )
        return result

    def redenen(self) -> list[str]:
        """The reasons for a rejection that follow from the checks (for the letter)."""
        result = [
            _("Uitsluitingsgrond %(naam)s is van toepassing op %(partij)s: %(motivering)s")
            % {"naam": g.naam, "partij": g.partij, "motivering": g.motivering}
            for g in self.uitsluitingen
        ]
        result += [
            _("U voldoet niet aan de geschiktheidseis “%(eis)s”: %(reden)s")
            % {"eis": e.naam, "reden": e.reden}
            for e in self.niet_voldaan
        ]
        return result


def te_beoordelen_gronden(
    partij_id: int, partij: str, antwoorden: Sequence[Mapping]
) -> list[tuple[str, str, bool | None, str]]:
    """The grounds of one party that need an assessment, as (code, naam, antwoord, toelichting):
    every ground answered "yes" or left open; a party without any answers gets one check
    ``geen-uea``."""
    if not antwoorden:
        return [(GEEN_UEA, _("Geen antwoorden op de uitsluitingsgronden (UEA)"), None, "")]
    return [
        (
            a.get("code", ""),
            a.get("naam") or a.get("code", ""),
            a.get("antwoord"),
            a.get("toelichting", ""),
        )
        for a in antwoorden
        if a.get("antwoord") is not False
    ]


@dataclass(frozen=True)
class Selectierangschikking:
    """The ranking of the suitable candidates on the selection criteria, and the cap."""

    rangschikking: scoring.Rangschikking
    max_kandidaten: int

    def uitslag(self, naam: str) -> scoring.Uitslag | None:
        """The candidate's place; None when it is not ranked (not suitable)."""
        return next((u for u in self.rangschikking.uitslagen if u.inschrijver == naam), None)

    def rang(self, naam: str) -> int | None:
        uitslag = self.uitslag(naam)
        return uitslag.rang if uitslag else None

    def binnen_maximum(self, naam: str) -> bool:
        rang = self.rang(naam)
        return rang is not None and rang <= self.max_kandidaten


def rangschik_kandidaten(
    criteria: Sequence[scoring.Criterium],
    scores: Mapping[str, Mapping[str, Decimal]],
    *,
    max_kandidaten: int,
    loting_seed: str | None = None,
) -> Selectierangschikking:
    """Rank the suitable candidates (name → scores per criterion code) on quality only, with the
    published tie rule; the first ``max_kandidaten`` are admitted. Raises ``ValueError``."""
    if max_kandidaten < 1:
        raise ValueError(_("Het maximum aantal kandidaten moet ten minste 1 zijn."))
    if not criteria:
        raise ValueError(
            _("Er zijn meer geschikte kandidaten dan het maximum: stel selectiecriteria vast.")
        )
    invoer = [scoring.Inschrijving(naam, dict(s)) for naam, s in scores.items()]
    return Selectierangschikking(
        scoring.rank_by_quality(criteria, invoer, loting_seed=loting_seed), max_kandidaten
    )
