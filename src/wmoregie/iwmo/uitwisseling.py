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
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from .berichten import wmo323
from .models import Bericht, Berichtafspraak, BerichtStatus, Bevinding, Feit
from .retour import beoordeel, kop_van_root, lees_kop, retourcode
from .safexml import MAX_BERICHT_BYTES
from .validatie import Ernst, Voorgelezen, lees_vooraf
from .validatie.laag3 import Levering, LeveringStatus, Toewijzing, Variant, gemeente_en_aanbieder

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
        self._nieuw: dict[tuple[str, str], Feit] = {}
        self._toewijzingen: dict[tuple[str, str, str], list[Toewijzing]] = {}
        self._referenties: dict[tuple[str, str], bool] = {}
        self._declaraties: dict[tuple[str, str], bool] = {}

    def voorbereiden(self, bericht: Any) -> None:
        """Fetch every fact this message can ask about in one query (then answer from memory)."""
        self.voorbereiden_alle([bericht])

    def voorbereiden_alle(self, berichten: list[Any]) -> None:
        """Fetch every fact these messages can ask about in one query.

        Only what is not in memory yet is fetched, so facts written earlier by this history
        (not flushed yet, e.g. by an earlier message of the same batch) are never overwritten.
        """
        nummers: set[tuple[str, int]] = set()
        klanten: set[tuple[str, str, str]] = set()
        referenties: set[tuple[str, str]] = set()
        declaraties: set[tuple[str, str]] = set()
        for bericht in berichten:
            self._verzamel(bericht, nummers, klanten, referenties, declaraties)
        nummers = {k for k in nummers if k[1] is not None and k not in self._toewijzing}
        laad_t = {k for k in klanten if k not in self._toewijzingen}
        laad_l = {k for k in klanten if k not in self._leveringen}
        referenties -= self._referenties.keys()
        declaraties -= self._declaraties.keys()
        voorwaarde = Q(pk__in=[])
        if laad_t or laad_l:  # a superset in one simple condition; filtered below
            klanten = laad_t | laad_l
            voorwaarde |= Q(
                gemeente__in={k[0] for k in klanten},
                aanbieder__in={k[1] for k in klanten},
                bsn__in={k[2] for k in klanten},
            )
        if nummers:
            voorwaarde |= Q(soort="toewijzing", sleutel__in=[f"{g}/{n}" for g, n in nummers])
        if referenties:
            voorwaarde |= Q(soort="referentie", sleutel__in=[f"{a}/{r}" for a, r in referenties])
        if declaraties:
            voorwaarde |= Q(soort="declaratie", sleutel__in=[f"{a}/{d}" for a, d in declaraties])
        if not (laad_t or laad_l or nummers or referenties or declaraties):
            return
        feiten = list(Feit.objects.filter(voorwaarde))
        for k in nummers:
            self._toewijzing[k] = None
        for k in laad_t:
            self._toewijzingen[k] = []
        for k in laad_l:
            self._leveringen[k] = []
        for k in referenties:
            self._referenties[k] = False
        for k in declaraties:
            self._declaraties[k] = False
        for feit in feiten:
            if feit.soort == "toewijzing":
                t = _toewijzing(feit.gegevens)
                if (t.gemeente, t.nummer) in nummers:
                    self._toewijzing[(t.gemeente, t.nummer)] = t
                if (t.gemeente, t.aanbieder, t.bsn) in laad_t:
                    self._toewijzingen[(t.gemeente, t.aanbieder, t.bsn)].append(t)
            elif feit.soort == "levering":
                lev = _levering(feit.gegevens)
                if (lev.gemeente, lev.aanbieder, lev.bsn) in laad_l:
                    self._leveringen[(lev.gemeente, lev.aanbieder, lev.bsn)].append(lev)
            elif feit.soort == "referentie":
                sleutel = tuple(feit.sleutel.split("/", 1))
                if sleutel in referenties:
                    self._referenties[sleutel] = True  # type: ignore[index]
            elif feit.soort == "declaratie":
                sleutel = tuple(feit.sleutel.split("/", 1))
                if sleutel in declaraties:
                    self._declaraties[sleutel] = True  # type: ignore[index]

    @staticmethod
    def _verzamel(bericht: Any, nummers, klanten, referenties, declaraties) -> None:
        gemeente, aanbieder = gemeente_en_aanbieder(bericht)
        if isinstance(bericht, wmo323.Wmo323Bericht):
            declaraties.add((aanbieder, bericht.declaratie.declaratie_nummer))
            for client in bericht.declaratie.clienten:
                klanten.add((gemeente, aanbieder, client.bsn))
                nummers.update((gemeente, p.toewijzing_nummer) for p in client.prestaties)
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

    def referentie_bekend(self, aanbieder: str, referentie: str) -> bool:
        if (aanbieder, referentie) not in self._referenties:
            self._referenties[(aanbieder, referentie)] = Feit.objects.filter(
                soort="referentie", sleutel=f"{aanbieder}/{referentie}"
            ).exists()
        return self._referenties[(aanbieder, referentie)]

    def declaratie_bekend(self, aanbieder: str, nummer: str) -> bool:
        if (aanbieder, nummer) not in self._declaraties:
            self._declaraties[(aanbieder, nummer)] = Feit.objects.filter(
                soort="declaratie", sleutel=f"{aanbieder}/{nummer}"
            ).exists()
        return self._declaraties[(aanbieder, nummer)]

    def bewaar_bericht(self, bericht: str, afzender: str, identificatie: str) -> None:
        """Nothing to store: the exchange keeps every message in ``Bericht`` itself."""
        self._bekend[(bericht, afzender, identificatie)] = True

    def _bewaar(self, soort: str, sleutel: str, **velden: Any) -> None:
        self._nieuw[(soort, sleutel[:200])] = Feit(soort=soort, sleutel=sleutel[:200], **velden)

    def flush(self) -> None:
        """Store the collected facts (insert or update by soort + sleutel) in one query."""
        if self._nieuw:
            Feit.objects.bulk_create(
                list(self._nieuw.values()),
                update_conflicts=True,
                unique_fields=["soort", "sleutel"],
                update_fields=["gemeente", "aanbieder", "bsn", "gegevens"],
            )
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

    def bewaar_referentie(self, aanbieder: str, referentie: str) -> None:
        self._referenties[(aanbieder, referentie)] = True
        self._bewaar("referentie", f"{aanbieder}/{referentie}", aanbieder=aanbieder)

    def bewaar_declaratie(self, aanbieder: str, nummer: str) -> None:
        self._declaraties[(aanbieder, nummer)] = True
        self._bewaar("declaratie", f"{aanbieder}/{nummer}", aanbieder=aanbieder)


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
    for rest in m.outbox.glob(".tmp-*"):  # an interrupted write; the retour is rewritten below
        rest.unlink(missing_ok=True)
    resultaat = Resultaat()
    afspraken = afspraken_van(gemeente)
    paden = sorted(p for p in m.inbox.iterdir() if p.is_file() and not p.name.startswith("."))
    opties = {"vandaag": vandaag, "max_bytes": max_bytes, "afspraken": afspraken}
    if per_transactie <= 1:
        for pad in paden:
            resultaat.aantallen[verwerk_bestand(pad, m, gemeente, **opties)] += 1
            if pauze:
                time.sleep(pauze)
        return resultaat
    for i in range(0, len(paden), per_transactie):
        groep = paden[i : i + per_transactie]
        try:
            with transaction.atomic():
                aantallen = _verwerk_groep(groep, m, gemeente, pauze=pauze, **opties)
                os.sync()  # every retour of the group on disk before the commit
        except Exception:
            aantallen = _verwerk_groep_per_bericht(groep, m, gemeente, pauze=pauze, **opties)
        else:
            for pad in groep:
                _archiveer(pad, m)
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
    for pad in verwerkt:
        _archiveer(pad, m)
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
    kop = kop_van_root(gelezen.root) if gelezen.root is not None else None
    if kop is not None:
        header = kop[1]
        identificatie = header.bericht_identificatie.identificatie
        sleutel = f"{header.afzender}/{header.bericht_code}/{identificatie}"[:100]
    else:
        sleutel = f"sha256:{sha}"
    return _Inkomend(pad, data, sha, sleutel, kop, gelezen)


