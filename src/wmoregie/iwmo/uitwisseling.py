"""Exchange adapter: per gemeente a folder set ``inbox``/``outbox``/``archief`` like the hub.

``ingest(basis, gemeente)`` processes every file in ``basis/<gemeente>/inbox`` in name order:

1. Read the header (if any) to find the idempotency key: Afzender/BerichtCode/Identificatie,
   or the sha256 of a file without a readable header.
2. **Already stored with the same content** (a resend, or a restart after a crash between the
   commit and the archiving): nothing is stored again and the file goes to the archive.
3. Otherwise, in **one transaction**: assess the message (layers 1-3 against the database
   history, variant from :class:`~.models.Berichtafspraak`), store it with its findings and its
   retour, register its facts in the history, and write the retour to the outbox (temporary
   file, fsync, atomic rename; the name is derived from the message, so writing it again gives
   the same file). A different file with an Identificatie that is already stored is kept as a
   TR056 duplicate (retour 9056) and never overwrites the first.
4. Only after the commit: move the incoming file to the archive.

A kill at any point loses nothing and duplicates nothing: before the commit nothing is stored
and the file is still in the inbox (a retour already written is overwritten by the same one on
the next run); after it, step 2 finishes the work. The
database constraint ``iwmo_bericht_eenmaal_verwerkt`` is the backstop for concurrent runs.

For large batches ``per_transactie`` takes a group of files per transaction (same outcome per
message, one disk sync per group; on PostgreSQL the rows go in with ``COPY``), and
:func:`ingest_alle` with ``werkers`` > 1 runs worker processes that share the aanbieders (see
"in parallel" below).
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import logging
import multiprocessing
import os
import re
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import IntegrityError, connection, connections, models, transaction
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.datastructures import OrderedSet

from iwmo.berichten import BERICHTTYPEN, RETOURTYPEN, wmo319, wmo323
from iwmo.retour import beoordeel, kop_van_root, lees_kop, retourcode
from iwmo.safexml import MAX_BERICHT_BYTES
from iwmo.validatie import Ernst, OfficieleXsd, Voorgelezen, lees_vooraf
from iwmo.validatie.laag3 import (
    Levering,
    LeveringStatus,
    Toewijzing,
    Variant,
    gemeente_en_aanbieder,
)
from iwmo.validatie.officieel import officiele_xsd

from .models import Bericht, Berichtafspraak, BerichtStatus, Bevinding, Feit

MAPPEN = ("inbox", "outbox", "archief")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mappen:
    inbox: Path
    outbox: Path
    archief: Path


def mappen(basis: Path | str, gemeente: str) -> Mappen:
    """The folder set of ``gemeente`` under ``basis`` (created when missing)."""
    root = Path(basis) / gemeente
    paden = [root / naam for naam in MAPPEN]
    for pad in paden:
        pad.mkdir(parents=True, exist_ok=True)
    return Mappen(*paden)


# --- the layer-3 history on the database ------------------------------------------------------


class EenVanLookup(In):
    """``veld__een_van=[...]``: ``in``, on PostgreSQL as ``= ANY(%s)`` with the list as one
    parameter. The query text stays the same whatever the number of values; with a placeholder
    per value psycopg parses every new text again (~3 ms for a few hundred keys)."""

    lookup_name = "een_van"

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        waarden = [w for w in OrderedSet(self.rhs) if w is not None]
        if not waarden:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", (*lhs_params, waarden)


for _model, _naam in (
    (Bericht, "sleutel"), (Feit, "sleutel"), (Feit, "gemeente"), (Feit, "aanbieder"), (Feit, "bsn"),
):  # fmt: skip
    _model._meta.get_field(_naam).register_lookup(EenVanLookup)


def officiele_controle() -> OfficieleXsd | None:
    """The official XSDs of the setting ``WMOREGIE_IWMO_XSD_MAP`` (empty: not asked)."""
    map_ = getattr(settings, "WMOREGIE_IWMO_XSD_MAP", "")
    return officiele_xsd(map_) if map_ else None


_GEBRUIKT = ("referentie", "declaratie", "prestatie")
"""Facts that only say an aanbieder has used a key (ReferentieAanbieder, DeclaratieNummer,
ReferentieNummer of a Prestatie)."""


def _json(feit: Any) -> dict:
    # The facts are flat dataclasses: a shallow read equals ``asdict`` (without its deep copy).
    waarden = ((f.name, getattr(feit, f.name)) for f in fields(feit))
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in waarden}


def _datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _toewijzing(gegevens: dict) -> Toewijzing:
    return Toewijzing(
        **gegevens
        | {
            "ingangsdatum": _datum(gegevens["ingangsdatum"]),
            "einddatum": _datum(gegevens.get("einddatum")),
        }
    )


def _levering(gegevens: dict) -> Levering:
    return Levering(
        **gegevens
        | {
            "begindatum": _datum(gegevens["begindatum"]),
            "einddatum": _datum(gegevens.get("einddatum")),
            "status": LeveringStatus(gegevens["status"]),
        }
    )


class DatabaseHistorie:
    """:class:`~.validatie.laag3.Historie` on the database (tables ``Bericht`` and ``Feit``).

    Reads are cached, writes are collected and stored by :meth:`flush` with one upsert (call
    it inside the transaction). One history may serve a whole batch in one transaction: it
    answers from the facts written by the batch's earlier messages before they are flushed.
    """

    def __init__(self) -> None:
        self._bekend: dict[tuple[str, str, str], bool] = {}
        self._toewijzing: dict[tuple[str, int], Toewijzing | None] = {}
        self._leveringen: dict[tuple[str, str, str], list[Levering]] = {}
        self._nieuw: dict[tuple[str, str], tuple[str, str, str, dict]] = {}
        self._toewijzingen: dict[tuple[str, str, str], list[Toewijzing]] = {}
        # keys an aanbieder has used (per soort: referentie TR347/TR355, declaratie TR333,
        # prestatie TR314): (aanbieder, key) -> known
        self._gebruikt: dict[str, dict[tuple[str, str], bool]] = {s: {} for s in _GEBRUIKT}
        self._voorbereid: dict[int, Any] = {}

    def voorbereiden(self, bericht: Any) -> None:
        """Fetch every fact this message can ask about in one query (then answer from memory)."""
        if id(bericht) not in self._voorbereid:  # not in the batch fetched already
            self.voorbereiden_alle([bericht])

    def voorbereiden_alle(self, berichten: list[Any]) -> None:
        """Fetch every fact these messages can ask about in one query.

        Only what is not in memory yet is fetched, so facts written earlier by this history
        (not flushed yet, e.g. by an earlier message of the same batch) are never overwritten.
        """
        nummers: set[tuple[str, int]] = set()
        klanten: set[tuple[str, str, str]] = set()
        gebruikt: dict[str, set[tuple[str, str]]] = {soort: set() for soort in _GEBRUIKT}
        for bericht in berichten:
            self._verzamel(bericht, nummers, klanten, gebruikt)
            self._voorbereid[id(bericht)] = bericht  # kept, so the id stays its own
        nummers = {k for k in nummers if k[1] is not None and k not in self._toewijzing}
        laad_t = {k for k in klanten if k not in self._toewijzingen}
        laad_l = {k for k in klanten if k not in self._leveringen}
        for soort, sleutels in gebruikt.items():
            sleutels -= self._gebruikt[soort].keys()
        # One query, a UNION ALL of parts that each use an index (an OR makes PostgreSQL scan
        # the whole table once it has grown); a fact in two parts is read once, below.
        alle = Feit.objects.values_list("soort", "sleutel", "gegevens")
        delen = []
        if laad_t or laad_l:  # a superset in one simple condition; filtered below
            klanten = laad_t | laad_l
            delen.append(
                alle.filter(
                    gemeente__een_van=sorted({k[0] for k in klanten}),
                    aanbieder__een_van=sorted({k[1] for k in klanten}),
                    bsn__een_van=sorted({k[2] for k in klanten}),
                )
            )
        for soort, sleutels in (
            ("toewijzing", [f"{g}/{n}" for g, n in nummers]),
            *((soort, [f"{a}/{k}" for a, k in paren]) for soort, paren in gebruikt.items()),
        ):
            if sleutels:
                delen.append(alle.filter(soort=soort, sleutel__een_van=sleutels))
        if not delen:
            return
        feiten = delen[0].union(*delen[1:], all=True) if len(delen) > 1 else delen[0]
        for k in nummers:
            self._toewijzing[k] = None
        for k in laad_t:
            self._toewijzingen[k] = []
        for k in laad_l:
            self._leveringen[k] = []
        for soort, sleutels in gebruikt.items():
            self._gebruikt[soort].update(dict.fromkeys(sleutels, False))
        gelezen: set[tuple[str, str]] = set()
        for soort, feitsleutel, gegevens in feiten:
            if (soort, feitsleutel) in gelezen:
                continue
            gelezen.add((soort, feitsleutel))
            if soort == "toewijzing":
                t = _toewijzing(gegevens)
                if (t.gemeente, t.nummer) in nummers:
                    self._toewijzing[(t.gemeente, t.nummer)] = t
                if (t.gemeente, t.aanbieder, t.bsn) in laad_t:
                    self._toewijzingen[(t.gemeente, t.aanbieder, t.bsn)].append(t)
            elif soort == "levering":
                lev = _levering(gegevens)
                if (lev.gemeente, lev.aanbieder, lev.bsn) in laad_l:
                    self._leveringen[(lev.gemeente, lev.aanbieder, lev.bsn)].append(lev)
            elif soort in gebruikt:
                sleutel = tuple(feitsleutel.split("/", 1))
                if sleutel in gebruikt[soort]:
                    self._gebruikt[soort][sleutel] = True  # type: ignore[index]

    @staticmethod
    def _verzamel(bericht: Any, nummers, klanten, gebruikt: dict[str, set]) -> None:
        gemeente, aanbieder = gemeente_en_aanbieder(bericht)
        referenties = gebruikt["referentie"]
        if isinstance(bericht, wmo323.Wmo323Bericht):
            gebruikt["declaratie"].add((aanbieder, bericht.declaratie.declaratie_nummer))
            for client in bericht.declaratie.clienten:
                klanten.add((gemeente, aanbieder, client.bsn))
                for p in client.prestaties:
                    nummers.add((gemeente, p.toewijzing_nummer))
                    gebruikt["prestatie"].add((aanbieder, p.product_referentie.referentie_nummer))
        elif hasattr(bericht, "client"):
            client = bericht.client
            klanten.add((gemeente, aanbieder, client.bsn))
            for veld in ("toegewezen_producten", "start_producten", "stop_producten"):
                for product in getattr(client, veld, []):
                    nummers.add((gemeente, product.toewijzing_nummer))
                    if getattr(product, "referentie_aanbieder", None):
                        referenties.add((aanbieder, product.referentie_aanbieder))
            for product in getattr(client, "aangevraagde_producten", []):
                referenties.add((aanbieder, product.referentie_aanbieder))
            verzoek = getattr(client, "verzoek", None)
            if verzoek is not None:
                referenties.add((aanbieder, verzoek.referentie_aanbieder))
                for product in verzoek.ongewijzigde_producten + verzoek.te_wijzigen_producten:
                    nummers.add((gemeente, product.toewijzing_nummer))
        elif isinstance(bericht, wmo319.Wmo319Bericht):  # TR355: the request it answers
            referenties.add((aanbieder, bericht.antwoord.referentie_aanbieder))

    def weet_bericht(self, bericht: str, afzender: str, identificatie: str, bekend: bool) -> None:
        """Tell the history what the caller already looked up (saves a query)."""
        self._bekend[(bericht, afzender, identificatie)] = bekend

    def bericht_bekend(self, bericht: str, afzender: str, identificatie: str) -> bool:
        sleutel = (bericht, afzender, identificatie)
        if sleutel not in self._bekend:
            self._bekend[sleutel] = Bericht.objects.filter(
                berichttype=bericht, afzender=afzender, identificatie=identificatie
            ).exists()
        return self._bekend[sleutel]

    def toewijzing(self, gemeente: str, nummer: int) -> Toewijzing | None:
        if (gemeente, nummer) not in self._toewijzing:
            feit = Feit.objects.filter(soort="toewijzing", sleutel=f"{gemeente}/{nummer}").first()
            self._toewijzing[(gemeente, nummer)] = _toewijzing(feit.gegevens) if feit else None
        return self._toewijzing[(gemeente, nummer)]

    def toewijzingen(self, gemeente: str, aanbieder: str, bsn: str) -> list[Toewijzing]:
        if (gemeente, aanbieder, bsn) not in self._toewijzingen:
            self._toewijzingen[(gemeente, aanbieder, bsn)] = [
                _toewijzing(f.gegevens)
                for f in Feit.objects.filter(
                    soort="toewijzing", gemeente=gemeente, aanbieder=aanbieder, bsn=bsn
                )
            ]
        return list(self._toewijzingen[(gemeente, aanbieder, bsn)])

    def leveringen(self, gemeente: str, aanbieder: str, bsn: str) -> list[Levering]:
        if (gemeente, aanbieder, bsn) not in self._leveringen:
            self._leveringen[(gemeente, aanbieder, bsn)] = [
                _levering(f.gegevens)
                for f in Feit.objects.filter(
                    soort="levering", gemeente=gemeente, aanbieder=aanbieder, bsn=bsn
                )
            ]
        return list(self._leveringen[(gemeente, aanbieder, bsn)])

    def _is_gebruikt(self, soort: str, aanbieder: str, sleutel: str) -> bool:
        bekend = self._gebruikt[soort]
        if (aanbieder, sleutel) not in bekend:
            bekend[(aanbieder, sleutel)] = Feit.objects.filter(
                soort=soort, sleutel=f"{aanbieder}/{sleutel}"
            ).exists()
        return bekend[(aanbieder, sleutel)]

    def referentie_bekend(self, aanbieder: str, referentie: str) -> bool:
        return self._is_gebruikt("referentie", aanbieder, referentie)

    def declaratie_bekend(self, aanbieder: str, nummer: str) -> bool:
        return self._is_gebruikt("declaratie", aanbieder, nummer)

    def prestatie_bekend(self, aanbieder: str, referentienummer: str) -> bool:
        return self._is_gebruikt("prestatie", aanbieder, referentienummer)

    def bewaar_bericht(self, bericht: str, afzender: str, identificatie: str) -> None:
        """Nothing to store: the exchange keeps every message in ``Bericht`` itself."""
        self._bekend[(bericht, afzender, identificatie)] = True

    def _bewaar(
        self, soort: str, sleutel: str, gemeente: str = "", aanbieder: str = "", bsn: str = "",
        gegevens: dict | None = None,
    ) -> None:  # fmt: skip
        self._nieuw[(soort, sleutel[:200])] = (gemeente, aanbieder, bsn, gegevens or {})

    def flush(self) -> None:
        """Store the collected facts (insert or update by soort + sleutel) in one query."""
        if self._nieuw:
            _bewaar_feiten(self._nieuw)
            self._nieuw.clear()

    def bewaar_toewijzing(self, toewijzing: Toewijzing) -> None:
        t = toewijzing
        self._toewijzing[(t.gemeente, t.nummer)] = t  # keep the caches true to the writes
        self.toewijzingen(t.gemeente, t.aanbieder, t.bsn)  # in memory from now on
        lijst = self._toewijzingen[(t.gemeente, t.aanbieder, t.bsn)]
        lijst[:] = [x for x in lijst if x.nummer != t.nummer] + [t]
        self._bewaar(
            "toewijzing",
            f"{toewijzing.gemeente}/{toewijzing.nummer}",
            gemeente=toewijzing.gemeente,
            aanbieder=toewijzing.aanbieder,
            bsn=toewijzing.bsn,
            gegevens=_json(toewijzing),
        )

    def bewaar_levering(self, levering: Levering) -> None:
        lev = levering
        self.leveringen(lev.gemeente, lev.aanbieder, lev.bsn)  # in memory from now on
        lijst = self._leveringen[(lev.gemeente, lev.aanbieder, lev.bsn)]
        lijst[:] = [x for x in lijst if x.sleutel != lev.sleutel] + [lev]
        self._bewaar(
            "levering",
            "/".join("" if deel is None else str(deel) for deel in levering.sleutel),
            gemeente=levering.gemeente,
            aanbieder=levering.aanbieder,
            bsn=levering.bsn,
            gegevens=_json(levering),
        )

    def _gebruik(self, soort: str, aanbieder: str, sleutel: str) -> None:
        self._gebruikt[soort][(aanbieder, sleutel)] = True
        self._bewaar(soort, f"{aanbieder}/{sleutel}", aanbieder=aanbieder)

    def bewaar_referentie(self, aanbieder: str, referentie: str) -> None:
        self._gebruik("referentie", aanbieder, referentie)

    def bewaar_declaratie(self, aanbieder: str, nummer: str) -> None:
        self._gebruik("declaratie", aanbieder, nummer)

    def bewaar_prestatie(self, aanbieder: str, referentienummer: str) -> None:
        self._gebruik("prestatie", aanbieder, referentienummer)


# --- ingest -----------------------------------------------------------------------------------


@dataclass
class Resultaat:
    """What one ingest run did, per outcome (``geaccepteerd``, ``afgekeurd``, ``al-verwerkt``…)."""

    aantallen: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        if not self.aantallen:
            return "Geen berichten in de inbox."
        return ", ".join(f"{naam}: {aantal}" for naam, aantal in sorted(self.aantallen.items()))


def afspraken_van(gemeente: str) -> dict[str, str]:
    """AGB code ('' = default) -> uitvoeringsvariant, for one gemeente."""
    return dict(
        Berichtafspraak.objects.filter(gemeente=gemeente).values_list("aanbieder", "variant")
    )


def variant_voor(gemeente: str, aanbieder: str, afspraken: dict[str, str] | None = None) -> Variant:
    """The uitvoeringsvariant agreed between gemeente and aanbieder (default inspanningsgericht)."""
    if afspraken is None:
        afspraken = afspraken_van(gemeente)
    return Variant(afspraken.get(aanbieder) or afspraken.get("") or Variant.INSPANNINGSGERICHT)


def ingest(
    basis: Path | str,
    gemeente: str,
    *,
    vandaag: date | None = None,
    pauze: float = 0.0,
    max_bytes: int = MAX_BERICHT_BYTES,
    per_transactie: int = 1,
) -> Resultaat:
    """Process the inbox of ``gemeente`` (see the module docstring). Safe to rerun at any time.

    ``per_transactie`` > 1 groups that many messages in one database transaction (each message
    in its own savepoint, the retour files synced once before the commit, the files archived
    after it): the same guarantees, far fewer disk syncs. The default is one per message.
    """
    m = mappen(basis, gemeente)
    _ruim_op(m)
    return _verwerk(
        _inbox(m), m, gemeente, vandaag=vandaag, pauze=pauze, max_bytes=max_bytes,
        per_transactie=per_transactie,
    )  # fmt: skip


def _ruim_op(m: Mappen) -> None:
    for rest in m.outbox.glob(".tmp-*"):  # an interrupted write; the retour is rewritten below
        rest.unlink(missing_ok=True)


def _inbox(m: Mappen) -> list[Path]:
    with os.scandir(m.inbox) as namen:  # no stat per file
        return sorted(Path(n.path) for n in namen if n.is_file() and not n.name.startswith("."))


def _verwerk(
    paden: list[Path],
    m: Mappen,
    gemeente: str,
    *,
    vandaag: date | None,
    pauze: float,
    max_bytes: int,
    per_transactie: int,
    eigen: Callable[[_Inkomend], bool] | None = None,
) -> Resultaat:
    """Process ``paden`` (files of one inbox, in this order). With ``eigen`` (a worker) only
    the files it accepts once read are processed; the others stay in the inbox."""
    resultaat = Resultaat()
    afspraken = afspraken_van(gemeente)
    opties = {"vandaag": vandaag, "max_bytes": max_bytes, "afspraken": afspraken}
    if per_transactie <= 1 and eigen is None:
        for pad in paden:
            resultaat.aantallen[verwerk_bestand(pad, m, gemeente, **opties)] += 1
            if pauze:
                time.sleep(pauze)
        return resultaat
    per_transactie = max(1, per_transactie)
    for i in range(0, len(paden), per_transactie):
        inkomend = []
        for pad in paden[i : i + per_transactie]:
            try:
                item = _lees_bestand(pad, max_bytes)
            except OSError:  # e.g. no read permission: stays in the inbox for the next run
                logger.exception("iWmo-bericht %s kon niet worden gelezen", pad)
                resultaat.aantallen["fout"] += 1
                continue
            if eigen is None or eigen(item):
                inkomend.append(item)
        groep = [item.pad for item in inkomend]
        try:
            with transaction.atomic():
                aantallen = _verwerk_groep(inkomend, m, gemeente, pauze=pauze, **opties)
                os.sync()  # every retour of the group on disk before the commit
        except Exception:
            aantallen = _verwerk_groep_per_bericht(groep, m, gemeente, pauze=pauze, **opties)
        else:
            _archiveer_alle(groep, m)
        resultaat.aantallen.update(aantallen)
    return resultaat


# --- in parallel: one worker process per share of the aanbieders -------------------------------
#
# Layer 3 keeps its history per aanbieder, not per gemeente: TR056 per afzender, ReferentieAanbieder
# (TR347) and DeclaratieNummer (TR333) per aanbieder over all gemeenten, deliveries per gemeente,
# aanbieder and client. So the gemeente folders are not independent, but the aanbieders are: every
# key that a message *from* an aanbieder reads or writes holds that aanbieder, and the toewijzingen
# it checks are written only by 301s. Each worker takes a share of the aanbieders over all inboxes
# (in name order, per gemeente in the given order), with its own database connection, and runs the
# same group transactions as :func:`ingest`. What the workers do not take is processed in the
# parent after them: retours and unreadable files (they share no history with the aanbieders'
# messages), and, in its place in the order of the gemeenten, a whole gemeente whose inbox holds
# a 301, a 319 (it reads the ReferentieAanbieder of a 315/317, TR355) or a message that cannot
# be placed (the order inside it counts for all).

VAN_AANBIEDER = frozenset({"wmo305", "wmo307", "wmo315", "wmo317", "wmo323"})
_CODE_VAN_AANBIEDER = {c.BERICHTCODE for c in BERICHTTYPEN.values() if c.BERICHT in VAN_AANBIEDER}
_CODE_LOS = {c.BERICHTCODE for c in RETOURTYPEN.values()}
_KOPVELD = {
    naam: re.compile(rb"<(?:[\w.-]+:)?" + naam.encode() + rb">([^<]*)</")
    for naam in ("BerichtCode", "Afzender")
}


def _snelle_kop(data: bytes) -> tuple[str, str] | None:
    """(BerichtCode, Afzender) from the header by a text scan, or ``None`` when the header is not
    plain (comments, CDATA, entities, attributes...). Only a hint: a worker checks it against the
    header it reads, and leaves a message whose header says otherwise in the inbox."""
    begin = data.find(b"Header>")  # <iwmo:Header> ... </iwmo:Header>
    einde = data.find(b"Header>", begin + 7) if begin >= 0 else -1
    if einde < 0:
        return None
    kop = data[begin:einde]
    if b"<!--" in kop or b"<![CDATA[" in kop or b"&" in kop or b"<?" in kop:
        return None
    code, afzender = (_KOPVELD[naam].search(kop) for naam in ("BerichtCode", "Afzender"))
    if code is None or afzender is None:
        return None
    try:
        return code[1].decode(), afzender[1].decode()
    except UnicodeDecodeError:
        return None


def _indeling(code: str | None, afzender: str | None) -> str | None:
    """The aanbieder (a message from it), ``""`` (shares no history: processed after the
    workers) or ``None`` (a 301, a 319 or anything else: its whole gemeente one process)."""
    if code is None:
        return ""  # no readable header: stored under its sha256, no history
    if code in _CODE_VAN_AANBIEDER:
        return afzender or None
    return "" if code in _CODE_LOS else None


@dataclass
class Verdeling:
    """Which worker takes which aanbieder, its files per gemeente, and the gemeenten whose inbox
    goes to one process as a whole (a 301 in it, or a message the scan cannot place)."""

    werker_van: dict[str, int]
    paden: list[dict[str, list[Path]]]
    in_een_proces: set[str] = field(default_factory=set)

    def deel(self, gemeenten: list[str]) -> Verdeling:
        """The same split, for ``gemeenten`` only."""
        paden = [{g: p for g, p in deel.items() if g in gemeenten} for deel in self.paden]
        return Verdeling(self.werker_van, paden, self.in_een_proces & set(gemeenten))


def verdeel(
    basis: Path | str, gemeenten: list[str], werkers: int, *, max_bytes: int = MAX_BERICHT_BYTES
) -> Verdeling:
    """Split the inboxes of ``gemeenten`` over ``werkers`` by aanbieder (the busiest aanbieder
    first, each to the least busy worker). Reads the start of every file once."""
    per_gemeente: dict[str, list[tuple[Path, str]]] = {}
    in_een_proces: set[str] = set()
    for gemeente in gemeenten:
        indeling: list[tuple[Path, str]] = []
        for pad in _inbox(mappen(basis, gemeente)):
            try:
                bestand = os.open(pad, os.O_RDONLY)
                try:
                    begin = os.read(bestand, 16 * 1024)  # the header is at the start
                finally:
                    os.close(bestand)
                kop = _snelle_kop(begin)
                if kop is None:  # unusual: read the header the real way
                    echt = lees_kop(pad.read_bytes(), max_bytes=max_bytes)
                    kop = (echt[0].BERICHTCODE, echt[1].afzender) if echt else None
                aanbieder = _indeling(*(kop or (None, None)))
            except OSError:
                aanbieder = None  # unknown: the one process reads it (and reports why not)
            if aanbieder is None:  # a 301 (or unknown): this whole inbox in one process
                in_een_proces.add(gemeente)
                indeling = []
                break
            if aanbieder:
                indeling.append((pad, aanbieder))
        per_gemeente[gemeente] = indeling
    aantal = Counter(a for indeling in per_gemeente.values() for _, a in indeling)
    last = [0] * werkers
    werker_van: dict[str, int] = {}
    for aanbieder, n in sorted(aantal.items(), key=lambda an: (-an[1], an[0])):
        werker_van[aanbieder] = w = last.index(min(last))
        last[w] += n
    paden: list[dict[str, list[Path]]] = [{} for _ in range(werkers)]
    for gemeente, indeling in per_gemeente.items():
        for pad, aanbieder in indeling:
            paden[werker_van[aanbieder]].setdefault(gemeente, []).append(pad)
    return Verdeling(werker_van, paden, in_een_proces)


def werk(
    verdeling: Verdeling,
    werker: int,
    basis: Path | str,
    *,
    vandaag: date | None = None,
    pauze: float = 0.0,
    max_bytes: int = MAX_BERICHT_BYTES,
    per_transactie: int = 1,
) -> dict[str, Counter]:
    """What worker ``werker`` does (in its own process): its files, in groups as :func:`ingest`.
    A file whose real header names another aanbieder than the scan found stays in the inbox."""
    opties = {
        "vandaag": vandaag, "pauze": pauze, "max_bytes": max_bytes,
        "per_transactie": per_transactie,
    }  # fmt: skip

    def eigen(item: _Inkomend) -> bool:
        kop = item.kop
        if kop is None or kop[0].BERICHT not in VAN_AANBIEDER:
            return False
        return verdeling.werker_van.get(kop[1].afzender) == werker

    uitkomst: dict[str, Counter] = {}
    for gemeente, paden in verdeling.paden[werker].items():
        m = mappen(basis, gemeente)
        uitkomst[gemeente] = _verwerk(paden, m, gemeente, eigen=eigen, **opties).aantallen
    return uitkomst


def ingest_alle(
    basis: Path | str,
    gemeenten: list[str],
    *,
    werkers: int = 1,
    vandaag: date | None = None,
    pauze: float = 0.0,
    max_bytes: int = MAX_BERICHT_BYTES,
    per_transactie: int = 1,
) -> dict[str, Resultaat]:
    """:func:`ingest` of every gemeente in ``gemeenten``, in this order. With ``werkers`` > 1 on
    PostgreSQL (outside a transaction): per run of gemeenten that many worker processes, split
    by aanbieder (see above), then what they left in this process; a gemeente that must go as a
    whole in this process, in its place. The outcome is that of one process, with the same
    guarantees: every worker commits its groups before it archives, and dies with its parent."""
    resultaten = {gemeente: Resultaat() for gemeente in gemeenten}
    opties = {
        "vandaag": vandaag, "pauze": pauze, "max_bytes": max_bytes,
        "per_transactie": per_transactie,
    }  # fmt: skip
    if werkers > 1 and _parallel_mogelijk():
        for gemeente in gemeenten:
            _ruim_op(mappen(basis, gemeente))
        verdeling = verdeel(basis, gemeenten, werkers, max_bytes=max_bytes)
        for reeks, parallel in _reeksen(gemeenten, verdeling.in_een_proces):
            if parallel:
                for g, aantallen in _draai_werkers(verdeling.deel(reeks), basis, opties).items():
                    resultaten[g].aantallen.update(aantallen)
            for gemeente in reeks:  # what the workers left (retours...), or the whole inbox
                resultaten[gemeente].aantallen.update(ingest(basis, gemeente, **opties).aantallen)
        return resultaten
    if werkers > 1:
        logger.info(
            "iWmo-ingest in één proces: parallel alleen op PostgreSQL, buiten een transactie"
        )
    for gemeente in gemeenten:
        resultaten[gemeente].aantallen.update(ingest(basis, gemeente, **opties).aantallen)
    return resultaten


def _parallel_mogelijk() -> bool:
    """Workers need their own connections to one shared database that sees what this process
    committed: PostgreSQL (SQLite has one writer at a time), outside a transaction."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def _reeksen(gemeenten: list[str], in_een_proces: set[str]) -> Iterator[tuple[list[str], bool]]:
    """The gemeenten in their order, in runs for the workers and single ones for one process:
    every aanbieder's messages keep the order in which one process would see them."""
    reeks: list[str] = []
    for gemeente in gemeenten:
        if gemeente not in in_een_proces:
            reeks.append(gemeente)
            continue
        if reeks:
            yield reeks, True
            reeks = []
        yield [gemeente], False
    if reeks:
        yield reeks, True


