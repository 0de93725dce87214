"""Finding a client and reading the client file: search (logged), detail, unmasking the BSN."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wmoregie.accounts.access import declare_access
from wmoregie.audit.services import record

from .. import selectors
from ..forms import ZoekForm
from ..inzage import werkcontext
from ..validators import normaliseer_bsn
from ._basis import CLIENTROLLEN, log_inzage

MAX_ZOEKRESULTATEN = 50


@declare_access(CLIENTROLLEN)
def zoeken(request):
    """Search by BSN, surname or birth date, within the user's scope. Every search is logged
    (what was searched, and one entry per client found)."""
    form = ZoekForm(request.GET or None)
    resultaten = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        qs = selectors.clienten_voor(request.user)
        if data["bsn"]:
            qs = qs.filter(bsn=normaliseer_bsn(data["bsn"]))
        if data["naam"]:
            qs = qs.filter(achternaam__icontains=data["naam"].strip())
        if data["geboortedatum"]:
            qs = qs.filter(geboortedatum=data["geboortedatum"])
        resultaten = list(qs.order_by("achternaam", "geboortedatum")[:MAX_ZOEKRESULTATEN])
        rol, organisatie = werkcontext(request.user)
        # Who searched for whom: the search itself, also when it found nothing.
        record(
            "client.gezocht",
            request=request,
            rol=rol,
            organisatie=organisatie,
            omschrijving=_("%(n)s resultaten") % {"n": len(resultaten)},
            gegevens={"zoekterm": {k: str(v) for k, v in data.items() if v}},
        )
        log_inzage(request, "client.gevonden", resultaten, omschrijving=_("Zoekresultaat"))
    return render(
        request,
        "clienten/zoeken.html",
        {
            "form": form,
            "resultaten": resultaten,
            "max": MAX_ZOEKRESULTATEN,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _client_of_404(request, pk):
    return get_object_or_404(selectors.clienten_voor(request.user), pk=pk)


def _dossier(request, client, *, bsn_zichtbaar: bool):
    trajecten = selectors.trajecten_voor(request.user).filter(client=client)
    aanmeldingen = selectors.aanmeldingen_voor(request.user).filter(client=client)
    from ..models import Gebeurtenis

    zichtbare = set(aanmeldingen.values_list("pk", flat=True)) | set(
        trajecten.values_list("aanmelding_id", flat=True)
    )
    return render(
        request,
        "clienten/client.html",
        {
            "client": client,
            "bsn_zichtbaar": bsn_zichtbaar,
            "trajecten": trajecten.order_by("-geopend_op"),
            "aanmeldingen": aanmeldingen.filter(traject__isnull=True).order_by("-aangemeld_op"),
            "gebeurtenissen": Gebeurtenis.objects.filter(aanmelding_id__in=zichtbare)
            .select_related("traject__product", "aanmelding__product", "door")
            .order_by("-datum", "-tijdstip", "-id"),
        },
    )


@declare_access(CLIENTROLLEN)
def client(request, pk):
    client = _client_of_404(request, pk)
    log_inzage(request, "client.bekeken", [client], obj=client)
    return _dossier(request, client, bsn_zichtbaar=False)


@require_POST
@declare_access(CLIENTROLLEN)
def bsn_tonen(request, pk):
    """Show the full BSN: a deliberate act, logged on its own."""
    client = _client_of_404(request, pk)
    log_inzage(
        request, "client.bsn-getoond", [client], obj=client, omschrijving=_("Volledig BSN getoond")
    )
    return _dossier(request, client, bsn_zichtbaar=True)
