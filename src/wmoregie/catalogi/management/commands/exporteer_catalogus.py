import json

from django.core.management.base import BaseCommand, CommandError

from wmoregie.catalogi.services import TABELLEN, exporteer_csv, exporteer_json


class Command(BaseCommand):
    help = (
        "Exporteer de catalogus als JSON (alle tabellen) of CSV (één tabel) naar standaarduitvoer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--formaat", choices=["json", "csv"], default="json")
        parser.add_argument("--tabel", choices=sorted(TABELLEN), help="Verplicht bij CSV.")

    def handle(self, *args, formaat: str, tabel: str | None, **options):
        if formaat == "csv":
            if not tabel:
                raise CommandError("Geef bij CSV met --tabel aan welke tabel u wilt exporteren.")
            self.stdout.write(exporteer_csv(tabel), ending="")
        else:
            self.stdout.write(json.dumps(exporteer_json(), ensure_ascii=False, indent=2))
