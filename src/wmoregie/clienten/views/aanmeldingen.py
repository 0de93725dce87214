"""Referrals: make one (area team, municipality), accept or refuse it (back office)."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wmoregie.accounts.access import declare_access
from wmoregie.catalogi.models import Gebiedsteam, Gemeente
from wmoregie.forms import pas_fout_toe

from .. import rechten, selectors, services
from ..berichtafspraak import afspraak_voor
from ..constants import AanmeldingStatus
from ..forms import AanmeldingForm, AanvraagForm, IdentiteitForm, ToelichtingForm, WeigerForm
from ..models import Client
from ..services import berichten
from ._basis import (
    AANMELDERS,
    BACKOFFICE,
    TOEGANG,
    aanmelding_of_404,
    formulierpagina,
    log_inzage,
    vereis,
    voer_uit,
)

PER_PAGINA = 25


@declare_access(AANMELDERS)
def aanmelden(request):
    scope = selectors.scope_van(request.user)
    teams = Gebiedsteam.objects.filter(pk__in=scope.gebiedsteams).select_related("gemeente")
    gemeenten = Gemeente.objects.filter(
        pk__in=set(scope.gemeenten) | {t.gemeente_id for t in teams}
    )
    if scope.gemeenten:  # a municipality worker may name any team of its municipality
        teams = Gebiedsteam.objects.filter(gemeente__in=gemeenten)
    form = AanmeldingForm(request.POST or None, gemeenten=gemeenten, gebiedsteams=teams)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not rechten.mag_aanmelden(
            request.user, gemeente=data["gemeente"], gebiedsteam=data["gebiedsteam"]
        ):
            form.add_error("gemeente", _("U kunt alleen aanmelden voor uw eigen gemeente of team."))
        else:
            try:
                aanmelding = services.meld_aan(
                    gebruiker=request.user,
                    client=services.Clientgegevens(
                        **{
                            veld: data[veld]
                            for veld in (
                                "bsn",
                                "achternaam",
                                "geboortedatum",
                                "gemeente",
                                "straat",
                                "huisnummer",
                                "postcode",
                                "woonplaats",
                                "voorletters",
                                "voorvoegsel",
                                "geslacht",
                                "huisletter",
                                "huisnummer_toevoeging",
                                "telefoon",
                            )
                        }
                    ),
                    gemeente=data["gemeente"],
                    gebiedsteam=data["gebiedsteam"],
                    product=data["product"],
                    bron=data["bron"],
                    vraag=data["vraag"],
                    urgent=data["urgent"],
                    request=request,
                )
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                from django.contrib import messages

                messages.success(
                    request,
                    _("De aanmelding is verstuurd naar %(org)s.")
                    % {"org": aanmelding.overeenkomst.opdrachtnemer},
                )
                return redirect("clienten:aanmelding", aanmelding.pk)
    groepen = [(legenda, [form[v] for v in velden]) for legenda, velden in form.groepen]
    return formulierpagina(
        request,
        form,
        titel=_("Cliënt aanmelden"),
        knop=_("Aanmelden"),
        terug=reverse("clienten:start"),
        groepen=groepen,
        intro=_(
            "Meld een inwoner aan voor Wmo-ondersteuning. Is het BSN al bekend, dan wordt "
            "de bestaande cliënt gebruikt: één cliënt, meer trajecten."
        ),
    )


@declare_access(TOEGANG)
def aanmeldingen(request):
    qs = selectors.aanmeldingen_voor(request.user)
    status = request.GET.get("status", "")
    if status in AanmeldingStatus.values:
        qs = qs.filter(status=status)
    pagina = Paginator(qs.order_by("-aangemeld_op", "-id"), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    log_inzage(
        request,
        "aanmelding.lijst-bekeken",
        [a.client for a in pagina],
        omschrijving=_("Lijst met aanmeldingen"),
    )
    return render(
        request,
        "clienten/aanmeldingen.html",
        {
            "pagina": pagina,
            # Marked for its back office only (a referrer must not learn the BSN is known).
            "identiteit_vaststellen": {
                a.pk
                for a in pagina
                if a.client.identiteit_onbevestigd
                and a.status == AanmeldingStatus.AANGEMELD
                and rechten.mag_besluiten(request.user, a)
            },
            "status": status,
            "statussen": AanmeldingStatus.choices,
        },
    )


@declare_access(TOEGANG)
def aanmelding(request, pk):
    aanmelding = aanmelding_of_404(request, pk)
    log_inzage(request, "aanmelding.bekeken", [aanmelding.client], obj=aanmelding)
    mag_besluiten = (
        rechten.mag_besluiten(request.user, aanmelding)
        and aanmelding.status == AanmeldingStatus.AANGEMELD
    )
    return render(
        request,
        "clienten/aanmelding.html",
        {
            "aanmelding": aanmelding,
            "traject": getattr(aanmelding, "traject", None),
            "mag_besluiten": mag_besluiten,
            # Only the back office learns that the BSN is known elsewhere; the referrer's page
            # is the same as for any new client.
            "identiteit_vaststellen": mag_besluiten
            and services.bekende_client(aanmelding.client) is not None,
            "mag_intrekken": rechten.mag_intrekken(request.user, aanmelding)
            and aanmelding.status == AanmeldingStatus.AANGEMELD,
            "afspraak": afspraak_voor(aanmelding),
            "gebeurtenissen": aanmelding.gebeurtenissen.select_related("door"),
        },
    )


@declare_access(BACKOFFICE)
def accepteren(request, pk):
    aanmelding = aanmelding_of_404(request, pk)
    vereis(rechten.mag_besluiten(request.user, aanmelding))
    afspraak = afspraak_voor(aanmelding)
    data = request.POST if request.method == "POST" else None  # an empty POST is a POST
    form = AanvraagForm(data) if afspraak.toewijzing else ToelichtingForm(data)
    if not afspraak.toewijzing:
        form.fields["toelichting"].required = False
        form.fields["toelichting"].label = _("Opmerking (niet verplicht)")

    def accepteer(data):
        aanvraag = None
        if afspraak.toewijzing:
            aanvraag = berichten.Aanvraag(
                volume=data["volume"],
                frequentie=data["frequentie"],
                ingangsdatum=data["ingangsdatum"],
                einddatum=data["einddatum"],
            )
        return services.accepteer(
            aanmelding, gebruiker=request.user, aanvraag=aanvraag, request=request
        )

    antwoord = voer_uit(
        request,
        form,
        accepteer,
        melding=_("De aanmelding is geaccepteerd."),
        naar=lambda traject: reverse("clienten:traject", args=[traject.pk]),
    )
    if antwoord:
        return antwoord
    log_inzage(request, "aanmelding.formulier-bekeken", [aanmelding.client], obj=aanmelding)
    intro = (
        _(
            "Accepteren opent het traject en vraagt %(gemeente)s om een toewijzing (WMO315). "
            "Geef aan welke omvang u vraagt."
        )
        % {"gemeente": aanmelding.gemeente.naam}
        if afspraak.toewijzing
        else _("Accepteren opent het traject; daarna wijst u de uitvoerder toe.")
    )
    if afspraak.toewijzing and not form.is_bound:
        standaard = berichten.standaard_aanvraag(aanmelding.product)
        form.initial = {
            "volume": standaard.volume,
            "frequentie": standaard.frequentie,
            "ingangsdatum": standaard.ingangsdatum,
            "einddatum": standaard.einddatum,
        }
    return formulierpagina(
        request,
        form,
        titel=_("Aanmelding accepteren: %(client)s") % {"client": aanmelding.client},
        knop=_("Accepteren"),
        terug=reverse("clienten:aanmelding", args=[pk]),
        intro=intro,
    )


@declare_access(BACKOFFICE)
def weigeren(request, pk):
    aanmelding = aanmelding_of_404(request, pk)
    vereis(rechten.mag_besluiten(request.user, aanmelding))
    form = WeigerForm(request.POST or None)
    antwoord = voer_uit(
        request,
        form,
        lambda d: services.weiger(
            aanmelding,
            gebruiker=request.user,
            reden=d["reden"],
            toelichting=d["toelichting"],
            request=request,
        ),
        melding=_("De aanmelding is geweigerd; de gemeente en de regio zien de reden."),
        naar=reverse("clienten:aanmelding", args=[pk]),
    )
    if antwoord:
        return antwoord
    log_inzage(request, "aanmelding.formulier-bekeken", [aanmelding.client], obj=aanmelding)
    return formulierpagina(
        request,
        form,
        titel=_("Aanmelding weigeren: %(client)s") % {"client": aanmelding.client},
        knop=_("Weigeren"),
        terug=reverse("clienten:aanmelding", args=[pk]),
        intro=_(
            "U moet iedere aangemelde cliënt accepteren, tenzij u aantoonbaar niet de juiste "
            "ondersteuning kunt bieden (OW 3.1.1)."
        ),
    )


@declare_access(AANMELDERS)
def intrekken(request, pk):
    aanmelding = aanmelding_of_404(request, pk)
    vereis(rechten.mag_intrekken(request.user, aanmelding))
    form = ToelichtingForm(request.POST or None)
    antwoord = voer_uit(
        request,
        form,
        lambda d: services.trek_in(
            aanmelding, gebruiker=request.user, toelichting=d["toelichting"], request=request
        ),
        melding=_("De aanmelding is ingetrokken."),
        naar=reverse("clienten:aanmelding", args=[pk]),
    )
    if antwoord:
        return antwoord
    log_inzage(request, "aanmelding.formulier-bekeken", [aanmelding.client], obj=aanmelding)
    return formulierpagina(
        request,
        form,
        titel=_("Aanmelding intrekken"),
        knop=_("Intrekken"),
        terug=reverse("clienten:aanmelding", args=[pk]),
    )


@declare_access(BACKOFFICE)
def identiteit(request, pk):
    """The back office decides whether a referral's client is the known client with its BSN."""
    aanmelding = aanmelding_of_404(request, pk)
    vereis(rechten.mag_besluiten(request.user, aanmelding))
    bekend = services.bekende_client(aanmelding.client)
    if bekend is None or aanmelding.status != AanmeldingStatus.AANGEMELD:
        return redirect("clienten:aanmelding", pk=pk)
    form = IdentiteitForm(request.POST or None)
    antwoord = voer_uit(
        request,
        form,
        lambda d: services.stel_identiteit_vast(
            aanmelding,
            gebruiker=request.user,
            zelfde=d["zelfde"],
            toelichting=d["toelichting"],
            request=request,
        ),
        melding=_("Het besluit over de identiteit is vastgelegd."),
        naar=reverse("clienten:aanmelding", args=[pk]),
    )
    if antwoord:
        return antwoord
    log_inzage(
        request, "aanmelding.identiteit-bekeken", [aanmelding.client, bekend], obj=aanmelding
    )
    return formulierpagina(
        request,
        form,
        titel=_("Identiteit vaststellen"),
        knop=_("Besluit vastleggen"),
        terug=reverse("clienten:aanmelding", args=[pk]),
        template="clienten/identiteit.html",
        context={
            "aanmelding": aanmelding,
            # The values of the known client only for a back office that may see it anyway.
            "bekend": bekend
            if selectors.clienten_voor(request.user).filter(pk=bekend.pk).exists()
            else None,
            "vergelijking": [
                (Client._meta.get_field(veld).verbose_name, overeen)
                for veld, overeen in services.vergelijking(aanmelding.client, bekend).items()
            ],
        },
    )
