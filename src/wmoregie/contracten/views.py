"""Pages of contracten. Views parse input, call one service and render.

Objects are fetched through the scoped selectors, so what lies outside a user's scope is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from wmoregie.accounts.access import declare_access
from wmoregie.audit.services import record
from wmoregie.catalogi.models import Gemeente
from wmoregie.forms import pas_fout_toe
from wmoregie.invoer import als_id

from . import exports, selectors, services
from .access import (
    CONTRACTMANAGER,
    IEDEREEN_IN_CONTRACT,
    MET_GEMEENTE,
    OVERZICHT,
    REGIO_EN_CONSORTIUM,
)
from .constants import Onderaannemersoort, OnderaannemerStatus, Opdrachtnemersvorm
from .forms import (
    BeeindigingForm,
    BetalingForm,
    BudgetForm,
    DocumentForm,
    IndexeringForm,
    OnderaanneemcontractForm,
    OnderaannemerForm,
    OvereenkomstForm,
    PrijsbladForm,
    StatusForm,
    TariefForm,
    TariefIndexeringForm,
    ToestemmingForm,
)
from .models import Nalevingsdocument
from .state import ACTIES, volgende_statussen

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _formulier(request, form, *, titel, knop, terug, intro="", groepen=None):
    """The shared form page; a submitted form with errors answers 400."""
    return render(
        request,
        "contracten/formulier.html",
        {
            "form": form,
            "titel": titel,
            "knop": knop,
            "terug": terug,
            "intro": intro,
            "groepen": groepen or [("", list(form))],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _bestand(inhoud: bytes, content_type: str, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


# ---------------------------------------------------------------------------------------------
# Overview and agreements
# ---------------------------------------------------------------------------------------------


@declare_access(OVERZICHT)
def overzicht(request):
    vandaag = timezone.localdate()
    return render(
        request,
        "contracten/overzicht.html",
        {
            "overeenkomsten": selectors.overeenkomsten_inzage(request.user),
            "contracten": selectors.onderaanneemcontracten_voor(request.user),
            "waarschuwingen": selectors.waarschuwingen(request.user, vandaag),
            "is_contractmanager": selectors.is_contractmanager(request.user),
            "vandaag": vandaag,
        },
    )


@declare_access(CONTRACTMANAGER)
def overeenkomst_nieuw(request):
    form = OvereenkomstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        combinanten = []
        if data["opdrachtnemersvorm"] == Opdrachtnemersvorm.COMBINATIE:
            if data["penvoerder"]:
                combinanten.append(services.CombinantInvoer(data["penvoerder"], penvoerder=True))
            combinanten += [
                services.CombinantInvoer(o) for o in data["combinanten"] if o != data["penvoerder"]
            ]
        else:  # the service refuses combinanten for a hoofdaannemer, with a clear message
            combinanten = [services.CombinantInvoer(o) for o in data["combinanten"]]
            if data["penvoerder"]:
                combinanten.append(services.CombinantInvoer(data["penvoerder"], penvoerder=True))
        try:
            overeenkomst = services.maak_overeenkomst(
                gebruiker=request.user,
                nummer=data["nummer"],
                naam=data["naam"],
                perceel=data["perceel"],
                opdrachtnemersvorm=data["opdrachtnemersvorm"],
                opdrachtnemer=data["opdrachtnemer"],
                ingangsdatum=data["ingangsdatum"],
                einddatum=data["einddatum"],
                artikelen=data["artikelen"],
                combinanten=combinanten,
                verlengingsopties=data["verlengingsopties"],
                weging_personeel=data["weging_personeel"],
                weging_materieel=data["weging_materieel"],
                indexcijfer_personeel=data["indexcijfer_personeel"],
                indexcijfer_materieel=data["indexcijfer_materieel"],
                waarschuwingstermijn_dagen=data["waarschuwingstermijn_dagen"],
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, f"Overeenkomst {overeenkomst.nummer} is aangemaakt.")
            return redirect("contracten:overeenkomst", overeenkomst.pk)
    return _formulier(
        request,
        form,
        titel="Nieuwe overeenkomst",
        knop="Overeenkomst aanmaken",
        terug=reverse("contracten:overzicht"),
        intro="Voor een perceel dat niet via de gunning loopt (beschermd wonen, safehouse, "
        "respijtverblijf) of als de gunning nog niet in wmoregie staat.",
    )


@declare_access(MET_GEMEENTE)
def overeenkomst_detail(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_inzage(request.user), pk=pk)
    # a municipality that is not also the region or the partner reads the agreement and its
    # budgets only (#15.9): no price sheets, no subcontractor register
    alleen_aandeel = not selectors.overeenkomsten_voor(request.user).filter(pk=pk).exists()
    is_cm = selectors.is_contractmanager(request.user)
    statusform = None
    if is_cm and volgende_statussen(overeenkomst.status):
        statusform = StatusForm(toegestaan=volgende_statussen(overeenkomst.status))
    prijsbladen = selectors.prijsbladen_voor(request.user).filter(overeenkomst=overeenkomst)
    return render(
        request,
        "contracten/overeenkomst_detail.html",
        {
            "overeenkomst": overeenkomst,
            "statuswijzigingen": overeenkomst.statuswijzigingen.select_related("gewijzigd_door"),
            "statusform": statusform,
            "acties": ACTIES,
            "budgetten": overeenkomst.budgetten.all(),
            "prijsbladen": prijsbladen,
            "onderaannemers": [] if alleen_aandeel else selectors.register(overeenkomst),
            "is_contractmanager": is_cm,
            "alleen_aandeel": alleen_aandeel,
            # the reporting duties of the agreement (OW; kept by the steering cycle, monitoring)
            "rapportages": overeenkomst.verplichtingen.filter(soort="rapportage").order_by(
                "termijn"
            ),
        },
    )


@require_POST
@declare_access(CONTRACTMANAGER)
def overeenkomst_status(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    form = StatusForm(request.POST, toegestaan=volgende_statussen(overeenkomst.status))
    if form.is_valid():
        try:
            services.wijzig_status(
                overeenkomst,
                form.cleaned_data["naar"],
                gebruiker=request.user,
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, "De status is gewijzigd.")
    else:
        messages.error(request, "Kies een status die vanuit de huidige status mogelijk is.")
    return redirect("contracten:overeenkomst", overeenkomst.pk)


@require_POST
@declare_access(REGIO_EN_CONSORTIUM)
def overeenkomst_contactpersoon(request, pk: int):
    """OW 3.1.5: the contractor's contact person, recorded by the region or the contractor."""
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    try:
        services.leg_contactpersoon_vast(
            overeenkomst,
            gebruiker=request.user,
            naam=request.POST.get("contactpersoon_naam", ""),
            email=request.POST.get("contactpersoon_email", ""),
            telefoon=request.POST.get("contactpersoon_telefoon", ""),
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, "De contactpersoon is vastgelegd.")
    return redirect("contracten:overeenkomst", overeenkomst.pk)


