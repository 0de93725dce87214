"""Trajectories: the list, the detail with its timeline and messages, and the steps of the work."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wmoregie.accounts.access import declare_access
from wmoregie.catalogi.models import Product
from wmoregie.contracten.selectors import inzetbare_onderaannemers
from wmoregie.invoer import als_id

from .. import export, rechten, selectors, services
from ..berichtafspraak import afspraak_voor
from ..constants import Meetmoment, TrajectStatus
from ..forms import (
    BeeindigForm,
    DoorverwijsForm,
    PlanForm,
    ScoresForm,
    StartdatumForm,
    StartForm,
    UitvoerderForm,
    WijzigForm,
)
from ..models import Levensdomein, Meetinstrument, Ondersteuningsplan, Trajectbericht
from ..services import berichten
from ..services._basis import vandaag
from ..services.traject import toegestane_eenheden
from ..state import mag
from ._basis import (
    BACKOFFICE,
    CLIENTROLLEN,
    UITVOERDERS,
    formulierpagina,
    log_inzage,
    traject_of_404,
    vereis,
    voer_uit,
)

PER_PAGINA = 25


def _gefilterd(request):
    """The trajectories of the user's scope with the list's filters (status, product, without
    executor); the list page and its export show the same."""
    qs = selectors.trajecten_voor(request.user)
    status = request.GET.get("status", "")
    if status in TrajectStatus.values:
        qs = qs.filter(status=status)
    product = request.GET.get("product", "")
    if (product_id := als_id(product)) is not None:
        qs = qs.filter(product_id=product_id)
    zonder_uitvoerder = request.GET.get("zonder_uitvoerder") == "1"
    if zonder_uitvoerder:
        qs = selectors.zonder_uitvoerder(qs)
    return qs, status, product, zonder_uitvoerder


@declare_access(CLIENTROLLEN)
def exporteren(request):
    """The list as a file (``?formaat=csv`` or ``xlsx``), with the list's filters; one audit
    entry per client exported."""
    formaat = request.GET.get("formaat", "csv")
    if formaat not in ("csv", "xlsx"):
        formaat = "csv"
    qs, *_rest = _gefilterd(request)
    trajecten_ = list(
        qs.select_related("client", "product", "aanmelding__gemeente", "aanmelding__gebiedsteam")
        .prefetch_related("inzetten__onderaannemer__organisatie")
        .order_by("-geopend_op", "-id")
    )
    rijen = export.rijen(trajecten_, vandaag())
    log_inzage(
        request,
        "traject.geexporteerd",
        [t.client for t in trajecten_],
        omschrijving=_("Trajecten geëxporteerd (%(formaat)s)") % {"formaat": formaat.upper()},
    )
    if formaat == "xlsx":
        inhoud = export.als_xlsx(rijen)
        soort = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        inhoud, soort = export.als_csv(rijen), "text/csv; charset=utf-8"
    antwoord = HttpResponse(inhoud, content_type=soort)
    antwoord["Content-Disposition"] = (
        f'attachment; filename="trajecten-{vandaag():%Y-%m-%d}.{formaat}"'
    )
    return antwoord


@declare_access(CLIENTROLLEN)
def trajecten(request):
    qs, status, product, zonder_uitvoerder = _gefilterd(request)
    pagina = Paginator(qs.order_by("-geopend_op", "-id"), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    normen = selectors.wachttijdnormen()
    peildatum = vandaag()
    rijen = [(t, selectors.wachttijd(t, peildatum, normen)) for t in pagina]
    log_inzage(
        request,
        "traject.lijst-bekeken",
        [t.client for t in pagina],
        omschrijving=_("Lijst met trajecten"),
    )
    return render(
        request,
        "clienten/trajecten.html",
        {
            "pagina": pagina,
            "rijen": rijen,
            "status": status,
            "statussen": TrajectStatus.choices,
            "product": product,
            "producten": Product.objects.filter(
                pk__in=selectors.trajecten_voor(request.user).values("product_id")
            ),
            "zonder_uitvoerder": zonder_uitvoerder,
        },
    )


def _acties(request, traject) -> list[tuple[str, str]]:
    """The steps this user may take now, as (label, url)."""
    status = traject.status
    acties = []
    if rechten.mag_regisseren(request.user, traject):
        if mag("uitvoerder", status):
            acties.append((_("Uitvoerder toewijzen"), "clienten:uitvoerder"))
        if mag("plan", status):
            acties.append((_("Ondersteuningsplan"), "clienten:plan"))
        if mag("wijzigen", status):
            acties.append((_("Product of intensiteit wijzigen"), "clienten:wijzigen"))
        if mag("doorverwijzen", status):
            acties.append((_("Doorverwijzen naar vervolg"), "clienten:doorverwijzen"))
    if rechten.mag_uitvoeren(request.user, traject) and status in (
        TrajectStatus.WACHTEND,
        TrajectStatus.LOPEND,
    ):
        acties.append((_("Uitvoering: start, voortgang en afsluiting"), "clienten:uitvoering"))
    if rechten.mag_toewijzen_als_gemeente(request.user, traject) and berichten.open_verzoek(
        traject
    ):
        acties.append((_("Verzoek beantwoorden (toewijzen of afwijzen)"), "clienten:toewijzen"))
    return [(label, reverse(naam, args=[traject.pk])) for label, naam in acties]


def _scoretabel(traject):
    """Rows per life domain with the score of every measurement round, oldest first."""
    rondes = list(traject.meetrondes.prefetch_related("scores"))
    plan = (
        Ondersteuningsplan.objects.filter(traject=traject).select_related("meetinstrument").first()
    )
    if not rondes or plan is None:
        return rondes, []
    domeinen = plan.meetinstrument.domeinen.all()
    per_ronde = [{s.levensdomein_id: s.waarde for s in r.scores.all()} for r in rondes]
    return rondes, [(d, [scores.get(d.pk) for scores in per_ronde]) for d in domeinen]


@declare_access(CLIENTROLLEN)
def traject(request, pk):
    traject = traject_of_404(request, pk)
    log_inzage(request, "traject.bekeken", [traject.client], obj=traject)
    plan = Ondersteuningsplan.objects.filter(traject=traject).first()
    rondes, scores = _scoretabel(traject)
    return render(
        request,
        "clienten/traject.html",
        {
            "traject": traject,
            "aanmelding": traject.aanmelding,
            "afspraak": afspraak_voor(traject),
            "wachttijd": selectors.wachttijd(traject, vandaag()),
            "acties": _acties(request, traject),
            "inzetten": traject.inzetten.select_related("onderaannemer__organisatie"),
            "toewijzingen": traject.toewijzingen.select_related("product"),
            "plan": plan,
            "doelen": plan.doelen.select_related("levensdomein") if plan else [],
            "evaluaties": traject.evaluaties.all(),
            "rondes": rondes,
            "scores": scores,
            "berichten": [
                (b, berichten.antwoord_tekst(b))
                for b in traject.berichten.select_related("bericht", "retour")
            ],
            "prestaties": traject.prestaties.select_related("declaratie"),
            "gebeurtenissen": traject.aanmelding.gebeurtenissen.select_related("door", "bericht"),
            "is_backoffice": selectors.is_backoffice_van(request.user, traject),
        },
    )


def _terug(traject):
    return reverse("clienten:traject", args=[traject.pk])


@declare_access(BACKOFFICE)
def uitvoerder(request, pk):
    traject = traject_of_404(request, pk)
    vereis(rechten.mag_regisseren(request.user, traject))
    peildatum = vandaag()
    onderaannemers = inzetbare_onderaannemers(
        traject.aanmelding.overeenkomst, traject.product, peildatum
    )
    form = UitvoerderForm(
        request.POST or None,
        onderaannemers=onderaannemers,
        initial={"uitvoerder": "eigen", "datum": peildatum},
    )
    antwoord = voer_uit(
        request,
        form,
        lambda d: services.wijs_uitvoerder_toe(
            traject,
            gebruiker=request.user,
            onderaannemer=form.onderaannemer(),
            team=d["team"],
            datum=d["datum"],
            request=request,
        ),
        melding=_("De uitvoerder is toegewezen."),
        naar=_terug(traject),
    )
    if antwoord:
        return antwoord
    log_inzage(request, "traject.formulier-bekeken", [traject.client], obj=traject)
    return formulierpagina(
        request,
        form,
        titel=_("Uitvoerder toewijzen: %(traject)s") % {"traject": traject},
        knop=_("Toewijzen"),
        terug=_terug(traject),
        intro=_(
            "Alleen onderaannemers die in het register actief zijn, met toestemming van de "
            "regio en met een lopend onderaanneemcontract voor %(product)s, staan in de lijst."
        )
        % {"product": traject.product.naam},
    )


@declare_access(BACKOFFICE)
def plan(request, pk):
    traject = traject_of_404(request, pk)
    vereis(rechten.mag_regisseren(request.user, traject))
    bestaand = Ondersteuningsplan.objects.filter(traject=traject).first()
    instrument = (
        bestaand.meetinstrument
        if bestaand
        else Meetinstrument.objects.filter(actief=True).order_by("pk").first()
    )
    domeinen = Levensdomein.objects.filter(meetinstrument=instrument) if instrument else []
    initial = {}
    if bestaand:
        evaluaties = [e.gepland_op for e in traject.evaluaties.filter(meetronde__isnull=True)]
        initial = {
            "volume": bestaand.volume,
            "eenheid": bestaand.eenheid,
            "frequentie": bestaand.frequentie,
            "afspraken": bestaand.afspraken,
            "evaluatie_1": evaluaties[0] if evaluaties else None,
            "evaluatie_2": evaluaties[1] if len(evaluaties) > 1 else None,
        }
    else:
        toewijzing = services.huidige_toewijzing(traject)
        if toewijzing:
            initial = {
                "volume": toewijzing.volume,
                "eenheid": toewijzing.eenheid,
                "frequentie": toewijzing.frequentie,
            }
    form = PlanForm(
        request.POST or None,
        eenheden=toegestane_eenheden(traject),
        domeinen=domeinen,
        doelen=bestaand.doelen.all() if bestaand else None,
        initial=initial,
    )
    antwoord = voer_uit(
        request,
        form,
        lambda d: services.stel_plan_vast(
            traject,
            gebruiker=request.user,
            volume=d["volume"],
            eenheid=d["eenheid"],
            frequentie=d["frequentie"],
            afspraken=d["afspraken"],
            evaluaties=form.evaluaties(),
            doelen=[services.Doelinvoer(domein, tekst) for domein, tekst in form.doelen()],
            request=request,
        ),
        melding=_("Het ondersteuningsplan is vastgesteld."),
        naar=_terug(traject),
    )
    if antwoord:
        return antwoord
    log_inzage(request, "traject.formulier-bekeken", [traject.client], obj=traject)
    groepen = [
        (_("Intensiteit"), [form["volume"], form["eenheid"], form["frequentie"]]),
        (_("Doelen per levensdomein (laat leeg wat niet speelt)"), form.doelvelden()),
        (
            _("Evaluaties en afspraken"),
            [form["evaluatie_1"], form["evaluatie_2"], form["afspraken"]],
        ),
    ]
    return formulierpagina(
        request,
        form,
        titel=_("Ondersteuningsplan: %(traject)s") % {"traject": traject},
        knop=_("Plan vaststellen"),
        terug=_terug(traject),
        groepen=groepen,
        intro=_("De doelen worden gemeten met %(instrument)s.") % {"instrument": instrument}
        if instrument
        else "",
    )


@declare_access(BACKOFFICE)
def wijzigen(request, pk):
    traject = traject_of_404(request, pk)
    vereis(rechten.mag_regisseren(request.user, traject))
    afspraak = afspraak_voor(traject)
    plan_ = Ondersteuningsplan.objects.filter(traject=traject).first()
    producten = Product.objects.filter(perceel=traject.product.perceel)
    eenheden = sorted({e for p in producten for e in toegestane_eenheden(traject, p)})
    form = WijzigForm(
        request.POST or None,
        producten=producten,
        eenheden=eenheden,
        initial={
            "product": traject.product,
            "volume": plan_.volume if plan_ else None,
            "eenheid": plan_.eenheid if plan_ else None,
            "frequentie": plan_.frequentie if plan_ else None,
        },
    )
    antwoord = voer_uit(
        request,
        form,
        lambda d: services.wijzig(
            traject,
            gebruiker=request.user,
            datum=d["datum"],
            toelichting=d["toelichting"],
            product=d["product"],
            volume=d["volume"],
            eenheid=d["eenheid"],
            frequentie=d["frequentie"],
            request=request,
        ),
        melding=_("De wijziging is aangevraagd bij de gemeente.")
        if afspraak.toewijzing
        else _("Het traject is gewijzigd."),
        naar=_terug(traject),
    )
    if antwoord:
        return antwoord
    log_inzage(request, "traject.formulier-bekeken", [traject.client], obj=traject)
    return formulierpagina(
        request,
        form,
        titel=_("Wijzigen: %(traject)s") % {"traject": traject},
        knop=_("Wijziging aanvragen") if afspraak.toewijzing else _("Wijzigen"),
        terug=_terug(traject),
        intro=_(
            "Onder dit perceel vraagt u de gemeente om een gewijzigde toewijzing (WMO317). "
            "Een wijziging gaat in na vandaag."
        )
        if afspraak.toewijzing
        else "",
    )


@declare_access(BACKOFFICE)
def doorverwijzen(request, pk):
    traject = traject_of_404(request, pk)
    vereis(rechten.mag_regisseren(request.user, traject))
    form = DoorverwijsForm(request.POST or None)
    form.fields["product"].queryset = Product.objects.exclude(pk=traject.product_id).select_related(
        "perceel"
    )
    antwoord = voer_uit(
        request,
        form,
        lambda d: services.verwijs_door(
            traject,
            gebruiker=request.user,
            product=d["product"],
            vraag=d["vraag"],
            urgent=d["urgent"],
            request=request,
        ),
        melding=_("De cliënt is aangemeld voor het vervolgproduct."),
        naar=lambda aanmelding: reverse("clienten:aanmelding", args=[aanmelding.pk]),
    )
    if antwoord:
        return antwoord
    log_inzage(request, "traject.formulier-bekeken", [traject.client], obj=traject)
    return formulierpagina(
        request,
        form,
        titel=_("Doorverwijzen: %(client)s") % {"client": traject.client},
        knop=_("Aanmelden voor vervolg"),
        terug=_terug(traject),
        intro=_("De nieuwe aanmelding neemt de gegevens van dit traject over."),
    )


@declare_access(UITVOERDERS)
def uitvoering(request, pk):
    """The executor's page: start, record progress and close, in a few steps on one page.
    Each step is its own small form; nothing is typed twice (the end scores start from the
    last measurement)."""
    traject = traject_of_404(request, pk)
    vereis(rechten.mag_uitvoeren(request.user, traject))
    plan_ = (
        Ondersteuningsplan.objects.filter(traject=traject).select_related("meetinstrument").first()
    )
    domeinen = (
        [d.levensdomein for d in plan_.doelen.select_related("levensdomein")] if plan_ else []
    ) or (list(plan_.meetinstrument.domeinen.all()) if plan_ else [])
    laatste = traject.meetrondes.order_by("-datum", "-id").prefetch_related("scores").first()
    vorige = {s.levensdomein_id: s.waarde for s in laatste.scores.all()} if laatste else {}
    stap = request.POST.get("stap", "")
    data = request.POST if request.method == "POST" else None
    start_form = StartForm(
        data if stap == "start" else None, prefix="start", initial={"datum": vandaag()}
    )
    startdatum_form = StartdatumForm(
        data if stap == "startdatum" else None,
        prefix="startdatum",
        initial={"datum": traject.startdatum},
    )
    scores_form = (
        ScoresForm(
            data if stap == "scores" else None,
            prefix="scores",
            instrument=plan_.meetinstrument,
            domeinen=domeinen,
            vorige=vorige,
            initial={"datum": vandaag()},
        )
        if plan_
        else None
    )
    einde_form = BeeindigForm(
        data if stap == "einde" else None,
        prefix="einde",
        doelen=plan_.doelen.all() if plan_ else [],
        initial={"datum": vandaag()},
    )
    if not rechten.mag_regisseren(request.user, traject):
        del einde_form.fields["vervolgproduct"]  # flow-on is the back office's decision
    einde_scores = (
        ScoresForm(
            data if stap == "einde" else None,
            prefix="eindscores",
            instrument=plan_.meetinstrument,
            domeinen=domeinen,
            vorige=vorige,
            initial={"datum": vandaag()},
        )
        if plan_
        else None
    )
    if einde_scores:
        del einde_scores.fields["datum"]
    antwoord = None
    if stap == "start":
        antwoord = voer_uit(
            request,
            start_form,
            lambda d: services.start(
                traject, gebruiker=request.user, datum=d["datum"], request=request
            ),
            melding=_("De start is vastgelegd."),
            naar=request.path,
        )
    elif stap == "startdatum":
        antwoord = voer_uit(
            request,
            startdatum_form,
            lambda d: services.corrigeer_startdatum(
                traject,
                gebruiker=request.user,
                datum=d["datum"],
                toelichting=d["toelichting"],
                request=request,
            ),
            melding=_("De startdatum is gecorrigeerd."),
            naar=request.path,
        )
    elif stap == "scores" and scores_form is not None:
        antwoord = voer_uit(
            request,
            scores_form,
            lambda d: services.leg_scores_vast(
                traject,
                gebruiker=request.user,
                moment=Meetmoment.START
                if not traject.meetrondes.exists()
                else Meetmoment.EVALUATIE,
                datum=d["datum"],
                scores=scores_form.scores(),
                request=request,
            ),
            melding=_("De scores zijn vastgelegd."),
            naar=request.path,
        )
    elif stap == "einde":
        eindscores_geldig = einde_scores is None or einde_scores.is_valid()

        def sluit_af(d):
            resultaat = services.beeindig(
                traject,
                gebruiker=request.user,
                datum=d["datum"],
                reden=d["reden"],
                toelichting=d["toelichting"],
                resultaten=einde_form.resultaten(),
                eindscores=einde_scores.scores() if einde_scores and eindscores_geldig else None,
                request=request,
            )
            if d.get("vervolgproduct"):
                services.verwijs_door(
                    traject, gebruiker=request.user, product=d["vervolgproduct"], request=request
                )
            return resultaat

        antwoord = voer_uit(
            request,
            einde_form,
            sluit_af,
            melding=_("Het traject is afgesloten."),
            naar=_terug(traject)
            if rechten.mag_regisseren(request.user, traject)
            else reverse("clienten:start"),
        )
    if antwoord:
        return antwoord
    log_inzage(request, "traject.formulier-bekeken", [traject.client], obj=traject)
    fout = bool(data) and any(
        f is not None and f.is_bound and f.errors
        for f in (start_form, startdatum_form, scores_form, einde_form, einde_scores)
    )
    return render(
        request,
        "clienten/uitvoering.html",
        {
            "traject": traject,
            "plan": plan_,
            "start_form": start_form,
            "startdatum_form": startdatum_form,
            "scores_form": scores_form,
            "einde_form": einde_form,
            "einde_scores": einde_scores,
            "laatste": laatste,
            "kan_starten": traject.status == TrajectStatus.WACHTEND,
            "loopt": traject.status == TrajectStatus.LOPEND,
            "heeft_uitvoerder": traject.inzetten.filter(tot__isnull=True).exists(),
        },
        status=400 if fout else 200,
    )


@require_POST
@declare_access(BACKOFFICE)
def bericht_opnieuw(request, pk):
    """Send a refused message again, once its cause is put right."""
    trajectbericht = get_object_or_404(
        Trajectbericht.objects.filter(traject__in=selectors.trajecten_voor(request.user)), pk=pk
    )
    traject = trajectbericht.traject
    vereis(rechten.mag_regisseren(request.user, traject))
    try:
        nieuw = berichten.verstuur_opnieuw(trajectbericht, gebruiker=request.user, request=request)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(
            request,
            _("%(type)s is opnieuw verstuurd: %(antwoord)s")
            % {"type": nieuw.berichttype.upper(), "antwoord": berichten.antwoord_tekst(nieuw)},
        )
    return redirect("clienten:traject", traject.pk)
