"""The opening of a phase with four eyes: one inkoper proposes, a different one confirms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol

from . import selectors, services

_ACTIES = {
    "voorstellen": (
        services.stel_opening_voor,
        "Het openen is voorgesteld. Een andere inkoper moet het nu bevestigen.",
    ),
    "bevestigen": (services.bevestig_opening, "Bevestigd: de inzendingen zijn geopend."),
    "intrekken": (services.trek_openingsvoorstel_in, "Het voorstel om te openen is ingetrokken."),
}


@require_POST
@declare_access(roles(Rol.INKOPER))
def opening(request, pk: int):
    aanbesteding = selectors.aanbestedingen_van_regio(request.user).filter(pk=pk).first()
    if aanbesteding is None or not selectors.is_inkoper_van(request.user, aanbesteding):
        raise Http404
    actie = _ACTIES.get(request.POST.get("actie", ""))
    if actie is None:
        messages.error(request, "Kies voorstellen, bevestigen of intrekken.")
    else:
        service, gelukt = actie
        try:
            service(aanbesteding, gebruiker=request.user)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, gelukt)
    return redirect("aanbestedingen:detail", pk=aanbesteding.pk)
