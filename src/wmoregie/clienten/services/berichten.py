"""iWmo messages of a trajectory: built from the trajectory, checked, sent through the channel of
the municipality, and their answers read back onto the trajectory.

Provider → municipality (315, 305, 307, 317; claims in :mod:`.declaraties`): checked as a sender
can (layers 1-2). When the municipality works in wmoregie its engine assesses the message at once
(layers 1-3 on the shared history) and the retour is on the trajectory immediately; otherwise the
message goes to the municipality's outbox and its retour is linked when it arrives
(:func:`koppel_ontvangen`).

Municipality → provider (301, 319), for a municipality that works in wmoregie: checked as the
municipality can (layers 1-3, its own history read-only), then received by the provider's engine,
whose retour (302, 320) is on the trajectory at once. A 301 or 319 from a municipality with its
own system arrives through the exchange folders and is linked by :func:`koppel_ontvangen`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from iwmo.berichten import build, parse, wmo301, wmo305, wmo307, wmo315, wmo317, wmo319
from iwmo.berichten.basis import (
    Achternaam,
    Adres,
    Geboortedatum,
    Huis,
    Omvang,
    Product,
    VerkorteNaam,
    Verwijzer,
    VolledigeNaam,
    maak_header,
)
from iwmo.errors import ParseError
from iwmo.retourcodes import afgekeurd, betekenis

from wmoregie.iwmo.intern import controleer_als_afzender, ontvang, verstuur_extern
from wmoregie.iwmo.models import Bericht, BerichtStatus
from wmoregie.iwmo.uitwisseling import NietVerzonden

from ..berichtafspraak import Berichtafspraak, afspraak_voor
from ..constants import (
    Antwoordstatus,
    Berichtrichting,
    Frequentie,
    Gebeurtenissoort,
    RedenAfwijzing,
    TrajectStatus,
    Verwijzertype,
)
from ..models import Toewijzing, Traject, Trajectbericht
from ..state import controleer
from ._basis import bewaakt, fout, gebeurtenis, vandaag

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VERWIJDERD = "13"  # RedenWijziging: the toewijzing was sent in error


# --- building blocks ------------------------------------------------------------------------------


def nieuwe_identificatie() -> str:
    """A BerichtIdentificatie (at most 12 characters), unique per sender and message type."""
    return uuid.uuid4().hex[:12].upper()


def _aanbieder(afspraak: Berichtafspraak, traject: Traject) -> str:
    if not afspraak.aanbieder:
        raise fout(
            "geen-agb-code",
            _(
                "%(organisatie)s heeft geen AGB-code; zonder AGB-code kunnen geen iWmo-berichten "
                "worden verstuurd. Vraag de contractmanager die vast te leggen."
            )
            % {"organisatie": traject.aanmelding.overeenkomst.opdrachtnemer},
        )
    return afspraak.aanbieder


def _header(cls, *, afzender: str, ontvanger: str):
    return maak_header(
        cls,
        afzender=afzender,
        ontvanger=ontvanger,
        identificatie=nieuwe_identificatie(),
        dagtekening=vandaag(),
    )


def _achternaam(client) -> Achternaam:
    return Achternaam(achternaam=client.achternaam, voorvoegsel=client.voorvoegsel or None)


def _verkorte_naam(client) -> VerkorteNaam:
    return VerkorteNaam(geslachtsnaam=_achternaam(client), voorletters=client.voorletters or None)


def _product(product) -> Product:
    return Product(categorie=product.productcategorie, code=product.productcode or None)


def _bevindingen_tekst(bevindingen) -> str:
    fouten = [b for b in bevindingen if str(b.severity) == "fout"] or list(bevindingen)
    return "; ".join(f"{b.message}" for b in fouten[:3])


def _antwoord(bericht: Bericht) -> tuple[str, str]:
    """(answer status, retour codes) of a message its receiver assessed in wmoregie."""
    codes = bericht.retourcodes.split()
    if bericht.status == BerichtStatus.GEACCEPTEERD and not afgekeurd(codes):
        return Antwoordstatus.GOEDGEKEURD, bericht.retourcodes
    return Antwoordstatus.AFGEKEURD, bericht.retourcodes or "0001"


def antwoord_tekst(trajectbericht: Trajectbericht) -> str:
    """The answer in Dutch, for the timeline and the message list (codes stay in details)."""
    status = Antwoordstatus(trajectbericht.antwoordstatus)
    if status != Antwoordstatus.AFGEKEURD:
        return str(status.label)
    codes = [c for c in trajectbericht.retourcodes.split() if c not in ("0200", "0233")]
    redenen = " ".join(dict.fromkeys(betekenis(c) for c in codes))
    return _("Afgekeurd: %(redenen)s") % {"redenen": redenen} if redenen else str(status.label)


def _registreer(
    traject: Traject,
    bericht: Bericht,
    *,
    richting: str,
    antwoordstatus: str,
    retourcodes: str = "",
    referentie: str = "",
    gebruiker=None,
) -> Trajectbericht:
    trajectbericht = Trajectbericht.objects.create(
        traject=traject,
        bericht=bericht,
        berichttype=bericht.berichttype,
        richting=richting,
        antwoordstatus=antwoordstatus,
        retourcodes=retourcodes,
        referentie=referentie,
        beantwoord_op=timezone.now() if antwoordstatus != Antwoordstatus.WACHT else None,
        verzonden_door=gebruiker if gebruiker is not None and gebruiker.is_authenticated else None,
    )
    if antwoordstatus == Antwoordstatus.WACHT:
        uitkomst = _("verstuurd via de uitwisselmap, wacht op de retour")
    else:
        uitkomst = antwoord_tekst(trajectbericht)
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.BERICHT,
        f"{bericht.berichttype.upper()} ({_BERICHTNAMEN.get(bericht.berichttype, '')}): {uitkomst}",
        traject=traject,
        door=gebruiker,
        bericht=trajectbericht,
    )
    return trajectbericht


_BERICHTNAMEN = {
    "wmo301": _("toewijzing"),
    "wmo305": _("start ondersteuning"),
    "wmo307": _("stop ondersteuning"),
    "wmo315": _("verzoek om toewijzing"),
    "wmo317": _("verzoek om wijziging"),
    "wmo319": _("antwoord op verzoek"),
    "wmo323": _("declaratie"),
}


def _niet_verstuurd(fout_: NietVerzonden) -> ValidationError:
    return ValidationError(
        _("Het bericht is niet verstuurd, want het zou worden afgekeurd: %(redenen)s")
        % {"redenen": _bevindingen_tekst(fout_.bevindingen) or _("onleesbaar")},
        code="bericht-ongeldig",
    )


def verstuur_naar_gemeente(
    traject: Traject, model, *, gebruiker, referentie: str = ""
) -> Trajectbericht:
    """Send a provider's message about ``traject`` through the municipality's channel."""
    afspraak = afspraak_voor(traject)
    xml = build(model)
    try:
        if afspraak.in_wmoregie:
            controleer_als_afzender(xml, variant=afspraak.variant, vandaag=vandaag())
            bericht = ontvang(
                afspraak.gemeentecode, xml, variant=afspraak.variant, vandaag=vandaag()
            )
            status, codes = _antwoord(bericht)
        else:
            bericht = verstuur_extern(
                settings.IWMO_UITWISSELMAP,
                afspraak.gemeentecode,
                xml,
                variant=afspraak.variant,
                vandaag=vandaag(),
            )
            status, codes = Antwoordstatus.WACHT, ""
    except NietVerzonden as fout_:
        raise _niet_verstuurd(fout_) from None
    return _registreer(
        traject,
        bericht,
        richting=Berichtrichting.NAAR_GEMEENTE,
        antwoordstatus=status,
        retourcodes=codes,
        referentie=referentie,
        gebruiker=gebruiker,
    )


def _verstuur_naar_aanbieder(
    traject: Traject, model, *, gebruiker, referentie: str = ""
) -> Trajectbericht:
    """A municipality in wmoregie sends a 301/319: its own checks first (layers 1-3, its
    history read-only), then the provider's engine receives it and makes the retour."""
    afspraak = afspraak_voor(traject)
    xml = build(model)
    try:
        controleer_als_afzender(xml, variant=afspraak.variant, historie=True, vandaag=vandaag())
        bericht = ontvang(afspraak.gemeentecode, xml, variant=afspraak.variant, vandaag=vandaag())
    except NietVerzonden as fout_:
        raise _niet_verstuurd(fout_) from None
    status, codes = _antwoord(bericht)
    return _registreer(
        traject,
        bericht,
        richting=Berichtrichting.NAAR_AANBIEDER,
        antwoordstatus=status,
        retourcodes=codes,
        referentie=referentie,
        gebruiker=gebruiker,
    )