def _draai_werkers(verdeling: Verdeling, basis: Path | str, opties: dict) -> dict[str, Counter]:
    context = multiprocessing.get_context("fork")  # inherits Django as set up, starts at once
    connections.close_all()  # every worker opens its own connection
    processen = []
    for werker in range(len(verdeling.paden)):
        if not verdeling.paden[werker]:
            continue
        lezer, schrijver = context.Pipe(duplex=False)
        proces = context.Process(
            target=_werker, args=(verdeling, werker, basis, opties, schrijver, os.getpid()),
            name=f"iwmo-werker-{werker}",
        )  # fmt: skip
        proces.start()
        schrijver.close()
        processen.append((proces, lezer))
    totaal: dict[str, Counter] = {}
    for proces, lezer in processen:
        try:
            uitkomst = lezer.recv()
        except EOFError:  # it stopped early; its files are still in the inbox for the rest pass
            uitkomst = {}
        proces.join()
        if proces.exitcode != 0:
            logger.error("iWmo-werker %s stopte met code %s", proces.name, proces.exitcode)
        for gemeente, aantallen in uitkomst.items():
            totaal.setdefault(gemeente, Counter()).update(aantallen)
    return totaal


def _werker(verdeling, werker, basis, opties, schrijver, ouder: int) -> None:  # pragma: no cover
    """The worker process (coverage does not follow the fork; tests call :func:`werk`)."""
    _sterf_met_ouder(ouder)
    try:
        schrijver.send(werk(verdeling, werker, basis, **opties))
    finally:
        connections.close_all()


