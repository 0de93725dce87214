"""The exchange as tasks of the task engine (:mod:`wmoregie.celery`), on the queue ``iwmo``.

Arguments and results are plain JSON: paths as strings, the system date as ISO text, counts per
outcome as ``{gemeente: {uitkomst: aantal}}``. A task that is lost (its worker killed) costs
nothing: its files are still in the inbox, and every run starts from the inbox.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from celery import shared_task

from .uitwisseling import verdeling, verwerking


def opties_voor_taak(
    *, vandaag: date | None, pauze: float, max_bytes: int, per_transactie: int
) -> dict[str, Any]:
    """The ingest options as JSON values."""
    return {
        "vandaag": vandaag.isoformat() if vandaag else None,
        "pauze": pauze,
        "max_bytes": max_bytes,
        "per_transactie": per_transactie,
    }


def _opties(opties: dict[str, Any]) -> dict[str, Any]:
    vandaag = opties.get("vandaag")
    return opties | {"vandaag": date.fromisoformat(vandaag) if vandaag else None}


@shared_task(name="iwmo.ingest_inbox")
def ingest_inbox(basis: str, gemeente: str, opties: dict[str, Any]) -> dict[str, dict[str, int]]:
    """The whole inbox of one gemeente, in name order (what one process would do)."""
    resultaat = verwerking.ingest(basis, gemeente, **_opties(opties))
    return {gemeente: dict(resultaat.aantallen)}


@shared_task(name="iwmo.ingest_batch")
def ingest_batch(
    eerder: dict[str, dict[str, int]],
    basis: str,
    gemeente: str,
    aanbieders: list[str],
    paden: list[str],
    opties: dict[str, Any],
) -> dict[str, dict[str, int]]:
    """One inbox batch: the files of ``aanbieders`` in the inbox of ``gemeente``. In a chain the
    batches of one part of the aanbieders follow the order of the gemeenten; ``eerder`` is what the batches
    before it in the chain counted, returned with this batch's counts added."""
    aantallen = verdeling.ingest_batch(
        basis, gemeente, aanbieders, [Path(p) for p in paden], **_opties(opties)
    )
    uit = {g: Counter(a) for g, a in eerder.items()}
    uit.setdefault(gemeente, Counter()).update(aantallen)
    return {g: dict(a) for g, a in uit.items()}
