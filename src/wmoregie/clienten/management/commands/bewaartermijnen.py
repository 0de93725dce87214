"""``manage.py bewaartermijnen [--proef]``: apply every retention term to client data."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wmoregie.clienten.bewaren import pas_bewaartermijnen_toe
from wmoregie.iwmo.bewaren import grens_voor, verwijder_inhoud


class Command(BaseCommand):
    help = (
        "Past de bewaartermijnen toe: anonimiseert afgesloten cliëntdossiers, leegt afgewezen "
        "aanmeldingen en verwijdert de inhoud van oude iWmo-berichten, elk na de eigen termijn "
        "(instellingen WMOREGIE_BEWAARTERMIJN_*_JAREN en WMOREGIE_IWMO_BEWAARTERMIJN_JAREN). "
        "Met --proef alleen een overzicht van wat zou veranderen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--proef", action="store_true", help="Alleen tonen wat zou veranderen.")

    def handle(self, *args, proef: bool, **opties):
        termijnen = {
            "WMOREGIE_BEWAARTERMIJN_DOSSIER_JAREN": settings.WMOREGIE_BEWAARTERMIJN_DOSSIER_JAREN,
            "WMOREGIE_BEWAARTERMIJN_AANMELDING_JAREN": (
                settings.WMOREGIE_BEWAARTERMIJN_AANMELDING_JAREN
            ),
            "WMOREGIE_IWMO_BEWAARTERMIJN_JAREN": settings.WMOREGIE_IWMO_BEWAARTERMIJN_JAREN,
        }
        te_kort = [naam for naam, jaren in termijnen.items() if jaren < 1]
        if te_kort:
            raise CommandError(f"Een bewaartermijn is minstens 1 jaar: {', '.join(te_kort)}.")
        rapport = pas_bewaartermijnen_toe(
            dossier_jaren=settings.WMOREGIE_BEWAARTERMIJN_DOSSIER_JAREN,
            aanmelding_jaren=settings.WMOREGIE_BEWAARTERMIJN_AANMELDING_JAREN,
            uitvoeren=not proef,
        )
        berichten = verwijder_inhoud(
            grens=grens_voor(settings.WMOREGIE_IWMO_BEWAARTERMIJN_JAREN), uitvoeren=not proef
        )
        for regel in rapport.regels() + berichten.regels():
            self.stdout.write(regel)