def _sterf_met_ouder(ouder: int) -> None:  # pragma: no cover - in the worker process
    """A worker never outlives the command that started it (kill -9): on Linux the kernel sends
    it SIGKILL when the parent dies, so a rerun never meets a worker of the old run."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != ouder:  # the parent died before that
        os._exit(1)


def _verwerk_groep_per_bericht(
    groep: list[Path], m: Mappen, gemeente: str, *, pauze: float, **opties: Any
) -> Counter:
    """The careful way: one savepoint per message; a message that fails stays in the inbox
    (for the next run) and never costs the others their work."""
    aantallen: Counter = Counter()
    verwerkt = []
    with transaction.atomic():
        for pad in groep:
            try:
                status = verwerk_bestand(
                    pad, m, gemeente, archiveren=False, duurzaam=False, **opties
                )
            except Exception:
                logger.exception("iWmo-bericht %s kon niet worden verwerkt", pad)
                status = "fout"
            else:
                verwerkt.append(pad)
            aantallen[status] += 1
            if pauze:
                time.sleep(pauze)
        os.sync()
    _archiveer_alle(verwerkt, m)
    return aantallen


@dataclass
class _Inkomend:
    pad: Path
    data: bytes
    sha: str
    sleutel: str
    kop: tuple[type, Any] | None
    gelezen: Voorgelezen


def _lees_bestand(pad: Path, max_bytes: int) -> _Inkomend:
    data = pad.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    gelezen = lees_vooraf(data, max_bytes=max_bytes)
    if gelezen.bericht is not None:  # the header of the model just read (checked the same way)
        kop = (type(gelezen.bericht), gelezen.bericht.header)
    else:
        kop = kop_van_root(gelezen.root) if gelezen.root is not None else None
    if kop is not None:
        header = kop[1]
        identificatie = header.bericht_identificatie.identificatie
        sleutel = f"{header.afzender}/{header.bericht_code}/{identificatie}"[:100]
    else:
        sleutel = f"sha256:{sha}"
    return _Inkomend(pad, data, sha, sleutel, kop, gelezen)


def _verwerk_groep(
    inkomend: list[_Inkomend],
    m: Mappen,
    gemeente: str,
    *,
    vandaag: date | None,
    max_bytes: int,
    afspraken: dict[str, str] | None,
    pauze: float = 0.0,
) -> Counter:
    """A whole group in the caller's transaction with a few queries: one lookup of the keys,
    one history prefetch, ``bulk_create`` of messages and findings, one upsert of the facts.
    Same outcome per message as :func:`verwerk_bestand`; the caller archives after commit."""
    if afspraken is None:
        afspraken = afspraken_van(gemeente)
    eerder: dict[str, list[Bericht]] = {}
    opgeslagen = Bericht.objects.filter(sleutel__een_van=[i.sleutel for i in inkomend]).only(
        "id", "sleutel", "inhoud_sha256", "dubbel_van_id", "retour_geschreven_op",
        "retour_bestandsnaam",
    )  # fmt: skip
    for b in opgeslagen.order_by():  # at most one per key and content: no sort needed
        eerder.setdefault(b.sleutel, []).append(b)
    historie = DatabaseHistorie()
    historie.voorbereiden_alle([i.gelezen.bericht for i in inkomend if i.gelezen.bericht])
    nieuw: list[Bericht] = []
    bevindingen: list[Bevinding] = []
    aantallen: Counter = Counter()
    for item in inkomend:
        if pauze:
            time.sleep(pauze)
        vorige = eerder.get(item.sleutel, [])
        zelfde = next((b for b in vorige if b.inhoud_sha256 == item.sha), None)
        if zelfde is not None:  # a resend (earlier or in this group), or a rerun after a crash
            if zelfde.pk is not None:
                _schrijf_retour(zelfde, m)
            aantallen["al-verwerkt"] += 1
            continue
        bestaand = next((b for b in vorige if b.dubbel_van_id is None), None)
        if bestaand is not None and bestaand.pk is None:  # TR056 within the group: needs its id
            _bewaar_groep(nieuw, bevindingen, historie)
        bericht, eigen = _beoordeel(
            item, bestaand, gemeente, vandaag, max_bytes, afspraken, historie, m
        )
        nieuw.append(bericht)
        bevindingen.extend(eigen)
        eerder.setdefault(item.sleutel, []).append(bericht)
        aantallen[bericht.status] += 1
    _bewaar_groep(nieuw, bevindingen, historie)
    return aantallen


def _bewaar_groep(nieuw: list[Bericht], bevindingen: list[Bevinding], historie) -> None:
    if nieuw and connection.vendor == "postgresql":
        _kopieer_berichten(nieuw, bevindingen)
    elif nieuw:
        if connection.features.can_return_rows_from_bulk_insert:
            Bericht.objects.bulk_create(nieuw)
        else:  # pragma: no cover - SQLite before 3.35 returns no ids
            for bericht in nieuw:
                bericht.save(force_insert=True)
        Bevinding.objects.bulk_create(bevindingen)  # Django takes over the new message ids
    historie.flush()
    nieuw.clear()
    bevindingen.clear()


# --- storing on PostgreSQL without the ORM's insert path ---------------------------------------
#
# ``bulk_create`` of ~100 rows of ~6 KB cost ~0.35 ms per message in Django's SQL compiler and
# psycopg's client-side parameter binding (escaping every bytea). The same rows go through
# ``COPY`` (messages, findings) and one server-side bound upsert (facts), on Django's connection
# and in its transaction. The models stay the source of truth: table, columns and value
# preparation come from ``_meta``.

# Fields whose Python value psycopg adapts as is (their ``get_db_prep_save`` changes nothing).
_ONGEWIJZIGD = (
    models.CharField, models.TextField, models.BinaryField, models.DateField,
    models.IntegerField, models.ForeignKey,
)  # fmt: skip


def _velden(model: type[models.Model], *, met_pk: bool) -> list[models.Field]:
    return [v for v in model._meta.concrete_fields if met_pk or not v.primary_key]


def _waarden(velden: list[models.Field]) -> Callable[[models.Model], list[Any]]:
    """The row of an object as ``save`` would store it: ``pre_save`` where a field overrides it
    (``auto_now_add``...), ``get_db_prep_save`` where psycopg cannot take the value as is."""
    plan = [
        (
            veld.attname,
            veld if type(veld).pre_save is not models.Field.pre_save else None,
            None if isinstance(veld, _ONGEWIJZIGD) else veld,
        )
        for veld in velden
    ]

    def rij(obj: models.Model) -> list[Any]:
        uit = []
        for attname, vooraf, omzetten in plan:
            waarde = vooraf.pre_save(obj, True) if vooraf else getattr(obj, attname)
            uit.append(omzetten.get_db_prep_save(waarde, connection) if omzetten else waarde)
        return uit

    return rij


def _kopieer(cursor: Any, model: type[models.Model], objecten: list, *, met_pk: bool) -> None:
    velden = _velden(model, met_pk=met_pk)
    qn = connection.ops.quote_name
    kolommen = ", ".join(qn(v.column) for v in velden)
    sql = f"COPY {qn(model._meta.db_table)} ({kolommen}) FROM STDIN (FORMAT BINARY)"
    rij = _waarden(velden)
    with cursor.copy(sql) as kopie:
        kopie.set_types([_db_type(v) for v in velden])
        for obj in objecten:
            kopie.write_row(rij(obj))


def _db_type(veld: models.Field) -> str:
    """The column type without its modifier ("varchar(100)" -> "varchar"), for psycopg."""
    return veld.db_type(connection).split("(")[0]


def _ruwe_cursor() -> Any:
    """A psycopg cursor with server-side binding on Django's connection (same transaction)."""
    import psycopg

    connection.ensure_connection()
    return psycopg.Cursor(connection.connection)


