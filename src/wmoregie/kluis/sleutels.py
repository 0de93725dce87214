"""Envelope encryption with AES-256-GCM (the ``cryptography`` package).

Every value gets its own random data key (DEK). The value is encrypted with the DEK; the DEK is
encrypted ("wrapped") with a key-encryption key (KEK) from the environment
(``WMOREGIE_KLUIS_SLEUTELS``) and stored beside it. The database and the media folder therefore
hold ciphertext and wrapped keys only; without the KEK neither reveals a byte of a submission.

The key ring lists one or more KEKs as ``id:base64`` pairs, comma-separated; the first one
encrypts new values, the others only decrypt (key rotation: ``roteer_kluissleutel`` rewraps
every stored DEK with the first KEK, after which the old one can be removed).

Layout of a sealed value::

    b"WK1" | len(kek_id) (1 byte) | kek_id | nonce (12) | wrapped DEK (48) | nonce (12) | ciphertext+tag

``context`` (e.g. ``aanbestedingen.partij.naam``) is bound to the ciphertext as associated data:
a value copied into another field does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"WK1"
_NONCE = 12
_VERPAKT = 32 + 16  # a 256-bit DEK plus the GCM tag
#: The key of ``make run`` and the tests: public, so refused in production (``checks``).
ONTWIKKELSLEUTEL_ID = "ontwikkeling"


class KluisFout(Exception):
    """A sealed value could not be opened: wrong or missing key, or the value was altered."""


@dataclass(frozen=True)
class Sleutelring:
    huidige: str
    sleutels: dict[str, AESGCM]


def _lees_ring(tekst: str) -> Sleutelring:
    sleutels: dict[str, AESGCM] = {}
    volgorde = []
    for deel in (d.strip() for d in tekst.split(",")):
        if not deel:
            continue
        sleutel_id, _, waarde = deel.partition(":")
        sleutel_id = sleutel_id.strip()
        try:
            ruw = base64.b64decode(waarde.strip(), validate=True)
        except (binascii.Error, ValueError) as fout:
            raise ImproperlyConfigured(
                f"WMOREGIE_KLUIS_SLEUTELS: sleutel {sleutel_id!r} is geen base64"
            ) from fout
        if not sleutel_id or len(sleutel_id.encode()) > 40 or len(ruw) != 32:
            raise ImproperlyConfigured(
                "WMOREGIE_KLUIS_SLEUTELS: elke sleutel is 'id:base64' met een id van hoogstens "
                "40 tekens en 32 willekeurige bytes (AES-256)"
            )
        if sleutel_id in sleutels:
            raise ImproperlyConfigured(f"WMOREGIE_KLUIS_SLEUTELS: id {sleutel_id!r} dubbel")
        sleutels[sleutel_id] = AESGCM(ruw)
        volgorde.append(sleutel_id)
    if not volgorde:
        raise ImproperlyConfigured(
            "Zet WMOREGIE_KLUIS_SLEUTELS: zonder sleutel worden inschrijvingen niet versleuteld."
        )
    return Sleutelring(volgorde[0], sleutels)


@lru_cache(maxsize=4)
def _ring_uit(tekst: str) -> Sleutelring:
    return _lees_ring(tekst)


def sleutelring() -> Sleutelring:
    return _ring_uit(settings.WMOREGIE_KLUIS_SLEUTELS)


def nieuwe_sleutel() -> str:
    """A fresh KEK in the form of the setting's value (for ``docs/security.md``)."""
    return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()


def _dek_aad(kek_id: bytes) -> bytes:
    return b"wmoregie-dek|" + kek_id


def versleutel(data: bytes, context: str) -> bytes:
    ring = sleutelring()
    kek_id = ring.huidige.encode()
    dek = AESGCM.generate_key(bit_length=256)
    nonce_kek, nonce_dek = os.urandom(_NONCE), os.urandom(_NONCE)
    verpakt = ring.sleutels[ring.huidige].encrypt(nonce_kek, dek, _dek_aad(kek_id))
    inhoud = AESGCM(dek).encrypt(nonce_dek, data, context.encode())
    return b"".join((MAGIC, bytes([len(kek_id)]), kek_id, nonce_kek, verpakt, nonce_dek, inhoud))


def _ontleed(blob: bytes) -> tuple[bytes, bytes, bytes, bytes, bytes]:
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 1:
        raise KluisFout("geen verzegelde waarde")
    lengte = blob[len(MAGIC)]
    start = len(MAGIC) + 1
    kek_id = blob[start : start + lengte]
    plek = start + lengte
    nonce_kek = blob[plek : plek + _NONCE]
    verpakt = blob[plek + _NONCE : plek + _NONCE + _VERPAKT]
    nonce_dek = blob[plek + _NONCE + _VERPAKT : plek + 2 * _NONCE + _VERPAKT]
    inhoud = blob[plek + 2 * _NONCE + _VERPAKT :]
    if len(nonce_dek) != _NONCE or len(inhoud) < 16:
        raise KluisFout("verzegelde waarde is afgekapt")
    return kek_id, nonce_kek, verpakt, nonce_dek, inhoud


def _pak_uit(kek_id: bytes, nonce_kek: bytes, verpakt: bytes) -> bytes:
    kek = sleutelring().sleutels.get(kek_id.decode(errors="replace"))
    if kek is None:
        raise KluisFout(
            f"sleutel {kek_id.decode(errors='replace')!r} ontbreekt in WMOREGIE_KLUIS_SLEUTELS"
        )
    try:
        return kek.decrypt(nonce_kek, verpakt, _dek_aad(kek_id))
    except InvalidTag as fout:
        raise KluisFout("de gegevenssleutel is niet te openen (verkeerde sleutel?)") from fout


def ontsleutel(blob: bytes, context: str) -> bytes:
    kek_id, nonce_kek, verpakt, nonce_dek, inhoud = _ontleed(blob)
    dek = _pak_uit(kek_id, nonce_kek, verpakt)
    try:
        return AESGCM(dek).decrypt(nonce_dek, inhoud, context.encode())
    except InvalidTag as fout:
        raise KluisFout("de waarde is gewijzigd of hoort bij een ander veld") from fout


def sleutel_id_van(blob: bytes) -> str:
    return _ontleed(blob)[0].decode(errors="replace")


def herverpak(blob: bytes) -> bytes:
    """The same value with its DEK wrapped by the current KEK; the ciphertext is unchanged."""
    kek_id, nonce_kek, verpakt, nonce_dek, inhoud = _ontleed(blob)
    ring = sleutelring()
    if kek_id.decode(errors="replace") == ring.huidige:
        return blob
    dek = _pak_uit(kek_id, nonce_kek, verpakt)
    nieuw_id = ring.huidige.encode()
    nieuwe_nonce = os.urandom(_NONCE)
    nieuw_verpakt = ring.sleutels[ring.huidige].encrypt(nieuwe_nonce, dek, _dek_aad(nieuw_id))
    return b"".join(
        (MAGIC, bytes([len(nieuw_id)]), nieuw_id, nieuwe_nonce, nieuw_verpakt, nonce_dek, inhoud)
    )
