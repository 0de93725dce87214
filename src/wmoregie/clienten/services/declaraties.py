"""Monthly claims (WMO323) of the per-client lots at the contract's tariff, and their answers
(WMO325) matched back per claim and per line.

A claim covers one calendar month (CS340) that has ended (TR137), for one municipality and one
agreement. The proposal lists every trajectory that delivered in that month with the days it ran
(month ∩ start–end), a volume to confirm and the tariff of the agreement on the first day of the
period (TR418). A line whose period starts before or ends after the toewijzing is shown with a
warning, because the municipality will refuse it (TR307/TR308); a line that was refused can be
claimed again, corrected, in a new claim.
"""

from __future__ import annotations

import calendar
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iwmo.berichten import build, parse, wmo323
from iwmo.berichten.basis import (
    BedragMetDC,
    GeslotenPeriode,
    Referentie,
    TotaalBedragMetDC,
)
from iwmo.errors import ParseError
from iwmo.retourcodes import betekenis

from wmoregie.catalogi.constants import Eenheid
from wmoregie.contracten.models import Tarief
from wmoregie.iwmo.intern import controleer_als_afzender, ontvang, verstuur_extern
from wmoregie.iwmo.models import Bericht, BerichtStatus
from wmoregie.iwmo.uitwisseling import NietVerzonden

from .. import inzage
from ..berichtafspraak import afspraak
from ..constants import Frequentie, Gebeurtenissoort, PrestatieStatus, TrajectStatus
from ..models import Declaratie, Prestatie, Toewijzing, Traject
from ._basis import fout, gebeurtenis, vandaag
from .berichten import _header, _niet_verstuurd

MAX_VOLUME = 99_999_999


def maandgrenzen(maand: date) -> tuple[date, date]:
    eerste = maand.replace(day=1)
    return eerste, eerste.replace(day=calendar.monthrange(eerste.year, eerste.month)[1])


@dataclass
class Declaratieregel:
    """One proposed line: a trajectory's delivery in the month, ready to confirm."""

    traject: Traject
    toewijzing: Toewijzing
    periode_van: date
    periode_tot: date
    volume: int
    eenheid: str
    tarief: int  # eurocents per unit
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def bedrag(self) -> int:
        return self.volume * self.tarief

    @property
    def dagen(self) -> int:
        return (self.periode_tot - self.periode_van).days + 1


def _tarief(overeenkomst, product, op: date) -> int | None:
    tarief = (
        Tarief.objects.filter(overeenkomst=overeenkomst, product=product, geldig_van__lte=op)
        .order_by("-geldig_van")
        .first()
    )
    if tarief is None or not tarief.geldig_op(op):
        return None
    return int((tarief.bedrag * 100).to_integral_value())


def _standaardvolume(toewijzing: Toewijzing, dagen: int, maanddagen: int) -> int:
    """What the toewijzing allows for these days: a stay counts its days (capped by the
    toewijzing per month), an extent per week or month is taken pro rata, rounded up."""
    if toewijzing.eenheid == Eenheid.ETMAAL:
        if toewijzing.frequentie == Frequentie.PER_MAAND:
            return min(dagen, toewijzing.volume)
        return dagen
    if toewijzing.frequentie == Frequentie.PER_DAG:
        return toewijzing.volume * dagen
    if toewijzing.frequentie == Frequentie.PER_WEEK:
        return math.ceil(toewijzing.volume * dagen / 7)
    if toewijzing.frequentie == Frequentie.PER_MAAND:
        return math.ceil(toewijzing.volume * dagen / maanddagen)
    return toewijzing.volume


def gedeclareerd(traject: Traject):
    """The trajectory's claimed lines that still count: not refused, not credited."""
    return Prestatie.objects.filter(
        traject=traject,
        credit=False,
        status__in=[PrestatieStatus.INGEDIEND, PrestatieStatus.TOEGEKEND],
        creditering__isnull=True,
    )


def al_gedeclareerd(traject: Traject, van: date, tot: date) -> bool:
    """A line for these days that is claimed and not refused."""
    return gedeclareerd(traject).filter(periode_van__lte=tot, periode_tot__gte=van).exists()