# --- provider → municipality ------------------------------------------------------------------------


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
    from .traject import controleer_omvang

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


def _meld_levering(traject: Traject, module, *, gebruiker, **product) -> Trajectbericht:
    """A WMO305 or WMO307 (``module``) about the trajectory's delivery, with its ToewijzingNummer
    under a per-client lot and without it under taakgericht funding."""
    afspraak = afspraak_voor(traject)
    toewijzing = None
    if not afspraak.taakgericht:
        from .traject import huidige_toewijzing

        toewijzing = huidige_toewijzing(traject)
    regel = (module.StartProduct if module is wmo305 else module.StopProduct)(
        toewijzing_nummer=toewijzing.nummer if toewijzing else None,
        product=_product(traject.product),
        toewijzing_ingangsdatum=toewijzing.ingangsdatum if toewijzing else None,
        begindatum=traject.startdatum,
        status_aanlevering="1",
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
    from .traject import huidige_toewijzing

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


@transaction.atomic
def verstuur_opnieuw(trajectbericht: Trajectbericht, *, gebruiker) -> Trajectbericht:
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
    if soort == "wmo305" and traject.startdatum:
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
    return nieuw


# --- municipality → provider ------------------------------------------------------------------------


def open_verzoek(traject: Traject) -> Trajectbericht | None:
    """The request (315/317) the municipality received and has not answered yet."""
    return (
        traject.berichten.filter(
            berichttype__in=("wmo315", "wmo317"),
            antwoordstatus=Antwoordstatus.GOEDGEKEURD,
            verzoek_afgehandeld=False,
        )
        .order_by("-verzonden_op")
        .first()
    )


@dataclass(frozen=True)
class Toekenning:
    """What the municipality assigns: one product with its extent and period."""

    product: object
    volume: int
    frequentie: str
    ingangsdatum: date
    einddatum: date | None


def gevraagde_toekenning(traject: Traject) -> Toekenning | None:
    """The assignment the open request asks for, to prefill the municipality's page."""
    verzoek = open_verzoek(traject)
    if verzoek is None:
        return None
    try:
        model = parse(bytes(verzoek.bericht.inhoud))
    except ParseError:
        return None
    if verzoek.berichttype == "wmo315":
        gevraagd = model.client.aangevraagde_producten[0]
        return Toekenning(
            product=traject.product,
            volume=gevraagd.omvang.volume,
            frequentie=gevraagd.omvang.frequentie,
            ingangsdatum=gevraagd.toewijzing_ingangsdatum,
            einddatum=gevraagd.toewijzing_einddatum,
        )
    verzoek_ = model.client.verzoek
    if verzoek_.nieuwe_producten:
        nieuw = verzoek_.nieuwe_producten[0]
        from wmoregie.catalogi.models import Product as CatalogusProduct

        product = CatalogusProduct.objects.filter(
            productcategorie=nieuw.product.categorie, productcode=nieuw.product.code
        ).first()
        return Toekenning(
            product=product or traject.product,
            volume=nieuw.omvang.volume,
            frequentie=nieuw.omvang.frequentie,
            ingangsdatum=nieuw.gewenste_ingangsdatum,
            einddatum=nieuw.einddatum,
        )
    wijziging = verzoek_.te_wijzigen_producten[0]
    return Toekenning(
        product=traject.product,
        volume=wijziging.omvang.volume,
        frequentie=wijziging.omvang.frequentie,
        ingangsdatum=wijziging.gewenste_ingangsdatum,
        einddatum=wijziging.einddatum,
    )


def _volgend_toewijzingnummer(gemeentecode: str) -> int:
    hoogste = Toewijzing.objects.filter(gemeentecode=gemeentecode).aggregate(n=Max("nummer"))["n"]
    return (hoogste or int(gemeentecode) * 100_000) + 1


def _toegewezen_product(toewijzing: Toewijzing, *, referentie: str | None = None, nu: datetime):
    return wmo301.ToegewezenProduct(
        toewijzing_nummer=toewijzing.nummer,
        referentie_aanbieder=referentie,
        product=_product(toewijzing.product),
        toewijzingsdatum=toewijzing.toewijzingsdatum,
        toewijzingstijd=nu.time().replace(microsecond=0),
        ingangsdatum=toewijzing.ingangsdatum,
        einddatum=toewijzing.einddatum,
        reden_wijziging=toewijzing.reden_wijziging or None,
        omvang=Omvang(
            volume=toewijzing.volume, eenheid=toewijzing.eenheid, frequentie=toewijzing.frequentie
        ),
    )


def _client_301(client) -> wmo301.Client:
    return wmo301.Client(
        bsn=client.bsn,
        geboortedatum=Geboortedatum(datum=client.geboortedatum),
        geslacht=client.geslacht,
        naam=VolledigeNaam(
            geslachtsnaam=_achternaam(client),
            voorletters=client.voorletters or None,
            naam_gebruik="1",
        ),
        contactgegevens=[
            wmo301.Contact(
                soort="01",  # BRP-adres
                adres=Adres(
                    huis=Huis(
                        huisnummer=client.huisnummer,
                        huisletter=client.huisletter or None,
                        huisnummer_toevoeging=client.huisnummer_toevoeging or None,
                    ),
                    postcode=client.postcode,
                    straatnaam=client.straat,
                    plaatsnaam=client.woonplaats,
                    land_code="NL",
                ),
            )
        ],
        toegewezen_producten=[],
    )


@transaction.atomic
def geef_toewijzing_af(
    traject: Traject, *, gebruiker, toekenning: Toekenning, request=None
) -> Trajectbericht:
    """The municipality assigns (WMO301), in answer to the open request. The 301 carries all
    current toewijzingen of the client at this provider (OP087); a change request's old
    toewijzing ends the day before the new one, or gets its new extent."""
    traject = (
        Traject.objects.select_for_update()
        .select_related("aanmelding__gemeente")
        .get(pk=traject.pk)
    )
    from .traject import huidige_toewijzing, stand_van

    with bewaakt():
        controleer("toewijzing", stand_van(traject))
    verzoek = open_verzoek(traject)
    if verzoek is None:
        raise fout("geen-open-verzoek", _("Er is geen openstaand verzoek om op te antwoorden."))
    afspraak = afspraak_voor(traject)
    if toekenning.product.perceel_id != traject.product.perceel_id:
        raise fout("ander-perceel", _("Kies een product van hetzelfde perceel."), "product")
    from .traject import controleer_omvang

    eenheid = toekenning.product.eenheid
    controleer_omvang(
        traject,
        volume=toekenning.volume,
        eenheid=eenheid,
        frequentie=toekenning.frequentie,
        product=toekenning.product,
    )
    _controleer_periode(toekenning.ingangsdatum, toekenning.einddatum, toekenning.frequentie)
    gemeentecode = afspraak.gemeentecode
    nu = timezone.now().astimezone(AMSTERDAM)
    huidig = huidige_toewijzing(traject)
    wijzigingen: list[Toewijzing] = []
    if huidig is not None and verzoek.berichttype == "wmo317":
        if toekenning.product == huidig.product:
            huidig.volume, huidig.frequentie = toekenning.volume, toekenning.frequentie
            huidig.einddatum = toekenning.einddatum
        else:
            huidig.einddatum = max(huidig.ingangsdatum, toekenning.ingangsdatum - timedelta(days=1))
        huidig.reden_wijziging = "12"  # initiated by the provider (its change request)
        wijzigingen.append(huidig)
    nieuw = None
    if huidig is None or toekenning.product != huidig.product:
        nieuw = Toewijzing(
            traject=traject,
            gemeentecode=gemeentecode,
            nummer=_volgend_toewijzingnummer(gemeentecode),
            product=toekenning.product,
            ingangsdatum=toekenning.ingangsdatum,
            einddatum=toekenning.einddatum,
            volume=toekenning.volume,
            eenheid=eenheid,
            frequentie=toekenning.frequentie,
            toewijzingsdatum=vandaag(),
        )
    overige = [t for t in huidige_toewijzingen_bij_aanbieder(traject) if t not in wijzigingen]
    client_301 = _client_301(traject.client)
    for toewijzing in [*overige, *wijzigingen]:
        client_301.toegewezen_producten.append(_toegewezen_product(toewijzing, nu=nu))
    if nieuw is not None:
        client_301.toegewezen_producten.append(
            _toegewezen_product(nieuw, referentie=verzoek.referentie, nu=nu)
        )
    model = wmo301.Wmo301Bericht(
        header=_header(
            wmo301.Wmo301Bericht, afzender=gemeentecode, ontvanger=_aanbieder(afspraak, traject)
        ),
        client=client_301,
    )
    trajectbericht = _verstuur_naar_aanbieder(
        traject, model, gebruiker=gebruiker, referentie=verzoek.referentie
    )
    for toewijzing in wijzigingen:
        toewijzing.bericht = trajectbericht.bericht
        toewijzing.save()
    if nieuw is not None:
        nieuw.bericht = trajectbericht.bericht
        nieuw.full_clean()
        nieuw.save()
    _verzoek_beantwoord(verzoek)
    _pas_toewijzing_toe(traject, nieuw or huidig, gebruiker=gebruiker)
    return trajectbericht


def _verzoek_beantwoord(verzoek: Trajectbericht) -> None:
    verzoek.verzoek_afgehandeld = True
    verzoek.save(update_fields=["verzoek_afgehandeld"])


def _pas_toewijzing_toe(traject: Traject, toewijzing: Toewijzing, *, gebruiker) -> None:
    """A toewijzing arrived: the trajectory can start (or runs on with the new extent)."""
    from ..models import Ondersteuningsplan

    if traject.status == TrajectStatus.AANGEVRAAGD:
        traject.status = TrajectStatus.WACHTEND
    traject.product = toewijzing.product
    traject.save(update_fields=["status", "product"])
    Ondersteuningsplan.objects.filter(traject=traject).update(
        volume=toewijzing.volume, eenheid=toewijzing.eenheid, frequentie=toewijzing.frequentie
    )
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.TOEGEWEZEN,
        _("Toewijzing %(nummer)s: %(product)s, %(omvang)s, vanaf %(datum)s.")
        % {
            "nummer": toewijzing.nummer,
            "product": toewijzing.product.naam,
            "omvang": toewijzing.omvang_tekst,
            "datum": toewijzing.ingangsdatum.strftime("%d-%m-%Y"),
        },
        traject=traject,
        door=gebruiker,
    )


