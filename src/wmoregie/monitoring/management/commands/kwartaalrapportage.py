"""Make the quarterly report of a municipality, of the region or of all of them.

    python src/manage.py kwartaalrapportage --kwartaal 2026-3                 # the region
    python src/manage.py kwartaalrapportage --kwartaal 2026-3 --gemeente 0307 # Amersfoort
    python src/manage.py kwartaalrapportage --kwartaal 2026-3 --alle          # each + region
    python src/manage.py kwartaalrapportage --kwartaal 2026-3 --uit rapporten/

The reports are stored like those asked for on the page (``/monitoring/rapportage/``, where
the region and the municipality download them) and written to the audit log. By default this
command makes them itself; ``--wachtrij`` hands them to the Celery workers instead (with a
broker; without one the task runs here anyway)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wmoregie.catalogi.models import Gemeente

from ...cijfers.lezen import ALLES
from ...models import Rapportstatus
from ...rapportage import services
from ...tasks import maak_kwartaalrapport


class Command(BaseCommand):
    help = "Maak de kwartaalrapportage (PDF) van een gemeente, de regio of allemaal."

    def add_arguments(self, parser):
        parser.add_argument("--kwartaal", required=True, help="Bijvoorbeeld 2026-3.")
        doel = parser.add_mutually_exclusive_group()
        doel.add_argument("--gemeente", help="CBS-code, bijvoorbeeld 0307; zonder: de regio.")
        doel.add_argument("--alle", action="store_true", help="Elke gemeente apart en de regio.")
        parser.add_argument("--uit", help="Map waarin ook een kopie van elke PDF komt.")
        parser.add_argument(
            "--wachtrij",
            action="store_true",
            help="Laat de Celery-workers de rapporten maken in plaats van dit commando.",
        )

    def handle(self, *args, kwartaal, gemeente, alle, uit, wachtrij, **options):
        codes: list[str | None] = (
            [*Gemeente.objects.order_by("naam").values_list("code", flat=True), None]
            if alle
            else [gemeente]
        )
        uitmap = Path(uit) if uit else None
        if uitmap is not None:
            uitmap.mkdir(parents=True, exist_ok=True)
        mislukt = 0
        for code in codes:
            try:
                rapport = services.vraag_aan(
                    scope=ALLES, kwartaal=kwartaal, gemeente=code, wachtrij=False
                )
            except ValidationError as fout:
                raise CommandError(" ".join(fout.messages)) from fout
            if wachtrij:
                maak_kwartaalrapport.delay(rapport.pk)
                rapport.refresh_from_db()
            else:
                rapport = services.maak(rapport.pk)
            if rapport.status == Rapportstatus.KLAAR:
                regel = f"{rapport}: klaar ({rapport.bestand.name})"
                if uitmap is not None:
                    doel = uitmap / services.bestandsnaam(rapport)
                    with rapport.bestand.open("rb") as bron:
                        doel.write_bytes(bron.read())
                    regel += f", kopie in {doel}"
                self.stdout.write(regel)
            elif rapport.status == Rapportstatus.MISLUKT:
                mislukt += 1
                self.stderr.write(f"{rapport}: {rapport.fout}")
            else:
                self.stdout.write(
                    f"{rapport}: {rapport.get_status_display()} (nummer {rapport.pk})"
                )
        if mislukt:
            raise CommandError(f"{mislukt} van {len(codes)} rapporten mislukt.")
