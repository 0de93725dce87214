"""Pages of the award phase: criteria and method, blind assessment, consensus, ranking, letters,
objections, the definitive award and the OCDS export.

Blind assessment: an assessor sees only its own scores on these pages (and in the API) until
the consensus on an item is recorded; the inkoper, who leads the consensus session, sees all.
The ranking (page and CSV) is closed to an assessor until it signed the conflict-of-interest
declaration without a conflict (``services.controleer_inzage_rangschikking``).
"""

import json
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.contracten.exports import html_naar_pdf
from wmoregie.exports import csv_schrijver
from wmoregie.invoer import lees_getal

from . import ocds, selectors, services, state
from .bevestiging import bevestig_overgang
from .constants import Beoordelingsmethode, Status
from .forms import BelangenverklaringForm, BezwaarForm, CriteriumForm, DefinitiefForm, MethodeForm
from .models import (
    Aanbesteding,
    Beoordeling,
    Bezwaar,
    Consensusscore,
    Gunningsbrief,
    Gunningscriterium,
)

INKOPER = roles(Rol.INKOPER)
BEOORDELAAR = roles(Rol.BEOORDELAAR)
REGIO = roles(Rol.INKOPER, Rol.BEOORDELAAR)


def _van_regio(
    request, pk: int, *, inkoper: bool = False, beoordelaar: bool = False
) -> Aanbesteding:
    aanbesteding = get_object_or_404(Aanbesteding, pk=pk)
    if inkoper and not selectors.is_inkoper_van(request.user, aanbesteding):
        raise Http404
    if beoordelaar and not selectors.is_beoordelaar_van(request.user, aanbesteding):
        raise Http404
    if not selectors.is_regiozijde(request.user, aanbesteding):
        raise Http404
    return aanbesteding


def _fout(request, fout: ValidationError) -> None:
    messages.error(request, " ".join(fout.messages))


def _decimaal(waarde: str | None) -> Decimal | None:
    """A typed number (Dutch notation); ``ValidationError`` for NaN, infinities and text."""
    return lees_getal(waarde)


def _naar_gunning(aanbesteding):
    return redirect("aanbestedingen:gunning", pk=aanbesteding.pk)


# --- the inkoper's award page ----------------------------------------------------------------


def _met_open_fouten(inschrijvingen):
    """Each tender with its error-level rule findings without a decision (they block the
    award)."""
    inschrijvingen = list(inschrijvingen)
    fouten = selectors.open_regelfouten_per_inschrijving(inschrijvingen, timezone.now())
    for inschrijving in inschrijvingen:
        inschrijving.open_fouten = fouten[inschrijving.pk]
    return inschrijvingen


@declare_access(INKOPER)
def gunning(request, pk: int):
    aanbesteding = _van_regio(request, pk, inkoper=True)
    bevroren = aanbesteding.status not in services.VOOR_GUNNINGSOPENING or bool(
        aanbesteding.gunning_geopend_op
    )
    context = {
        "aanbesteding": aanbesteding,
        "criteria": aanbesteding.criteria.all(),
        "bevroren": bevroren,
        "criterium_form": CriteriumForm(),
        "methode_form": MethodeForm(
            initial={
                "methode": aanbesteding.beoordelingsmethode,
                "waarde_per_punt": aanbesteding.waarde_per_punt,
                "max_prijspunten": aanbesteding.max_prijspunten,
                "max_kwaliteitspunten": aanbesteding.max_kwaliteitspunten,
            }
        ),
        "taakgericht": services.is_taakgericht(aanbesteding),
        "vraagt_prijs": aanbesteding.beoordelingsmethode != Beoordelingsmethode.KWALITEIT,
        "inschrijvingen": _met_open_fouten(services.te_beoordelen(aanbesteding)),
        "beoordelaars": services.beoordelaars(aanbesteding),
        "verklaringen": aanbesteding.belangenverklaringen.select_related("beoordelaar"),
        "onvolledig": services.beoordeling_onvolledig(aanbesteding)
        if aanbesteding.status == Status.GUNNING_BEOORDELING
        else [],
        "brieven": aanbesteding.gunningsbrieven.select_related("inschrijving__organisatie"),
        "standstill_einde": services.standstill_einde(aanbesteding),
        "bezwaren": aanbesteding.bezwaren.select_related("inschrijving__organisatie"),
        "bezwaar_form": BezwaarForm(aanbesteding=aanbesteding),
        "definitief_form": DefinitiefForm(initial={"nummer": f"{aanbesteding.kenmerk}-OVK"}),
    }
    return render(request, "aanbestedingen/gunning.html", context)