@require_POST
@declare_access(CONTRACTMANAGER)
def verlengingsoptie_benutten(request, pk: int, volgnummer: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    optie = get_object_or_404(overeenkomst.verlengingsopties, volgnummer=volgnummer)
    try:
        services.benut_verlengingsoptie(optie, gebruiker=request.user, op=timezone.localdate())
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, f"Verlengingsoptie {optie.volgnummer} is benut.")
    return redirect("contracten:overeenkomst", overeenkomst.pk)


# ---------------------------------------------------------------------------------------------
# Budget
# ---------------------------------------------------------------------------------------------


@declare_access(CONTRACTMANAGER)
def budget_nieuw(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    gemeenten = Gemeente.objects.filter(regio=overeenkomst.regio).order_by("code")
    form = BudgetForm(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        try:
            budget = services.stel_budget_vast(
                overeenkomst,
                gebruiker=request.user,
                jaar=form.cleaned_data["jaar"],
                totaal=form.cleaned_data["totaal"],
                verdeelsleutel=form.cleaned_data["verdeelsleutel"],
                sleutelwaarden=form.sleutelwaarden(),
                aantal_termijnen=form.cleaned_data["aantal_termijnen"],
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, f"Het budget {budget.jaar} is vastgesteld en verdeeld.")
            return redirect("contracten:budget", budget.pk)
    return _formulier(
        request,
        form,
        titel=f"Taakgericht budget vaststellen — {overeenkomst.nummer}",
        knop="Budget vaststellen en verdelen",
        terug=reverse("contracten:overeenkomst", args=[overeenkomst.pk]),
        intro="Het jaarbudget wordt naar rato van de verdeelsleutel over de gemeenten verdeeld, "
        "zonder dat er een cent verloren gaat (methode van de grootste restwaarde).",
        groepen=[
            ("Budget", form.basisvelden()),
            ("Verdeelsleutel per gemeente", form.sleutelvelden()),
        ],
    )


@declare_access(MET_GEMEENTE)
def budget_detail(request, pk: int):
    budget = get_object_or_404(selectors.budgetten_inzage(request.user), pk=pk)
    overzicht = selectors.budgetoverzicht(budget)
    # a municipality reads its own share, instalments and payments only (#15.9)
    alleen_aandeel = not selectors.budgetten_voor(request.user).filter(pk=pk).exists()
    eigen = []
    if alleen_aandeel:
        gemeenten = set(selectors.gemeenten_van(request.user))
        eigen = [
            {
                "regel": r,
                "termijnen": [
                    (t, [b for b in r.aandeel.betalingen.all() if b.termijn == t.nummer])
                    for t in r.termijnen
                ],
            }
            for r in overzicht.regels
            if r.aandeel.gemeente_id in gemeenten
        ]
    indexberekening = None
    if budget.indexering and budget.vorig_budget:
        indexberekening = budget.indexering.bereken(budget.vorig_budget.totaal)
    return render(
        request,
        "contracten/budget_detail.html",
        {
            "budget": budget,
            "overeenkomst": budget.overeenkomst,
            "overzicht": overzicht,
            "indexberekening": indexberekening,
            "is_contractmanager": selectors.is_contractmanager(request.user),
            "heeft_volgend_jaar": hasattr(budget, "volgend_budget"),
            "alleen_aandeel": alleen_aandeel,
            "eigen_aandelen": eigen,
        },
    )


@declare_access(CONTRACTMANAGER)
def budget_indexeren(request, pk: int):
    budget = get_object_or_404(selectors.budgetten_voor(request.user), pk=pk)
    form = IndexeringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.indexeer_budget(
                budget, services.Indexcijfers(**form.cleaned_data), gebruiker=request.user
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, f"Het budget {nieuw.jaar} is berekend en verdeeld.")
            return redirect("contracten:budget", nieuw.pk)
    ovk = budget.overeenkomst
    return _formulier(
        request,
        form,
        titel=f"Budget {budget.jaar} indexeren naar {budget.jaar + 1}",
        knop=f"Indexering {budget.jaar + 1} berekenen",
        terug=reverse("contracten:budget", args=[budget.pk]),
        intro=(
            f"Methode van de contractstandaard (art. 3.2): index t+1 = prognose t+1 + "
            f"(definitief t − eerdere prognose t), per kostensoort; gewogen met "
            f"{ovk.weging_personeel} ({ovk.indexcijfer_personeel}) en "
            f"{ovk.weging_materieel} ({ovk.indexcijfer_materieel}). Hier is t = {budget.jaar}."
        ),
    )


@declare_access(CONTRACTMANAGER)
def budget_betaling(request, pk: int):
    budget = get_object_or_404(selectors.budgetten_voor(request.user), pk=pk)
    form = BetalingForm(
        request.POST or None, aandelen=budget.aandelen.select_related("gemeente", "budget")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registreer_betaling(
                data["aandeel"],
                gebruiker=request.user,
                termijn=data["termijn"],
                bedrag=data["bedrag"],
                betaald_op=data["betaald_op"],
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "De betaling is vastgelegd.")
            return redirect("contracten:budget", budget.pk)
    return _formulier(
        request,
        form,
        titel=f"Betaling vastleggen — budget {budget.jaar}",
        knop="Betaling vastleggen",
        terug=reverse("contracten:budget", args=[budget.pk]),
    )


# ---------------------------------------------------------------------------------------------
# Tariffs per product and unit
# ---------------------------------------------------------------------------------------------


@declare_access(REGIO_EN_CONSORTIUM)
def tarieven(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    return render(
        request,
        "contracten/tarieven.html",
        {
            "overeenkomst": overeenkomst,
            "jaren": selectors.tarieflijst(overeenkomst),
            "is_contractmanager": selectors.is_contractmanager(request.user),
        },
    )


@declare_access(CONTRACTMANAGER)
def tarief_nieuw(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    form = TariefForm(request.POST or None, overeenkomst=overeenkomst)
    if request.method == "POST" and form.is_valid():
        try:
            tarief = services.stel_tarief_vast(
                overeenkomst, gebruiker=request.user, **form.cleaned_data
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, f"Het tarief voor {tarief.product} is vastgesteld.")
            return redirect("contracten:tarieven", overeenkomst.pk)
    return _formulier(
        request,
        form,
        titel=f"Tarief vaststellen — {overeenkomst.nummer}",
        knop="Tarief vaststellen",
        terug=reverse("contracten:tarieven", args=[overeenkomst.pk]),
        intro="Een tarief per eenheid van het product, voor een geldigheidsperiode. Voor "
        "hetzelfde product mogen de perioden elkaar niet overlappen.",
    )


@declare_access(CONTRACTMANAGER)
def tarieven_indexeren(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    laatste = overeenkomst.tarieven.order_by("-geldig_van").values_list("geldig_van", flat=True)
    initial = {"jaar": laatste[0].year} if laatste else {}
    form = TariefIndexeringForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        jaar = data.pop("jaar")
        try:
            nieuw = services.indexeer_tarieven(
                overeenkomst,
                jaar=jaar,
                cijfers=services.Indexcijfers(**data),
                gebruiker=request.user,
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(
                request, f"{len(nieuw)} tarieven voor {jaar + 1} zijn berekend en vastgesteld."
            )
            return redirect("contracten:tarieven", overeenkomst.pk)
    return _formulier(
        request,
        form,
        titel=f"Tarieven indexeren — {overeenkomst.nummer}",
        knop="Indexering berekenen",
        terug=reverse("contracten:tarieven", args=[overeenkomst.pk]),
        intro=(
            f"Methode van de contractstandaard (art. 3.2): index t+1 = prognose t+1 + "
            f"(definitief t − eerdere prognose t), per kostensoort; gewogen met "
            f"{overeenkomst.weging_personeel} ({overeenkomst.indexcijfer_personeel}) en "
            f"{overeenkomst.weging_materieel} ({overeenkomst.indexcijfer_materieel}). Elk tarief "
            f"wordt exact geïndexeerd en pas daarna half naar boven afgerond op centen."
        ),
    )


@declare_access(REGIO_EN_CONSORTIUM)
def tarieven_xlsx(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    return _bestand(
        exports.tarieven_xlsx(overeenkomst, selectors.tarieflijst(overeenkomst)),
        XLSX,
        f"tarieven-{slugify(overeenkomst.nummer)}.xlsx",
    )


# ---------------------------------------------------------------------------------------------
# Price sheets
# ---------------------------------------------------------------------------------------------


def _prijsblad_groepen(form):
    velden = {bf.name: bf for bf in form.basisvelden()}
    groepen = [
        ("Product en geldigheid", ["product", "kwalificatieniveau", "geldig_vanaf"]),
        (
            "Salaris volgens cao",
            [
                "cao",
                "schaal",
                "trede",
                "maandsalaris",
                "maanden_per_jaar",
                "vakantietoeslag_percentage",
                "eindejaarsuitkering_percentage",
                "werkgeverslasten_percentage",
            ],
        ),
        ("Productieve uren", ["jaaruren_per_fte"]),
        (
            "Opslagen en materiële kosten",
            [
                "overhead_percentage",
                "materiele_kosten_per_uur",
                "eenheid",
                "uren_per_eenheid",
                "materiele_kosten_per_eenheid",
                "risico_winst_percentage",
            ],
        ),
        # a taakgericht agreement has no received tariff, hence no margin (#15.8)
        (
            "Marge en bronnen" if "ontvangen_tarief" in velden else "Bronnen",
            ["ontvangen_tarief", "bronnen"],
        ),
    ]
    uit = [(titel, [velden[n] for n in namen if n in velden]) for titel, namen in groepen]
    for nummer, rij in enumerate(form.rijen(), start=1):
        uit.insert(2 + nummer, (f"Niet-productieve tijd {nummer}", rij))
    return uit


@declare_access(CONTRACTMANAGER)
def prijsblad_nieuw(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    initial = {}
    bron_pk = als_id(request.GET.get("van"))
    if bron_pk is not None:
        bron = overeenkomst.prijsbladen.filter(pk=bron_pk).first()
        if bron:
            initial = PrijsbladForm.initial_van(bron)
    form = PrijsbladForm(request.POST or None, overeenkomst=overeenkomst, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        regels = [
            services.NietProductieveTijdInvoer(o, p, u, b)
            for o, p, u, b in data.pop("niet_productieve_tijd")
        ]
        velden = {veld: data[veld] for veld in services.PRIJSBLADVELDEN if veld in data}
        try:
            prijsblad = services.maak_prijsblad(
                overeenkomst,
                gebruiker=request.user,
                product=data["product"],
                kwalificatieniveau=data["kwalificatieniveau"],
                niet_productieve_tijd=regels,
                **velden,
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, f"Concept versie {prijsblad.versie} is opgeslagen.")
            return redirect("contracten:prijsblad", prijsblad.pk)
    return _formulier(
        request,
        form,
        titel=f"Nieuw standaardprijsblad — {overeenkomst.nummer}",
        knop="Concept opslaan",
        terug=reverse("contracten:overeenkomst", args=[overeenkomst.pk]),
        intro="Percentages in procenten (8,33 betekent 8,33 %). Geef niet-productieve tijd op als "
        "percentage van de contracturen óf als aantal uren. Een bestaande versie wordt nooit "
        "gewijzigd: er komt een nieuwe versie bij.",
        groepen=_prijsblad_groepen(form),
    )


@declare_access(IEDEREEN_IN_CONTRACT)
def prijsblad_detail(request, pk: int):
    prijsblad = get_object_or_404(selectors.prijsbladen_voor(request.user), pk=pk)
    context = exports.prijsblad_context(prijsblad)
    context.update(
        is_contractmanager=selectors.is_contractmanager(request.user),
        versies=selectors.prijsbladen_voor(request.user).filter(
            overeenkomst=prijsblad.overeenkomst,
            product=prijsblad.product,
            kwalificatieniveau=prijsblad.kwalificatieniveau,
        ),
    )
    return render(request, "contracten/prijsblad_detail.html", context)


@require_POST
@declare_access(CONTRACTMANAGER)
def prijsblad_publiceren(request, pk: int):
    prijsblad = get_object_or_404(selectors.prijsbladen_voor(request.user), pk=pk)
    try:
        services.publiceer_prijsblad(prijsblad, gebruiker=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, f"Versie {prijsblad.versie} is gepubliceerd.")
    return redirect("contracten:prijsblad", prijsblad.pk)


def _prijsbladnaam(prijsblad, extensie):
    return f"prijsblad-{slugify(prijsblad.product.code)}-{slugify(prijsblad.kwalificatieniveau)}-v{prijsblad.versie}.{extensie}"


@declare_access(IEDEREEN_IN_CONTRACT)
def prijsblad_pdf(request, pk: int):
    prijsblad = get_object_or_404(selectors.prijsbladen_voor(request.user), pk=pk)
    return _bestand(
        exports.prijsblad_pdf(prijsblad), "application/pdf", _prijsbladnaam(prijsblad, "pdf")
    )


@declare_access(IEDEREEN_IN_CONTRACT)
def prijsblad_xlsx(request, pk: int):
    prijsblad = get_object_or_404(selectors.prijsbladen_voor(request.user), pk=pk)
    return _bestand(exports.prijsblad_xlsx(prijsblad), XLSX, _prijsbladnaam(prijsblad, "xlsx"))


# ---------------------------------------------------------------------------------------------
# Subcontractors
# ---------------------------------------------------------------------------------------------


@declare_access(REGIO_EN_CONSORTIUM)
def onderaannemers(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    vandaag = timezone.localdate()
    register = [
        {"onderaannemer": o, "compliance": selectors.compliance(o, vandaag)}
        for o in selectors.register(overeenkomst)
    ]
    return render(
        request,
        "contracten/onderaannemers.html",
        {"overeenkomst": overeenkomst, "register": register, "vandaag": vandaag},
    )


@declare_access(REGIO_EN_CONSORTIUM)
def onderaannemers_xlsx(request, pk: int):
    overeenkomst = get_object_or_404(selectors.overeenkomsten_voor(request.user), pk=pk)
    inhoud = exports.onderaannemers_xlsx(
        overeenkomst, selectors.register(overeenkomst), timezone.localdate()
    )
    return _bestand(inhoud, XLSX, f"onderaannemers-{slugify(overeenkomst.nummer)}.xlsx")


@declare_access(REGIO_EN_CONSORTIUM)
def onderaannemer_nieuw(request, pk: int):
    overeenkomst = get_object_or_404(selectors.beheerbare_overeenkomsten(request.user), pk=pk)
    form = OnderaannemerForm(request.POST or None, overeenkomst=overeenkomst)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            onderaannemer = services.registreer_onderaannemer(
                overeenkomst,
                gebruiker=request.user,
                organisatie=data["organisatie"],
                soort=data["soort"],
                expertise=data["expertise"],
                producten=data["producten"],
                ingangsdatum=data["ingangsdatum"],
                einddatum=data["einddatum"],
                is_zzp=data["is_zzp"],
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            if onderaannemer.status == OnderaannemerStatus.AANGEMELD:
                messages.warning(
                    request,
                    "De onderaannemer is aangemeld. Zonder schriftelijke toestemming van de regio "
                    "mag hij nog niet worden ingezet.",
                )
            else:
                messages.success(request, "De onderaannemer staat in het register.")
            return redirect("contracten:onderaannemer", onderaannemer.pk)
    return _formulier(
        request,
        form,
        titel=f"Onderaannemer registreren — {overeenkomst.nummer}",
        knop="Registreren",
        terug=reverse("contracten:onderaannemers", args=[overeenkomst.pk]),
        intro="Tijdens de looptijd is voor een nieuwe onderaannemer vooraf schriftelijke "
        "toestemming van de regio nodig, behalve voor een zzp’er zonder personeel (art. 3.9).",
    )


@declare_access(REGIO_EN_CONSORTIUM)
def onderaannemer_detail(request, pk: int):
    onderaannemer = get_object_or_404(
        selectors.onderaannemers_voor(request.user).filter(
            overeenkomst__in=selectors.overeenkomsten_voor(request.user)
        ),
        pk=pk,
    )
    vandaag = timezone.localdate()
    return render(
        request,
        "contracten/onderaannemer_detail.html",
        {
            "onderaannemer": onderaannemer,
            "overeenkomst": onderaannemer.overeenkomst,
            "compliance": selectors.compliance(onderaannemer, vandaag),
            "documenten": onderaannemer.documenten.all(),
            "contracten": onderaannemer.contracten.select_related("prijsblad__product"),
            "toestemmingform": ToestemmingForm()
            if selectors.is_contractmanager(request.user)
            and onderaannemer.status == OnderaannemerStatus.AANGEMELD
            else None,
            "vandaag": vandaag,
        },
    )


def _onderaannemer_in_beheer(request, pk):
    return get_object_or_404(
        selectors.onderaannemers_voor(request.user).filter(
            overeenkomst__in=selectors.beheerbare_overeenkomsten(request.user)
        ),
        pk=pk,
    )


@declare_access(CONTRACTMANAGER)
def onderaannemer_toestemming(request, pk: int):
    onderaannemer = _onderaannemer_in_beheer(request, pk)
    form = ToestemmingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.besluit_toestemming(
                onderaannemer,
                gebruiker=request.user,
                verleend=form.cleaned_data["besluit"] == "verleend",
                datum=form.cleaned_data["datum"],
                kenmerk=form.cleaned_data["kenmerk"],
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "Het besluit van de regio is vastgelegd.")
            return redirect("contracten:onderaannemer", onderaannemer.pk)
    return _formulier(
        request,
        form,
        titel=f"Toestemming regio — {onderaannemer.organisatie}",
        knop="Besluit vastleggen",
        terug=reverse("contracten:onderaannemer", args=[onderaannemer.pk]),
    )


@declare_access(REGIO_EN_CONSORTIUM)
def onderaannemer_beeindigen(request, pk: int):
    onderaannemer = _onderaannemer_in_beheer(request, pk)
    is_cm = selectors.is_contractmanager(request.user)
    form = BeeindigingForm(request.POST or None, met_toestemming=is_cm)
    if request.method == "POST" and form.is_valid():
        try:
            services.beeindig_onderaannemer(
                onderaannemer, gebruiker=request.user, **form.cleaned_data
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "De onderaannemer is beëindigd.")
            return redirect("contracten:onderaannemer", onderaannemer.pk)
    intro = (
        "De einddatum ligt binnen de periode van de onderaannemer. Lopende "
        "onderaanneemcontracten worden niet aangepast; beëindig die apart."
    )
    if onderaannemer.soort == Onderaannemersoort.DERDE:
        intro += (
            " Een derde is verbonden voor de hele looptijd: vóór het einde van de overeenkomst "
            f"({onderaannemer.overeenkomst.huidige_einddatum:%d-%m-%Y}) is schriftelijke "
            "toestemming van de regio nodig, vastgelegd door de contractmanager."
        )
    return _formulier(
        request,
        form,
        titel=f"Onderaannemer beëindigen — {onderaannemer.organisatie}",
        knop="Beëindigen",
        terug=reverse("contracten:onderaannemer", args=[onderaannemer.pk]),
        intro=intro,
    )


@declare_access(REGIO_EN_CONSORTIUM)
def document_nieuw(request, pk: int):
    onderaannemer = _onderaannemer_in_beheer(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.voeg_document_toe(onderaannemer, gebruiker=request.user, **form.cleaned_data)
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, "Het document is toegevoegd.")
            return redirect("contracten:onderaannemer", onderaannemer.pk)
    return _formulier(
        request,
        form,
        titel=f"Document toevoegen — {onderaannemer.organisatie}",
        knop="Document toevoegen",
        terug=reverse("contracten:onderaannemer", args=[onderaannemer.pk]),
    )


@declare_access(IEDEREEN_IN_CONTRACT)
def document_bestand(request, pk: int):
    """The stored PDF of a compliance document, for those whose scope holds the subcontractor
    (region, its consortium, the subcontractor itself); else 404. Every read is audited."""
    document = get_object_or_404(
        Nalevingsdocument.objects.select_related("onderaannemer__organisatie").filter(
            onderaannemer__in=selectors.onderaannemers_voor(request.user)
        ),
        pk=pk,
    )
    if not document.bestand:
        raise Http404
    record(
        "nalevingsdocument.gelezen",
        request=request,
        obj=document,
        omschrijving=str(document),
        gegevens={"onderaannemer": document.onderaannemer.organisatie.kvk_nummer},
    )
    response = FileResponse(
        document.bestand.open("rb"),
        as_attachment=True,
        filename=document.bestandsnaam or "document.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@declare_access(REGIO_EN_CONSORTIUM)
def onderaanneemcontract_nieuw(request, pk: int):
    onderaannemer = _onderaannemer_in_beheer(request, pk)
    prijsbladen = selectors.gepubliceerde_prijsbladen(onderaannemer.overeenkomst).filter(
        product__in=onderaannemer.producten.all()
    )
    form = OnderaanneemcontractForm(request.POST or None, prijsbladen=prijsbladen)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.maak_onderaanneemcontract(
                onderaannemer, gebruiker=request.user, **form.cleaned_data
            )
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, f"Onderaanneemcontract {contract.nummer} is aangemaakt.")
            return redirect("contracten:onderaanneemcontract", contract.pk)
    return _formulier(
        request,
        form,
        titel=f"Onderaanneemcontract — {onderaannemer.organisatie}",
        knop="Contract aanmaken",
        terug=reverse("contracten:onderaannemer", args=[onderaannemer.pk]),
        intro="Het contract volgt het standaardmodel van de regio en gebruikt altijd een "
        "gepubliceerd standaardprijsblad.",
    )


@declare_access(IEDEREEN_IN_CONTRACT)
def onderaanneemcontract_detail(request, pk: int):
    contract = get_object_or_404(selectors.onderaanneemcontracten_voor(request.user), pk=pk)
    return render(
        request,
        "contracten/onderaanneemcontract_detail.html",
        {
            "contract": contract,
            "onderaannemer": contract.onderaannemer,
            "prijsblad": contract.prijsblad,
            "kan_register_zien": selectors.overeenkomsten_voor(request.user)
            .filter(pk=contract.onderaannemer.overeenkomst_id)
            .exists(),
        },
    )


@declare_access(IEDEREEN_IN_CONTRACT)
def onderaanneemcontract_pdf(request, pk: int):
    contract = get_object_or_404(selectors.onderaanneemcontracten_voor(request.user), pk=pk)
    return _bestand(
        exports.onderaanneemcontract_pdf(contract),
        "application/pdf",
        f"onderaanneemcontract-{slugify(contract.nummer)}.pdf",
    )
