"""Beoordelingsmethoden voor de gunningsfase, met elke rekenstap vastgelegd.

Three published methods and one published tie rule (see ``docs/aanbestedingen-regels.md``):

* :func:`rank_by_quality` — quality only (taakgerichte bekostiging with a fixed budget: the price
  is given, bidders compete on quality). Points per criterion = score / scale max × weight.
* :func:`rank_by_value` — "gunnen op waarde" / fictitious discount: quality points are worth
  money; fictitious price = price − quality points × value per point. Lowest fictitious price
  wins.
* :func:`rank_relative` — relative scoring: price points = lowest price / price × max price
  points; quality points relative to the best quality = quality / best quality × max quality
  points. Highest total wins.
* :func:`break_tie` — equal outcome: the higher quality points win; still equal: a lot drawn
  by a recorded seed (SHA-256 of ``"<seed>|<inschrijver>"``, lowest hash first), which anyone
  can recompute.

Arithmetic is Decimal only (floats are refused) in a local context of 28 significant digits.
Every intermediate result is kept exactly in the steps; only the outcome that decides the
ranking (total points, fictitious price, quality points for the tie rule) is rounded, once,
to 2 decimals ROUND_HALF_UP, and the ranking is made on those rounded, published values.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum
from itertools import groupby

from django.utils.translation import gettext as _

DECIMALEN = 2
_CENT = Decimal(1).scaleb(-DECIMALEN)
_PRECISIE = 28


class Methode(StrEnum):
    KWALITEIT = "kwaliteit"
    WAARDE = "gunnen-op-waarde"
    RELATIEF = "relatief"


class Beslissing(StrEnum):
    """What placed a bidder: its own outcome, the tie rule on quality, or the lot."""

    UITKOMST = "uitkomst"
    KWALITEIT = "kwaliteit"
    LOTING = "loting"


@dataclass(frozen=True)
class Criterium:
    """An award criterion: ``weging`` is its maximum number of points; bidders get a score on a
    scale from 0 to ``schaal_max``."""

    code: str
    naam: str
    weging: Decimal
    schaal_max: Decimal = Decimal(10)


@dataclass(frozen=True)
class Inschrijving:
    inschrijver: str
    scores: Mapping[str, Decimal]  # criterium code -> score on the criterion's scale
    prijs: Decimal | None = None


@dataclass(frozen=True)
class Stap:
    """One step of a calculation: what, the arithmetic with the numbers, and the exact result."""

    omschrijving: str
    berekening: str
    uitkomst: Decimal


@dataclass(frozen=True)
class Loting:
    """A recorded lot: the seed, every participant's hash, and the order it gives."""

    seed: str
    trekkingen: tuple[tuple[str, str], ...]  # (inschrijver, sha256 hex) in drawn order
    volgorde: tuple[str, ...]


@dataclass(frozen=True)
class Uitslag:
    inschrijver: str
    rang: int
    waarde: Decimal  # the rounded outcome that ranks: points, or the fictitious price
    kwaliteitspunten: Decimal  # rounded, used by the tie rule
    prijs: Decimal | None
    stappen: tuple[Stap, ...]
    beslist_door: Beslissing = Beslissing.UITKOMST


@dataclass(frozen=True)
class Rangschikking:
    methode: Methode
    hoogste_wint: bool
    uitslagen: tuple[Uitslag, ...]
    stappen: tuple[Stap, ...] = ()  # steps shared by all bidders (lowest price, best quality)
    lotingen: tuple[Loting, ...] = ()

    @property
    def winnaar(self) -> Uitslag:
        return self.uitslagen[0]

    def uitslag(self, inschrijver: str) -> Uitslag:
        return next(u for u in self.uitslagen if u.inschrijver == inschrijver)


@dataclass(frozen=True)
class Kandidaat:
    """Input of the tie rule: a bidder with its rounded outcome and rounded quality points."""

    inschrijver: str
    waarde: Decimal
    kwaliteitspunten: Decimal


@dataclass
class _Tussenstand:
    inschrijving: Inschrijving
    kwaliteit: Decimal = Decimal(0)  # exact
    waarde: Decimal = Decimal(0)  # exact
    stappen: list[Stap] = field(default_factory=list)


# --- helpers ----------------------------------------------------------------------------------


def _rond(waarde: Decimal) -> Decimal:
    return waarde.quantize(_CENT, rounding=ROUND_HALF_UP)


def _toon(waarde: Decimal) -> str:
    """Dutch notation for the arithmetic shown to people; long fractions shown to 6 places."""
    if waarde == waarde.to_integral_value():
        tekst = f"{waarde.quantize(Decimal(1)):f}"
    else:
        exact = waarde.normalize()
        if -exact.as_tuple().exponent > 6:
            tekst = f"{waarde.quantize(Decimal('0.000001'), rounding=ROUND_HALF_UP):f}…"
        else:
            tekst = f"{exact:f}"
    return tekst.replace(".", ",")


