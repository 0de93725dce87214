"""``manage.py iwmo_bewaartermijn [--proef] [--jaren N]``: remove the content of old messages."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wmoregie.iwmo.bewaren import grens_voor, verwijder_inhoud


class Command(BaseCommand):
    help = (
        "Verwijdert na de bewaartermijn de inhoud (met BSN's) van opgeslagen iWmo-berichten; "
        "de metagegevens voor monitoring blijven. Met --proef alleen een overzicht."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--proef", action="store_true", help="Alleen tonen wat zou worden verwijderd."
        )
        parser.add_argument(
            "--jaren",
            type=int,
            default=None,
            help="Bewaartermijn in jaren (standaard WMOREGIE_IWMO_BEWAARTERMIJN_JAREN).",
        )

    def handle(self, *args, **opties):
        jaren = opties["jaren"]
        if jaren is None:
            jaren = settings.WMOREGIE_IWMO_BEWAARTERMIJN_JAREN
        if jaren < 1:
            raise CommandError("De bewaartermijn is minstens 1 jaar.")
        rapport = verwijder_inhoud(grens=grens_voor(jaren), uitvoeren=not opties["proef"])
        for regel in rapport.regels():
            self.stdout.write(regel)
