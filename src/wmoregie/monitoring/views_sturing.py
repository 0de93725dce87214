"""Pages of the steering cycle and the client experience survey. Views parse input, call one
service and render; who sees what follows from ``sturing/scope.py``."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from wmoregie.accounts.access import PUBLIC, declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import User
from wmoregie.clienten import inzage
from wmoregie.forms import pas_fout_toe

from .models import (
    Actie,
    Cijferinstelling,
    Ervaringsonderzoek,
    Indicator,
    Stuuroverleg,
    Uitnodiging,
    Verplichting,
)
from .sturing import ervaring, exports, forms, indicatoren, services
from .sturing.constants import ActieStatus, Koers, Onderzoekstatus, Verplichtingstatus
from .sturing.scope import (
    INRICHTEN,
    OVERLEG,
    REGIOROLLEN,
    STURING_LEZEN,
    afbakening_voor,
    overeenkomsten_voor,
    regio_van,
    scope_van,
    zichtbare_gemeenten,
)

GEMEENTE = roles(Rol.GEMEENTE_MEDEWERKER)
SESSIE_UITNODIGING = "ervaring_uitnodiging"


def _regio_of_404(user):
    regio = regio_van(user)
    if regio is None:
        raise Http404
    return regio


def _jaar_en_peildatum(request) -> tuple[int, date]:
    vandaag = timezone.localdate()
    try:
        jaar = int(request.GET.get("jaar", vandaag.year))
    except ValueError:
        jaar = vandaag.year
    jaar = min(max(jaar, 2000), vandaag.year)
    return jaar, vandaag if jaar == vandaag.year else date(jaar, 12, 31)


def _rijen(stand, gemeenten) -> list[dict]:
    rijen = []
    for gemeente in gemeenten:
        telling = stand.uitkomst.per_gemeente.get(gemeente.pk, indicatoren.Telling(0, 0))
        status = stand.koers_van(telling)
        rijen.append(
            {
                "gemeente": gemeente,
                "telling": telling,
                "tekst": stand.tekst_van(telling),
                "stap": telling.stap(),
                "koers": status,
                "koers_label": Koers(status).label,
            }
        )
    return rijen


def _is_regio(user, regio) -> bool:
    return regio.pk in scope_van(user).regios


# --- steering: indicators, goals, obligations ---------------------------------------------------


@declare_access(STURING_LEZEN)
def start(request):
    regio = _regio_of_404(request.user)
    jaar, peildatum = _jaar_en_peildatum(request)
    afbakening = afbakening_voor(request.user, regio)
    standen = indicatoren.standen(regio.pk, afbakening, jaar, peildatum)
    scope = scope_van(request.user)
    eigen = list(zichtbare_gemeenten(request.user, regio)) if not scope.neemt_deel else []
    regels = [{"stand": s, "eigen": _rijen(s, eigen)} for s in standen]
    doelen = {}
    for regel in regels:
        doelen.setdefault(regel["stand"].indicator.doel, []).append(regel)
    per_indicator = {s.indicator.pk: s for s in standen}
    verplichtingen = []
    overleggen = []
    acties = []
    if scope.neemt_deel:
        vandaag = timezone.localdate()
        for verplichting in Verplichting.objects.filter(
            overeenkomst__in=overeenkomsten_voor(request.user).filter(regio=regio)
        ).select_related("overeenkomst", "indicator"):
            status = services.verplichtingstatus(
                verplichting, vandaag=vandaag, stand=per_indicator.get(verplichting.indicator_id)
            )
            verplichtingen.append(
                {"v": verplichting, "status": status, "label": Verplichtingstatus(status).label}
            )
        overleggen = Stuuroverleg.objects.filter(
            overeenkomst__in=overeenkomsten_voor(request.user)
        ).select_related("overeenkomst")[:10]
        acties = Actie.objects.filter(
            eigenaar=request.user, status=ActieStatus.OPEN
        ).select_related("overleg")
    return render(
        request,
        "monitoring/sturing/start.html",
        {
            "regio": regio,
            "jaar": jaar,
            "peildatum": peildatum,
            "jaren": range(timezone.localdate().year, 2024, -1),
            "doelen": list(doelen.items()),
            "eigen": eigen,
            "afbakening_eigen_werk": afbakening.overeenkomsten is not None,
            "verplichtingen": verplichtingen,
            "overleggen": overleggen,
            "acties": acties,
            "neemt_deel": scope.neemt_deel,
            "mag_inrichten": INRICHTEN.allows(request.user),
            "vandaag": timezone.localdate(),
        },
    )


def _download(formaat: str, naam: str, inhoud: bytes) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type=exports.FORMATEN[formaat])
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return antwoord


def _formaat(request) -> str:
    formaat = request.GET.get("formaat", "csv")
    if formaat not in exports.FORMATEN:
        raise Http404
    return formaat


@declare_access(STURING_LEZEN)
def export(request):
    """The indicator table as CSV or XLSX, with the columns the user's page shows."""
    formaat = _formaat(request)
    regio = _regio_of_404(request.user)
    jaar, peildatum = _jaar_en_peildatum(request)
    standen = indicatoren.standen(regio.pk, afbakening_voor(request.user, regio), jaar, peildatum)
    kop, rijen = exports.indicatoren_tabel(standen, list(zichtbare_gemeenten(request.user, regio)))
    return _download(
        formaat, f"indicatoren-{jaar}", exports.bestand(formaat, f"Indicatoren {jaar}", kop, rijen)
    )


