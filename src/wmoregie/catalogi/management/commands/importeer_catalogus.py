import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wmoregie.catalogi.services import (
    TABELLEN,
    CatalogusImportError,
    importeer_catalogus,
    lees_csv,
    lees_json,
)


class Command(BaseCommand):
    help = (
        "Importeer de catalogus uit JSON (alle tabellen) of CSV (één tabel). "
        "Bij een fout wordt niets opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)
        parser.add_argument(
            "--formaat", choices=["json", "csv"], help="Standaard: afgeleid van de extensie."
        )
        parser.add_argument("--tabel", choices=sorted(TABELLEN), help="Verplicht bij CSV.")

    def handle(self, *args, bestand: Path, formaat: str | None, tabel: str | None, **options):
        formaat = formaat or bestand.suffix.lstrip(".").lower()
        if formaat not in ("json", "csv"):
            raise CommandError("Geef --formaat json of csv op.")
        if formaat == "csv" and not tabel:
            raise CommandError("Geef bij CSV met --tabel aan welke tabel het bestand bevat.")
        try:
            inhoud = bestand.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {bestand} niet lezen: {exc.strerror}.") from None
        try:
            data = lees_json(inhoud) if formaat == "json" else lees_csv(inhoud, tabel)
            resultaat = importeer_catalogus(data)
        except CatalogusImportError as exc:
            raise CommandError(
                f"{bestand}: niets geïmporteerd, {len(exc.fouten)} fout(en):\n"
                + "\n".join(f"- {f}" for f in exc.fouten)
            ) from None
        self.stdout.write(
            f"Catalogus geïmporteerd: {resultaat.aangemaakt} aangemaakt, {resultaat.bijgewerkt} bijgewerkt, "
            f"{resultaat.ongewijzigd} ongewijzigd."
        )
        if options["verbosity"] > 1:
            self.stdout.write(json.dumps(resultaat.per_tabel))
