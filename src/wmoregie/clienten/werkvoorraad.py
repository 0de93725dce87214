"""The worklist of each role in the client administration (counts only, no client data), for the
home page (``wmoregie.werkvoorraad``) and the start page of clienten."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wmoregie.werkvoorraad import Taak

from . import selectors
from .constants import EVALUATIE_VOORUITBLIK_DAGEN, AanmeldingStatus, TrajectStatus
from .models import Aanmelding, Evaluatie, Traject
from .services._basis import vandaag


def _url(naam: str, **query) -> str:
    url = reverse(naam)
    return f"{url}?{urlencode(query)}" if query else url


def _wachtende(trajecten) -> list:
    """The trajectories waiting for their start, read once for three counts (#14 B): all of
    them, those over the norm and those without an executor (``zonder_uitvoerder``, the same
    filter as the list's)."""
    return list(
        trajecten.filter(status__in=[TrajectStatus.AANGEVRAAGD, TrajectStatus.WACHTEND]).annotate(
            zonder_uitvoerder=Exists(
                selectors.zonder_uitvoerder(Traject.objects.filter(pk=OuterRef("pk")))
            )
        )
    )


def _wachtend_over_norm(wachtende, peildatum) -> int:
    normen = selectors.wachttijdnormen()
    return sum(
        1
        for traject in wachtende
        if not selectors.wachttijd(traject, peildatum, normen).binnen_norm
    )


def werkvoorraad(user) -> list[Taak]:
    scope = selectors.scope_van(user)
    if scope.leeg:
        return []
    peildatum = vandaag()
    taken: list[Taak] = []
    trajecten = selectors.trajecten_voor(user)
    wachtende = (
        _wachtende(trajecten) if scope.gemeenten or scope.gebiedsteams or scope.consortia else []
    )
    if scope.gemeenten or scope.gebiedsteams:
        taken.append(Taak(_("Cliënt aanmelden"), reverse("clienten:aanmelden")))
    if scope.consortia:
        nieuw = selectors.nieuwe_aanmeldingen(user).count()
        taken.append(
            Taak(
                ngettext(
                    "%(n)s nieuwe aanmelding om te accepteren",
                    "%(n)s nieuwe aanmeldingen om te accepteren",
                    nieuw,
                )
                % {"n": nieuw},
                _url("clienten:aanmeldingen", status=AanmeldingStatus.AANGEMELD),
                nieuw,
                dringend=nieuw > 0,
            )
        )
        zonder = sum(1 for traject in wachtende if traject.zonder_uitvoerder)
        taken.append(
            Taak(
                ngettext(
                    "%(n)s traject zonder uitvoerder", "%(n)s trajecten zonder uitvoerder", zonder
                )
                % {"n": zonder},
                _url("clienten:trajecten", zonder_uitvoerder="1"),
                zonder,
            )
        )
        afgekeurd = selectors.afgekeurde_berichten(user).filter(verbeterd_door__isnull=True).count()
        taken.append(
            Taak(
                ngettext(
                    "%(n)s bericht afgekeurd door een gemeente",
                    "%(n)s berichten afgekeurd door een gemeente",
                    afgekeurd,
                )
                % {"n": afgekeurd},
                reverse("clienten:berichten"),
                afgekeurd,
                dringend=afgekeurd > 0,
            )
        )
    if scope.consortia or scope.onderaannemers:
        if scope.onderaannemers and not scope.consortia:
            te_starten = trajecten.filter(status=TrajectStatus.WACHTEND).count()
            taken.append(
                Taak(
                    ngettext(
                        "%(n)s cliënt om te starten", "%(n)s cliënten om te starten", te_starten
                    )
                    % {"n": te_starten},
                    _url("clienten:trajecten", status=TrajectStatus.WACHTEND),
                    te_starten,
                )
            )
            lopend = trajecten.filter(status=TrajectStatus.LOPEND).count()
            taken.append(
                Taak(
                    ngettext("%(n)s lopend traject", "%(n)s lopende trajecten", lopend)
                    % {"n": lopend},
                    _url("clienten:trajecten", status=TrajectStatus.LOPEND),
                    lopend,
                )
            )
        evaluaties = Evaluatie.objects.filter(
            traject__in=trajecten.filter(status=TrajectStatus.LOPEND).values("pk"),
            meetronde__isnull=True,
            gepland_op__lte=peildatum + timedelta(days=EVALUATIE_VOORUITBLIK_DAGEN),
        ).count()
        taken.append(
            Taak(
                ngettext("%(n)s evaluatie te houden", "%(n)s evaluaties te houden", evaluaties)
                % {"n": evaluaties},
                _url("clienten:trajecten", status=TrajectStatus.LOPEND),
                evaluaties,
                toelichting=_("Gepland in de komende %(dagen)s dagen of al verstreken.")
                % {"dagen": EVALUATIE_VOORUITBLIK_DAGEN},
            )
        )
    if scope.gemeenten:
        verzoeken = selectors.open_verzoeken(user).count()
        taken.append(
            Taak(
                ngettext(
                    "%(n)s verzoek om toewijzing te beantwoorden",
                    "%(n)s verzoeken om toewijzing te beantwoorden",
                    verzoeken,
                )
                % {"n": verzoeken},
                reverse("clienten:verzoeken"),
                verzoeken,
                dringend=verzoeken > 0,
            )
        )
    if scope.gemeenten or scope.gebiedsteams or scope.consortia:
        over_norm = _wachtend_over_norm(wachtende, peildatum)
        wachtend = len(wachtende)
        taken.append(
            Taak(
                ngettext(
                    "%(n)s cliënt wacht op de start", "%(n)s cliënten wachten op de start", wachtend
                )
                % {"n": wachtend},
                _url("clienten:trajecten", status=TrajectStatus.WACHTEND),
                wachtend,
                toelichting=ngettext(
                    "waarvan %(n)s langer dan de norm",
                    "waarvan %(n)s langer dan de norm",
                    over_norm,
                )
                % {"n": over_norm},
                dringend=over_norm > 0,
            )
        )
    if scope.gemeenten or scope.gebiedsteams:
        sinds = peildatum - timedelta(days=30)
        geweigerd = Aanmelding.objects.filter(
            pk__in=selectors.aanmeldingen_voor(user).values("pk"),
            status=AanmeldingStatus.GEWEIGERD,
            besloten_op__date__gte=sinds,
        ).count()
        taken.append(
            Taak(
                ngettext(
                    "%(n)s aanmelding geweigerd (laatste 30 dagen)",
                    "%(n)s aanmeldingen geweigerd (laatste 30 dagen)",
                    geweigerd,
                )
                % {"n": geweigerd},
                _url("clienten:aanmeldingen", status=AanmeldingStatus.GEWEIGERD),
                geweigerd,
            )
        )
    taken.append(
        Taak(_("Wachttijden per product, gemeente en gebiedsteam"), reverse("clienten:wachttijden"))
    )
    return taken
