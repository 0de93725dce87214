"""Overviews: the start page of the client administration, waiting times, messages that need
action, and the message agreements."""

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.aanbestedingen.termijnen import add_working_days
from wmoregie.accounts.access import declare_access
from wmoregie.catalogi.models import Gemeente
from wmoregie.contracten.constants import OvereenkomstStatus
from wmoregie.contracten.models import Overeenkomst

from .. import selectors, wachttijd
from ..berichtafspraak import afspraak
from ..constants import ANTWOORDTERMIJN_WERKDAGEN, AanmeldingStatus, Antwoordstatus
from ..models import Aanmelding, Trajectbericht
from ..services import berichten
from ..services._basis import vandaag
from ..werkvoorraad import werkvoorraad
from ._basis import BACKOFFICE, CIJFERS, CLIENTROLLEN, log_inzage


@declare_access(CLIENTROLLEN)
def start(request):
    """The client administration's start page: the worklist of the role (counts only) and the
    ways in. Names of clients appear only on the pages behind it."""
    return render(
        request,
        "clienten/start.html",
        {
            "taken": werkvoorraad(request.user),
            "scope": selectors.scope_van(request.user),
        },
    )


def _aanmeldingen_in_cijfers(user):
    """Referrals whose waiting time the user may see, as numbers: the gemeente its own, the
    area team its own, the back office its agreements', the contract manager all."""
    from wmoregie.accounts.constants import Rol

    qs = Aanmelding.objects.select_related("product", "gemeente", "gebiedsteam", "traject")
    if Rol.CONTRACTMANAGER in user.rollen():
        return qs
    return qs.filter(pk__in=selectors.aanmeldingen_voor(user).values("pk"))


def _groep(paren, sleutel):
    return wachttijd.per_groep((sleutel(aanmelding), w) for aanmelding, w in paren)


@declare_access(CIJFERS)
def wachttijden(request):
    """Waiting time from referral to start per product, municipality and area team: numbers
    only (no client rows), with the norm per product."""
    peildatum = vandaag()
    normen = selectors.wachttijdnormen()
    paren = []
    for aanmelding in _aanmeldingen_in_cijfers(request.user).exclude(
        status__in=[AanmeldingStatus.GEWEIGERD, AanmeldingStatus.INGETROKKEN]
    ):
        w = selectors.wachttijd(aanmelding, peildatum, normen)
        if w is not None:
            paren.append((aanmelding, w))
    return render(
        request,
        "clienten/wachttijden.html",
        {
            "peildatum": peildatum,
            "groepen": [
                (_("Per product"), _("Product"), _groep(paren, lambda a: a.product.naam)),
                (_("Per gemeente"), _("Gemeente"), _groep(paren, lambda a: a.gemeente.naam)),
                (
                    _("Per gebiedsteam"),
                    _("Gebiedsteam"),
                    _groep(paren, lambda a: a.gebiedsteam.naam if a.gebiedsteam else _("(geen)")),
                ),
            ],
            "totaal": wachttijd.vat_samen(_("Alle"), (w for _a, w in paren)),
            "normen": sorted({(a.product.naam, w.norm) for a, w in paren}),
        },
    )


@declare_access(BACKOFFICE)
def berichten_overzicht(request):
    """Messages that need the back office: refused by a municipality and not corrected,
    waiting for a retour longer than the standard's three working days (Dutch public holidays
    counted), and what arrived but matched no trajectory."""
    trajecten = selectors.trajecten_voor(request.user).values("pk")
    eigen = Trajectbericht.objects.filter(traject__in=trajecten).select_related(
        "traject__client", "traject__product", "bericht"
    )
    afgekeurd = list(
        eigen.filter(antwoordstatus=Antwoordstatus.AFGEKEURD, verbeterd_door__isnull=True)
    )
    peildatum = vandaag()
    te_laat = [
        b
        for b in eigen.filter(antwoordstatus=Antwoordstatus.WACHT)
        if add_working_days(timezone.localdate(b.verzonden_op), ANTWOORDTERMIJN_WERKDAGEN)
        < peildatum
    ]
    scope = selectors.scope_van(request.user)
    agb = list(
        Overeenkomst.objects.filter(
            Q(opdrachtnemer_id__in=scope.consortia)
            | Q(combinanten__organisatie_id__in=scope.consortia)
        )
        .exclude(opdrachtnemer__agb_code="")
        .values_list("opdrachtnemer__agb_code", flat=True)
    )
    niet_gekoppeld = berichten.onverwerkte_berichten().filter(
        Q(ontvanger__in=agb) | Q(afzender__in=agb)
    )
    log_inzage(
        request,
        "bericht.lijst-bekeken",
        [b.traject.client for b in afgekeurd + te_laat],
        omschrijving=_("Berichten die aandacht vragen"),
    )
    return render(
        request,
        "clienten/berichten.html",
        {
            "afgekeurd": [(b, berichten.antwoord_tekst(b)) for b in afgekeurd],
            "te_laat": te_laat,
            "niet_gekoppeld": niet_gekoppeld,
        },
    )


@declare_access(CIJFERS)
def berichtafspraken(request):
    """The message agreement per municipality and lot, derived from catalogue and contracts."""
    overeenkomsten = Overeenkomst.objects.filter(status=OvereenkomstStatus.ACTIEF).select_related(
        "perceel", "opdrachtnemer"
    )
    gemeenten = Gemeente.objects.all()
    scope = selectors.scope_van(request.user)
    if scope.gemeenten and not scope.consortia:
        gemeenten = gemeenten.filter(pk__in=scope.gemeenten)
    rijen = [
        (gemeente, overeenkomst, afspraak(gemeente, overeenkomst))
        for gemeente in gemeenten
        for overeenkomst in overeenkomsten
    ]
    return render(request, "clienten/berichtafspraken.html", {"rijen": rijen})