@declare_access(STURING_LEZEN)
def indicator(request, pk):
    regio = _regio_of_404(request.user)
    indicator = get_object_or_404(
        Indicator.objects.select_related("doel").prefetch_related("normen"), pk=pk, regio=regio
    )
    jaar, peildatum = _jaar_en_peildatum(request)
    stand = indicatoren.stand(indicator, afbakening_voor(request.user, regio), jaar, peildatum)
    form = forms.NormForm(initial={"jaar": jaar})
    return render(
        request,
        "monitoring/sturing/indicator.html",
        {
            "indicator": indicator,
            "stand": stand,
            "rijen": _rijen(stand, zichtbare_gemeenten(request.user, regio)),
            "jaar": jaar,
            "peildatum": peildatum,
            "form": form,
            "mag_inrichten": INRICHTEN.allows(request.user) and _is_regio(request.user, regio),
        },
    )


@declare_access(INRICHTEN)
@require_POST
def norm(request, pk):
    regio = _regio_of_404(request.user)
    indicator = get_object_or_404(Indicator, pk=pk, regio_id__in=scope_van(request.user).regios)
    form = forms.NormForm(request.POST)
    if form.is_valid():
        try:
            services.stel_norm_vast(indicator, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "De norm is vastgesteld.")
            return redirect(
                f"{reverse('sturing:indicator', args=[pk])}?jaar={form.cleaned_data['jaar']}"
            )
    jaar, peildatum = _jaar_en_peildatum(request)
    stand = indicatoren.stand(indicator, afbakening_voor(request.user, regio), jaar, peildatum)
    return render(
        request,
        "monitoring/sturing/indicator.html",
        {
            "indicator": indicator,
            "stand": stand,
            "rijen": _rijen(stand, zichtbare_gemeenten(request.user, regio)),
            "jaar": jaar,
            "peildatum": peildatum,
            "form": form,
            "mag_inrichten": True,
        },
        status=400,
    )


@declare_access(OVERLEG)
@require_POST
def nagekomen(request, pk):
    verplichting = get_object_or_404(
        Verplichting, pk=pk, overeenkomst__in=overeenkomsten_voor(request.user)
    )
    form = forms.NagekomenForm(request.POST)
    if form.is_valid():
        try:
            services.meld_nagekomen(verplichting, op=form.cleaned_data["op"], door=request.user)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, "De verplichting is als nagekomen gemeld.")
    else:
        messages.error(request, "Vul de datum in waarop de verplichting is nagekomen.")
    return redirect("sturing:start")


# --- steering meetings ----------------------------------------------------------------------------


def _overleg_of_404(request, pk) -> Stuuroverleg:
    overleg = get_object_or_404(
        Stuuroverleg.objects.select_related("overeenkomst__regio"),
        pk=pk,
        overeenkomst__in=overeenkomsten_voor(request.user),
    )
    return overleg


