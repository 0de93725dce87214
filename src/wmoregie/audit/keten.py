"""Hash chains for append-only logs (the audit log, a procedure's status history).

Every entry stores ``volgnummer`` (1, 2, 3, … within its chain), the hash of the previous entry
(``vorige_hash``; :data:`BEGIN` for the first) and its own ``hash``: SHA-256 over a canonical
encoding of its content plus ``vorige_hash``. Changing, removing or reordering an entry breaks
the chain from that entry on; :func:`controleer` finds the first break.

Appending (:func:`voeg_toe`) is safe with concurrent writers: on PostgreSQL a transaction-level
advisory lock per chain serialises the read of the last entry and the insert until commit; on
any database the unique ``volgnummer`` per chain refuses a fork instead of storing one.

The encoding is versioned (:data:`VERSIE`) and must never change for existing entries.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

VERSIE = "wmoregie-keten-1"
BEGIN = "0" * 64


def _canoniek(waarde):
    """A value as JSON can carry it unambiguously: strings and numbers tagged (a number read
    back from PostgreSQL's jsonb may come back as int where a float went in), datetimes in UTC."""
    if waarde is None or isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, str):
        return "s:" + waarde
    if isinstance(waarde, int | float | Decimal):
        getal = Decimal(repr(waarde)) if isinstance(waarde, float) else Decimal(waarde)
        return "n:" + format(getal.normalize(), "f") if getal else "n:0"
    if isinstance(waarde, datetime):
        return "t:" + waarde.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(waarde, dict):
        return {str(k): _canoniek(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_canoniek(v) for v in waarde]
    raise TypeError(f"geen ketenwaarde: {type(waarde).__name__}")


def bereken_hash(vorige_hash: str, inhoud: dict) -> str:
    """SHA-256 (hex) of the canonical content with the previous entry's hash."""
    tekst = json.dumps(
        [VERSIE, vorige_hash, _canoniek(inhoud)],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(tekst.encode()).hexdigest()


class Ketenlid(models.Model):
    """Abstract base of a chained log entry. Subclasses name their hashed fields
    (``KETENVELDEN``) and, when the model holds several chains, the field that tells them
    apart (``KETEN_OP``, e.g. the procedure)."""

    KETENVELDEN: tuple[str, ...] = ()
    KETEN_OP: str | None = None

    volgnummer = models.PositiveBigIntegerField(_("volgnummer"), editable=False)
    vorige_hash = models.CharField(_("hash van de vorige regel"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    class Meta:
        abstract = True

    def keteninhoud(self) -> dict:
        velden = ("volgnummer", *((self.KETEN_OP,) if self.KETEN_OP else ()), *self.KETENVELDEN)
        return {veld: getattr(self, veld) for veld in velden}

    def berekende_hash(self) -> str:
        return bereken_hash(self.vorige_hash, self.keteninhoud())

    def voor_koppelen(self) -> None:
        """Hook: set what depends on the moment of appending (a timestamp), under the lock."""

    @classmethod
    def ketens(cls) -> Iterator[Keten]:
        """The chains this model holds, for ``verifieer_auditlog``. One by default."""
        yield Keten(
            cls._meta.db_table, capfirst(cls._meta.verbose_name_plural), cls._default_manager
        )


@dataclass(frozen=True)
class Keten:
    """One chain to check: a stable ``sleutel`` (for anchors), a name for people, its rows,
    and optionally a check of its last entry against the data it logs (a removed tail)."""

    sleutel: str
    naam: str
    rijen: models.QuerySet | models.Manager
    kop_klopt: Callable[[Ketenlid | None], str | None] | None = None


def _slotsleutel(model: type[Ketenlid], keten: int) -> tuple[int, int]:
    # Two signed 32-bit keys: the table and the chain within it.
    tabel = zlib.crc32(model._meta.db_table.encode()) - 2**31
    return tabel, keten % 2**31


def voeg_toe(lid: Ketenlid) -> Ketenlid:
    """Append ``lid`` to the end of its chain and insert it. Call inside the transaction of
    the action it records; the chain is locked until that transaction ends."""
    return voeg_toe_alle([lid])[0]


def voeg_toe_alle(leden: list[Ketenlid]) -> list[Ketenlid]:
    """Append ``leden``, in order, to the end of their one chain: one lock, one read of the
    last entry and one insert for all (a list page logs one entry per client it shows)."""
    if not leden:
        return []
    model = type(leden[0])
    keten = getattr(leden[0], model.KETEN_OP) if model.KETEN_OP else None
    if any(type(lid) is not model for lid in leden) or (
        model.KETEN_OP and any(getattr(lid, model.KETEN_OP) != keten for lid in leden)
    ):
        raise ValueError("voeg_toe_alle: alle leden horen bij dezelfde keten")
    database = leden[0]._state.db or "default"
    with transaction.atomic(using=database):
        verbinding = transaction.get_connection(using=database)
        if verbinding.vendor == "postgresql":
            with verbinding.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s, %s)", _slotsleutel(model, keten or 0)
                )
        rijen = model._default_manager.using(database).order_by("-volgnummer")
        if model.KETEN_OP:
            rijen = rijen.filter(**{model.KETEN_OP: keten})
        laatste = rijen.values_list("volgnummer", "hash").first()
        volgnummer, vorige_hash = laatste if laatste else (0, BEGIN)
        for lid in leden:
            lid.volgnummer, lid.vorige_hash = volgnummer + 1, vorige_hash
            lid.voor_koppelen()
            lid.hash = lid.berekende_hash()
            volgnummer, vorige_hash = lid.volgnummer, lid.hash
        model._default_manager.using(database).bulk_create(leden)
    return leden


@dataclass(frozen=True)
class Breuk:
    """The first place a chain is broken: which entry, and what is wrong there."""

    volgnummer: int
    pk: int | None
    reden: str

    def __str__(self) -> str:
        plek = f"regel {self.volgnummer}" + (f" (id {self.pk})" if self.pk is not None else "")
        return f"{plek}: {self.reden}"


@dataclass(frozen=True)
class Anker:
    """A known entry of a chain, kept outside the database: it must still be there."""

    volgnummer: int
    hash: str


def controleer(leden: Iterable[Ketenlid], anker: Anker | None = None) -> Uitslag:
    """Walk one chain in ``volgnummer`` order and stop at the first break.

    Without an anchor only the chain itself is checked: entries removed at its end (or all of
    them) are invisible. An anchor from an earlier check catches that."""
    verwacht_nummer, vorige_hash, anker_gezien = 1, BEGIN, anker is None
    aantal, laatste = 0, None
    for lid in leden:
        breuk = None
        if lid.volgnummer != verwacht_nummer:
            if lid.volgnummer > verwacht_nummer:
                tot = lid.volgnummer - 1
                breuk = Breuk(
                    verwacht_nummer,
                    None,
                    ("ontbreekt" if tot == verwacht_nummer else f"tot en met {tot} ontbreken")
                    + f" (verwijderd); de keten gaat verder met id {lid.pk}",
                )
            else:
                breuk = Breuk(
                    verwacht_nummer,
                    lid.pk,
                    "volgnummer dubbel of teruggezet (volgorde gewijzigd)",
                )
        elif lid.vorige_hash != vorige_hash:
            breuk = Breuk(
                lid.volgnummer,
                lid.pk,
                "de verwijzing naar de vorige regel klopt niet (een regel ervoor is verwijderd, "
                "gewijzigd of verplaatst)",
            )
        elif lid.berekende_hash() != lid.hash:
            breuk = Breuk(lid.volgnummer, lid.pk, "de inhoud is gewijzigd (hash klopt niet)")
        elif anker is not None and lid.volgnummer == anker.volgnummer:
            if lid.hash != anker.hash:
                breuk = Breuk(lid.volgnummer, lid.pk, "wijkt af van het bewaarde anker")
            anker_gezien = True
        if breuk is not None:
            return Uitslag(aantal, laatste, breuk)
        aantal, laatste = aantal + 1, lid
        verwacht_nummer, vorige_hash = lid.volgnummer + 1, lid.hash
    if not anker_gezien:
        return Uitslag(
            aantal,
            laatste,
            Breuk(
                anker.volgnummer,
                None,
                f"ontbreekt: het log eindigt bij regel {verwacht_nummer - 1} (regels aan het "
                "eind verwijderd of het log geleegd)",
            ),
        )
    return Uitslag(aantal, laatste, None)


@dataclass(frozen=True)
class Uitslag:
    aantal: int
    laatste: Ketenlid | None
    breuk: Breuk | None


def controleer_keten(keten: Keten, anker: Anker | None = None) -> Uitslag:
    """:func:`controleer` one chain, then its last entry against what it logs."""
    uitslag = controleer(keten.rijen.order_by("volgnummer", "pk").iterator(chunk_size=2000), anker)
    if uitslag.breuk is None and keten.kop_klopt is not None:
        reden = keten.kop_klopt(uitslag.laatste)
        if reden:
            volgend = uitslag.laatste.volgnummer + 1 if uitslag.laatste else 1
            return Uitslag(uitslag.aantal, uitslag.laatste, Breuk(volgend, None, reden))
    return uitslag


def alle_ketens() -> Iterator[Keten]:
    """Every chain of every installed model built on :class:`Ketenlid`."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, Ketenlid):
            yield from model.ketens()