def _verwerk_groep(
    groep: list[Path],
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
    inkomend = [_lees_bestand(pad, max_bytes) for pad in groep]
    eerder: dict[str, list[Bericht]] = {}
    for b in Bericht.objects.filter(sleutel__in={i.sleutel for i in inkomend}).only(
        "id", "sleutel", "inhoud_sha256", "dubbel_van_id", "retour_geschreven_op",
        "retour_bestandsnaam",
    ):  # fmt: skip
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
    if nieuw:
        if connection.features.can_return_rows_from_bulk_insert:
            Bericht.objects.bulk_create(nieuw)
        else:  # pragma: no cover - every supported database returns the ids
            for bericht in nieuw:
                bericht.save(force_insert=True)
        Bevinding.objects.bulk_create(bevindingen)  # Django takes over the new message ids
    historie.flush()
    nieuw.clear()
    bevindingen.clear()


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
        uitkomst = beoordeel(data, historie=historie, vandaag=vandaag)
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
    """Write ``map_/naam`` atomically (temporary file, fsync, rename)."""
    tijdelijk = map_ / f".tmp-{naam}"
    with open(tijdelijk, "wb") as bestand:
        bestand.write(inhoud)
        if duurzaam:
            bestand.flush()
            os.fsync(bestand.fileno())
    os.replace(tijdelijk, map_ / naam)


def _schrijf_retour(bericht: Bericht, m: Mappen) -> None:
    """Write a stored retour that was not written yet to the outbox (deterministic name)."""
    if bericht.retour_geschreven_op is not None or not bericht.retour_bestandsnaam:
        return
    _schrijf_bestand(m.outbox, bericht.retour_bestandsnaam, bytes(bericht.retour_xml))
    bericht.retour_geschreven_op = timezone.now()
    Bericht.objects.filter(pk=bericht.pk).update(retour_geschreven_op=bericht.retour_geschreven_op)


def _archiveer(pad: Path, m: Mappen) -> None:
    doel = m.archief / pad.name
    teller = 1
    while doel.exists():
        doel = m.archief / f"{pad.stem}.{teller}{pad.suffix}"
        teller += 1
    os.replace(pad, doel)
