"""The privacy officer's home page: where to ask the log, and a signal to look at."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.accounts.constants import Rol
from wmoregie.werkvoorraad import Taak

from .models import AuditEntry


def werkvoorraad(user) -> list[Taak]:
    if Rol.FUNCTIONARIS_GEGEVENSBESCHERMING not in user.rollen():
        return []
    sinds = timezone.now() - timedelta(days=7)
    getoond = AuditEntry.objects.filter(actie="client.bsn-getoond", tijdstip__gte=sinds).count()
    return [
        Taak(
            titel=_("Inzage in het auditlog"),
            url=reverse("audit:inzage"),
            toelichting=_(
                "Zoek een cliënt op BSN: wie las of wijzigde wat, wanneer en vanaf waar."
            ),
        ),
        Taak(
            titel=_("Volledig BSN getoond, afgelopen zeven dagen"),
            url=reverse("audit:inzage"),
            aantal=getoond,
            toelichting=_("Elke keer dat iemand een volledig BSN liet zien."),
        ),
    ]
