"""The work on a trajectory: executor, plan, start, changes, scores, end and flow-on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.catalogi.constants import Eenheid
from wmoregie.contracten.selectors import inzetbare_onderaannemers

from .. import inzage
from ..berichtafspraak import afspraak_voor
from ..constants import (
    Antwoordstatus,
    Doelresultaat,
    Frequentie,
    Gebeurtenissoort,
    Meetmoment,
    RedenBeeindiging,
    TrajectStatus,
)
from ..models import (
    Doel,
    Evaluatie,
    Inzet,
    Levensdomein,
    Meetinstrument,
    Meetronde,
    Ondersteuningsplan,
    Score,
    Toewijzing,
    Traject,
)
from ..models.traject import MAX_TOELICHTING_STARTDATUM, MAX_VOLUME
from ..state import Trajectstand, controleer
from ._basis import bewaakt, fout, gebeurtenis, vandaag

# Units of effort a taakgericht plan may use; a per-client lot uses the product's own unit.
EENHEDEN_TAAKGERICHT = (
    Eenheid.UUR,
    Eenheid.MINUUT,
    Eenheid.DAGDEEL,
    Eenheid.ETMAAL,
    Eenheid.STUKS_INSPANNING,
)
# iWmo CS338: these units are not given per day.
NIET_PER_DAG = {Eenheid.ETMAAL, Eenheid.DAGDEEL, Eenheid.EUROS, Eenheid.STUKS_INSPANNING}


def huidige_toewijzing(traject: Traject) -> Toewijzing | None:
    """The municipality's current toewijzing of the trajectory (the latest not deleted)."""
    return (
        traject.toewijzingen.exclude(reden_wijziging="13")
        .filter(geweigerd_op__isnull=True)  # refused by the provider (302): not current
        .order_by("-ingangsdatum", "-nummer")
        .first()
    )


def stand_van(traject: Traject) -> Trajectstand:
    afspraak = afspraak_voor(traject)
    toewijzing = None if afspraak.taakgericht else huidige_toewijzing(traject)
    return Trajectstand(
        status=traject.status,
        taakgericht=afspraak.taakgericht,
        aangemeld_op=traject.aanmelding.aangemeld_op,
        vandaag=vandaag(),
        heeft_uitvoerder=traject.inzetten.filter(tot__isnull=True).exists(),
        heeft_plan=Ondersteuningsplan.objects.filter(traject=traject).exists(),
        startdatum=traject.startdatum,
        toewijzing_ingang=toewijzing.ingangsdatum if toewijzing else None,
        toewijzing_einde=toewijzing.einddatum if toewijzing else None,
    )


def _vergrendel(traject: Traject) -> Traject:
    return Traject.objects.select_for_update().select_related("aanmelding").get(pk=traject.pk)


def toegestane_eenheden(traject: Traject, product=None) -> list[str]:
    product = product or traject.product
    if afspraak_voor(traject).taakgericht or not product.eenheid:
        return list(EENHEDEN_TAAKGERICHT)
    return [product.eenheid]


def controleer_omvang(
    traject: Traject, *, volume, eenheid: str, frequentie: str, product=None
) -> None:
    """Range and form of an intensity, as iWmo will carry it (Volume, Eenheid, Frequentie)."""
    eenheden = toegestane_eenheden(traject, product)
    if not isinstance(volume, int) or isinstance(volume, bool) or not 1 <= volume <= MAX_VOLUME:
        raise fout(
            "volume-buiten-bereik",
            _("De intensiteit is een heel getal van 1 tot en met %(max)s.")
            % {"max": f"{MAX_VOLUME:,}".replace(",", ".")},
            "volume",
        )
    if eenheid not in eenheden:
        raise fout(
            "eenheid-niet-toegestaan",
            _("Kies een eenheid die bij dit product hoort: %(eenheden)s.")
            % {"eenheden": ", ".join(Eenheid(e).label.lower() for e in eenheden)},
            "eenheid",
        )
    if frequentie not in Frequentie.values:
        raise fout("frequentie-ongeldig", _("Kies een frequentie."), "frequentie")
    if eenheid in NIET_PER_DAG and frequentie == Frequentie.PER_DAG:
        raise fout(
            "frequentie-past-niet",
            _("%(eenheid)s wordt per week, per maand of in totaal gegeven, niet per dag.")
            % {"eenheid": Eenheid(eenheid).label},
            "frequentie",
        )