def voorstel(overeenkomst, gemeente, maand: date) -> list[Declaratieregel]:
    """The lines a claim for ``maand`` would hold (trajectories that delivered in the month and
    are not claimed yet, or whose claim was refused)."""
    from .traject import huidige_toewijzing

    van, tot = maandgrenzen(maand)
    trajecten = (
        Traject.objects.filter(
            aanmelding__overeenkomst=overeenkomst,
            aanmelding__gemeente=gemeente,
            status__in=[TrajectStatus.LOPEND, TrajectStatus.BEEINDIGD],
            startdatum__lte=tot,
        )
        .exclude(einddatum__lt=van)
        .select_related("client", "product")
        .order_by("client__achternaam", "pk")
    )
    regels = []
    for traject in trajecten:
        periode_van = max(van, traject.startdatum)
        periode_tot = min(tot, traject.einddatum or tot)
        if al_gedeclareerd(traject, periode_van, periode_tot):
            continue
        toewijzing = huidige_toewijzing(traject)
        if toewijzing is None:
            continue
        waarschuwingen = []
        if periode_van < toewijzing.ingangsdatum:
            waarschuwingen.append(
                _("De periode begint vóór de toewijzing (%(datum)s); de gemeente keurt dat af.")
                % {"datum": toewijzing.ingangsdatum.strftime("%d-%m-%Y")}
            )
        if toewijzing.einddatum and periode_tot > toewijzing.einddatum:
            waarschuwingen.append(
                _("De periode loopt door na de toewijzing (%(datum)s); de gemeente keurt dat af.")
                % {"datum": toewijzing.einddatum.strftime("%d-%m-%Y")}
            )
        tarief = _tarief(overeenkomst, traject.product, periode_van)
        if tarief is None:
            waarschuwingen.append(_("Er is geen contracttarief voor dit product op deze datum."))
        dagen = (periode_tot - periode_van).days + 1
        regels.append(
            Declaratieregel(
                traject=traject,
                toewijzing=toewijzing,
                periode_van=periode_van,
                periode_tot=periode_tot,
                volume=_standaardvolume(toewijzing, dagen, (tot - van).days + 1),
                eenheid=toewijzing.eenheid,
                tarief=tarief or 0,
                waarschuwingen=waarschuwingen,
            )
        )
    return regels


def _nummer() -> str:
    return f"D{uuid.uuid4().hex[:11].upper()}"


def _controleer_regels(overeenkomst, gemeente, maand: date, regels) -> tuple[date, date]:
    van, tot = maandgrenzen(maand)
    if tot >= vandaag():
        raise fout(
            "maand-niet-voorbij",
            _("Declareer een maand nadat die voorbij is (iWmo TR137)."),
            "maand",
        )
    if not regels:
        raise fout("geen-regels", _("Er is niets te declareren over deze maand."))
    for regel in regels:
        aanmelding = regel.traject.aanmelding
        if aanmelding.overeenkomst_id != overeenkomst.pk or aanmelding.gemeente_id != gemeente.pk:
            raise fout(
                "andere-overeenkomst", _("Een regel hoort bij een andere gemeente of overeenkomst.")
            )
        if not (van <= regel.periode_van <= regel.periode_tot <= tot):
            raise fout("periode-buiten-maand", _("Elke periode valt binnen de gekozen maand."))
        if (
            not isinstance(regel.volume, int)
            or isinstance(regel.volume, bool)
            or not 0 < regel.volume <= MAX_VOLUME
        ):
            raise fout(
                "volume-buiten-bereik",
                _("Het geleverde volume is een heel getal groter dan 0."),
                "volume",
            )
        if regel.tarief <= 0:
            raise fout(
                "geen-tarief",
                _("Voor %(product)s is geen contracttarief op %(datum)s.")
                % {
                    "product": regel.traject.product.naam,
                    "datum": regel.periode_van.strftime("%d-%m-%Y"),
                },
            )
    return van, tot


