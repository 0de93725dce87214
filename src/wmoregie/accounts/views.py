from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from wmoregie.accounts.access import (
    PUBLIC,
    SIGNED_IN,
    SIGNED_IN_BEFORE_SECOND_STEP,
    AccessMixin,
    declare_access,
    roles,
)
from wmoregie.audit.services import record

from . import tweestaps
from .constants import Rol
from .forms import InlogForm, OrganisatieForm, TweestapsForm
from .models import Organisatie
from .services import registreer_organisatie


class InlogView(AccessMixin, auth_views.LoginView):
    access = PUBLIC
    template_name = "accounts/inloggen.html"
    authentication_form = InlogForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        record("account.ingelogd", request=self.request)
        return response

    def get_success_url(self):
        volgende = super().get_success_url()
        if tweestaps.ontbreekt(self.request.user):
            return _met_volgende("accounts:tweestaps", volgende)
        return volgende

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_aan"] = bool(getattr(settings, "WMOREGIE_OIDC_AAN", False))
        context["oidc_knop"] = getattr(settings, "WMOREGIE_OIDC_KNOP", "")
        context["oidc_mislukt"] = self.request.GET.get("oidc") == "mislukt"
        return context


class UitlogView(AccessMixin, auth_views.LogoutView):
    access = PUBLIC  # signing out must always work, also on an expired session
    template_name = "accounts/uitgelogd.html"

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            record("account.uitgelogd", request=request)
        return super().post(request, *args, **kwargs)


@declare_access(SIGNED_IN)
def mijn_account(request):
    toekenningen = request.user.roltoekenningen.select_related(
        "regio", "gemeente", "gebiedsteam", "organisatie"
    )
    return render(
        request,
        "accounts/mijn_account.html",
        {
            "toekenningen": toekenningen,
            "tweestaps_aan": tweestaps.aan(),
            "tweestaps_ingesteld": tweestaps.bevestigd_apparaat(request.user) is not None,
        },
    )


REGIO_ROLLEN = roles(Rol.INKOPER, Rol.CONTRACTMANAGER)


@declare_access(REGIO_ROLLEN)
def organisaties(request):
    if request.method == "POST":
        form = OrganisatieForm(request.POST)
        if form.is_valid():
            organisatie = registreer_organisatie(**form.cleaned_data, gebruiker=request.user)
            messages.success(request, f"{organisatie.naam} is toegevoegd.")
            return redirect("accounts:organisaties")
    else:
        form = OrganisatieForm()
    return render(
        request,
        "accounts/organisaties.html",
        {"form": form, "organisaties": Organisatie.objects.all()},
    )


def _volgende(request) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return reverse(settings.LOGIN_REDIRECT_URL)


def _met_volgende(naam: str, volgende: str) -> str:
    return f"{reverse(naam)}?{urlencode({'next': volgende})}"


@declare_access(SIGNED_IN_BEFORE_SECOND_STEP)
def tweede_stap(request):
    """The second step after the password: a code from the authenticator app."""
    volgende = _volgende(request)
    if tweestaps.geverifieerd(request.user):
        return redirect(volgende)
    if tweestaps.bevestigd_apparaat(request.user) is None:
        return redirect(_met_volgende("accounts:tweestaps-instellen", volgende))
    form = TweestapsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tweestaps.verifieer(request, form.cleaned_data["code"]):
            return redirect(volgende)
        form.add_error(
            "code",
            "Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat en probeer de "
            "nieuwste code.",
        )
    return render(request, "accounts/tweede_stap.html", {"form": form, "next": volgende})


@declare_access(SIGNED_IN_BEFORE_SECOND_STEP)
def tweede_stap_instellen(request):
    """Set up the authenticator app: scan the QR code (or type the key), confirm with a code.

    Replacing a device needs the second step first; otherwise a stolen password would be
    enough to add the thief's own app."""
    volgende = _volgende(request)
    if tweestaps.bevestigd_apparaat(request.user) and not tweestaps.geverifieerd(request.user):
        return redirect(_met_volgende("accounts:tweestaps", volgende))
    apparaat = tweestaps.apparaat_in_te_stellen(request)
    form = TweestapsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tweestaps.bevestig_apparaat(request, apparaat, form.cleaned_data["code"]):
            messages.success(request, "Tweestapsverificatie is ingesteld.")
            return redirect(volgende)
        form.add_error(
            "code",
            "Deze code klopt niet. Scan de QR-code opnieuw of typ de sleutel over, en vul de "
            "nieuwste code in.",
        )
    return render(
        request,
        "accounts/tweede_stap_instellen.html",
        {
            "form": form,
            "next": volgende,
            "qr": tweestaps.qr_svg(apparaat),
            "sleutel": tweestaps.geheime_sleutel(apparaat),
            "uitgever": settings.OTP_TOTP_ISSUER,
        },
    )