# --- executor ------------------------------------------------------------------------------------


@transaction.atomic
def wijs_uitvoerder_toe(
    traject: Traject,
    *,
    gebruiker,
    onderaannemer=None,
    team: str = "",
    datum: date | None = None,
    request=None,
) -> Inzet:
    """Assign the trajectory to the contract partner's own staff (``onderaannemer`` None) or to
    a subcontractor that the register allows for this product on this day."""
    traject = _vergrendel(traject)
    datum = datum or vandaag()
    with bewaakt():
        controleer("uitvoerder", stand_van(traject))
    overeenkomst = traject.aanmelding.overeenkomst
    if onderaannemer is not None:
        toegestaan = inzetbare_onderaannemers(overeenkomst, traject.product, datum)
        if not toegestaan.filter(pk=onderaannemer.pk).exists():
            raise fout(
                "onderaannemer-niet-inzetbaar",
                _(
                    "%(organisatie)s kan %(product)s niet uitvoeren: alleen een onderaannemer die "
                    "in het register actief is, met toestemming van de regio, voor dit product en "
                    "met een lopend onderaanneemcontract voor dit product."
                )
                % {"organisatie": onderaannemer.organisatie, "product": traject.product.naam},
                "uitvoerder",
            )
    open_ = traject.inzetten.filter(tot__isnull=True).first()
    if open_ is not None:
        if open_.onderaannemer_id == getattr(onderaannemer, "pk", None) and open_.team == team:
            raise fout("zelfde-uitvoerder", _("Dit is al de uitvoerder."), "uitvoerder")
        open_.tot = max(open_.van, datum - timedelta(days=1))
        open_.save(update_fields=["tot"])
    inzet = Inzet.objects.create(
        traject=traject,
        onderaannemer=onderaannemer,
        team=team.strip()[:100],
        van=datum,
        toegewezen_door=gebruiker,
    )
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.UITVOERDER,
        _("Uitgevoerd door %(uitvoerder)s.") % {"uitvoerder": inzet.uitvoerder},
        traject=traject,
        datum=datum,
        door=gebruiker,
    )
    inzage.log(
        "traject.uitvoerder-toegewezen",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=_("Uitvoerder: %(uitvoerder)s") % {"uitvoerder": inzet.uitvoerder},
    )
    return inzet


# --- plan and scores ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Doelinvoer:
    levensdomein: Levensdomein
    omschrijving: str


def _meetinstrument() -> Meetinstrument:
    instrument = Meetinstrument.objects.filter(actief=True).order_by("pk").first()
    if instrument is None:
        raise fout(
            "geen-meetinstrument",
            _("De regio heeft nog geen meetinstrument ingesteld (functioneel beheer)."),
        )
    return instrument


def _controleer_scores(instrument: Meetinstrument, scores: Mapping[Levensdomein, int]) -> None:
    for domein, waarde in scores.items():
        if domein.meetinstrument_id != instrument.pk:
            raise fout(
                "domein-ander-instrument",
                _("%(domein)s hoort niet bij %(instrument)s.")
                % {"domein": domein.naam, "instrument": instrument.naam},
                "scores",
            )
        if (
            not isinstance(waarde, int)
            or isinstance(waarde, bool)
            or not instrument.laagste <= waarde <= instrument.hoogste
        ):
            raise fout(
                "score-buiten-schaal",
                _("De score voor %(domein)s ligt tussen %(laag)s en %(hoog)s.")
                % {"domein": domein.naam, "laag": instrument.laagste, "hoog": instrument.hoogste},
                "scores",
            )


