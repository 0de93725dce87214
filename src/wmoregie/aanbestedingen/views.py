"""Pages of the procurement context: the inkoper's dashboard and the bidder's registration.

Views parse input, call one service and render. Which rows a user sees comes from
``selectors``: an inschrijver only its own registrations, the region side its region's
procedures, and submitted content only after the opening of its phase.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import Organisatie
from wmoregie.audit.services import record
from wmoregie.forms import pas_fout_toe

from . import selectors, services, state
from .bevestiging import bevestig_overgang
from .constants import LEIDENDE_ROLLEN, Documentsoort, Fase, Status
from .eforms.views import overzicht_voor as eforms_overzicht
from .forms import (
    AanbestedingForm,
    AntwoordForm,
    DocumentForm,
    IndienenForm,
    InschrijvenForm,
    PartijForm,
    StatusForm,
    StukForm,
    ToestemmingForm,
    UeaXmlForm,
    VraagForm,
)
from .models import PLANNINGVELDEN, Aanbesteding, Aanbestedingsdocument, Document, Partij, Vraag
from .regels import Ernst

ALLE = roles(Rol.INKOPER, Rol.BEOORDELAAR, Rol.INSCHRIJVER)
INKOPER = roles(Rol.INKOPER)
INSCHRIJVER = roles(Rol.INSCHRIJVER)
#: Transitions taken through their own service on the award page (letters, objection, agreement).
GUNNINGSOVERGANGEN = ("voorlopig-gunnen", "definitief-gunnen", "opschorten")


def _aanbesteding(request, pk: int) -> Aanbesteding:
    return get_object_or_404(
        selectors.aanbestedingen_voor(request.user).select_related("regio"), pk=pk
    )


def _inschrijving(request, pk: int, *, eigen: bool = False):
    inschrijving = get_object_or_404(selectors.inschrijvingen_voor(request.user), pk=pk)
    if eigen and not selectors.is_eigen(request.user, inschrijving):
        raise Http404
    return inschrijving


def _eigen_partij(request, pk: int) -> Partij:
    partij = get_object_or_404(Partij.objects.select_related("inschrijving__aanbesteding"), pk=pk)
    if not selectors.is_eigen(request.user, partij.inschrijving):
        raise Http404
    return partij


@declare_access(ALLE)
def overzicht(request):
    aanbestedingen = selectors.aanbestedingen_voor(request.user)
    return render(
        request,
        "aanbestedingen/overzicht.html",
        {
            "aanbestedingen": aanbestedingen,
            "mag_aanmaken": Rol.INKOPER in request.user.rollen(),
        },
    )


@declare_access(INKOPER)
def nieuw(request):
    regio_ids = selectors.regio_ids(request.user, (Rol.INKOPER,))
    form = AanbestedingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        percelen = data.pop("percelen")
        regio = percelen[0].regio if percelen else None
        if regio is None or regio.pk not in regio_ids:
            form.add_error("percelen", "Kies percelen van uw eigen regio.")
        else:
            try:
                aanbesteding = services.maak_aanbesteding(
                    gebruiker=request.user, regio=regio, percelen=percelen, **data
                )
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                messages.success(request, "De aanbesteding is aangemaakt als concept.")
                return redirect("aanbestedingen:detail", pk=aanbesteding.pk)
    return render(
        request,
        "aanbestedingen/aanbesteding_form.html",
        {"form": form, "titel": "Nieuwe aanbesteding"},
    )


@declare_access(INKOPER)
def bewerken(request, pk: int):
    aanbesteding = _aanbesteding(request, pk)
    if not selectors.is_inkoper_van(request.user, aanbesteding):
        raise Http404
    form = AanbestedingForm(request.POST or None, instance=aanbesteding)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "kenmerk"}
        percelen = data.pop("percelen")
        try:
            services.wijzig_aanbesteding(
                aanbesteding, gebruiker=request.user, percelen=percelen, **data
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "De aanbesteding is bijgewerkt.")
            return redirect("aanbestedingen:detail", pk=aanbesteding.pk)
    return render(
        request,
        "aanbestedingen/aanbesteding_form.html",
        {"form": form, "titel": f"{aanbesteding.kenmerk} bewerken", "aanbesteding": aanbesteding},
    )


@declare_access(ALLE)
def detail(request, pk: int):
    # the guards' counts and the eForms record come with the procedure (#14 B)
    aanbesteding = get_object_or_404(
        selectors.met_aantallen(selectors.aanbestedingen_voor(request.user)).select_related(
            "regio", "eforms"
        ),
        pk=pk,
    )
    regiozijde = selectors.is_regiozijde(request.user, aanbesteding)
    inkoper = selectors.is_inkoper_van(request.user, aanbesteding)
    context = {
        "aanbesteding": aanbesteding,
        "planning": [
            (aanbesteding._meta.get_field(v).verbose_name, getattr(aanbesteding, v))
            for v in PLANNINGVELDEN
        ],
        "regiozijde": regiozijde,
        "inkoper": inkoper,
        "beoordelaar": selectors.is_beoordelaar_van(request.user, aanbesteding),
        "rangschikking_zichtbaar": selectors.mag_gunning_inzien(request.user, aanbesteding),
        "standstill_einde": services.standstill_einde(aanbesteding),
        "gunningsovergangen": GUNNINGSOVERGANGEN,
        "nu": timezone.now(),
    }
    if regiozijde:
        bevindingen = aanbesteding.planningcontrole()
        # the parties are read once for both rule checks (the guards and the list)
        partijen = selectors.partijen_van(aanbesteding)
        if inkoper:  # read once for the guards and the notices' checklists
            prefetch_related_objects([aanbesteding], "geschiktheidseisen", "criteria")
        voorstel = services.open_voorstel(aanbesteding)
        stand = services.stand_van(
            aanbesteding, gebruiker=request.user, partijen=partijen, voorstel=voorstel
        )
        context |= {
            "bevindingen": bevindingen,
            "planningfouten": [b for b in bevindingen if b.ernst == "error"],
            # the four-eyes refusals are shown by the opening's own form (propose, confirm)
            "overgangen": [
                (o, [w for w in state.weigeringen(stand, o) if w.code not in state.VIER_OGEN_CODES])
                for o in state.overgangen_vanuit(aanbesteding.status)
            ],
            "statuswijzigingen": aanbesteding.statuswijzigingen.select_related("door"),
            "inschrijvingen": _inschrijvingen_met_status(request, aanbesteding, partijen),
            "status_form": StatusForm(),
            "openingen": state.OPENINGEN,
            "openingsvoorstel": voorstel,
        }
        if inkoper:
            context["eforms"] = eforms_overzicht(aanbesteding, voorgelezen=True)
    else:
        eigen = selectors.inschrijvingen_voor(request.user).filter(aanbesteding=aanbesteding)
        context |= {
            "eigen_inschrijvingen": eigen,
            "kan_aanmelden": aanbesteding.status == Status.SELECTIEFASE
            and timezone.now() < aanbesteding.deadline(Fase.SELECTIE),
        }
    return render(request, "aanbestedingen/detail.html", context)


def _inschrijvingen_met_status(request, aanbesteding, partijen):
    # the rows show only the submissions; the rule checks read the parties themselves
    inschrijvingen = list(
        selectors.inschrijvingen_voor(request.user)
        .filter(aanbesteding=aanbesteding)
        .prefetch_related(None)
        .prefetch_related("indieningen")
    )
    geopend = aanbesteding.is_geopend(Fase.SELECTIE)
    lijsten = (
        selectors.controlelijsten_voor(inschrijvingen, timezone.now(), partijen) if geopend else {}
    )
    rijen = []
    for inschrijving in inschrijvingen:
        rij = {"inschrijving": inschrijving, "geopend": geopend}
        if rij["geopend"]:
            bevindingen = [
                b
                for punten in lijsten[inschrijving.pk].values()
                for p in punten
                for b in p.bevindingen
                if selectors.mag_inhoud_zien(request.user, inschrijving, b.fase)
            ]
            rij["fouten"] = sum(b.ernst == Ernst.ERROR for b in bevindingen)
            rij["waarschuwingen"] = sum(b.ernst == Ernst.WARNING for b in bevindingen)
        rijen.append(rij)
    return rijen


@require_POST
@declare_access(INKOPER)
def status(request, pk: int):
    aanbesteding = _aanbesteding(request, pk)
    if not selectors.is_inkoper_van(request.user, aanbesteding):
        raise Http404
    form = StatusForm(request.POST)
    overgang = state.vind_overgang(aanbesteding.status, request.POST.get("naar", ""))
    if overgang is not None and overgang.code in GUNNINGSOVERGANGEN:
        messages.error(request, f"“{overgang.label}” gaat via de gunningspagina.")
    elif overgang is not None and overgang.code in state.OPENINGEN:
        messages.error(
            request, f"“{overgang.label}” gaat met vier ogen: voorstellen en bevestigen."
        )
    elif form.is_valid():
        if bevestiging := bevestig_overgang(
            request,
            aanbesteding,
            overgang,
            terug=reverse("aanbestedingen:detail", args=[aanbesteding.pk]),
        ):
            return bevestiging
        try:
            wijziging = services.wijzig_status(
                aanbesteding,
                form.cleaned_data["naar"],
                gebruiker=request.user,
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, f"Status gewijzigd: {wijziging.get_naar_display()}.")
    return redirect("aanbestedingen:detail", pk=aanbesteding.pk)


@require_POST
@declare_access(INKOPER)
def selectie(request, pk: int):
    """The inkoper admits a candidate to the award phase, or rejects it with a reason."""
    inschrijving = _inschrijving(request, pk)
    if not selectors.is_inkoper_van(request.user, inschrijving.aanbesteding):
        raise Http404
    try:
        services.beslis_selectie(
            inschrijving,
            toegelaten=request.POST.get("toegelaten") == "ja",
            motivering=request.POST.get("motivering", ""),
            gebruiker=request.user,
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(
            request, f"Selectiebeslissing vastgelegd voor {inschrijving.weergavenaam}."
        )
    return redirect("aanbestedingen:detail", pk=inschrijving.aanbesteding_id)


@declare_access(INSCHRIJVER)
def inschrijven(request, pk: int):
    aanbesteding = _aanbesteding(request, pk)
    organisaties = Organisatie.objects.filter(pk__in=selectors.organisatie_ids(request.user))
    form = InschrijvenForm(request.POST or None, organisaties=organisaties)
    if request.method == "POST" and form.is_valid():
        try:
            inschrijving = services.schrijf_in(
                aanbesteding,
                organisatie=form.cleaned_data["organisatie"],
                soort=form.cleaned_data["soort"],
                combinatienaam=form.cleaned_data["combinatienaam"],
                gebruiker=request.user,
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "U bent aangemeld. Vul nu de partijen en documenten aan.")
            return redirect("aanbestedingen:inschrijving", pk=inschrijving.pk)
    return render(
        request, "aanbestedingen/inschrijven.html", {"form": form, "aanbesteding": aanbesteding}
    )


def _controlelijst_context(request, inschrijving) -> dict:
    lijst = selectors.controlelijst_voor(inschrijving, timezone.now())
    fasen = [
        {"fase": Fase(fase), "punten": punten}
        for fase, punten in lijst.items()
        if selectors.mag_inhoud_zien(request.user, inschrijving, fase)
    ]
    return {"inschrijving": inschrijving, "fasen": fasen}


@declare_access(ALLE)
def inschrijving(request, pk: int):
    inschrijving = _inschrijving(request, pk)
    aanbesteding = inschrijving.aanbesteding
    eigen = selectors.is_eigen(request.user, inschrijving)
    try:
        open_fase = services.open_fase_voor(inschrijving) if eigen else None
    except ValidationError:
        open_fase = None
    partijen = selectors.zichtbare_partijen(request.user, inschrijving)
    context = {
        "aanbesteding": aanbesteding,
        "eigen": eigen,
        "inkoper": selectors.is_inkoper_van(request.user, aanbesteding),
        "open_fase": open_fase,
        "deadline": aanbesteding.deadline(open_fase) if open_fase else None,
        "partijen": partijen,
        "documenten": [
            d
            for d in selectors.zichtbare_documenten(request.user, inschrijving)
            if d.partij_id is None
        ],
        "verzegeld": [
            Fase(f)
            for f in Fase.values
            if not selectors.mag_inhoud_zien(request.user, inschrijving, f)
        ],
        "indieningen": inschrijving.indieningen.all(),
        "selectie_deadline": aanbesteding.deadline(Fase.SELECTIE),
        "leidende_rollen": LEIDENDE_ROLLEN,
        "selectiebrieven": inschrijving.selectiebrieven.all(),
        "selectiebesluit": selectors.selectiebesluit_voor(request.user, inschrijving),
        "regiozijde_geopend": selectors.is_regiozijde(request.user, aanbesteding)
        and aanbesteding.is_geopend(Fase.SELECTIE),
        "open_verzoeken": inschrijving.documentverzoeken.filter(document__isnull=True).count(),
        **_controlelijst_context(request, inschrijving),
    }
    return render(request, "aanbestedingen/inschrijving.html", context)


@declare_access(ALLE)
def controlelijst(request, pk: int):
    """The live checklist (htmx partial)."""
    inschrijving = _inschrijving(request, pk)
    return render(
        request,
        "aanbestedingen/_partials/controlelijst.html",
        _controlelijst_context(request, inschrijving),
    )


@declare_access(INSCHRIJVER)
def partij_nieuw(request, pk: int):
    inschrijving = _inschrijving(request, pk, eigen=True)
    form = PartijForm(request.POST or None, aanbesteding=inschrijving.aanbesteding)
    if request.method == "POST" and form.is_valid():
        try:
            services.voeg_partij_toe(inschrijving, gebruiker=request.user, **form.cleaned_data)
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "De partij is toegevoegd.")
            return redirect("aanbestedingen:inschrijving", pk=inschrijving.pk)
    return render(
        request,
        "aanbestedingen/partij_form.html",
        {"form": form, "inschrijving": inschrijving, "titel": "Partij toevoegen"},
    )


@declare_access(INSCHRIJVER)
def partij_bewerken(request, pk: int):
    partij = _eigen_partij(request, pk)
    inschrijving = partij.inschrijving
    leidend = partij.rol in LEIDENDE_ROLLEN
    form = PartijForm(
        request.POST or None,
        instance=partij,
        aanbesteding=inschrijving.aanbesteding,
        leidend=leidend,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("rol", None)
        try:
            services.wijzig_partij(partij, gebruiker=request.user, **data)
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "De partij is bijgewerkt.")
            return redirect("aanbestedingen:inschrijving", pk=inschrijving.pk)
    return render(
        request,
        "aanbestedingen/partij_form.html",
        {
            "form": form,
            "inschrijving": inschrijving,
            "partij": partij,
            "titel": f"{partij.naam} bewerken",
        },
    )


@require_POST
@declare_access(INSCHRIJVER)
def partij_verwijderen(request, pk: int):
    partij = _eigen_partij(request, pk)
    try:
        services.verwijder_partij(partij, gebruiker=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, f"{partij.naam} is verwijderd.")
    return redirect("aanbestedingen:inschrijving", pk=partij.inschrijving_id)


@declare_access(INSCHRIJVER)
def uea_inlezen(request, pk: int):
    inschrijving = _inschrijving(request, pk, eigen=True)
    partij = None
    if partij_id := request.GET.get("partij") or request.POST.get("partij"):
        partij = get_object_or_404(inschrijving.partijen, pk=partij_id)
    form = UeaXmlForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            gevuld = services.importeer_uea(
                inschrijving,
                form.cleaned_data["bestand"],
                gebruiker=request.user,
                partij=partij,
                ondertekend=form.cleaned_data["ondertekend"],
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(
                request, f"Het UEA is ingelezen; {gevuld.naam} is ingevuld. Controleer de gegevens."
            )
            return redirect("aanbestedingen:inschrijving", pk=inschrijving.pk)
    return render(
        request,
        "aanbestedingen/uea_form.html",
        {"form": form, "inschrijving": inschrijving, "partij": partij},
    )


@declare_access(INSCHRIJVER)
def document_nieuw(request, pk: int):
    inschrijving = _inschrijving(request, pk, eigen=True)
    form = DocumentForm(
        request.POST or None, request.FILES or None, partijen=inschrijving.partijen.all()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.voeg_document_toe(
                inschrijving,
                data["bestand"],
                gebruiker=request.user,
                soort=data["soort"],
                partij=data["partij"] if data["soort"] != Documentsoort.INSCHRIJVING else None,
                afgiftedatum=data["afgiftedatum"],
                ondertekend=data["ondertekend"],
                omschrijving=data["omschrijving"],
                van_toepassing=data["van_toepassing"],
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "Het document is ontvangen.")
            return redirect("aanbestedingen:inschrijving", pk=inschrijving.pk)
    return render(
        request, "aanbestedingen/document_form.html", {"form": form, "inschrijving": inschrijving}
    )


@declare_access(ALLE)
def document(request, pk: int):
    """Serve a stored file, only to those who may read it: the bidder, or the region side after
    the opening of its phase. Reads by the region side are logged."""
    document = get_object_or_404(
        Document.objects.select_related("inschrijving__aanbesteding"), pk=pk
    )
    inschrijving = _inschrijving(request, document.inschrijving_id)
    if not selectors.mag_inhoud_zien(request.user, inschrijving, document.fase):
        raise Http404
    record("document.gelezen", request=request, obj=document, omschrijving=str(document))
    return FileResponse(
        document.bestand.open("rb"), as_attachment=True, filename=document.bestandsnaam
    )


@declare_access(INKOPER)
def toestemming(request, pk: int):
    partij = get_object_or_404(Partij.objects.select_related("inschrijving__aanbesteding"), pk=pk)
    inschrijving = _inschrijving(request, partij.inschrijving_id)
    if not selectors.is_inkoper_van(
        request.user, inschrijving.aanbesteding
    ) or not selectors.mag_inhoud_zien(request.user, inschrijving, Fase.SELECTIE):
        raise Http404
    form = ToestemmingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verleen_toestemming(partij, gebruiker=request.user, **form.cleaned_data)
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "De toestemming is vastgelegd.")
            return redirect("aanbestedingen:inschrijving", pk=inschrijving.pk)
    return render(
        request,
        "aanbestedingen/toestemming_form.html",
        {"form": form, "partij": partij, "inschrijving": inschrijving},
    )


@declare_access(INSCHRIJVER)
def indienen(request, pk: int):
    """Submit for the open phase, after a check: the open points of the checklist are named
    first, and with open points the registrant confirms that it submits anyway (recorded)."""
    inschrijving = _inschrijving(request, pk, eigen=True)
    try:
        fase = services.open_fase_voor(inschrijving)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("aanbestedingen:inschrijving", pk=inschrijving.pk)
    punten = services.open_punten(inschrijving, fase, timezone.now())
    form = IndienenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            indiening = services.dien_in(
                inschrijving,
                gebruiker=request.user,
                ondanks_open_punten=form.cleaned_data["ondanks_open_punten"],
            )
        except ValidationError as fout:
            if getattr(fout, "code", None) == "controlelijst-onvolledig":
                form.add_error(
                    "ondanks_open_punten",
                    ValidationError(
                        "Vul eerst aan wat ontbreekt, of bevestig dat u toch indient.",
                        code="controlelijst-onvolledig",
                    ),
                )
                punten = services.open_punten(inschrijving, fase, timezone.now())
            else:
                messages.error(request, " ".join(fout.messages))
                return redirect("aanbestedingen:inschrijving", pk=inschrijving.pk)
        else:
            tekst = (
                f"Ingediend voor de {indiening.get_fase_display().lower()} op "
                f"{timezone.localtime(indiening.ingediend_op):%d-%m-%Y %H:%M:%S}."
            )
            if indiening.ondanks_open_punten:
                aantal = len(indiening.open_punten)
                tekst += (
                    f" U heeft ingediend met {aantal} open "
                    f"{'punt' if aantal == 1 else 'punten'}; dat is vastgelegd."
                )
            messages.success(request, tekst)
            return redirect("aanbestedingen:inschrijving", pk=inschrijving.pk)
    if not punten:
        form.fields.pop("ondanks_open_punten")
    return render(
        request,
        "aanbestedingen/indienen.html",
        {
            "aanbesteding": inschrijving.aanbesteding,
            "inschrijving": inschrijving,
            "fase": Fase(fase),
            "deadline": inschrijving.aanbesteding.deadline(fase),
            "punten": punten,
            "form": form,
        },
    )


# --- Nota van Inlichtingen -----------------------------------------------------------------------


@declare_access(ALLE)
def vragen(request, pk: int):
    """Questions and published answers. A registrant asks here; the inkoper answers and publishes."""
    aanbesteding = _aanbesteding(request, pk)
    eigen = (
        selectors.inschrijvingen_voor(request.user)
        .filter(
            aanbesteding=aanbesteding, organisatie_id__in=selectors.organisatie_ids(request.user)
        )
        .first()
    )
    form = VraagForm(request.POST or None) if eigen else None
    if request.method == "POST":
        if eigen is None:
            raise Http404
        if form.is_valid():
            try:
                services.stel_vraag(eigen, tekst=form.cleaned_data["tekst"], gebruiker=request.user)
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                messages.success(request, "Uw vraag is ontvangen.")
                return redirect("aanbestedingen:vragen", pk=aanbesteding.pk)
    return render(
        request,
        "aanbestedingen/vragen.html",
        {
            "aanbesteding": aanbesteding,
            "form": form,
            "vragen": selectors.vragen_voor(request.user, aanbesteding),
            "nota_s": selectors.nota_s_voor(request.user, aanbesteding),
            "regiozijde": selectors.is_regiozijde(request.user, aanbesteding),
            "inkoper": selectors.is_inkoper_van(request.user, aanbesteding),
            "vragen_open": (fase := aanbesteding.vragenfase(timezone.now())) is not None
            and (fase == Fase.SELECTIE or eigen is None or eigen.toegelaten is True),
            "selectie_sluiting": aanbesteding.vragen_sluiting(Fase.SELECTIE),
            "gunning_sluiting": aanbesteding.vragen_sluiting(Fase.GUNNING),
        },
    )


@declare_access(INKOPER)
def vraag_beantwoorden(request, pk: int):
    vraag = get_object_or_404(Vraag.objects.select_related("aanbesteding"), pk=pk)
    if not selectors.is_inkoper_van(request.user, vraag.aanbesteding):
        raise Http404
    form = AntwoordForm(
        request.POST or None,
        initial={
            "vraag_gepubliceerd": vraag.vraag_gepubliceerd or vraag.vraag,
            "antwoord": vraag.antwoord,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.beantwoord_vraag(vraag, gebruiker=request.user, **form.cleaned_data)
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(
                request,
                "Het antwoord is opgeslagen; publiceer het met de volgende Nota van Inlichtingen.",
            )
            return redirect("aanbestedingen:vragen", pk=vraag.aanbesteding_id)
    return render(
        request,
        "aanbestedingen/antwoord_form.html",
        {"form": form, "vraag": vraag, "aanbesteding": vraag.aanbesteding},
    )


@require_POST
@declare_access(INKOPER)
def nota_publiceren(request, pk: int):
    aanbesteding = _aanbesteding(request, pk)
    if not selectors.is_inkoper_van(request.user, aanbesteding):
        raise Http404
    try:
        nota = services.publiceer_nota(aanbesteding, gebruiker=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, f"{nota} is gepubliceerd voor alle inschrijvers.")
    return redirect("aanbestedingen:vragen", pk=aanbesteding.pk)


# --- procurement documents -------------------------------------------------------------------------


@declare_access(ALLE)
def stukken(request, pk: int):
    aanbesteding = _aanbesteding(request, pk)
    inkoper = selectors.is_inkoper_van(request.user, aanbesteding)
    form = None
    if inkoper:
        form = StukForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not inkoper:
            raise PermissionDenied
        if form.is_valid():
            try:
                stuk = services.plaats_aanbestedingsdocument(
                    aanbesteding,
                    form.cleaned_data["bestand"],
                    soort=form.cleaned_data["soort"],
                    toelichting=form.cleaned_data["toelichting"],
                    gebruiker=request.user,
                )
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                messages.success(request, f"{stuk} is geplaatst.")
                return redirect("aanbestedingen:stukken", pk=aanbesteding.pk)
    return render(
        request,
        "aanbestedingen/stukken.html",
        {
            "aanbesteding": aanbesteding,
            "stukken": selectors.stukken_voor(request.user, aanbesteding),
            "form": form,
        },
    )


@declare_access(ALLE)
def stuk(request, pk: int):
    stuk = get_object_or_404(Aanbestedingsdocument.objects.select_related("aanbesteding"), pk=pk)
    aanbesteding = _aanbesteding(request, stuk.aanbesteding_id)
    if not selectors.stukken_voor(request.user, aanbesteding).filter(pk=stuk.pk).exists():
        raise Http404
    return FileResponse(stuk.bestand.open("rb"), as_attachment=True, filename=stuk.bestandsnaam)
