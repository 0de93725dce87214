"""``manage.py ruim_weesbestanden [--verwijder] [--ouder-dan-minuten 60]``: the files of the
procedures that no row refers to (left by a transaction that never committed)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from wmoregie.aanbestedingen.weesbestanden import ruim_weesbestanden_op, zoek_weesbestanden


class Command(BaseCommand):
    help = (
        "Toont de bestanden van aanbestedingen in de mediamap waar geen rij naar verwijst "
        "(achtergebleven na een afgebroken transactie); met --verwijder worden ze verwijderd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--verwijder", action="store_true", help="Verwijder ze ook.")
        parser.add_argument(
            "--ouder-dan-minuten",
            type=int,
            default=60,
            help="Alleen bestanden die minstens zo oud zijn (standaard 60): een jonger bestand "
            "kan bij een transactie horen die nog loopt.",
        )

    def handle(self, *args, verwijder: bool, ouder_dan_minuten: int, **opties):
        if ouder_dan_minuten < 0:
            raise CommandError("--ouder-dan-minuten mag niet negatief zijn.")
        namen = zoek_weesbestanden(timedelta(minutes=ouder_dan_minuten))
        for naam in namen:
            self.stdout.write(naam)
        if not verwijder:
            self.stdout.write(f"{len(namen)} weesbestanden gevonden (niets verwijderd).")
            return
        weg = ruim_weesbestanden_op(namen)
        self.stdout.write(f"{weg} weesbestanden verwijderd.")
