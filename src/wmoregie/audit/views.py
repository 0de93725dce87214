"""The privacy officer's page: who read or changed what of one client."""

from django.core.paginator import Paginator
from django.shortcuts import render

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol

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
    Page links carry the client's id, so the BSN is typed once and not repeated in URLs."""
    client_id = request.GET.get("client", "")
    form = InzageForm(request.GET if "bsn" in request.GET else None)
    client = None
    gezocht = False
    if client_id.isdigit():
        client = inzage.vind_client(client_id=int(client_id))
        gezocht = True
    elif form.is_bound and form.is_valid():
        client = inzage.vind_client(bsn=form.cleaned_data["bsn"])
        gezocht = True
    pagina = None
    if client is not None:
        pagina = Paginator(inzage.regels_over(client.pk), PER_PAGINA).get_page(
            request.GET.get("pagina")
        )
        pagina.object_list = [(r, inzage.actie_label(r.actie)) for r in pagina.object_list]
    if gezocht:
        inzage.log_bevraging(
            request,
            client,
            bsn=form.cleaned_data.get("bsn", "") if form.is_bound else "",
            pagina=pagina.number if pagina else 1,
        )
    return render(
        request,
        "audit/inzage.html",
        {"form": form, "client": client, "gezocht": gezocht, "pagina": pagina},
        status=400 if form.is_bound and form.errors else 200,
    )
