"""Retention of stored iWmo messages: after the term, the content goes and the metadata stays.

A stored message holds BSNs in its content, its retour and some findings' messages. After
``WMOREGIE_IWMO_BEWAARTERMIJN_JAREN`` (counted from receipt) :func:`verwijder_inhoud` empties
the content and the retour, masks every nine-digit number in the findings' messages and records
when; it keeps what monitoring counts (gemeente, type, sender, receiver, Identificatie,
Dagtekening, status, retourcodes, the rule, XPath and retourcode of each finding) and the
sha256 of the content (a resend is still recognised). The layer-3 facts stay: later messages are
checked against them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from wmoregie.audit.services import record

from .models import Bericht, Bevinding

_NEGEN_CIJFERS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")


@dataclass
class Bewaarrapport:
    """What the retention run removed (or, as a dry run, would remove)."""

    grens: datetime
    uitgevoerd: bool
    per_soort: Counter = field(default_factory=Counter)  # (gemeente, berichttype) -> number

    @property
    def aantal(self) -> int:
        return sum(self.per_soort.values())

    def regels(self) -> list[str]:
        wat = "verwijderd" if self.uitgevoerd else "te verwijderen (proefdraai)"
        kop = (
            f"Inhoud van iWmo-berichten ontvangen vóór {timezone.localtime(self.grens):%d-%m-%Y}: "
            f"{self.aantal} {'bericht' if self.aantal == 1 else 'berichten'} {wat}."
        )
        return [kop] + [
            f"  gemeente {g or '-'}, {t or 'onleesbaar'}: {n}"
            for (g, t), n in sorted(self.per_soort.items())
        ]


def grens_voor(jaren: int, nu: datetime | None = None) -> datetime:
    """The moment ``jaren`` years before ``nu`` (29 February becomes 28 February)."""
    nu = nu or timezone.now()
    try:
        return nu.replace(year=nu.year - jaren)
    except ValueError:
        return nu.replace(year=nu.year - jaren, day=28)


def verwijder_inhoud(*, grens: datetime, uitvoeren: bool) -> Bewaarrapport:
    """Remove the content of every message received before ``grens`` that still has it; with
    ``uitvoeren=False`` only report what would go. One transaction, audit-logged."""
    rapport = Bewaarrapport(grens=grens, uitgevoerd=uitvoeren)
    oud = Bericht.objects.filter(ontvangen_op__lt=grens, inhoud_verwijderd_op__isnull=True)
    for gemeente, berichttype in oud.values_list("gemeente", "berichttype").iterator():
        rapport.per_soort[(gemeente, berichttype)] += 1
    if not uitvoeren or not rapport.aantal:
        return rapport
    with transaction.atomic():
        ids = list(oud.select_for_update().values_list("pk", flat=True))
        for bevinding in Bevinding.objects.filter(bericht_id__in=ids).only("pk", "melding"):
            gemaskeerd = _NEGEN_CIJFERS.sub("*********", bevinding.melding)
            if gemaskeerd != bevinding.melding:
                Bevinding.objects.filter(pk=bevinding.pk).update(melding=gemaskeerd)
        Bericht.objects.filter(pk__in=ids).update(
            inhoud=b"", retour_xml=None, inhoud_verwijderd_op=timezone.now()
        )
        record(
            "iwmo.inhoud_verwijderd",
            omschrijving=f"Bewaartermijn: inhoud van {len(ids)} iWmo-berichten verwijderd.",
            gegevens={"grens": grens.isoformat(), "aantal": len(ids)},
        )
    return rapport