@require_POST
@declare_access(INKOPER)
def criterium_toevoegen(request, pk: int):
    aanbesteding = _van_regio(request, pk, inkoper=True)
    form = CriteriumForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Het criterium is niet volledig: " + form.errors.as_text())
        return _naar_gunning(aanbesteding)
    try:
        services.voeg_criterium_toe(aanbesteding, gebruiker=request.user, **form.cleaned_data)
    except ValidationError as fout:
        _fout(request, fout)
    else:
        messages.success(request, "Het criterium is toegevoegd.")
    return _naar_gunning(aanbesteding)


@require_POST
@declare_access(INKOPER)
def criterium_verwijderen(request, pk: int):
    criterium = get_object_or_404(Gunningscriterium, pk=pk)
    aanbesteding = _van_regio(request, criterium.aanbesteding_id, inkoper=True)
    try:
        services.verwijder_criterium(criterium, gebruiker=request.user)
    except ValidationError as fout:
        _fout(request, fout)
    else:
        messages.success(request, "Het criterium is verwijderd.")
    return _naar_gunning(aanbesteding)


@require_POST
@declare_access(INKOPER)
def methode(request, pk: int):
    aanbesteding = _van_regio(request, pk, inkoper=True)
    form = MethodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies een beoordelingsmethode.")
        return _naar_gunning(aanbesteding)
    try:
        services.stel_beoordelingsmethode_vast(
            aanbesteding, gebruiker=request.user, **form.cleaned_data
        )
    except ValidationError as fout:
        _fout(request, fout)
    else:
        messages.success(request, "De beoordelingsmethode is vastgesteld.")
    return _naar_gunning(aanbesteding)


@require_POST
@declare_access(INKOPER)
def prijs(request, pk: int):
    inschrijving = get_object_or_404(selectors.inschrijvingen_voor(request.user), pk=pk)
    aanbesteding = _van_regio(request, inschrijving.aanbesteding_id, inkoper=True)
    try:
        services.leg_prijs_vast(
            inschrijving, gebruiker=request.user, prijs=_decimaal(request.POST.get("prijs"))
        )
    except ValidationError as fout:
        _fout(request, fout)
    else:
        messages.success(request, f"Prijs vastgelegd voor {inschrijving.weergavenaam}.")
    return _naar_gunning(aanbesteding)


@require_POST
@declare_access(INKOPER)
def seed(request, pk: int):
    aanbesteding = _van_regio(request, pk, inkoper=True)
    try:
        services.stel_loting_seed_vast(
            aanbesteding, gebruiker=request.user, seed=request.POST.get("seed", "")
        )
    except ValidationError as fout:
        _fout(request, fout)
    else:
        messages.success(request, "De lotingswaarde is vastgelegd.")
    return _naar_gunning(aanbesteding)