def _kopieer_berichten(nieuw: list[Bericht], bevindingen: list[Bevinding]) -> None:
    tabel, pk = Bericht._meta.db_table, Bericht._meta.pk
    with connection.wrap_database_errors, _ruwe_cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [tabel, pk.column, len(nieuw)],
        )
        for bericht, (nummer,) in zip(nieuw, sorted(cursor.fetchall()), strict=True):
            bericht.pk = nummer
        for bevinding in bevindingen:
            bevinding.bericht_id = bevinding.bericht.pk
        _kopieer(cursor, Bericht, nieuw, met_pk=True)
        _kopieer(cursor, Bevinding, bevindingen, met_pk=False)
    for bericht in nieuw:
        bericht._state.adding, bericht._state.db = False, connection.alias


def _bewaar_feiten(nieuw: dict[tuple[str, str], tuple[str, str, str, dict]]) -> None:
    """Insert or update the facts by soort + sleutel."""
    namen = ["soort", "sleutel", "gemeente", "aanbieder", "bsn", "gegevens"]
    if connection.vendor != "postgresql":
        Feit.objects.bulk_create(
            [
                Feit(**dict(zip(namen, sleutel + waarden, strict=True)))
                for sleutel, waarden in nieuw.items()
            ],
            update_conflicts=True,
            unique_fields=namen[:2],
            update_fields=namen[2:],
        )
        return
    qn = connection.ops.quote_name
    velden = [Feit._meta.get_field(naam) for naam in namen]
    kolommen = [qn(v.column) for v in velden]
    tabel, alle, uniek = qn(Feit._meta.db_table), ", ".join(kolommen), ", ".join(kolommen[:2])
    lijsten = ", ".join(f"%b::{_db_type(v)}[]" for v in velden)  # binary: no quoting
    bijwerken = ", ".join(f"{k} = EXCLUDED.{k}" for k in kolommen[2:])
    # Names from the model only; every value is bound by the server.
    sql = f"INSERT INTO {tabel} ({alle}) SELECT * FROM unnest({lijsten}) "  # noqa: S608
    sql += f"ON CONFLICT ({uniek}) DO UPDATE SET {bijwerken}"
    gegevens = velden[-1]
    kolomwaarden: list[list] = [[] for _ in velden]
    for sleutel, (g, a, b, w) in nieuw.items():
        rij = (*sleutel, g, a, b, gegevens.get_db_prep_save(w, connection))
        for lijst, waarde in zip(kolomwaarden, rij, strict=True):
            lijst.append(waarde)
    with connection.wrap_database_errors, _ruwe_cursor() as cursor:
        cursor.execute(sql, kolomwaarden)


