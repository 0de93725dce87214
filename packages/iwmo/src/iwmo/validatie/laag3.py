"""Layer 3: rules across messages (berichtoverstijgend), checked against a history store.

The validator does not keep state itself. It asks a :class:`Historie` (a small protocol) what
was received and accepted before; :class:`GeheugenHistorie` is the in-memory implementation of
the library, the Django exchange has its own on the database. After a message has been accepted,
:func:`registreer` writes its facts into the store, so the next message is checked against it.

Every rule has its official code (TR…) and, through :data:`~iwmo.retour.RETOURCODES`,
the retourcode of WJ001. One rule of our own has no official code: ``VARIANT`` (a message that
the uitvoeringsvariant of the lot does not use, or a ToewijzingNummer in a taakgerichte
start/stop).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from ..berichten import wmo301, wmo305, wmo307, wmo315, wmo317, wmo319, wmo323
from ..berichten.basis import Product
from .bevinding import Finding
from .regels import _productregels as productregels
from .variant import Variant

Uitkomst = Iterable[tuple[str, str]]


BERICHTEN_PER_VARIANT: dict[Variant, frozenset[str]] = {
    Variant.INSPANNINGSGERICHT: frozenset(
        {"wmo301", "wmo305", "wmo307", "wmo315", "wmo317", "wmo319", "wmo323"}
    ),
    Variant.OUTPUTGERICHT: frozenset(
        {"wmo301", "wmo305", "wmo307", "wmo315", "wmo317", "wmo319", "wmo323"}
    ),
    # Nothing is assigned per client: only the optional start and stop, without ToewijzingNummer.
    Variant.TAAKGERICHT: frozenset({"wmo305", "wmo307"}),
}

EENHEDEN_PER_VARIANT: dict[Variant, dict[str, str]] = {
    # the toewijzingsvarianten of the standard: the units of a specific toewijzing per variant
    Variant.INSPANNINGSGERICHT: {
        "01": "minuut", "04": "uur", "14": "etmaal", "16": "dagdeel", "84": "stuks (inspanning)",
    },
    Variant.OUTPUTGERICHT: {"82": "stuks (output)", "83": "euro's"},
}  # fmt: skip
"""Eenheid (WJ756) -> its name, for the variants that assign per client. Which frequencies go
with a unit is an in-message rule (CS338/CS343), the Einddatum with a week or a budget too
(CD075/CD076)."""


# --- facts in the history ----------------------------------------------------------------------


@dataclass(frozen=True)
class Toewijzing:
    """An assigned product as the last accepted 301 described it."""

    gemeente: str
    nummer: int
    aanbieder: str
    bsn: str
    categorie: str | None
    code: str | None
    ingangsdatum: date
    einddatum: date | None = None
    referentie_aanbieder: str | None = None
    reden_wijziging: str | None = None
    eenheid: str | None = None
    """The Eenheid of its Omvang (a specific toewijzing); ``None`` for aspecifiek or generiek."""
    volume: int | None = None
    frequentie: str | None = None
    """Volume and Frequentie of its Omvang (TR321/TR322); ``None`` without Omvang."""
    budget: int | None = None
    """The Budget in eurocent (TR369); ``None`` without."""


class VerzoekStatus(StrEnum):
    OPEN = "open"  # sent, no 301 and no refusing 319 yet (TR374: onderhanden)
    IN_ONDERZOEK = "in-onderzoek"  # a 319 with VerzoekAntwoord 2: still open
    AFGEWEZEN = "afgewezen"  # a 319 with VerzoekAntwoord 1
    TOEGEWEZEN = "toegewezen"  # a 301 with this ReferentieAanbieder


@dataclass(frozen=True)
class Verzoek:
    """A request (315 product or 317) by its ReferentieAanbieder, and how it was answered."""

    gemeente: str
    aanbieder: str
    bsn: str
    referentie: str
    status: VerzoekStatus = VerzoekStatus.OPEN
    antwoorden: tuple[str, ...] = ()
    """The VerzoekAntwoord of every 319 on it, in order (TR360/TR365)."""

    @property
    def onderhanden(self) -> bool:
        return self.status in (VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK)


@dataclass(frozen=True)
class Gedeclareerd:
    """An approved Prestatie of a claim (323), debet or credit, by its ReferentieNummer."""

    gemeente: str
    aanbieder: str
    bsn: str
    referentienummer: str
    toewijzing_nummer: int
    categorie: str
    code: str
    begindatum: date
    einddatum: date
    volume: int
    eenheid: str
    bedrag: int
    debet_credit: str
    vorig_referentienummer: str | None = None
    gecrediteerd: bool = False
    """A debet that an approved credit Prestatie cancelled (TR385, TR389, TR390)."""

    @property
    def debet(self) -> bool:
        return self.debet_credit == "D"


class LeveringStatus(StrEnum):
    ACTUEEL = "actueel"  # started, not stopped
    GESTOPT = "gestopt"
    VERWIJDERD = "verwijderd"  # the start was withdrawn (StatusAanlevering 3)


@dataclass(frozen=True)
class Levering:
    """A delivery reported with a 305 (and possibly stopped with a 307)."""

    gemeente: str
    aanbieder: str
    bsn: str
    toewijzing_nummer: int | None
    categorie: str | None
    code: str | None
    begindatum: date
    status: LeveringStatus = LeveringStatus.ACTUEEL
    einddatum: date | None = None
    reden_beeindiging: str | None = None

    @property
    def sleutel(self) -> tuple:
        return _leveringsleutel(
            self.gemeente, self.aanbieder, self.bsn, self.toewijzing_nummer,
            self.categorie, self.code, self.begindatum,
        )  # fmt: skip


def _leveringsleutel(gemeente, aanbieder, bsn, nummer, categorie, code, begindatum) -> tuple:
    # With a ToewijzingNummer the product is known from the toewijzing; without it (taakgericht)
    # the product identifies the delivery.
    if nummer is not None:
        return (gemeente, aanbieder, bsn, nummer, None, None, begindatum)
    return (gemeente, aanbieder, bsn, None, categorie, code, begindatum)


class Historie(Protocol):
    """What layer 3 needs to know about earlier, accepted messages (and how to add to it).

    A store may also have ``voorbereiden(bericht)``: it is called before the rules run, so a
    database store can fetch everything one message needs in one query.
    """

    def bericht_bekend(self, bericht: str, afzender: str, identificatie: str) -> bool: ...
    def toewijzing(self, gemeente: str, nummer: int) -> Toewijzing | None: ...
    def toewijzingen(self, gemeente: str, aanbieder: str, bsn: str) -> list[Toewijzing]: ...
    def leveringen(self, gemeente: str, aanbieder: str, bsn: str) -> list[Levering]: ...
    def referentie_bekend(self, aanbieder: str, referentie: str) -> bool: ...
    def declaratie_bekend(self, aanbieder: str, nummer: str) -> bool: ...
    def prestatie_bekend(self, aanbieder: str, referentienummer: str) -> bool: ...
    def prestatie(self, aanbieder: str, referentienummer: str) -> Gedeclareerd | None: ...
    def prestaties(self, gemeente: str, aanbieder: str, bsn: str) -> list[Gedeclareerd]: ...
    def verzoek(self, aanbieder: str, referentie: str) -> Verzoek | None: ...
    def verzoeken(self, gemeente: str, aanbieder: str, bsn: str) -> list[Verzoek]: ...

    def bewaar_bericht(self, bericht: str, afzender: str, identificatie: str) -> None: ...
    def bewaar_toewijzing(self, toewijzing: Toewijzing) -> None: ...
    def bewaar_levering(self, levering: Levering) -> None: ...
    def bewaar_referentie(self, aanbieder: str, referentie: str) -> None: ...
    def bewaar_declaratie(self, aanbieder: str, nummer: str) -> None: ...
    def bewaar_prestatie(self, aanbieder: str, referentienummer: str) -> None: ...
    def bewaar_gedeclareerd(self, prestatie: Gedeclareerd) -> None: ...
    def bewaar_verzoek(self, verzoek: Verzoek) -> None: ...


class Contractgegevens(Protocol):
    """Optional questions of a :class:`Historie` about the contract data of the region (checked
    only when the store has them; ``None`` means "not known": the rule stays silent).

    The library has no contracts: the Django side answers them from contracten and catalogi.
    """

    def contracttarief(
        self, gemeente: str, aanbieder: str, categorie: str, code: str, eenheid: str, datum: date
    ) -> int | None:
        """The agreed tariff in eurocent per ``eenheid`` of a product on ``datum`` (TR418)."""
        ...

    def productcodes(self, gemeente: str) -> frozenset[tuple[str, str]] | None:
        """(ProductCategorie, ProductCode) of the region's catalogue for a gemeente (TR381)."""
        ...


