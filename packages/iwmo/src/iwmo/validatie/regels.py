"""Layer 2: the official in-message rules of iWmo 3.2 (TR, CD, CS), each a small named function.

Every rule is registered with :func:`regel` under its official code, the messages it applies
to and a short Dutch description in our own words. A rule function takes the message model and
a :class:`Context` and yields ``(xpath, message)`` pairs. The XPaths use local element names and
1-based positions for repeated elements, like layer 1.

The rules run on models read by :func:`~iwmo.berichten.parse`; values that layer 1
already refused (a code outside its list, a BSN of letters) may still reach a rule, so rules
compare plainly and never assume a value is valid.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from ..berichten import wmo301, wmo305, wmo307, wmo315, wmo317, wmo319, wmo323, wmo325
from ..berichten.basis import Geboortedatum, Omvang, Product, VolledigeNaam
from .bevinding import Ernst, Finding
from .herindelingen import NIEUW, OPGEHEVEN, geldig_op

Uitkomst = Iterable[tuple[str, str]]


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the message: the system date."""

    vandaag: date


@dataclass(frozen=True)
class Regel:
    """An official rule: code, the messages it covers, a Dutch summary and its check."""

    code: str
    berichten: tuple[str, ...]
    omschrijving: str
    controle: Callable[[Any, Context], Uitkomst]
    ernst: Ernst = Ernst.FOUT


REGELS: dict[str, Regel] = {}
"""All layer-2 rules by code (one code may have several registrations: see :data:`_REGELLIJST`)."""

_REGELLIJST: list[Regel] = []

ALLE = ("wmo301", "wmo305", "wmo307", "wmo315", "wmo317", "wmo319", "wmo323")


def regel(
    code: str, *berichten: str, omschrijving: str, ernst: Ernst = Ernst.FOUT
) -> Callable[[Callable[[Any, Context], Uitkomst]], Callable[[Any, Context], Uitkomst]]:
    """Register a rule function under its official ``code`` for ``berichten``."""

    def registreer(
        functie: Callable[[Any, Context], Uitkomst],
    ) -> Callable[[Any, Context], Uitkomst]:
        item = Regel(code, berichten, omschrijving, functie, ernst)
        _REGELLIJST.append(item)
        if code in REGELS:
            bestaand = REGELS[code]
            item = Regel(
                code, bestaand.berichten + berichten, bestaand.omschrijving, functie, ernst
            )
        REGELS[code] = item
        return functie

    return registreer


_PER_BERICHT: dict[str, tuple[Regel, ...]] = {}
_AANTAL_GEZIEN = 0


def _regels_voor(soort: str) -> tuple[Regel, ...]:
    """The registered rules of one message type, in rule order (cached)."""
    global _AANTAL_GEZIEN
    if len(_REGELLIJST) != _AANTAL_GEZIEN:  # a rule registered after the first use
        _PER_BERICHT.clear()
        _AANTAL_GEZIEN = len(_REGELLIJST)
    if soort not in _PER_BERICHT:
        _PER_BERICHT[soort] = tuple(item for item in _REGELLIJST if soort in item.berichten)
    return _PER_BERICHT[soort]


_lokaal = threading.local()


@functools.lru_cache(maxsize=16)
def _context(vandaag: date) -> Context:
    """One context per system date (a frozen dataclass costs a microsecond to make)."""
    return Context(vandaag=vandaag)


def controleer_laag2(bericht: Any, *, vandaag: date) -> list[Finding]:
    """All layer-2 findings for a message model, in rule order."""
    soort = type(bericht).BERICHT
    context = _context(vandaag)
    bevindingen: list[Finding] = []
    vorige = getattr(_lokaal, "regels", None)
    _lokaal.regels = (bericht, {})  # the product lines of this message, built once
    try:
        for item in _regels_voor(soort):
            begin = len(bevindingen)
            try:
                for pad, melding, *ernst in item.controle(bericht, context):
                    bevindingen.append(Finding(item.code, pad, melding, *(ernst or [item.ernst])))
            except (TypeError, ValueError, AttributeError, OverflowError) as fout:
                del bevindingen[begin:]  # a rule that could not finish reports only that
                bevindingen.append(
                    Finding(
                        item.code,
                        "/Bericht",
                        f"Regel {item.code} kon niet worden gecontroleerd: "
                        f"{fout.__class__.__name__}.",
                    )
                )
    finally:
        _lokaal.regels = vorige
    return bevindingen


def _d(datum: date | None) -> str:
    return datum.strftime("%d-%m-%Y") if isinstance(datum, date) else "(leeg)"


def _dagtekening(bericht: Any) -> date:
    return bericht.header.bericht_identificatie.dagtekening


# --- views on the messages -------------------------------------------------------------------

C = "/Bericht/Client"


def _eenmaal(view: Callable[[Any], Iterable]) -> Callable[[Any], Iterable]:
    """A view on the message (its contacts, dates of birth ... with their paths) built once per
    message while :func:`controleer_laag2` runs, and shared by the rules that walk it; built
    afresh when called outside it."""

    @functools.wraps(view)
    def gedeeld(bericht: Any) -> Iterable:
        cache = getattr(_lokaal, "regels", None)
        if cache is None or cache[0] is not bericht:
            return view(bericht)
        uit = cache[1].get(view)
        if uit is None:
            uit = cache[1][view] = tuple(view(bericht))
        return uit

    return gedeeld


