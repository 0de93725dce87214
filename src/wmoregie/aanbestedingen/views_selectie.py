"""Pages of the selection phase (issue 4): the requirements, cap and selection criteria of a
procedure; per registration the checks of the exclusion grounds, the suitability requirements
and the selection scores, and the decision; the decision letters as PDF.

The inkoper records; a beoordelaar of the region reads; a bidder sees only its own letters,
once sent.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.audit.services import record
from wmoregie.contracten.exports import html_naar_pdf
from wmoregie.forms import pas_fout_toe
from wmoregie.invoer import als_id, lees_id

from . import selectors, services
from .constants import Fase, Status
from .forms import (
    EistoetsingForm,
    GeschiktheidseisForm,
    MaxKandidatenForm,
    RegelbesluitForm,
    SelectiebeslissingForm,
    SelectiecriteriumForm,
    SelectiescoreForm,
    UitsluitingstoetsForm,
)
from .models import (
    Aanbesteding,
    Eistoetsing,
    Geschiktheidseis,
    Partij,
    Selectiebrief,
    Selectiecriterium,
)

REGIO = roles(Rol.INKOPER, Rol.BEOORDELAAR)
ALLE = roles(Rol.INKOPER, Rol.BEOORDELAAR, Rol.INSCHRIJVER)


def _van_regio(request, pk: int) -> Aanbesteding:
    aanbesteding = get_object_or_404(Aanbesteding, pk=pk)
    if not selectors.is_regiozijde(request.user, aanbesteding):
        raise Http404
    return aanbesteding


def _alleen_inkoper(request, aanbesteding: Aanbesteding) -> None:
    if not selectors.is_inkoper_van(request.user, aanbesteding):
        raise PermissionDenied


@declare_access(REGIO)
def selectie(request, pk: int):
    """The procedure's selection: requirements, cap, criteria, the state of every candidate,
    the ranking and the letters. The inkoper changes the definitions until the opening."""
    aanbesteding = _van_regio(request, pk)
    inkoper = selectors.is_inkoper_van(request.user, aanbesteding)
    eis_form = GeschiktheidseisForm(prefix="eis")
    maximum_form = MaxKandidatenForm(
        prefix="max", initial={"max_kandidaten": aanbesteding.max_kandidaten}
    )
    criterium_form = SelectiecriteriumForm(prefix="crit")
    if request.method == "POST":
        _alleen_inkoper(request, aanbesteding)
        actie = request.POST.get("actie")
        form = None
        try:
            if actie == "eis":
                form = eis_form = GeschiktheidseisForm(request.POST, prefix="eis")
                if form.is_valid():
                    services.voeg_geschiktheidseis_toe(
                        aanbesteding, gebruiker=request.user, **form.cleaned_data
                    )
            elif actie == "eis-verwijderen":
                eis = get_object_or_404(
                    aanbesteding.geschiktheidseisen, pk=lees_id(request.POST.get("eis"))
                )
                services.verwijder_geschiktheidseis(eis, gebruiker=request.user)
            elif actie == "maximum":
                form = maximum_form = MaxKandidatenForm(request.POST, prefix="max")
                if form.is_valid():
                    services.stel_max_kandidaten_vast(
                        aanbesteding, gebruiker=request.user, **form.cleaned_data
                    )
            elif actie == "criterium":
                form = criterium_form = SelectiecriteriumForm(request.POST, prefix="crit")
                if form.is_valid():
                    services.voeg_selectiecriterium_toe(
                        aanbesteding, gebruiker=request.user, **form.cleaned_data
                    )
            elif actie == "seed":
                services.stel_loting_seed_vast(
                    aanbesteding, gebruiker=request.user, seed=request.POST.get("seed", "")
                )
            elif actie == "criterium-verwijderen":
                criterium = get_object_or_404(
                    aanbesteding.selectiecriteria, pk=lees_id(request.POST.get("criterium"))
                )
                services.verwijder_selectiecriterium(criterium, gebruiker=request.user)
            else:
                raise Http404
        except ValidationError as fout:
            if form is None:
                messages.error(request, " ".join(fout.messages))
                return redirect("aanbestedingen:selectie-overzicht", pk=aanbesteding.pk)
            pas_fout_toe(form, fout)
        if form is None or not form.errors:
            messages.success(request, "Opgeslagen.")
            return redirect("aanbestedingen:selectie-overzicht", pk=aanbesteding.pk)
    rijen = []
    # read once for every row (each row's ``aanbesteding`` is this instance)
    prefetch_related_objects([aanbesteding], "geschiktheidseisen", "selectiecriteria")
    if aanbesteding.is_geopend(Fase.SELECTIE):
        for inschrijving in aanbesteding.inschrijvingen.select_related(
            "organisatie"
        ).prefetch_related("partijen__uitsluitingstoetsen", "eistoetsingen"):
            rijen.append(
                {"inschrijving": inschrijving, "toetsing": services.selectietoetsing(inschrijving)}
            )
    uitkomst, _per_naam, ontbreekt = services.selectierangschikking(aanbesteding)
    return render(
        request,
        "aanbestedingen/selectie.html",
        {
            "aanbesteding": aanbesteding,
            "inkoper": inkoper,
            "bewerkbaar": inkoper
            and aanbesteding.selectie_geopend_op is None
            and aanbesteding.status in (Status.CONCEPT, Status.SELECTIEFASE),
            "eisen": aanbesteding.geschiktheidseisen.all(),
            "criteria": aanbesteding.selectiecriteria.all(),
            "eis_form": eis_form,
            "maximum_form": maximum_form,
            "criterium_form": criterium_form,
            "rijen": rijen,
            "uitkomst": uitkomst,
            "ontbreekt": ontbreekt,
            "brieven": aanbesteding.selectiebrieven.select_related("inschrijving__organisatie"),
        },
    )


@declare_access(REGIO)
def toetsing(request, pk: int):
    """The checks of one registration (exclusion grounds per party, suitability requirements,
    selection scores) and its decision. The inkoper records; a beoordelaar reads."""
    inschrijving = get_object_or_404(selectors.inschrijvingen_voor(request.user), pk=pk)
    aanbesteding = _van_regio(request, inschrijving.aanbesteding_id)
    if not selectors.mag_inhoud_zien(request.user, inschrijving, Fase.SELECTIE):
        raise Http404
    inkoper = selectors.is_inkoper_van(request.user, aanbesteding)
    open_ = aanbesteding.status == Status.SELECTIE_BEOORDELING
    gebonden: dict[str, object] = {}
    if request.method == "POST":
        _alleen_inkoper(request, aanbesteding)
        actie = request.POST.get("actie", "")
        sleutel = request.POST.get("sleutel", "")
        if actie == "grond":
            partij = get_object_or_404(
                Partij, pk=lees_id(request.POST.get("partij")), inschrijving=inschrijving
            )
            form = UitsluitingstoetsForm(request.POST, prefix=sleutel)
            uitvoeren = lambda d: services.toets_uitsluitingsgrond(  # noqa: E731
                partij, code=request.POST.get("code", ""), gebruiker=request.user, **d
            )
        elif actie == "eis":
            eis = get_object_or_404(
                Geschiktheidseis, pk=lees_id(request.POST.get("eis")), aanbesteding=aanbesteding
            )
            form = EistoetsingForm(request.POST, request.FILES, prefix=sleutel)
            uitvoeren = lambda d: services.toets_eis(  # noqa: E731
                inschrijving, eis, gebruiker=request.user, **d
            )
        elif actie == "score":
            criterium = get_object_or_404(
                Selectiecriterium,
                pk=lees_id(request.POST.get("criterium")),
                aanbesteding=aanbesteding,
            )
            form = SelectiescoreForm(request.POST, prefix=sleutel)
            uitvoeren = lambda d: services.geef_selectiescore(  # noqa: E731
                inschrijving, criterium, gebruiker=request.user, **d
            )
        elif actie == "beslissing":
            sleutel = "beslissing"
            form = SelectiebeslissingForm(request.POST, prefix=sleutel)
            uitvoeren = lambda d: services.beslis_selectie(  # noqa: E731
                inschrijving, gebruiker=request.user, **d
            )
        else:
            raise Http404
        if form.is_valid():
            try:
                uitvoeren(form.cleaned_data)
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                messages.success(request, "Vastgelegd.")
                return redirect(
                    reverse("aanbestedingen:toetsing", args=[inschrijving.pk]) + f"#{sleutel}"
                )
        gebonden[sleutel] = form
        inschrijving = get_object_or_404(selectors.inschrijvingen_voor(request.user), pk=pk)

    toetsing_ = services.selectietoetsing(inschrijving)
    partijen = []
    for partij in services.uea_plichtige_partijen(inschrijving):
        gronden = []
        for grond in toetsing_.gronden:
            if grond.partij_id != partij.pk:
                continue
            sleutel = f"g{partij.pk}-{grond.code}"
            gronden.append(
                {
                    "grond": grond,
                    "sleutel": sleutel,
                    "form": gebonden.get(sleutel)
                    or UitsluitingstoetsForm(
                        prefix=sleutel,
                        initial={"oordeel": grond.oordeel, "motivering": grond.motivering},
                    ),
                }
            )
        partijen.append(
            {
                "partij": partij,
                "gronden": gronden,
                "aantal_nee": sum(
                    1 for a in partij.uitsluitingsgronden or [] if a.get("antwoord") is False
                ),
            }
        )
    getoetst = {t.eis_id: t for t in inschrijving.eistoetsingen.all()}
    eisen = []
    for eis in toetsing_.eisen:
        sleutel = f"e{eis.eis_id}"
        eisen.append(
            {
                "eis": eis,
                "toetsing": getoetst.get(eis.eis_id),
                "sleutel": sleutel,
                "form": gebonden.get(sleutel) or EistoetsingForm(prefix=sleutel),
            }
        )
    scores = {s.criterium_id: s for s in inschrijving.selectiescores.all()}
    criteria = []
    for criterium in aanbesteding.selectiecriteria.all():
        sleutel = f"c{criterium.pk}"
        bestaand = scores.get(criterium.pk)
        criteria.append(
            {
                "criterium": criterium,
                "score": bestaand,
                "sleutel": sleutel,
                "form": gebonden.get(sleutel)
                or SelectiescoreForm(
                    prefix=sleutel,
                    initial={
                        "score": bestaand.score if bestaand else None,
                        "motivering": bestaand.motivering if bestaand else "",
                    },
                ),
            }
        )
    uitkomst, _per_naam, ontbreekt = services.selectierangschikking(aanbesteding)
    return render(
        request,
        "aanbestedingen/toetsing.html",
        {
            "aanbesteding": aanbesteding,
            "inschrijving": inschrijving,
            "inkoper": inkoper,
            "open": open_,
            "kan_vastleggen": inkoper and open_,
            "toetsing": toetsing_,
            "weigeringen": toetsing_.weigeringen(),
            "regelfouten": selectors.open_regelfouten(
                inschrijving, timezone.now(), (Fase.SELECTIE,)
            ),
            "partijen": partijen,
            "eisen": eisen,
            "criteria": criteria,
            "rang": uitkomst.rang(inschrijving.weergavenaam) if uitkomst else None,
            "ontbreekt": ontbreekt,
            "beslissing_form": gebonden.get("beslissing")
            or SelectiebeslissingForm(prefix="beslissing"),
            "brieven": inschrijving.selectiebrieven.all(),
        },
    )


@declare_access(REGIO)
def regelbesluiten(request, pk: int):
    """The error-level rule findings of one registration (of the phases opened), each with the
    inkoper's decision. An open finding blocks the admission (selection phase) and the award;
    the inkoper records a reasoned decision on it. A beoordelaar reads."""
    inschrijving = get_object_or_404(selectors.inschrijvingen_voor(request.user), pk=pk)
    aanbesteding = _van_regio(request, inschrijving.aanbesteding_id)
    if not selectors.mag_inhoud_zien(request.user, inschrijving, Fase.SELECTIE):
        raise Http404
    inkoper = selectors.is_inkoper_van(request.user, aanbesteding)
    kan_vastleggen = inkoper and aanbesteding.status in services.BESLUIT_MOGELIJK
    fasen = [f for f in Fase.values if selectors.mag_inhoud_zien(request.user, inschrijving, f)]
    gebonden: dict[str, RegelbesluitForm] = {}
    if request.method == "POST":
        _alleen_inkoper(request, aanbesteding)
        sleutel = request.POST.get("sleutel", "")
        form = RegelbesluitForm(request.POST, prefix=sleutel)
        partij = request.POST.get("partij", "")
        if form.is_valid():
            try:
                services.neem_regelbesluit(
                    inschrijving,
                    code=request.POST.get("code", ""),
                    partij_id=als_id(partij),
                    gebruiker=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                messages.success(request, "Het besluit is vastgelegd.")
                return redirect(
                    reverse("aanbestedingen:regelbesluiten", args=[inschrijving.pk]) + f"#{sleutel}"
                )
        gebonden[sleutel] = form
    rijen = []
    for nummer, r in enumerate(selectors.regelbevindingen(inschrijving, timezone.now(), fasen)):
        sleutel = f"r{nummer}"
        rijen.append(
            {
                "regel": r,
                "sleutel": sleutel,
                "form": gebonden.get(sleutel) or RegelbesluitForm(prefix=sleutel),
            }
        )
    return render(
        request,
        "aanbestedingen/regelbesluiten.html",
        {
            "aanbesteding": aanbesteding,
            "inschrijving": inschrijving,
            "inkoper": inkoper,
            "kan_vastleggen": kan_vastleggen,
            "rijen": rijen,
            "verzegeld": [Fase(f).label for f in Fase.values if f not in fasen],
        },
    )


@declare_access(REGIO)
def bewijsstuk(request, pk: int):
    """The document attached to a requirement check, for the region side."""
    item = get_object_or_404(Eistoetsing.objects.select_related("inschrijving"), pk=pk)
    _van_regio(request, item.inschrijving.aanbesteding_id)
    if not item.document:
        raise Http404
    record(
        "bewijsstuk.gelezen", request=request, obj=item.inschrijving, omschrijving=item.bestandsnaam
    )
    return FileResponse(item.document.open("rb"), as_attachment=True, filename=item.bestandsnaam)


@declare_access(ALLE)
def selectiebrief(request, pk: int):
    """A selection decision letter as PDF: for the region side, and for the candidate itself
    (only its own; it exists only once sent)."""
    brief = get_object_or_404(Selectiebrief.objects.select_related("aanbesteding"), pk=pk)
    inschrijving = get_object_or_404(
        selectors.inschrijvingen_voor(request.user), pk=brief.inschrijving_id
    )
    if not (
        selectors.is_eigen(request.user, inschrijving)
        or selectors.is_regiozijde(request.user, brief.aanbesteding)
    ):
        raise Http404
    antwoord = HttpResponse(html_naar_pdf(brief.html), content_type="application/pdf")
    antwoord["Content-Disposition"] = (
        f'inline; filename="selectiebrief-{brief.aanbesteding.kenmerk}-{brief.pk}.pdf"'
    )
    return antwoord