@transaction.atomic
def stel_plan_vast(
    traject: Traject,
    *,
    gebruiker,
    volume: int,
    eenheid: str,
    frequentie: str,
    doelen: Sequence[Doelinvoer],
    evaluaties: Sequence[date] = (),
    afspraken: str = "",
    request=None,
) -> Ondersteuningsplan:
    """Make or revise the support plan: goals per life domain, the agreed intensity and the
    planned reviews. Goals with a result (after the end) are no longer replaced."""
    traject = _vergrendel(traject)
    with bewaakt():
        controleer("plan", stand_van(traject))
    controleer_omvang(traject, volume=volume, eenheid=eenheid, frequentie=frequentie)
    if not doelen:
        raise fout("geen-doelen", _("Leg minstens één doel vast."), "doelen")
    plan = Ondersteuningsplan.objects.filter(traject=traject).first()
    instrument = plan.meetinstrument if plan else _meetinstrument()
    for doel in doelen:
        if doel.levensdomein.meetinstrument_id != instrument.pk:
            raise fout(
                "domein-ander-instrument",
                _("%(domein)s hoort niet bij %(instrument)s.")
                % {"domein": doel.levensdomein.naam, "instrument": instrument.naam},
                "doelen",
            )
        if not doel.omschrijving.strip():
            raise fout("doel-leeg", _("Beschrijf elk doel."), "doelen")
    for datum in evaluaties:
        if datum < traject.aanmelding.aangemeld_op:
            raise fout(
                "evaluatie-voor-aanmelding",
                _("Een evaluatie kan niet vóór de aanmelding liggen."),
                "evaluaties",
            )
    nieuw = plan is None
    if nieuw:
        plan = Ondersteuningsplan(traject=traject, meetinstrument=instrument)
    plan.volume, plan.eenheid, plan.frequentie = volume, eenheid, frequentie
    plan.afspraken = afspraken.strip()
    plan.vastgesteld_op = vandaag()
    plan.vastgesteld_door = gebruiker
    plan.full_clean(exclude=["traject"])
    plan.save()
    plan.doelen.all().delete()
    Doel.objects.bulk_create(
        Doel(plan=plan, levensdomein=d.levensdomein, omschrijving=d.omschrijving.strip()[:500])
        for d in doelen
    )
    traject.evaluaties.filter(meetronde__isnull=True).delete()
    Evaluatie.objects.bulk_create(
        Evaluatie(traject=traject, gepland_op=datum) for datum in sorted(set(evaluaties))
    )
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.PLAN,
        (
            _("Ondersteuningsplan vastgesteld: %(n)s doelen, %(intensiteit)s.")
            if nieuw
            else _("Ondersteuningsplan bijgesteld: %(n)s doelen, %(intensiteit)s.")
        )
        % {"n": len(doelen), "intensiteit": plan.intensiteit_tekst},
        traject=traject,
        door=gebruiker,
    )
    inzage.log(
        "traject.plan-vastgesteld",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=_("Ondersteuningsplan vastgesteld"),
    )
    return plan


@transaction.atomic
def leg_scores_vast(
    traject: Traject,
    *,
    gebruiker,
    moment: str,
    datum: date,
    scores: Mapping[Levensdomein, int],
    request=None,
) -> Meetronde:
    """Record the outcome scores of one moment: the start, a review, or the end."""
    traject = _vergrendel(traject)
    with bewaakt():
        controleer("meten", stand_van(traject), datum=datum)
    return _meetronde(
        traject, gebruiker=gebruiker, moment=moment, datum=datum, scores=scores, request=request
    )


def _meetronde(traject, *, gebruiker, moment, datum, scores, request) -> Meetronde:
    plan = Ondersteuningsplan.objects.filter(traject=traject).first()
    if plan is None:
        raise fout("geen-plan", _("Stel eerst het ondersteuningsplan vast."))
    if moment not in Meetmoment.values:
        raise fout("moment-ongeldig", _("Kies het meetmoment."), "moment")
    if not scores:
        raise fout("geen-scores", _("Vul minstens één score in."), "scores")
    _controleer_scores(plan.meetinstrument, scores)
    if moment != Meetmoment.EVALUATIE and traject.meetrondes.filter(moment=moment).exists():
        raise fout(
            "meting-bestaat",
            _("De %(moment)s is al vastgelegd.") % {"moment": Meetmoment(moment).label.lower()},
            "moment",
        )
    ronde = Meetronde.objects.create(
        traject=traject, moment=moment, datum=datum, vastgelegd_door=gebruiker
    )
    Score.objects.bulk_create(
        Score(meetronde=ronde, levensdomein=domein, waarde=waarde)
        for domein, waarde in scores.items()
    )
    if moment == Meetmoment.EVALUATIE:
        evaluatie = traject.evaluaties.filter(meetronde__isnull=True).order_by("gepland_op").first()
        if evaluatie is not None:
            evaluatie.meetronde = ronde
            evaluatie.save(update_fields=["meetronde"])
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.GEMETEN,
        _("%(moment)s: scores op %(n)s levensdomeinen.")
        % {"moment": Meetmoment(moment).label, "n": len(scores)},
        traject=traject,
        datum=datum,
        door=gebruiker,
    )
    inzage.log(
        "traject.scores-vastgelegd",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=str(Meetmoment(moment).label),
    )
    return ronde


