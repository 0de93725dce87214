"""What the EU notices of a procedure say, gathered from the data wmoregie holds, and what is
still missing (the checklist on the procedure page).

``kennisgeving()`` returns plain data (no models) that ``xml`` writes and the preview shows;
``controlelijst()`` names every value eForms needs that is not there yet, where it belongs and
whether it blocks the notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from ..constants import LEIDENDE_ROLLEN, Beoordelingsmethode, Fase, PartijRol, Status
from .constants import DREMPEL_SAS, EER, LAND, Omvang, Soort

# --- the notice as data ----------------------------------------------------------------------


@dataclass(frozen=True)
class Contactpunt:
    """A touch point of an organisation: where to ask questions and find the documents."""

    id: str  # TPO-0001
    naam: str
    email: str
    telefoon: str
    website: str


@dataclass(frozen=True)
class Organisatie:
    """An organisation in the notice (buyer or tenderer)."""

    id: str  # ORG-0001
    naam: str
    identificatie: str  # BT-501: the KvK-nummer
    plaats: str
    nuts: str
    land: str = LAND
    postcode: str = ""
    straat: str = ""
    email: str = ""
    telefoon: str = ""
    website: str = ""
    #: Buyers of a joint procurement: the leading one (OPP-050); None for a single buyer.
    leider: bool | None = None
    contactpunt: Contactpunt | None = None
    omvang: str = ""  # BT-165, of a winner


@dataclass(frozen=True)
class Criterium:
    """An award criterion (BT-539 type, BT-734 name, BT-540 description, BT-541 weight)."""

    soort: str  # quality / price
    naam: str
    omschrijving: str
    gewicht: Decimal | None = None


@dataclass(frozen=True)
class Selectiecriterium:
    """A selection criterion (BT-747 type, BT-749 name, BT-750 description; BT-40/752 when it
    chooses the candidates for the second stage)."""

    soort: str  # BT-809, slc-…
    naam: str
    omschrijving: str
    tweede_fase: bool = False
    gewicht: Decimal | None = None


@dataclass(frozen=True)
class Perceel:
    id: str  # LOT-0001
    code: str  # BT-22, the lot's internal identifier
    naam: str
    omschrijving: str
    cpv: str
    nuts: tuple[str, ...]


@dataclass(frozen=True)
class Tender:
    """A winning tender of a lot (BT-3201 id, BT-720 value) by a tendering party."""

    id: str  # TEN-0001
    perceel_id: str
    partij_id: str  # TPA-0001
    waarde: Decimal | None
    referentie: str


@dataclass(frozen=True)
class Inschrijvende:
    """A tendering party: one tenderer, or a combination with its leader."""

    id: str  # TPA-0001
    naam: str
    leden: tuple[str, ...]  # organisation ids, the leader first
    combinatie: bool


@dataclass(frozen=True)
class Contract:
    id: str  # CON-0001
    nummer: str  # BT-150
    titel: str
    gesloten_op: date  # BT-145
    tender_ids: tuple[str, ...]


@dataclass(frozen=True)
class Uitslag:
    """The result of one lot (BT-142, BT-144, BT-759)."""

    id: str  # RES-0001
    perceel_id: str
    gegund: bool
    reden: str  # non-award justification when not awarded
    aantal_inschrijvingen: int
    tender_ids: tuple[str, ...] = ()
    contract_ids: tuple[str, ...] = ()
    waarde: Decimal | None = None
    #: BT-760/759 beyond the number of tenders: by size and origin of the tenderer
    statistiek: tuple[tuple[str, int], ...] = ()


@dataclass
class Kennisgeving:
    soort: str
    kenmerk: str
    procedure_id: str
    naam: str
    omschrijving: str
    procedurebeschrijving: str
    kopers: list[Organisatie]
    percelen: list[Perceel]
    criteria: list[Criterium]
    selectiecriteria: list[Selectiecriterium]
    max_kandidaten: int | None
    platform_url: str
    geraamde_waarde: Decimal | None
    contractstart: date
    looptijd_maanden: int | None
    vragen_tot: datetime
    aanmelden_tot: datetime
    inschrijven_tot: datetime
    # the award notice
    organisaties: list[Organisatie] = field(default_factory=list)  # tenderers beyond the buyers
    inschrijvenden: list[Inschrijvende] = field(default_factory=list)
    tenders: list[Tender] = field(default_factory=list)
    contracten: list[Contract] = field(default_factory=list)
    uitslagen: list[Uitslag] = field(default_factory=list)
    gunningsbesluit: date | None = None  # BT-1451, the winner decision

    @property
    def cpv(self) -> str:
        return self.percelen[0].cpv if self.percelen else ""

    @property
    def nuts(self) -> tuple[str, ...]:
        return tuple(sorted({n for p in self.percelen for n in p.nuts}))

    @property
    def totale_waarde(self) -> Decimal | None:
        waarden = [u.waarde for u in self.uitslagen if u.gegund and u.waarde is not None]
        return sum(waarden, Decimal(0)) if waarden else None

    @property
    def alle_organisaties(self) -> list[Organisatie]:
        return [*self.kopers, *self.organisaties]


# --- the checklist ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Ontbrekend:
    """A value an EU notice needs that the procedure does not hold yet.

    ``waar`` says where it is added: ``eforms`` (the form on the notices page), ``bewerken``
    (the procedure's own form) or ``procedure`` (a step of the procedure itself)."""

    code: str
    bericht: str
    waar: str
    ernst: str = "error"  # error blocks the notice; warning informs

    @property
    def blokkeert(self) -> bool:
        return self.ernst == "error"


def _gegevens_van(aanbesteding):
    """The procedure's eForms record, created when missing: for the services that record
    values or hand out a notice (its procedure identifier must stay the same from then on)."""
    from .models import EformsGegevens

    return EformsGegevens.objects.get_or_create(aanbesteding=aanbesteding)[0]


def gegevens_van(aanbesteding, *, voorgelezen: bool = False):
    """The procedure's eForms record to read: the stored one, or an unsaved one with the
    defaults while nothing was recorded yet. Never writes: the pages that show the checklists
    call it on a GET (#14 B). An unsaved record has no procedure identifier yet (``pk`` None).

    ``voorgelezen``: the caller read the procedure with ``select_related("eforms")`` (a page),
    so the record (or its absence) comes with it and is not read again."""
    from .models import EformsGegevens

    if voorgelezen:
        try:
            gevonden = aanbesteding.eforms
        except EformsGegevens.DoesNotExist:
            gevonden = None
    else:
        gevonden = EformsGegevens.objects.filter(aanbesteding=aanbesteding).first()
    return gevonden or EformsGegevens(aanbesteding_id=aanbesteding.pk, procedure_id=None)


def _gemeenten(aanbesteding) -> list:
    return list(aanbesteding.regio.gemeenten.order_by("naam"))


def controlelijst(
    aanbesteding, soort: str = Soort.CN, *, gegevens=None, gemeenten=None
) -> list[Ontbrekend]:
    """What is missing for the notice ``soort`` (errors first). Empty: the notice can be made.

    ``gegevens`` and ``gemeenten``: already read (a page checks every kind of notice)."""
    if gegevens is None:
        gegevens = gegevens_van(aanbesteding)
    regio = aanbesteding.regio
    if gemeenten is None:
        gemeenten = _gemeenten(aanbesteding)
    uit: list[Ontbrekend] = []
    if not aanbesteding.omschrijving.strip():
        uit.append(
            Ontbrekend(
                "omschrijving-ontbreekt",
                "De aanbesteding heeft geen omschrijving (de korte beschrijving van de opdracht).",
                "bewerken",
            )
        )
    percelen = list(aanbesteding.percelen.all())
    if not percelen:
        uit.append(Ontbrekend("geen-percelen", "De aanbesteding heeft geen percelen.", "bewerken"))
    for perceel in percelen:
        if not perceel.cpv_code:
            uit.append(
                Ontbrekend(
                    "cpv-ontbreekt",
                    f"Perceel {perceel.naam} heeft geen CPV-code.",
                    "eforms",
                )
            )
    if not gemeenten:
        uit.append(Ontbrekend("geen-kopers", f"{regio.naam} heeft geen gemeenten.", "eforms"))
    for gemeente in gemeenten:
        if not gemeente.kvk_nummer:
            uit.append(
                Ontbrekend(
                    "koper-kvk-ontbreekt",
                    f"{gemeente.officiele_naam} heeft geen KvK-nummer.",
                    "eforms",
                )
            )
        if not gemeente.postcode:
            uit.append(
                Ontbrekend(
                    "koper-postcode-ontbreekt",
                    f"{gemeente.officiele_naam} heeft geen postcode.",
                    "eforms",
                )
            )
        if not gemeente.nuts_code:
            uit.append(
                Ontbrekend(
                    "koper-nuts-ontbreekt",
                    f"{gemeente.officiele_naam} heeft geen NUTS-code.",
                    "eforms",
                )
            )
    if len(gemeenten) > 1 and regio.penvoerende_gemeente_id is None:
        uit.append(
            Ontbrekend(
                "penvoerder-ontbreekt",
                f"Kies de penvoerende gemeente van {regio.naam} (de leidende aanbestedende dienst).",
                "eforms",
            )
        )
    for veld, naam in (
        ("contact_naam", "naam"),
        ("contact_email", "e-mailadres"),
        ("contact_telefoon", "telefoonnummer"),
    ):
        if not getattr(regio, veld):
            uit.append(
                Ontbrekend(
                    "contactpunt-ontbreekt",
                    f"Het contactpunt van {regio.naam} heeft geen {naam}.",
                    "eforms",
                )
            )
    if not gegevens.platform_url:
        uit.append(
            Ontbrekend(
                "platform-ontbreekt",
                "Geef het adres waar gegadigden de stukken vinden, vragen stellen en zich aanmelden.",
                "eforms",
            )
        )
    if gegevens.geraamde_waarde is None:
        uit.append(
            Ontbrekend(
                "waarde-ontbreekt",
                "De geraamde waarde ontbreekt: daarmee toetst u of aankondigen verplicht is.",
                "eforms",
                "warning",
            )
        )
    elif gegevens.geraamde_waarde < DREMPEL_SAS:
        uit.append(
            Ontbrekend(
                "onder-drempel",
                "De geraamde waarde ligt onder de EU-drempel voor sociale en andere specifieke "
                "diensten (€ 750.000): aankondigen is niet verplicht, wel toegestaan.",
                "eforms",
                "warning",
            )
        )
    if gegevens.looptijd_maanden is None:
        uit.append(
            Ontbrekend(
                "looptijd-ontbreekt",
                "De looptijd van de overeenkomst ontbreekt (alleen de startdatum wordt vermeld).",
                "eforms",
                "warning",
            )
        )
    for _sleutel, naam in selectiecriteria_zonder_soort(aanbesteding, gegevens):
        uit.append(
            Ontbrekend(
                "selectiesoort-ontbreekt",
                f"Kies het soort selectiecriterium van „{naam[:80]}”.",
                "eforms",
            )
        )
    if not aanbesteding.criteria.exists():
        uit.append(
            Ontbrekend(
                "gunningscriteria-ontbreken",
                "Er zijn nog geen gunningscriteria: de aankondiging verwijst dan naar de "
                "aanbestedingsstukken.",
                "procedure",
                "warning",
            )
        )
    if soort == Soort.CAN:
        uit.extend(_controle_gunning(aanbesteding, gegevens))
    return sorted(uit, key=lambda o: o.ernst != "error")


def _controle_gunning(aanbesteding, gegevens) -> list[Ontbrekend]:
    if aanbesteding.status != Status.DEFINITIEF_GEGUND or aanbesteding.winnaar_id is None:
        return [
            Ontbrekend(
                "niet-definitief-gegund",
                "De aankondiging van de gegunde opdracht volgt na de definitieve gunning.",
                "procedure",
            )
        ]
    uit = []
    for partij in _leden(aanbesteding.winnaar):
        if not partij.kvk_nummer:
            uit.append(
                Ontbrekend(
                    "winnaar-kvk-ontbreekt",
                    f"{partij.naam} (winnaar) heeft geen KvK-nummer.",
                    "procedure",
                )
            )
        if not partij.plaats or not partij.postcode:
            uit.append(
                Ontbrekend(
                    "winnaar-adres-ontbreekt",
                    f"Van {partij.naam} (winnaar) zijn de plaats en postcode niet bekend.",
                    "procedure",
                )
            )
    for partij in _leden(aanbesteding.winnaar):
        if (partij.land or LAND) in EER and not nuts_van(partij, gegevens):
            uit.append(
                Ontbrekend(
                    "winnaar-nuts-ontbreekt",
                    f"Geef de NUTS-regio van {partij.naam} (winnaar).",
                    "eforms",
                )
            )
    for partij in partijen_voor_omvang(aanbesteding):
        if not omvang_van(partij, gegevens):
            uit.append(
                Ontbrekend(
                    "omvang-ontbreekt",
                    f"Geef de omvang van {partij.naam} (micro, klein, middelgroot of groot).",
                    "eforms",
                )
            )
    if aanbesteding.winnaar.prijs is None and gegevens.geraamde_waarde is None:
        uit.append(
            Ontbrekend(
                "gunningswaarde-ontbreekt",
                "De waarde van de gegunde opdracht is niet bekend: geef de geraamde waarde (bij "
                "een vast budget is dat de waarde van de opdracht).",
                "eforms",
            )
        )
    return uit


# --- gathering the notice ---------------------------------------------------------------------


def _moment(dag: date, tijd) -> datetime:
    return timezone.make_aware(datetime.combine(dag, tijd))


def _leden(inschrijving) -> list:
    """The members of a registration that tender: the leading party first, then combinanten."""
    partijen = list(
        inschrijving.partijen.filter(rol__in=(*LEIDENDE_ROLLEN, PartijRol.COMBINANT)).order_by(
            "toegevoegd_op", "id"
        )
    )
    return sorted(partijen, key=lambda p: p.rol not in LEIDENDE_ROLLEN)


def _percelen_van(inschrijving, alle: list) -> list:
    """The lots a registration tenders for: those its leading party serves, else all lots."""
    leidend = next((p for p in inschrijving.partijen.all() if p.rol in LEIDENDE_ROLLEN), None)
    eigen = {p.pk for p in leidend.percelen.all()} if leidend is not None else set()
    gekozen = [p for p in alle if p.pk in eigen]
    return gekozen or list(alle)


def procedurebeschrijving(aanbesteding) -> str:
    """BT-88, the main features of the procedure, in Dutch, from the procedure's own data."""
    sluiting = aanbesteding.sluitingstijd.strftime("%H:%M")
    tekst = [
        "Niet-openbare procedure volgens het verlichte regime voor sociale en andere specifieke "
        "diensten (Aanbestedingswet 2012, artikelen 2.38 en 2.39).",
        f"Selectiefase: aanmelden met het Uniform Europees Aanbestedingsdocument tot "
        f"{aanbesteding.selectie_deadline:%d-%m-%Y} {sluiting} uur; getoetst worden de "
        f"uitsluitingsgronden en de geschiktheidseisen.",
    ]
    if aanbesteding.max_kandidaten:
        tekst.append(
            f"Ten hoogste {aanbesteding.max_kandidaten} gegadigden worden toegelaten, gerangschikt "
            f"op de selectiecriteria."
        )
    else:
        tekst.append("Iedere geschikte gegadigde wordt toegelaten tot de gunningsfase.")
    tekst.append(
        f"Gunningsfase: de toegelaten gegadigden schrijven in tot "
        f"{aanbesteding.inschrijving_deadline:%d-%m-%Y} {sluiting} uur; gegund wordt op de "
        f"gunningscriteria ({aanbesteding.get_beoordelingsmethode_display().lower()})."
    )
    tekst.append(
        f"Vragen via de Nota van Inlichtingen tot {aanbesteding.vragen_deadline:%d-%m-%Y} "
        f"{sluiting} uur. Na de voorlopige gunning geldt een opschortende termijn van 20 "
        f"kalenderdagen."
    )
    return " ".join(tekst)


def _criteria(aanbesteding) -> list[Criterium]:
    methode = aanbesteding.beoordelingsmethode
    kwaliteit = [
        Criterium(
            "quality",
            c.naam,
            c.omschrijving or f"{c.naam}: ten hoogste {c.weging.normalize():f} punten.",
            c.weging,
        )
        for c in aanbesteding.criteria.all()
    ]
    if not kwaliteit or methode == Beoordelingsmethode.KWALITEIT:
        return kwaliteit
    if methode == Beoordelingsmethode.RELATIEF and aanbesteding.max_prijspunten:
        prijs = Criterium(
            "price",
            "Prijs",
            "Relatieve beoordeling: de laagste prijs krijgt de maximale prijspunten.",
            aanbesteding.max_prijspunten,
        )
    else:
        korting = aanbesteding.waarde_per_punt
        prijs = Criterium(
            "price",
            "Prijs",
            "Gunnen op waarde: de inschrijvingsprijs minus een fictieve korting"
            + (f" van € {korting:.2f} per kwaliteitspunt." if korting else " per kwaliteitspunt."),
        )
    if prijs.gewicht is None:
        # eForms wants all criteria weighed or none: the points stay in the descriptions
        kwaliteit = [Criterium(c.soort, c.naam, c.omschrijving) for c in kwaliteit]
    return [*kwaliteit, prijs]


def _selectiecriteria(aanbesteding, soorten: dict) -> list[Selectiecriterium]:
    eisen = [
        Selectiecriterium(
            soorten.get(f"eis-{e.pk}", ""), e.naam[:200], f"{e.naam} Bewijs: {e.bewijs}"
        )
        for e in aanbesteding.geschiktheidseisen.all()
    ]
    if aanbesteding.max_kandidaten:
        eisen += [
            Selectiecriterium(
                soorten.get(f"sel-{c.pk}", ""),
                c.naam,
                f"{c.naam}: ten hoogste {c.weging.normalize():f} punten.",
                tweede_fase=True,
                gewicht=c.weging,
            )
            for c in aanbesteding.selectiecriteria.all()
        ]
    return eisen


def selectiecriteria_zonder_soort(aanbesteding, gegevens=None) -> list[tuple[str, str]]:
    """The selection requirements and criteria (key, name) whose kind (BT-809) is not chosen."""
    soorten = (gegevens if gegevens is not None else gegevens_van(aanbesteding)).criteriumsoorten
    sleutels = [(f"eis-{e.pk}", e.naam) for e in aanbesteding.geschiktheidseisen.all()]
    if aanbesteding.max_kandidaten:
        sleutels += [(f"sel-{c.pk}", c.naam) for c in aanbesteding.selectiecriteria.all()]
    return [(sleutel, naam) for sleutel, naam in sleutels if not soorten.get(sleutel)]


def omvang_van(partij, gegevens) -> str:
    """BT-165 of a party: as the inkoper recorded it, else as its UEA (XML) stated it."""
    vastgelegd = gegevens.partijgegevens.get(str(partij.pk), {}).get("omvang", "")
    if vastgelegd:
        return vastgelegd
    for document in partij.documenten.all():
        uea = (document.uea_gegevens or {}).get("ondernemer", {})
        if isinstance(uea, dict) and uea.get("omvang") in Omvang.values:
            return uea["omvang"]
    return ""


def nuts_van(partij, gegevens) -> str:
    """BT-507 of a party (its NUTS region), as the inkoper recorded it."""
    return gegevens.partijgegevens.get(str(partij.pk), {}).get("nuts", "")


def partijen_voor_omvang(aanbesteding) -> list:
    """The parties whose size the award notice states: the leading party of every tender
    (for the statistics) and every member of the winner."""
    if aanbesteding.winnaar_id is None:
        return []
    partijen = [
        p
        for inschrijving in aanbesteding.inschrijvingen.filter(indieningen__fase=Fase.GUNNING)
        .distinct()
        .order_by("id")
        for p in _leden(inschrijving)[:1]
    ]
    for lid in _leden(aanbesteding.winnaar):
        if lid not in partijen:
            partijen.append(lid)
    return partijen


def _kopers(aanbesteding) -> list[Organisatie]:
    regio = aanbesteding.regio
    gemeenten = _gemeenten(aanbesteding)
    leider = regio.penvoerende_gemeente_id
    gemeenten.sort(key=lambda g: g.pk != leider)  # the leading buyer first
    kopers = []
    for index, gemeente in enumerate(gemeenten, start=1):
        contactpunt = None
        if gemeente.pk == leider or len(gemeenten) == 1:
            contactpunt = Contactpunt(
                "TPO-0001",
                regio.contact_naam,
                regio.contact_email,
                regio.contact_telefoon,
                regio.website,
            )
        kopers.append(
            Organisatie(
                id=f"ORG-{index:04d}",
                naam=gemeente.officiele_naam,
                identificatie=gemeente.kvk_nummer,
                plaats=gemeente.vestigingsplaats or gemeente.naam,
                nuts=gemeente.nuts_code,
                postcode=gemeente.postcode,
                email=regio.contact_email,
                telefoon=regio.contact_telefoon,
                website=regio.website,
                leider=(gemeente.pk == leider) if len(gemeenten) > 1 else None,
                contactpunt=contactpunt,
            )
        )
    return kopers


def kennisgeving(aanbesteding, soort: str = Soort.CN, *, gegevens=None) -> Kennisgeving:
    """The notice ``soort`` of the procedure as data. Call ``controlelijst`` first: with
    missing values the result is incomplete.

    ``gegevens``: the eForms record already read (a preview passes ``gegevens_van``, which
    does not create it; its procedure identifier is then empty). Without it the record is
    created when missing, so a notice handed out always has its lasting identifier."""
    if gegevens is None:
        gegevens = _gegevens_van(aanbesteding)
    kopers = _kopers(aanbesteding)
    nuts = tuple(sorted({k.nuts for k in kopers if k.nuts}))
    percelen_db = list(aanbesteding.percelen.order_by("volgorde", "naam"))
    percelen = [
        Perceel(
            id=f"LOT-{index:04d}",
            code=p.code,
            naam=p.naam,
            omschrijving=p.omschrijving
            or f"{p.naam}, {p.get_bekostigingsvariant_display().lower()} bekostigd.",
            cpv=p.cpv_code,
            nuts=nuts,
        )
        for index, p in enumerate(percelen_db, start=1)
    ]
    tijd = aanbesteding.sluitingstijd
    uit = Kennisgeving(
        soort=soort,
        kenmerk=aanbesteding.kenmerk,
        procedure_id=str(gegevens.procedure_id) if gegevens.procedure_id else "",
        naam=aanbesteding.naam,
        omschrijving=aanbesteding.omschrijving.strip(),
        procedurebeschrijving=procedurebeschrijving(aanbesteding),
        kopers=kopers,
        percelen=percelen,
        criteria=_criteria(aanbesteding),
        selectiecriteria=_selectiecriteria(aanbesteding, gegevens.criteriumsoorten),
        max_kandidaten=aanbesteding.max_kandidaten,
        platform_url=gegevens.platform_url,
        geraamde_waarde=gegevens.geraamde_waarde,
        contractstart=aanbesteding.contractstart,
        looptijd_maanden=gegevens.looptijd_maanden,
        vragen_tot=_moment(aanbesteding.vragen_deadline, tijd),
        aanmelden_tot=_moment(aanbesteding.selectie_deadline, tijd),
        inschrijven_tot=_moment(aanbesteding.inschrijving_deadline, tijd),
    )
    if soort == Soort.CAN:
        # the award notice points nowhere for questions or documents: no touch point
        uit.kopers = [replace(k, contactpunt=None) for k in kopers]
        _vul_gunning(uit, aanbesteding, percelen_db, gegevens)
    return uit


def _statistiek(inschrijvingen: list, gegevens) -> tuple[tuple[str, int], ...]:
    """BT-759/760 of a lot: tenders by size (SME or large) and by origin, electronic all."""
    mkb = groot = ander_eer = buiten_eer = 0
    for inschrijving in inschrijvingen:
        leidend = _leden(inschrijving)[0]
        omvang = omvang_van(leidend, gegevens)
        mkb += omvang in (Omvang.MICRO, Omvang.KLEIN, Omvang.MIDDELGROOT)
        groot += omvang == Omvang.GROOT
        land = leidend.land or LAND
        ander_eer += land in EER and land != LAND
        buiten_eer += land not in EER
    return (
        ("tenders", len(inschrijvingen)),
        ("t-sme", mkb),
        ("t-large", groot),
        ("t-oth-eea", ander_eer),
        ("t-no-eea", buiten_eer),
        ("t-esubm", len(inschrijvingen)),  # submission runs through wmoregie only
    )


def _vul_gunning(uit: Kennisgeving, aanbesteding, percelen_db: list, gegevens) -> None:
    """The results: per lot the tenders received, the winner and the agreement, or why not."""
    winnaar = aanbesteding.winnaar
    tenders = list(
        aanbesteding.inschrijvingen.filter(indieningen__fase=Fase.GUNNING)
        .prefetch_related("partijen__percelen", "partijen__documenten")
        .distinct()
        .order_by("id")
    )
    per_perceel: dict[int, list] = {p.pk: [] for p in percelen_db}
    for inschrijving in tenders:
        for perceel in _percelen_van(inschrijving, percelen_db):
            per_perceel[perceel.pk].append(inschrijving)
    winst = {p.pk for p in _percelen_van(winnaar, percelen_db)} if winnaar else set()

    leden = _leden(winnaar) if winnaar else []
    eerste = len(uit.kopers) + 1
    uit.organisaties = [
        Organisatie(
            id=f"ORG-{eerste + index:04d}",
            naam=partij.naam,
            identificatie=partij.kvk_nummer,
            plaats=partij.plaats,
            nuts=nuts_van(partij, gegevens),
            land=partij.land or LAND,
            postcode=partij.postcode,
            straat=partij.straat,
            omvang=omvang_van(partij, gegevens),
        )
        for index, partij in enumerate(leden)
    ]
    if winnaar is not None:
        uit.inschrijvenden = [
            Inschrijvende(
                "TPA-0001",
                winnaar.weergavenaam,
                tuple(o.id for o in uit.organisaties),
                combinatie=len(leden) > 1,
            )
        ]
    waarde = winnaar.prijs if winnaar and winnaar.prijs is not None else gegevens.geraamde_waarde
    aantal_gewonnen = sum(p.pk in winst for p in percelen_db)
    if waarde is not None and aantal_gewonnen > 1:
        # one price for the whole procedure: spread over the lots won, to the cent, the rest
        # on the first so the lots add up to the price
        deel = (waarde / aantal_gewonnen).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
        delen = [waarde - deel * (aantal_gewonnen - 1)] + [deel] * (aantal_gewonnen - 1)
    else:
        delen = [waarde] * aantal_gewonnen
    overeenkomst = aanbesteding.overeenkomst
    contract_id = "CON-0001" if overeenkomst is not None else None
    for perceel, data in zip(percelen_db, uit.percelen, strict=True):
        ingediend = per_perceel[perceel.pk]
        nummer = f"RES-{len(uit.uitslagen) + 1:04d}"
        if perceel.pk in winst:
            tender = Tender(
                f"TEN-{len(uit.tenders) + 1:04d}",
                data.id,
                "TPA-0001",
                delen[len(uit.tenders)],
                f"{aanbesteding.kenmerk}/{winnaar.pk}",
            )
            uit.tenders.append(tender)
            uit.uitslagen.append(
                Uitslag(
                    nummer,
                    data.id,
                    True,
                    "",
                    len(ingediend),
                    (tender.id,),
                    (contract_id,) if contract_id else (),
                    tender.waarde,
                    _statistiek(ingediend, gegevens),
                )
            )
        else:
            # no tender at all, or only tenders of those that lost the procedure's ranking
            uit.uitslagen.append(
                Uitslag(
                    nummer,
                    data.id,
                    False,
                    "other" if ingediend else "no-rece",
                    len(ingediend),
                    statistiek=_statistiek(ingediend, gegevens) if ingediend else (),
                )
            )
    if contract_id and uit.tenders:
        uit.contracten = [
            Contract(
                contract_id,
                overeenkomst.nummer,
                overeenkomst.naam,
                _gesloten_op(aanbesteding),
                tuple(t.id for t in uit.tenders),
            )
        ]
    if aanbesteding.voorlopig_gegund_op is not None:
        uit.gunningsbesluit = timezone.localdate(aanbesteding.voorlopig_gegund_op)


def _gesloten_op(aanbesteding) -> date:
    """BT-145: the agreement is concluded by the definitive award (its Amsterdam day)."""
    wijziging = (
        aanbesteding.statuswijzigingen.filter(Q(overgang="definitief-gunnen"))
        .order_by("-op", "-id")
        .first()
    )
    moment = wijziging.op if wijziging is not None else aanbesteding.overeenkomst.aangemaakt_op
    return timezone.localdate(moment)
