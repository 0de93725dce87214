"""Pages of the EU notices: the checklist and the values to add, a readable Dutch preview, and
the XML download. For the inkoper of the procedure's region only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.catalogi.services import wijzig_voor_aankondiging
from wmoregie.forms import pas_fout_toe

from .. import selectors
from ..models import Aanbesteding
from . import forms, services
from .constants import Omvang, Selectiesoort, Soort
from .gegevens import (
    _gemeenten,
    controlelijst,
    gegevens_van,
    kennisgeving,
    nuts_van,
    omvang_van,
    partijen_voor_omvang,
)
from .models import Aankondiging, Aankondigingsversie

INKOPER = roles(Rol.INKOPER)
#: Dutch for the reasons a lot was not awarded (BT-144).
REDENEN = {
    "no-rece": "geen inschrijvingen ontvangen",
    "other": "niet gegund: de winnaar van de procedure schreef niet in op dit perceel",
}


def _aanbesteding(request, pk: int) -> Aanbesteding:
    aanbesteding = get_object_or_404(selectors.aanbestedingen_voor(request.user), pk=pk)
    if not selectors.is_inkoper_van(request.user, aanbesteding):
        raise Http404
    return aanbesteding


def _soort(soort: str) -> Soort:
    if soort not in Soort.values:
        raise Http404
    return Soort(soort)


def overzicht_voor(aanbesteding, *, voorgelezen: bool = False) -> list[dict]:
    """Per notice: its checklist, whether it can be made, and the versions handed out. Also
    shown on the procedure page (which read the eForms record with the procedure:
    ``voorgelezen``, see ``gegevens_van``)."""
    uitgegeven: dict[str, list] = {}
    for versie in (
        Aankondigingsversie.objects.filter(aankondiging__aanbesteding=aanbesteding)
        .select_related("aankondiging", "uitgegeven_door")
        .order_by("versie")
    ):
        uitgegeven.setdefault(versie.aankondiging.soort, []).append(versie)
    # read once for every kind of notice
    gegevens = gegevens_van(aanbesteding, voorgelezen=voorgelezen)
    gemeenten = _gemeenten(aanbesteding)
    prefetch_related_objects([aanbesteding], "geschiktheidseisen", "criteria")
    uit = []
    for soort in Soort:
        lijst = controlelijst(aanbesteding, soort, gegevens=gegevens, gemeenten=gemeenten)
        uit.append(
            {
                "soort": soort,
                "lijst": lijst,
                "fouten": [o for o in lijst if o.blokkeert],
                "waarschuwingen": [o for o in lijst if not o.blokkeert],
                "versies": uitgegeven.get(soort, []),
                # after the request deadline no new contract notice may go out
                "gesloten": soort == Soort.CN
                and timezone.now() >= aanbesteding.deadline("selectie"),
            }
        )
    return uit


def _formulieren(aanbesteding, data=None, welk: str = "") -> dict:
    """The forms of the page; only the one posted (``welk``) is bound."""

    def gebonden(naam):
        return data if naam == welk else None

    gegevens = gegevens_van(aanbesteding)
    regio = aanbesteding.regio
    criteria = [(f"eis-{e.pk}", e.naam) for e in aanbesteding.geschiktheidseisen.all()] + (
        [(f"sel-{c.pk}", c.naam) for c in aanbesteding.selectiecriteria.all()]
        if aanbesteding.max_kandidaten
        else []
    )
    return {
        "procedure": forms.ProcedureForm(
            gebonden("procedure"), instance=gegevens, prefix="procedure"
        ),
        "contactpunt": forms.ContactpuntForm(
            gebonden("contactpunt"), instance=regio, prefix="contactpunt"
        ),
        "percelen": [
            (
                p,
                forms.PerceelForm(
                    gebonden(f"perceel-{p.pk}"), instance=p, prefix=f"perceel-{p.pk}"
                ),
            )
            for p in aanbesteding.percelen.order_by("volgorde", "naam")
        ],
        "gemeenten": [
            (
                g,
                forms.GemeenteForm(
                    gebonden(f"gemeente-{g.pk}"), instance=g, prefix=f"gemeente-{g.pk}"
                ),
            )
            for g in regio.gemeenten.order_by("naam")
        ],
        "selectie": forms.SelectiesoortenForm(
            gebonden("selectie"),
            criteria=criteria,
            huidig=gegevens.criteriumsoorten,
            prefix="selectie",
        )
        if criteria
        else None,
        "partijen": [
            (
                p,
                forms.PartijgegevensForm(
                    gebonden(f"partij-{p.pk}"),
                    prefix=f"partij-{p.pk}",
                    initial={"omvang": omvang_van(p, gegevens), "nuts": nuts_van(p, gegevens)},
                ),
            )
            for p in partijen_voor_omvang(aanbesteding)
        ],
    }


def _bewaar(request, aanbesteding, welk: str, formulieren: dict):
    """Validate the posted form and call its service; the form, or None when saved."""
    gebruiker = request.user
    if welk == "procedure":
        form = formulieren["procedure"]
        if form.is_valid():
            services.wijzig_eforms_gegevens(aanbesteding, gebruiker=gebruiker, **form.cleaned_data)
            return None
        return form
    if welk == "contactpunt":
        form = formulieren["contactpunt"]
        if form.is_valid():
            wijzig_voor_aankondiging(aanbesteding.regio, gebruiker=gebruiker, **form.cleaned_data)
            return None
        return form
    if welk == "selectie" and formulieren["selectie"] is not None:
        form = formulieren["selectie"]
        if form.is_valid():
            services.stel_selectiesoorten_in(
                aanbesteding, gebruiker=gebruiker, soorten=form.cleaned_data
            )
            return None
        return form
    for sleutel, soort in (("percelen", "perceel"), ("gemeenten", "gemeente")):
        for obj, form in formulieren[sleutel]:
            if welk == f"{soort}-{obj.pk}":
                if form.is_valid():
                    wijzig_voor_aankondiging(obj, gebruiker=gebruiker, **form.cleaned_data)
                    return None
                return form
    for partij, form in formulieren["partijen"]:
        if welk == f"partij-{partij.pk}":
            if form.is_valid():
                services.leg_partijgegevens_vast(
                    aanbesteding, partij, gebruiker=gebruiker, **form.cleaned_data
                )
                return None
            return form
    raise Http404


@declare_access(INKOPER)
def aankondigingen(request, pk: int):
    aanbesteding = _aanbesteding(request, pk)
    welk = request.POST.get("formulier", "")
    formulieren = _formulieren(
        aanbesteding, request.POST if request.method == "POST" else None, welk
    )
    if request.method == "POST":
        form = _bewaar_veilig(request, aanbesteding, welk, formulieren)
        if form is None:
            messages.success(request, "De gegevens zijn opgeslagen.")
            return redirect(reverse("aanbestedingen:eforms", args=[pk]) + f"#{welk}")
    return render(
        request,
        "aanbestedingen/eforms/aankondigingen.html",
        {
            "aanbesteding": aanbesteding,
            "overzicht": overzicht_voor(aanbesteding),
            "formulieren": formulieren,
            "fout_in": welk if request.method == "POST" else "",
        },
    )


def _bewaar_veilig(request, aanbesteding, welk, formulieren):
    try:
        return _bewaar(request, aanbesteding, welk, formulieren)
    except ValidationError as fout:
        form = _form_van(formulieren, welk)
        pas_fout_toe(form, fout)
        return form


def _form_van(formulieren, welk):
    for sleutel in ("procedure", "contactpunt", "selectie"):
        if welk == sleutel:
            return formulieren[sleutel]
    for lijst in ("percelen", "gemeenten", "partijen"):
        for _obj, form in formulieren[lijst]:
            if form.prefix == welk:
                return form
    raise Http404


@declare_access(INKOPER)
def voorbeeld(request, pk: int, soort: str):
    aanbesteding = _aanbesteding(request, pk)
    soort = _soort(soort)
    gegevens = gegevens_van(aanbesteding)  # a GET: read, never create
    lijst = controlelijst(aanbesteding, soort, gegevens=gegevens)
    k = None
    if not (soort == Soort.CAN and any(o.code == "niet-definitief-gegund" for o in lijst)):
        k = kennisgeving(aanbesteding, soort, gegevens=gegevens)
    aankondiging = Aankondiging.objects.filter(aanbesteding=aanbesteding, soort=soort).first()
    laatste = aankondiging.versies.order_by("-versie").first() if aankondiging else None
    return render(
        request,
        "aanbestedingen/eforms/voorbeeld.html",
        {
            "aanbesteding": aanbesteding,
            "soort": soort,
            "k": k,
            "lijst": lijst,
            "fouten": [o for o in lijst if o.blokkeert],
            "aankondiging": aankondiging,
            "laatste": laatste,
            "selectie": [
                (c, dict(Selectiesoort.choices).get(c.soort, ""))
                for c in (k.selectiecriteria if k else [])
            ],
            "uitslagen": [(u, REDENEN.get(u.reden, "")) for u in (k.uitslagen if k else [])],
            "leden": [
                (o, dict(Omvang.choices).get(o.omvang, "")) for o in (k.organisaties if k else [])
            ],
        },
    )


def xml_antwoord(versie, aanbesteding) -> HttpResponse:
    antwoord = HttpResponse(versie.xml.encode(), content_type="application/xml; charset=utf-8")
    naam = f"{aanbesteding.kenmerk}-{versie.aankondiging.soort}-v{versie.versie:02d}.xml"
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord


@declare_access(INKOPER)
def download(request, pk: int, soort: str):
    """Hand out the notice as it stands (a new version when its content changed) and download it.
    Only on a POST from the page's button: handing out is recorded and audited, and a link on
    another site must not be able to do it in the inkoper's name; a GET shows the page."""
    aanbesteding = _aanbesteding(request, pk)
    soort = _soort(soort)
    if request.method != "POST":
        return redirect(reverse("aanbestedingen:eforms", args=[pk]))
    try:
        versie = services.geef_uit(aanbesteding, soort, gebruiker=request.user)
    except services.AankondigingOnvolledig as fout:
        for bericht in fout.messages:
            messages.error(request, bericht)
        return redirect(reverse("aanbestedingen:eforms", args=[pk]))
    return xml_antwoord(versie, aanbesteding)


@declare_access(INKOPER)
def versie(request, pk: int, soort: str, nummer: int):
    """A version as it was handed out (unchanged)."""
    aanbesteding = _aanbesteding(request, pk)
    aankondiging = get_object_or_404(Aankondiging, aanbesteding=aanbesteding, soort=_soort(soort))
    return xml_antwoord(get_object_or_404(aankondiging.versies, versie=nummer), aanbesteding)