@require_POST
@declare_access(INKOPER)
def voorlopig_gunnen(request, pk: int):
    aanbesteding = _van_regio(request, pk, inkoper=True)
    if bevestiging := bevestig_overgang(
        request,
        aanbesteding,
        state.vind_overgang(aanbesteding.status, Status.VOORLOPIG_GEGUND),
        terug=reverse("aanbestedingen:gunning", args=[aanbesteding.pk]),
    ):
        return bevestiging
    try:
        brieven = services.gun_voorlopig(aanbesteding, gebruiker=request.user)
    except ValidationError as fout:
        _fout(request, fout)
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d gunningsbrief verzonden; de standstill loopt tot en met %(einde)s.",
                "%(n)d gunningsbrieven verzonden; de standstill loopt tot en met %(einde)s.",
                len(brieven),
            )
            % {
                "n": len(brieven),
                "einde": f"{services.standstill_einde(aanbesteding):%d-%m-%Y}",
            },
        )
    return _naar_gunning(aanbesteding)


@declare_access(INKOPER)
def brief(request, pk: int):
    """A provisional award letter as PDF, rendered from the HTML as sent."""
    gunningsbrief = get_object_or_404(Gunningsbrief, pk=pk)
    _van_regio(request, gunningsbrief.aanbesteding_id, inkoper=True)
    antwoord = HttpResponse(html_naar_pdf(gunningsbrief.html), content_type="application/pdf")
    antwoord["Content-Disposition"] = (
        f'inline; filename="gunningsbrief-{gunningsbrief.aanbesteding.kenmerk}-{gunningsbrief.pk}.pdf"'
    )
    return antwoord


@require_POST
@declare_access(INKOPER)
def bezwaar(request, pk: int):
    aanbesteding = _van_regio(request, pk, inkoper=True)
    form = BezwaarForm(request.POST, aanbesteding=aanbesteding)
    if not form.is_valid():
        messages.error(request, "Het bezwaar is niet volledig: " + form.errors.as_text())
        return _naar_gunning(aanbesteding)
    try:
        services.registreer_bezwaar(aanbesteding, gebruiker=request.user, **form.cleaned_data)
    except ValidationError as fout:
        _fout(request, fout)
    else:
        messages.success(request, "Geregistreerd; de procedure is opgeschort.")
    return _naar_gunning(aanbesteding)


@require_POST
@declare_access(INKOPER)
def bezwaar_afhandelen(request, pk: int):
    item = get_object_or_404(Bezwaar, pk=pk)
    aanbesteding = _van_regio(request, item.aanbesteding_id, inkoper=True)
    try:
        services.handel_bezwaar_af(
            item, gebruiker=request.user, uitkomst=request.POST.get("uitkomst", "")
        )
    except ValidationError as fout:
        _fout(request, fout)
    else:
        messages.success(request, "Afgehandeld. Hervat de procedure of trek de gunning in.")
    return _naar_gunning(aanbesteding)


@require_POST
@declare_access(INKOPER)
def definitief_gunnen(request, pk: int):
    aanbesteding = _van_regio(request, pk, inkoper=True)
    form = DefinitiefForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vul contractnummer en einddatum in: " + form.errors.as_text())
        return _naar_gunning(aanbesteding)
    if bevestiging := bevestig_overgang(
        request,
        aanbesteding,
        state.vind_overgang(aanbesteding.status, Status.DEFINITIEF_GEGUND),
        terug=reverse("aanbestedingen:gunning", args=[aanbesteding.pk]),
    ):
        return bevestiging
    try:
        overeenkomst = services.gun_definitief(
            aanbesteding, gebruiker=request.user, **form.cleaned_data
        )
    except ValidationError as fout:
        _fout(request, fout)
    else:
        messages.success(
            request, f"Definitief gegund; overeenkomst {overeenkomst.nummer} is aangemaakt."
        )
    return _naar_gunning(aanbesteding)


# --- blind assessment ------------------------------------------------------------------------


