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

import hashlib
import logging
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from iwmo.berichten import RETOURTYPEN
from iwmo.retour import beoordeel, kop_van_root, lees_kop, retourcode
from iwmo.safexml import MAX_BERICHT_BYTES
from iwmo.validatie import Ernst, OfficieleXsd, Voorgelezen, lees_vooraf
from iwmo.validatie.laag3 import Variant
from iwmo.validatie.officieel import officiele_xsd

from ..models import Bericht, Berichtafspraak, BerichtStatus, Bevinding
from .historie import DatabaseHistorie
from .mappen import (
    Mappen,
    archiveer,
    archiveer_alle,
    inbox_bestanden,
    mappen,
    ruim_op,
    schrijf_bestand,
    veilige_naam,
)
from .opslag import bewaar_groep

logger = logging.getLogger(__name__)


def officiele_controle() -> OfficieleXsd | None:
    """The official XSDs of the setting ``WMOREGIE_IWMO_XSD_MAP`` (empty: not asked)."""
    map_ = getattr(settings, "WMOREGIE_IWMO_XSD_MAP", "")
    return officiele_xsd(map_) if map_ else None


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
    ruim_op(m)
    return _verwerk(
        inbox_bestanden(m), m, gemeente, vandaag=vandaag, pauze=pauze, max_bytes=max_bytes,
        per_transactie=per_transactie,
    )  # fmt: skip


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
            archiveer_alle(groep, m)
        resultaat.aantallen.update(aantallen)
    return resultaat


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
    archiveer_alle(verwerkt, m)
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
        "retour_bestandsnaam", "status",
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
            bewaar_groep(nieuw, bevindingen, historie)
        bericht, eigen = _beoordeel(
            item, bestaand, gemeente, vandaag, max_bytes, afspraken, historie, m,
            ontvangen=_ontvangen(vorige),
        )  # fmt: skip
        nieuw.append(bericht)
        bevindingen.extend(eigen)
        eerder.setdefault(item.sleutel, []).append(bericht)
        aantallen[bericht.status] += 1
    bewaar_groep(nieuw, bevindingen, historie)
    return aantallen


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
            "id",
            "inhoud_sha256",
            "dubbel_van_id",
            "retour_geschreven_op",
            "retour_bestandsnaam",
            "status",
        )
    )
    zelfde = next((b for b in eerder if b.inhoud_sha256 == sha), None)
    if zelfde is not None:  # a resend, or a restart after a crash between commit and archive
        _schrijf_retour(zelfde, m)
        if archiveren:
            archiveer(pad, m)
        return "al-verwerkt"
    bestaand = next((b for b in eerder if b.dubbel_van_id is None), None)
    if afspraken is None:
        afspraken = afspraken_van(gemeente)
    try:
        with transaction.atomic():
            bericht = _beoordeel_en_bewaar(
                data, sha, sleutel, kop, bestaand, pad.name, gemeente, vandaag, max_bytes,
                afspraken, m, duurzaam, _ontvangen(eerder),
            )  # fmt: skip
    except IntegrityError:
        # Another run stored the same message between our check and our insert: theirs counts.
        return "al-verwerkt"
    if archiveren:
        archiveer(pad, m)
    return bericht.status


def _ontvangen(eerder: list[Bericht]) -> bool:
    """Whether a message with this key was received before (TR056). One refused at intake (not
    valid for the XSD, no retour) was not: its corrected resend may use the same Identificatie."""
    return any(b.status != BerichtStatus.GEWEIGERD for b in eerder)


def _beoordeel_en_bewaar(
    data, sha, sleutel, kop, bestaand, naam, gemeente, vandaag, max_bytes, afspraken, m, duurzaam,
    ontvangen,
):  # fmt: skip
    item = _Inkomend(Path(naam), data, sha, sleutel, kop, data)  # type: ignore[arg-type]
    historie = DatabaseHistorie()
    bericht, _ = _beoordeel(
        item, bestaand, gemeente, vandaag, max_bytes, afspraken, historie, m, duurzaam=duurzaam,
        bewaren=True, ontvangen=ontvangen,
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
    ontvangen: bool | None = None,
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
            bekend=bestaand is not None if ontvangen is None else ontvangen,
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
    elif uitkomst.niveau1 and kop is not None:  # IV028/IV032: stored, shown, not answered
        status = BerichtStatus.GEWEIGERD
    elif uitkomst.bericht is not None and type(uitkomst.bericht) in RETOURTYPEN.values():
        status = BerichtStatus.RETOUR
    elif uitkomst.bericht is not None:  # our retour failed our own validation: not sent
        status = BerichtStatus.NIET_BEANTWOORD
    else:
        status = BerichtStatus.ONLEESBAAR
    retour_naam = ""
    if uitkomst.xml is not None:
        retour_naam = (
            f"{type(uitkomst.retour).BERICHT.upper()}_{veilige_naam(sleutel)}_{sha[:8]}.xml"
        )
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
        schrijf_bestand(m.outbox, retour_naam, uitkomst.xml, duurzaam=duurzaam)
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
        naam = f"{cls.BERICHT.upper()}_{veilige_naam(sleutel)}.xml"
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
        schrijf_bestand(m.outbox, naam, data)
    return bericht


def _schrijf_retour(bericht: Bericht, m: Mappen) -> None:
    """Write a stored retour that was not written yet to the outbox (deterministic name)."""
    if bericht.retour_geschreven_op is not None or not bericht.retour_bestandsnaam:
        return
    schrijf_bestand(m.outbox, bericht.retour_bestandsnaam, bytes(bericht.retour_xml))
    bericht.retour_geschreven_op = timezone.now()
    Bericht.objects.filter(pk=bericht.pk).update(retour_geschreven_op=bericht.retour_geschreven_op)
