"""Demo data of the client administration: about 200 synthetic clients of Regio Amersfoort in every
state, with their iWmo messages and retours, made reproducibly from a seed.

Everything goes through the services, as the users would do it, each step on the day it happened
(``op_datum``): referrals over the past months, acceptance or refusal, executors (own staff or a
subcontractor), plans with outcome scores, starts and stops, per-client toewijzingen from the
municipality, monthly claims — including a claim that the municipality refuses and its
correction — and, for Soest, which works with its own system, the whole conversation through
the exchange folders. All people are fictitious; the BSNs are test numbers (999…) that pass the
elfproef. Idempotent: when the demo clients exist nothing is added.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import Organisatie, Roltoekenning, User
from wmoregie.catalogi.constants import IwmoKanaal
from wmoregie.catalogi.models import Gebiedsteam, Gemeente, Perceel, Product

from . import services
from .constants import Meetmoment, Verwijzertype
from .models import (
    Aanmelding,
    Client,
    Levensdomein,
    Meetinstrument,
    Traject,
    Verwijsbron,
    Wachttijdnorm,
    Weigerreden,
)
from .services import berichten, declaraties
from .services._basis import op_datum

ZAAD = 2026
CONSORTIUM_KVK = "90000001"
CONSORTIUM_AGB = "98000001"
RESPIJT_KVK = "90000031"
RESPIJT_AGB = "98000031"
BW_NUMMER = "BW-2026"
EXTERN = "0342"  # Soest works with its own system: messages through the exchange folders
DEMO_WACHTWOORD = "demo-wmoregie-2026"

VERWIJSBRONNEN = [
    ("gebiedsteam", "Gebiedsteam of lokaal team", Verwijzertype.GEMEENTE),
    ("huisarts", "Huisarts", Verwijzertype.HUISARTS),
    ("jeugd-18", "18-/18+: overgang vanuit de jeugdhulp", Verwijzertype.GEMEENTE),
    ("zelfmelding", "Zelfmelding (de inwoner zelf)", Verwijzertype.ZELFVERWIJZER),
]
WEIGERREDENEN = [
    ("ander-domein", "De hulpvraag hoort bij een ander domein (Wlz, Zvw of Jeugdwet)"),
    ("veiligheid", "De veiligheid van medewerkers is niet te waarborgen"),
    ("andere-vraag", "De hulpvraag past niet bij het aangemelde product: terug naar de toegang"),
]
# The thirteen life domains and the five steps of the Zelfredzaamheid-Matrix.
ZRM_DOMEINEN = [
    ("financien", "Financiën"),
    ("werk-opleiding", "Werk en opleiding"),
    ("tijdsbesteding", "Tijdsbesteding"),
    ("huisvesting", "Huisvesting"),
    ("huiselijke-relaties", "Huiselijke relaties"),
    ("geestelijke-gezondheid", "Geestelijke gezondheid"),
    ("lichamelijke-gezondheid", "Lichamelijke gezondheid"),
    ("middelengebruik", "Middelengebruik"),
    ("basale-adl", "Basale ADL"),
    ("instrumentele-adl", "Instrumentele ADL"),
    ("sociaal-netwerk", "Sociaal netwerk"),
    ("participatie", "Maatschappelijke participatie"),
    ("justitie", "Justitie"),
]
ZRM_SCHAAL = [
    "Acute problematiek",
    "Niet zelfredzaam",
    "Beperkt zelfredzaam",
    "Voldoende zelfredzaam",
    "Volledig zelfredzaam",
]
BW_TARIEVEN = {  # per unit, 2026, illustrative
    "beschermd-thuis": Decimal("68.50"),
    "adempauzeplekken": Decimal("182.40"),
    "beschermd-wonen-stabilisatie-observatie": Decimal("236.90"),
    "beschermd-wonen-herstel-groei": Decimal("214.30"),
}

ACHTERNAMEN = [
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van Dijk",
    "Koster",
    "El Amrani",
    "Yilmaz",
    "Öztürk",
    "Nguyen",
    "Kaya",
]
STRATEN = {
    "0307": "Kamp",
    "0308": "Brink",
    "0313": "Dorpsstraat",
    "0317": "Wakkerendijk",
    "0327": "Hamersveldseweg",
    "0342": "Steenhoffstraat",
    "0351": "Voorstraat",
}
POSTCODES = {
    "0307": "3811",
    "0308": "3741",
    "0313": "3751",
    "0317": "3755",
    "0327": "3831",
    "0342": "3761",
    "0351": "3931",
}
WOONPLAATSEN = {
    "0307": "Amersfoort",
    "0308": "Baarn",
    "0313": "Bunschoten",
    "0317": "Eemnes",
    "0327": "Leusden",
    "0342": "Soest",
    "0351": "Woudenberg",
}
VRAGEN = [
    "Heeft hulp nodig bij het overzicht houden over post, rekeningen en afspraken.",
    "Raakt snel overprikkeld; zoekt structuur in de dag en hulp bij het huishouden.",
    "Woont sinds kort zelfstandig na een opname en wil dat graag zo houden.",
    "Mantelzorger is overbelast; de cliënt heeft begeleiding nodig bij dagelijkse taken.",
    "Schulden lopen op; vraagt ondersteuning bij het aanvragen van schuldhulp.",
    "Na de jeugdhulp (18+) is begeleiding nodig bij wonen, werk en geldzaken.",
    "Eenzaam sinds het overlijden van de partner; wil weer meedoen in de wijk.",
]


def _bsn(rng: random.Random, gebruikt: set[str]) -> str:
    """A test BSN (999…) that passes the elfproef."""
    while True:
        cijfers = [9, 9, 9] + [rng.randrange(10) for _ in range(5)]
        som = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True))
        laatste = som % 11
        if laatste == 10:
            continue
        bsn = "".join(map(str, cijfers)) + str(laatste)
        if bsn not in gebruikt:
            gebruikt.add(bsn)
            return bsn


def _instellingen(regio) -> Meetinstrument:
    for volgorde, (code, naam, soort) in enumerate(VERWIJSBRONNEN, start=1):
        Verwijsbron.objects.get_or_create(
            code=code, defaults={"naam": naam, "verwijzertype": soort, "volgorde": volgorde}
        )
    for volgorde, (code, naam) in enumerate(WEIGERREDENEN, start=1):
        Weigerreden.objects.get_or_create(code=code, defaults={"naam": naam, "volgorde": volgorde})
    instrument, _ = Meetinstrument.objects.get_or_create(
        naam="Zelfredzaamheid-Matrix",
        defaults={"laagste": 1, "hoogste": 5, "schaallabels": ZRM_SCHAAL},
    )
    for volgorde, (code, naam) in enumerate(ZRM_DOMEINEN, start=1):
        Levensdomein.objects.get_or_create(
            meetinstrument=instrument, code=code, defaults={"naam": naam, "volgorde": volgorde}
        )
    Wachttijdnorm.objects.get_or_create(
        regio=regio,
        product=None,
        defaults={"dagen": 42, "bron": "Treeknorm extramurale zorg: zes weken"},
    )
    for product in Product.objects.filter(perceel__code="beschermd-wonen").exclude(
        code="beschermd-thuis"
    ):
        Wachttijdnorm.objects.get_or_create(
            regio=regio,
            product=product,
            defaults={"dagen": 91, "bron": "Treeknorm beschermd wonen: dertien weken"},
        )
    return instrument


def _beschermd_wonen(consortium, contractmanager):
    """The per-client lot beschermd wonen, also carried out by the consortium in this demo, so
    the back office works in both funding variants."""
    from wmoregie.contracten import services as contracten
    from wmoregie.contracten.constants import Opdrachtnemersvorm, OvereenkomstStatus
    from wmoregie.contracten.models import Overeenkomst

    bestaand = Overeenkomst.objects.filter(nummer=BW_NUMMER).first()
    if bestaand:
        return bestaand
    overeenkomst = contracten.maak_overeenkomst(
        gebruiker=contractmanager,
        nummer=BW_NUMMER,
        naam="Beschermd wonen Regio Amersfoort 2026–2029",
        perceel=Perceel.objects.get(code="beschermd-wonen"),
        opdrachtnemersvorm=Opdrachtnemersvorm.HOOFDAANNEMER,
        opdrachtnemer=consortium,
        ingangsdatum=date(2026, 1, 1),
        einddatum=date(2029, 12, 31),
        artikelen=["3.1", "3.2"],
        bron="demo",
    )
    contracten.wijzig_status(
        overeenkomst, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager, toelichting="Demo."
    )
    for code, bedrag in BW_TARIEVEN.items():
        contracten.stel_tarief_vast(
            overeenkomst,
            gebruiker=contractmanager,
            product=Product.objects.get(code=code),
            bedrag=bedrag,
            geldig_van=date(2026, 1, 1),
            geldig_tot=date(2026, 12, 31),
            bron="Tarief 2026, illustratief (demo).",
        )
    return overeenkomst


def _organisaties():
    consortium = Organisatie.objects.get(kvk_nummer=CONSORTIUM_KVK)
    logeerhuis = Organisatie.objects.get(kvk_nummer=RESPIJT_KVK)
    for organisatie, agb in ((consortium, CONSORTIUM_AGB), (logeerhuis, RESPIJT_AGB)):
        if organisatie.agb_code != agb:
            organisatie.agb_code = agb
            organisatie.save(update_fields=["agb_code"])
    Gemeente.objects.filter(code=EXTERN).update(iwmo_kanaal=IwmoKanaal.UITWISSELMAP)
    gebruiker, aangemaakt = User.objects.get_or_create(
        username="logeerhuis", defaults={"first_name": "Lotte", "last_name": "Logeerhuis"}
    )
    if aangemaakt:
        gebruiker.set_password(DEMO_WACHTWOORD)
        gebruiker.save()
    Roltoekenning.objects.get_or_create(
        gebruiker=gebruiker, rol=Rol.BACKOFFICE, organisatie=logeerhuis
    )
    return consortium, logeerhuis, gebruiker


@dataclass
class Demo:
    rng: random.Random
    vandaag: date
    backoffice: User
    logeerhuis: User
    gemeente: User
    instrument: Meetinstrument
    bsns: set


def _dag(demo: Demo, van: date, tot: date) -> date:
    if tot <= van:
        return van
    return van + timedelta(days=demo.rng.randrange((tot - van).days + 1))


def _clientgegevens(demo: Demo, gemeente) -> services.Clientgegevens:
    rng = demo.rng
    naam = rng.choice(ACHTERNAMEN)
    voorvoegsel, _, achternaam = naam.rpartition(" ")
    return services.Clientgegevens(
        bsn=_bsn(rng, demo.bsns),
        achternaam=achternaam,
        voorvoegsel=voorvoegsel,
        voorletters=rng.choice("ABCDEFGHIJKLMNPRSTW") + rng.choice(["", "J", "M", "P"]),
        geboortedatum=date(rng.randrange(1940, 2007), rng.randrange(1, 13), rng.randrange(1, 29)),
        geslacht=rng.choice(["1", "2"]),
        gemeente=gemeente,
        straat=STRATEN[gemeente.code],
        huisnummer=rng.randrange(1, 240),
        postcode=f"{POSTCODES[gemeente.code]}{rng.choice(['AB', 'CD', 'EK', 'GL', 'TR'])}",
        woonplaats=WOONPLAATSEN[gemeente.code],
    )


def _scores(demo: Demo, basis: int) -> dict:
    domeinen = list(demo.instrument.domeinen.all())
    return {
        d: max(1, min(5, basis + demo.rng.choice([-1, 0, 0, 1])))
        for d in demo.rng.sample(domeinen, 4)
    }


def _plan(demo: Demo, traject, gebruiker):
    domeinen = list(demo.instrument.domeinen.all())
    doelen = [
        services.Doelinvoer(d, tekst)
        for d, tekst in zip(
            demo.rng.sample(domeinen, 2),
            ["Meer grip op de eigen situatie", "Zelfstandig de week plannen"],
            strict=True,
        )
    ]
    toewijzing = services.huidige_toewijzing(traject)
    if toewijzing:
        volume, eenheid, frequentie = toewijzing.volume, toewijzing.eenheid, toewijzing.frequentie
    else:
        volume, eenheid, frequentie = demo.rng.choice([2, 3, 4, 6]), "04", "2"
    services.stel_plan_vast(
        traject,
        gebruiker=gebruiker,
        volume=volume,
        eenheid=eenheid,
        frequentie=frequentie,
        doelen=doelen,
        evaluaties=[
            traject.aanmelding.aangemeld_op + timedelta(days=90),
            traject.aanmelding.aangemeld_op + timedelta(days=180),
        ],
    )


def _uitvoerder(demo: Demo, traject, gebruiker, datum):
    from wmoregie.contracten.selectors import inzetbare_onderaannemers

    kandidaten = list(
        inzetbare_onderaannemers(traject.aanmelding.overeenkomst, traject.product, datum)
    )
    onderaannemer = kandidaten[0] if kandidaten and demo.rng.random() < 0.6 else None
    services.wijs_uitvoerder_toe(
        traject,
        gebruiker=gebruiker,
        onderaannemer=onderaannemer,
        team="" if onderaannemer else demo.rng.choice(["Noord", "Zuid", "Eemland"]),
        datum=datum,
    )


def _een_client(demo: Demo, product, gemeente, team, bron, uitkomst: str):
    """One client from referral to ``uitkomst``: each step on its own day."""
    rng = demo.rng
    laatste = demo.vandaag - timedelta(days=2)
    per_client = product.perceel.bekostigingsvariant != "taakgericht"
    backoffice = demo.logeerhuis if product.perceel.code == "respijtverblijf" else demo.backoffice
    if uitkomst == "nieuw":
        aangemeld = _dag(demo, laatste - timedelta(days=10), laatste)
    elif uitkomst in ("wachtend", "aangevraagd"):
        aangemeld = _dag(demo, laatste - timedelta(days=80), laatste - timedelta(days=3))
    else:
        aangemeld = _dag(demo, date(2026, 1, 5), laatste - timedelta(days=45))
    with op_datum(aangemeld):
        aanmelding = services.meld_aan(
            gebruiker=None,
            client=_clientgegevens(demo, gemeente),
            gemeente=gemeente,
            gebiedsteam=team,
            product=product,
            bron=bron,
            vraag=rng.choice(VRAGEN),
            urgent=rng.random() < 0.1,
            aangemeld_op=aangemeld,
        )
    if uitkomst == "nieuw":
        return aanmelding
    besluit = min(laatste, aangemeld + timedelta(days=rng.randrange(1, 5)))
    with op_datum(besluit):
        if uitkomst == "geweigerd":
            return services.weiger(
                aanmelding,
                gebruiker=backoffice,
                reden=rng.choice(list(Weigerreden.objects.all())),
                toelichting="Na overleg met de cliënt en de verwijzer blijkt langdurige zorg met "
                "toezicht nodig; dat kunnen wij binnen deze opdracht niet bieden.",
            )
        if uitkomst == "ingetrokken":
            return services.trek_in(
                aanmelding, gebruiker=None, toelichting="De cliënt ziet af van de ondersteuning."
            )
        aanvraag = None
        if per_client:
            aanvraag = berichten.Aanvraag(
                volume=4 if product.eenheid == "14" else 3,
                frequentie="4" if product.eenheid == "14" else "2",
                ingangsdatum=besluit,
                einddatum=besluit + timedelta(days=364),
            )
        traject = services.accepteer(aanmelding, gebruiker=backoffice, aanvraag=aanvraag)
    if uitkomst == "aangevraagd":
        return traject
    toegewezen = besluit
    if per_client and gemeente.code != EXTERN:
        toegewezen = min(laatste, besluit + timedelta(days=rng.randrange(1, 6)))
        with op_datum(toegewezen):
            if uitkomst == "afgewezen":
                return berichten.wijs_verzoek_af(traject, gebruiker=demo.gemeente, reden="7")
            gevraagd = berichten.gevraagde_toekenning(traject)
            berichten.geef_toewijzing_af(traject, gebruiker=demo.gemeente, toekenning=gevraagd)
    elif per_client:
        return traject  # Soest answers through its own system (see _soest_antwoordt)
    traject.refresh_from_db()
    with op_datum(toegewezen):
        _uitvoerder(demo, traject, backoffice, toegewezen)
        _plan(demo, traject, backoffice)
    if uitkomst == "wachtend":
        return traject
    return _voer_uit(demo, traject, backoffice, toegewezen, uitkomst)


def _voer_uit(demo: Demo, traject, backoffice, vanaf: date, uitkomst: str):
    rng = demo.rng
    laatste = demo.vandaag - timedelta(days=1)
    vroeg = uitkomst == "vroege-start"  # started before the toewijzing: its claim is refused
    start = (
        vanaf - timedelta(days=3)
        if vroeg
        else min(laatste, vanaf + timedelta(days=rng.randrange(3, 40)))
    )
    start = max(start, traject.aanmelding.aangemeld_op)
    with op_datum(max(start, vanaf)):
        services.start(traject, gebruiker=backoffice, datum=start)
        services.leg_scores_vast(
            traject,
            gebruiker=backoffice,
            moment=Meetmoment.START,
            datum=start,
            scores=_scores(demo, 2),
        )
    evaluatie = start + timedelta(days=90)
    if evaluatie < laatste:
        with op_datum(evaluatie):
            services.leg_scores_vast(
                traject,
                gebruiker=backoffice,
                moment=Meetmoment.EVALUATIE,
                datum=evaluatie,
                scores=_scores(demo, 3),
            )
    if uitkomst != "beeindigd":
        return traject
    einde = min(laatste, start + timedelta(days=rng.randrange(60, 220)))
    with op_datum(einde):
        doelen = {
            d.pk: rng.choice(["behaald", "behaald", "deels", "niet"])
            for d in traject.plan.doelen.all()
        }
        services.beeindig(
            traject,
            gebruiker=backoffice,
            datum=einde,
            reden=rng.choice(["19", "19", "19", "23", "21", "38"]),
            resultaten=doelen,
            eindscores=_scores(demo, 4),
        )
        if traject.product.code.startswith("beschermd-wonen") and rng.random() < 0.5:
            services.verwijs_door(
                traject, gebruiker=backoffice, product=Product.objects.get(code="beschermd-thuis")
            )
    return traject


def _declareer(demo: Demo, overeenkomst, gebruiker):
    """Every finished month of the year, per municipality in wmoregie; a refused line is
    corrected once, except the most recent one, which waits on the worklist."""
    maand = date(2026, 1, 1)
    gemeenten = list(Gemeente.objects.exclude(code=EXTERN))
    afgewezen = []
    while declaraties.maandgrenzen(maand)[1] < demo.vandaag - timedelta(days=1):
        dag = declaraties.maandgrenzen(maand)[1] + timedelta(days=1)
        with op_datum(dag):
            for gemeente in gemeenten:
                regels = declaraties.voorstel(overeenkomst, gemeente, maand)
                if regels:
                    declaratie = declaraties.dien_in(
                        overeenkomst, gemeente, maand, regels, gebruiker=gebruiker
                    )
                    afgewezen += list(declaratie.prestaties.filter(status="afgewezen"))
        maand = dag
    for prestatie in afgewezen[:-1]:
        correctie = declaraties.corrigeer(prestatie)
        with op_datum(
            min(demo.vandaag, prestatie.declaratie.ingediend_op.date() + timedelta(days=3))
        ):
            declaraties.dien_in(
                prestatie.declaratie.overeenkomst,
                prestatie.declaratie.gemeente,
                correctie.periode_van.replace(day=1),
                [correctie],
                gebruiker=gebruiker,
                correctie_van=prestatie,
            )


def _soest_antwoordt(demo: Demo):
    """Soest's own system answers what we put in its outbox: a retour for every message and a
    toewijzing (301) for every request, through its inbox and the ingest, as the hub would."""
    from iwmo.berichten import build, parse, wmo301
    from iwmo.berichten.basis import (
        Achternaam,
        Adres,
        Geboortedatum,
        Huis,
        Omvang,
        VolledigeNaam,
        maak_header,
    )
    from iwmo.retour import maak_retour

    from wmoregie.iwmo.models import Bericht
    from wmoregie.iwmo.uitwisseling import ingest, mappen

    m = mappen(settings.IWMO_UITWISSELMAP, EXTERN)
    nummer = 4_200_000
    for pad in sorted(m.outbox.glob("WMO3*.xml")):
        data = pad.read_bytes()
        if not Bericht.objects.filter(inhoud_sha256=hashlib.sha256(data).hexdigest()).exists():
            continue  # left in the folder by another database (an earlier demo): not ours
        model = parse(data)
        if type(model).BERICHT not in ("wmo315", "wmo305", "wmo307"):
            continue
        dag = min(demo.vandaag, model.header.bericht_identificatie.dagtekening + timedelta(days=1))
        (m.inbox / f"R-{pad.name}").write_bytes(maak_retour(data, vandaag=dag))
        if type(model).BERICHT == "wmo315":
            nummer += 1
            gevraagd = model.client.aangevraagde_producten[0]
            client = Traject.objects.get(referentie_aanbieder=gevraagd.referentie_aanbieder).client
            toewijzing = wmo301.Wmo301Bericht(
                header=maak_header(
                    wmo301.Wmo301Bericht,
                    afzender=EXTERN,
                    ontvanger=model.header.afzender,
                    identificatie=f"S{nummer}",
                    dagtekening=dag,
                ),
                client=wmo301.Client(
                    bsn=client.bsn,
                    geboortedatum=Geboortedatum(datum=client.geboortedatum),
                    geslacht=client.geslacht,
                    naam=VolledigeNaam(
                        geslachtsnaam=Achternaam(
                            achternaam=client.achternaam, voorvoegsel=client.voorvoegsel or None
                        ),
                        voorletters=client.voorletters or None,
                        naam_gebruik="1",
                    ),
                    contactgegevens=[
                        wmo301.Contact(
                            soort="01",
                            adres=Adres(
                                huis=Huis(huisnummer=client.huisnummer),
                                postcode=client.postcode,
                                straatnaam=client.straat,
                                plaatsnaam=client.woonplaats,
                                land_code="NL",
                            ),
                        )
                    ],
                    toegewezen_producten=[
                        wmo301.ToegewezenProduct(
                            toewijzing_nummer=nummer,
                            referentie_aanbieder=gevraagd.referentie_aanbieder,
                            product=gevraagd.product,
                            toewijzingsdatum=dag,
                            toewijzingstijd=time(10, 0),
                            ingangsdatum=gevraagd.toewijzing_ingangsdatum,
                            einddatum=gevraagd.toewijzing_einddatum,
                            omvang=Omvang(
                                volume=gevraagd.omvang.volume,
                                eenheid=gevraagd.omvang.eenheid,
                                frequentie=gevraagd.omvang.frequentie,
                            ),
                        )
                    ],
                ),
            )
            (m.inbox / f"T-{pad.name}").write_bytes(build(toewijzing))
    ingest(settings.IWMO_UITWISSELMAP, EXTERN, vandaag=demo.vandaag, per_transactie=50)
    berichten.koppel_ontvangen()


SCENARIO = [  # (outcome, weight)
    ("lopend", 38),
    ("beeindigd", 22),
    ("wachtend", 10),
    ("nieuw", 8),
    ("geweigerd", 5),
    ("ingetrokken", 2),
    ("aangevraagd", 5),
    ("afgewezen", 3),
    ("vroege-start", 2),
]


def _verhuisd_naar_amersfoort(demo: Demo, producten, bron) -> None:
    """A client of another municipality moved to Amersfoort, and Amersfoort's area team refers
    them. The team may not see the file elsewhere, so the referral gets a provisional client and
    the back office decides whether it is the same person (docs/clienten.md, step 1)."""
    gebruiker = User.objects.filter(username="gebiedsteam").first()
    bekend = (
        Client.objects.filter(identiteit_onbevestigd=False)
        .exclude(gemeente__code__in=("0307", EXTERN))
        .exclude(aanmeldingen__gemeente__code="0307")
        .order_by("pk")
        .first()
    )
    if gebruiker is None or bekend is None:
        return
    al = set(bekend.aanmeldingen.values_list("product_id", flat=True))
    product = next((p for p in producten if p.pk not in al), None)
    if product is None:
        return
    amersfoort = Gemeente.objects.get(code="0307")
    gegevens = services.Clientgegevens(
        bsn=bekend.bsn,
        achternaam=bekend.achternaam,
        voorvoegsel=bekend.voorvoegsel,
        voorletters=bekend.voorletters,
        geboortedatum=bekend.geboortedatum,
        geslacht=bekend.geslacht,
        gemeente=amersfoort,
        straat=STRATEN["0307"],
        huisnummer=demo.rng.randrange(1, 240),
        postcode=f"{POSTCODES['0307']}GL",
        woonplaats=WOONPLAATSEN["0307"],
    )
    with op_datum(demo.vandaag - timedelta(days=1)):
        services.meld_aan(
            gebruiker=gebruiker,
            client=gegevens,
            gemeente=amersfoort,
            gebiedsteam=Gebiedsteam.objects.get(naam="Gebiedsteam Amersfoort Noord"),
            product=product,
            bron=bron,
            vraag="Net verhuisd; de cliënt vraagt opnieuw ondersteuning bij de dagstructuur.",
            aangemeld_op=demo.vandaag - timedelta(days=1),
        )


@transaction.atomic
def laad_demo(aantal: int | None = None, zaad: int = ZAAD) -> int:
    """Load the demo clients (idempotent; ``WMOREGIE_DEMO_CLIENTEN`` of them unless given);
    returns how many referrals were made."""
    aantal = settings.WMOREGIE_DEMO_CLIENTEN if aantal is None else aantal
    if Aanmelding.objects.exists():
        return 0
    gemeente_gebruiker = User.objects.filter(username="gemeente").first()
    backoffice = User.objects.filter(username="backoffice").first()
    contractmanager = User.objects.filter(username="contractmanager").first()
    if backoffice is None or not Organisatie.objects.filter(kvk_nummer=RESPIJT_KVK).exists():
        return 0  # the demo of accounts and contracten comes first
    regio = Gemeente.objects.get(code="0307").regio
    instrument = _instellingen(regio)
    consortium, _logeerhuis, logeerhuis_gebruiker = _organisaties()
    bw = _beschermd_wonen(consortium, contractmanager)
    demo = Demo(
        rng=random.Random(zaad),  # noqa: S311 - reproducible demo data, not secrets  # nosec B311
        vandaag=timezone.localdate(),
        backoffice=backoffice,
        logeerhuis=logeerhuis_gebruiker,
        gemeente=gemeente_gebruiker,
        instrument=instrument,
        bsns=set(),
    )
    if demo.vandaag < date(2026, 3, 1):
        return 0  # the agreements start on 1 January 2026: too little history to show
    rng = demo.rng
    gemeenten = list(Gemeente.objects.order_by("code"))
    gewichten = [
        {"0307": 52, "0308": 8, "0313": 7, "0317": 3, "0327": 10, "0342": 15, "0351": 5}.get(
            g.code, 5
        )
        for g in gemeenten
    ]
    bronnen = list(Verwijsbron.objects.order_by("volgorde"))
    taakgericht = list(Product.objects.filter(perceel__code="wmo-begeleiding"))
    beschermd = list(Product.objects.filter(perceel__code="beschermd-wonen"))
    respijt = Product.objects.get(code="respijtverblijf")
    uitkomsten, gewicht_uitkomst = zip(*SCENARIO, strict=True)
    for i in range(aantal):
        gemeente = rng.choices(gemeenten, gewichten)[0]
        team = rng.choice(list(Gebiedsteam.objects.filter(gemeente=gemeente)))
        uitkomst = rng.choices(uitkomsten, gewicht_uitkomst)[0]
        soort = rng.random()
        if uitkomst in ("aangevraagd", "afgewezen", "vroege-start") or soort > 0.75:
            product = (
                respijt if soort > 0.9 or uitkomst == "vroege-start" else rng.choice(beschermd)
            )
        else:
            product = rng.choice(taakgericht)
        if gemeente.code == EXTERN and uitkomst in ("afgewezen", "vroege-start"):
            uitkomst = "lopend"
        if i < 4:  # the demo users always have something to do
            gemeente, team = (
                Gemeente.objects.get(code="0307"),
                Gebiedsteam.objects.get(naam="Gebiedsteam Amersfoort Noord"),
            )
            product = Product.objects.get(code="begeleiding-regulier")
            uitkomst = ["nieuw", "wachtend", "lopend", "lopend"][i]
        _een_client(
            demo,
            product,
            gemeente,
            team,
            bronnen[0] if rng.random() < 0.7 else rng.choice(bronnen),
            uitkomst,
        )
    _soest_antwoordt(demo)
    _verhuisd_naar_amersfoort(demo, taakgericht, bronnen[0])
    from wmoregie.contracten.models import Overeenkomst

    _declareer(demo, bw, backoffice)
    _declareer(demo, Overeenkomst.objects.get(nummer="RESPIJT-2026"), logeerhuis_gebruiker)
    return aantal
