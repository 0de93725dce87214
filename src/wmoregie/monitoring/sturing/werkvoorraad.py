"""Signals of the steering cycle on the worklists: indicators off track (for the responsible
role), open actions of a meeting (for their owner), reporting duties past their due date, and the
letters of an open client experience survey (for the municipality)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wmoregie.accounts.constants import Rol
from wmoregie.werkvoorraad import Taak

from ..models import Actie, Ervaringsonderzoek, Indicator, Verplichting
from . import indicatoren
from .constants import ActieStatus, Onderzoekstatus, Verplichtingsoort
from .scope import afbakening_voor, overeenkomsten_voor, regio_van, scope_van


def uit_koers_voor(user, vandaag=None) -> list:
    """The indicators for which the user's role is responsible and that are off track this
    year, counted over what the user may see."""
    scope = scope_van(user)
    rollen = user.rollen()
    verantwoordelijk = {rol for rol in (Rol.CONTRACTMANAGER, Rol.BACKOFFICE) if rol in rollen}
    if not verantwoordelijk or not scope.neemt_deel:
        return []
    regio = regio_van(user)
    if regio is None:
        return []
    vandaag = vandaag or timezone.localdate()
    afbakening = afbakening_voor(user, regio)
    qs = (
        Indicator.objects.filter(
            regio=regio, actief=True, verantwoordelijke_rol__in=verantwoordelijk
        )
        .filter(normen__jaar=vandaag.year)
        .prefetch_related("normen")
        .distinct()
    )
    return [
        stand
        for stand in (indicatoren.stand(i, afbakening, vandaag.year, vandaag) for i in qs)
        if stand.uit_koers
    ]


def werkvoorraad(user) -> list[Taak]:
    scope = scope_van(user)
    taken: list[Taak] = []
    vandaag = timezone.localdate()
    if scope.neemt_deel:
        for stand in uit_koers_voor(user, vandaag):
            taken.append(
                Taak(
                    _("Indicator uit koers: %(naam)s") % {"naam": stand.indicator.naam},
                    reverse("sturing:indicator", args=[stand.indicator.pk]),
                    toelichting=_("Waarde %(waarde)s, norm %(norm)s.")
                    % {"waarde": stand.waarde_tekst, "norm": stand.norm_tekst},
                    dringend=True,
                )
            )
        # both counts in one query
        acties = Actie.objects.filter(eigenaar=user, status=ActieStatus.OPEN).aggregate(
            open_=Count("pk"), te_laat=Count("pk", filter=Q(uiterlijk_op__lt=vandaag))
        )
        open_, te_laat = acties["open_"], acties["te_laat"]
        if open_:
            taken.append(
                Taak(
                    ngettext(
                        "%(n)s actie uit het stuuroverleg open",
                        "%(n)s acties uit het stuuroverleg open",
                        open_,
                    )
                    % {"n": open_},
                    reverse("sturing:start"),
                    open_,
                    toelichting=ngettext(
                        "waarvan %(n)s over de uiterste datum",
                        "waarvan %(n)s over de uiterste datum",
                        te_laat,
                    )
                    % {"n": te_laat},
                    dringend=te_laat > 0,
                )
            )
        verlopen = Verplichting.objects.filter(
            overeenkomst__in=overeenkomsten_voor(user),
            soort=Verplichtingsoort.RAPPORTAGE,
            nagekomen_op__isnull=True,
            termijn__lt=vandaag,
        ).count()
        if verlopen:
            taken.append(
                Taak(
                    ngettext(
                        "%(n)s rapportageplicht over de termijn",
                        "%(n)s rapportageplichten over de termijn",
                        verlopen,
                    )
                    % {"n": verlopen},
                    reverse("sturing:start"),
                    verlopen,
                    dringend=True,
                )
            )
    if scope.gemeenten:
        onderzoek = Ervaringsonderzoek.objects.filter(
            status=Onderzoekstatus.OPEN, regio__gemeenten__in=scope.gemeenten
        ).first()
        if onderzoek is not None:
            taken.append(
                Taak(
                    _("Brieven voor het cliëntervaringsonderzoek %(jaar)s")
                    % {"jaar": onderzoek.jaar},
                    reverse("ervaring:uitnodigingen", args=[onderzoek.pk]),
                )
            )
    if scope.neemt_deel or scope.gemeenten:
        taken.append(
            Taak(_("Sturing: indicatoren, doelen en overleggen"), reverse("sturing:start"))
        )
    return taken