@transaction.atomic
def wijs_verzoek_af(traject: Traject, *, gebruiker, reden: str, request=None) -> Trajectbericht:
    """The municipality refuses the open request (WMO319). A refused request for a first
    toewijzing closes the trajectory; a refused change leaves the current toewijzing."""
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    verzoek = open_verzoek(traject)
    if verzoek is None:
        raise fout("geen-open-verzoek", _("Er is geen openstaand verzoek om op te antwoorden."))
    if reden not in RedenAfwijzing.values:
        raise fout("reden-ongeldig", _("Kies de reden van de afwijzing."), "reden")
    afspraak = afspraak_voor(traject)
    model = wmo319.Wmo319Bericht(
        header=_header(
            wmo319.Wmo319Bericht,
            afzender=afspraak.gemeentecode,
            ontvanger=_aanbieder(afspraak, traject),
        ),
        antwoord=wmo319.Antwoord(
            referentie_aanbieder=verzoek.referentie,
            verzoek_antwoord="1",
            reden_afwijzing_verzoek=reden,
        ),
    )
    trajectbericht = _verstuur_naar_aanbieder(
        traject, model, gebruiker=gebruiker, referentie=verzoek.referentie
    )
    _verzoek_beantwoord(verzoek)
    _pas_afwijzing_toe(traject, verzoek, reden, gebruiker=gebruiker)
    return trajectbericht