def _deelnemers(overleg):
    """Users who take part in the steering of the meeting's agreement."""
    overeenkomst = overleg.overeenkomst
    organisaties = {
        overeenkomst.opdrachtnemer_id,
        *overeenkomst.combinanten.values_list("organisatie_id", flat=True),
    }
    return (
        User.objects.filter(is_active=True).filter(
            pk__in=User.objects.filter(
                roltoekenningen__rol__in=REGIOROLLEN, roltoekenningen__regio=overeenkomst.regio
            ).values("pk")
        )
        | User.objects.filter(
            is_active=True,
            pk__in=User.objects.filter(
                roltoekenningen__rol=Rol.BACKOFFICE, roltoekenningen__organisatie__in=organisaties
            ).values("pk"),
        )
    ).order_by("first_name", "last_name", "username")


def _snapshot_per_gemeente(snapshot: dict) -> dict:
    """The frozen figures as a table: a row per indicator, a column per municipality."""
    namen = sorted({g["naam"] for r in snapshot.get("indicatoren", []) for g in r["gemeenten"]})
    rijen = []
    for regel in snapshot.get("indicatoren", []):
        per_naam = {g["naam"]: g.get("tekst", g["waarde"]) for g in regel["gemeenten"]}
        rijen.append({"naam": regel["naam"], "waarden": [per_naam.get(n, "–") for n in namen]})
    return {"gemeenten": namen, "rijen": rijen}


def _overlegpagina(request, overleg, *, status=200, **formulieren):
    context = {
        "overleg": overleg,
        "agendapunten": overleg.agendapunten.select_related("indicator"),
        "besluiten": overleg.besluiten.select_related("agendapunt"),
        "acties": overleg.acties.select_related("eigenaar", "besluit"),
        "snapshot": overleg.snapshot,
        "per_gemeente": _snapshot_per_gemeente(overleg.snapshot),
        "vandaag": timezone.localdate(),
        "agendaform": formulieren.get("agendaform")
        or forms.AgendapuntForm(
            indicatoren=Indicator.objects.filter(regio=overleg.overeenkomst.regio, actief=True)
        ),
        "besluitform": formulieren.get("besluitform")
        or forms.BesluitForm(agendapunten=overleg.agendapunten.all()),
        "actieform": formulieren.get("actieform")
        or forms.ActieForm(deelnemers=_deelnemers(overleg), besluiten=overleg.besluiten.all()),
    }
    return render(request, "monitoring/sturing/overleg.html", context, status=status)


@declare_access(OVERLEG)
def overleggen(request):
    qs = Stuuroverleg.objects.filter(
        overeenkomst__in=overeenkomsten_voor(request.user)
    ).select_related("overeenkomst")
    return render(request, "monitoring/sturing/overleggen.html", {"overleggen": qs})


