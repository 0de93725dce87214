"""The quarterly report on the page: ask for one (queued as background work), see its status,
download it when ready. Who may ask for and open which report: ``rapportage/services.py``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.clienten.services._basis import vandaag
from wmoregie.forms import pas_fout_toe

from ..cijfers import lezen
from ..models import Rapportstatus
from ..rapportage import kwartaal as kw
from ..rapportage import services

RAPPORTROLLEN = roles(
    Rol.INKOPER,
    Rol.BEOORDELAAR,
    Rol.CONTRACTMANAGER,
    Rol.GEMEENTE_MEDEWERKER,
    Rol.GEBIEDSTEAM_MEDEWERKER,
    description="kwartaalrapportage: de regio alle rapporten, een gemeente het eigen rapport",
)
REGIO = "regio"


class RapportForm(forms.Form):
    kwartaal = forms.CharField(
        label=_("Kwartaal"),
        max_length=6,
        help_text=_("Jaar en kwartaal, bijvoorbeeld 2026-3 (juli–september)."),
    )
    # A text value with the allowed choices as widget: a choice outside the user's scope
    # reaches the service, which refuses it with its own code.
    gemeente = forms.CharField(label=_("Rapport van"), widget=forms.Select)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [(g.code, g.naam) for g in lezen.gemeenten_in_scope(scope)]
        if scope.alles:
            keuzes = [(REGIO, _("Regio (alle gemeenten)")), *keuzes]
        self.fields["gemeente"].widget.choices = keuzes


def _scope(request):
    scope = lezen.scope_van(request.user)
    if not services.mag_rapporteren(scope):
        raise PermissionDenied
    return scope


def _lijst(scope):
    services.markeer_verlopen()
    rapporten = list(services.rapporten_voor(scope)[:30])
    return {
        "rapporten": rapporten,
        "bezig": any(r.in_behandeling for r in rapporten),
    }


@declare_access(RAPPORTROLLEN)
@require_http_methods(["GET", "POST"])
def rapportage(request):
    scope = _scope(request)
    status = 200
    if request.method == "POST":
        form = RapportForm(request.POST, scope=scope)
        if form.is_valid():
            gemeente = form.cleaned_data["gemeente"]
            try:
                rapport = services.vraag_aan(
                    scope=scope,
                    kwartaal=form.cleaned_data["kwartaal"],
                    gemeente=None if gemeente == REGIO else gemeente,
                    gebruiker=request.user,
                    request=request,
                )
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                messages.success(
                    request,
                    f"De kwartaalrapportage {kw.naam(rapport.kwartaal)} van {rapport.gebied} "
                    "is aangevraagd.",
                )
                return redirect(reverse("monitoring:rapportage") + f"#rapport-{rapport.pk}")
        status = 400
    else:
        form = RapportForm(
            scope=scope,
            initial={
                "kwartaal": kw.laatst_afgesloten(vandaag()),
                "gemeente": REGIO if scope.alles else min(scope.gemeenten),
            },
        )
    return render(
        request,
        "monitoring/rapportage.html",
        {"form": form, "titel": "Kwartaalrapportage", **_lijst(scope)},
        status=status,
    )


@declare_access(RAPPORTROLLEN)
@require_GET
def rapportage_lijst(request):
    """The list of reports alone, polled by the page while one is being made."""
    return render(request, "monitoring/_rapporten.html", _lijst(_scope(request)))


@declare_access(RAPPORTROLLEN)
@require_GET
def rapport_pdf(request, pk: int):
    scope = _scope(request)
    rapport = get_object_or_404(services.rapporten_voor(scope), pk=pk)
    if rapport.status != Rapportstatus.KLAAR or not rapport.bestand:
        raise Http404
    return services.download(rapport, request)