def _pas_afwijzing_toe(traject: Traject, verzoek: Trajectbericht, reden: str, *, gebruiker):
    tekst = RedenAfwijzing(reden).label if reden in RedenAfwijzing.values else reden
    if verzoek.berichttype == "wmo315" and traject.status == TrajectStatus.AANGEVRAAGD:
        traject.status = TrajectStatus.AFGEWEZEN
        traject.save(update_fields=["status"])
        omschrijving = _("De gemeente wijst de toewijzing af: %(reden)s.")
    else:
        omschrijving = _("De gemeente wijst de wijziging af: %(reden)s.")
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.AFGEWEZEN,
        omschrijving % {"reden": tekst},
        traject=traject,
        door=gebruiker,
    )


# --- what arrives through the exchange folders ----------------------------------------------------

_VAN_GEMEENTE = ("wmo301", "wmo319", "wmo325")
_RETOUREN = ("wmo306", "wmo308", "wmo316", "wmo318")


@dataclass
class Koppeling:
    gekoppeld: int = 0
    niet_gekoppeld: list[int] = field(default_factory=list)  # iwmo.Bericht ids

    def __str__(self) -> str:
        return f"gekoppeld: {self.gekoppeld}, niet gekoppeld: {len(self.niet_gekoppeld)}"