def verwerk_bestand(
    pad: Path,
    m: Mappen,
    gemeente: str,
    *,
    vandaag: date | None = None,
    max_bytes: int = MAX_BERICHT_BYTES,
    afspraken: dict[str, str] | None = None,
    archiveren: bool = True,
    duurzaam: bool = True,
) -> str:
    """Process one inbox file; returns the outcome (a :class:`~.models.BerichtStatus` or
    ``al-verwerkt``). ``archiveren=False`` leaves the archiving to the caller (after its
    commit); ``duurzaam=False`` skips the fsync of the retour file (the caller syncs)."""
    data = pad.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    kop = lees_kop(data, max_bytes=max_bytes)
    if kop is not None:
        header = kop[1]
        identificatie = header.bericht_identificatie.identificatie
        sleutel = f"{header.afzender}/{header.bericht_code}/{identificatie}"[:100]
    else:
        sleutel = f"sha256:{sha}"

    eerder = list(
        Bericht.objects.filter(sleutel=sleutel).only(
            "id", "inhoud_sha256", "dubbel_van_id", "retour_geschreven_op", "retour_bestandsnaam"
        )
    )
    zelfde = next((b for b in eerder if b.inhoud_sha256 == sha), None)
    if zelfde is not None:  # a resend, or a restart after a crash between commit and archive
        _schrijf_retour(zelfde, m)
        if archiveren:
            _archiveer(pad, m)
        return "al-verwerkt"
    bestaand = next((b for b in eerder if b.dubbel_van_id is None), None)
    if afspraken is None:
        afspraken = afspraken_van(gemeente)
    try:
        with transaction.atomic():
            bericht = _beoordeel_en_bewaar(
                data, sha, sleutel, kop, bestaand, pad.name, gemeente, vandaag, max_bytes,
                afspraken, m, duurzaam,
            )  # fmt: skip
    except IntegrityError:
        # Another run stored the same message between our check and our insert: theirs counts.
        return "al-verwerkt"
    if archiveren:
        _archiveer(pad, m)
    return bericht.status