class GeheugenHistorie:
    """In-memory :class:`Historie` (tests, the CLI, a single batch)."""

    def __init__(self) -> None:
        self._berichten: set[tuple[str, str, str]] = set()
        self._toewijzingen: dict[tuple[str, int], Toewijzing] = {}
        self._leveringen: dict[tuple, Levering] = {}
        self._referenties: set[tuple[str, str]] = set()
        self._declaraties: set[tuple[str, str]] = set()
        self._prestaties: set[tuple[str, str]] = set()
        self._gedeclareerd: dict[tuple[str, str], Gedeclareerd] = {}
        self._verzoeken: dict[tuple[str, str], Verzoek] = {}
        self._tarieven: dict[tuple[str, str, str, str, str], list[tuple[date, date | None, int]]]
        self._tarieven = {}
        self._productcodes: dict[str, frozenset[tuple[str, str]]] = {}

    def bericht_bekend(self, bericht: str, afzender: str, identificatie: str) -> bool:
        return (bericht, afzender, identificatie) in self._berichten

    def toewijzing(self, gemeente: str, nummer: int) -> Toewijzing | None:
        return self._toewijzingen.get((gemeente, nummer))

    def toewijzingen(self, gemeente: str, aanbieder: str, bsn: str) -> list[Toewijzing]:
        return [
            t
            for t in self._toewijzingen.values()
            if (t.gemeente, t.aanbieder, t.bsn) == (gemeente, aanbieder, bsn)
        ]

    def leveringen(self, gemeente: str, aanbieder: str, bsn: str) -> list[Levering]:
        return [
            lev
            for lev in self._leveringen.values()
            if (lev.gemeente, lev.aanbieder, lev.bsn) == (gemeente, aanbieder, bsn)
        ]

    def referentie_bekend(self, aanbieder: str, referentie: str) -> bool:
        return (aanbieder, referentie) in self._referenties

    def declaratie_bekend(self, aanbieder: str, nummer: str) -> bool:
        return (aanbieder, nummer) in self._declaraties

    def prestatie_bekend(self, aanbieder: str, referentienummer: str) -> bool:
        return (aanbieder, referentienummer) in self._prestaties

    def prestatie(self, aanbieder: str, referentienummer: str) -> Gedeclareerd | None:
        return self._gedeclareerd.get((aanbieder, referentienummer))

    def prestaties(self, gemeente: str, aanbieder: str, bsn: str) -> list[Gedeclareerd]:
        return [
            p
            for p in self._gedeclareerd.values()
            if (p.gemeente, p.aanbieder, p.bsn) == (gemeente, aanbieder, bsn)
        ]

    def verzoek(self, aanbieder: str, referentie: str) -> Verzoek | None:
        return self._verzoeken.get((aanbieder, referentie))

    def verzoeken(self, gemeente: str, aanbieder: str, bsn: str) -> list[Verzoek]:
        return [
            v
            for v in self._verzoeken.values()
            if (v.gemeente, v.aanbieder, v.bsn) == (gemeente, aanbieder, bsn)
        ]

    # contract data (:class:`Contractgegevens`), given by the caller
    def zet_contracttarief(
        self, gemeente: str, aanbieder: str, categorie: str, code: str, eenheid: str,
        bedrag: int, van: date, tot: date | None = None,
    ) -> None:  # fmt: skip
        """Agree a tariff (eurocent per ``eenheid``) from ``van`` to ``tot`` (included)."""
        sleutel = (gemeente, aanbieder, categorie, code, eenheid)
        self._tarieven.setdefault(sleutel, []).append((van, tot, bedrag))

    def contracttarief(
        self, gemeente: str, aanbieder: str, categorie: str, code: str, eenheid: str, datum: date
    ) -> int | None:
        for van, tot, bedrag in self._tarieven.get(
            (gemeente, aanbieder, categorie, code, eenheid), []
        ):
            if van <= datum and (tot is None or datum <= tot):
                return bedrag
        return None

    def zet_productcodes(self, gemeente: str, producten: Iterable[tuple[str, str]]) -> None:
        """The (ProductCategorie, ProductCode) pairs of the region's catalogue (TR381)."""
        self._productcodes[gemeente] = frozenset(producten)

    def productcodes(self, gemeente: str) -> frozenset[tuple[str, str]] | None:
        return self._productcodes.get(gemeente)

    def bewaar_bericht(self, bericht: str, afzender: str, identificatie: str) -> None:
        self._berichten.add((bericht, afzender, identificatie))

    def bewaar_toewijzing(self, toewijzing: Toewijzing) -> None:
        self._toewijzingen[(toewijzing.gemeente, toewijzing.nummer)] = toewijzing

    def bewaar_levering(self, levering: Levering) -> None:
        self._leveringen[levering.sleutel] = levering

    def bewaar_referentie(self, aanbieder: str, referentie: str) -> None:
        self._referenties.add((aanbieder, referentie))

    def bewaar_declaratie(self, aanbieder: str, nummer: str) -> None:
        self._declaraties.add((aanbieder, nummer))

    def bewaar_prestatie(self, aanbieder: str, referentienummer: str) -> None:
        self._prestaties.add((aanbieder, referentienummer))

    def bewaar_gedeclareerd(self, prestatie: Gedeclareerd) -> None:
        self._prestaties.add((prestatie.aanbieder, prestatie.referentienummer))
        self._gedeclareerd[(prestatie.aanbieder, prestatie.referentienummer)] = prestatie

    def bewaar_verzoek(self, verzoek: Verzoek) -> None:
        self._referenties.add((verzoek.aanbieder, verzoek.referentie))
        self._verzoeken[(verzoek.aanbieder, verzoek.referentie)] = verzoek


# --- the rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context3:
    historie: Historie
    variant: Variant


@dataclass(frozen=True)
class Regel3:
    code: str
    berichten: tuple[str, ...]
    omschrijving: str
    controle: Callable[[Any, Context3], Uitkomst]


REGELS3: list[Regel3] = []
ALLE = ("wmo301", "wmo305", "wmo307", "wmo315", "wmo317", "wmo319", "wmo323")


def regel3(code: str, *berichten: str, omschrijving: str):
    def registreer(functie):
        REGELS3.append(Regel3(code, berichten, omschrijving, functie))
        return functie

    return registreer