# --- start, change, end ----------------------------------------------------------------------------


@transaction.atomic
def start(traject: Traject, *, gebruiker, datum: date, startscores=None, request=None) -> Traject:
    """The support started on ``datum``. Where the message agreement asks for it, the start
    is reported to the municipality (WMO305)."""
    traject = _vergrendel(traject)
    with bewaakt():
        controleer("starten", stand_van(traject), datum=datum)
    traject.status = TrajectStatus.LOPEND
    traject.startdatum = datum
    traject.save(update_fields=["status", "startdatum"])
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.GESTART,
        _("Ondersteuning gestart."),
        traject=traject,
        datum=datum,
        door=gebruiker,
    )
    inzage.log(
        "traject.gestart",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=_("Start op %(datum)s") % {"datum": datum.strftime("%d-%m-%Y")},
    )
    if startscores:
        _meetronde(
            traject,
            gebruiker=gebruiker,
            moment=Meetmoment.START,
            datum=datum,
            scores=startscores,
            request=request,
        )
    if afspraak_voor(traject).start_stop:
        from . import berichten

        berichten.meld_start(traject, gebruiker=gebruiker)
    return traject


def _aanvaard(trajectbericht, code: str, wat: str) -> None:
    """A municipality working in wmoregie answers at once: a refusal undoes the correction."""
    from .berichten import antwoord_tekst

    if trajectbericht.antwoordstatus == Antwoordstatus.AFGEKEURD:
        raise fout(
            code,
            _("De gemeente heeft %(wat)s niet aanvaard. %(antwoord)s")
            % {"wat": wat, "antwoord": antwoord_tekst(trajectbericht)},
        )


@transaction.atomic
def corrigeer_startdatum(
    traject: Traject, *, gebruiker, datum: date, toelichting: str, request=None
) -> Traject:
    """Put a wrongly recorded start date right. Where the start was reported (WMO305), the
    municipality gets the withdrawal of that start (StatusAanlevering 3) and then the start
    on the right date, as iWmo corrects a delivery. A later date may not leave claimed days
    before it."""
    traject = _vergrendel(traject)
    with bewaakt():
        controleer("startdatum", stand_van(traject), datum=datum)
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise fout(
            "toelichting-ontbreekt", _("Leg uit waarom de startdatum niet klopte."), "toelichting"
        )
    if len(toelichting) > MAX_TOELICHTING_STARTDATUM:
        raise fout(
            "toelichting-te-lang",
            _("Houd de toelichting korter dan %(n)s tekens.") % {"n": MAX_TOELICHTING_STARTDATUM},
            "toelichting",
        )
    from .declaraties import gedeclareerd as gedeclareerde_regels

    gedeclareerd = (
        gedeclareerde_regels(traject).filter(periode_van__lt=datum).order_by("periode_van").first()
    )
    if gedeclareerd is not None:
        raise fout(
            "al-gedeclareerd",
            _("Er is al gedeclareerd vanaf %(datum)s; kies een startdatum op of vóór die datum.")
            % {"datum": gedeclareerd.periode_van.strftime("%d-%m-%Y")},
            "datum",
        )
    from . import berichten

    oud = traject.startdatum
    laatste_start = traject.berichten.filter(berichttype="wmo305").order_by("-id").first()
    if laatste_start is not None and laatste_start.antwoordstatus in (
        Antwoordstatus.GOEDGEKEURD,
        Antwoordstatus.WACHT,
    ):
        # The municipality holds (or will hold) the wrong start: withdraw it first (TR326).
        intrekking = berichten.trek_start_in(traject, laatste_start, gebruiker=gebruiker)
        _aanvaard(intrekking, "intrekking-afgekeurd", _("de intrekking van de gemelde start"))
    traject.startdatum = datum
    traject.save(update_fields=["startdatum"])
    if laatste_start is not None:
        start = berichten.meld_start(traject, gebruiker=gebruiker)
        _aanvaard(start, "start-afgekeurd", _("de start op de juiste datum"))
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.STARTDATUM_GECORRIGEERD,
        _("Startdatum gecorrigeerd van %(oud)s naar %(nieuw)s: %(toelichting)s")
        % {
            "oud": oud.strftime("%d-%m-%Y"),
            "nieuw": datum.strftime("%d-%m-%Y"),
            "toelichting": toelichting,
        },
        traject=traject,
        datum=vandaag(),  # the day of the correction, in the order things happened
        door=gebruiker,
    )
    inzage.log(
        "traject.startdatum-gecorrigeerd",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=_("Van %(oud)s naar %(nieuw)s")
        % {"oud": oud.strftime("%d-%m-%Y"), "nieuw": datum.strftime("%d-%m-%Y")},
    )
    return traject


