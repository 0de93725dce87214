"""Bring the monitoring's summary tables up to date (see monitoring/cijfers/samenvatting.py).

    python src/manage.py ververs_cijfers                      # the standard periods, stale ones
    python src/manage.py ververs_cijfers --jaar 2026          # only the periods of 2026
    python src/manage.py ververs_cijfers --periode 2026-01-01:2026-03-31
    python src/manage.py ververs_cijfers --alles              # recompute every period

A change through wmoregie marks the periods it touches stale and queues this work by itself;
after a bulk load (``genereer_data``, an import) run this command."""

from __future__ import annotations

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ...cijfers import cbs, samenvatting, samenvatting_berichten, wachtstand
from ...models import Cijferperiode


def _periode(tekst: str) -> tuple[date, date]:
    try:
        van, tot = (date.fromisoformat(d) for d in tekst.split(":"))
    except ValueError as fout:
        raise CommandError(f"Geef een periode als JJJJ-MM-DD:JJJJ-MM-DD, niet ‘{tekst}’.") from fout
    if tot < van:
        raise CommandError(f"In ‘{tekst}’ ligt de einddatum voor de begindatum.")
    return van, tot


class Command(BaseCommand):
    help = "Ververs de samenvattingstabellen van de monitoring (alleen verouderde perioden)."

    def add_arguments(self, parser):
        parser.add_argument("--jaar", type=int, action="append", help="Alleen dit jaar.")
        parser.add_argument(
            "--periode", action="append", help="Een eigen periode, JJJJ-MM-DD:JJJJ-MM-DD."
        )
        parser.add_argument("--alles", action="store_true", help="Ook actuele perioden opnieuw.")

    def handle(self, *args, **opties):
        if opties["periode"]:
            for tekst in opties["periode"]:
                van, tot = _periode(tekst)
                halfjaar = f"{van.year}-{1 if van.month == 1 else 2}"
                met_cbs = cbs.halfjaar(halfjaar) == cbs.Periode(van, tot)
                Cijferperiode.objects.get_or_create(van=van, tot=tot, defaults={"cbs": met_cbs})
            perioden = Cijferperiode.objects.filter(
                pk__in=[
                    p.pk
                    for t in opties["periode"]
                    for p in Cijferperiode.objects.filter(van=_periode(t)[0], tot=_periode(t)[1])
                ]
            )
        else:
            perioden = Cijferperiode.objects.filter(
                pk__in=[p.pk for p in samenvatting.zorg_voor_perioden(opties["jaar"])]
            )
        if opties["alles"]:
            perioden.update(vervallen=True)
        begin = time.monotonic()
        stand = samenvatting_berichten.ververs_stand_als_vervallen()
        if stand is not None:
            self.stdout.write(f"declaratieberichten zonder declaratie: {stand.duur_ms} ms")
        wachtenden = wachtstand.ververs_als_vervallen()
        if wachtenden is not None:
            self.stdout.write(f"nog wachtend op {wachtenden.peildatum}: {wachtenden.duur_ms} ms")
        klaar = 0
        for periode in perioden.filter(vervallen=True).order_by("van", "tot"):
            samenvatting.ververs(periode)
            klaar += 1
            self.stdout.write(f"{periode}: {periode.duur_ms} ms")
        self.stdout.write(
            self.style.SUCCESS(f"{klaar} perioden ververst in {time.monotonic() - begin:.1f} s.")
        )
