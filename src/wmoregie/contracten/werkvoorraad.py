"""The worklist of contracten (``wmoregie.werkvoorraad``), for the region's contractmanager and the
contractor's back office (#15.10): the reporting duties of their running agreements that fall due
in the coming weeks, each with its due date, and agreements without a contact person (OW 3.1.5).
Duties past their due date are on the steering cycle's worklist (monitoring)."""

from datetime import timedelta

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wmoregie.accounts.constants import Rol
from wmoregie.werkvoorraad import Taak

from . import selectors
from .services.overeenkomst import BEZETTENDE_STATUSSEN

#: How far ahead a reporting duty appears on the worklist.
RAPPORTAGE_VOORUITBLIK_DAGEN = 30


def werkvoorraad(user, vandaag=None) -> list[Taak]:
    if not {Rol.CONTRACTMANAGER, Rol.BACKOFFICE} & user.rollen():
        return []
    vandaag = vandaag or timezone.localdate()
    lopend = selectors.overeenkomsten_voor(user).filter(status__in=BEZETTENDE_STATUSSEN)
    taken: list[Taak] = []
    Verplichting = apps.get_model("monitoring", "Verplichting")
    binnenkort = (
        Verplichting.objects.filter(
            overeenkomst__in=lopend.values("pk"),
            soort="rapportage",
            nagekomen_op__isnull=True,
            termijn__gte=vandaag,
            termijn__lte=vandaag + timedelta(days=RAPPORTAGE_VOORUITBLIK_DAGEN),
        )
        .select_related("overeenkomst")
        .order_by("termijn", "pk")
    )
    for plicht in binnenkort:
        dagen = (plicht.termijn - vandaag).days
        taken.append(
            Taak(
                _("Rapportage: %(omschrijving)s, uiterlijk %(termijn)s")
                % {"omschrijving": plicht.omschrijving, "termijn": f"{plicht.termijn:%d-%m-%Y}"},
                reverse("contracten:overeenkomst", args=[plicht.overeenkomst_id]),
                toelichting=(
                    _("%(nummer)s; vandaag") % {"nummer": plicht.overeenkomst.nummer}
                    if dagen == 0
                    else ngettext(
                        "%(nummer)s; nog %(n)s dag",
                        "%(nummer)s; nog %(n)s dagen",
                        dagen,
                    )
                    % {"nummer": plicht.overeenkomst.nummer, "n": dagen}
                ),
                dringend=dagen <= 7,
            )
        )
    zonder = list(lopend.filter(contactpersoon_naam="").values_list("pk", flat=True))
    if zonder:
        taken.append(
            Taak(
                ngettext(
                    "%(n)s overeenkomst zonder contactpersoon",
                    "%(n)s overeenkomsten zonder contactpersoon",
                    len(zonder),
                )
                % {"n": len(zonder)},
                reverse("contracten:overeenkomst", args=[zonder[0]])
                if len(zonder) == 1
                else reverse("contracten:overzicht"),
                len(zonder),
                toelichting=_("De opdrachtnemer wijst een contactpersoon aan (OW 3.1.5)."),
            )
        )
    return taken