def controleer_laag3(
    bericht: Any, historie: Historie, *, variant: Variant | str = Variant.INSPANNINGSGERICHT
) -> list[Finding]:
    """All layer-3 findings of a (readable) message model against ``historie``."""
    soort = type(bericht).BERICHT
    context = Context3(historie, Variant(variant))
    voorbereiden = getattr(historie, "voorbereiden", None)
    if voorbereiden is not None:  # optional: a store may fetch what this message needs at once
        voorbereiden(bericht)
    bevindingen: list[Finding] = []
    for item in REGELS3:
        if soort not in item.berichten:
            continue
        try:
            for pad, melding in item.controle(bericht, context):
                bevindingen.append(Finding(item.code, pad, melding))
        except (TypeError, ValueError, AttributeError, OverflowError) as fout:
            bevindingen.append(
                Finding(
                    item.code,
                    "/Bericht",
                    f"Regel {item.code} kon niet worden gecontroleerd: {fout.__class__.__name__}.",
                )
            )
    return bevindingen


def gemeente_en_aanbieder(bericht: Any) -> tuple[str, str]:
    """(gemeente, aanbieder) whatever the direction of the message."""
    h = bericht.header
    if type(bericht).BERICHT in ("wmo301", "wmo319", "wmo325"):
        return h.afzender, h.ontvanger
    return h.ontvanger, h.afzender


H = "/Bericht/Header"
C = "/Bericht/Client"


@regel3(
    "VARIANT", *ALLE, omschrijving="Het bericht past bij de uitvoeringsvariant van het perceel."
)
def variant_berichten(bericht: Any, ctx: Context3) -> Uitkomst:
    soort = type(bericht).BERICHT
    if soort not in BERICHTEN_PER_VARIANT[ctx.variant]:
        yield (
            f"{H}/BerichtCode",
            f"{soort.upper()} wordt niet gebruikt in de uitvoeringsvariant {ctx.variant}.",
        )
    if ctx.variant is Variant.TAAKGERICHT and soort in ("wmo305", "wmo307"):
        for pad, product in _start_stop(bericht):
            if product.toewijzing_nummer is not None:
                yield (
                    f"{pad}/ToewijzingNummer",
                    "Bij de taakgerichte variant hoort een start of stop zonder ToewijzingNummer.",
                )
    eenheden = EENHEDEN_PER_VARIANT.get(ctx.variant)
    if eenheden is not None:
        for pad, eenheid in _eenheden(bericht):
            if eenheid not in eenheden:
                yield (
                    pad,
                    f"Eenheid {eenheid} hoort niet bij de uitvoeringsvariant {ctx.variant} "
                    f"(toegestaan: {', '.join(f'{c} {naam}' for c, naam in eenheden.items())}).",
                )


def _eenheden(bericht: Any) -> Iterator[tuple[str, str]]:
    """(path, Eenheid) of every Omvang of a product line and of every Prestatie."""
    if isinstance(bericht, wmo323.Wmo323Bericht):
        for pad, _bsn, prestatie in _prestaties(bericht):
            yield f"{pad}/Eenheid", prestatie.eenheid
        return
    for regel in productregels(bericht):  # the product lines of a 301, 315 or 317
        if regel.omvang is not None:
            yield f"{regel.pad}/Omvang/Eenheid", regel.omvang.eenheid


@regel3("TR056", *ALLE, omschrijving="Identificatie is per berichtsoort uniek voor de afzender.")
def tr056_identificatie_uniek(bericht: Any, ctx: Context3) -> Uitkomst:
    h = bericht.header
    if ctx.historie.bericht_bekend(
        type(bericht).BERICHT, h.afzender, h.bericht_identificatie.identificatie
    ):
        yield (
            f"{H}/BerichtIdentificatie/Identificatie",
            f"Er is al een {type(bericht).BERICHT.upper()} van {h.afzender} ontvangen met "
            f"Identificatie {h.bericht_identificatie.identificatie!r}.",
        )


def _zelfde_product(t: Toewijzing, product: Product | None) -> bool:
    categorie = product.categorie if product else None
    code = product.code if product else None
    return (t.categorie, t.code) == (categorie, code)


@regel3("TR332", "wmo301", omschrijving="ToewijzingNummer is uniek binnen de gemeente.")
def tr332_toewijzingnummer_uniek(bericht: wmo301.Wmo301Bericht, ctx: Context3) -> Uitkomst:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    for i, tp in enumerate(bericht.client.toegewezen_producten, 1):
        bestaand = ctx.historie.toewijzing(gemeente, tp.toewijzing_nummer)
        if bestaand is None:
            continue
        if (bestaand.aanbieder, bestaand.bsn) != (aanbieder, bericht.client.bsn) or not (
            _zelfde_product(bestaand, tp.product)
        ):
            yield (
                f"{C}/ToegewezenProducten/ToegewezenProduct[{i}]/ToewijzingNummer",
                f"ToewijzingNummer {tp.toewijzing_nummer} is al gebruikt voor een andere "
                "toewijzing (andere client, aanbieder of product).",
            )


@regel3(
    "TR379",
    "wmo301",
    omschrijving="ReferentieAanbieder verwijst naar een verzoek (VOT/VOW) van de aanbieder.",
)
def tr379_referentie_verzoek(bericht: wmo301.Wmo301Bericht, ctx: Context3) -> Uitkomst:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    for i, tp in enumerate(bericht.client.toegewezen_producten, 1):
        if tp.referentie_aanbieder is None:
            continue
        bestaand = ctx.historie.toewijzing(gemeente, tp.toewijzing_nummer)
        if bestaand is not None and bestaand.referentie_aanbieder == tp.referentie_aanbieder:
            continue  # sent before with the same reference: not the first time
        if not ctx.historie.referentie_bekend(aanbieder, tp.referentie_aanbieder):
            yield (
                f"{C}/ToegewezenProducten/ToegewezenProduct[{i}]/ReferentieAanbieder",
                f"ReferentieAanbieder {tp.referentie_aanbieder!r} hoort niet bij een verzoek om "
                "toewijzing of wijziging van deze aanbieder.",
            )