def onverwerkte_berichten():
    """Received messages about our providers that nothing in clienten refers to yet."""
    from wmoregie.accounts.models import Organisatie

    agb_codes = list(
        Organisatie.objects.exclude(agb_code="")
        .filter(overeenkomsten__isnull=False)
        .values_list("agb_code", flat=True)
        .distinct()
    )
    return (
        Bericht.objects.filter(
            trajectberichten__isnull=True,
            beantwoordt_trajectberichten__isnull=True,
            declaratie__isnull=True,
            beantwoordt_declaratie__isnull=True,
        )
        .exclude(status__in=[BerichtStatus.VERZONDEN, BerichtStatus.ONLEESBAAR])
        .filter(
            models.Q(berichttype__in=_VAN_GEMEENTE, ontvanger__in=agb_codes)
            | models.Q(berichttype__in=_RETOUREN, afzender__in=agb_codes)
        )
        .order_by("ontvangen_op", "id")
    )


def koppel_ontvangen() -> Koppeling:
    """Link what arrived in the inboxes to trajectories and claims: a 301 or 319 from a
    municipality with its own system, the retour of a message we sent (306, 308, 316, 318) and
    the answer to a claim (325). Idempotent: a message is linked once. What matches nothing is
    returned (and listed on the messages page) for a person to look at."""
    uitkomst = Koppeling()
    for bericht in onverwerkte_berichten():
        with transaction.atomic():
            gelukt = _koppel(bericht)
        if gelukt:
            uitkomst.gekoppeld += 1
        else:
            uitkomst.niet_gekoppeld.append(bericht.pk)
    return uitkomst


