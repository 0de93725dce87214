"""Demo data of contracten: the Wmo begeleiding agreement with budget, sheets and subcontractors.

Runs after the catalogue and the demo users (``wmoregie.demo``). Idempotent: when the demo
agreement exists nothing is added. All names and KvK numbers are fictitious ("(demo)"); the
figures are illustrative, not the region's real budget or tariffs. Document dates are relative
to the day of loading, so "expires soon" stays true in a fresh demo.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wmoregie.accounts.constants import Organisatiesoort
from wmoregie.accounts.models import Organisatie, User
from wmoregie.catalogi.models import Gemeente, Perceel, Product

from . import services
from .constants import Documentsoort, Onderaannemersoort, Opdrachtnemersvorm, OvereenkomstStatus
from .models import Overeenkomst

NUMMER = "WMO-BEG-2026"
CONSORTIUM_KVK = "90000001"
ONDERAANNEMER_KVK = "90000002"

# Inhabitants per municipality, rounded and illustrative (order of magnitude of CBS 2025).
INWONERS = {
    "0307": 164000,
    "0308": 25100,
    "0313": 22500,
    "0317": 9600,
    "0327": 31000,
    "0342": 47700,
    "0351": 14300,
}
BUDGET_2026 = Decimal("24750000.00")

COMBINANTEN = [
    ("90000111", "Stichting Eemland Begeleiding (demo)", True),
    ("90000112", "Welzijn Leusden-Soest (demo)", False),
]

# (kvk, name, kind, expertise, product codes, is_zzp, after the start?)
ONDERAANNEMERS = [
    (
        "90000121",
        "Buurtkracht Eemland (demo)",
        Onderaannemersoort.DERDE,
        "Groepsgerichte begeleiding en inloop in de wijk.",
        ["aanvullende-begeleiding", "begeleiding-regulier"],
        False,
        False,
    ),
    (
        "90000122",
        "Herstelhuis Amersfoort (demo)",
        Onderaannemersoort.DERDE,
        "Begeleid wonen en huren onder voorwaarden.",
        ["begeleid-wonen", "huren-onder-voorwaarden"],
        False,
        False,
    ),
    (
        ONDERAANNEMER_KVK,
        None,  # the demo organisation of wmoregie.demo keeps its name
        Onderaannemersoort.VAST,
        "Ambulante begeleiding thuis, ook in de avonduren.",
        ["begeleiding-regulier", "praktische-begeleiding"],
        False,
        False,
    ),
    (
        "90000123",
        "Thuisbegeleiding De Eem (demo)",
        Onderaannemersoort.VAST,
        "Praktische begeleiding bij huishouden, post en geldzaken.",
        ["praktische-begeleiding"],
        False,
        False,
    ),
    (
        "90000124",
        "Specialistische begeleiding NAH (demo)",
        Onderaannemersoort.INCIDENTEEL,
        "Begeleiding bij niet-aangeboren hersenletsel.",
        ["aanvullende-begeleiding"],
        False,
        True,
    ),
    (
        "90000125",
        "Tolk en Taal Ondersteuning (demo)",
        Onderaannemersoort.INCIDENTEEL,
        "Tijdelijke capaciteit voor begeleiding van anderstaligen.",
        ["begeleiding-regulier"],
        False,
        True,
    ),
]

NIET_PRODUCTIEF = [
    services.NietProductieveTijdInvoer("Verlof", Decimal("10"), bron="Cao Sociaal Werk 2025"),
    services.NietProductieveTijdInvoer("Ziekte", Decimal("6"), bron="Vernet, branchegemiddelde"),
    services.NietProductieveTijdInvoer("Scholing", Decimal("3"), bron="Kwaliteitskader"),
    services.NietProductieveTijdInvoer("Reistijd", Decimal("5"), bron="Eigen meting (demo)"),
    services.NietProductieveTijdInvoer(
        "Indirecte cliënttijd", Decimal("8"), bron="Eigen meting (demo)"
    ),
]

# (product code, level, scale, monthly salary, received tariff for the margin)
PRIJSBLADEN = [
    # taakgericht: no tariff per hour for the main contractor, so no received tariff (#15.8)
    ("praktische-begeleiding", "mbo niveau 3", "6", Decimal("2950.00"), None),
    ("begeleiding-regulier", "mbo niveau 4", "7", Decimal("3200.00"), None),
    ("aanvullende-begeleiding", "hbo", "8", Decimal("3500.00"), None),
]


def _organisatie(kvk: str, naam: str | None, soort=Organisatiesoort.AANBIEDER) -> Organisatie:
    if naam is None:
        return Organisatie.objects.get(kvk_nummer=kvk)
    return Organisatie.objects.update_or_create(
        kvk_nummer=kvk, defaults={"naam": naam, "soort": soort}
    )[0]


RESPIJT_NUMMER = "RESPIJT-2026"
RESPIJT_KVK = "90000031"
RESPIJT_TARIEF_2026 = Decimal("245.80")  # per etmaal, illustrative


def _laad_respijt(gebruiker) -> Overeenkomst:
    """The separate lot respijtverblijf (inspanningsgericht, unit etmaal), made by hand: a tariff
    list 2026 and its indexation to 2027 (first contract year: the forecast alone)."""
    bestaand = Overeenkomst.objects.filter(nummer=RESPIJT_NUMMER).first()
    if bestaand:
        return bestaand
    overeenkomst = services.maak_overeenkomst(
        gebruiker=gebruiker,
        nummer=RESPIJT_NUMMER,
        naam="Respijtverblijf Regio Amersfoort 2026–2027",
        perceel=Perceel.objects.get(code="respijtverblijf"),
        opdrachtnemersvorm=Opdrachtnemersvorm.HOOFDAANNEMER,
        opdrachtnemer=_organisatie(RESPIJT_KVK, "Logeerhuis De Eemhoeve (demo)"),
        ingangsdatum=date(2026, 1, 1),
        einddatum=date(2027, 12, 31),
        artikelen=["3.1", "3.2"],
        verlengingsopties=[12],
        bron="demo",
    )
    services.wijzig_status(
        overeenkomst, OvereenkomstStatus.ACTIEF, gebruiker=gebruiker, toelichting="Demo."
    )
    services.stel_tarief_vast(
        overeenkomst,
        gebruiker=gebruiker,
        product=Product.objects.get(code="respijtverblijf"),
        bedrag=RESPIJT_TARIEF_2026,
        geldig_van=date(2026, 1, 1),
        geldig_tot=date(2026, 12, 31),
        bron="Tarief per etmaal 2026, illustratief (demo).",
    )
    services.indexeer_tarieven(
        overeenkomst,
        jaar=2026,
        cijfers=services.Indexcijfers(
            personeel_prognose_volgend_jaar=Decimal("3.3"),
            materieel_prognose_volgend_jaar=Decimal("2.4"),
            eerste_contractjaar=True,
            bron="Prognoses 2027: OVA en CPI, illustratieve cijfers (demo).",
        ),
        gebruiker=gebruiker,
    )
    return overeenkomst


@transaction.atomic
def laad_demo() -> Overeenkomst:
    _laad_respijt(User.objects.filter(username="contractmanager").first())
    bestaand = Overeenkomst.objects.filter(nummer=NUMMER).first()
    if bestaand:
        return bestaand
    vandaag = timezone.localdate()
    gebruiker = User.objects.filter(username="contractmanager").first()
    backoffice = User.objects.filter(username="backoffice").first() or gebruiker
    perceel = Perceel.objects.get(code="wmo-begeleiding")
    consortium = Organisatie.objects.get(kvk_nummer=CONSORTIUM_KVK)

    overeenkomst = services.maak_overeenkomst(
        gebruiker=gebruiker,
        nummer=NUMMER,
        naam="Wmo begeleiding Regio Amersfoort 2026–2029",
        perceel=perceel,
        opdrachtnemersvorm=Opdrachtnemersvorm.COMBINATIE,
        opdrachtnemer=consortium,
        ingangsdatum=date(2026, 1, 1),
        einddatum=date(2029, 12, 31),
        artikelen=["1.8", "3.1", "3.2", "3.9"],
        combinanten=[
            services.CombinantInvoer(_organisatie(kvk, naam), penvoerder=penvoerder)
            for kvk, naam, penvoerder in COMBINANTEN
        ],
        verlengingsopties=[24, 24],
        bron="demo",
    )

    # Named in the procedure: derden and vaste onderaannemers, before the start.
    onderaannemers = {}
    for kvk, naam, soort, expertise, codes, is_zzp, tijdens_looptijd in ONDERAANNEMERS:
        if tijdens_looptijd:
            continue
        onderaannemers[kvk] = services.registreer_onderaannemer(
            overeenkomst,
            gebruiker=backoffice,
            organisatie=_organisatie(kvk, naam),
            soort=soort,
            expertise=expertise,
            producten=Product.objects.filter(code__in=codes),
            ingangsdatum=date(2026, 1, 1),
            is_zzp=is_zzp,
        )

    overeenkomst = services.wijzig_status(
        overeenkomst,
        OvereenkomstStatus.ACTIEF,
        gebruiker=gebruiker,
        toelichting="Getekend door regio en penvoerder (demo).",
    )

    # Engaged during the term: incidental subcontractors need the region's written consent.
    for kvk, naam, soort, expertise, codes, is_zzp, tijdens_looptijd in ONDERAANNEMERS:
        if not tijdens_looptijd:
            continue
        onderaannemers[kvk] = services.registreer_onderaannemer(
            overeenkomst,
            gebruiker=backoffice,
            organisatie=_organisatie(kvk, naam),
            soort=soort,
            expertise=expertise,
            producten=Product.objects.filter(code__in=codes),
            ingangsdatum=date(2026, 3, 1),
            einddatum=date(2026, 12, 31),
            is_zzp=is_zzp,
        )
    services.besluit_toestemming(
        onderaannemers["90000124"],
        gebruiker=gebruiker,
        verleend=True,
        datum=date(2026, 2, 20),
        kenmerk="RA-2026-0142 (demo)",
    )

    for kvk, onderaannemer in onderaannemers.items():
        for soort in Documentsoort:
            geldig_tot = vandaag + timedelta(days=400)
            if kvk == "90000123" and soort == Documentsoort.VERZEKERING:
                geldig_tot = vandaag + timedelta(days=21)  # expires soon: shows a warning
            services.voeg_document_toe(
                onderaannemer,
                gebruiker=backoffice,
                soort=soort,
                kenmerk=f"{soort.label} {onderaannemer.organisatie.naam}",
                afgegeven_op=vandaag - timedelta(days=90),
                geldig_tot=None if soort == Documentsoort.GEDRAGSVERKLARING else geldig_tot,
            )

    gemeenten = {g.code: g for g in Gemeente.objects.filter(code__in=INWONERS)}
    budget = services.stel_budget_vast(
        overeenkomst,
        gebruiker=gebruiker,
        jaar=2026,
        totaal=BUDGET_2026,
        verdeelsleutel="Aantal inwoners per 1 januari 2025 (afgerond, illustratief)",
        sleutelwaarden={gemeenten[code]: Decimal(n) for code, n in INWONERS.items()},
        aantal_termijnen=12,
    )
    # 2027 is the first year after the new purchase: the forecast alone (explanation art. 3.2).
    services.indexeer_budget(
        budget,
        services.Indexcijfers(
            personeel_prognose_volgend_jaar=Decimal("3.3"),
            materieel_prognose_volgend_jaar=Decimal("2.4"),
            eerste_contractjaar=True,
            bron="Prognoses 2027: OVA en CPI, illustratieve cijfers (demo).",
        ),
        gebruiker=gebruiker,
    )

    prijsbladen = {}
    for code, niveau, schaal, salaris, ontvangen in PRIJSBLADEN:
        prijsblad = services.maak_prijsblad(
            overeenkomst,
            gebruiker=gebruiker,
            product=Product.objects.get(code=code),
            kwalificatieniveau=niveau,
            niet_productieve_tijd=NIET_PRODUCTIEF,
            geldig_vanaf=date(2026, 1, 1),
            cao="Cao Sociaal Werk",
            schaal=schaal,
            trede="5",
            maandsalaris=salaris,
            vakantietoeslag_percentage=Decimal("8"),
            eindejaarsuitkering_percentage=Decimal("8.33"),
            werkgeverslasten_percentage=Decimal("30"),
            jaaruren_per_fte=Decimal("1872"),
            overhead_percentage=Decimal("20"),
            risico_winst_percentage=Decimal("3"),
            ontvangen_tarief=ontvangen,
            bronnen=(
                "Salaris: Cao Sociaal Werk, loontabel 2025 (illustratief). Werkgeverslasten: "
                "gemiddelde sociale lasten en pensioen. Overhead en risico: uitgangspunten van "
                "de regio voor 2026 (demo)."
            ),
        )
        prijsbladen[code] = services.publiceer_prijsblad(prijsblad, gebruiker=gebruiker)

    services.maak_onderaanneemcontract(
        onderaannemers[ONDERAANNEMER_KVK],
        gebruiker=backoffice,
        prijsblad=prijsbladen["begeleiding-regulier"],
        nummer="OAC-2026-001",
        ingangsdatum=date(2026, 1, 1),
        einddatum=date(2029, 12, 31),
        ondertekend_op=date(2025, 12, 15),
    )
    services.maak_onderaanneemcontract(
        onderaannemers["90000123"],
        gebruiker=backoffice,
        prijsblad=prijsbladen["praktische-begeleiding"],
        nummer="OAC-2026-002",
        ingangsdatum=date(2026, 1, 1),
        einddatum=date(2029, 12, 31),
        ondertekend_op=date(2025, 12, 18),
    )
    return overeenkomst
