"""Ingest through the task engine: the inboxes split into batches per gemeente and aanbieder.

Layer 3 keeps its history per aanbieder, not per gemeente: TR056 per afzender, ReferentieAanbieder
(TR347) and DeclaratieNummer (TR333) per aanbieder over all gemeenten, deliveries per gemeente,
aanbieder and client. So the gemeente folders are not independent, but the aanbieders are: every
key that a message *from* an aanbieder reads or writes holds that aanbieder, and the toewijzingen
it checks are written only by 301s.

:func:`ingest_alle` therefore shares the aanbieders out over as many parts as the worker pool has
processes (the busiest aanbieder first, each to the least busy part), and cuts the inboxes into
**inbox batches**: the files of one part's aanbieders in the inbox of one gemeente (task
``iwmo.ingest_batch``; large batches, so the groups per transaction stay large). The batches of
one part form a chain in the order of the gemeenten, so every aanbieder's messages meet each other
in the order one process would see them; the chains run side by side in the worker pool of the
task engine, each batch with its own database connection and the group transactions of
:func:`~.verwerking.ingest`. What the batches do not take is done after them, per gemeente and in
order (task ``iwmo.ingest_inbox``): retours and unreadable files (they share no history with the
aanbieders' messages), and, in its place in the order of the gemeenten, a whole gemeente whose
inbox holds a 301, a 319 (it reads the ReferentieAanbieder of a 315/317, TR355) or a message that
cannot be placed (the order inside it counts for all). The outcome is that of one process.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import connection

from celery import chain, group
from iwmo.berichten import BERICHTTYPEN, RETOURTYPEN
from iwmo.retour import lees_kop
from iwmo.safexml import MAX_BERICHT_BYTES

from .mappen import inbox_bestanden, mappen, ruim_op
from .verwerking import Resultaat, _Inkomend, _verwerk

logger = logging.getLogger(__name__)

WACHTRIJ = "iwmo"
VERLOOPT_NA = 3600
"""Seconds after which a batch still waiting in the queue is dropped (a batch of a run that was
killed must not run much later; its files are still in the inbox for the next run)."""

VAN_AANBIEDER = frozenset({"wmo305", "wmo307", "wmo315", "wmo317", "wmo323"})
_CODE_VAN_AANBIEDER = {c.BERICHTCODE for c in BERICHTTYPEN.values() if c.BERICHT in VAN_AANBIEDER}
_CODE_LOS = {c.BERICHTCODE for c in RETOURTYPEN.values()}
_KOPVELD = {
    naam: re.compile(rb"<(?:[\w.-]+:)?" + naam.encode() + rb">([^<]*)</")
    for naam in ("BerichtCode", "Afzender")
}


def snelle_kop(data: bytes) -> tuple[str, str] | None:
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
    """Per aanbieder its files per gemeente (in name order), and the gemeenten whose inbox goes
    to one task as a whole (a 301 in it, or a message the scan cannot place)."""

    paden: dict[str, dict[str, list[Path]]]
    in_een_proces: set[str] = field(default_factory=set)

    def ketens(self, gemeenten: list[str], delen: int) -> list[list[Batch]]:
        """The aanbieders in at most ``delen`` parts (the busiest aanbieder first, each to the
        least busy part), and per part its batches among ``gemeenten``, in their order."""
        aantal = {
            a: sum(len(per_gemeente.get(g, [])) for g in gemeenten)
            for a, per_gemeente in self.paden.items()
        }
        last = [0] * max(1, delen)
        deel_van: dict[str, int] = {}
        for aanbieder, n in sorted(aantal.items(), key=lambda an: (-an[1], an[0])):
            if n:
                deel_van[aanbieder] = d = last.index(min(last))
                last[d] += n
        uit = []
        for d in range(len(last)):
            leden = sorted(a for a, deel in deel_van.items() if deel == d)
            keten = []
            for gemeente in gemeenten:
                paden = sorted(p for a in leden for p in self.paden[a].get(gemeente, []))
                if paden:
                    keten.append(Batch(gemeente, leden, paden))
            if keten:
                uit.append(keten)
        return uit


@dataclass(frozen=True)
class Batch:
    """One inbox batch: the files of ``aanbieders`` in the inbox of ``gemeente``, in name order."""

    gemeente: str
    aanbieders: list[str]
    paden: list[Path]


def verdeel(
    basis: Path | str, gemeenten: list[str], *, max_bytes: int = MAX_BERICHT_BYTES
) -> Verdeling:
    """Sort the files of the inboxes of ``gemeenten`` by aanbieder. Reads the start of every
    file once; a gemeente with a 301 or a file the scan cannot place goes whole to one task."""
    paden: dict[str, dict[str, list[Path]]] = {}
    in_een_proces: set[str] = set()
    for gemeente in gemeenten:
        indeling: list[tuple[Path, str]] = []
        for pad in inbox_bestanden(mappen(basis, gemeente)):
            try:
                bestand = os.open(pad, os.O_RDONLY)
                try:
                    begin = os.read(bestand, 16 * 1024)  # the header is at the start
                finally:
                    os.close(bestand)
                kop = snelle_kop(begin)
                if kop is None:  # unusual: read the header the real way
                    echt = lees_kop(pad.read_bytes(), max_bytes=max_bytes)
                    kop = (echt[0].BERICHTCODE, echt[1].afzender) if echt else None
                aanbieder = _indeling(*(kop or (None, None)))
            except OSError:
                aanbieder = None  # unknown: the one task reads it (and reports why not)
            if aanbieder is None:  # a 301 (or unknown): this whole inbox in one task
                in_een_proces.add(gemeente)
                indeling = []
                break
            if aanbieder:
                indeling.append((pad, aanbieder))
        for pad, aanbieder in indeling:
            paden.setdefault(aanbieder, {}).setdefault(gemeente, []).append(pad)
    return Verdeling(paden, in_een_proces)


def ingest_batch(
    basis: Path | str,
    gemeente: str,
    aanbieders: list[str],
    paden: list[Path],
    *,
    vandaag: date | None = None,
    pauze: float = 0.0,
    max_bytes: int = MAX_BERICHT_BYTES,
    per_transactie: int = 1,
) -> Counter:
    """One inbox batch (in the worker that runs the task): ``paden`` of ``aanbieders`` in the
    inbox of ``gemeente``, in groups as :func:`~.verwerking.ingest`. A file whose real header
    names another afzender than the scan found, or that is gone (another run took it), stays
    for the pass after the batches."""

    def eigen(item: _Inkomend) -> bool:
        kop = item.kop
        return kop is not None and kop[0].BERICHT in VAN_AANBIEDER and kop[1].afzender in eigenaars

    eigenaars = set(aanbieders)

    aanwezig = [pad for pad in paden if pad.exists()]
    m = mappen(basis, gemeente)
    return _verwerk(
        aanwezig, m, gemeente, eigen=eigen, vandaag=vandaag, pauze=pauze, max_bytes=max_bytes,
        per_transactie=per_transactie,
    ).aantallen  # fmt: skip


def ingest_alle(
    basis: Path | str,
    gemeenten: list[str],
    *,
    verdelen: bool | None = None,
    delen: int = 2,
    vandaag: date | None = None,
    pauze: float = 0.0,
    max_bytes: int = MAX_BERICHT_BYTES,
    per_transactie: int = 1,
) -> dict[str, Resultaat]:
    """Ingest the inboxes of ``gemeenten``, in this order, as tasks of the task engine (on its
    workers with a broker, in this process without one) and wait for them. With ``verdelen``
    (default: when there are workers and the database is PostgreSQL, outside a transaction) the
    inboxes go as batches per aanbieder (see the module docstring); otherwise one task per inbox.
    ``delen`` is the number of parts (chains) of the aanbieders: the number of processes of the
    worker pool. The outcome is that of one process, with the same guarantees: every batch commits its
    groups before it archives, and a batch that fails or is lost leaves its files to the pass
    after it."""
    from ..tasks import ingest_batch as batch_taak
    from ..tasks import ingest_inbox, opties_voor_taak

    opties = opties_voor_taak(
        vandaag=vandaag, pauze=pauze, max_bytes=max_bytes, per_transactie=per_transactie
    )
    basis = str(basis)
    resultaten = {gemeente: Resultaat() for gemeente in gemeenten}

    def tel(uitkomst: dict[str, dict[str, int]]) -> None:
        for gemeente, aantallen in uitkomst.items():
            resultaten[gemeente].aantallen.update(aantallen)

    if verdelen is None:
        verdelen = _verdelen_nuttig()
    verdeling = Verdeling({}, set(gemeenten))
    if verdelen:
        for gemeente in gemeenten:
            ruim_op(mappen(basis, gemeente))
        verdeling = verdeel(basis, gemeenten, max_bytes=max_bytes)
    for reeks, in_batches in _reeksen(gemeenten, verdeling.in_een_proces):
        if in_batches:
            ketens = [_keten(batch_taak, k, basis, opties) for k in verdeling.ketens(reeks, delen)]
            for uitkomst in _voer_uit(_volgorde(ketens)):
                tel(uitkomst)
        for gemeente in reeks:  # what the batches left (retours...), or the whole inbox
            tel(ingest_inbox.apply_async((basis, gemeente, opties), expires=VERLOOPT_NA).get())
    return resultaten


def _keten(taak, keten: list[Batch], basis: str, opties: dict) -> chain:
    """The batches of one part as a chain: each starts when the one before it is done and gets
    its counts (the first starts from nothing)."""
    stappen = [
        taak.s(
            *([{}] if i == 0 else []),
            basis,
            b.gemeente,
            b.aanbieders,
            [str(p) for p in b.paden],
            opties,
        )
        for i, b in enumerate(keten)
    ]
    return chain(*(stap.set(expires=VERLOOPT_NA) for stap in stappen))


def _volgorde(ketens: list) -> list:
    """The order in which the chains are handed to the engine (tests reverse it)."""
    return ketens


def _voer_uit(ketens: list[chain]) -> list[dict[str, dict[str, int]]]:
    """Run the chains side by side (in-process without a broker: one after the other) and wait
    for them. A chain that fails or expires is logged, and what it did not do is left to the
    pass per gemeente after it."""
    from ...celery import met_broker

    resultaten = []
    try:
        if met_broker():
            resultaten = group(ketens).apply_async().results if ketens else []
        else:
            for keten in ketens:
                try:
                    resultaten.append(keten.apply_async())
                except Exception:  # in-process the failure surfaces here
                    logger.exception(
                        "iWmo-batch mislukt; de inbox wordt daarna per gemeente verwerkt"
                    )
    except Exception:
        logger.exception("iWmo-batches niet verstuurd; de inboxen worden per gemeente verwerkt")
    uit = []
    for resultaat in resultaten:
        try:
            uit.append(resultaat.get())
        except Exception:
            logger.exception("iWmo-batch mislukt; de inbox wordt daarna per gemeente verwerkt")
    return uit


def _verdelen_nuttig() -> bool:
    """Batches pay off with a worker pool sharing one database that sees what the others
    committed: a broker, and PostgreSQL (SQLite has one writer at a time), outside a
    transaction."""
    from ...celery import met_broker

    return met_broker() and connection.vendor == "postgresql" and not connection.in_atomic_block


def _reeksen(gemeenten: list[str], in_een_proces: set[str]) -> Iterator[tuple[list[str], bool]]:
    """The gemeenten in their order, in runs for the batches and single ones for one task:
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