@declare_access(BEOORDELAAR)
def beoordelen(request, pk: int):
    """The assessor's start: first the conflict-of-interest declaration, then the tenders."""
    aanbesteding = _van_regio(request, pk, beoordelaar=True)
    verklaring = selectors.belangenverklaring_van(request.user, aanbesteding)
    form = BelangenverklaringForm(request.POST or None)
    if request.method == "POST" and verklaring is None and form.is_valid():
        try:
            services.teken_belangenverklaring(
                aanbesteding, gebruiker=request.user, **form.cleaned_data
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Uw belangenverklaring is vastgelegd.")
            return redirect("aanbestedingen:beoordelen", pk=aanbesteding.pk)
    rijen = []
    if selectors.mag_beoordelen(request.user, aanbesteding):
        criteria = list(aanbesteding.criteria.all())
        eigen = set(
            Beoordeling.objects.filter(
                inschrijving__aanbesteding=aanbesteding, beoordelaar=request.user
            ).values_list("inschrijving_id", "criterium_id")
        )
        for inschrijving in services.te_beoordelen(aanbesteding):
            klaar = sum((inschrijving.pk, c.pk) in eigen for c in criteria)
            rijen.append({"inschrijving": inschrijving, "klaar": klaar, "totaal": len(criteria)})
    return render(
        request,
        "aanbestedingen/beoordelen.html",
        {
            "aanbesteding": aanbesteding,
            "verklaring": verklaring,
            "form": form,
            "rijen": rijen,
            "mag_beoordelen": selectors.mag_beoordelen(request.user, aanbesteding),
        },
    )


@declare_access(BEOORDELAAR)
def beoordeling(request, pk: int):
    """Score each criterion with a motivation; other assessors' scores only after consensus."""
    inschrijving = get_object_or_404(selectors.inschrijvingen_voor(request.user), pk=pk)
    aanbesteding = _van_regio(request, inschrijving.aanbesteding_id, beoordelaar=True)
    if not selectors.mag_beoordelen(request.user, aanbesteding):
        messages.error(request, "Teken eerst de belangenverklaring.")
        return redirect("aanbestedingen:beoordelen", pk=aanbesteding.pk)
    if inschrijving not in services.te_beoordelen(aanbesteding):
        raise Http404
    criteria = list(aanbesteding.criteria.all())
    fouten: dict[int, str] = {}
    if request.method == "POST":
        for c in criteria:
            if f"score-{c.pk}" not in request.POST:
                continue
            try:
                services.beoordeel(
                    inschrijving,
                    c,
                    gebruiker=request.user,
                    score=_decimaal(request.POST.get(f"score-{c.pk}")),
                    motivering=request.POST.get(f"motivering-{c.pk}", ""),
                )
            except ValidationError as fout:
                fouten[c.pk] = " ".join(fout.messages)
        if not fouten:
            messages.success(request, "Uw scores zijn vastgelegd.")
            return redirect("aanbestedingen:beoordeling", pk=inschrijving.pk)
    zichtbaar = selectors.zichtbare_beoordelingen(request.user).filter(inschrijving=inschrijving)
    consensus = {c.criterium_id: c for c in inschrijving.consensusscores.all()}
    rijen = []
    for c in criteria:
        eigen = next(
            (
                b
                for b in zichtbaar
                if b.criterium_id == c.pk and b.beoordelaar_id == request.user.pk
            ),
            None,
        )
        rijen.append(
            {
                "criterium": c,
                "eigen": eigen,
                "score": request.POST.get(f"score-{c.pk}")
                if fouten
                else (eigen.score if eigen else ""),
                "motivering": request.POST.get(f"motivering-{c.pk}")
                if fouten
                else (eigen.motivering if eigen else ""),
                "fout": fouten.get(c.pk),
                "consensus": consensus.get(c.pk),
                "anderen": [
                    b
                    for b in zichtbaar
                    if b.criterium_id == c.pk and b.beoordelaar_id != request.user.pk
                ],
            }
        )
    return render(
        request,
        "aanbestedingen/beoordeling.html",
        {
            "aanbesteding": aanbesteding,
            "inschrijving": inschrijving,
            "rijen": rijen,
            "fouten": fouten,
            "open": aanbesteding.status == Status.GUNNING_BEOORDELING,
            "documenten": list(selectors.zichtbare_documenten(request.user, inschrijving)),
        },
    )


@declare_access(INKOPER)
def consensus(request, pk: int):
    """The consensus session: per tender and criterion every individual score, the spread, and
    the agreed score with its motivation. One form for the whole session (#15.16): every field's
    label names the tender and the criterion; all entered scores are stored together or none."""
    aanbesteding = _van_regio(request, pk, inkoper=True)
    criteria = list(aanbesteding.criteria.all())
    inschrijvingen = list(services.te_beoordelen(aanbesteding))
    vastgesteld = {
        (c.inschrijving_id, c.criterium_id): c
        for c in Consensusscore.objects.filter(inschrijving__aanbesteding=aanbesteding)
    }
    fouten: dict[tuple[int, int], str] = {}
    if request.method == "POST":
        opgeslagen = 0
        try:
            with transaction.atomic():
                for inschrijving in inschrijvingen:
                    for c in criteria:
                        sleutel = f"{inschrijving.pk}-{c.pk}"
                        score = request.POST.get(f"score-{sleutel}", "").strip()
                        motivering = request.POST.get(f"motivering-{sleutel}", "").strip()
                        bestaand = vastgesteld.get((inschrijving.pk, c.pk))
                        if not score and not motivering:
                            continue
                        try:
                            waarde = _decimaal(score)
                            if bestaand and (bestaand.score, bestaand.motivering) == (
                                waarde,
                                motivering,
                            ):
                                continue  # unchanged: not recorded again
                            services.stel_consensus_vast(
                                inschrijving,
                                c,
                                gebruiker=request.user,
                                score=waarde,
                                motivering=motivering,
                            )
                            opgeslagen += 1
                        except ValidationError as fout:
                            fouten[(inschrijving.pk, c.pk)] = " ".join(fout.messages)
                if fouten:
                    raise _NietsOpslaan
        except _NietsOpslaan:
            messages.error(
                request,
                ngettext(
                    "Er is niets vastgelegd: %(n)d score is niet in orde.",
                    "Er is niets vastgelegd: %(n)d scores zijn niet in orde.",
                    len(fouten),
                )
                % {"n": len(fouten)},
            )
        else:
            if opgeslagen:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d consensusscore vastgelegd.",
                        "%(n)d consensusscores vastgelegd.",
                        opgeslagen,
                    )
                    % {"n": opgeslagen},
                )
            else:
                messages.info(request, "Er was niets gewijzigd.")
            return redirect("aanbestedingen:consensus", pk=aanbesteding.pk)
    alle = list(
        selectors.zichtbare_beoordelingen(request.user).filter(
            inschrijving__aanbesteding=aanbesteding
        )
    )
    blokken = []
    for inschrijving in inschrijvingen:
        regels = []
        for c in criteria:
            scores = [
                b for b in alle if b.inschrijving_id == inschrijving.pk and b.criterium_id == c.pk
            ]
            waarden = [b.score for b in scores]
            bestaand = vastgesteld.get((inschrijving.pk, c.pk))
            sleutel = f"{inschrijving.pk}-{c.pk}"
            regels.append(
                {
                    "criterium": c,
                    "sleutel": sleutel,
                    "scores": scores,
                    "laagste": min(waarden) if waarden else None,
                    "hoogste": max(waarden) if waarden else None,
                    "spreiding": (max(waarden) - min(waarden)) if waarden else None,
                    "gemiddeld": (sum(waarden) / len(waarden)).quantize(Decimal("0.01"))
                    if waarden
                    else None,
                    "consensus": bestaand,
                    "fout": fouten.get((inschrijving.pk, c.pk)),
                    "score": request.POST.get(f"score-{sleutel}", "")
                    if fouten
                    else (bestaand.score if bestaand else ""),
                    "motivering": request.POST.get(f"motivering-{sleutel}", "")
                    if fouten
                    else (bestaand.motivering if bestaand else ""),
                }
            )
        blokken.append({"inschrijving": inschrijving, "regels": regels})
    return render(
        request,
        "aanbestedingen/consensus.html",
        {
            "aanbesteding": aanbesteding,
            "blokken": blokken,
            "fouten": fouten,
            "beoordelaars": services.beoordelaars(aanbesteding),
            "open": aanbesteding.status == Status.GUNNING_BEOORDELING,
        },
    )