@transaction.atomic
def wijzig(
    traject: Traject,
    *,
    gebruiker,
    datum: date,
    toelichting: str,
    product=None,
    volume: int | None = None,
    eenheid: str | None = None,
    frequentie: str | None = None,
    request=None,
) -> Traject:
    """Change the product or the intensity from ``datum``. Under taakgericht funding the
    provider changes its plan itself; under a per-client lot it asks the municipality
    (WMO317), whose new toewijzing (WMO301) then changes the plan."""
    traject = _vergrendel(traject)
    with bewaakt():
        controleer("wijzigen", stand_van(traject), datum=datum)
    plan = Ondersteuningsplan.objects.filter(traject=traject).first()
    if plan is None:
        raise fout("geen-plan", _("Stel eerst het ondersteuningsplan vast."))
    product = product or traject.product
    if product.perceel_id != traject.product.perceel_id:
        raise fout(
            "ander-perceel",
            _(
                "%(product)s hoort bij een ander perceel; sluit dit traject af en verwijs door "
                "naar het vervolgproduct."
            )
            % {"product": product.naam},
            "product",
        )
    volume = plan.volume if volume is None else volume
    if not eenheid:  # a new per-client product brings its own unit
        eenheid = (
            product.eenheid if product != traject.product and product.eenheid else plan.eenheid
        )
    frequentie = frequentie or plan.frequentie
    controleer_omvang(
        traject, volume=volume, eenheid=eenheid, frequentie=frequentie, product=product
    )
    if (product, volume, eenheid, frequentie) == (
        traject.product,
        plan.volume,
        plan.eenheid,
        plan.frequentie,
    ):
        raise fout("niets-gewijzigd", _("Er is niets gewijzigd."))
    if not (toelichting or "").strip():
        raise fout("toelichting-ontbreekt", _("Licht de wijziging toe."), "toelichting")
    afspraak = afspraak_voor(traject)
    vorig = f"{traject.product.naam}, {plan.intensiteit_tekst}"
    if afspraak.toewijzing:
        from . import berichten

        berichten.vraag_wijziging_aan(
            traject,
            gebruiker=gebruiker,
            datum=datum,
            product=product,
            volume=volume,
            eenheid=eenheid,
            frequentie=frequentie,
            toelichting=toelichting.strip(),
        )
        omschrijving = _("Wijziging aangevraagd bij de gemeente: %(wat)s.")
        soort = Gebeurtenissoort.WIJZIGING_AANGEVRAAGD
    else:
        traject.product = product
        traject.save(update_fields=["product"])
        plan.volume, plan.eenheid, plan.frequentie = volume, eenheid, frequentie
        plan.save(update_fields=["volume", "eenheid", "frequentie"])
        omschrijving = _("Gewijzigd van %(vorig)s naar %(wat)s.")
        soort = Gebeurtenissoort.GEWIJZIGD
    nieuw = Ondersteuningsplan(volume=volume, eenheid=eenheid, frequentie=frequentie)
    gebeurtenis(
        traject.aanmelding,
        soort,
        omschrijving % {"wat": f"{product.naam}, {nieuw.intensiteit_tekst}", "vorig": vorig},
        traject=traject,
        datum=datum,
        door=gebruiker,
    )
    inzage.log(
        "traject.gewijzigd",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=toelichting.strip()[:200],
    )
    return traject


