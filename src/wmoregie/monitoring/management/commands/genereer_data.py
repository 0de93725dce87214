"""Make synthetic monitoring data, reproducibly from a seed (see monitoring/synthetisch.py).

    python src/manage.py genereer_data --schaal klein                 # a few hundred clients
    python src/manage.py genereer_data --schaal landelijk --seed 13   # the whole country
    python src/manage.py genereer_data --schaal klein --clienten 1000 --berichten 5000

The national scale needs PostgreSQL (rows go in with COPY); on SQLite it is refused. Load the
demo first (``laad_demo``): the data hangs on its region, agreements, products and referral
source. Afterwards bring the summary tables up to date with ``ververs_cijfers``."""

from __future__ import annotations

import time
from dataclasses import replace

from django.core.management.base import BaseCommand, CommandError

from ... import synthetisch


class Command(BaseCommand):
    help = "Maak synthetische gegevens voor de monitoring (klein, regio of landelijk)."

    def add_arguments(self, parser):
        parser.add_argument("--schaal", choices=sorted(synthetisch.SCHALEN), default="klein")
        parser.add_argument("--seed", type=int, default=13, help="Zelfde seed, zelfde gegevens.")
        parser.add_argument("--gemeenten", type=int, help="Aantal gemeenten (anders de schaal).")
        parser.add_argument("--clienten", type=int, help="Aantal cliënten.")
        parser.add_argument("--trajecten", type=int, help="Aantal trajecten.")
        parser.add_argument("--berichten", type=int, help="Aantal iWmo-berichten.")
        parser.add_argument(
            "--blok", type=int, default=20_000, help="Cliënten per schrijfblok (geheugen)."
        )

    def handle(self, *args, **opties):
        schaal = synthetisch.SCHALEN[opties["schaal"]]
        aanpassing = {
            k: opties[k]
            for k in ("gemeenten", "clienten", "trajecten", "berichten")
            if opties.get(k) is not None
        }
        for naam, waarde in aanpassing.items():
            if waarde < 1:
                raise CommandError(f"--{naam} moet een positief getal zijn.")
        if opties["blok"] < 1:
            raise CommandError("--blok moet een positief getal zijn.")
        schaal = replace(schaal, **aanpassing)
        begin = time.monotonic()
        try:
            uitkomst = synthetisch.genereer(
                schaal,
                seed=opties["seed"],
                blok=opties["blok"],
                voortgang=lambda tekst: self.stdout.write(
                    f"[{time.monotonic() - begin:7.1f} s] {tekst}"
                ),
            )
        except (synthetisch.GeenBasis, synthetisch.OngeschikteDatabase, ValueError) as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar in {time.monotonic() - begin:.1f} s: {uitkomst.gemeenten} gemeenten, "
                f"{uitkomst.clienten} cliënten, {uitkomst.trajecten} trajecten, "
                f"{uitkomst.berichten} berichten."
            )
        )
