"""Documents on request (#15.6): the inkoper sets per procedure which documents are asked with
the registration and which only on request (before publication); asks a party of a registration
for one; the registrant delivers it. Business rules live in ``services.documentverzoeken``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.forms import pas_fout_toe

from . import selectors, services
from .constants import Documentsoort, Fase, Status, Vraagmoment
from .forms import DocumentvereistenForm, DocumentverzoekForm, VerzochtDocumentForm
from .models import Aanbesteding, Documentverzoek
from .termijnen import kalenderdag

REGIO = roles(Rol.INKOPER, Rol.BEOORDELAAR)
ALLE = roles(Rol.INKOPER, Rol.BEOORDELAAR, Rol.INSCHRIJVER)
INSCHRIJVER = roles(Rol.INSCHRIJVER)


@declare_access(REGIO)
def documentvereisten(request, pk: int):
    """Which documents the procedure asks with the registration and which on request, with their
    maximum age and the delivery term. The inkoper changes them while the procedure is a
    concept; after publication they are read only, like the rest of the published terms."""
    aanbesteding = get_object_or_404(Aanbesteding, pk=pk)
    if not selectors.is_regiozijde(request.user, aanbesteding):
        raise Http404
    inkoper = selectors.is_inkoper_van(request.user, aanbesteding)
    wijzigbaar = inkoper and aanbesteding.status == Status.CONCEPT
    vereisten = selectors.documentvereisten(aanbesteding)
    form = None
    if wijzigbaar:
        form = DocumentvereistenForm(
            request.POST or None,
            vereisten=vereisten,
            initial={"levertermijn_dagen": aanbesteding.levertermijn_dagen},
        )
    if request.method == "POST":
        if not wijzigbaar:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.stel_documentvereisten_in(
                    aanbesteding,
                    gebruiker=request.user,
                    vereisten=form.vereisten(),
                    levertermijn_dagen=form.cleaned_data["levertermijn_dagen"],
                )
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                messages.success(request, _("De gevraagde documenten zijn vastgelegd."))
                return redirect("aanbestedingen:documentvereisten", pk=aanbesteding.pk)
    return render(
        request,
        "aanbestedingen/documentvereisten.html",
        {
            "aanbesteding": aanbesteding,
            "vereisten": [
                {
                    "label": Documentsoort(v.soort).label,
                    "moment_label": Vraagmoment(v.moment).label,
                    "max_maanden": v.max_maanden,
                }
                for v in vereisten
            ],
            "ingesteld": aanbesteding.documentvereisten.exists(),
            "form": form,
            "inkoper": inkoper,
        },
    )


@declare_access(ALLE)
def documentverzoeken(request, pk: int):
    """The requests for documents of one registration. The inkoper asks a party (after the
    opening of the registrations); the region side reads; the registrant sees its requests with
    the due date and delivers from here."""
    inschrijving = get_object_or_404(selectors.inschrijvingen_voor(request.user), pk=pk)
    aanbesteding = inschrijving.aanbesteding
    eigen = selectors.is_eigen(request.user, inschrijving)
    # the registrant always sees its own (mag_inhoud_zien), the region side after the opening
    if not selectors.mag_inhoud_zien(request.user, inschrijving, Fase.SELECTIE):
        raise Http404
    inkoper = selectors.is_inkoper_van(request.user, aanbesteding)
    soorten = selectors.op_verzoek(aanbesteding)
    kan_vragen = inkoper and bool(soorten) and aanbesteding.status in services.VERZOEK_MOGELIJK
    form = None
    if kan_vragen:
        form = DocumentverzoekForm(
            request.POST or None,
            partijen=inschrijving.partijen.order_by("pk"),
            soorten=soorten,
        )
    if request.method == "POST":
        if not kan_vragen:
            raise PermissionDenied
        if form.is_valid():
            try:
                verzoek = services.verzoek_document(
                    inschrijving, gebruiker=request.user, **form.cleaned_data
                )
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                messages.success(
                    request,
                    _("Het verzoek is vastgelegd: aanleveren uiterlijk %(datum)s.")
                    % {"datum": f"{verzoek.uiterlijk_op:%d-%m-%Y}"},
                )
                return redirect("aanbestedingen:documentverzoeken", pk=inschrijving.pk)
    return render(
        request,
        "aanbestedingen/documentverzoeken.html",
        {
            "aanbesteding": aanbesteding,
            "inschrijving": inschrijving,
            "verzoeken": inschrijving.documentverzoeken.select_related(
                "partij", "document", "verzocht_door"
            ),
            "vandaag": kalenderdag(timezone.now()),
            "form": form,
            "eigen": eigen,
            "inkoper": inkoper,
            "soorten": soorten,
            "levertermijn": aanbesteding.levertermijn_dagen,
        },
    )


@declare_access(INSCHRIJVER)
def document_leveren(request, pk: int):
    """The registrant delivers a requested document (its own registration only)."""
    verzoek = get_object_or_404(
        Documentverzoek.objects.select_related("inschrijving__aanbesteding", "partij"), pk=pk
    )
    inschrijving = get_object_or_404(
        selectors.inschrijvingen_voor(request.user), pk=verzoek.inschrijving_id
    )
    if not selectors.is_eigen(request.user, inschrijving):
        raise Http404
    if verzoek.document_id is not None:
        messages.info(request, _("Dit document is al aangeleverd."))
        return redirect("aanbestedingen:documentverzoeken", pk=inschrijving.pk)
    form = VerzochtDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lever_document(
                verzoek,
                form.cleaned_data["bestand"],
                gebruiker=request.user,
                afgiftedatum=form.cleaned_data["afgiftedatum"],
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, _("Het document is ontvangen."))
            return redirect("aanbestedingen:documentverzoeken", pk=inschrijving.pk)
    return render(
        request,
        "aanbestedingen/document_leveren.html",
        {"form": form, "verzoek": verzoek, "inschrijving": inschrijving},
    )
