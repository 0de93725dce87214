from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from wmoregie.accounts.access import PUBLIC, SIGNED_IN, AccessMixin, declare_access, roles
from wmoregie.audit.services import record

from .constants import Rol
from .forms import InlogForm, OrganisatieForm
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
    return render(request, "accounts/mijn_account.html", {"toekenningen": toekenningen})


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
