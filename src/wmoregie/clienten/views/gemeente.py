"""The municipality's side in wmoregie: answer a request for a toewijzing (WMO301 or 319)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from wmoregie.accounts.access import declare_access
from wmoregie.catalogi.models import Product

from .. import rechten, selectors
from ..forms import AfwijzingForm, ToekenningForm
from ..services import berichten
from ._basis import GEMEENTE, formulierpagina, log_inzage, traject_of_404, vereis, voer_uit


@declare_access(GEMEENTE)
def verzoeken(request):
    rijen = list(selectors.open_verzoeken(request.user))
    log_inzage(
        request,
        "verzoek.lijst-bekeken",
        [r.traject.client for r in rijen],
        omschrijving=_("Openstaande verzoeken om toewijzing"),
    )
    return render(request, "clienten/verzoeken.html", {"verzoeken": rijen})


@declare_access(GEMEENTE)
def toewijzen(request, pk):
    traject = traject_of_404(request, pk)
    vereis(rechten.mag_toewijzen_als_gemeente(request.user, traject))
    gevraagd = berichten.gevraagde_toekenning(traject)
    vereis(gevraagd is not None)
    form = ToekenningForm(
        request.POST or None,
        producten=Product.objects.filter(perceel=traject.product.perceel),
        initial={
            "product": gevraagd.product,
            "volume": gevraagd.volume,
            "frequentie": gevraagd.frequentie,
            "ingangsdatum": gevraagd.ingangsdatum,
            "einddatum": gevraagd.einddatum,
        },
    )
    antwoord = voer_uit(
        request,
        form,
        lambda d: berichten.geef_toewijzing_af(
            traject,
            gebruiker=request.user,
            request=request,
            toekenning=berichten.Toekenning(
                product=d["product"],
                volume=d["volume"],
                frequentie=d["frequentie"],
                ingangsdatum=d["ingangsdatum"],
                einddatum=d["einddatum"],
            ),
        ),
        melding=_("De toewijzing is verstuurd (WMO301)."),
        naar=reverse("clienten:verzoeken"),
    )
    if antwoord:
        return antwoord
    afwijzing = AfwijzingForm()
    log_inzage(request, "traject.formulier-bekeken", [traject.client], obj=traject)
    return formulierpagina(
        request,
        form,
        titel=_("Verzoek beantwoorden: %(traject)s") % {"traject": traject},
        knop=_("Toewijzen"),
        terug=reverse("clienten:verzoeken"),
        intro=_(
            "%(aanbieder)s vraagt om deze toewijzing. Pas zo nodig aan en wijs toe, of wijs "
            "het verzoek af."
        )
        % {"aanbieder": traject.aanmelding.overeenkomst.opdrachtnemer},
        template="clienten/toewijzen.html",
        context={
            "traject": traject,
            "afwijzing": afwijzing,
            "afwijzen_url": reverse("clienten:afwijzen", args=[traject.pk]),
        },
    )


@declare_access(GEMEENTE)
def afwijzen(request, pk):
    traject = traject_of_404(request, pk)
    vereis(rechten.mag_toewijzen_als_gemeente(request.user, traject))
    form = AfwijzingForm(request.POST or None)
    antwoord = voer_uit(
        request,
        form,
        lambda d: berichten.wijs_verzoek_af(
            traject, gebruiker=request.user, reden=d["reden"], request=request
        ),
        melding=_("Het verzoek is afgewezen (WMO319)."),
        naar=reverse("clienten:verzoeken"),
    )
    if antwoord:
        return antwoord
    log_inzage(request, "traject.formulier-bekeken", [traject.client], obj=traject)
    return formulierpagina(
        request,
        form,
        titel=_("Verzoek afwijzen: %(traject)s") % {"traject": traject},
        knop=_("Afwijzen"),
        terug=reverse("clienten:toewijzen", args=[traject.pk]),
    )