def _beoordeel_en_bewaar(
    data, sha, sleutel, kop, bestaand, naam, gemeente, vandaag, max_bytes, afspraken, m, duurzaam
):
    item = _Inkomend(Path(naam), data, sha, sleutel, kop, data)  # type: ignore[arg-type]
    historie = DatabaseHistorie()
    bericht, _ = _beoordeel(
        item, bestaand, gemeente, vandaag, max_bytes, afspraken, historie, m, duurzaam=duurzaam,
        bewaren=True,
    )  # fmt: skip
    return bericht


def _beoordeel(
    item: _Inkomend,
    bestaand: Bericht | None,
    gemeente: str,
    vandaag: date | None,
    max_bytes: int,
    afspraken: dict[str, str],
    historie: DatabaseHistorie,
    m: Mappen,
    *,
    duurzaam: bool = False,
    bewaren: bool = False,
) -> tuple[Bericht, list[Bevinding]]:
    """Assess one message against ``historie`` and write its retour to the outbox; returns the
    ``Bericht`` and its ``Bevinding``s (saved when ``bewaren``, else for a bulk insert)."""
    data, sha, sleutel, kop, naam = item.data, item.sha, item.sleutel, item.kop, item.pad.name
    variant = Variant.INSPANNINGSGERICHT
    velden: dict[str, Any] = {}
    if kop is not None:
        cls, header = kop
        richting_a_naar_g = cls.BERICHT in ("wmo305", "wmo307", "wmo315", "wmo317", "wmo323")
        aanbieder = header.afzender if richting_a_naar_g else header.ontvanger
        variant = variant_voor(gemeente, aanbieder, afspraken)
        velden = {
            "berichttype": cls.BERICHT,
            "afzender": header.afzender[:20],
            "ontvanger": header.ontvanger[:20],
            "identificatie": header.bericht_identificatie.identificatie[:40],
            "dagtekening": header.bericht_identificatie.dagtekening,
        }
        historie.weet_bericht(
            kop[0].BERICHT, header.afzender, header.bericht_identificatie.identificatie,
            bekend=bestaand is not None,
        )  # fmt: skip
    uitkomst = beoordeel(
        item.gelezen,
        historie=historie,
        variant=variant,
        vandaag=vandaag,
        max_bytes=max_bytes,
        officieel=officiele_controle(),
    )
    if uitkomst.retour is not None:
        status = BerichtStatus.GEACCEPTEERD if uitkomst.geldig else BerichtStatus.AFGEKEURD
    elif uitkomst.bericht is not None:
        status = BerichtStatus.RETOUR
    else:
        status = BerichtStatus.ONLEESBAAR
    retour_naam = ""
    if uitkomst.xml is not None:
        retour_naam = f"{type(uitkomst.retour).BERICHT.upper()}_{_veilig(sleutel)}_{sha[:8]}.xml"
    bericht = Bericht(
        gemeente=gemeente,
        sleutel=sleutel,
        bestandsnaam=naam[:255],
        inhoud=data[:max_bytes],  # an oversized file stays whole in the archive
        inhoud_sha256=sha,
        status=status,
        variant=variant if kop is not None else "",
        dubbel_van=bestaand,
        retour_xml=uitkomst.xml,
        retour_bestandsnaam=retour_naam,
        retourcodes=" ".join(uitkomst.retourcodes)[:400],
        retour_geschreven_op=timezone.now() if uitkomst.xml is not None else None,
        **velden,
    )
    if bewaren:
        bericht.save(force_insert=True)
        historie.flush()
    bevindingen = [
        Bevinding(
            bericht=bericht,
            regel=f.rule[:20],
            xpath=f.xpath[:500],
            melding=f.message,
            ernst=str(f.severity),
            retourcode=retourcode(f) if f.severity is Ernst.FOUT else "",
        )
        for f in uitkomst.bevindingen
    ]
    if bewaren:
        Bevinding.objects.bulk_create(bevindingen)
    if uitkomst.xml is not None:
        # Inside the transaction: once committed, the retour is in the outbox. A crash before
        # the commit leaves a retour that the rerun overwrites with the same name.
        _schrijf_bestand(m.outbox, retour_naam, uitkomst.xml, duurzaam=duurzaam)
    return bericht, bevindingen