@transaction.atomic
def beeindig(
    traject: Traject,
    *,
    gebruiker,
    datum: date,
    reden: str,
    toelichting: str = "",
    resultaten: Mapping[int, str] | None = None,
    eindscores: Mapping[Levensdomein, int] | None = None,
    request=None,
) -> Traject:
    """End the support: end date, reason, the result per goal and the end scores. A started
    trajectory is reported as stopped (WMO307) where the message agreement asks for it."""
    traject = _vergrendel(traject)
    with bewaakt():
        controleer("beeindigen", stand_van(traject), datum=datum)
    if reden not in RedenBeeindiging.values:
        raise fout("reden-ongeldig", _("Kies de reden van beëindiging."), "reden")
    resultaten = resultaten or {}
    plan = Ondersteuningsplan.objects.filter(traject=traject).first()
    doelen = {d.pk: d for d in plan.doelen.all()} if plan else {}
    for doel_id, resultaat in resultaten.items():
        if doel_id not in doelen:
            raise fout("doel-onbekend", _("Een doel hoort niet bij dit plan."), "resultaten")
        if resultaat not in Doelresultaat.values:
            raise fout("resultaat-ongeldig", _("Kies het resultaat per doel."), "resultaten")
    gestart = traject.status == TrajectStatus.LOPEND
    if eindscores:
        if not gestart:
            raise fout(
                "eindmeting-zonder-start",
                _("Een eindmeting hoort bij een traject dat is gestart."),
                "scores",
            )
        _meetronde(
            traject,
            gebruiker=gebruiker,
            moment=Meetmoment.EIND,
            datum=datum,
            scores=eindscores,
            request=request,
        )
    for doel_id, resultaat in resultaten.items():
        doel = doelen[doel_id]
        doel.resultaat = resultaat
        doel.save(update_fields=["resultaat"])
    traject.status = TrajectStatus.BEEINDIGD
    traject.einddatum = datum
    traject.reden_beeindiging = reden
    traject.toelichting_beeindiging = (toelichting or "").strip()
    traject.save(
        update_fields=["status", "einddatum", "reden_beeindiging", "toelichting_beeindiging"]
    )
    inzet = traject.inzetten.filter(tot__isnull=True).first()
    if inzet is not None:
        inzet.tot = max(inzet.van, datum)
        inzet.save(update_fields=["tot"])
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.BEEINDIGD,
        _("Beëindigd: %(reden)s.") % {"reden": RedenBeeindiging(reden).label},
        traject=traject,
        datum=datum,
        door=gebruiker,
    )
    inzage.log(
        "traject.beeindigd",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=str(RedenBeeindiging(reden).label),
    )
    if gestart and afspraak_voor(traject).start_stop:
        from . import berichten

        berichten.meld_stop(traject, gebruiker=gebruiker)
    return traject


@transaction.atomic
def verwijs_door(
    traject: Traject, *, gebruiker, product, vraag: str = "", urgent: bool = False, request=None
):
    """Flow-on (e.g. Beschermd wonen → Beschermd thuis): a new referral for the same client,
    with the data of this trajectory, so nothing is typed again."""
    from .aanmelding import Clientgegevens, meld_aan

    traject = _vergrendel(traject)
    with bewaakt():
        controleer("doorverwijzen", stand_van(traject))
    if product == traject.product:
        raise fout("zelfde-product", _("Kies een ander product dan het huidige."), "product")
    client = traject.client
    oorspronkelijk = traject.aanmelding
    gegevens = Clientgegevens(
        **{
            veld: getattr(client, veld)
            for veld in (
                "bsn",
                "achternaam",
                "geboortedatum",
                "gemeente",
                "straat",
                "huisnummer",
                "postcode",
                "woonplaats",
                "voorletters",
                "voornamen",
                "voorvoegsel",
                "geslacht",
                "huisletter",
                "huisnummer_toevoeging",
                "telefoon",
            )
        }
    )
    vraag = (vraag or "").strip() or _(
        "Vervolg op %(product)s (beëindigd op %(datum)s): %(vraag)s"
    ) % {
        "product": traject.product.naam,
        "datum": traject.einddatum.strftime("%d-%m-%Y"),
        "vraag": oorspronkelijk.vraag,
    }
    aanmelding = meld_aan(
        gebruiker=gebruiker,
        client=gegevens,
        gemeente=client.gemeente,
        gebiedsteam=oorspronkelijk.gebiedsteam
        if oorspronkelijk.gebiedsteam
        and oorspronkelijk.gebiedsteam.gemeente_id == client.gemeente_id
        else None,
        product=product,
        bron=oorspronkelijk.bron,
        vraag=vraag[:4000],
        urgent=urgent,
        vorig_traject=traject,
        request=request,
    )
    gebeurtenis(
        oorspronkelijk,
        Gebeurtenissoort.DOORVERWEZEN,
        _("Doorverwezen naar %(product)s.") % {"product": product.naam},
        traject=traject,
        door=gebruiker,
    )
    return aanmelding
