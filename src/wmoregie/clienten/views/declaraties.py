"""Monthly claims of the per-client lots: the list per month, a new claim, and corrections."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wmoregie.accounts.access import declare_access
from wmoregie.accounts.models import Organisatie
from wmoregie.catalogi.models import Gemeente
from wmoregie.contracten.constants import OvereenkomstStatus
from wmoregie.contracten.models import Overeenkomst
from wmoregie.invoer import als_id

from .. import selectors
from ..forms import DeclaratieKeuzeForm
from ..models import Declaratie, Prestatie
from ..services import declaraties as service
from ._basis import BACKOFFICE, GEMEENTE, log_inzage


def _overeenkomsten(user):
    """The per-client agreements of the user's back office."""
    scope = selectors.scope_van(user)
    return (
        Overeenkomst.objects.filter(
            Q(opdrachtnemer_id__in=scope.consortia)
            | Q(combinanten__organisatie_id__in=scope.consortia),
            status=OvereenkomstStatus.ACTIEF,
        )
        .exclude(bekostigingsvariant="taakgericht")
        .distinct()
    )


def _declaraties(user):
    return Declaratie.objects.filter(overeenkomst__in=_overeenkomsten(user)).select_related(
        "gemeente", "overeenkomst"
    )


@declare_access(BACKOFFICE)
def overzicht(request):
    declaraties = list(_declaraties(request.user))
    scope = selectors.scope_van(request.user)
    agb_codes = (
        Organisatie.objects.filter(pk__in=scope.consortia)
        .exclude(agb_code="")
        .values_list("agb_code", flat=True)
    )
    afstemming = service.afstemming(declaraties, service.ontvangen_antwoorden(agb_codes))
    return render(
        request,
        "clienten/declaraties.html",
        {
            "declaraties": declaraties,
            "afstemming": afstemming,
            "maanden": afstemming.per_maand,
            "keuze": DeclaratieKeuzeForm(
                gemeenten=Gemeente.objects.all(),
                initial={"maand": service.vorige_maand()},
            ),
            "heeft_overeenkomst": _overeenkomsten(request.user).exists(),
        },
    )


def _regels_uit_post(request, regels):
    """Keep the lines the user ticked, with the volume it confirmed (a whole number)."""
    gekozen = []
    for i, regel in enumerate(regels):
        if request.POST.get(f"regel_{i}") != "1":
            continue
        ruw = request.POST.get(f"volume_{i}", "").strip()
        if not (ruw.isascii() and ruw.isdigit()) or len(ruw) > 9:
            raise ValidationError(
                _("Het volume van %(client)s is geen heel getal.")
                % {"client": regel.traject.client},
                code="volume-ongeldig",
            )
        regel.volume = int(ruw)
        gekozen.append(regel)
    return gekozen


@declare_access(BACKOFFICE)
def nieuw(request):
    overeenkomsten = list(_overeenkomsten(request.user))
    form = DeclaratieKeuzeForm(request.GET or None, gemeenten=Gemeente.objects.all())
    if not overeenkomsten or not form.is_valid():
        return render(
            request,
            "clienten/declaratie_nieuw.html",
            {
                "form": form,
                "voorstellen": [],
                "overeenkomsten": overeenkomsten,
            },
            status=400 if form.is_bound and form.errors else 200,
        )
    gemeente, maand = form.cleaned_data["gemeente"], form.cleaned_data["maand"].replace(day=1)
    voorstellen = [(o, service.voorstel(o, gemeente, maand)) for o in overeenkomsten]
    fouten = []
    if request.method == "POST":
        index = als_id(request.POST.get("overeenkomst", ""))
        if index is not None and index < len(voorstellen):
            overeenkomst, regels = voorstellen[index]
            try:
                declaratie = service.dien_in(
                    overeenkomst,
                    gemeente,
                    maand,
                    _regels_uit_post(request, regels),
                    gebruiker=request.user,
                    request=request,
                )
            except ValidationError as fout:
                fouten = fout.messages
            else:
                messages.success(
                    request,
                    _("De declaratie %(nummer)s is ingediend.") % {"nummer": declaratie.nummer},
                )
                return redirect("clienten:declaratie", declaratie.pk)
        else:
            fouten = [_("Kies de overeenkomst waarvoor u declareert.")]
    log_inzage(
        request,
        "declaratie.voorstel-bekeken",
        [r.traject.client for _o, regels in voorstellen for r in regels],
        omschrijving=_("Declaratievoorstel %(maand)s") % {"maand": maand.strftime("%m-%Y")},
    )
    return render(
        request,
        "clienten/declaratie_nieuw.html",
        {
            "form": form,
            "voorstellen": voorstellen,
            "gemeente": gemeente,
            "maand": maand,
            "fouten": fouten,
            "overeenkomsten": overeenkomsten,
        },
        status=400 if fouten else 200,
    )


@declare_access(BACKOFFICE)
def declaratie(request, pk):
    declaratie = get_object_or_404(_declaraties(request.user), pk=pk)
    prestaties = list(
        declaratie.prestaties.select_related(
            "traject__client", "traject__product", "correctie__declaratie"
        )
    )
    log_inzage(
        request, "declaratie.bekeken", [p.traject.client for p in prestaties], obj=declaratie
    )
    from iwmo.retourcodes import betekenis

    return render(
        request,
        "clienten/declaratie.html",
        {
            "declaratie": declaratie,
            "prestaties": [
                (p, " ".join(dict.fromkeys(betekenis(c) for c in p.retourcodes.split())))
                for p in prestaties
            ],
        },
    )


@require_POST
@declare_access(BACKOFFICE)
def corrigeren(request, pk):
    """Claim a refused line again in a new claim, its period kept within the toewijzing."""
    prestatie = get_object_or_404(
        Prestatie.objects.filter(declaratie__in=_declaraties(request.user)), pk=pk
    )
    try:
        regel = service.corrigeer(prestatie)
        nieuw = service.dien_in(
            prestatie.declaratie.overeenkomst,
            prestatie.declaratie.gemeente,
            date(regel.periode_van.year, regel.periode_van.month, 1),
            [regel],
            gebruiker=request.user,
            request=request,
            correctie_van=prestatie,
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("clienten:declaratie", prestatie.declaratie_id)
    messages.success(
        request, _("De correctie is ingediend in declaratie %(nummer)s.") % {"nummer": nieuw.nummer}
    )
    return redirect("clienten:declaratie", nieuw.pk)


@declare_access(GEMEENTE)
def gemeente_overzicht(request):
    """The municipality's side: the claims its providers sent, with the answers it gave, per
    claim and per month, and the claims still without answer (amounts only, no client data)."""
    scope = selectors.scope_van(request.user)
    declaraties = Declaratie.objects.filter(gemeente_id__in=scope.gemeenten).select_related(
        "gemeente", "overeenkomst__opdrachtnemer"
    )
    return render(
        request,
        "clienten/declaraties_gemeente.html",
        {"afstemming": service.afstemming(declaraties)},
    )