@transaction.atomic
def dien_in(
    overeenkomst,
    gemeente,
    maand: date,
    regels: list[Declaratieregel],
    *,
    gebruiker,
    request=None,
    correctie_van: Prestatie | None = None,
):
    """Send the claim of ``maand`` (WMO323). When the municipality works in wmoregie its answer
    (WMO325) is applied at once; otherwise the claim waits for the answer in the inbox.
    ``correctie_van``: the refused line this claim corrects (logged as a correction)."""
    if correctie_van is not None:
        if len(regels) != 1:
            raise ValueError("Een correctie declareert precies één regel opnieuw.")
        # Two corrections sent at once: the second waits here and then finds the first.
        Prestatie.objects.select_for_update().filter(pk=correctie_van.pk).first()
        _nog_niet_gecorrigeerd(correctie_van)
    van, tot = _controleer_regels(overeenkomst, gemeente, maand, regels)
    afspraak_ = afspraak(gemeente, overeenkomst)
    if not afspraak_.declaraties:
        raise fout(
            "geen-declaraties", _("Onder deze overeenkomst wordt niet per cliënt gedeclareerd.")
        )
    if not afspraak_.aanbieder:
        raise fout("geen-agb-code", _("De opdrachtnemer heeft geen AGB-code."))
    nummer = _nummer()
    referenties = {id(regel): f"{nummer}-{i:03d}" for i, regel in enumerate(regels, start=1)}
    per_client: dict[str, list[wmo323.Prestatie]] = {}
    for regel in regels:
        per_client.setdefault(regel.traject.client.bsn, []).append(
            wmo323.Prestatie(
                product_referentie=Referentie(referentie_nummer=referenties[id(regel)]),
                toewijzing_nummer=regel.toewijzing.nummer,
                product_categorie=regel.traject.product.productcategorie,
                product_code=regel.traject.product.productcode,
                product_periode=GeslotenPeriode(
                    begindatum=regel.periode_van, einddatum=regel.periode_tot
                ),
                geleverd_volume=regel.volume,
                eenheid=regel.eenheid,
                product_tarief=regel.tarief,
                ingediend_bedrag=BedragMetDC(bedrag=regel.bedrag, debet_credit="D"),
            )
        )
    totaal = sum(regel.bedrag for regel in regels)
    model = wmo323.Wmo323Bericht(
        header=_header(
            wmo323.Wmo323Bericht, afzender=afspraak_.aanbieder, ontvanger=afspraak_.gemeentecode
        ),
        declaratie=wmo323.Declaratie(
            declaratie_nummer=nummer,
            declaratie_periode=GeslotenPeriode(begindatum=van, einddatum=tot),
            declaratie_dagtekening=vandaag(),
            totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=totaal, debet_credit="D"),
            clienten=[wmo323.Client(bsn=bsn, prestaties=p) for bsn, p in per_client.items()],
        ),
    )
    xml = build(model)
    try:
        if afspraak_.in_wmoregie:
            controleer_als_afzender(xml, variant=afspraak_.variant, vandaag=vandaag())
            bericht = ontvang(
                afspraak_.gemeentecode, xml, variant=afspraak_.variant, vandaag=vandaag()
            )
        else:
            bericht = verstuur_extern(
                settings.IWMO_UITWISSELMAP,
                afspraak_.gemeentecode,
                xml,
                variant=afspraak_.variant,
                vandaag=vandaag(),
            )
    except NietVerzonden as fout_:
        raise _niet_verstuurd(fout_) from None
    declaratie = Declaratie.objects.create(
        gemeente=gemeente,
        overeenkomst=overeenkomst,
        nummer=nummer,
        periode_van=van,
        periode_tot=tot,
        ingediend_bedrag=totaal,
        bericht=bericht,
        ingediend_door=gebruiker,
    )
    for regel in regels:
        Prestatie.objects.create(
            declaratie=declaratie,
            traject=regel.traject,
            toewijzing=regel.toewijzing,
            referentienummer=referenties[id(regel)],
            correctie_van=correctie_van,
            periode_van=regel.periode_van,
            periode_tot=regel.periode_tot,
            volume=regel.volume,
            eenheid=regel.eenheid,
            tarief=regel.tarief,
            bedrag=regel.bedrag,
        )
        gebeurtenis(
            regel.traject.aanmelding,
            Gebeurtenissoort.DECLARATIE,
            _(
                "Gedeclareerd over %(van)s – %(tot)s: %(volume)s × %(eenheid)s (declaratie %(nummer)s)."
            )
            % {
                "van": regel.periode_van.strftime("%d-%m-%Y"),
                "tot": regel.periode_tot.strftime("%d-%m-%Y"),
                "volume": regel.volume,
                "eenheid": Eenheid(regel.eenheid).label.lower(),
                "nummer": nummer,
            },
            traject=regel.traject,
            door=gebruiker,
        )
    inzage.log(
        "declaratie.gecorrigeerd" if correctie_van is not None else "declaratie.ingediend",
        [regel.traject.client_id for regel in regels],
        request=request,
        gebruiker=gebruiker,
        obj=declaratie,
        omschrijving=(
            _("Correctie van %(oud)s in declaratie %(nummer)s")
            % {"oud": correctie_van.referentienummer, "nummer": nummer}
            if correctie_van is not None
            else _("Declaratie %(nummer)s ingediend (WMO323)") % {"nummer": nummer}
        ),
    )
    if afspraak_.in_wmoregie and bericht.retour_xml:
        verwerk_antwoord(declaratie, bytes(bericht.retour_xml))
    return declaratie