def _decimal(waarde: object, wat: str) -> Decimal:
    if isinstance(waarde, bool) or not isinstance(waarde, Decimal | int):
        raise TypeError(
            _("%(wat)s moet een Decimal zijn (geen %(type)s): rekenen gebeurt exact.")
            % {"wat": wat, "type": type(waarde).__name__}
        )
    result = Decimal(waarde)
    if not result.is_finite():
        raise ValueError(_("%(wat)s is geen eindig getal.") % {"wat": wat})
    return result


def _valideer_criteria(criteria: Sequence[Criterium]) -> None:
    if not criteria:
        raise ValueError(_("Geef ten minste één gunningscriterium op."))
    codes = [c.code for c in criteria]
    if len(set(codes)) != len(codes):
        raise ValueError(_("Elk gunningscriterium moet een eigen code hebben."))
    for c in criteria:
        if _decimal(c.weging, f"De weging van {c.code}") <= 0:
            raise ValueError(
                _("De weging van criterium %(code)s moet groter dan nul zijn.") % {"code": c.code}
            )
        if _decimal(c.schaal_max, f"Het schaalmaximum van {c.code}") <= 0:
            raise ValueError(
                _("Het schaalmaximum van criterium %(code)s moet groter dan nul zijn.")
                % {"code": c.code}
            )


def _valideer_inschrijvingen(inschrijvingen: Sequence[Inschrijving], *, prijs: bool) -> None:
    if not inschrijvingen:
        raise ValueError(_("Er zijn geen inschrijvingen om te rangschikken."))
    namen = [i.inschrijver for i in inschrijvingen]
    if len(set(namen)) != len(namen):
        raise ValueError(_("Elke inschrijver mag maar één keer voorkomen."))
    if not prijs:
        return
    for i in inschrijvingen:
        if i.prijs is None:
            raise ValueError(
                _("Inschrijving van %(naam)s heeft geen prijs.") % {"naam": i.inschrijver}
            )
        bedrag = _decimal(i.prijs, f"De prijs van {i.inschrijver}")
        if bedrag == 0:
            raise ValueError(
                _(
                    "De prijs van %(naam)s is 0. Een prijs van nul kan niet worden beoordeeld "
                    "(deling door nul) en wijst op een onvolledige of abnormaal lage inschrijving; "
                    "verifieer de inschrijving voordat u rangschikt."
                )
                % {"naam": i.inschrijver}
            )
        if bedrag < 0:
            raise ValueError(
                _("De prijs van %(naam)s is negatief (%(prijs)s); een prijs moet positief zijn.")
                % {"naam": i.inschrijver, "prijs": _toon(bedrag)}
            )


def _kwaliteit(criteria: Sequence[Criterium], tussenstand: _Tussenstand) -> None:
    """Quality points of one bidder: per criterion score / scale max × weight, then the sum."""
    inschrijving = tussenstand.inschrijving
    onbekend = set(inschrijving.scores) - {c.code for c in criteria}
    if onbekend:
        raise ValueError(
            _("Inschrijving van %(naam)s heeft scores op onbekende criteria: %(codes)s.")
            % {"naam": inschrijving.inschrijver, "codes": ", ".join(sorted(onbekend))}
        )
    delen = []
    for c in criteria:
        if c.code not in inschrijving.scores:
            raise ValueError(
                _("Inschrijving van %(naam)s heeft geen score op criterium %(code)s.")
                % {"naam": inschrijving.inschrijver, "code": c.code}
            )
        score = _decimal(inschrijving.scores[c.code], f"De score van {inschrijving.inschrijver}")
        if not 0 <= score <= c.schaal_max:
            raise ValueError(
                _(
                    "De score %(score)s van %(naam)s op %(code)s ligt buiten de schaal "
                    "0 tot en met %(max)s."
                )
                % {
                    "score": _toon(score),
                    "naam": inschrijving.inschrijver,
                    "code": c.code,
                    "max": _toon(c.schaal_max),
                }
            )
        punten = score / c.schaal_max * c.weging
        delen.append(punten)
        tussenstand.stappen.append(
            Stap(
                f"{c.naam}: score / schaalmaximum × weging",
                f"{_toon(score)} / {_toon(c.schaal_max)} × {_toon(c.weging)} = {_toon(punten)}",
                punten,
            )
        )
    totaal = sum(delen, Decimal(0))
    tussenstand.kwaliteit = totaal
    tussenstand.stappen.append(
        Stap(
            "Kwaliteitspunten: som van de criteria",
            " + ".join(_toon(d) for d in delen) + f" = {_toon(totaal)}",
            totaal,
        )
    )


# --- the tie rule -----------------------------------------------------------------------------


