"""The privacy officer's page: who read or changed what of one client."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.invoer import als_id

from . import inzage
from .forms import InzageForm

#: Only the privacy officer (functionaris gegevensbescherming): nobody else reads the log.
PRIVACY = roles(
    Rol.FUNCTIONARIS_GEGEVENSBESCHERMING, description="functionaris gegevensbescherming"
)
PER_PAGINA = 25


@declare_access(PRIVACY)
def inzage_pagina(request):
    """Search a client by BSN and list every read and change of its data, newest first.

    The BSN is sent by POST and never appears in a URL (browser history, server logs): a
    found client is shown at ``?client=<id>``, which the page links also use. Every answer
    about a client, and every search that finds nobody, is logged."""
    form = InzageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        client = inzage.vind_client(bsn=form.cleaned_data["bsn"])
        if client is not None:
            return redirect(f"{reverse('audit:inzage')}?client={client.pk}")
        inzage.log_bevraging(request, None, bsn=form.cleaned_data["bsn"])
        return _toon(request, form, client=None, gezocht=True)
    client_id = als_id(request.GET.get("client", ""))
    if request.method == "GET" and client_id is not None:
        client = inzage.vind_client(client_id=client_id)
        return _toon(request, form, client=client, gezocht=True)
    return _toon(request, form, client=None, gezocht=False)


def _toon(request, form, *, client, gezocht: bool):
    pagina = None
    if client is not None:
        pagina = Paginator(inzage.regels_over(client), PER_PAGINA).get_page(
            request.GET.get("pagina")
        )
        pagina.object_list = [(r, inzage.actie_label(r.actie)) for r in pagina.object_list]
        inzage.log_bevraging(request, client, pagina=pagina.number)
    elif gezocht and request.method == "GET":
        inzage.log_bevraging(request, None)
    return render(
        request,
        "audit/inzage.html",
        {"form": form, "client": client, "gezocht": gezocht, "pagina": pagina},
        status=400 if form.is_bound and form.errors else 200,
    )