class NietVerzonden(Exception):
    """An own message (301/319) that fails validation is not sent; ``bevindingen`` says why."""

    def __init__(self, bevindingen: list) -> None:
        super().__init__("Het bericht is ongeldig en is niet verzonden.")
        self.bevindingen = bevindingen


def verstuur(
    basis: Path | str, gemeente: str, data: bytes, *, vandaag: date | None = None
) -> Bericht:
    """Send an own message (301, 319 or a 325 we made): validate it against the history, store
    it, register its facts (so later starts and claims can refer to it) and put it in the outbox.

    Raises :class:`NietVerzonden` with the findings when it is not valid; nothing is stored then.
    """
    m = mappen(basis, gemeente)
    kop = lees_kop(data)
    with transaction.atomic():
        historie = DatabaseHistorie()
        uitkomst = beoordeel(
            data, historie=historie, vandaag=vandaag, officieel=officiele_controle()
        )
        if kop is None or uitkomst.bericht is None or not uitkomst.geldig:
            raise NietVerzonden(uitkomst.bevindingen)
        cls, header = kop
        identificatie = header.bericht_identificatie.identificatie
        sleutel = f"{header.afzender}/{header.bericht_code}/{identificatie}"
        naam = f"{cls.BERICHT.upper()}_{_veilig(sleutel)}.xml"
        bericht = Bericht.objects.create(
            gemeente=gemeente,
            sleutel=sleutel,
            berichttype=cls.BERICHT,
            afzender=header.afzender,
            ontvanger=header.ontvanger,
            identificatie=identificatie,
            dagtekening=header.bericht_identificatie.dagtekening,
            bestandsnaam=naam,
            inhoud=data,
            inhoud_sha256=hashlib.sha256(data).hexdigest(),
            status=BerichtStatus.VERZONDEN,
            retour_xml=data,  # what goes to the outbox
            retour_bestandsnaam=naam,
            retour_geschreven_op=timezone.now(),
        )
        historie.flush()
        _schrijf_bestand(m.outbox, naam, data)
    return bericht