def draw_lots(deelnemers: Sequence[str], seed: str) -> Loting:
    """The lot: order by SHA-256 of ``"<seed>|<inschrijver>"`` (hex, ascending)."""
    if not seed:
        raise ValueError(
            _(
                "Er is een loting nodig tussen %(namen)s, maar er is geen lotingswaarde "
                "opgegeven. Leg de lotingswaarde vast (bijvoorbeeld door de notaris) en "
                "rangschik opnieuw."
            )
            % {"namen": ", ".join(deelnemers)}
        )
    trekkingen = sorted(
        ((naam, hashlib.sha256(f"{seed}|{naam}".encode()).hexdigest()) for naam in deelnemers),
        key=lambda t: (t[1], t[0]),
    )
    return Loting(seed, tuple(trekkingen), tuple(naam for naam, _hash in trekkingen))


def break_tie(
    kandidaten: Sequence[Kandidaat], loting_seed: str | None = None
) -> tuple[list[tuple[str, Beslissing]], list[Loting]]:
    """Order bidders with the same outcome: higher quality points first; still equal: a lot.

    Returns the order as ``(inschrijver, what decided)`` and the lots drawn.
    """
    if len(kandidaten) == 1:
        return [(kandidaten[0].inschrijver, Beslissing.UITKOMST)], []
    volgorde: list[tuple[str, Beslissing]] = []
    lotingen: list[Loting] = []
    gesorteerd = sorted(kandidaten, key=lambda k: k.kwaliteitspunten, reverse=True)
    groepen = [list(g) for _k, g in groupby(gesorteerd, key=lambda k: k.kwaliteitspunten)]
    for groep in groepen:
        if len(groep) == 1:
            volgorde.append((groep[0].inschrijver, Beslissing.KWALITEIT))
            continue
        loting = draw_lots([k.inschrijver for k in groep], loting_seed or "")
        lotingen.append(loting)
        volgorde.extend((naam, Beslissing.LOTING) for naam in loting.volgorde)
    return volgorde, lotingen


def _rangschik(
    methode: Methode,
    tussenstanden: list[_Tussenstand],
    *,
    hoogste_wint: bool,
    loting_seed: str | None,
    stappen: Sequence[Stap] = (),
) -> Rangschikking:
    kandidaten = {
        t.inschrijving.inschrijver: Kandidaat(
            t.inschrijving.inschrijver, _rond(t.waarde), _rond(t.kwaliteit)
        )
        for t in tussenstanden
    }
    per_naam = {t.inschrijving.inschrijver: t for t in tussenstanden}
    gesorteerd = sorted(kandidaten.values(), key=lambda k: k.waarde, reverse=hoogste_wint)
    uitslagen: list[Uitslag] = []
    lotingen: list[Loting] = []
    for _waarde, groep in groupby(gesorteerd, key=lambda k: k.waarde):
        volgorde, loten = break_tie(list(groep), loting_seed)
        lotingen.extend(loten)
        for naam, beslissing in volgorde:
            kandidaat = kandidaten[naam]
            t = per_naam[naam]
            uitslagen.append(
                Uitslag(
                    inschrijver=naam,
                    rang=len(uitslagen) + 1,
                    waarde=kandidaat.waarde,
                    kwaliteitspunten=kandidaat.kwaliteitspunten,
                    prijs=t.inschrijving.prijs,
                    stappen=(
                        *t.stappen,
                        Stap(
                            f"Afgerond op {DECIMALEN} decimalen (half naar boven)",
                            f"{_toon(t.waarde)} → " + f"{kandidaat.waarde:f}".replace(".", ","),
                            kandidaat.waarde,
                        ),
                    ),
                    beslist_door=beslissing,
                )
            )
    return Rangschikking(methode, hoogste_wint, tuple(uitslagen), tuple(stappen), tuple(lotingen))


def _met_context(functie: Callable[..., Rangschikking]) -> Callable[..., Rangschikking]:
    def wrapper(*args, **kwargs) -> Rangschikking:
        with localcontext() as context:
            context.prec = _PRECISIE
            context.rounding = ROUND_HALF_UP
            return functie(*args, **kwargs)

    wrapper.__name__ = functie.__name__
    wrapper.__doc__ = functie.__doc__
    return wrapper


# --- the methods ------------------------------------------------------------------------------


@_met_context
def rank_by_quality(
    criteria: Sequence[Criterium],
    inschrijvingen: Sequence[Inschrijving],
    *,
    loting_seed: str | None = None,
) -> Rangschikking:
    """Quality only: highest quality points win."""
    _valideer_criteria(criteria)
    _valideer_inschrijvingen(inschrijvingen, prijs=False)
    tussenstanden = [_Tussenstand(i) for i in inschrijvingen]
    for t in tussenstanden:
        _kwaliteit(criteria, t)
        t.waarde = t.kwaliteit
    return _rangschik(Methode.KWALITEIT, tussenstanden, hoogste_wint=True, loting_seed=loting_seed)