@_eenmaal
def _clienten(bericht: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(bericht, wmo323.Wmo323Bericht):
        for i, client in enumerate(bericht.declaratie.clienten, 1):
            yield f"/Bericht/Declaratie/Clienten/Client[{i}]", client
    elif isinstance(bericht, wmo325.Wmo325Bericht):
        antwoord = bericht.declaratie_antwoord
        for i, client in enumerate(antwoord.clienten if antwoord else [], 1):
            yield f"/Bericht/DeclaratieAntwoord/Clienten/Client[{i}]", client
    elif hasattr(bericht, "client"):
        yield C, bericht.client


@_eenmaal
def _geboortedata(bericht: Any) -> Iterator[tuple[str, Geboortedatum]]:
    if hasattr(bericht, "client") and hasattr(bericht.client, "geboortedatum"):
        yield f"{C}/Geboortedatum", bericht.client.geboortedatum
    if isinstance(bericht, wmo301.Wmo301Bericht):
        for i, relatie in enumerate(bericht.client.relaties, 1):
            if relatie.geboortedatum is not None:
                yield f"{C}/Relaties/Relatie[{i}]/Geboortedatum", relatie.geboortedatum


@_eenmaal
def _namen(bericht: wmo301.Wmo301Bericht) -> Iterator[tuple[str, VolledigeNaam]]:
    yield f"{C}/Naam", bericht.client.naam
    for i, relatie in enumerate(bericht.client.relaties, 1):
        yield f"{C}/Relaties/Relatie[{i}]/Naam", relatie.naam


@_eenmaal
def _contacten(bericht: wmo301.Wmo301Bericht) -> Iterator[tuple[str, wmo301.Contact]]:
    for i, contact in enumerate(bericht.client.contactgegevens, 1):
        yield f"{C}/Contactgegevens/Contact[{i}]", contact
    for i, relatie in enumerate(bericht.client.relaties, 1):
        yield f"{C}/Relaties/Relatie[{i}]/Contact", relatie.contact


class Productregel(NamedTuple):
    """A uniform view of an assigned or requested product line (301, 315, 317).

    A named tuple: built for every product line of every message, and cheaper to make than a
    frozen dataclass."""

    pad: str
    product: Product | None
    heeft_product: bool  # the class has a Product element at all (not TeWijzigenProduct)
    ingang: date
    eind: date | None
    eind_naam: str
    omvang: Omvang | None
    budget: int | None
    reden_wijziging: str | None = None

    @property
    def code(self) -> str | None:
        return self.product.code if self.product else None


def _productregels(bericht: Any, *soorten: str) -> Iterator[Productregel]:
    cache = getattr(_lokaal, "regels", None)
    if cache is None or cache[0] is not bericht:
        return _bouw_productregels(bericht, *soorten)
    if soorten not in cache[1]:
        cache[1][soorten] = tuple(_bouw_productregels(bericht, *soorten))
    return iter(cache[1][soorten])


def _bouw_productregels(bericht: Any, *soorten: str) -> Iterator[Productregel]:
    if isinstance(bericht, wmo301.Wmo301Bericht):
        for i, tp in enumerate(bericht.client.toegewezen_producten, 1):
            yield Productregel(
                f"{C}/ToegewezenProducten/ToegewezenProduct[{i}]",
                tp.product,
                True,
                tp.ingangsdatum,
                tp.einddatum,
                "Einddatum",
                tp.omvang,
                tp.budget,
                tp.reden_wijziging,
            )
    elif isinstance(bericht, wmo315.Wmo315Bericht):
        for i, ap in enumerate(bericht.client.aangevraagde_producten, 1):
            yield Productregel(
                f"{C}/AangevraagdeProducten/AangevraagdProduct[{i}]",
                ap.product,
                True,
                ap.toewijzing_ingangsdatum,
                ap.toewijzing_einddatum,
                "ToewijzingEinddatum",
                ap.omvang,
                ap.budget,
            )
    elif isinstance(bericht, wmo317.Wmo317Bericht):
        verzoek = bericht.client.verzoek
        if not soorten or "tewijzigen" in soorten:
            for i, tw in enumerate(verzoek.te_wijzigen_producten, 1):
                yield Productregel(
                    f"{C}/Verzoek/TeWijzigenProducten/TeWijzigenProduct[{i}]",
                    None,
                    False,
                    tw.gewenste_ingangsdatum,
                    tw.einddatum,
                    "Einddatum",
                    tw.omvang,
                    tw.budget,
                )
        if not soorten or "nieuw" in soorten:
            for i, np_ in enumerate(verzoek.nieuwe_producten, 1):
                yield Productregel(
                    f"{C}/Verzoek/NieuweProducten/NieuwProduct[{i}]",
                    np_.product,
                    True,
                    np_.gewenste_ingangsdatum,
                    np_.einddatum,
                    "Einddatum",
                    np_.omvang,
                    np_.budget,
                )


@_eenmaal
def _prestaties(bericht: wmo323.Wmo323Bericht) -> Iterator[tuple[str, wmo323.Prestatie]]:
    for i, client in enumerate(bericht.declaratie.clienten, 1):
        for j, prestatie in enumerate(client.prestaties, 1):
            yield f"/Bericht/Declaratie/Clienten/Client[{i}]/Prestaties/Prestatie[{j}]", prestatie


def _bedrag(bedrag: int, debet_credit: str) -> int:
    return -bedrag if debet_credit == "C" else bedrag


# --- header ----------------------------------------------------------------------------------


@regel("CS025", *ALLE, "wmo325", omschrijving="BerichtVersie is 3.")
def cs025_berichtversie(bericht: Any, ctx: Context) -> Uitkomst:
    if bericht.header.bericht_versie != 3:
        yield (
            "/Bericht/Header/BerichtVersie",
            (f"BerichtVersie is {bericht.header.bericht_versie}; in iWmo 3.2 moet dit 3 zijn."),
        )


@regel("CS015", *ALLE, "wmo325", omschrijving="BerichtSubversie is 2.")
def cs015_berichtsubversie(bericht: Any, ctx: Context) -> Uitkomst:
    if bericht.header.bericht_subversie != 2:
        yield (
            "/Bericht/Header/BerichtSubversie",
            (
                f"BerichtSubversie is {bericht.header.bericht_subversie}; in iWmo 3.2 moet dit 2 zijn."
            ),
        )


@regel("TR135", *ALLE, omschrijving="Dagtekening ligt niet in de toekomst (systeemdatum).")
def tr135_niet_in_toekomst(bericht: Any, ctx: Context) -> Uitkomst:
    dagtekening = _dagtekening(bericht)
    if dagtekening > ctx.vandaag:
        yield (
            "/Bericht/Header/BerichtIdentificatie/Dagtekening",
            (
                f"De Dagtekening {_d(dagtekening)} ligt in de toekomst (vandaag is {_d(ctx.vandaag)})."
            ),
        )
    if isinstance(bericht, wmo323.Wmo323Bericht):
        datum = bericht.declaratie.declaratie_dagtekening
        if datum > ctx.vandaag:
            yield (
                "/Bericht/Declaratie/DeclaratieDagtekening",
                (
                    f"De DeclaratieDagtekening {_d(datum)} ligt in de toekomst "
                    f"(vandaag is {_d(ctx.vandaag)})."
                ),
            )


_GEMEENTE_IS_AFZENDER = ("wmo301", "wmo319")
_VIER_CIJFERS = re.compile(r"[0-9]{4}")


@regel(
    "TR378",
    *ALLE,
    omschrijving=(
        "De gemeentecode bestaat volgens het CBS op de Dagtekening of op een begindatum in het "
        "bericht (na een herindeling mag de oude code voor wat daarvoor begon)."
    ),
)
def tr378_gemeentecode(bericht: Any, ctx: Context) -> Uitkomst:
    if type(bericht).BERICHT in _GEMEENTE_IS_AFZENDER:
        pad, code = "/Bericht/Header/Afzender", bericht.header.afzender
    else:
        pad, code = "/Bericht/Header/Ontvanger", bericht.header.ontvanger
    dagtekening = _dagtekening(bericht)
    if not _VIER_CIJFERS.fullmatch(code) or geldig_op(code, dagtekening):
        return  # the form is layer 1's (RS035)
    data = [dagtekening, *_begindata(bericht)]
    oordelen = [geldig_op(code, datum) for datum in data]
    if any(oordelen):
        return
    if None in oordelen:
        yield (
            pad,
            f"Gemeentecode {code} staat niet in de CBS-overzichten vanaf 2019; of de code gold "
            f"op {_d(min(data))} kan niet worden nagegaan.",
            Ernst.WAARSCHUWING,
        )
        return
    naam = OPGEHEVEN.get(code, NIEUW.get(code, ("",)))[0]
    wat = f"Gemeentecode {code}" + (f" ({naam})" if naam else "")
    yield (
        pad,
        f"{wat} bestond volgens het CBS niet op de Dagtekening ({_d(dagtekening)}) en ook niet "
        "op een begindatum in het bericht.",
    )


_BEGINVELDEN = frozenset(
    {"ingangsdatum", "toewijzing_ingangsdatum", "gewenste_ingangsdatum", "begindatum"}
)


def _begindata(obj: Any) -> Iterator[date]:
    """Every start date in the message (Ingangsdatum, ToewijzingIngangsdatum, Begindatum ...)."""
    if isinstance(obj, list):
        for item in obj:
            yield from _begindata(item)
        return
    if not dataclasses.is_dataclass(obj):
        return
    for veld in dataclasses.fields(obj):
        waarde = getattr(obj, veld.name)
        if veld.name in _BEGINVELDEN and isinstance(waarde, date):
            yield waarde
        elif isinstance(waarde, list) or dataclasses.is_dataclass(waarde):
            yield from _begindata(waarde)


# --- client ----------------------------------------------------------------------------------


_NEGEN_CIJFERS = re.compile(r"[0-9]{9}")


@regel(
    "CS002",
    "wmo301",
    "wmo305",
    "wmo307",
    "wmo315",
    "wmo317",
    "wmo323",
    "wmo325",
    omschrijving="Het BSN voldoet aan de elfproef.",
)
def cs002_bsn_elfproef(bericht: Any, ctx: Context) -> Uitkomst:
    for pad, client in _clienten(bericht):
        if not _elfproef_klopt(client.bsn):
            yield f"{pad}/Bsn", f"BSN {client.bsn} voldoet niet aan de elfproef."


@functools.lru_cache(maxsize=8192)
def _elfproef_klopt(bsn: str) -> bool:
    """The elfproef over nine digits (layer 1 checks the form): 9×d1 + 8×d2 + … + 2×d8 − d9 is
    a multiple of 11, as python-stdnum's ``nl.bsn.checksum`` (a test compares both; importing
    stdnum costs more start-up than the whole check). Remembered, since a client's BSN comes
    back in every message of the chain and of the monthly claim."""
    if not _NEGEN_CIJFERS.fullmatch(bsn):
        return True
    return (sum((9 - i) * int(c) for i, c in enumerate(bsn[:8])) - int(bsn[8])) % 11 == 0


@regel(
    "CS139",
    "wmo301",
    "wmo305",
    "wmo307",
    "wmo315",
    omschrijving="DatumGebruik past bij de Datum van de Geboortedatum.",
)
def cs139_datumgebruik(bericht: Any, ctx: Context) -> Uitkomst:
    for pad, geboorte in _geboortedata(bericht):
        datum, gebruik = geboorte.datum, geboorte.datum_gebruik
        if gebruik == "1" and datum.day != 1:
            yield (
                f"{pad}/Datum",
                (
                    "DatumGebruik 1 (dag onbekend): vul de dag van de Datum met 01, "
                    f"niet {_d(datum)}."
                ),
            )
        elif gebruik == "2" and (datum.day, datum.month) != (1, 1):
            yield (
                f"{pad}/Datum",
                (
                    f"DatumGebruik 2 (dag en maand onbekend): vul de Datum met 01-01-jaar, niet {_d(datum)}."
                ),
            )
        elif gebruik == "3" and datum != date(1900, 1, 1):
            yield (
                f"{pad}/Datum",
                (
                    f"DatumGebruik 3 (datum onbekend): vul de Datum met 01-01-1900, niet {_d(datum)}."
                ),
            )


@regel(
    "TR002",
    "wmo301",
    "wmo305",
    "wmo307",
    "wmo315",
    omschrijving="Geboortedatum ligt hoogstens 120 jaar voor de Dagtekening, tenzij onbekend.",
)
def tr002_geboortedatum_120_jaar(bericht: Any, ctx: Context) -> Uitkomst:
    dagtekening = _dagtekening(bericht)
    grens = _jaren_terug(dagtekening, 120)
    for pad, geboorte in _geboortedata(bericht):
        if geboorte.datum_gebruik == "3" and geboorte.datum == date(1900, 1, 1):
            continue
        if geboorte.datum < grens:
            yield (
                f"{pad}/Datum",
                (
                    f"Geboortedatum {_d(geboorte.datum)} ligt meer dan 120 jaar voor de Dagtekening "
                    f"{_d(dagtekening)}."
                ),
            )


@functools.lru_cache(maxsize=1024)
def _jaren_terug(datum: date, jaren: int) -> date:
    try:
        return datum.replace(year=datum.year - jaren)
    except ValueError:  # 29 February
        return datum.replace(year=datum.year - jaren, day=28)


def _tr134_datums(bericht: Any) -> Iterator[tuple[str, int, str, date]]:
    """(path template, index for it, name, date) of every date TR134 checks; the path is only
    made for a finding."""
    for pad, geboorte in _geboortedata(bericht):
        yield f"{pad}/Datum", 0, "Geboortedatum", geboorte.datum
    if isinstance(bericht, wmo301.Wmo301Bericht):
        pad = f"{C}/ToegewezenProducten/ToegewezenProduct[{{}}]/Toewijzingsdatum"
        for i, tp in enumerate(bericht.client.toegewezen_producten, 1):
            yield pad, i, "Toewijzingsdatum", tp.toewijzingsdatum
    elif isinstance(bericht, wmo305.Wmo305Bericht):
        pad = f"{C}/StartProducten/StartProduct[{{}}]/Begindatum"
        for i, sp in enumerate(bericht.client.start_producten, 1):
            yield pad, i, "Begindatum", sp.begindatum
    elif isinstance(bericht, wmo307.Wmo307Bericht):
        pad = f"{C}/StopProducten/StopProduct[{{}}]"
        for i, sp in enumerate(bericht.client.stop_producten, 1):
            yield pad + "/Begindatum", i, "Begindatum", sp.begindatum
            yield pad + "/Einddatum", i, "Einddatum", sp.einddatum
    elif isinstance(bericht, wmo323.Wmo323Bericht):
        yield (
            "/Bericht/Declaratie/DeclaratieDagtekening",
            0,
            "DeclaratieDagtekening",
            bericht.declaratie.declaratie_dagtekening,
        )


@regel(
    "TR134",
    "wmo301",
    "wmo305",
    "wmo307",
    "wmo315",
    "wmo323",
    omschrijving="Datum ligt niet na de Dagtekening (geboorte, toewijzing, start, stop, declaratie).",
)
def tr134_niet_na_dagtekening(bericht: Any, ctx: Context) -> Uitkomst:
    dagtekening = _dagtekening(bericht)
    for pad, index, naam, datum in _tr134_datums(bericht):
        if datum > dagtekening:
            yield (
                pad.format(index),
                f"{naam} {_d(datum)} ligt na de Dagtekening {_d(dagtekening)} van het bericht.",
            )


@regel(
    "CS318", "wmo301", omschrijving="NaamGebruik 6 (niet-natuurlijk persoon) niet bij de client."
)
def cs318_naamgebruik_client(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    if bericht.client.naam.naam_gebruik == "6":
        yield (
            f"{C}/Naam/NaamGebruik",
            ("NaamGebruik 6 (niet-natuurlijk persoon) is niet toegestaan voor de client."),
        )


@regel(
    "CS050",
    "wmo301",
    omschrijving="Met Partnernaam is NaamGebruik 1-4, zonder Partnernaam 1 of 6.",
)
def cs050_naamgebruik_partnernaam(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    for pad, naam in _namen(bericht):
        if naam.partnernaam is not None and naam.naam_gebruik not in ("1", "2", "3", "4"):
            yield (
                f"{pad}/NaamGebruik",
                (
                    f"Er is een Partnernaam; NaamGebruik moet dan 1, 2, 3 of 4 zijn, niet {naam.naam_gebruik}."
                ),
            )
        elif naam.partnernaam is None and naam.naam_gebruik not in ("1", "6"):
            yield (
                f"{pad}/NaamGebruik",
                (
                    f"Er is geen Partnernaam; NaamGebruik moet dan 1 of 6 zijn, niet {naam.naam_gebruik}."
                ),
            )


@regel("CD007", "wmo301", omschrijving="Taal alleen en verplicht bij Communicatie/Vorm 1 (tolk).")
def cd007_taal(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    communicatie = bericht.client.communicatie
    if communicatie is None:
        return
    if communicatie.vorm == "1" and communicatie.taal is None:
        yield f"{C}/Communicatie/Taal", "Bij Vorm 1 (tolk taal) is Taal verplicht."
    elif communicatie.vorm != "1" and communicatie.taal is not None:
        yield (
            f"{C}/Communicatie/Taal",
            (f"Taal alleen vullen bij Vorm 1 (tolk taal); Vorm is {communicatie.vorm}."),
        )


# --- contact (301) ---------------------------------------------------------------------------


@regel("CD025", "wmo301", omschrijving="Bij LandCode NL is Huis verplicht.")
def cd025_huis_bij_nl(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    for pad, contact in _contacten(bericht):
        adres = contact.adres
        if adres is not None and adres.land_code == "NL" and adres.huis is None:
            yield f"{pad}/Adres/Huis", "Bij een Nederlands adres (LandCode NL) is Huis verplicht."


@regel("CD034", "wmo301", omschrijving="Bij adressoort 01 of 03 is Postcode verplicht.")
def cd034_postcode_verplicht(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    for pad, contact in _contacten(bericht):
        if contact.soort in ("01", "03") and (
            contact.adres is None or contact.adres.postcode is None
        ):
            yield (
                f"{pad}/Adres/Postcode",
                (f"Bij Soort {contact.soort} (BRP- of verblijfadres) is Postcode verplicht."),
            )


_NL_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")


@regel("CS089", "wmo301", omschrijving="Bij LandCode NL heeft Postcode het formaat 1234AB.")
def cs089_nederlandse_postcode(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    for pad, contact in _contacten(bericht):
        adres = contact.adres
        if adres is None or adres.land_code != "NL" or adres.postcode is None:
            continue
        if not _NL_POSTCODE.fullmatch(adres.postcode):
            yield (
                f"{pad}/Adres/Postcode",
                (
                    f"Postcode {adres.postcode!r} is geen Nederlandse postcode (4 cijfers en 2 "
                    "hoofdletters zonder spatie, bijvoorbeeld 1234AB)."
                ),
            )


@regel("CD005", "wmo301", omschrijving="LandCode alleen en verplicht als Postcode gevuld is.")
def cd005_landcode(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    for pad, contact in _contacten(bericht):
        adres = contact.adres
        if adres is None:
            continue
        if adres.postcode is not None and adres.land_code is None:
            yield f"{pad}/Adres/LandCode", "Postcode is gevuld; LandCode is dan verplicht."
        elif adres.postcode is None and adres.land_code is not None:
            yield f"{pad}/Adres/LandCode", "Postcode is leeg; laat LandCode dan ook leeg."


@regel("CD009", "wmo301", omschrijving="Periode alleen bij adressoort 04 (tijdelijk).")
def cd009_periode_tijdelijk(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    for pad, contact in _contacten(bericht):
        if contact.periode is not None and contact.soort != "04":
            yield (
                f"{pad}/Periode",
                (
                    f"Periode is alleen toegestaan bij Soort 04 (tijdelijk verblijfadres), niet bij {contact.soort}."
                ),
            )


@regel(
    "TR006", "wmo301", omschrijving="Contact heeft Telefoon en/of de combinatie Huis en Postcode."
)
def tr006_contact_bereikbaar(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    for pad, contact in _contacten(bericht):
        adres = contact.adres
        heeft_adres = adres is not None and adres.huis is not None and adres.postcode is not None
        if contact.telefoon is None and not heeft_adres:
            yield pad, "Contact moet Telefoon bevatten en/of een Adres met Huis en Postcode."


@regel("TR061", "wmo301", omschrijving="De client heeft een adres van soort 01, 02 of 03.")
def tr061_client_adres(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    if not any(c.soort in ("01", "02", "03") for c in bericht.client.contactgegevens):
        yield (
            f"{C}/Contactgegevens",
            (
                "De client moet minstens één adres hebben van Soort 01 (BRP), 02 (correspondentie) "
                "of 03 (verblijf)."
            ),
        )


# --- periods ---------------------------------------------------------------------------------


@regel(
    "CS003",
    "wmo301",
    "wmo315",
    "wmo317",
    omschrijving="Einddatum is gelijk aan of later dan de begin-/ingangsdatum van de periode.",
)
def cs003_einddatum_na_begin(bericht: Any, ctx: Context) -> Uitkomst:
    for regel_ in _productregels(bericht):
        if regel_.eind is not None and regel_.eind < regel_.ingang:
            yield (
                f"{regel_.pad}/{regel_.eind_naam}",
                (
                    f"{regel_.eind_naam} {_d(regel_.eind)} ligt voor de ingangsdatum {_d(regel_.ingang)}."
                ),
            )
    if isinstance(bericht, wmo301.Wmo301Bericht):
        for pad, contact in _contacten(bericht):
            periode = contact.periode
            if (
                periode
                and periode.begindatum
                and periode.einddatum
                and periode.einddatum < periode.begindatum
            ):
                yield (
                    f"{pad}/Periode/Einddatum",
                    (
                        f"Einddatum {_d(periode.einddatum)} ligt voor Begindatum "
                        f"{_d(periode.begindatum)}."
                    ),
                )


@regel("TR018", "wmo307", omschrijving="Einddatum is gelijk aan of later dan Begindatum.")
def tr018_stop_einddatum(bericht: wmo307.Wmo307Bericht, ctx: Context) -> Uitkomst:
    for i, sp in enumerate(bericht.client.stop_producten, 1):
        if sp.einddatum < sp.begindatum:
            yield (
                f"{C}/StopProducten/StopProduct[{i}]/Einddatum",
                (f"Einddatum {_d(sp.einddatum)} ligt voor Begindatum {_d(sp.begindatum)}."),
            )


# --- assigned / requested products -----------------------------------------------------------


@regel("CD079", "wmo301", "wmo315", "wmo317", omschrijving="Zonder Budget is Product verplicht.")
def cd079_product_zonder_budget(bericht: Any, ctx: Context) -> Uitkomst:
    for r in _productregels(bericht, "nieuw"):
        if r.heeft_product and r.budget is None and r.product is None:
            yield f"{r.pad}/Product", "Product is verplicht als Budget leeg is."


@regel("CD075", "wmo301", "wmo315", "wmo317", omschrijving="Met Budget is de Einddatum verplicht.")
def cd075_einddatum_bij_budget(bericht: Any, ctx: Context) -> Uitkomst:
    for r in _productregels(bericht):
        if r.budget is not None and r.eind is None:
            yield f"{r.pad}/{r.eind_naam}", f"Bij een Budget is {r.eind_naam} verplicht."


@regel(
    "CD076",
    "wmo301",
    "wmo315",
    "wmo317",
    omschrijving="Bij Frequentie 2 (per week) is de Einddatum verplicht.",
)
def cd076_einddatum_bij_week(bericht: Any, ctx: Context) -> Uitkomst:
    for r in _productregels(bericht):
        if r.omvang is not None and r.omvang.frequentie == "2" and r.eind is None:
            yield (
                f"{r.pad}/{r.eind_naam}",
                (f"Bij Frequentie 2 (per week) is {r.eind_naam} verplicht."),
            )


@regel(
    "CD041", "wmo301", "wmo315", "wmo317", omschrijving="Met een productcode is Omvang verplicht."
)
def cd041_omvang_bij_code(bericht: Any, ctx: Context) -> Uitkomst:
    for r in _productregels(bericht, "nieuw"):
        if r.code is not None and r.omvang is None:
            yield f"{r.pad}/Omvang", "Omvang is verplicht als Product een Code heeft."


@regel("CD077", "wmo301", "wmo315", "wmo317", omschrijving="Met Budget blijft Omvang leeg.")
def cd077_geen_omvang_bij_budget(bericht: Any, ctx: Context) -> Uitkomst:
    for r in _productregels(bericht):
        if r.budget is not None and r.omvang is not None:
            yield f"{r.pad}/Omvang", "Omvang moet leeg blijven als Budget gevuld is."


@regel("CD078", "wmo301", "wmo315", "wmo317", omschrijving="Met Omvang blijft Budget leeg.")
def cd078_geen_budget_bij_omvang(bericht: Any, ctx: Context) -> Uitkomst:
    for r in _productregels(bericht):
        if r.budget is not None and r.omvang is not None:
            yield f"{r.pad}/Budget", "Budget moet leeg blijven als Omvang gevuld is."


_GRENS_2020 = date(2020, 12, 31)


def _aspecifiek_zonder_omvang(bericht: Any) -> Uitkomst:
    for r in _productregels(bericht, "nieuw"):
        if not r.heeft_product or r.code is not None or r.omvang is None:
            continue
        if r.eind is None or r.eind > _GRENS_2020:
            yield (
                f"{r.pad}/Omvang",
                (
                    "Zonder productcode (aspecifiek of generiek) blijft Omvang leeg "
                    f"(bij een {r.eind_naam} na 31-12-2020 of zonder {r.eind_naam})."
                ),
            )


@regel("CD080", "wmo301", omschrijving="Zonder productcode (na 2020) blijft Omvang leeg.")
def cd080_omvang_aspecifiek(bericht: Any, ctx: Context) -> Uitkomst:
    return _aspecifiek_zonder_omvang(bericht)


@regel("CD095", "wmo315", omschrijving="Zonder productcode (na 2020) blijft Omvang leeg.")
def cd095_omvang_aspecifiek(bericht: Any, ctx: Context) -> Uitkomst:
    return _aspecifiek_zonder_omvang(bericht)


@regel("CD096", "wmo317", omschrijving="Zonder productcode (na 2020) blijft Omvang leeg.")
def cd096_omvang_aspecifiek(bericht: Any, ctx: Context) -> Uitkomst:
    return _aspecifiek_zonder_omvang(bericht)


def _frequentie_bij_eenheid(bericht: Any) -> Uitkomst:
    for r in _productregels(bericht):
        omvang = r.omvang
        if omvang is None or omvang.eenheid not in ("14", "16", "83", "84"):
            continue
        if (r.eind is None or r.eind > _GRENS_2020) and omvang.frequentie not in ("2", "4", "6"):
            yield (
                f"{r.pad}/Omvang/Frequentie",
                (
                    f"Bij Eenheid {omvang.eenheid} is Frequentie 2 (per week), 4 (per maand) of "
                    f"6 (totaal binnen geldigheidsduur) verplicht, niet {omvang.frequentie}."
                ),
            )


@regel(
    "CS338",
    "wmo301",
    "wmo317",
    omschrijving="Eenheid 14, 16, 83 of 84 (na 2020): Frequentie 2, 4 of 6.",
)
def cs338_frequentie(bericht: Any, ctx: Context) -> Uitkomst:
    return _frequentie_bij_eenheid(bericht)


@regel("CS343", "wmo315", omschrijving="Eenheid 14, 16, 83 of 84 (na 2020): Frequentie 2, 4 of 6.")
def cs343_frequentie(bericht: Any, ctx: Context) -> Uitkomst:
    return _frequentie_bij_eenheid(bericht)


@regel(
    "CS335",
    "wmo301",
    omschrijving="RedenWijziging 13 (verwijderd) alleen als Einddatum = Ingangsdatum.",
)
def cs335_verwijderd(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    for r in _productregels(bericht):
        if r.reden_wijziging == "13" and r.eind != r.ingang:
            yield (
                f"{r.pad}/RedenWijziging",
                (
                    "RedenWijziging 13 (verwijderd) mag alleen als Einddatum gelijk is aan "
                    f"Ingangsdatum ({_d(r.ingang)}); Einddatum is {_d(r.eind)}."
                ),
            )


@regel("CS336", "wmo301", omschrijving="RedenWijziging 01 (vervallen) niet gebruiken.")
def cs336_reden_01(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    for r in _productregels(bericht):
        if r.reden_wijziging == "01":
            yield (
                f"{r.pad}/RedenWijziging",
                ("RedenWijziging 01 (administratieve correctie) is vervallen en mag niet meer."),
            )


_HULPMIDDELEN = frozenset({"11", "12", "13", "14"})


def _conflict(a: Productregel, b: Productregel) -> bool:
    """Whether two product lines may not overlap in time (TR302/TR386/TR410)."""
    if a.product is None or b.product is None:
        ander = a.product or b.product
        return ander is None or ander.categorie not in _HULPMIDDELEN
    if a.product.categorie != b.product.categorie or a.product.categorie in _HULPMIDDELEN:
        return False
    if a.product.code is None or b.product.code is None:
        return True
    return a.product.code == b.product.code


def _overlap(a: Productregel, b: Productregel) -> bool:
    return a.ingang <= (b.eind or date.max) and b.ingang <= (a.eind or date.max)


def _overlappende_producten(regels: list[Productregel]) -> Uitkomst:
    for j, b in enumerate(regels):
        for a in regels[:j]:
            if _conflict(a, b) and _overlap(a, b):
                wat = (
                    f"product {b.product.categorie}/{b.product.code or '-'}"
                    if b.product
                    else "deze regel zonder product"
                )
                yield (
                    b.pad,
                    (
                        f"De periode van {wat} overlapt met die van {a.pad.rsplit('/', 1)[-1]}; "
                        "hetzelfde product mag alleen vaker voorkomen in periodes die niet overlappen."
                    ),
                )
                break


@regel(
    "TR302", "wmo301", omschrijving="Hetzelfde product alleen vaker bij niet-overlappende periodes."
)
def tr302_overlap_toewijzing(bericht: wmo301.Wmo301Bericht, ctx: Context) -> Uitkomst:
    actueel = [
        r
        for r in _productregels(bericht)
        if not (r.eind == r.ingang and r.reden_wijziging in ("13", "01"))
    ]
    return _overlappende_producten(actueel)


@regel(
    "TR386", "wmo315", omschrijving="Hetzelfde product alleen vaker bij niet-overlappende periodes."
)
def tr386_overlap_verzoek(bericht: wmo315.Wmo315Bericht, ctx: Context) -> Uitkomst:
    return _overlappende_producten(list(_productregels(bericht)))


@regel(
    "TR410",
    "wmo317",
    omschrijving="Hetzelfde NieuwProduct alleen vaker bij niet-overlappende periodes.",
)
def tr410_overlap_nieuw(bericht: wmo317.Wmo317Bericht, ctx: Context) -> Uitkomst:
    return _overlappende_producten(list(_productregels(bericht, "nieuw")))


# --- 315 ------------------------------------------------------------------------------------


def _aangevraagd(bericht: wmo315.Wmo315Bericht) -> Iterator[tuple[str, wmo315.AangevraagdProduct]]:
    for i, ap in enumerate(bericht.client.aangevraagde_producten, 1):
        yield f"{C}/AangevraagdeProducten/AangevraagdProduct[{i}]", ap


@regel(
    "CD043",
    "wmo315",
    omschrijving="BeschikkingIngangsdatum alleen en verplicht bij een BeschikkingNummer.",
)
def cd043_beschikking(bericht: wmo315.Wmo315Bericht, ctx: Context) -> Uitkomst:
    for pad, ap in _aangevraagd(bericht):
        if ap.beschikking_nummer is not None and ap.beschikking_ingangsdatum is None:
            yield (
                f"{pad}/BeschikkingIngangsdatum",
                ("BeschikkingNummer is gevuld; BeschikkingIngangsdatum is dan verplicht."),
            )
        elif ap.beschikking_nummer is None and ap.beschikking_ingangsdatum is not None:
            yield (
                f"{pad}/BeschikkingIngangsdatum",
                ("Zonder BeschikkingNummer blijft BeschikkingIngangsdatum leeg."),
            )


_ZORGVERLENER_TYPEN = ("02", "03", "04", "05")


@regel("CD066", "wmo315", omschrijving="Verwijzer 02-05 met ZorgverlenerCode: Naam leeg.")
def cd066_verwijzer_naam_leeg(bericht: wmo315.Wmo315Bericht, ctx: Context) -> Uitkomst:
    for pad, ap in _aangevraagd(bericht):
        v = ap.verwijzer
        if v.type in _ZORGVERLENER_TYPEN and v.zorgverlener_code is not None and v.naam is not None:
            yield (
                f"{pad}/Verwijzer/Naam",
                ("Er is een ZorgverlenerCode; laat de Naam van de verwijzer dan leeg."),
            )


@regel("CD067", "wmo315", omschrijving="Verwijzer 02-05 zonder ZorgverlenerCode: Naam verplicht.")
def cd067_verwijzer_naam_verplicht(bericht: wmo315.Wmo315Bericht, ctx: Context) -> Uitkomst:
    for pad, ap in _aangevraagd(bericht):
        v = ap.verwijzer
        if v.type in _ZORGVERLENER_TYPEN and v.zorgverlener_code is None and v.naam is None:
            yield (
                f"{pad}/Verwijzer/Naam",
                (
                    f"Verwijzer type {v.type} zonder ZorgverlenerCode: de Naam van de verwijzer is verplicht."
                ),
            )


@regel("CD068", "wmo315", omschrijving="Verwijzer anders dan 02-05: geen ZorgverlenerCode.")
def cd068_geen_zorgverlenercode(bericht: wmo315.Wmo315Bericht, ctx: Context) -> Uitkomst:
    for pad, ap in _aangevraagd(bericht):
        v = ap.verwijzer
        if v.type not in _ZORGVERLENER_TYPEN and v.zorgverlener_code is not None:
            yield (
                f"{pad}/Verwijzer/ZorgverlenerCode",
                (f"Bij verwijzer type {v.type} blijft ZorgverlenerCode leeg (alleen bij 02-05)."),
            )


@regel("TR383", "wmo315", omschrijving="ReferentieAanbieder is uniek per AangevraagdProduct.")
def tr383_referentie_uniek(bericht: wmo315.Wmo315Bericht, ctx: Context) -> Uitkomst:
    gezien: set[str] = set()
    for pad, ap in _aangevraagd(bericht):
        if ap.referentie_aanbieder in gezien:
            yield (
                f"{pad}/ReferentieAanbieder",
                (
                    f"ReferentieAanbieder {ap.referentie_aanbieder!r} komt al eerder voor in dit bericht."
                ),
            )
        gezien.add(ap.referentie_aanbieder)


# --- 317 ------------------------------------------------------------------------------------


@regel("TR352", "wmo317", omschrijving="Minstens één OngewijzigdProduct of TeWijzigenProduct.")
def tr352_bestaande_toewijzing(bericht: wmo317.Wmo317Bericht, ctx: Context) -> Uitkomst:
    verzoek = bericht.client.verzoek
    if not verzoek.ongewijzigde_producten and not verzoek.te_wijzigen_producten:
        yield (
            f"{C}/Verzoek",
            (
                "Een verzoek om wijziging moet minstens één OngewijzigdProduct of TeWijzigenProduct "
                "bevatten (alle actuele toewijzingen horen erin)."
            ),
        )


@regel("TR353", "wmo317", omschrijving="Minstens één TeWijzigenProduct of NieuwProduct.")
def tr353_iets_te_wijzigen(bericht: wmo317.Wmo317Bericht, ctx: Context) -> Uitkomst:
    verzoek = bericht.client.verzoek
    if not verzoek.te_wijzigen_producten and not verzoek.nieuwe_producten:
        yield (
            f"{C}/Verzoek",
            (
                "Een verzoek om wijziging moet minstens één TeWijzigenProduct of NieuwProduct bevatten."
            ),
        )


# --- 305 / 307 ------------------------------------------------------------------------------


@regel(
    "CS058", "wmo305", "wmo307", omschrijving="StatusAanlevering is 1 (nieuw) of 3 (verwijderen)."
)
def cs058_status_aanlevering(bericht: Any, ctx: Context) -> Uitkomst:
    if isinstance(bericht, wmo305.Wmo305Bericht):
        regels, naam = bericht.client.start_producten, "StartProducten/StartProduct"
    else:
        regels, naam = bericht.client.stop_producten, "StopProducten/StopProduct"
    for i, regel_ in enumerate(regels, 1):
        if regel_.status_aanlevering not in ("1", "3"):
            yield (
                f"{C}/{naam}[{i}]/StatusAanlevering",
                (
                    f"StatusAanlevering {regel_.status_aanlevering} is niet toegestaan: gebruik 1 "
                    "(eerste aanlevering) of 3 (verwijderen); een correctie is verwijderen plus opnieuw aanleveren."
                ),
            )


# --- 319 ------------------------------------------------------------------------------------


@regel("CD085", "wmo319", omschrijving="Bij VerzoekAntwoord 1 (afgewezen) is een reden verplicht.")
def cd085_reden_bij_afwijzing(bericht: wmo319.Wmo319Bericht, ctx: Context) -> Uitkomst:
    antwoord = bericht.antwoord
    if antwoord.verzoek_antwoord == "1" and antwoord.reden_afwijzing_verzoek is None:
        yield (
            "/Bericht/Antwoord/RedenAfwijzingVerzoek",
            (
                "Het verzoek is afgewezen (VerzoekAntwoord 1); RedenAfwijzingVerzoek is dan verplicht."
            ),
        )


@regel("CD086", "wmo319", omschrijving="Bij VerzoekAntwoord 2 (in onderzoek) geen reden.")
def cd086_geen_reden_in_onderzoek(bericht: wmo319.Wmo319Bericht, ctx: Context) -> Uitkomst:
    antwoord = bericht.antwoord
    if antwoord.verzoek_antwoord == "2" and antwoord.reden_afwijzing_verzoek is not None:
        yield (
            "/Bericht/Antwoord/RedenAfwijzingVerzoek",
            ("De aanvraag is in onderzoek (VerzoekAntwoord 2); laat RedenAfwijzingVerzoek leeg."),
        )


# --- 323 ------------------------------------------------------------------------------------

D = "/Bericht/Declaratie"


@regel(
    "CS319", "wmo323", omschrijving="DeclaratieNummer bestaat aaneengesloten uit letters/cijfers."
)
def cs319_declaratienummer(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    nummer = bericht.declaratie.declaratie_nummer
    if not re.fullmatch(r"[A-Za-z0-9]+", nummer):
        yield (
            f"{D}/DeclaratieNummer",
            (
                f"DeclaratieNummer {nummer!r} mag alleen letters en cijfers bevatten, zonder spaties."
            ),
        )


_START_2021 = date(2021, 1, 1)


@regel("CS100", "wmo323", omschrijving="Periodes beginnen op of na 01-01-2021.")
def cs100_vanaf_2021(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    periode = bericht.declaratie.declaratie_periode
    if periode.begindatum < _START_2021:
        yield (
            f"{D}/DeclaratiePeriode/Begindatum",
            (f"Begindatum {_d(periode.begindatum)} ligt voor 01-01-2021."),
        )
    for pad, prestatie in _prestaties(bericht):
        begin = prestatie.product_periode.begindatum
        if begin < _START_2021:
            yield (
                f"{pad}/ProductPeriode/Begindatum",
                f"Begindatum {_d(begin)} ligt voor 01-01-2021.",
            )


def _laatste_dag(datum: date) -> date:
    volgende = date(datum.year + (datum.month == 12), datum.month % 12 + 1, 1)
    return volgende - timedelta(days=1)


@regel("CS340", "wmo323", omschrijving="DeclaratiePeriode is precies één kalendermaand.")
def cs340_kalendermaand(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    periode = bericht.declaratie.declaratie_periode
    begin, eind = periode.begindatum, periode.einddatum
    if begin.day != 1 or eind != _laatste_dag(begin):
        yield (
            f"{D}/DeclaratiePeriode",
            (f"De DeclaratiePeriode {_d(begin)} t/m {_d(eind)} is geen hele kalendermaand."),
        )


@regel("CS337", "wmo323", omschrijving="ProductPeriode valt binnen één kalendermaand.")
def cs337_productperiode_maand(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    for pad, prestatie in _prestaties(bericht):
        periode = prestatie.product_periode
        if (periode.einddatum.year, periode.einddatum.month) != (
            periode.begindatum.year,
            periode.begindatum.month,
        ):
            yield (
                f"{pad}/ProductPeriode/Einddatum",
                (
                    f"Einddatum {_d(periode.einddatum)} valt niet in dezelfde kalendermaand als "
                    f"Begindatum {_d(periode.begindatum)}."
                ),
            )


@regel("CS325", "wmo323", omschrijving="Een bedrag 0 heeft DebetCredit D.")
def cs325_nul_is_debet(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    totaal = bericht.declaratie.totaal_ingediend_bedrag
    if totaal.totaal_bedrag == 0 and totaal.debet_credit != "D":
        yield f"{D}/TotaalIngediendBedrag/DebetCredit", "Een bedrag van 0 krijgt DebetCredit D."
    for pad, prestatie in _prestaties(bericht):
        bedrag = prestatie.ingediend_bedrag
        if bedrag.bedrag == 0 and bedrag.debet_credit != "D":
            yield f"{pad}/IngediendBedrag/DebetCredit", "Een bedrag van 0 krijgt DebetCredit D."


@regel("CD060", "wmo323", omschrijving="VorigReferentieNummer alleen en verplicht bij credit.")
def cd060_vorig_referentienummer(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    for pad, prestatie in _prestaties(bericht):
        credit = prestatie.ingediend_bedrag.debet_credit == "C"
        vorig = prestatie.product_referentie.vorig_referentie_nummer
        if credit and vorig is None:
            yield (
                f"{pad}/ProductReferentie/VorigReferentieNummer",
                (
                    "Een creditregel moet in VorigReferentieNummer naar de gecrediteerde prestatie verwijzen."
                ),
            )
        elif not credit and vorig is not None:
            yield (
                f"{pad}/ProductReferentie/VorigReferentieNummer",
                ("VorigReferentieNummer alleen vullen bij een creditregel (DebetCredit C)."),
            )


@regel("CD087", "wmo323", omschrijving="ProductTarief verplicht, behalve bij Eenheid 83 (euro's).")
def cd087_producttarief(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    for pad, prestatie in _prestaties(bericht):
        if prestatie.eenheid != "83" and prestatie.product_tarief is None:
            yield (
                f"{pad}/ProductTarief",
                (f"Bij Eenheid {prestatie.eenheid} is ProductTarief verplicht."),
            )
        elif prestatie.eenheid == "83" and prestatie.product_tarief is not None:
            yield f"{pad}/ProductTarief", "Bij Eenheid 83 (euro's) blijft ProductTarief leeg."


@regel(
    "CS339", "wmo323", omschrijving="Bij Eenheid 83 is IngediendBedrag gelijk aan GeleverdVolume."
)
def cs339_euro_bedrag(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    for pad, prestatie in _prestaties(bericht):
        bedrag = prestatie.ingediend_bedrag.bedrag
        if prestatie.eenheid == "83" and bedrag != prestatie.geleverd_volume:
            yield (
                f"{pad}/IngediendBedrag/Bedrag",
                (
                    f"Bij Eenheid 83 (euro's) moet het Bedrag ({bedrag}) gelijk zijn aan "
                    f"GeleverdVolume ({prestatie.geleverd_volume})."
                ),
            )


@regel(
    "TR346",
    "wmo323",
    omschrijving="IngediendBedrag = GeleverdVolume × ProductTarief (niet bij euro's).",
)
def tr346_volume_maal_tarief(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    for pad, prestatie in _prestaties(bericht):
        tarief = prestatie.product_tarief
        if prestatie.eenheid == "83" or tarief is None:
            continue
        verwacht = prestatie.geleverd_volume * tarief
        bedrag = prestatie.ingediend_bedrag.bedrag
        # Minutes of an hourly tariff are rounded per claim (IV081): allow half a cent a minute.
        marge = (prestatie.geleverd_volume + 1) // 2 if prestatie.eenheid == "01" else 0
        if abs(bedrag - verwacht) > marge:
            yield (
                f"{pad}/IngediendBedrag/Bedrag",
                (
                    f"Het Bedrag {bedrag} is niet GeleverdVolume × ProductTarief "
                    f"({prestatie.geleverd_volume} × {tarief} = {verwacht} eurocent)."
                ),
            )


@regel("TR358", "wmo323", omschrijving="TotaalIngediendBedrag is de som van de prestaties (D - C).")
def tr358_totaal(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    totaal = bericht.declaratie.totaal_ingediend_bedrag
    som = sum(
        _bedrag(p.ingediend_bedrag.bedrag, p.ingediend_bedrag.debet_credit)
        for _, p in _prestaties(bericht)
    )
    opgegeven = _bedrag(totaal.totaal_bedrag, totaal.debet_credit)
    if som != opgegeven:
        yield (
            f"{D}/TotaalIngediendBedrag/TotaalBedrag",
            (
                f"TotaalIngediendBedrag is {opgegeven} eurocent, maar de prestaties tellen op tot "
                f"{som} (debet min credit)."
            ),
        )


@regel(
    "TR137",
    "wmo323",
    omschrijving="Einddatum van een periode ligt op/na de Begindatum en niet na de Dagtekening.",
)
def tr137_einddatum_periode(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    dagtekening = _dagtekening(bericht)
    periodes = [(f"{D}/DeclaratiePeriode", bericht.declaratie.declaratie_periode)]
    periodes += [(f"{pad}/ProductPeriode", p.product_periode) for pad, p in _prestaties(bericht)]
    for pad, periode in periodes:
        if periode.einddatum < periode.begindatum:
            yield (
                f"{pad}/Einddatum",
                (
                    f"Einddatum {_d(periode.einddatum)} ligt voor Begindatum {_d(periode.begindatum)}."
                ),
            )
        elif periode.einddatum > dagtekening:
            yield (
                f"{pad}/Einddatum",
                (
                    f"Einddatum {_d(periode.einddatum)} ligt na de Dagtekening {_d(dagtekening)}: "
                    "declareer alleen een afgelopen periode."
                ),
            )


@regel(
    "TR335", "wmo323", omschrijving="Einddatum ligt hoogstens 5 jaar voor DeclaratieDagtekening."
)
def tr335_niet_te_oud(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    dagtekening = bericht.declaratie.declaratie_dagtekening
    grens = _jaren_terug(dagtekening, 5)
    for pad, prestatie in _prestaties(bericht):
        eind = prestatie.product_periode.einddatum
        if eind < grens:
            yield (
                f"{pad}/ProductPeriode/Einddatum",
                (
                    f"Einddatum {_d(eind)} ligt meer dan 5 jaar voor de DeclaratieDagtekening {_d(dagtekening)}."
                ),
            )


@regel("TR315", "wmo323", omschrijving="VorigReferentieNummer is uniek in het bericht.")
def tr315_vorig_uniek(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    gezien: set[str] = set()
    for pad, prestatie in _prestaties(bericht):
        vorig = prestatie.product_referentie.vorig_referentie_nummer
        if vorig is None:
            continue
        if vorig in gezien:
            yield (
                f"{pad}/ProductReferentie/VorigReferentieNummer",
                (f"VorigReferentieNummer {vorig!r} wordt in dit bericht al eerder gecrediteerd."),
            )
        gezien.add(vorig)


@regel(
    "TR316", "wmo323", omschrijving="Een debetregel wordt niet in hetzelfde bericht gecrediteerd."
)
def tr316_geen_creditering_zelfde_bericht(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    referenties = {p.product_referentie.referentie_nummer for _, p in _prestaties(bericht)}
    for pad, prestatie in _prestaties(bericht):
        vorig = prestatie.product_referentie.vorig_referentie_nummer
        if vorig is not None and vorig in referenties:
            yield (
                f"{pad}/ProductReferentie/VorigReferentieNummer",
                (
                    f"Prestatie {vorig!r} staat in dit bericht zelf en mag hier niet worden gecrediteerd."
                ),
            )


@regel(
    "TR416",
    "wmo323",
    omschrijving="Eén debetprestatie per ToewijzingNummer, product en ProductPeriode.",
)
def tr416_dubbele_debet(bericht: wmo323.Wmo323Bericht, ctx: Context) -> Uitkomst:
    gezien: set[tuple] = set()
    for pad, p in _prestaties(bericht):
        if p.ingediend_bedrag.debet_credit != "D":
            continue
        sleutel = (
            p.toewijzing_nummer,
            p.product_categorie,
            p.product_code,
            p.product_periode.begindatum,
            p.product_periode.einddatum,
        )
        if sleutel in gezien:
            yield (
                pad,
                (
                    f"Er is al een debetprestatie voor ToewijzingNummer {p.toewijzing_nummer}, product "
                    f"{p.product_categorie}/{p.product_code} en dezelfde ProductPeriode."
                ),
            )
        gezien.add(sleutel)


# --- TR101: no duplicate lines ---------------------------------------------------------------


def _dubbel(items: Iterable[tuple[Any, Any]], wat: str, pad: str | None = None) -> Uitkomst:
    """Each key of ``items`` (``(pad or index, key)``) seen for the second time; with ``pad``
    (a template with ``{}``) the items carry their index and the path is made only when needed."""
    gezien: set = set()
    gemeld: set = set()
    for plaats, sleutel in items:
        if sleutel not in gezien:
            gezien.add(sleutel)
        elif sleutel not in gemeld:
            gemeld.add(sleutel)
            yield (
                plaats if pad is None else pad.format(plaats),
                f"Dubbele regel: {wat} komt meer dan eens voor in dit bericht.",
            )


def _tr101_sleutels(bericht: Any) -> Iterator[tuple[Iterable[tuple[Any, Any]], str, str | None]]:
    """Per kind of line: (index or path, logical key) of each line, what it is, path template."""
    if isinstance(bericht, wmo301.Wmo301Bericht):
        client = bericht.client
        yield (
            enumerate((r.nummer for r in client.relaties), 1),
            "Relatie met hetzelfde Nummer",
            f"{C}/Relaties/Relatie[{{}}]",
        )
        yield (
            enumerate((c.soort for c in client.contactgegevens), 1),
            "Contact met dezelfde Soort",
            f"{C}/Contactgegevens/Contact[{{}}]",
        )
        yield (
            enumerate((t.toewijzing_nummer for t in client.toegewezen_producten), 1),
            "ToegewezenProduct met hetzelfde ToewijzingNummer",
            f"{C}/ToegewezenProducten/ToegewezenProduct[{{}}]",
        )
    elif isinstance(bericht, wmo305.Wmo305Bericht | wmo307.Wmo307Bericht):
        start = isinstance(bericht, wmo305.Wmo305Bericht)
        regels = bericht.client.start_producten if start else bericht.client.stop_producten
        naam = "StartProducten/StartProduct" if start else "StopProducten/StopProduct"

        def sleutel(r: Any) -> tuple:
            product = (r.product.categorie, r.product.code) if r.product else None
            basis = (r.toewijzing_nummer, product, r.begindatum)
            return basis if start else (*basis, r.einddatum, r.reden_beeindiging)

        yield (
            enumerate(map(sleutel, regels), 1),
            "een regel met dezelfde toewijzing, hetzelfde product en dezelfde data",
            f"{C}/{naam}[{{}}]",
        )
    elif isinstance(bericht, wmo317.Wmo317Bericht):
        verzoek = bericht.client.verzoek
        for lijst, naam in (
            (verzoek.ongewijzigde_producten, "OngewijzigdeProducten/OngewijzigdProduct"),
            (verzoek.te_wijzigen_producten, "TeWijzigenProducten/TeWijzigenProduct"),
        ):
            yield (
                enumerate((p.toewijzing_nummer for p in lijst), 1),
                f"{naam.split('/')[1]} met hetzelfde ToewijzingNummer",
                f"{C}/Verzoek/{naam}[{{}}]",
            )
        yield (
            enumerate(
                (
                    (
                        (p.product.categorie, p.product.code) if p.product else None,
                        p.gewenste_ingangsdatum,
                    )
                    for p in verzoek.nieuwe_producten
                ),
                1,
            ),
            "NieuwProduct met hetzelfde product en dezelfde GewensteIngangsdatum",
            f"{C}/Verzoek/NieuweProducten/NieuwProduct[{{}}]",
        )
    elif isinstance(bericht, wmo323.Wmo323Bericht):
        yield (
            ((pad, c.bsn) for pad, c in _clienten(bericht)),
            "Client met hetzelfde BSN",
            None,
        )
        yield (
            ((pad, p.product_referentie.referentie_nummer) for pad, p in _prestaties(bericht)),
            "Prestatie met hetzelfde ReferentieNummer",
            None,
        )


@regel(
    "TR101",
    "wmo301",
    "wmo305",
    "wmo307",
    "wmo317",
    "wmo323",
    omschrijving="Geen dubbele regels: de logische sleutel is uniek binnen het bericht.",
)
def tr101_geen_dubbele_regels(bericht: Any, ctx: Context) -> Uitkomst:
    for items, wat, pad in _tr101_sleutels(bericht):
        yield from _dubbel(items, wat, pad)