@transaction.atomic
def verwerk_antwoord(
    declaratie: Declaratie, xml: bytes, *, antwoord: Bericht | None = None
) -> None:
    """Apply a WMO325 to the claim: the granted total, and per line granted or refused (the
    325 lists only the refused lines, TR342; a refusal of the whole claim refuses every line)."""
    try:
        model = parse(xml)
    except ParseError:
        return
    antwoord_ = model.declaratie_antwoord
    prestaties = {p.referentienummer: p for p in declaratie.prestaties.all()}
    afgewezen: dict[str, list[str]] = {}
    if antwoord_ is None or (
        antwoord_.retour_codes and not set(antwoord_.retour_codes) <= {"0200", "8001"}
    ):
        codes = (antwoord_.retour_codes if antwoord_ else model.header.retour_codes) or ["0001"]
        afgewezen = {ref: list(codes) for ref in prestaties}
        toegekend = 0
    else:
        for client in antwoord_.clienten or []:
            for prestatie in client.prestaties:
                ref = prestatie.product_referentie.referentie_nummer
                afgewezen[ref] = list(prestatie.retour_codes) or list(client.retour_codes)
            if set(client.retour_codes) - {"0200"}:  # a client error refuses all its lines
                for ref, p in prestaties.items():
                    if p.traject.client.bsn == client.bsn:
                        afgewezen.setdefault(ref, list(client.retour_codes))
        bedrag = antwoord_.totaal_toegekend_bedrag
        toegekend = bedrag.totaal_bedrag if bedrag.debet_credit == "D" else -bedrag.totaal_bedrag
    for ref, prestatie in prestaties.items():
        if ref in afgewezen:
            prestatie.status = PrestatieStatus.AFGEWEZEN
            prestatie.retourcodes = " ".join(afgewezen[ref])[:200]
            reden = " ".join(dict.fromkeys(betekenis(c) for c in afgewezen[ref]))
            gebeurtenis(
                prestatie.traject.aanmelding,
                Gebeurtenissoort.DECLARATIE,
                _("Declaratie %(nummer)s afgewezen door de gemeente: %(reden)s")
                % {"nummer": declaratie.nummer, "reden": reden},
                traject=prestatie.traject,
            )
        else:
            prestatie.status = PrestatieStatus.TOEGEKEND
        prestatie.save(update_fields=["status", "retourcodes"])
    declaratie.toegekend_bedrag = toegekend
    declaratie.antwoord = antwoord
    declaratie.beantwoord_op = timezone.now()
    declaratie.save(update_fields=["toegekend_bedrag", "antwoord", "beantwoord_op"])


def _nog_niet_gecorrigeerd(prestatie: Prestatie) -> None:
    correctie = Prestatie.objects.filter(correctie_van=prestatie).select_related("declaratie")
    if nieuw := correctie.first():
        raise fout(
            "al-gecorrigeerd",
            _("Deze regel is al gecorrigeerd in declaratie %(nummer)s.")
            % {"nummer": nieuw.declaratie.nummer},
        )