@declare_access(OVERLEG)
def overleg_nieuw(request):
    form = forms.OverlegForm(request.POST or None, overeenkomsten=overeenkomsten_voor(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            overleg = services.plan_overleg(
                data["overeenkomst"],
                datum=data["datum"],
                titel=data["titel"],
                agenda=data["agenda"].splitlines(),
                door=request.user,
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "Het stuuroverleg is gepland.")
            return redirect("sturing:overleg", pk=overleg.pk)
    return render(
        request,
        "monitoring/sturing/formulier.html",
        {
            "form": form,
            "titel": "Stuuroverleg plannen",
            "knop": "Plannen",
            "terug": reverse("sturing:overleggen"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@declare_access(OVERLEG)
def overleg(request, pk):
    return _overlegpagina(request, _overleg_of_404(request, pk))


def _overleg_post(request, pk, maak_form, doe, *, naam: str, melding: str):
    overleg = _overleg_of_404(request, pk)
    form = maak_form(overleg, request.POST)
    if form.is_valid():
        try:
            doe(overleg, form.cleaned_data)
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, melding)
            return redirect("sturing:overleg", pk=overleg.pk)
    return _overlegpagina(request, overleg, status=400, **{naam: form})


@declare_access(OVERLEG)
@require_POST
def agendapunt(request, pk):
    return _overleg_post(
        request,
        pk,
        lambda o, data: forms.AgendapuntForm(
            data, indicatoren=Indicator.objects.filter(regio=o.overeenkomst.regio, actief=True)
        ),
        lambda o, d: services.voeg_agendapunt_toe(o, door=request.user, **d),
        naam="agendaform",
        melding="Het agendapunt is toegevoegd.",
    )


@declare_access(OVERLEG)
@require_POST
def bevriezen(request, pk):
    overleg = _overleg_of_404(request, pk)
    try:
        services.bevries(overleg, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, "De cijfers op de datum van het overleg zijn bevroren.")
    return redirect("sturing:overleg", pk=overleg.pk)


@declare_access(OVERLEG)
@require_POST
def besluit(request, pk):
    return _overleg_post(
        request,
        pk,
        lambda o, data: forms.BesluitForm(data, agendapunten=o.agendapunten.all()),
        lambda o, d: services.leg_besluit_vast(o, door=request.user, **d),
        naam="besluitform",
        melding="Het besluit is vastgelegd.",
    )


@declare_access(OVERLEG)
@require_POST
def actie(request, pk):
    return _overleg_post(
        request,
        pk,
        lambda o, data: forms.ActieForm(
            data, deelnemers=_deelnemers(o), besluiten=o.besluiten.all()
        ),
        lambda o, d: services.maak_actie(o, door=request.user, **d),
        naam="actieform",
        melding="De actie is vastgelegd en staat op de werkvoorraad van de eigenaar.",
    )


@declare_access(OVERLEG)
def actie_afronden(request, pk):
    actie = get_object_or_404(
        Actie.objects.select_related("overleg__overeenkomst"),
        pk=pk,
        overleg__overeenkomst__in=overeenkomsten_voor(request.user),
    )
    if not services.mag_afronden(request.user, actie):
        raise PermissionDenied
    form = forms.AfrondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rond_actie_af(
                actie, resultaat=form.cleaned_data["resultaat"], door=request.user
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "De actie is afgerond.")
            return redirect("sturing:overleg", pk=actie.overleg_id)
    return render(
        request,
        "monitoring/sturing/formulier.html",
        {
            "form": form,
            "titel": f"Actie afronden: {actie.omschrijving}",
            "knop": "Afronden",
            "terug": reverse("sturing:overleg", args=[actie.overleg_id]),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- client experience survey ---------------------------------------------------------------------


def _onderzoek_of_404(request, pk) -> Ervaringsonderzoek:
    regio = _regio_of_404(request.user)
    return get_object_or_404(Ervaringsonderzoek, pk=pk, regio=regio)


@declare_access(STURING_LEZEN)
def ervaring_start(request):
    regio = _regio_of_404(request.user)
    mag_inrichten = INRICHTEN.allows(request.user) and _is_regio(request.user, regio)
    # The region's threshold for small numbers (the dashboards' setting) is the default minimum.
    instelling = Cijferinstelling.objects.filter(regio=regio).first()
    form = forms.OnderzoekForm(
        request.POST or None,
        initial={"minimum_aantal": instelling.drempel} if instelling else None,
    )
    if request.method == "POST":
        if not mag_inrichten:
            raise PermissionDenied
        if form.is_valid():
            try:
                ervaring.maak_onderzoek(regio, door=request.user, **form.cleaned_data)
            except ValidationError as fout:
                pas_fout_toe(form, fout)
            else:
                messages.success(request, "Het onderzoek is aangemaakt.")
                return redirect("ervaring:start")
    onderzoeken = Ervaringsonderzoek.objects.filter(regio=regio)
    return render(
        request,
        "monitoring/ervaring/start.html",
        {
            "onderzoeken": onderzoeken,
            "form": form,
            "mag_inrichten": mag_inrichten,
            "is_gemeente": bool(scope_van(request.user).gemeenten),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@declare_access(INRICHTEN)
@require_POST
def ervaring_openen(request, pk):
    onderzoek = _onderzoek_of_404(request, pk)
    try:
        if request.POST.get("actie") == "sluiten":
            ervaring.sluit_onderzoek(onderzoek, door=request.user)
            messages.success(request, "Het onderzoek is gesloten.")
        else:
            aantal = ervaring.open_onderzoek(onderzoek, door=request.user)
            messages.success(request, f"Het onderzoek is geopend: {aantal} cliënten uitgenodigd.")
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return redirect("ervaring:start")


@declare_access(STURING_LEZEN)
def ervaring_resultaten(request, pk):
    onderzoek = _onderzoek_of_404(request, pk)
    regio = onderzoek.regio
    afbakening = afbakening_voor(request.user, regio)
    uitslag = ervaring.resultaten(
        onderzoek,
        gemeenten=zichtbare_gemeenten(request.user, regio),
        overeenkomsten=afbakening.overeenkomsten,
    )
    return render(
        request,
        "monitoring/ervaring/resultaten.html",
        {
            "onderzoek": onderzoek,
            "kolommen": uitslag.kolommen,
            "tabel": uitslag.tabel(),
            "respons": uitslag.respons(),
            "eigen_werk": afbakening.overeenkomsten is not None,
        },
    )


@declare_access(STURING_LEZEN)
def ervaring_export(request, pk):
    formaat = _formaat(request)
    onderzoek = _onderzoek_of_404(request, pk)
    afbakening = afbakening_voor(request.user, onderzoek.regio)
    uitslag = ervaring.resultaten(
        onderzoek,
        gemeenten=zichtbare_gemeenten(request.user, onderzoek.regio),
        overeenkomsten=afbakening.overeenkomsten,
    )
    kop, rijen = exports.ervaring_tabel(uitslag)
    naam = f"clientervaring-{onderzoek.jaar}"
    return _download(
        formaat, naam, exports.bestand(formaat, f"Cliëntervaring {onderzoek.jaar}", kop, rijen)
    )


@declare_access(GEMEENTE)
def ervaring_uitnodigingen(request, pk):
    """The letters to send: the clients of the worker's own municipality with their codes. Client
    data: every client shown is written to the audit log."""
    onderzoek = _onderzoek_of_404(request, pk)
    uitnodigingen = (
        Uitnodiging.objects.filter(
            onderzoek=onderzoek, gemeente_id__in=scope_van(request.user).gemeenten
        )
        .select_related("traject__client", "product", "gemeente")
        .order_by("gemeente__naam", "traject__client__achternaam", "pk")
    )
    lijst = list(uitnodigingen)
    inzage.log(
        "ervaring.uitnodigingen-ingezien",
        [u.traject.client for u in lijst],
        request=request,
        obj=onderzoek,
        omschrijving=str(onderzoek),
    )
    return render(
        request,
        "monitoring/ervaring/uitnodigingen.html",
        {"onderzoek": onderzoek, "uitnodigingen": lijst},
    )


@declare_access(PUBLIC)
def ervaring_invullen(request):
    """Step 1 for the client: the code from the letter (kept in the session, not in the URL)."""
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            uitnodiging = ervaring.uitnodiging_bij_code(form.cleaned_data["code"])
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            request.session[SESSIE_UITNODIGING] = uitnodiging.pk
            return redirect("ervaring:vragenlijst")
    return render(
        request,
        "monitoring/ervaring/invullen.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@declare_access(PUBLIC)
def ervaring_vragenlijst(request):
    uitnodiging_id = request.session.get(SESSIE_UITNODIGING)
    uitnodiging = (
        Uitnodiging.objects.select_related("onderzoek")
        .filter(pk=uitnodiging_id, ingevuld_op__isnull=True, onderzoek__status=Onderzoekstatus.OPEN)
        .first()
        if uitnodiging_id
        else None
    )
    if uitnodiging is None:
        return redirect("ervaring:invullen")
    form = forms.VragenlijstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ervaring.sla_antwoorden_op(
                uitnodiging, antwoorden=form.antwoorden(), met_hulp=form.met_hulp(), request=request
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            del request.session[SESSIE_UITNODIGING]
            return render(
                request, "monitoring/ervaring/bedankt.html", {"onderzoek": uitnodiging.onderzoek}
            )
    return render(
        request,
        "monitoring/ervaring/vragenlijst.html",
        {"form": form, "onderzoek": uitnodiging.onderzoek},
        status=400 if form.is_bound and form.errors else 200,
    )