@_met_context
def rank_by_value(
    criteria: Sequence[Criterium],
    inschrijvingen: Sequence[Inschrijving],
    *,
    waarde_per_punt: Decimal,
    loting_seed: str | None = None,
) -> Rangschikking:
    """Gunnen op waarde: fictitious price = price − quality points × value per point; lowest
    wins. A fictitious price below zero is possible and simply ranks first."""
    _valideer_criteria(criteria)
    _valideer_inschrijvingen(inschrijvingen, prijs=True)
    per_punt = _decimal(waarde_per_punt, "De waarde per kwaliteitspunt")
    if per_punt < 0:
        raise ValueError(_("De waarde per kwaliteitspunt mag niet negatief zijn."))
    tussenstanden = [_Tussenstand(i) for i in inschrijvingen]
    for t in tussenstanden:
        _kwaliteit(criteria, t)
        prijs = Decimal(t.inschrijving.prijs)
        korting = t.kwaliteit * per_punt
        t.stappen.append(
            Stap(
                "Fictieve korting: kwaliteitspunten × waarde per punt",
                f"{_toon(t.kwaliteit)} × {_toon(per_punt)} = {_toon(korting)}",
                korting,
            )
        )
        t.waarde = prijs - korting
        t.stappen.append(
            Stap(
                "Fictieve prijs: prijs − fictieve korting",
                f"{_toon(prijs)} − {_toon(korting)} = {_toon(t.waarde)}",
                t.waarde,
            )
        )
    return _rangschik(Methode.WAARDE, tussenstanden, hoogste_wint=False, loting_seed=loting_seed)


@_met_context
def rank_relative(
    criteria: Sequence[Criterium],
    inschrijvingen: Sequence[Inschrijving],
    *,
    max_prijspunten: Decimal,
    max_kwaliteitspunten: Decimal,
    loting_seed: str | None = None,
) -> Rangschikking:
    """Relative scoring: price points = lowest price / price × max; quality relative to the best
    = quality / best quality × max (0 for everyone when the best quality is 0); highest total
    wins."""
    _valideer_criteria(criteria)
    _valideer_inschrijvingen(inschrijvingen, prijs=True)
    max_prijs = _decimal(max_prijspunten, "Het maximum aantal prijspunten")
    max_kwaliteit = _decimal(max_kwaliteitspunten, "Het maximum aantal kwaliteitspunten")
    if max_prijs < 0 or max_kwaliteit < 0 or max_prijs + max_kwaliteit == 0:
        raise ValueError(
            _("De maximale prijs- en kwaliteitspunten mogen niet negatief zijn en niet beide nul.")
        )
    tussenstanden = [_Tussenstand(i) for i in inschrijvingen]
    for t in tussenstanden:
        _kwaliteit(criteria, t)
    laagste = min(Decimal(i.prijs) for i in inschrijvingen)
    beste = max(t.kwaliteit for t in tussenstanden)
    gedeeld = (
        Stap("Laagste prijs van alle inschrijvingen", _toon(laagste), laagste),
        Stap("Hoogste kwaliteitspunten van alle inschrijvingen", _toon(beste), beste),
    )
    for t in tussenstanden:
        prijs = Decimal(t.inschrijving.prijs)
        prijspunten = laagste / prijs * max_prijs
        t.stappen.append(
            Stap(
                "Prijspunten: laagste prijs / prijs × maximum prijspunten",
                f"{_toon(laagste)} / {_toon(prijs)} × {_toon(max_prijs)} = {_toon(prijspunten)}",
                prijspunten,
            )
        )
        if beste == 0:
            relatief = Decimal(0)
            berekening = _("hoogste kwaliteit is 0: iedereen 0")
        else:
            relatief = t.kwaliteit / beste * max_kwaliteit
            berekening = (
                f"{_toon(t.kwaliteit)} / {_toon(beste)} × {_toon(max_kwaliteit)} "
                f"= {_toon(relatief)}"
            )
        t.stappen.append(
            Stap(
                "Relatieve kwaliteitspunten: kwaliteit / beste kwaliteit × maximum",
                berekening,
                relatief,
            )
        )
        t.waarde = prijspunten + relatief
        t.stappen.append(
            Stap(
                "Totaal: prijspunten + relatieve kwaliteitspunten",
                f"{_toon(prijspunten)} + {_toon(relatief)} = {_toon(t.waarde)}",
                t.waarde,
            )
        )
    return _rangschik(
        Methode.RELATIEF,
        tussenstanden,
        hoogste_wint=True,
        loting_seed=loting_seed,
        stappen=gedeeld,
    )