def corrigeer(prestatie: Prestatie) -> Declaratieregel:
    """A refused line as a new proposal: the same delivery, its period kept within the
    toewijzing (the usual reason for TR307/TR308), for the user to confirm in a new claim.
    Only a line the municipality refused, and only once: a granted or unanswered line, or a second
    correction, would claim the same delivery twice."""
    if prestatie.status != PrestatieStatus.AFGEWEZEN:
        raise fout(
            "niet-afgewezen",
            _(
                "Alleen een declaratieregel die de gemeente heeft afgewezen, kan worden "
                "gecorrigeerd; deze regel is %(status)s."
            )
            % {"status": PrestatieStatus(prestatie.status).label.lower()},
        )
    _nog_niet_gecorrigeerd(prestatie)
    toewijzing = prestatie.toewijzing
    van = max(prestatie.periode_van, toewijzing.ingangsdatum)
    tot = min(prestatie.periode_tot, toewijzing.einddatum or prestatie.periode_tot)
    if tot < van:
        raise fout("niet-te-corrigeren", _("Deze periode valt helemaal buiten de toewijzing."))
    maand_van, maand_tot = maandgrenzen(van)
    dagen = (tot - van).days + 1
    return Declaratieregel(
        traject=prestatie.traject,
        toewijzing=toewijzing,
        periode_van=van,
        periode_tot=tot,
        volume=min(
            prestatie.volume, _standaardvolume(toewijzing, dagen, (maand_tot - maand_van).days + 1)
        ),
        eenheid=prestatie.eenheid,
        tarief=prestatie.tarief,
    )


def maandtotalen(declaraties) -> list[dict]:
    """Claimed, granted and refused per month (eurocents), for the claims page and monitoring."""
    per_maand: dict[date, dict] = {}
    for declaratie in declaraties:
        rij = per_maand.setdefault(
            declaratie.periode_van,
            {
                "maand": declaratie.periode_van,
                "ingediend": 0,
                "toegekend": 0,
                "afgewezen": 0,
                "open": 0,
            },
        )
        rij["ingediend"] += declaratie.ingediend_bedrag
        if declaratie.toegekend_bedrag is None:
            rij["open"] += declaratie.ingediend_bedrag
        else:
            rij["toegekend"] += declaratie.toegekend_bedrag
            rij["afgewezen"] += declaratie.ingediend_bedrag - declaratie.toegekend_bedrag
    return [per_maand[m] for m in sorted(per_maand, reverse=True)]


def vorige_maand(peildatum: date | None = None) -> date:
    eerste = (peildatum or vandaag()).replace(day=1)
    return (eerste - timedelta(days=1)).replace(day=1)


@dataclass
class Afstemming:
    """The claims (323) matched with their answers (325): per claim and per month, and what
    has no counterpart (a claim without answer, a received answer without claim)."""

    per_declaratie: list[dict]
    per_maand: list[dict]
    zonder_antwoord: list[Declaratie]
    antwoorden_zonder_declaratie: list[Bericht]


def afstemming(declaraties, antwoorden: Iterable[Bericht] = ()) -> Afstemming:
    """Match ``declaraties`` with their 325 (:func:`verwerk_antwoord` linked them by the
    DeclaratieNummer); ``antwoorden`` are the received 325s, of which those that matched no
    claim are listed. Amounts in eurocents; rejected = claimed minus granted."""
    declaraties = list(declaraties)
    per_declaratie = [
        {
            "declaratie": d,
            "ingediend": d.ingediend_bedrag,
            "toegekend": d.toegekend_bedrag,
            "afgewezen": None
            if d.toegekend_bedrag is None
            else d.ingediend_bedrag - d.toegekend_bedrag,
        }
        for d in declaraties
    ]
    antwoorden = list(antwoorden)
    gekoppeld = set(
        Declaratie.objects.filter(antwoord__in=antwoorden).values_list("antwoord_id", flat=True)
    )
    return Afstemming(
        per_declaratie=per_declaratie,
        per_maand=maandtotalen(declaraties),
        zonder_antwoord=[d for d in declaraties if d.toegekend_bedrag is None],
        antwoorden_zonder_declaratie=[a for a in antwoorden if a.pk not in gekoppeld],
    )


def ontvangen_antwoorden(agb_codes: Iterable[str]):
    """The 325s received for these providers (what a back office's claims can match)."""
    return Bericht.objects.filter(berichttype="wmo325", ontvanger__in=list(agb_codes)).exclude(
        status=BerichtStatus.GEWEIGERD
    )
