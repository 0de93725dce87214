"""The provider's messages: request (315), start and stop (305/307), change request (317), and sending a refused message again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from iwmo.berichten import parse, wmo305, wmo307, wmo315, wmo317
from iwmo.berichten.basis import (
    Geboortedatum,
    Omvang,
    Verwijzer,
)
from iwmo.errors import ParseError

from wmoregie.iwmo.models import Bericht

from ... import inzage
from ...berichtafspraak import afspraak_voor
from ...constants import (
    Antwoordstatus,
    Frequentie,
    Gebeurtenissoort,
    TrajectStatus,
    Verwijzertype,
)
from ...models import Toewijzing, Traject, Trajectbericht
from .._basis import fout, gebeurtenis, vandaag
from .verzenden import (
    VERWIJDERD,
    _aanbieder,
    _header,
    _product,
    _verkorte_naam,
    verstuur_naar_gemeente,
)


@dataclass(frozen=True)
class Aanvraag:
    """What the provider asks the municipality to assign (the WMO315)."""

    volume: int
    frequentie: str
    ingangsdatum: date
    einddatum: date | None


def _verwijzer(aanmelding) -> Verwijzer:
    soort = aanmelding.bron.verwijzertype
    if soort in (Verwijzertype.ZELFVERWIJZER, Verwijzertype.JUSTITIE):
        return Verwijzer(type=soort)
    naam = str(aanmelding.gebiedsteam or aanmelding.bron.naam)[:64]
    return Verwijzer(type=soort, naam=naam)


def _controleer_periode(ingang: date, einde: date | None, frequentie: str) -> None:
    if einde is not None and einde < ingang:
        raise fout("einde-voor-ingang", _("De einddatum ligt vóór de ingangsdatum."), "einddatum")
    if frequentie == Frequentie.PER_WEEK and einde is None:
        raise fout(
            "einddatum-nodig",
            _("Een omvang per week heeft een einddatum (iWmo CD076)."),
            "einddatum",
        )


def standaard_aanvraag(product) -> Aanvraag:
    """A request that fits the product until the provider says otherwise: a year from today,
    per month for stays (etmaal), per week for hours."""
    begin = vandaag()
    per_maand = product.eenheid in ("14", "16", "83", "84")
    return Aanvraag(
        volume=4 if per_maand else 3,
        frequentie=Frequentie.PER_MAAND if per_maand else Frequentie.PER_WEEK,
        ingangsdatum=begin,
        einddatum=date(begin.year + 1, begin.month, 1)
        if begin.month > 1
        else date(begin.year, 12, 31),
    )


def vraag_toewijzing_aan(traject: Traject, *, gebruiker, aanvraag: Aanvraag | None = None):
    """WMO315: ask the municipality to assign the product of the trajectory."""
    afspraak = afspraak_voor(traject)
    aanvraag = aanvraag or standaard_aanvraag(traject.product)
    product = traject.product
    if not product.eenheid:
        raise fout("product-zonder-eenheid", _("Het product heeft geen eenheid in de catalogus."))
    from ..traject import controleer_omvang

    controleer_omvang(
        traject, volume=aanvraag.volume, eenheid=product.eenheid, frequentie=aanvraag.frequentie
    )
    _controleer_periode(aanvraag.ingangsdatum, aanvraag.einddatum, aanvraag.frequentie)
    client = traject.client
    model = wmo315.Wmo315Bericht(
        header=_header(
            wmo315.Wmo315Bericht,
            afzender=_aanbieder(afspraak, traject),
            ontvanger=afspraak.gemeentecode,
        ),
        client=wmo315.Client(
            bsn=client.bsn,
            geboortedatum=Geboortedatum(datum=client.geboortedatum),
            geslacht=client.geslacht,
            naam=_verkorte_naam(client),
            aangevraagde_producten=[
                wmo315.AangevraagdProduct(
                    referentie_aanbieder=traject.referentie_aanbieder,
                    product=_product(product),
                    toewijzing_ingangsdatum=aanvraag.ingangsdatum,
                    toewijzing_einddatum=aanvraag.einddatum,
                    omvang=Omvang(
                        volume=aanvraag.volume,
                        eenheid=product.eenheid,
                        frequentie=aanvraag.frequentie,
                    ),
                    verwijzer=_verwijzer(traject.aanmelding),
                )
            ],
        ),
    )
    bericht = verstuur_naar_gemeente(
        traject, model, gebruiker=gebruiker, referentie=traject.referentie_aanbieder
    )
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.TOEWIJZING_AANGEVRAAGD,
        _("Toewijzing aangevraagd bij %(gemeente)s: %(volume)s × %(eenheid)s %(frequentie)s.")
        % {
            "gemeente": traject.aanmelding.gemeente.naam,
            "volume": aanvraag.volume,
            "eenheid": product.get_eenheid_display().lower(),
            "frequentie": Frequentie(aanvraag.frequentie).label,
        },
        traject=traject,
        door=gebruiker,
    )
    return bericht


def _meld_levering(
    traject: Traject, module, *, gebruiker, status_aanlevering: str = "1", **product
) -> Trajectbericht:
    """A WMO305 or WMO307 (``module``) about the trajectory's delivery, with its ToewijzingNummer
    under a per-client lot and without it under taakgericht funding."""
    afspraak = afspraak_voor(traject)
    toewijzing = None
    if not afspraak.taakgericht:
        from ..traject import huidige_toewijzing

        toewijzing = huidige_toewijzing(traject)
    regel = (module.StartProduct if module is wmo305 else module.StopProduct)(
        toewijzing_nummer=toewijzing.nummer if toewijzing else None,
        product=_product(traject.product),
        toewijzing_ingangsdatum=toewijzing.ingangsdatum if toewijzing else None,
        begindatum=traject.startdatum,
        status_aanlevering=status_aanlevering,
        **product,
    )
    lijst = {"start_producten": [regel]} if module is wmo305 else {"stop_producten": [regel]}
    client = traject.client
    cls = module.Wmo305Bericht if module is wmo305 else module.Wmo307Bericht
    model = cls(
        header=_header(
            cls, afzender=_aanbieder(afspraak, traject), ontvanger=afspraak.gemeentecode
        ),
        client=module.Client(
            bsn=client.bsn,
            geboortedatum=Geboortedatum(datum=client.geboortedatum),
            geslacht=client.geslacht,
            naam=_verkorte_naam(client),
            **lijst,
        ),
    )
    return verstuur_naar_gemeente(traject, model, gebruiker=gebruiker)


def meld_start(traject: Traject, *, gebruiker) -> Trajectbericht:
    """WMO305: the support started (taakgericht: without ToewijzingNummer)."""
    return _meld_levering(traject, wmo305, gebruiker=gebruiker)


def _zelfde_inhoud(
    traject: Traject, verstuurd: Trajectbericht, *, gebruiker, status_aanlevering: str | None = None
) -> Trajectbericht:
    """The content of a message sent before, in a new message (new identity and date); with
    ``status_aanlevering`` its start or stop lines get that status."""
    model = parse(bytes(verstuurd.bericht.inhoud))
    if status_aanlevering is not None:
        for product in model.client.start_producten:
            product.status_aanlevering = status_aanlevering
    model.header = _header(
        type(model), afzender=model.header.afzender, ontvanger=model.header.ontvanger
    )
    return verstuur_naar_gemeente(traject, model, gebruiker=gebruiker)


def trek_start_in(traject: Traject, start: Trajectbericht, *, gebruiker) -> Trajectbericht:
    """WMO305 with StatusAanlevering 3: the reported ``start`` is withdrawn (the first half of
    a correction; the start on the right date follows). Built from what was sent, so its key
    (toewijzing, product, date) matches even after the trajectory changed (TR063)."""
    return _zelfde_inhoud(traject, start, gebruiker=gebruiker, status_aanlevering="3")


def meld_stop(traject: Traject, *, gebruiker) -> Trajectbericht:
    """WMO307: the support stopped, with the reason (WMO588)."""
    return _meld_levering(
        traject,
        wmo307,
        gebruiker=gebruiker,
        reden_beeindiging=traject.reden_beeindiging,
        einddatum=traject.einddatum,
    )


def huidige_toewijzingen_bij_aanbieder(traject: Traject) -> list[Toewijzing]:
    """The client's current toewijzingen of this municipality at this provider (what a 317
    must list, TR349, and a 301 must carry, OP087): not deleted and not ended before today."""
    aanmelding = traject.aanmelding
    vandaag_ = vandaag()
    return [
        t
        for t in Toewijzing.objects.filter(
            traject__client=traject.client,
            traject__aanmelding__overeenkomst__opdrachtnemer=aanmelding.overeenkomst.opdrachtnemer,
            gemeentecode=aanmelding.gemeente.code,
            geweigerd_op__isnull=True,  # the provider refused its 301 (302): not current
        ).select_related("product", "traject")
        if t.reden_wijziging != VERWIJDERD and (t.einddatum is None or t.einddatum >= vandaag_)
    ]


def _volgende_referentie(traject: Traject) -> str:
    n = traject.berichten.filter(berichttype="wmo317").count() + 1
    return f"{traject.referentie_aanbieder}-W{n:02d}"[:36]


def vraag_wijziging_aan(
    traject: Traject,
    *,
    gebruiker,
    datum: date,
    product,
    volume: int,
    eenheid: str,
    frequentie: str,
    toelichting: str,
) -> Trajectbericht:
    """WMO317: ask the municipality to change the trajectory's toewijzing from ``datum``:
    another intensity (TeWijzigenProduct), or another product (the current one ends the day
    before, the new one is a NieuwProduct). Every other current toewijzing of the client at
    this provider is listed unchanged (TR349)."""
    from ..traject import huidige_toewijzing

    afspraak = afspraak_voor(traject)
    huidig = huidige_toewijzing(traject)
    if huidig is None:
        raise fout("geen-toewijzing", _("Dit traject heeft nog geen toewijzing om te wijzigen."))
    if datum <= vandaag() and datum != huidig.ingangsdatum:
        raise fout(
            "wijziging-met-terugwerkende-kracht",
            _(
                "Een gewijzigde toewijzing gaat in na vandaag; met terugwerkende kracht kan "
                "alleen vanaf de ingangsdatum van de toewijzing (%(datum)s)."
            )
            % {"datum": huidig.ingangsdatum.strftime("%d-%m-%Y")},
            "datum",
        )
    if huidig.einddatum is not None and datum > huidig.einddatum:
        raise fout(
            "wijziging-na-toewijzing",
            _("De wijziging ligt na het einde van de toewijzing (%(datum)s).")
            % {"datum": huidig.einddatum.strftime("%d-%m-%Y")},
            "datum",
        )
    omvang = Omvang(volume=volume, eenheid=eenheid, frequentie=frequentie)
    te_wijzigen, nieuw = [], []
    if product == huidig.product:
        te_wijzigen.append(
            wmo317.TeWijzigenProduct(
                toewijzing_nummer=huidig.nummer,
                gewenste_ingangsdatum=datum,
                einddatum=huidig.einddatum,
                omvang=omvang,
            )
        )
    else:
        einde_oud = max(huidig.ingangsdatum, datum - timedelta(days=1))
        te_wijzigen.append(
            wmo317.TeWijzigenProduct(
                toewijzing_nummer=huidig.nummer,
                gewenste_ingangsdatum=huidig.ingangsdatum,
                einddatum=einde_oud,
                omvang=Omvang(
                    volume=huidig.volume, eenheid=huidig.eenheid, frequentie=huidig.frequentie
                ),
            )
        )
        nieuw.append(
            wmo317.NieuwProduct(
                product=_product(product),
                gewenste_ingangsdatum=datum,
                einddatum=huidig.einddatum,
                omvang=omvang,
            )
        )
    ongewijzigd = [
        wmo317.OngewijzigdProduct(toewijzing_nummer=t.nummer)
        for t in huidige_toewijzingen_bij_aanbieder(traject)
        if t.pk != huidig.pk
    ]
    referentie = _volgende_referentie(traject)
    model = wmo317.Wmo317Bericht(
        header=_header(
            wmo317.Wmo317Bericht,
            afzender=_aanbieder(afspraak, traject),
            ontvanger=afspraak.gemeentecode,
        ),
        client=wmo317.Client(
            bsn=traject.client.bsn,
            verzoek=wmo317.Verzoek(
                referentie_aanbieder=referentie,
                reden_verzoek="2",  # wijziging zorgplan
                ongewijzigde_producten=ongewijzigd,
                te_wijzigen_producten=te_wijzigen,
                nieuwe_producten=nieuw,
            ),
        ),
    )
    return verstuur_naar_gemeente(traject, model, gebruiker=gebruiker, referentie=referentie)


def _aanvraag_uit(bericht: Bericht) -> Aanvraag | None:
    try:
        gevraagd = parse(bytes(bericht.inhoud)).client.aangevraagde_producten[0]
    except (ParseError, AttributeError, IndexError):
        return None
    return Aanvraag(
        volume=gevraagd.omvang.volume,
        frequentie=gevraagd.omvang.frequentie,
        ingangsdatum=gevraagd.toewijzing_ingangsdatum,
        einddatum=gevraagd.toewijzing_einddatum,
    )


def _is_intrekking(trajectbericht: Trajectbericht) -> bool:
    model = parse(bytes(trajectbericht.bericht.inhoud))
    return any(p.status_aanlevering == "3" for p in model.client.start_producten)


@transaction.atomic
def verstuur_opnieuw(trajectbericht: Trajectbericht, *, gebruiker, request=None) -> Trajectbericht:
    """Send a message the municipality refused again, built from the trajectory as it is now
    (after the cause was put right, e.g. the toewijzing arrived). The refused message points to
    its correction; once the correction is approved the refusal counts as corrected."""
    trajectbericht = Trajectbericht.objects.select_for_update().get(pk=trajectbericht.pk)
    if (
        trajectbericht.antwoordstatus != Antwoordstatus.AFGEKEURD
        or trajectbericht.verbeterd_door_id
    ):
        raise fout(
            "niet-afgekeurd", _("Alleen een afgekeurd bericht kan opnieuw worden verstuurd.")
        )
    traject = trajectbericht.traject
    soort = trajectbericht.berichttype
    if soort == "wmo305" and _is_intrekking(trajectbericht):
        nieuw = _zelfde_inhoud(traject, trajectbericht, gebruiker=gebruiker)
    elif soort == "wmo305" and traject.startdatum:
        nieuw = meld_start(traject, gebruiker=gebruiker)
    elif soort == "wmo307" and traject.einddatum:
        nieuw = meld_stop(traject, gebruiker=gebruiker)
    elif soort == "wmo315" and traject.status == TrajectStatus.AANGEVRAAGD:
        nieuw = vraag_toewijzing_aan(
            traject, gebruiker=gebruiker, aanvraag=_aanvraag_uit(trajectbericht.bericht)
        )
    else:
        raise fout(
            "opnieuw-niet-mogelijk",
            _(
                "Dit bericht kan niet zo opnieuw worden verstuurd: vraag de wijziging opnieuw aan, "
                "of corrigeer de declaratieregel."
            ),
        )
    trajectbericht.verbeterd_door = nieuw
    if nieuw.antwoordstatus == Antwoordstatus.GOEDGEKEURD:
        trajectbericht.antwoordstatus = Antwoordstatus.GECORRIGEERD
    trajectbericht.save(update_fields=["verbeterd_door", "antwoordstatus"])
    inzage.log(
        "bericht.opnieuw-verstuurd",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=_("%(soort)s opnieuw verstuurd") % {"soort": soort.upper()},
    )
    return nieuw
