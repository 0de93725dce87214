"""``manage.py iwmo_ingest --map DIR [--gemeente 0307 ...] [--werkers 2]``: process the inboxes.

The work runs as tasks of the task engine (:mod:`wmoregie.celery`): without a broker in this
process; with one on the running workers of the queue ``iwmo``, or with ``--werkers N`` on a
worker pool of N processes that this command starts for the run and that dies with it.
"""

import contextlib
import logging
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wmoregie.celery import lokale_werkers, luisteraars, met_broker
from wmoregie.iwmo.haken import na_ingest
from wmoregie.iwmo.uitwisseling import ingest_alle
from wmoregie.iwmo.uitwisseling.verdeling import WACHTRIJ

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Verwerkt de iWmo-berichten in <map>/<gemeente>/inbox: valideren, opslaan, retour naar "
        "outbox, bestand naar archief. Idempotent: opnieuw draaien na een onderbreking is veilig."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--map",
            default=getattr(settings, "IWMO_UITWISSELMAP", None),
            help="Basismap met per gemeente inbox/outbox/archief.",
        )
        parser.add_argument(
            "--gemeente",
            action="append",
            default=[],
            help="CBS-gemeentecode (herhaalbaar); standaard elke map onder --map.",
        )
        parser.add_argument("--datum", help="Systeemdatum JJJJ-MM-DD (voor TR135).")
        parser.add_argument(
            "--per-transactie",
            type=int,
            default=1,
            help="Berichten per databasetransactie (standaard 1; elk bericht een savepoint).",
        )
        parser.add_argument(
            "--werkers",
            type=int,
            default=None,
            help=(
                "Start voor deze run een eigen pool van N werkprocessen (vraagt een broker); de "
                "inboxen gaan per aanbieder in batches. Zonder: de lopende workers van de "
                "wachtrij iwmo, of zonder broker dit proces."
            ),
        )
        parser.add_argument(
            "--pauze-ms", type=float, default=0.0, help="Wachttijd per bericht (voor tests)."
        )

    def handle(self, *args, **opties):
        if not opties["map"]:
            raise CommandError("Geef --map (of zet IWMO_UITWISSELMAP).")
        basis = Path(opties["map"])
        if not basis.is_dir():
            raise CommandError(f"De map {basis} bestaat niet.")
        vandaag = None
        if opties["datum"]:
            try:
                vandaag = date.fromisoformat(opties["datum"])
            except ValueError:
                raise CommandError("--datum moet JJJJ-MM-DD zijn.") from None
        gemeenten = opties["gemeente"] or sorted(
            p.name for p in basis.iterdir() if p.is_dir() and p.name.isdigit()
        )
        for gemeente in gemeenten:
            if not (len(gemeente) == 4 and gemeente.isdigit()):
                raise CommandError(f"Gemeentecode {gemeente!r} is geen vier cijfers.")
        werkers = opties["werkers"]
        if werkers is not None and werkers < 1:
            raise CommandError("--werkers moet minstens 1 zijn.")
        pool: contextlib.AbstractContextManager = contextlib.nullcontext()
        delen = werkers or 1
        if met_broker() and werkers:
            pool = lokale_werkers(werkers, [WACHTRIJ])
        elif met_broker():
            lopend = luisteraars(WACHTRIJ)
            if not lopend:
                raise CommandError(
                    f"Geen Celery-worker luistert naar de wachtrij {WACHTRIJ}: start er een "
                    f"(celery -A wmoregie worker -Q {WACHTRIJ}) of geef --werkers N."
                )
            delen = sum(lopend.values())
        elif werkers and werkers > 1:
            logger.info("iWmo-ingest in één proces: zonder broker draaien de taken hier")
        with pool:
            resultaten = ingest_alle(
                basis,
                gemeenten,
                delen=delen,
                vandaag=vandaag,
                pauze=opties["pauze_ms"] / 1000,
                per_transactie=opties["per_transactie"],
            )
        for gemeente, resultaat in resultaten.items():
            self.stdout.write(f"{gemeente}: {resultaat}")
        for pad, uitkomst in na_ingest().items():
            self.stdout.write(f"{pad}: {uitkomst}")
