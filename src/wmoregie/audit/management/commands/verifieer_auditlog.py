"""Check the hash chains of the audit log and of every procedure's status history."""

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wmoregie.audit import keten


class Command(BaseCommand):
    help = (
        "Controleer de hashketens van het auditlog en van de statusgeschiedenis van elke "
        "aanbesteding. Stopt met een foutcode en noemt de eerste regel die is gewijzigd, "
        "verwijderd of verplaatst."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anker-bestand",
            type=Path,
            help=(
                "JSON-bestand met de laatste regel van elke keten bij de vorige controle. "
                "Wordt gelezen (die regels moeten er nog zijn: zo valt ook het weghalen van "
                "de laatste regels of het legen van een log op) en na een goede controle "
                "bijgewerkt. Bewaar het buiten bereik van de database-eigenaar."
            ),
        )

    def handle(self, *args, anker_bestand: Path | None, **options):
        ankers = self._lees_ankers(anker_bestand)
        nieuwe_ankers, breuken, regels = {}, [], 0
        ketens = list(keten.alle_ketens())
        for k in ketens:
            bewaard = ankers.get(k.sleutel)
            anker = keten.Anker(bewaard["volgnummer"], bewaard["hash"]) if bewaard else None
            uitslag = keten.controleer_keten(k, anker)
            regels += uitslag.aantal
            if uitslag.breuk is not None:
                breuken.append(f"{k.naam}: {uitslag.breuk}")
            elif uitslag.laatste is not None:
                nieuwe_ankers[k.sleutel] = {
                    "volgnummer": uitslag.laatste.volgnummer,
                    "hash": uitslag.laatste.hash,
                }
                if k.sleutel == "audit_auditentry":
                    self.stdout.write(
                        f"Auditlog: {uitslag.aantal} regels in orde; laatste regel "
                        f"{uitslag.laatste.volgnummer}, hash {uitslag.laatste.hash}."
                    )
        # An anchored chain whose subject is gone altogether.
        for sleutel in sorted(ankers.keys() - {k.sleutel for k in ketens}):
            breuken.append(f"{sleutel}: de keten uit het anker bestaat niet meer")
        if breuken:
            for breuk in breuken:
                self.stderr.write(breuk)
            raise CommandError(f"Keten verbroken. Eerste breuk: {breuken[0]}", returncode=1)
        self.stdout.write(f"In orde: {len(ketens)} ketens, {regels} regels.")
        if anker_bestand is not None:
            tijdelijk = anker_bestand.with_suffix(anker_bestand.suffix + ".nieuw")
            tijdelijk.write_text(json.dumps(nieuwe_ankers, indent=2, sort_keys=True))
            os.replace(tijdelijk, anker_bestand)

    def _lees_ankers(self, pad: Path | None) -> dict:
        if pad is None or not pad.exists():
            return {}
        try:
            ankers = json.loads(pad.read_text())
        except (OSError, ValueError) as fout:
            raise CommandError(f"Het ankerbestand {pad} is niet te lezen: {fout}") from fout
        if not isinstance(ankers, dict) or not all(
            isinstance(a, dict)
            and isinstance(a.get("volgnummer"), int)
            and isinstance(a.get("hash"), str)
            for a in ankers.values()
        ):
            raise CommandError(f"Het ankerbestand {pad} heeft niet de verwachte vorm.")
        return ankers