def _koppel(bericht: Bericht) -> bool:
    try:
        model = parse(bytes(bericht.inhoud))
    except ParseError:
        return False
    if bericht.berichttype == "wmo301":
        return _koppel_toewijzing(bericht, model)
    if bericht.berichttype == "wmo319":
        return _koppel_afwijzing(bericht, model)
    if bericht.berichttype == "wmo325":
        return _koppel_declaratieantwoord(bericht, model)
    return _koppel_retour(bericht, model)


def _traject_bij_referentie(referentie: str | None) -> Traject | None:
    if not referentie:
        return None
    return (
        Traject.objects.filter(referentie_aanbieder=referentie).first()
        or Traject.objects.filter(referentie_aanbieder=referentie.rsplit("-W", 1)[0]).first()
    )


def _koppel_toewijzing(bericht: Bericht, model) -> bool:
    from wmoregie.catalogi.models import Product as CatalogusProduct

    gemeentecode, aanbieder = model.header.afzender, model.header.ontvanger
    status, codes = _antwoord(bericht)
    gekoppeld = False
    for product in model.client.toegewezen_producten:
        bestaand = Toewijzing.objects.filter(
            gemeentecode=gemeentecode, nummer=product.toewijzing_nummer
        ).first()
        traject = _traject_bij_referentie(product.referentie_aanbieder) or (
            bestaand.traject if bestaand else None
        )
        catalogusproduct = (
            CatalogusProduct.objects.filter(
                productcategorie=product.product.categorie, productcode=product.product.code
            ).first()
            if product.product is not None
            else None
        )
        if traject is None and catalogusproduct is not None:
            traject = (
                Traject.objects.filter(
                    client__bsn=model.client.bsn,
                    product=catalogusproduct,
                    aanmelding__gemeente__code=gemeentecode,
                    aanmelding__overeenkomst__opdrachtnemer__agb_code=aanbieder,
                )
                .exclude(status__in=[TrajectStatus.AFGEWEZEN, TrajectStatus.BEEINDIGD])
                .first()
            )
        if traject is None or catalogusproduct is None or product.omvang is None:
            continue
        if not traject.berichten.filter(bericht=bericht).exists():
            _registreer(
                traject,
                bericht,
                richting=Berichtrichting.NAAR_AANBIEDER,
                antwoordstatus=status,
                retourcodes=codes,
                referentie=product.referentie_aanbieder or "",
            )
        gekoppeld = True
        if status != Antwoordstatus.GOEDGEKEURD:
            continue  # our 302 refused it: the municipality must send it again
        toewijzing = bestaand or Toewijzing(
            traject=traject, gemeentecode=gemeentecode, nummer=product.toewijzing_nummer
        )
        toewijzing.product = catalogusproduct
        toewijzing.ingangsdatum = product.ingangsdatum
        toewijzing.einddatum = product.einddatum
        toewijzing.volume = product.omvang.volume
        toewijzing.eenheid = product.omvang.eenheid
        toewijzing.frequentie = product.omvang.frequentie
        toewijzing.toewijzingsdatum = product.toewijzingsdatum
        toewijzing.reden_wijziging = product.reden_wijziging or ""
        toewijzing.bericht = bericht
        toewijzing.save()
        verzoek = traject.berichten.filter(
            referentie=product.referentie_aanbieder or "-",
            verzoek_afgehandeld=False,
            berichttype__in=("wmo315", "wmo317"),
        ).first()
        if verzoek is not None:
            _verzoek_beantwoord(verzoek)
        if toewijzing.reden_wijziging != VERWIJDERD:
            _pas_toewijzing_toe(traject, toewijzing, gebruiker=None)
    return gekoppeld