class _NietsOpslaan(Exception):
    """Rolls the consensus form back when any of its scores is refused."""


# --- ranking and exports ---------------------------------------------------------------------


def _geen_inzage(request, aanbesteding: Aanbesteding) -> ValidationError | None:
    """Why this user may not read the ranking (an assessor without a signed declaration free
    of conflict), or None."""
    try:
        services.controleer_inzage_rangschikking(aanbesteding, gebruiker=request.user)
    except ValidationError as fout:
        return fout
    return None


@declare_access(REGIO)
def rangschikking(request, pk: int):
    aanbesteding = _van_regio(request, pk)
    if weigering := _geen_inzage(request, aanbesteding):
        return render(
            request,
            "aanbestedingen/rangschikking.html",
            {
                "aanbesteding": aanbesteding,
                "geen_inzage": " ".join(weigering.messages),
                "verklaring_tekenen": weigering.code == "belangenverklaring-ontbreekt",
            },
            status=403,
        )
    context = {"aanbesteding": aanbesteding, "uitkomst": None, "fout": None}
    try:
        uitkomst, _per_naam = services.rangschikking(aanbesteding)
    except ValidationError as fout:
        context["fout"] = " ".join(fout.messages)
    else:
        context["uitkomst"] = uitkomst
        context["methode"] = Beoordelingsmethode(aanbesteding.beoordelingsmethode).label
    return render(request, "aanbestedingen/rangschikking.html", context)


