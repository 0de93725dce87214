from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wmoregie.demo import DEMO_WACHTWOORD, laad_demo


class Command(BaseCommand):
    help = "Laad de demodata van Regio Amersfoort (catalogus en een demogebruiker per rol). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ook-zonder-debug",
            action="store_true",
            help="Ook laden als DEBUG uit staat. Demogebruikers hebben een bekend wachtwoord: nooit in productie.",
        )

    def handle(self, *args, ook_zonder_debug: bool, **options):
        if not settings.DEBUG and not ook_zonder_debug:
            raise CommandError(
                "DEBUG staat uit: demodata met bekende wachtwoorden hoort niet in productie."
            )
        gebruikers = laad_demo()
        breedte = max(len(g.gebruikersnaam) for g in gebruikers)
        self.stdout.write("Demodata van Regio Amersfoort geladen. Inloggen kan met:")
        for g in gebruikers:
            self.stdout.write(f"  {g.gebruikersnaam:<{breedte}}  {g.rol} — {g.scope}")
        self.stdout.write(f"Wachtwoord voor alle demogebruikers: {DEMO_WACHTWOORD}")