def _koppel_afwijzing(bericht: Bericht, model) -> bool:
    referentie = model.antwoord.referentie_aanbieder
    traject = _traject_bij_referentie(referentie)
    if traject is None:
        return False
    status, codes = _antwoord(bericht)
    _registreer(
        traject,
        bericht,
        richting=Berichtrichting.NAAR_AANBIEDER,
        antwoordstatus=status,
        retourcodes=codes,
        referentie=referentie,
    )
    verzoek = traject.berichten.filter(referentie=referentie, verzoek_afgehandeld=False).first()
    if status == Antwoordstatus.GOEDGEKEURD and verzoek is not None:
        _verzoek_beantwoord(verzoek)
        if model.antwoord.verzoek_antwoord == "1":
            _pas_afwijzing_toe(
                traject, verzoek, model.antwoord.reden_afwijzing_verzoek or "", gebruiker=None
            )
    return True


def _koppel_retour(bericht: Bericht, model) -> bool:
    """A retour repeats the header of the message it answers: match on sender, type and
    BerichtIdentificatie of the message we sent."""
    from iwmo.berichten import RETOUR_VAN

    heen = next((h for h, r in RETOUR_VAN.items() if isinstance(model, r)), None)
    if heen is None:
        return False
    verzonden = Bericht.objects.filter(
        status=BerichtStatus.VERZONDEN,
        berichttype=heen.BERICHT,
        afzender=model.header.afzender,
        identificatie=model.header.bericht_identificatie.identificatie,
    ).first()
    if verzonden is None:
        return False
    codes = _retourcodes(model)
    trajectberichten = list(verzonden.trajectberichten.all())
    for trajectbericht in trajectberichten:
        trajectbericht.retour = bericht
        trajectbericht.retourcodes = " ".join(codes)[:400]
        trajectbericht.antwoordstatus = (
            Antwoordstatus.AFGEKEURD if afgekeurd(codes) else Antwoordstatus.GOEDGEKEURD
        )
        trajectbericht.beantwoord_op = timezone.now()
        trajectbericht.save()
        verbetert = Trajectbericht.objects.filter(verbeterd_door=trajectbericht).first()
        if verbetert is not None and trajectbericht.antwoordstatus == Antwoordstatus.GOEDGEKEURD:
            verbetert.antwoordstatus = Antwoordstatus.GECORRIGEERD
            verbetert.save(update_fields=["antwoordstatus"])
        gebeurtenis(
            trajectbericht.traject.aanmelding,
            Gebeurtenissoort.BERICHT,
            _("Retour op %(type)s ontvangen: %(uitkomst)s")
            % {
                "type": trajectbericht.berichttype.upper(),
                "uitkomst": antwoord_tekst(trajectbericht),
            },
            traject=trajectbericht.traject,
            bericht=trajectbericht,
        )
    return bool(trajectberichten)


def _retourcodes(model) -> list[str]:
    from iwmo.retour import retourcodes_van

    return list(dict.fromkeys(retourcodes_van(model)))


def _koppel_declaratieantwoord(bericht: Bericht, model) -> bool:
    from ..models import Declaratie

    declaratie = Declaratie.objects.filter(
        bericht__afzender=model.header.ontvanger,
        bericht__identificatie=model.header.declaratie_identificatie.identificatie,
    ).first()
    if declaratie is None or declaratie.antwoord_id is not None:
        return False
    from .declaraties import verwerk_antwoord

    verwerk_antwoord(declaratie, bytes(bericht.inhoud), antwoord=bericht)
    return True
