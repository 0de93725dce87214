"""Orphan files: files of the procedures in the media folder that no row refers to.

A document's file is written (and synced) inside the transaction that stores its row; when that
transaction never commits (a kill -9, a power cut, an error after the write) the file stays
behind with no row. It holds ciphertext only and is never shown, but it is garbage: this module
finds such files and removes them. A file younger than ``ouder_dan`` is left alone, since its
transaction may still be running.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from wmoregie.audit.services import record

#: The folder under MEDIA_ROOT that holds the files of the procedures.
MAP = "aanbestedingen"


def _bekende_namen() -> set[str]:
    """Every file name that any file field of any model refers to."""
    namen: set[str] = set()
    for model in apps.get_models():
        for veld in model._meta.get_fields():
            if isinstance(veld, models.FileField):
                namen.update(
                    model._default_manager.exclude(**{veld.name: ""})
                    .values_list(veld.name, flat=True)
                    .iterator()
                )
    return namen


def zoek_weesbestanden(ouder_dan: timedelta = timedelta(hours=1)) -> list[str]:
    """The orphan files (names relative to MEDIA_ROOT), oldest first."""
    basis = Path(settings.MEDIA_ROOT)
    map_ = basis / MAP
    if not map_.is_dir():
        return []
    grens = time.time() - ouder_dan.total_seconds()
    bekend = _bekende_namen()
    gevonden = []
    for pad in map_.rglob("*"):
        if pad.is_file() and not pad.is_symlink():
            naam = pad.relative_to(basis).as_posix()
            tijd = pad.stat().st_mtime
            if naam not in bekend and tijd < grens:
                gevonden.append((tijd, naam))
    return [naam for _, naam in sorted(gevonden)]


def ruim_weesbestanden_op(namen: list[str], *, gebruiker=None) -> int:
    """Remove ``namen`` (from :func:`zoek_weesbestanden`) that are still orphans; audit-logged."""
    bekend = _bekende_namen()
    basis = Path(settings.MEDIA_ROOT)
    weg = []
    for naam in namen:
        if naam in bekend:  # a row came after all
            continue
        try:
            os.unlink(basis / naam)
        except FileNotFoundError:
            continue
        weg.append(naam)
    if weg:
        record(
            "bestanden.wees-verwijderd",
            gebruiker=gebruiker,
            omschrijving=f"{len(weg)} weesbestanden verwijderd",
            gegevens={"bestanden": weg[:1000], "aantal": len(weg)},
        )
    return len(weg)
