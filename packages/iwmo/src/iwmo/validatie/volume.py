"""The maximum volume a toewijzing allows in a period (TR321, TR322), as IV077 computes it.

Pure functions on dates and the Omvang of a toewijzing (Volume, Eenheid WJ756, Frequentie
WMO757), so the steps can be shown and tested on their own:

- per dag (1): the number of days of the period within the toewijzing, times the Volume;
- per week (2): inspanningsgericht the number of calendar weeks (ISO week numbers) the period
  touches within the toewijzing, times the Volume; for Productcategorie 01 (huishoudelijke
  hulp) six times the Volume per month period (IV077). Outputgericht the number of Sundays in
  the period within the toewijzing, plus one week when the toewijzing's last Sunday lies in it
  and the Einddatum is not a Sunday;
- per maand (4): the number of calendar months the period touches, times the Volume;
- totaal binnen geldigheidsduur (6): the Volume itself.

Hours assigned may be claimed in minutes (IV081): the maximum is then in minutes.
"""

from __future__ import annotations

from datetime import date, timedelta

PER_DAG, PER_WEEK, PER_MAAND, TOTAAL = "1", "2", "4", "6"
UUR, MINUUT = "04", "01"
HUISHOUDELIJKE_HULP = "01"


def _binnen(begin: date, eind: date, t_begin: date, t_eind: date | None) -> tuple[date, date]:
    """The part of begin–eind within the toewijzing (begin > eind when they do not overlap)."""
    return max(begin, t_begin), min(eind, t_eind) if t_eind is not None else eind


def kalenderweken(begin: date, eind: date) -> int:
    """The number of ISO calendar weeks from ``begin`` to ``eind`` (both included)."""
    if begin > eind:
        return 0
    maandag_begin = begin - timedelta(days=begin.weekday())
    maandag_eind = eind - timedelta(days=eind.weekday())
    return (maandag_eind - maandag_begin).days // 7 + 1


def zondagen(begin: date, eind: date) -> int:
    """The number of Sundays from ``begin`` to ``eind`` (both included)."""
    if begin > eind:
        return 0
    eerste = begin + timedelta(days=(6 - begin.weekday()) % 7)
    return 0 if eerste > eind else (eind - eerste).days // 7 + 1


def kalendermaanden(begin: date, eind: date) -> int:
    if begin > eind:
        return 0
    return (eind.year - begin.year) * 12 + eind.month - begin.month + 1


def maximaal_volume(
    *,
    volume: int,
    frequentie: str,
    categorie: str | None,
    t_begin: date,
    t_eind: date | None,
    begin: date,
    eind: date,
    outputgericht: bool = False,
) -> int | None:
    """The maximum volume (in the toewijzing's Eenheid) of a Prestatie for ``begin``–``eind``.

    ``None`` when the frequency is unknown (not checked).
    """
    van, tot = _binnen(begin, eind, t_begin, t_eind)
    if frequentie == TOTAAL:
        return volume
    if frequentie == PER_DAG:
        return volume * max(0, (tot - van).days + 1)
    if frequentie == PER_MAAND:
        return volume * kalendermaanden(van, tot)
    if frequentie == PER_WEEK:
        if outputgericht:
            weken = zondagen(van, tot)
            if t_eind is not None and t_eind.weekday() != 6:
                laatste_zondag = t_eind - timedelta(days=(t_eind.weekday() + 1) % 7)
                if van <= laatste_zondag <= tot or (
                    laatste_zondag < t_begin and van <= t_eind <= tot
                ):
                    weken += 1
            return volume * weken
        if categorie == HUISHOUDELIJKE_HULP:
            return volume * 6 * kalendermaanden(van, tot)
        return volume * kalenderweken(van, tot)
    return None


def maximaal_over_toewijzing(
    *,
    volume: int,
    frequentie: str,
    categorie: str | None,
    t_begin: date,
    t_eind: date | None,
    outputgericht: bool = False,
) -> int | None:
    """The maximum volume over the whole toewijzing (TR322); ``None`` without an end (open)."""
    if frequentie == TOTAAL:
        return volume
    if t_eind is None:
        return None
    if frequentie == PER_WEEK:
        if outputgericht:
            weken = zondagen(t_begin, t_eind) + (1 if t_eind.weekday() != 6 else 0)
            return volume * weken
        return volume * kalenderweken(t_begin, t_eind)  # also huishoudelijke hulp (IV077)
    return maximaal_volume(
        volume=volume, frequentie=frequentie, categorie=categorie, t_begin=t_begin,
        t_eind=t_eind, begin=t_begin, eind=t_eind, outputgericht=outputgericht,
    )  # fmt: skip


def omrekenfactor(eenheid: str, t_eenheid: str) -> int | None:
    """How many claimed units make one assigned unit (1, or 60 for hours claimed in minutes)."""
    if eenheid == t_eenheid:
        return 1
    if (t_eenheid, eenheid) == (UUR, MINUUT):
        return 60
    return None
