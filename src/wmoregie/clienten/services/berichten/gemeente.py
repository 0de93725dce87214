"""The municipality's answers to a request, when it works in wmoregie: toewijzing (301) or refusal (319)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from iwmo.berichten import parse, wmo301, wmo319
from iwmo.berichten.basis import (
    Adres,
    Geboortedatum,
    Huis,
    Omvang,
    VolledigeNaam,
)
from iwmo.errors import ParseError

from ... import inzage
from ...berichtafspraak import afspraak_voor
from ...constants import (
    Antwoordstatus,
    Gebeurtenissoort,
    RedenAfwijzing,
    TrajectStatus,
)
from ...models import Toewijzing, Traject, Trajectbericht
from ...state import controleer
from .._basis import bewaakt, fout, gebeurtenis, vandaag
from .aanbieder import _controleer_periode, huidige_toewijzingen_bij_aanbieder
from .verzenden import (
    AMSTERDAM,
    _aanbieder,
    _achternaam,
    _header,
    _product,
    _verstuur_naar_aanbieder,
)


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
    from ..traject import huidige_toewijzing, stand_van

    with bewaakt():
        controleer("toewijzing", stand_van(traject))
    verzoek = open_verzoek(traject)
    if verzoek is None:
        raise fout("geen-open-verzoek", _("Er is geen openstaand verzoek om op te antwoorden."))
    afspraak = afspraak_voor(traject)
    if toekenning.product.perceel_id != traject.product.perceel_id:
        raise fout("ander-perceel", _("Kies een product van hetzelfde perceel."), "product")
    from ..traject import controleer_omvang

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
    if trajectbericht.antwoordstatus == Antwoordstatus.AFGEKEURD:
        # The provider's 302 refused it: for the provider nothing changed. The changed
        # toewijzingen keep what they were (not saved), a new one is kept as refused (not
        # current) and the request stays open, so the municipality can assign again.
        if nieuw is not None:
            nieuw.bericht = trajectbericht.bericht
            nieuw.geweigerd_op = timezone.now()
            nieuw.full_clean()
            nieuw.save()
        inzage.log(
            "traject.toewijzing-afgekeurd",
            [traject.client_id],
            request=request,
            gebruiker=gebruiker,
            obj=traject,
            omschrijving=_("Toewijzing door de aanbieder afgekeurd (WMO302)"),
        )
        return trajectbericht
    for toewijzing in wijzigingen:
        toewijzing.bericht = trajectbericht.bericht
        toewijzing.save()
    if nieuw is not None:
        nieuw.bericht = trajectbericht.bericht
        nieuw.full_clean()
        nieuw.save()
    _verzoek_beantwoord(verzoek)
    toegewezen = nieuw or huidig
    _pas_toewijzing_toe(traject, toegewezen, gebruiker=gebruiker)
    inzage.log(
        "traject.toewijzing-afgegeven",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=_("Toewijzing %(nummer)s afgegeven (WMO301)") % {"nummer": toegewezen.nummer},
    )
    return trajectbericht


def _verzoek_beantwoord(verzoek: Trajectbericht) -> None:
    verzoek.verzoek_afgehandeld = True
    verzoek.save(update_fields=["verzoek_afgehandeld"])


def _pas_toewijzing_toe(traject: Traject, toewijzing: Toewijzing, *, gebruiker) -> None:
    """A toewijzing arrived: the trajectory can start (or runs on with the new extent)."""
    from ...models import Ondersteuningsplan

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
    inzage.log(
        "traject.verzoek-afgewezen",
        [traject.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=traject,
        omschrijving=_("Verzoek %(soort)s afgewezen (WMO319)")
        % {"soort": verzoek.berichttype.upper()},
        gegevens={"reden": reden},
    )
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
