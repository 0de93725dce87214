"""CBS-comparable figures in the way of the Gemeentelijke Monitor Sociaal Domein (Wmo part).

The unit is a client with a maatwerk provision (every product here is one) on at least one day
of a half year, counted at the municipality responsible for the referral. Per 1,000 inhabitants
uses the inhabitants on 1 January of that year. Provisions per client counts the different
products a client had in the half year (1 … 6 or more). Age is taken on the last day of the half
year, in the CBS bands. Households are not counted: wmoregie does not hold household data.

Worked example (tests/test_cijfers_cbs.py): in 2026-1 Amersfoort (158,000 inhabitants) has
163 clients, 150 with one product, 13 with two: 1.08 provisions per client, 1 per 1,000.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .feiten import Periode, TrajectFeit
from .onderdrukking import Cel, Onderdrukking

HALFJAAR = re.compile(r"^(?P<jaar>20\d\d)-(?P<helft>[12])$")

LEEFTIJDSKLASSEN: tuple[tuple[str, int, int | None], ...] = (
    ("jonger dan 18 jaar", 0, 17),
    ("18 tot 65 jaar", 18, 64),
    ("65 tot 75 jaar", 65, 74),
    ("75 jaar of ouder", 75, None),
)
GESLACHTEN = {"1": "man", "2": "vrouw", "0": "onbekend"}
AANTAL_VOORZIENINGEN = ("1", "2", "3", "4", "5", "6 of meer")


def halfjaar(tekst: str) -> Periode | None:
    """ "2026-1" → 1 January to 30 June 2026; "2026-2" → 1 July to 31 December; else None."""
    match = HALFJAAR.match(tekst or "")
    if match is None:
        return None
    jaar = int(match["jaar"])
    if match["helft"] == "1":
        return Periode(date(jaar, 1, 1), date(jaar, 6, 30))
    return Periode(date(jaar, 7, 1), date(jaar, 12, 31))


def leeftijd(geboortedatum: date, op: date) -> int:
    return (
        op.year
        - geboortedatum.year
        - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    )


def leeftijdsklasse(geboortedatum: date | None, op: date) -> str:
    if geboortedatum is None:
        return "onbekend"
    jaren = leeftijd(geboortedatum, op)
    for naam, van, tot in LEEFTIJDSKLASSEN:
        if jaren >= van and (tot is None or jaren <= tot):
            return naam
    return "onbekend"


@dataclass(frozen=True)
class Uitsplitsing:
    titel: str
    rijen: list[tuple[str, int]]  # (label, count), unpublished


@dataclass(frozen=True)
class CbsCijfers:
    gebied: str  # municipality code, or "regio"
    periode: Periode
    inwoners: int | None
    clienten: int
    voorzieningen: int  # (client, product) pairs
    uitsplitsingen: list[Uitsplitsing] = field(default_factory=list)

    @property
    def voorzieningen_per_client(self) -> float | None:
        return round(self.voorzieningen / self.clienten, 2) if self.clienten else None


def bereken(
    gebied: str, feiten: Iterable[TrajectFeit], periode: Periode, inwoners: int | None
) -> CbsCijfers:
    actief = [f for f in feiten if f.actief_in(periode)]
    producten_per_client: dict[int, set[str]] = {}
    persoon: dict[int, TrajectFeit] = {}
    for f in actief:
        producten_per_client.setdefault(f.client, set()).add(f.product)
        persoon.setdefault(f.client, f)
    clienten = len(producten_per_client)
    per_product = Counter(p for producten in producten_per_client.values() for p in producten)
    per_aantal = Counter(
        AANTAL_VOORZIENINGEN[min(len(p), 6) - 1] for p in producten_per_client.values()
    )
    per_leeftijd = Counter(
        leeftijdsklasse(persoon[c].geboortedatum, periode.tot) for c in producten_per_client
    )
    per_geslacht = Counter(GESLACHTEN.get(persoon[c].geslacht, "onbekend") for c in persoon)
    leeftijden = [naam for naam, _v, _t in LEEFTIJDSKLASSEN]
    if per_leeftijd.get("onbekend"):
        leeftijden.append("onbekend")
    return CbsCijfers(
        gebied=gebied,
        periode=periode,
        inwoners=inwoners,
        clienten=clienten,
        voorzieningen=sum(per_product.values()),
        uitsplitsingen=[
            Uitsplitsing(
                "Aantal maatwerkvoorzieningen per cliënt",
                [(a, per_aantal.get(a, 0)) for a in AANTAL_VOORZIENINGEN],
            ),
            Uitsplitsing("Per product", sorted(per_product.items())),
            Uitsplitsing("Per leeftijdsklasse", [(k, per_leeftijd.get(k, 0)) for k in leeftijden]),
            Uitsplitsing(
                "Per geslacht", [(g, per_geslacht.get(g, 0)) for g in ("man", "vrouw", "onbekend")]
            ),
        ],
    )


@dataclass(frozen=True)
class Gepubliceerd:
    """The figures as they may leave the region: "." for suppressed cells."""

    gebied: str
    halfjaar: str
    inwoners: int | None
    clienten: Cel
    clienten_per_1000: Cel | None
    voorzieningen_per_client: float | str | None
    uitsplitsingen: list[tuple[str, list[tuple[str, Cel, Cel | None]]]]
    drempel: int
    afronding: int


def publiceer(cijfers: CbsCijfers, halfjaar_tekst: str, regel: Onderdrukking) -> Gepubliceerd:
    clienten = regel.cel(cijfers.clienten)
    uitsplitsingen = []
    for u in cijfers.uitsplitsingen:
        cellen = regel.reeks([n for _label, n in u.rijen])
        uitsplitsingen.append(
            (
                u.titel,
                [
                    (label, cel, regel.per_duizend(n, cijfers.inwoners, cel))
                    for (label, n), cel in zip(u.rijen, cellen, strict=True)
                ],
            )
        )
    return Gepubliceerd(
        gebied=cijfers.gebied,
        halfjaar=halfjaar_tekst,
        inwoners=cijfers.inwoners,
        clienten=clienten,
        clienten_per_1000=regel.per_duizend(cijfers.clienten, cijfers.inwoners, clienten),
        voorzieningen_per_client=("." if clienten == "." else cijfers.voorzieningen_per_client),
        uitsplitsingen=uitsplitsingen,
        drempel=regel.drempel,
        afronding=regel.afronding,
    )