@declare_access(REGIO)
def rangschikking_csv(request, pk: int):
    """The calculation step by step as CSV (semicolon, as Dutch spreadsheets expect)."""
    aanbesteding = _van_regio(request, pk)
    if weigering := _geen_inzage(request, aanbesteding):
        return HttpResponse(
            " ".join(weigering.messages), status=403, content_type="text/plain; charset=utf-8"
        )
    try:
        uitkomst, _per_naam = services.rangschikking(aanbesteding)
    except ValidationError as fout:
        return HttpResponse(
            " ".join(fout.messages), status=409, content_type="text/plain; charset=utf-8"
        )
    antwoord = HttpResponse(content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = (
        f'attachment; filename="rangschikking-{aanbesteding.kenmerk}.csv"'
    )
    schrijver = csv_schrijver(antwoord, delimiter=";")
    schrijver.writerow(["rang", "inschrijver", "beslist door", "stap", "berekening", "uitkomst"])
    for stap in uitkomst.stappen:
        schrijver.writerow(["", "(alle)", "", stap.omschrijving, stap.berekening, stap.uitkomst])
    for u in uitkomst.uitslagen:
        for stap in u.stappen:
            schrijver.writerow(
                [
                    u.rang,
                    u.inschrijver,
                    str(u.beslist_door),
                    stap.omschrijving,
                    stap.berekening,
                    stap.uitkomst,
                ]
            )
    for lot in uitkomst.lotingen:
        for naam, sha in lot.trekkingen:
            schrijver.writerow(["", naam, "loting", f"seed {lot.seed}", "SHA-256", sha])
    return antwoord


@declare_access(REGIO)
def ocds_pakket(request, pk: int):
    """The OCDS 1.1 release package of the procedure's public data (no personal data)."""
    aanbesteding = _van_regio(request, pk)
    pakket = ocds.release_package(aanbesteding, uri=request.build_absolute_uri())
    return HttpResponse(
        json.dumps(pakket, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
