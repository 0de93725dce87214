"""Demo data: the seed's procedure for the lot Wmo-begeleiding, with three registrations.

Replays the seed's timeline (strategy April 2025, procedure June-September 2025, start
1 January 2026) through the services, with the moments of 2025 passed in, so every status change
and upload is audited as it would have been. Together the registrations exercise every rule:

1. the combination of the demo inschrijver (KvK 90000003) with two combinanten, a derde, two
   vaste onderaannemers (one added late, with the inkoper's consent) and an incidentele
   onderaannemer: valid;
2. Consortium Begeleiding Eemland names as derde Wijkkracht Vallei, which is already the derde of
   registration 3 (derde exclusivity), and sends a GVA older than 24 months: the finding blocks
   its admission and it is not admitted;
3. Zorgkracht Amersfoort (with that same derde): the inkoper records a reasoned decision on the
   finding and admits it; in the award phase it adds a vaste onderaannemer after the selection
   deadline without consent, a finding that blocks the award until the inkoper decides on it.

Before publication the inkoper sets the documents asked as the model procurement document does
(GVA, tax statement, KvK extract and VOG only on request, 14 days to deliver) and three
suitability requirements (quality mark, reference
assignment, VOG policy); after the selection opening it assesses the two exclusion grounds
answered "yes" (the combination's derde took part in the market consultation, Zorgkracht has a
tax payment arrangement: neither excludes), asks the combination's penvoerder for its KvK extract
(delivered in time), checks every requirement of every registration with
the evidence and a document, rejects the consortium, admits the other two (one after a decision on
its rule finding) and takes the selection decision, which sends the three decision letters.

The award criteria (quality only) are published with the procurement documents; the procedure is left
in ``gunning-beoordeling`` for the three assessors (``beoordelaar``, ``beoordelaar2``,
``beoordelaar3``) to try the assessment in the pages.

Idempotent: the extra assessors are ensured each time; when the procedure exists nothing else
happens. Needs the catalogue and the demo users
(``wmoregie.demo``).
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wmoregie.accounts.models import Organisatie, User
from wmoregie.catalogi.models import Perceel

from ..bestandscontrole import eenvoudige_pdf
from . import services, termijnen
from .constants import (
    LEVERTERMIJN_DAGEN,
    MODEL_DOCUMENTVEREISTEN,
    Aanbestedingsdocumentsoort,
    Beoordelingsmethode,
    Documentsoort,
    Inschrijvingsoort,
    PartijRol,
    Regelbesluitsoort,
    Status,
    Uitsluitingsoordeel,
)
from .eforms import demo as eforms_demo
from .models import Aanbesteding

KENMERK = "RA-2025-WMO-01"
PERCEEL = "wmo-begeleiding"


def _op(jaar: int, maand: int, dag: int, uur: int = 10, minuut: int = 0) -> datetime:
    return timezone.make_aware(datetime(jaar, maand, dag, uur, minuut))


def _pdf(naam: str) -> ContentFile:
    return ContentFile(eenvoudige_pdf(f"wmoregie demo: {naam}"), name=f"{naam}.pdf")


def _uea_en_gva(
    inschrijving, partij, *, gebruiker, nu, gva_afgifte=date(2025, 3, 3), van_toepassing=()
):
    services.voeg_document_toe(
        inschrijving,
        _pdf(f"uea-{partij.kvk_nummer}"),
        gebruiker=gebruiker,
        soort=Documentsoort.UEA,
        partij=partij,
        ondertekend=True,
        van_toepassing=list(van_toepassing),
        nu=nu,
    )
    services.voeg_document_toe(
        inschrijving,
        _pdf(f"gva-{partij.kvk_nummer}"),
        gebruiker=gebruiker,
        soort=Documentsoort.GVA,
        partij=partij,
        afgiftedatum=gva_afgifte,
        nu=nu,
    )


def _partij(
    inschrijving,
    rol,
    kvk,
    naam,
    taak,
    *,
    gebruiker,
    nu,
    documenten=True,
    van_toepassing=(),
    **extra,
):
    partij = services.voeg_partij_toe(
        inschrijving,
        gebruiker=gebruiker,
        rol=rol,
        naam=naam,
        kvk_nummer=kvk,
        plaats="Amersfoort",
        postcode="3811 AB",
        taakomschrijving=taak,
        percelen=list(inschrijving.aanbesteding.percelen.all()),
        nu=nu,
        **extra,
    )
    if documenten:
        _uea_en_gva(inschrijving, partij, gebruiker=gebruiker, nu=nu, van_toepassing=van_toepassing)
    return partij


def _leidende_partij(
    inschrijving, taak, *, gebruiker, nu, gva_afgifte=date(2025, 3, 3), van_toepassing=()
):
    leidend = inschrijving.partijen.get(rol__in=(PartijRol.HOOFDAANNEMER, PartijRol.PENVOERDER))
    leidend = services.wijzig_partij(
        leidend,
        gebruiker=gebruiker,
        taakomschrijving=taak,
        plaats="Amersfoort",
        postcode="3811 AC",
        nu=nu,
    )
    _uea_en_gva(
        inschrijving,
        leidend,
        gebruiker=gebruiker,
        nu=nu,
        gva_afgifte=gva_afgifte,
        van_toepassing=van_toepassing,
    )
    return leidend


def _organisatie(kvk: str, naam: str) -> Organisatie:
    return Organisatie.objects.get_or_create(kvk_nummer=kvk, defaults={"naam": naam})[0]


#: Two more assessors, so the assessment can be tried with three (with ``beoordelaar``).
EXTRA_BEOORDELAARS = (
    ("beoordelaar2", "Bente Beoordelaar", "Bente"),
    ("beoordelaar3", "Bas Beoordelaar", "Bas"),
)

#: The suitability requirements (name, proof asked), published with the selection guideline.
GESCHIKTHEIDSEISEN = (
    (
        "Kwaliteitskeurmerk: een geldig certificaat HKZ (Zorg en Welzijn), ISO 9001 of "
        "gelijkwaardig, met begeleiding in de reikwijdte; bij een combinatie voor elk lid dat "
        "begeleiding levert.",
        "Kopie van het certificaat met reikwijdte en geldigheid; bij een gelijkwaardig "
        "kwaliteitssysteem het laatste externe auditrapport.",
    ),
    (
        "Referentieopdracht: ten minste één opdracht voor Wmo-begeleiding in opdracht van een "
        "gemeente, in de afgelopen drie jaar, voor ten minste 100 cliënten per jaar.",
        "Referentieverklaring volgens het model bij de selectieleidraad, ondertekend door de "
        "opdrachtgevende gemeente.",
    ),
    (
        "VOG-beleid: elke medewerker en vrijwilliger met cliëntcontact heeft bij aanvang een "
        "Verklaring Omtrent het Gedrag (screeningsprofiel zorg en welzijn) van ten hoogste drie "
        "maanden oud, en het beleid regelt een periodieke herhaling.",
        "Het vastgestelde VOG-beleid en een verklaring van de directie over de naleving.",
    ),
)

#: The evidence the inkoper records per registration (by the KvK-nummer of its organisation),
#: one (text, file name of the evidence document) per requirement, in the order above.
EISTOETSINGEN = {
    "90000003": (
        (
            "HKZ-certificaten (Zorg en Welzijn) van de penvoerder en beide combinanten, geldig "
            "tot ten minste 2027, met ambulante begeleiding in de reikwijdte.",
            "hkz-certificaten-samen-thuis-eemland",
        ),
        (
            "Referentieverklaring van de gemeente Ede (demo): taakgerichte begeleiding 2022–2024, "
            "ongeveer 400 cliënten per jaar, uitgevoerd door Stichting Buurtkracht, de derde op "
            "wie de combinatie zich beroept.",
            "referentie-buurtkracht-ede",
        ),
        (
            "VOG-beleid van de combinatie (vastgesteld 14 mei 2025) en directieverklaringen van "
            "de penvoerder en beide combinanten.",
            "vog-beleid-samen-thuis-eemland",
        ),
    ),
    "90000001": (
        (
            "ISO 9001:2015-certificaat, reikwijdte ambulante begeleiding en dagbesteding, geldig "
            "tot 1 maart 2027.",
            "iso-9001-consortium-eemland",
        ),
        (
            "Referentieverklaring van de gemeente Nijkerk (demo): ambulante begeleiding "
            "2022–2025, ongeveer 250 cliënten per jaar.",
            "referentie-consortium-nijkerk",
        ),
        (
            "VOG-beleid 2025 en directieverklaring; de VOG's van vijf steekproefsgewijs gekozen "
            "medewerkers zijn ingezien.",
            "vog-beleid-consortium-eemland",
        ),
    ),
    "90000002": (
        (
            "HKZ-certificaat (Zorg en Welzijn), geldig tot 2028, met begeleiding bij NAH en GGZ "
            "in de reikwijdte.",
            "hkz-certificaat-zorgkracht",
        ),
        (
            "Referentieverklaring van de gemeente Amersfoort: begeleiding bij niet-aangeboren "
            "hersenletsel 2023–2025, ongeveer 120 cliënten per jaar.",
            "referentie-zorgkracht-amersfoort",
        ),
        (
            "VOG-beleid (versie 3, januari 2025) en directieverklaring over de naleving.",
            "vog-beleid-zorgkracht",
        ),
    ),
}

#: Why the consortium is not admitted: its derde is bound to another registration.
REDEN_AFWIJZING_CONSORTIUM = (
    "Stichting Wijkkracht Vallei is derde in uw aanmelding en ook in de aanmelding van "
    "Zorgkracht Amersfoort, die haar eerder (18 juni 2025) noemde. Een derde mag aan maar één "
    "aanmelding verbonden zijn; uw aanmelding steunt voor de referentie op deze derde."
)

#: The inkoper's reasoned decision on Zorgkracht's derde-exclusief finding.
REGELBESLUIT_ZORGKRACHT = (
    "De regel dat een derde aan maar één aanmelding verbonden is, beschermt de mededinging "
    "tussen de gegadigden. Het consortium, de enige andere aanmelding met Stichting Wijkkracht "
    "Vallei, is niet toegelaten; in de gunningsfase is de derde alleen aan Zorgkracht "
    "verbonden. De fout staat daarom niet in de weg aan de toelating van Zorgkracht."
)

#: The published award criteria of the demo procedure (quality only: the lot is taakgericht).
CRITERIA = (
    ("plan", "Plan van aanpak: één organisatie, één aanspreekpunt, één aansturing", 40),
    ("samenwerking", "Samenwerking met gebiedsteams en het voorliggend veld", 30),
    ("personeel", "Kwaliteit en deskundigheid van het personeel", 20),
    ("implementatie", "Implementatie per 1 januari 2026", 10),
)


def _beoordelaars(regio) -> None:
    from wmoregie.accounts.constants import Rol
    from wmoregie.accounts.models import Roltoekenning
    from wmoregie.demo import DEMO_WACHTWOORD

    for gebruikersnaam, naam, voornaam in EXTRA_BEOORDELAARS:
        gebruiker, aangemaakt = User.objects.get_or_create(
            username=gebruikersnaam,
            defaults={"first_name": voornaam, "last_name": naam.removeprefix(voornaam).strip()},
        )
        if aangemaakt:
            gebruiker.set_password(DEMO_WACHTWOORD)
            gebruiker.save()
        Roltoekenning.objects.get_or_create(gebruiker=gebruiker, rol=Rol.BEOORDELAAR, regio=regio)


@transaction.atomic
def laad_demo() -> Aanbesteding:
    perceel = Perceel.objects.get(code=PERCEEL)
    _beoordelaars(perceel.regio)
    bestaand = Aanbesteding.objects.filter(kenmerk=KENMERK).first()
    if bestaand is not None:
        return bestaand
    inkoper = User.objects.filter(username="inkoper").first()
    tweede_inkoper = User.objects.filter(username="inkoper2").first()
    inschrijver = User.objects.filter(username="inschrijver").first()
    planning = termijnen.demo_planning()

    aanbesteding = services.maak_aanbesteding(
        gebruiker=inkoper,
        regio=perceel.regio,
        percelen=[perceel],
        kenmerk=KENMERK,
        naam="Wmo-begeleiding Regio Amersfoort 2026",
        omschrijving=(
            "Taakgerichte inkoop van Wmo-begeleiding voor de regio, met start op 1 januari 2026. "
            "Niet-openbare SAS-procedure: eerst selectie, dan gunning."
        ),
        **{veld: getattr(planning, veld) for veld in planning.__dataclass_fields__},
        # the award phase has its own questions round on the award guideline
        gunning_vragen_deadline=date(2025, 7, 28),
    )
    # the model procurement document's choice (#15.6): GVA, tax statement, KvK extract and VOG
    # only on request, delivered within 14 calendar days
    services.stel_documentvereisten_in(
        aanbesteding,
        gebruiker=inkoper,
        vereisten=MODEL_DOCUMENTVEREISTEN,
        levertermijn_dagen=LEVERTERMIJN_DAGEN,
    )
    for soort in Aanbestedingsdocumentsoort:
        if soort != Aanbestedingsdocumentsoort.OVERIG:
            services.plaats_aanbestedingsdocument(
                aanbesteding,
                _pdf(soort.value),
                soort=soort,
                gebruiker=inkoper,
                nu=_op(2025, 5, 28),
            )
    # the suitability requirements, published with the selection guideline (no cap: every
    # suitable candidate is admitted)
    for naam, bewijs in GESCHIKTHEIDSEISEN:
        services.voeg_geschiktheidseis_toe(
            aanbesteding, gebruiker=inkoper, naam=naam, bewijs=bewijs
        )
    # the award criteria and method, published with the procurement documents (a publication
    # needs them; they are frozen from the award opening)
    services.stel_beoordelingsmethode_vast(
        aanbesteding, gebruiker=inkoper, methode=Beoordelingsmethode.KWALITEIT
    )
    for code, naam, weging in CRITERIA:
        services.voeg_criterium_toe(
            aanbesteding, gebruiker=inkoper, code=code, naam=naam, weging=Decimal(weging)
        )
    services.wijzig_status(
        aanbesteding, Status.SELECTIEFASE, gebruiker=inkoper, nu=_op(2025, 6, 2, 9)
    )
    # the EU contract notice (eForms), handed out at publication
    eforms_demo.kondig_aan(aanbesteding, gebruiker=inkoper, nu=_op(2025, 6, 2, 9, 5))

    # 1. the combination of the demo inschrijver: valid
    combinatie = services.schrijf_in(
        aanbesteding,
        organisatie=Organisatie.objects.get(kvk_nummer="90000003"),
        soort=Inschrijvingsoort.COMBINATIE,
        combinatienaam="Combinatie Samen Thuis Eemland (demo)",
        gebruiker=inschrijver,
        nu=_op(2025, 6, 10),
    )
    nu = _op(2025, 6, 12)
    _leidende_partij(
        combinatie,
        "Penvoerder; ambulante begeleiding in Amersfoort en Leusden.",
        gebruiker=inschrijver,
        nu=nu,
    )
    for kvk, naam, taak in (
        (
            "90000011",
            "Thuisbegeleiding Leusden (demo)",
            "Ambulante begeleiding in Leusden en Woudenberg.",
        ),
        ("90000012", "Welzijn Soest (demo)", "Begeleiding en dagbesteding in Soest en Baarn."),
    ):
        _partij(combinatie, PartijRol.COMBINANT, kvk, naam, taak, gebruiker=inschrijver, nu=nu)
    # the derde took part in the market consultation: "yes" on involvement in the preparation
    buurtkracht = _partij(
        combinatie,
        PartijRol.DERDE,
        "90000021",
        "Stichting Buurtkracht (demo)",
        "Levert de ervaring met taakgerichte begeleiding waarop de combinatie zich beroept.",
        gebruiker=inschrijver,
        nu=nu,
        expertise="Wijkgerichte begeleiding, inzet van ervaringsdeskundigen.",
        van_toepassing=["prep-confl"],
    )
    _partij(
        combinatie,
        PartijRol.VASTE_ONDERAANNEMER,
        "90000002",
        "Zorgkracht Amersfoort (demo)",
        "Specialistische begeleiding bij niet-aangeboren hersenletsel.",
        gebruiker=inschrijver,
        nu=nu,
    )
    _partij(
        combinatie,
        PartijRol.INCIDENTELE_ONDERAANNEMER,
        "",
        "Tolkendienst Vallei (demo)",
        "Tolken bij begeleiding van anderstaligen, incidenteel.",
        gebruiker=inschrijver,
        nu=nu,
        documenten=False,
    )
    services.dien_in(combinatie, gebruiker=inschrijver, nu=_op(2025, 6, 27, 15, 12))

    # a question of the combination, answered and published in Nota van Inlichtingen 1
    vraag = services.stel_vraag(
        combinatie,
        tekst=(
            "Wij (Samen Thuis) vragen: mag een derde ook vaste onderaannemer zijn in een andere "
            "inschrijving?"
        ),
        gebruiker=inschrijver,
        nu=_op(2025, 6, 11, 14),
    )
    services.beantwoord_vraag(
        vraag,
        vraag_gepubliceerd="Mag een derde ook vaste onderaannemer zijn in een andere inschrijving?",
        antwoord=(
            "Nee. Een derde is exclusief aan één inschrijving verbonden, in welke rol dan ook. "
            "Een vaste onderaannemer mag wel aan meer inschrijvingen verbonden zijn."
        ),
        gebruiker=inkoper,
        nu=_op(2025, 6, 12, 10),
    )
    services.publiceer_nota(aanbesteding, gebruiker=inkoper, nu=_op(2025, 6, 13, 10))
    services.plaats_aanbestedingsdocument(
        aanbesteding,
        _pdf("selectieleidraad-v2"),
        soort=Aanbestedingsdocumentsoort.SELECTIELEIDRAAD,
        toelichting="Verduidelijking van § 4.2 naar aanleiding van Nota van Inlichtingen 1.",
        gebruiker=inkoper,
        nu=_op(2025, 6, 13, 10, 5),
    )

    # 2. a registration that names the derde of registration 3, with an old GVA
    consortium = services.schrijf_in(
        aanbesteding,
        organisatie=Organisatie.objects.get(kvk_nummer="90000001"),
        soort=Inschrijvingsoort.HOOFDAANNEMER,
        gebruiker=None,
        nu=_op(2025, 6, 16),
    )
    nu = _op(2025, 6, 20)
    _leidende_partij(
        consortium,
        "Hoofdaannemer voor de hele regio.",
        gebruiker=None,
        nu=nu,
        gva_afgifte=date(2023, 5, 1),
    )
    _partij(
        consortium,
        PartijRol.DERDE,
        "90000022",
        "Stichting Wijkkracht Vallei (demo)",
        "Beroep op de referenties van Wijkkracht Vallei.",
        gebruiker=None,
        nu=nu,
    )

    # 3. a registration that later adds a vaste onderaannemer without consent
    zorgkracht = services.schrijf_in(
        aanbesteding,
        organisatie=Organisatie.objects.get(kvk_nummer="90000002"),
        soort=Inschrijvingsoort.HOOFDAANNEMER,
        gebruiker=None,
        nu=_op(2025, 6, 18),
    )
    # "yes" on the payment of taxes: a tax debt of 2024, under a payment arrangement
    zorgkracht_zelf = _leidende_partij(
        zorgkracht,
        "Hoofdaannemer; begeleiding NAH en GGZ.",
        gebruiker=None,
        nu=_op(2025, 6, 18),
        van_toepassing=["tax-pay"],
    )
    _partij(
        zorgkracht,
        PartijRol.DERDE,
        "90000022",
        "Stichting Wijkkracht Vallei (demo)",
        "Levert de referenties voor begeleiding in de wijk.",
        gebruiker=None,
        nu=_op(2025, 6, 18),
    )
    services.dien_in(
        zorgkracht, gebruiker=None, ondanks_open_punten=True, nu=_op(2025, 6, 25, 9, 30)
    )
    # the consortium submits last, although its checklist names the derde of Zorgkracht
    # (recorded with the submission)
    services.dien_in(
        consortium, gebruiker=None, ondanks_open_punten=True, nu=_op(2025, 6, 30, 11, 48)
    )

    # four eyes: one inkoper proposes the opening, the other confirms it
    services.stel_opening_voor(aanbesteding, gebruiker=inkoper, nu=_op(2025, 6, 30, 12, 5))
    services.bevestig_opening(aanbesteding, gebruiker=tweede_inkoper, nu=_op(2025, 6, 30, 12, 10))
    # the selection as IW-E ch. 5 orders it: the exclusion grounds a UEA-signing party answered
    # "yes" (grounds answered "no" ask no assessment), then every suitability requirement of
    # every registration with its evidence, then the decision
    services.toets_uitsluitingsgrond(
        buurtkracht,
        code="prep-confl",
        oordeel=Uitsluitingsoordeel.NIET_UITGESLOTEN,
        motivering=(
            "Stichting Buurtkracht nam deel aan de openbare marktconsultatie van april 2025 en had "
            "verder geen rol in de voorbereiding. Het verslag van de consultatie is met de "
            "selectieleidraad aan alle gegadigden verstrekt: geen voorsprong, dus geen uitsluiting."
        ),
        bewijs="Verslag van de marktconsultatie (bijlage bij de selectieleidraad).",
        gebruiker=inkoper,
        nu=_op(2025, 7, 1),
    )
    services.toets_uitsluitingsgrond(
        zorgkracht_zelf,
        code="tax-pay",
        oordeel=Uitsluitingsoordeel.NIET_UITGESLOTEN,
        motivering=(
            "Zorgkracht had een belastingschuld over 2024 en heeft vóór de aanmelding een "
            "betalingsregeling met de Belastingdienst getroffen, die zij nakomt. Wie een bindende "
            "betalingsregeling nakomt, valt niet onder deze uitsluitingsgrond."
        ),
        bewijs=(
            "Verklaring betalingsgedrag nakoming fiscale verplichtingen van de Belastingdienst "
            "van 16 juni 2025, met de betalingsregeling."
        ),
        gebruiker=inkoper,
        nu=_op(2025, 7, 1, 11),
    )
    # a document on request (#15.6): the KvK extract of the combination's penvoerder, asked on
    # 1 July (due 15 July) and delivered on 8 July, six days old
    penvoerder = combinatie.partijen.get(rol=PartijRol.PENVOERDER)
    verzoek = services.verzoek_document(
        combinatie,
        partij=penvoerder,
        soort=Documentsoort.KVK_UITTREKSEL,
        toelichting="Ter controle van de vertegenwoordigingsbevoegdheid van de penvoerder.",
        gebruiker=inkoper,
        nu=_op(2025, 7, 1, 11, 30),
    )
    services.lever_document(
        verzoek,
        _pdf(f"kvk-{penvoerder.kvk_nummer}"),
        gebruiker=inschrijver,
        afgiftedatum=date(2025, 7, 2),
        nu=_op(2025, 7, 8, 10),
    )
    eisen = list(aanbesteding.geschiktheidseisen.all())
    for dag, inschrijving in enumerate((combinatie, consortium, zorgkracht), start=2):
        for eis, (bewijs, bestand) in zip(
            eisen, EISTOETSINGEN[inschrijving.organisatie.kvk_nummer], strict=True
        ):
            services.toets_eis(
                inschrijving,
                eis,
                voldoet=True,
                bewijs=bewijs,
                document=_pdf(bestand),
                gebruiker=inkoper,
                nu=_op(2025, 7, dag),
            )
    # the rules decide: the consortium and Zorgkracht both name Wijkkracht Vallei as derde
    # (derde-exclusief, an error in both). The consortium, which named it last, is not admitted
    # (no decision: the finding blocks); for Zorgkracht the inkoper records a reasoned decision.
    services.beslis_selectie(
        consortium,
        toegelaten=False,
        motivering=REDEN_AFWIJZING_CONSORTIUM,
        gebruiker=inkoper,
        nu=_op(2025, 7, 10),
    )
    services.neem_regelbesluit(
        zorgkracht,
        code="derde-exclusief",
        partij_id=zorgkracht.partijen.get(rol=PartijRol.DERDE).pk,
        besluit=Regelbesluitsoort.NIET_VAN_TOEPASSING,
        motivering=REGELBESLUIT_ZORGKRACHT,
        gebruiker=inkoper,
        nu=_op(2025, 7, 10),
    )
    for inschrijving in (combinatie, zorgkracht):
        services.beslis_selectie(
            inschrijving,
            toegelaten=True,
            motivering=(
                "Geen uitsluitingsgrond van toepassing en voldaan aan alle geschiktheidseisen."
            ),
            gebruiker=inkoper,
            nu=_op(2025, 7, 10, 11),
        )
    # the selection decision for all: sends the three decision letters
    services.wijzig_status(
        aanbesteding, Status.GUNNINGSFASE, gebruiker=inkoper, nu=_op(2025, 7, 14)
    )

    # award phase: its own Nota van Inlichtingen round on the award guideline
    vraag = services.stel_vraag(
        combinatie,
        tekst="Telt bij het plan van aanpak ook de inzet van ervaringsdeskundigen mee?",
        gebruiker=inschrijver,
        nu=_op(2025, 7, 21, 14),
    )
    services.beantwoord_vraag(
        vraag,
        antwoord=(
            "Ja. De inzet van ervaringsdeskundigen valt onder criterium 1 (plan van aanpak), "
            "onderdeel één aansturing in de wijk."
        ),
        gebruiker=inkoper,
        nu=_op(2025, 7, 23, 10),
    )
    services.publiceer_nota(aanbesteding, gebruiker=inkoper, nu=_op(2025, 7, 24, 10))

    # award phase: the combination adds a vaste onderaannemer with consent, Zorgkracht without
    jobcoach = _partij(
        combinatie,
        PartijRol.VASTE_ONDERAANNEMER,
        "90000032",
        "Jobcoach Eemland (demo)",
        "Begeleiding naar werk en dagbesteding.",
        gebruiker=inschrijver,
        nu=_op(2025, 7, 21),
    )
    services.verleen_toestemming(
        jobcoach,
        gebruiker=inkoper,
        kenmerk="RA-2025-WMO-01/T-001",
        toelichting="Schriftelijke toestemming per brief van 22 juli 2025.",
        nu=_op(2025, 7, 22),
    )
    _partij(
        zorgkracht,
        PartijRol.VASTE_ONDERAANNEMER,
        "90000051",
        "Dagbesteding De Eem (demo)",
        "Dagbesteding voor cliënten met NAH.",
        gebruiker=None,
        nu=_op(2025, 7, 25),
    )
    for inschrijving, moment in (
        (combinatie, _op(2025, 8, 15, 16)),
        (zorgkracht, _op(2025, 8, 18, 11, 2)),
    ):
        services.dien_in(
            inschrijving,
            gebruiker=None if inschrijving != combinatie else inschrijver,
            # Zorgkracht submits although its late vaste onderaannemer has no consent (recorded)
            ondanks_open_punten=inschrijving == zorgkracht,
            nu=moment,
        )
    services.stel_opening_voor(aanbesteding, gebruiker=tweede_inkoper, nu=_op(2025, 8, 18, 12, 5))
    services.bevestig_opening(aanbesteding, gebruiker=inkoper, nu=_op(2025, 8, 18, 12, 10))
    # left here: the three assessors sign their declaration and score in the pages
    return aanbesteding