def _start_stop(bericht: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(bericht, wmo305.Wmo305Bericht):
        for i, sp in enumerate(bericht.client.start_producten, 1):
            yield f"{C}/StartProducten/StartProduct[{i}]", sp
    elif isinstance(bericht, wmo307.Wmo307Bericht):
        for i, sp in enumerate(bericht.client.stop_producten, 1):
            yield f"{C}/StopProducten/StopProduct[{i}]", sp


def _sleutel(bericht: Any, product: Any) -> tuple:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    p = product.product
    return _leveringsleutel(
        gemeente,
        aanbieder,
        bericht.client.bsn,
        product.toewijzing_nummer,
        p.categorie if p else None,
        p.code if p else None,
        product.begindatum,
    )


def _levering(bericht: Any, product: Any, ctx: Context3) -> Levering | None:
    return _levering_in(ctx.historie, bericht, product)


@regel3(
    "TR019",
    "wmo305",
    "wmo307",
    omschrijving="Start en stop verwijzen (inspannings-/outputgericht) naar een toewijzing.",
)
def tr019_toewijzing_bestaat(bericht: Any, ctx: Context3) -> Uitkomst:
    if ctx.variant is Variant.TAAKGERICHT:
        return
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, product in _start_stop(bericht):
        nummer = product.toewijzing_nummer
        if nummer is None:
            yield (
                f"{pad}/ToewijzingNummer",
                "Bij een inspannings- of outputgerichte werkwijze hoort een ToewijzingNummer.",
            )
            continue
        t = ctx.historie.toewijzing(gemeente, nummer)
        if t is None or (t.aanbieder, t.bsn) != (aanbieder, bericht.client.bsn):
            yield (
                f"{pad}/ToewijzingNummer",
                f"Er is geen toewijzing {nummer} voor deze client bij deze aanbieder.",
            )


@regel3(
    "TR074",
    "wmo305",
    "wmo307",
    omschrijving="Een nieuwe aanlevering heeft een sleutel die nog niet eerder is ontvangen.",
)
def tr074_sleutel_nieuw(bericht: Any, ctx: Context3) -> Uitkomst:
    for pad, product in _start_stop(bericht):
        if product.status_aanlevering != "1":
            continue
        lev = _levering(bericht, product, ctx)
        if lev is None or lev.status is LeveringStatus.VERWIJDERD:
            continue
        # A second stop of the same delivery is TR413/TR414/TR415 (after a temporary stop,
        # RedenBeeindiging 20, a definitive stop may follow).
        if isinstance(bericht, wmo305.Wmo305Bericht):
            yield (pad, "Er is al een aanlevering met dezelfde sleutel ontvangen.")


_TIJDELIJK = "20"
"""RedenBeeindiging 20: levering is tijdelijk beëindigd (WMO588)."""


def _eerdere_stops(
    bericht: wmo307.Wmo307Bericht, ctx: Context3
) -> Iterator[tuple[str, Any, Levering]]:
    """Each new stop (StatusAanlevering 1) of a delivery that was stopped before."""
    for pad, product in _start_stop(bericht):
        if product.status_aanlevering != "1":
            continue
        lev = _levering(bericht, product, ctx)
        if lev is not None and lev.status is LeveringStatus.GESTOPT:
            yield pad, product, lev


@regel3(
    "TR413",
    "wmo307",
    omschrijving="Na een tijdelijke stop (RedenBeeindiging 20) volgt geen tweede tijdelijke stop.",
)
def tr413_niet_twee_keer_tijdelijk(bericht: wmo307.Wmo307Bericht, ctx: Context3) -> Uitkomst:
    for pad, product, lev in _eerdere_stops(bericht, ctx):
        if lev.reden_beeindiging == _TIJDELIJK and product.reden_beeindiging == _TIJDELIJK:
            yield (
                f"{pad}/RedenBeeindiging",
                "Deze levering is al tijdelijk beëindigd; een volgende stop heeft een andere "
                "reden.",
            )


@regel3(
    "TR414",
    "wmo307",
    omschrijving="Een volgende stop eindigt niet vóór de einddatum van de eerdere stop.",
)
def tr414_niet_eerder_dan_vorige_stop(bericht: wmo307.Wmo307Bericht, ctx: Context3) -> Uitkomst:
    for pad, product, lev in _eerdere_stops(bericht, ctx):
        if lev.einddatum is not None and product.einddatum < lev.einddatum:
            yield (
                f"{pad}/Einddatum",
                f"De Einddatum {product.einddatum:%d-%m-%Y} ligt vóór de einddatum van de "
                f"eerdere stop ({lev.einddatum:%d-%m-%Y}).",
            )


@regel3(
    "TR415",
    "wmo307",
    omschrijving="Na een definitieve stop (RedenBeeindiging niet 20) volgt geen nieuwe stop.",
)
def tr415_niet_na_definitieve_stop(bericht: wmo307.Wmo307Bericht, ctx: Context3) -> Uitkomst:
    for pad, _product, lev in _eerdere_stops(bericht, ctx):
        if lev.reden_beeindiging != _TIJDELIJK:
            yield (pad, "Deze levering is al definitief gestopt; er volgt geen nieuwe stop.")


@regel3(
    "TR063",
    "wmo305",
    "wmo307",
    omschrijving="Verwijderen (StatusAanlevering 3) kan alleen een eerder ontvangen aanlevering.",
)
def tr063_eerdere_aanlevering(bericht: Any, ctx: Context3) -> Uitkomst:
    for pad, product in _start_stop(bericht):
        if product.status_aanlevering != "3":
            continue
        lev = _levering(bericht, product, ctx)
        gestopt = lev is not None and lev.status is LeveringStatus.GESTOPT
        if (
            lev is None
            or lev.status is LeveringStatus.VERWIJDERD
            or (isinstance(bericht, wmo307.Wmo307Bericht) and not gestopt)
        ):
            yield (
                f"{pad}/StatusAanlevering",
                "Er is geen eerdere aanlevering met dezelfde sleutel om te verwijderen.",
            )


@regel3(
    "TR071",
    "wmo305",
    omschrijving="Een start kan niet worden verwijderd als de zorg al is beëindigd.",
)
def tr071_start_niet_verwijderen(bericht: wmo305.Wmo305Bericht, ctx: Context3) -> Uitkomst:
    for pad, product in _start_stop(bericht):
        if product.status_aanlevering != "3":
            continue
        lev = _levering(bericht, product, ctx)
        if lev is not None and lev.status is LeveringStatus.GESTOPT:
            yield (f"{pad}/StatusAanlevering", "De zorg is al gestopt; verwijder eerst de stop.")


@regel3(
    "TR326",
    "wmo305",
    omschrijving="Geen nieuwe start zolang er een actuele (niet gestopte) start is.",
)
def tr326_geen_actuele_start(bericht: wmo305.Wmo305Bericht, ctx: Context3) -> Uitkomst:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    leveringen = ctx.historie.leveringen(gemeente, aanbieder, bericht.client.bsn)
    for pad, product in _start_stop(bericht):
        if product.status_aanlevering != "1":
            continue
        sleutel = _sleutel(bericht, product)
        for lev in leveringen:
            # Same toewijzing (or, without one, same product), another begindatum, still running.
            if (
                lev.status is LeveringStatus.ACTUEEL
                and lev.sleutel[:6] == sleutel[:6]
                and lev.begindatum != product.begindatum
            ):
                yield (
                    pad,
                    f"De levering die op {lev.begindatum:%d-%m-%Y} startte is nog niet gestopt.",
                )
                break


@regel3(
    "TR382",
    "wmo307",
    omschrijving="Een stop hoort bij een actuele start met dezelfde sleutel.",
)
def tr382_actuele_start(bericht: wmo307.Wmo307Bericht, ctx: Context3) -> Uitkomst:
    for pad, product in _start_stop(bericht):
        if product.status_aanlevering != "1":
            continue
        lev = _levering(bericht, product, ctx)
        if lev is None or lev.status is LeveringStatus.VERWIJDERD:
            yield (pad, "Er is geen actueel startbericht met dezelfde sleutel.")


def _referenties(bericht: Any) -> Iterator[tuple[str, str]]:
    if isinstance(bericht, wmo315.Wmo315Bericht):
        for i, ap in enumerate(bericht.client.aangevraagde_producten, 1):
            pad = f"{C}/AangevraagdeProducten/AangevraagdProduct[{i}]/ReferentieAanbieder"
            yield pad, ap.referentie_aanbieder
    elif isinstance(bericht, wmo317.Wmo317Bericht):
        yield f"{C}/Verzoek/ReferentieAanbieder", bericht.client.verzoek.referentie_aanbieder


@regel3(
    "TR347",
    "wmo315",
    "wmo317",
    omschrijving="ReferentieAanbieder is uniek voor de aanbieder.",
)
def tr347_referentie_uniek(bericht: Any, ctx: Context3) -> Uitkomst:
    _, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, referentie in _referenties(bericht):
        if ctx.historie.referentie_bekend(aanbieder, referentie):
            yield (pad, f"ReferentieAanbieder {referentie!r} is al eerder gebruikt.")


@regel3(
    "TR355",
    "wmo319",
    omschrijving="ReferentieAanbieder komt voor in een eerder verzoek om toewijzing of wijziging.",
)
def tr355_antwoord_op_bekend_verzoek(bericht: Any, ctx: Context3) -> Uitkomst:
    _, aanbieder = gemeente_en_aanbieder(bericht)
    referentie = bericht.antwoord.referentie_aanbieder
    if not ctx.historie.referentie_bekend(aanbieder, referentie):
        yield (
            "/Bericht/Antwoord/ReferentieAanbieder",
            f"ReferentieAanbieder {referentie!r} hoort bij geen eerder verzoek om toewijzing of "
            "verzoek om wijziging van deze aanbieder.",
        )


_GRENS_2020 = date(2020, 12, 31)
"""After this Einddatum a toewijzing without productcode is aspecifiek/generiek: no Omvang."""


def _actueel(t: Toewijzing, peildatum: date) -> bool:
    """Current (TR349-TR351): not deleted (RedenWijziging 13) and valid on or after the
    peildatum (the Dagtekening), a future ingangsdatum included. RedenWijziging 01 never enters
    the history (CS336 refuses it in 3.2)."""
    return t.reden_wijziging != "13" and (t.einddatum is None or t.einddatum >= peildatum)


@regel3(
    "TR350",
    "wmo317",
    omschrijving="OngewijzigdProduct verwijst naar een actuele toewijzing van de client.",
)
def tr350_ongewijzigd(bericht: wmo317.Wmo317Bericht, ctx: Context3) -> Uitkomst:
    yield from _verwijst_naar_actueel(
        bericht, ctx, "OngewijzigdeProducten/OngewijzigdProduct",
        bericht.client.verzoek.ongewijzigde_producten,
    )  # fmt: skip


@regel3(
    "TR351",
    "wmo317",
    omschrijving="TeWijzigenProduct verwijst naar een actuele toewijzing van de client.",
)
def tr351_te_wijzigen(bericht: wmo317.Wmo317Bericht, ctx: Context3) -> Uitkomst:
    yield from _verwijst_naar_actueel(
        bericht, ctx, "TeWijzigenProducten/TeWijzigenProduct",
        bericht.client.verzoek.te_wijzigen_producten,
    )  # fmt: skip


def _verwijst_naar_actueel(bericht, ctx, pad, producten) -> Uitkomst:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    peildatum = bericht.header.bericht_identificatie.dagtekening
    for i, product in enumerate(producten, 1):
        t = ctx.historie.toewijzing(gemeente, product.toewijzing_nummer)
        if _van_andere_client(t, aanbieder, bericht.client.bsn):
            continue  # TR304 (8187) says what is wrong
        if (
            t is None
            or (t.aanbieder, t.bsn) != (aanbieder, bericht.client.bsn)
            or not _actueel(t, peildatum)
        ):
            yield (
                f"{C}/Verzoek/{pad}[{i}]/ToewijzingNummer",
                f"ToewijzingNummer {product.toewijzing_nummer} is geen actuele toewijzing "
                "van deze client bij deze aanbieder.",
            )


def _overlapt(a_begin: date, a_eind: date | None, b_begin: date, b_eind: date | None) -> bool:
    return (a_eind is None or b_begin <= a_eind) and (b_eind is None or a_begin <= b_eind)


@regel3(
    "TR361",
    "wmo317",
    omschrijving="Een nieuw product overlapt niet met een actuele toewijzing van hetzelfde product.",
)
def tr361_geen_overlap(bericht: wmo317.Wmo317Bericht, ctx: Context3) -> Uitkomst:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    verzoek = bericht.client.verzoek
    gewijzigd = {tw.toewijzing_nummer: tw for tw in verzoek.te_wijzigen_producten}
    bestaand = [
        t
        for t in ctx.historie.toewijzingen(gemeente, aanbieder, bericht.client.bsn)
        if t.reden_wijziging != "13"
    ]
    for i, nieuw in enumerate(verzoek.nieuwe_producten, 1):
        for t in bestaand:
            if nieuw.product is None or t.categorie != nieuw.product.categorie:
                continue
            if nieuw.product.code and t.code and nieuw.product.code != t.code:
                continue
            if nieuw.product.categorie in ("11", "12", "13", "14"):
                continue
            einde = gewijzigd[t.nummer].einddatum if t.nummer in gewijzigd else t.einddatum
            if _overlapt(t.ingangsdatum, einde, nieuw.gewenste_ingangsdatum, nieuw.einddatum):
                yield (
                    f"{C}/Verzoek/NieuweProducten/NieuwProduct[{i}]",
                    f"Het product overlapt met toewijzing {t.nummer} van hetzelfde product.",
                )
                break


def _te_wijzigen(
    bericht: wmo317.Wmo317Bericht, ctx: Context3
) -> Iterator[tuple[str, wmo317.TeWijzigenProduct, Toewijzing]]:
    """Each TeWijzigenProduct with its toewijzing, when that is one of this client at this
    aanbieder (otherwise TR351 reports it). Taakgericht has no toewijzingen (VARIANT)."""
    if ctx.variant is Variant.TAAKGERICHT:
        return
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    for i, product in enumerate(bericht.client.verzoek.te_wijzigen_producten, 1):
        t = ctx.historie.toewijzing(gemeente, product.toewijzing_nummer)
        if t is not None and (t.aanbieder, t.bsn) == (aanbieder, bericht.client.bsn):
            yield f"{C}/Verzoek/TeWijzigenProducten/TeWijzigenProduct[{i}]", product, t


@regel3(
    "TR349",
    "wmo317",
    omschrijving="Het verzoek noemt alle actuele toewijzingen van de client (ongewijzigd of te "
    "wijzigen).",
)
def tr349_alle_actuele_toewijzingen(bericht: wmo317.Wmo317Bericht, ctx: Context3) -> Uitkomst:
    if ctx.variant is Variant.TAAKGERICHT:
        return
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    verzoek = bericht.client.verzoek
    peildatum = bericht.header.bericht_identificatie.dagtekening
    genoemd = {
        p.toewijzing_nummer
        for p in [*verzoek.ongewijzigde_producten, *verzoek.te_wijzigen_producten]
    }
    bestaand = ctx.historie.toewijzingen(gemeente, aanbieder, bericht.client.bsn)
    for t in sorted(bestaand, key=lambda t: t.nummer):
        if _actueel(t, peildatum) and t.nummer not in genoemd:
            yield (
                f"{C}/Verzoek",
                f"Actuele toewijzing {t.nummer} ontbreekt in het verzoek; neem die op als "
                "OngewijzigdProduct of als TeWijzigenProduct.",
            )


@regel3(
    "TR357",
    "wmo317",
    omschrijving="Een wijziging die niet in de toekomst ingaat, gaat in op de ingangsdatum van "
    "de toewijzing.",
)
def tr357_wijziging_hele_looptijd(bericht: wmo317.Wmo317Bericht, ctx: Context3) -> Uitkomst:
    dagtekening = bericht.header.bericht_identificatie.dagtekening
    for pad, product, t in _te_wijzigen(bericht, ctx):
        ingang = product.gewenste_ingangsdatum
        if ingang <= dagtekening and ingang != t.ingangsdatum:
            yield (
                f"{pad}/GewensteIngangsdatum",
                f"GewensteIngangsdatum {ingang:%d-%m-%Y} ligt niet na de Dagtekening: de "
                "wijziging geldt dan voor de hele looptijd, dus GewensteIngangsdatum moet de "
                f"ingangsdatum van toewijzing {t.nummer} zijn ({t.ingangsdatum:%d-%m-%Y}).",
            )


@regel3(
    "TR411",
    "wmo317",
    omschrijving="Heeft de toewijzing een productcode, dan is Omvang verplicht.",
)
def tr411_omvang_bij_code(bericht: wmo317.Wmo317Bericht, ctx: Context3) -> Uitkomst:
    for pad, product, t in _te_wijzigen(bericht, ctx):
        if t.code is not None and product.omvang is None:
            yield (
                f"{pad}/Omvang",
                f"Omvang is verplicht: toewijzing {t.nummer} heeft productcode {t.code}.",
            )


@regel3(
    "TR412",
    "wmo317",
    omschrijving="Heeft de toewijzing geen productcode (na 2020), dan blijft Omvang leeg.",
)
def tr412_geen_omvang_zonder_code(bericht: wmo317.Wmo317Bericht, ctx: Context3) -> Uitkomst:
    for pad, product, t in _te_wijzigen(bericht, ctx):
        if t.code is not None or product.omvang is None:
            continue
        if t.einddatum is None or t.einddatum > _GRENS_2020:
            yield (
                f"{pad}/Omvang",
                f"Omvang moet leeg blijven: toewijzing {t.nummer} heeft geen productcode "
                "(aspecifiek of generiek) en loopt na 31-12-2020.",
            )


def _prestaties(bericht: wmo323.Wmo323Bericht) -> Iterator[tuple[str, str, Any]]:
    for i, client in enumerate(bericht.declaratie.clienten, 1):
        for j, prestatie in enumerate(client.prestaties, 1):
            pad = f"/Bericht/Declaratie/Clienten/Client[{i}]/Prestaties/Prestatie[{j}]"
            yield pad, client.bsn, prestatie


@regel3(
    "TR314",
    "wmo323",
    omschrijving="ReferentieNummer van de Prestatie is uniek voor de aanbieder, ook over berichten.",
)
def tr314_referentienummer_uniek(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    # Within one message TR101 (layer 2) reports a second use; here: an earlier accepted claim.
    _, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, _bsn, prestatie in _prestaties(bericht):
        nummer = prestatie.product_referentie.referentie_nummer
        if ctx.historie.prestatie_bekend(aanbieder, nummer):
            yield (
                f"{pad}/ProductReferentie/ReferentieNummer",
                f"ReferentieNummer {nummer!r} is al gebruikt in een eerdere declaratie.",
            )


@regel3("TR333", "wmo323", omschrijving="DeclaratieNummer is uniek voor de aanbieder.")
def tr333_declaratienummer_uniek(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    _, aanbieder = gemeente_en_aanbieder(bericht)
    nummer = bericht.declaratie.declaratie_nummer
    if ctx.historie.declaratie_bekend(aanbieder, nummer):
        yield (
            "/Bericht/Declaratie/DeclaratieNummer",
            f"DeclaratieNummer {nummer!r} is niet uniek.",
        )


@regel3(
    "TR338",
    "wmo323",
    omschrijving="Iedere prestatie hoort bij een toegewezen product (ToewijzingNummer).",
)
def tr338_prestatie_toewijzing(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, _bsn, prestatie in _prestaties(bericht):
        t = ctx.historie.toewijzing(gemeente, prestatie.toewijzing_nummer)
        if t is None or t.aanbieder != aanbieder:
            yield (
                f"{pad}/ToewijzingNummer",
                f"Er is geen toewijzing {prestatie.toewijzing_nummer} voor deze aanbieder.",
            )


def _van_andere_client(t: Toewijzing | None, aanbieder: str, bsn: str) -> bool:
    return t is not None and t.aanbieder == aanbieder and t.bsn != bsn


@regel3(
    "TR304",
    "wmo317",
    "wmo323",
    "wmo325",
    omschrijving="De toewijzing waarnaar de prestatie of het product verwijst, hoort bij deze client.",
)
def tr304_toewijzing_van_client(bericht: Any, ctx: Context3) -> Uitkomst:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    if type(bericht).BERICHT == "wmo317":
        verzoek = bericht.client.verzoek
        regels = [
            (
                f"{C}/Verzoek/{pad}[{i}]/ToewijzingNummer",
                bericht.client.bsn,
                product.toewijzing_nummer,
            )
            for pad, producten in (
                ("OngewijzigdeProducten/OngewijzigdProduct", verzoek.ongewijzigde_producten),
                ("TeWijzigenProducten/TeWijzigenProduct", verzoek.te_wijzigen_producten),
            )
            for i, product in enumerate(producten, 1)
        ]
    elif type(bericht).BERICHT == "wmo325":
        from .regels325 import prestaties_325

        regels = [(pad, bsn, p.toewijzing_nummer) for pad, bsn, p in prestaties_325(bericht)]
    else:
        regels = [(pad, bsn, p.toewijzing_nummer) for pad, bsn, p in _prestaties(bericht)]
    for pad, bsn, nummer in regels:
        if _van_andere_client(ctx.historie.toewijzing(gemeente, nummer), aanbieder, bsn):
            yield (pad, f"Toewijzing {nummer} hoort bij een andere client.")


def _prestaties_met_toewijzing(
    bericht: wmo323.Wmo323Bericht, ctx: Context3
) -> Iterator[tuple[str, wmo323.Prestatie, Toewijzing]]:
    """Each Prestatie with the toewijzing it claims on, when that is one of this client at this
    aanbieder (otherwise TR338/TR304 report it). Taakgericht has no toewijzingen (VARIANT)."""
    if ctx.variant is Variant.TAAKGERICHT:
        return
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, bsn, prestatie in _prestaties(bericht):
        t = ctx.historie.toewijzing(gemeente, prestatie.toewijzing_nummer)
        if t is not None and (t.aanbieder, t.bsn) == (aanbieder, bsn):
            yield pad, prestatie, t


@regel3(
    "TR307",
    "wmo323",
    omschrijving="De ProductPeriode begint niet vóór de ingangsdatum van de toewijzing.",
)
def tr307_niet_voor_ingang(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        begin = prestatie.product_periode.begindatum
        if begin < t.ingangsdatum:
            yield (
                f"{pad}/ProductPeriode/Begindatum",
                f"De ProductPeriode begint op {begin:%d-%m-%Y}, vóór de ingangsdatum van "
                f"toewijzing {t.nummer} ({t.ingangsdatum:%d-%m-%Y}).",
            )


@regel3(
    "TR308",
    "wmo323",
    omschrijving="De ProductPeriode eindigt niet na de einddatum van de toewijzing.",
)
def tr308_niet_na_einde(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        eind = prestatie.product_periode.einddatum
        if t.einddatum is not None and eind > t.einddatum:
            yield (
                f"{pad}/ProductPeriode/Einddatum",
                f"De ProductPeriode eindigt op {eind:%d-%m-%Y}, na de einddatum van "
                f"toewijzing {t.nummer} ({t.einddatum:%d-%m-%Y}).",
            )


_UUR, _MINUUT = "04", "01"


@regel3(
    "TR341",
    "wmo323",
    omschrijving="Eenheid van de Prestatie past bij de Eenheid van het ToegewezenProduct.",
)
def tr341_zelfde_eenheid(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    # Only a specific toewijzing has an Eenheid; for aspecifiek and generiek the contract says
    # which unit is claimed, and the contract tariffs are not in the history.
    for pad, prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        if t.eenheid is None or prestatie.eenheid == t.eenheid:
            continue
        if (t.eenheid, prestatie.eenheid) == (_UUR, _MINUUT):
            continue  # assigned in hours, claimed in minutes: allowed (IV081)
        yield (
            f"{pad}/Eenheid",
            f"Eenheid {prestatie.eenheid} past niet bij Eenheid {t.eenheid} van toewijzing "
            f"{t.nummer}.",
        )


@regel3(
    "TR339",
    "wmo323",
    omschrijving="ProductCategorie is die van de toewijzing (als die er een heeft).",
)
def tr339_zelfde_categorie(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        if t.categorie is not None and prestatie.product_categorie != t.categorie:
            yield (
                f"{pad}/ProductCategorie",
                f"ProductCategorie {prestatie.product_categorie} wijkt af van categorie "
                f"{t.categorie} van toewijzing {t.nummer}.",
            )


@regel3(
    "TR340",
    "wmo323",
    omschrijving="ProductCode is die van de toewijzing (als die er een heeft).",
)
def tr340_zelfde_code(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        if t.code is not None and prestatie.product_code != t.code:
            yield (
                f"{pad}/ProductCode",
                f"ProductCode {prestatie.product_code} wijkt af van productcode {t.code} van "
                f"toewijzing {t.nummer}.",
            )


@regel3(
    "TR384",
    "wmo323",
    omschrijving="Geen declaratie op een verwijderde toewijzing (RedenWijziging 13).",
)
def tr384_niet_op_verwijderd(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, _prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        if t.reden_wijziging == "13":
            yield (
                f"{pad}/ToewijzingNummer",
                f"Toewijzing {t.nummer} is verwijderd (RedenWijziging 13); daarop kan niet "
                "worden gedeclareerd.",
            )


@regel3(
    "TR387",
    "wmo323",
    omschrijving="De ProductPeriode begint op de 1e van de maand, of op de latere ingangsdatum "
    "van de toewijzing in die maand.",
)
def tr387_begin_van_de_maand(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        begin = prestatie.product_periode.begindatum
        verwacht = begin.replace(day=1)
        if _zelfde_maand(t.ingangsdatum, begin) and t.ingangsdatum > verwacht:
            verwacht = t.ingangsdatum
        if begin != verwacht:
            yield (
                f"{pad}/ProductPeriode/Begindatum",
                f"De ProductPeriode begint op {begin:%d-%m-%Y}, maar hoort te beginnen op "
                f"{verwacht:%d-%m-%Y}: de eerste dag van de maand, of de ingangsdatum van "
                f"toewijzing {t.nummer} als die later in de maand ligt.",
            )


@regel3(
    "TR388",
    "wmo323",
    omschrijving="De ProductPeriode eindigt op de laatste dag van de maand, of op de eerdere "
    "einddatum van de toewijzing in die maand.",
)
def tr388_einde_van_de_maand(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        eind = prestatie.product_periode.einddatum
        verwacht = eind.replace(day=monthrange(eind.year, eind.month)[1])
        if t.einddatum is not None and _zelfde_maand(t.einddatum, eind) and t.einddatum < verwacht:
            verwacht = t.einddatum
        if eind != verwacht:
            yield (
                f"{pad}/ProductPeriode/Einddatum",
                f"De ProductPeriode eindigt op {eind:%d-%m-%Y}, maar hoort te eindigen op "
                f"{verwacht:%d-%m-%Y}: de laatste dag van de maand, of de einddatum van "
                f"toewijzing {t.nummer} als die eerder in de maand ligt.",
            )


def _zelfde_maand(a: date, b: date) -> bool:
    return (a.year, a.month) == (b.year, b.month)


# --- registering an accepted message ---------------------------------------------------------


def registreer(bericht: Any, historie: Historie, *, afgewezen: Collection[str] = ()) -> None:
    """Write the facts of an accepted message into ``historie`` (call only after acceptance).

    A claim (323) may be approved in part: ``afgewezen`` names the ReferentieNummers of the
    Prestaties its 325 rejected; the others are approved and become history.
    """
    h = bericht.header
    soort = type(bericht).BERICHT
    historie.bewaar_bericht(soort, h.afzender, h.bericht_identificatie.identificatie)
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    if isinstance(bericht, wmo301.Wmo301Bericht):
        for tp in bericht.client.toegewezen_producten:
            historie.bewaar_toewijzing(
                Toewijzing(
                    gemeente=gemeente,
                    nummer=tp.toewijzing_nummer,
                    aanbieder=aanbieder,
                    bsn=bericht.client.bsn,
                    categorie=tp.product.categorie if tp.product else None,
                    code=tp.product.code if tp.product else None,
                    ingangsdatum=tp.ingangsdatum,
                    einddatum=tp.einddatum,
                    referentie_aanbieder=tp.referentie_aanbieder,
                    reden_wijziging=tp.reden_wijziging,
                    eenheid=tp.omvang.eenheid if tp.omvang else None,
                    volume=tp.omvang.volume if tp.omvang else None,
                    frequentie=tp.omvang.frequentie if tp.omvang else None,
                    budget=tp.budget,
                )
            )
            verzoek = tp.referentie_aanbieder and historie.verzoek(
                aanbieder, tp.referentie_aanbieder
            )
            if verzoek:  # the request is answered with a toewijzing (TR359, TR374)
                historie.bewaar_verzoek(replace(verzoek, status=VerzoekStatus.TOEGEWEZEN))
    elif isinstance(bericht, wmo305.Wmo305Bericht | wmo307.Wmo307Bericht):
        for _pad, product in _start_stop(bericht):
            bestaand = _levering_in(historie, bericht, product)
            p = product.product
            if isinstance(bericht, wmo305.Wmo305Bericht):
                status = (
                    LeveringStatus.ACTUEEL
                    if product.status_aanlevering == "1"
                    else LeveringStatus.VERWIJDERD
                )
                levering = Levering(
                    gemeente=gemeente,
                    aanbieder=aanbieder,
                    bsn=bericht.client.bsn,
                    toewijzing_nummer=product.toewijzing_nummer,
                    categorie=p.categorie if p else None,
                    code=p.code if p else None,
                    begindatum=product.begindatum,
                    status=status,
                )
            elif bestaand is None:
                continue
            elif product.status_aanlevering == "1":
                levering = replace(
                    bestaand,
                    status=LeveringStatus.GESTOPT,
                    einddatum=product.einddatum,
                    reden_beeindiging=product.reden_beeindiging,
                )
            else:  # the stop is withdrawn: the delivery runs again
                levering = replace(
                    bestaand, status=LeveringStatus.ACTUEEL, einddatum=None, reden_beeindiging=None
                )
            historie.bewaar_levering(levering)
    elif isinstance(bericht, wmo315.Wmo315Bericht | wmo317.Wmo317Bericht):
        for _pad, referentie in _referenties(bericht):
            historie.bewaar_verzoek(Verzoek(gemeente, aanbieder, bericht.client.bsn, referentie))
    elif isinstance(bericht, wmo323.Wmo323Bericht):
        historie.bewaar_declaratie(aanbieder, bericht.declaratie.declaratie_nummer)
        for _pad, bsn, prestatie in _prestaties(bericht):
            referentie = prestatie.product_referentie
            if referentie.referentie_nummer in afgewezen:
                continue  # rejected: its ReferentieNummer may be used again
            historie.bewaar_gedeclareerd(_gedeclareerd(gemeente, aanbieder, bsn, prestatie))
            if (
                prestatie.ingediend_bedrag.debet_credit == "C"
                and referentie.vorig_referentie_nummer
            ):
                debet = historie.prestatie(aanbieder, referentie.vorig_referentie_nummer)
                if debet is not None:
                    historie.bewaar_gedeclareerd(replace(debet, gecrediteerd=True))
    elif isinstance(bericht, wmo319.Wmo319Bericht):
        antwoord = bericht.antwoord
        verzoek = historie.verzoek(aanbieder, antwoord.referentie_aanbieder)
        if verzoek is not None:
            status = verzoek.status
            if verzoek.onderhanden:
                status = (
                    VerzoekStatus.AFGEWEZEN
                    if antwoord.verzoek_antwoord == "1"
                    else VerzoekStatus.IN_ONDERZOEK
                )
            historie.bewaar_verzoek(
                replace(
                    verzoek,
                    status=status,
                    antwoorden=(*verzoek.antwoorden, antwoord.verzoek_antwoord),
                )
            )


def _gedeclareerd(gemeente: str, aanbieder: str, bsn: str, prestatie: Any) -> Gedeclareerd:
    periode = prestatie.product_periode
    return Gedeclareerd(
        gemeente=gemeente,
        aanbieder=aanbieder,
        bsn=bsn,
        referentienummer=prestatie.product_referentie.referentie_nummer,
        toewijzing_nummer=prestatie.toewijzing_nummer,
        categorie=prestatie.product_categorie,
        code=prestatie.product_code,
        begindatum=periode.begindatum,
        einddatum=periode.einddatum,
        volume=prestatie.geleverd_volume,
        eenheid=prestatie.eenheid,
        bedrag=prestatie.ingediend_bedrag.bedrag,
        debet_credit=prestatie.ingediend_bedrag.debet_credit,
        vorig_referentienummer=prestatie.product_referentie.vorig_referentie_nummer,
    )


def _levering_in(historie: Historie, bericht: Any, product: Any) -> Levering | None:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    sleutel = _sleutel(bericht, product)
    for lev in historie.leveringen(gemeente, aanbieder, bericht.client.bsn):
        if lev.sleutel == sleutel:
            return lev
    return None


# --- the 325 as the aanbieder receives it: against the claims (323) it sent ---------------------
#
# The aanbieder's own history holds what it sent: ``registreer`` of its 323 keeps the
# Identificatie (as a message of the aanbieder), the DeclaratieNummer and every ReferentieNummer.


@regel3(
    "TR337",
    "wmo325",
    omschrijving="DeclaratieIdentificatie is de BerichtIdentificatie van een verstuurde declaratie.",
)
def tr337_beantwoorde_declaratie(bericht: Any, ctx: Context3) -> Uitkomst:
    _, aanbieder = gemeente_en_aanbieder(bericht)
    identificatie = bericht.header.declaratie_identificatie.identificatie
    if not ctx.historie.bericht_bekend("wmo323", aanbieder, identificatie):
        yield (
            f"{H}/DeclaratieIdentificatie/Identificatie",
            f"Er is geen declaratie {identificatie!r} van deze aanbieder verstuurd.",
        )


@regel3(
    "TR376",
    "wmo325",
    omschrijving="DeclaratieNummer is dat van een verstuurde declaratie.",
)
def tr376_declaratienummer(bericht: Any, ctx: Context3) -> Uitkomst:
    _, aanbieder = gemeente_en_aanbieder(bericht)
    antwoord = bericht.declaratie_antwoord
    if antwoord is not None and not ctx.historie.declaratie_bekend(
        aanbieder, antwoord.declaratie_nummer
    ):
        yield (
            "/Bericht/DeclaratieAntwoord/DeclaratieNummer",
            f"DeclaratieNummer {antwoord.declaratie_nummer!r} hoort bij geen verstuurde "
            "declaratie van deze aanbieder.",
        )


@regel3(
    "TR366",
    "wmo325",
    omschrijving="Elke Prestatie hoort via ReferentieNummer bij een verstuurde declaratie.",
)
def tr366_prestatie_gedeclareerd(bericht: Any, ctx: Context3) -> Uitkomst:
    from .regels325 import prestaties_325

    _, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, _bsn, prestatie in prestaties_325(bericht):
        nummer = prestatie.product_referentie.referentie_nummer
        if not ctx.historie.prestatie_bekend(aanbieder, nummer):
            yield (
                f"{pad}/ProductReferentie/ReferentieNummer",
                f"Prestatie {nummer!r} is door deze aanbieder niet gedeclareerd.",
            )


# What TR367 compares: (element path below the Prestatie, its value in the 325, the value the
# aanbieder's history kept of its 323). The ProductTarief is not kept, so it is not compared.
_WAARDEN_367: tuple[tuple[str, Callable[[Any], Any], Callable[[Gedeclareerd], Any]], ...] = (
    ("ToewijzingNummer", lambda p: p.toewijzing_nummer, lambda g: g.toewijzing_nummer),
    ("ProductCategorie", lambda p: p.product_categorie, lambda g: g.categorie),
    ("ProductCode", lambda p: p.product_code, lambda g: g.code),
    ("ProductPeriode/Begindatum", lambda p: p.product_periode.begindatum, lambda g: g.begindatum),
    ("ProductPeriode/Einddatum", lambda p: p.product_periode.einddatum, lambda g: g.einddatum),
    ("GeleverdVolume", lambda p: p.geleverd_volume, lambda g: g.volume),
    ("Eenheid", lambda p: p.eenheid, lambda g: g.eenheid),
    ("IngediendBedrag/Bedrag", lambda p: p.ingediend_bedrag.bedrag, lambda g: g.bedrag),
    (
        "IngediendBedrag/DebetCredit",
        lambda p: p.ingediend_bedrag.debet_credit,
        lambda g: g.debet_credit,
    ),
    (
        "ProductReferentie/VorigReferentieNummer",
        lambda p: p.product_referentie.vorig_referentie_nummer,
        lambda g: g.vorig_referentienummer,
    ),
)


@regel3(
    "TR367",
    "wmo325",
    omschrijving="Elke waarde van een Prestatie is die van de gedeclareerde Prestatie met "
    "dezelfde ProductReferentie.",
)
def tr367_waarden_als_gedeclareerd(bericht: Any, ctx: Context3) -> Uitkomst:
    from .regels325 import prestaties_325

    _, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, bsn, prestatie in prestaties_325(bericht):
        nummer = prestatie.product_referentie.referentie_nummer
        gedeclareerd = ctx.historie.prestatie(aanbieder, nummer)
        if gedeclareerd is None:  # not claimed (TR366), or kept without its values
            continue
        if bsn != gedeclareerd.bsn:
            yield (
                pad.rsplit("/Prestaties/", 1)[0] + "/Bsn",
                f"Prestatie {nummer!r} is gedeclareerd voor een andere cliënt.",
            )
        for element, in_antwoord, in_declaratie in _WAARDEN_367:
            if in_antwoord(prestatie) != in_declaratie(gedeclareerd):
                yield (
                    f"{pad}/{element}",
                    f"{element} van Prestatie {nummer!r} wijkt af van de declaratie.",
                )


# The rules that need claim, request and contract history live in their own modules; importing
# them registers them in REGELS3.
from . import laag3_declaratie, laag3_verzoek  # noqa: E402, F401
