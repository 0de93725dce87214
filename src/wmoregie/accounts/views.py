from django.contrib.auth import views as auth_views
from django.shortcuts import render

from wmoregie.accounts.access import PUBLIC, SIGNED_IN, AccessMixin, declare_access
from wmoregie.audit.services import record

from .forms import InlogForm


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
