"""What every page of clienten shares: who may open it, the form page, and the POST-action step."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from wmoregie.accounts.access import roles
from wmoregie.accounts.constants import Rol
from wmoregie.forms import pas_fout_toe

from .. import inzage, selectors

# Roles that work with client data (each within its scope, see selectors.py).
CLIENTROLLEN = roles(
    Rol.GEMEENTE_MEDEWERKER,
    Rol.GEBIEDSTEAM_MEDEWERKER,
    Rol.BACKOFFICE,
    Rol.ONDERAANNEMER_MEDEWERKER,
    description="wie met cliëntgegevens werkt, binnen de eigen scope",
)
AANMELDERS = roles(Rol.GEMEENTE_MEDEWERKER, Rol.GEBIEDSTEAM_MEDEWERKER)
TOEGANG = roles(Rol.GEMEENTE_MEDEWERKER, Rol.GEBIEDSTEAM_MEDEWERKER, Rol.BACKOFFICE)
BACKOFFICE = roles(Rol.BACKOFFICE)
UITVOERDERS = roles(Rol.BACKOFFICE, Rol.ONDERAANNEMER_MEDEWERKER)
GEMEENTE = roles(Rol.GEMEENTE_MEDEWERKER)
# Aggregates without client data: also the region's contract manager.
CIJFERS = roles(
    Rol.GEMEENTE_MEDEWERKER,
    Rol.GEBIEDSTEAM_MEDEWERKER,
    Rol.BACKOFFICE,
    Rol.CONTRACTMANAGER,
    description="cijfers zonder cliëntgegevens",
)


def traject_of_404(request, pk):
    return get_object_or_404(selectors.trajecten_voor(request.user), pk=pk)


def aanmelding_of_404(request, pk):
    return get_object_or_404(selectors.aanmeldingen_voor(request.user), pk=pk)


def vereis(toegestaan: bool) -> None:
    if not toegestaan:
        raise PermissionDenied


def formulierpagina(
    request,
    form,
    *,
    titel: str,
    knop: str,
    terug: str,
    intro: str = "",
    groepen=None,
    context: dict | None = None,
    template: str = "clienten/formulier.html",
):
    """The shared form page; a submitted form with errors answers 400."""
    return render(
        request,
        template,
        {
            "form": form,
            "titel": titel,
            "knop": knop,
            "terug": terug,
            "intro": intro,
            "groepen": groepen if groepen is not None else [("", list(form))],
            **(context or {}),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def voer_uit(request, form, doe: Callable, *, melding: str, naar: Callable | str):
    """On a valid POST: run the service; its ValidationError goes onto the form (the page
    answers 400 and nothing is stored), else a message and a redirect. None: show the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        resultaat = doe(form.cleaned_data)
    except ValidationError as fout:
        pas_fout_toe(form, fout)
        return None
    messages.success(request, melding)
    return redirect(naar(resultaat) if callable(naar) else naar)


def log_inzage(request, actie: str, clienten, *, obj=None, omschrijving: str = "") -> None:
    inzage.log(actie, clienten, request=request, obj=obj, omschrijving=omschrijving)