def _veilig(tekst: str) -> str:
    return "".join(t if t.isalnum() or t in "-" else "_" for t in tekst)[:80]


def _schrijf_bestand(map_: Path, naam: str, inhoud: bytes, *, duurzaam: bool = True) -> None:
    """Write ``map_/naam`` atomically: a reader sees the whole file or none (fsync first when
    ``duurzaam``). An unnamed file in the folder that gets its name once written (one change
    of the folder instead of two, which matters with workers writing into the same outbox, and
    nothing left by a crash); a temporary file and a rename where that is not possible or the
    name exists already (a rewrite)."""
    if _schrijf_naamloos(map_, naam, inhoud, duurzaam=duurzaam):
        return
    tijdelijk = map_ / f".tmp-{naam}"
    with open(tijdelijk, "wb") as bestand:
        bestand.write(inhoud)
        if duurzaam:
            bestand.flush()
            os.fsync(bestand.fileno())
    os.replace(tijdelijk, map_ / naam)


def _schrijf_naamloos(map_: Path, naam: str, inhoud: bytes, *, duurzaam: bool) -> bool:
    try:
        bestand = os.open(map_, os.O_TMPFILE | os.O_WRONLY, 0o666)
    except (AttributeError, OSError):  # not Linux, or a filesystem without O_TMPFILE
        return False
    try:
        with os.fdopen(bestand, "wb", closefd=False) as schrijver:
            schrijver.write(inhoud)
        if duurzaam:
            os.fsync(bestand)
        doelmap = os.open(map_, os.O_RDONLY)
        try:  # linkat(AT_SYMLINK_FOLLOW) of the open file: see open(2) on O_TMPFILE
            os.link(f"/proc/self/fd/{bestand}", naam, dst_dir_fd=doelmap, follow_symlinks=True)
        finally:
            os.close(doelmap)
    except OSError:  # the name exists (FileExistsError), or no /proc: the other way
        return False
    finally:
        os.close(bestand)
    return True


def _schrijf_retour(bericht: Bericht, m: Mappen) -> None:
    """Write a stored retour that was not written yet to the outbox (deterministic name)."""
    if bericht.retour_geschreven_op is not None or not bericht.retour_bestandsnaam:
        return
    _schrijf_bestand(m.outbox, bericht.retour_bestandsnaam, bytes(bericht.retour_xml))
    bericht.retour_geschreven_op = timezone.now()
    Bericht.objects.filter(pk=bericht.pk).update(retour_geschreven_op=bericht.retour_geschreven_op)


def _archiveer_alle(paden: list[Path], m: Mappen) -> None:
    """Archive ``paden``, holding the archive's lock: a worker for other aanbieders may archive
    into the same folder, and two files must never get the same free name."""
    if not paden:
        return
    map_ = os.open(m.archief, os.O_RDONLY)
    try:
        fcntl.flock(map_, fcntl.LOCK_EX)  # released on close, also when the process is killed
        for pad in paden:
            _archiveer(pad, m)
    finally:
        os.close(map_)


def _archiveer(pad: Path, m: Mappen) -> None:
    doel = m.archief / pad.name
    teller = 1
    while doel.exists():
        doel = m.archief / f"{pad.stem}.{teller}{pad.suffix}"
        teller += 1
    os.replace(pad, doel)
