"""Business actions of the procurement context: atomic, guarded and audited.

Views and API views parse input and call one of these. A refused action raises Django's
``ValidationError`` with a stable code and a Dutch message, and stores nothing.

Time: every action reads the server's clock (``timezone.now()``). The ``nu`` parameter exists
only for the demo loader, which replays the seed's 2025 timeline; pages and API never pass it.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record
from wmoregie.catalogi.constants import Bekostigingsvariant

from . import espd, scoring, selectie, selectors, state, termijnen
from .constants import (
    FASE_VAN_DOCUMENTSOORT,
    LEIDENDE_ROLLEN,
    TOE_TE_VOEGEN_ROLLEN,
    UEA_PLICHTIG,
    Beoordelingsmethode,
    Bezwaarsoort,
    Documentsoort,
    Fase,
    Inschrijvingsoort,
    PartijRol,
    Status,
    UeaVorm,
    Uitsluitingsoordeel,
)
from .models import (
    Aanbesteding,
    Aanbestedingsdocument,
    Belangenverklaring,
    Beoordeling,
    Bezwaar,
    Consensusscore,
    Document,
    Eistoetsing,
    Geschiktheidseis,
    Gunningsbrief,
    Gunningscriterium,
    Indiening,
    Inschrijving,
    NotaVanInlichtingen,
    Partij,
    Selectiebrief,
    Selectiecriterium,
    Selectiescore,
    Statuswijziging,
    Toestemming,
    Uitsluitingstoets,
    Vraag,
)
from .termijnen import Ernst
from .validators import validate_upload

#: ESPD role (espd.PartijRol) -> role of a party here. A subcontractor named in a UEA is a
#: vaste onderaannemer: incidentele onderaannemers are not named in the procedure.
ROL_UIT_UEA = {
    espd.PartijRol.HOOFDAANNEMER: PartijRol.HOOFDAANNEMER,
    espd.PartijRol.PENVOERDER: PartijRol.PENVOERDER,
    espd.PartijRol.COMBINANT: PartijRol.COMBINANT,
    espd.PartijRol.DERDE: PartijRol.DERDE,
    espd.PartijRol.ONDERAANNEMER: PartijRol.VASTE_ONDERAANNEMER,
}

PARTIJVELDEN = (
    "naam",
    "kvk_nummer",
    "straat",
    "postcode",
    "plaats",
    "land",
    "contactpersoon",
    "email",
    "telefoon",
    "taakomschrijving",
    "expertise",
)


def _nu(nu: datetime | None) -> datetime:
    return nu or timezone.now()


# --- the procedure -------------------------------------------------------------------------------


@transaction.atomic
def maak_aanbesteding(*, gebruiker, regio, percelen, **velden) -> Aanbesteding:
    aanbesteding = Aanbesteding(regio=regio, **velden)
    aanbesteding.full_clean()
    aanbesteding.save()
    aanbesteding.percelen.set(percelen)
    record(
        "aanbesteding.aangemaakt",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=str(aanbesteding),
        gegevens={"percelen": [p.code for p in percelen]},
    )
    return aanbesteding


@transaction.atomic
def wijzig_aanbesteding(
    aanbesteding: Aanbesteding, *, gebruiker, percelen=None, **velden
) -> Aanbesteding:
    """Change name, lots or planning: only while the procedure is a concept."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    if aanbesteding.status != Status.CONCEPT:
        raise ValidationError(
            _("Na publicatie wijzigt de planning niet meer via dit formulier."),
            code="niet-meer-wijzigbaar",
        )
    oud = {veld: str(getattr(aanbesteding, veld)) for veld in velden}
    for veld, waarde in velden.items():
        setattr(aanbesteding, veld, waarde)
    aanbesteding.full_clean()
    aanbesteding.save()
    if percelen is not None:
        aanbesteding.percelen.set(percelen)
    record(
        "aanbesteding.gewijzigd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={
            "oud": oud,
            "nieuw": {veld: str(getattr(aanbesteding, veld)) for veld in velden},
        },
    )
    return aanbesteding


def stand_van(aanbesteding: Aanbesteding, nu: datetime | None = None) -> state.Stand:
    return state.Stand(
        status=aanbesteding.status,
        nu=_nu(nu),
        planningfouten=tuple(
            b.bericht for b in aanbesteding.planningcontrole() if b.ernst == Ernst.ERROR
        ),
        aantal_percelen=aanbesteding.percelen.count(),
        aantal_inschrijvingen=aanbesteding.inschrijvingen.count(),
        aantal_zonder_selectiebesluit=aanbesteding.inschrijvingen.filter(
            toegelaten__isnull=True
        ).count(),
        aantal_toegelaten=aanbesteding.inschrijvingen.filter(toegelaten=True).count(),
        selectie_deadline=aanbesteding.deadline(Fase.SELECTIE),
        inschrijving_deadline=aanbesteding.deadline(Fase.GUNNING),
        voorlopig_gegund_op=(
            timezone.localdate(aanbesteding.voorlopig_gegund_op)
            if aanbesteding.voorlopig_gegund_op
            else None
        ),
        beoordeling_onvolledig=(
            tuple(beoordeling_onvolledig(aanbesteding))
            if aanbesteding.status == Status.GUNNING_BEOORDELING
            else ()
        ),
        aantal_open_bezwaren=aanbesteding.bezwaren.filter(afgehandeld_op__isnull=True).count(),
    )


@transaction.atomic
def wijzig_status(
    aanbesteding: Aanbesteding, naar: str, *, gebruiker, reden: str = "", nu: datetime | None = None
) -> Statuswijziging:
    """Take one transition of ``state.OVERGANGEN``; refused ones raise ``ValidationError``.

    The caller's instance is updated too."""
    gegeven = aanbesteding
    aanbesteding = _vergrendeld(aanbesteding.pk)
    moment = _nu(nu)
    try:
        overgang = state.controleer(stand_van(aanbesteding, moment), naar, reden)
    except state.OvergangGeweigerd as weigering:
        raise ValidationError(weigering.message, code=weigering.code) from weigering
    van = aanbesteding.status
    aanbesteding.status = overgang.naar
    if overgang.code == "aanmeldingen-openen" and aanbesteding.selectie_geopend_op is None:
        aanbesteding.selectie_geopend_op = moment
    if overgang.code == "inschrijvingen-openen" and aanbesteding.gunning_geopend_op is None:
        aanbesteding.gunning_geopend_op = moment
    if overgang.code == "voorlopig-gunnen":
        aanbesteding.voorlopig_gegund_op = moment
    aanbesteding.save()
    for veld in ("status", "selectie_geopend_op", "gunning_geopend_op", "voorlopig_gegund_op"):
        setattr(gegeven, veld, getattr(aanbesteding, veld))
    if overgang.code == "selectiebeslissing-nemen":
        _verstuur_selectiebrieven(aanbesteding, moment=moment)
    wijziging = Statuswijziging.objects.create(
        aanbesteding=aanbesteding,
        van=van,
        naar=overgang.naar,
        overgang=overgang.code,
        terug=overgang.terug,
        reden=reden.strip(),
        op=moment,
        door=gebruiker,
    )
    record(
        "aanbesteding.status-gewijzigd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"{overgang.code}: {van} → {overgang.naar}",
        gegevens={
            "overgang": overgang.code,
            "van": van,
            "naar": overgang.naar,
            "terug": overgang.terug,
            "reden": reden.strip(),
        },
    )
    return wijziging


# --- registrations -------------------------------------------------------------------------------


def _vergrendeld(aanbesteding_id: int) -> Aanbesteding:
    """The procedure as stored now, locked until the end of the transaction: a change by a
    registrant and a status change (or the deadline check) never interleave."""
    return Aanbesteding.objects.select_for_update().get(pk=aanbesteding_id)


def open_fase(aanbesteding: Aanbesteding, nu: datetime | None = None) -> str:
    """The phase in which registrants may change or submit now; else ``termijn-verstreken``."""
    fase = aanbesteding.open_fase()
    if fase is None or _nu(nu) >= aanbesteding.deadline(fase):
        raise ValidationError(
            _(
                "Aanmelden en inschrijven zijn nu gesloten: de termijn is verstreken of de "
                "fase is niet open. Er kan niets meer worden ingediend of gewijzigd."
            ),
            code="termijn-verstreken",
        )
    return fase


def open_fase_voor(inschrijving: Inschrijving, nu: datetime | None = None) -> str:
    """The open phase for this registration: the award phase only for admitted candidates.

    Inside a service's transaction the procedure row is locked so the answer holds until commit;
    a page that only shows the answer reads without a lock (PostgreSQL refuses a lock outside one).
    """
    if transaction.get_connection().in_atomic_block:
        aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    else:
        aanbesteding = Aanbesteding.objects.get(pk=inschrijving.aanbesteding_id)
    fase = open_fase(aanbesteding, nu)
    if (
        fase == Fase.GUNNING
        and not Inschrijving.objects.filter(pk=inschrijving.pk, toegelaten=True).exists()
    ):
        raise ValidationError(
            _("Deze aanmelding is niet toegelaten tot de gunningsfase: inschrijven kan niet."),
            code="niet-toegelaten",
        )
    return fase


@transaction.atomic
def beslis_selectie(
    inschrijving: Inschrijving,
    *,
    toegelaten: bool,
    motivering: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Inschrijving:
    """The selection decision for one candidate, after the opening and before the decision is
    taken for all (``selectiebeslissing-nemen``, which sends the decision letters).

    Admitting follows from the checks: refused while an exclusion ground is unassessed or
    excluding, a suitability requirement is unchecked or failed, or (with a cap) the candidate
    is not ranked within the maximum. Rejecting needs a motivation; the failed checks are added
    as reasons in the letter."""
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    if aanbesteding.status != Status.SELECTIE_BEOORDELING:
        raise ValidationError(
            _(
                "Toelaten of afwijzen kan alleen na het openen van de aanmeldingen en vóór de selectiebeslissing."
            ),
            code="selectie-niet-open",
        )
    if not toegelaten and not motivering.strip():
        raise ValidationError(
            {
                "motivering": ValidationError(
                    _("Motiveer de afwijzing."), code="motivering-ontbreekt"
                )
            }
        )
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if toegelaten:
        _weigering_bij_toelaten(inschrijving)
    redenen = selectietoetsing(inschrijving).redenen() if not toegelaten else []
    inschrijving.toegelaten = toegelaten
    inschrijving.selectiemotivering = motivering.strip()
    inschrijving.save(update_fields=["toegelaten", "selectiemotivering"])
    record(
        "inschrijving.toegelaten" if toegelaten else "inschrijving.afgewezen",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=str(inschrijving),
        gegevens={"motivering": inschrijving.selectiemotivering, "redenen": redenen},
    )
    return inschrijving


@transaction.atomic
def schrijf_in(
    aanbesteding: Aanbesteding,
    *,
    organisatie,
    soort: str,
    combinatienaam: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Inschrijving:
    """Register an organisation (as hoofdaannemer or penvoerder) during the selection phase."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    moment = _nu(nu)
    if open_fase(aanbesteding, moment) != Fase.SELECTIE:
        raise ValidationError(
            _("Aanmelden kan alleen in de selectiefase."), code="aanmelden-gesloten"
        )
    if aanbesteding.inschrijvingen.filter(organisatie=organisatie).exists():
        raise ValidationError(
            _("%(organisatie)s heeft zich voor deze aanbesteding al aangemeld.")
            % {"organisatie": organisatie.naam},
            code="al-aangemeld",
        )
    inschrijving = Inschrijving(
        aanbesteding=aanbesteding,
        organisatie=organisatie,
        soort=soort,
        combinatienaam=combinatienaam.strip() if soort == Inschrijvingsoort.COMBINATIE else "",
        aangemaakt_op=moment,
        aangemaakt_door=gebruiker,
    )
    inschrijving.full_clean()
    inschrijving.save()
    leidend = Partij(
        inschrijving=inschrijving,
        rol=PartijRol.PENVOERDER
        if soort == Inschrijvingsoort.COMBINATIE
        else PartijRol.HOOFDAANNEMER,
        naam=organisatie.naam,
        kvk_nummer=organisatie.kvk_nummer,
        straat=organisatie.adres,
        fase=Fase.SELECTIE,
        toegevoegd_op=moment,
        toegevoegd_door=gebruiker,
    )
    leidend.full_clean()
    leidend.save()
    record(
        "inschrijving.aangemaakt",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=str(inschrijving),
        gegevens={"aanbesteding": aanbesteding.kenmerk, "soort": soort},
    )
    return inschrijving


def _controleer_uniek(partij: Partij) -> None:
    if partij.kvk_nummer and (
        Partij.objects.filter(inschrijving=partij.inschrijving, kvk_nummer=partij.kvk_nummer)
        .exclude(pk=partij.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "kvk_nummer": ValidationError(
                    _("Een partij met dit KvK-nummer staat al in deze inschrijving."),
                    code="partij-dubbel",
                )
            }
        )


@transaction.atomic
def voeg_partij_toe(
    inschrijving: Inschrijving,
    *,
    gebruiker,
    rol: str,
    percelen=(),
    producten=(),
    nu: datetime | None = None,
    **velden,
) -> Partij:
    """Add a combinant, derde or subcontractor while the phase is open (checked by the rules
    after the selection deadline: consent)."""
    moment = _nu(nu)
    fase = open_fase_voor(inschrijving, moment)
    if rol not in TOE_TE_VOEGEN_ROLLEN:
        raise ValidationError(
            {"rol": ValidationError(_("Deze rol kan niet worden toegevoegd."), code="rol-ongeldig")}
        )
    partij = Partij(
        inschrijving=inschrijving,
        rol=rol,
        fase=fase,
        toegevoegd_op=moment,
        toegevoegd_door=gebruiker,
        **{k: v for k, v in velden.items() if k in PARTIJVELDEN},
    )
    _controleer_uniek(partij)
    partij.full_clean()
    partij.save()
    partij.percelen.set(percelen)
    partij.producten.set(producten)
    record(
        "partij.toegevoegd",
        gebruiker=gebruiker,
        obj=partij,
        omschrijving=str(partij),
        gegevens={
            "inschrijving": inschrijving.pk,
            "rol": rol,
            "fase": fase,
            "na_selectiedeadline": moment >= inschrijving.aanbesteding.deadline(Fase.SELECTIE),
        },
    )
    return partij


@transaction.atomic
def wijzig_partij(
    partij: Partij,
    *,
    gebruiker,
    percelen=None,
    producten=None,
    nu: datetime | None = None,
    **velden,
) -> Partij:
    open_fase_voor(partij.inschrijving, nu)
    partij = Partij.objects.select_for_update().get(pk=partij.pk)
    for veld, waarde in velden.items():
        if veld in PARTIJVELDEN:
            setattr(partij, veld, waarde)
    if partij.rol in LEIDENDE_ROLLEN:
        partij.kvk_nummer = partij.inschrijving.organisatie.kvk_nummer  # fixed by the registration
    _controleer_uniek(partij)
    partij.full_clean()
    partij.save()
    if percelen is not None:
        partij.percelen.set(percelen)
    if producten is not None:
        partij.producten.set(producten)
    record("partij.gewijzigd", gebruiker=gebruiker, obj=partij, omschrijving=str(partij))
    return partij


@transaction.atomic
def verwijder_partij(partij: Partij, *, gebruiker, nu: datetime | None = None) -> None:
    """Remove a party with its documents, only in the selection phase: after the selection
    deadline the composition changes only by adding, with consent."""
    fase = open_fase_voor(partij.inschrijving, nu)
    if fase != Fase.SELECTIE:
        raise ValidationError(
            _("Na de sluiting van de aanmelding kan een partij niet meer worden verwijderd."),
            code="verwijderen-na-selectie",
        )
    if partij.rol in LEIDENDE_ROLLEN:
        raise ValidationError(
            _("De hoofdaannemer of penvoerder hoort bij de aanmelding en kan niet weg."),
            code="leidende-partij",
        )
    bestanden = [(d.bestand.storage, d.bestand.name) for d in partij.documenten.all()]
    record(
        "partij.verwijderd",
        gebruiker=gebruiker,
        obj=partij,
        omschrijving=str(partij),
        gegevens={
            "inschrijving": partij.inschrijving_id,
            "naam": partij.naam,
            "kvk_nummer": partij.kvk_nummer,
            "rol": partij.rol,
            "documenten": [naam for _opslag, naam in bestanden],
        },
    )
    partij.delete()

    def opruimen():
        for opslag, naam in bestanden:
            opslag.delete(naam)

    transaction.on_commit(opruimen)


def _uea_gegevens(uea: espd.Uea) -> dict:
    ondernemer = asdict(uea.ondernemer)
    return {
        "document_id": uea.document_id,
        "aanbestedingsreferentie": uea.aanbestedingsreferentie,
        "uitgiftedatum": uea.uitgiftedatum.isoformat(),
        "profiel": uea.profiel,
        "combinatienaam": uea.combinatienaam,
        "percelen": list(uea.percelen),
        "ondernemer": {k: v for k, v in ondernemer.items() if k != "identificaties"}
        | {"identificaties": [asdict(i) for i in uea.ondernemer.identificaties]},
    }


def _gronden_uit_uea(uea: espd.Uea) -> list[dict]:
    return [
        {"code": g.code, "naam": g.naam, "antwoord": g.antwoord, "toelichting": g.toelichting}
        for g in uea.uitsluitingsgronden
    ]


def _doel_van_uea(inschrijving: Inschrijving, rol: str, kvk: str | None, partij: Partij | None):
    if partij is not None:
        return partij
    if kvk:
        gevonden = inschrijving.partijen.filter(kvk_nummer=kvk).first()
        if gevonden is not None:
            return gevonden
    if rol in LEIDENDE_ROLLEN:
        return inschrijving.partijen.filter(rol__in=LEIDENDE_ROLLEN).first()
    return None


@transaction.atomic
def importeer_uea(
    inschrijving: Inschrijving,
    bestand,
    *,
    gebruiker,
    partij: Partij | None = None,
    ondertekend: bool = False,
    nu: datetime | None = None,
) -> Partij:
    """Read a UEA (ESPD Response XML), prefill the party from it and keep the original file.

    The party is ``partij`` when given, else the party with the same KvK-nummer, else (for a
    lead role) the leading party, else a new party with the role from the file. A bad file
    raises ``ValidationError`` with the import's code, and nothing is stored.
    """
    moment = _nu(nu)
    fase = open_fase_voor(inschrijving, moment)
    if not (bestand.name or "").lower().endswith(".xml"):
        raise ValidationError(
            _(
                "Lees hier een UEA in als XML-bestand (ESPD Response). Een UEA op papier voegt u toe als PDF."
            ),
            code="uea-geen-xml-bestand",
        )
    inhoudstype = validate_upload(bestand, xml_toegestaan=True)
    bestand.seek(0)
    data = bestand.read()
    try:
        uea = espd.import_uea(data)
    except espd.EspdImportError as fout:
        raise ValidationError(fout.message, code=fout.code) from fout

    ondernemer = uea.ondernemer
    rol = ROL_UIT_UEA[ondernemer.rol]
    doel = _doel_van_uea(inschrijving, rol, ondernemer.kvk_nummer, partij)
    nieuw = doel is None
    if nieuw:
        doel = Partij(
            inschrijving=inschrijving,
            rol=rol,
            fase=fase,
            toegevoegd_op=moment,
            toegevoegd_door=gebruiker,
        )
    elif (doel.rol in LEIDENDE_ROLLEN) != (rol in LEIDENDE_ROLLEN):
        raise ValidationError(
            _(
                "Het UEA noemt de rol “%(rol_uea)s”, maar de partij %(naam)s heeft de rol "
                "“%(rol)s”. Lees het UEA in bij de juiste partij."
            )
            % {"rol_uea": PartijRol(rol).label, "naam": doel.naam, "rol": doel.get_rol_display()},
            code="uea-rol-past-niet",
        )
    elif (
        doel.rol in LEIDENDE_ROLLEN
        and ondernemer.kvk_nummer
        and ondernemer.kvk_nummer != doel.kvk_nummer
    ):
        raise ValidationError(
            _("Het UEA is van een andere onderneming (KvK %(kvk_uea)s) dan %(naam)s (KvK %(kvk)s).")
            % {"kvk_uea": ondernemer.kvk_nummer, "naam": doel.naam, "kvk": doel.kvk_nummer},
            code="uea-andere-onderneming",
        )
    elif doel.rol not in LEIDENDE_ROLLEN and not (
        rol == PartijRol.VASTE_ONDERAANNEMER and doel.rol == PartijRol.INCIDENTELE_ONDERAANNEMER
    ):
        doel.rol = rol

    adres = ondernemer.adres
    if doel.rol not in LEIDENDE_ROLLEN:
        doel.naam = ondernemer.naam
        if ondernemer.kvk_nummer:
            doel.kvk_nummer = ondernemer.kvk_nummer
    doel.straat = " ".join(d for d in (adres.straat, adres.huisnummer) if d) or doel.straat
    doel.postcode = adres.postcode or doel.postcode
    doel.plaats = adres.plaats or doel.plaats
    doel.land = (adres.land or doel.land)[:3]
    doel.contactpersoon = ondernemer.contact.naam or doel.contactpersoon
    doel.email = ondernemer.contact.email or doel.email
    doel.telefoon = ondernemer.contact.telefoon or doel.telefoon
    doel.uitsluitingsgronden = _gronden_uit_uea(uea)
    _controleer_uniek(doel)
    doel.full_clean()
    doel.save()

    document = Document(
        inschrijving=inschrijving,
        partij=doel,
        soort=Documentsoort.UEA,
        fase=fase,
        bestandsnaam=bestand.name[:255],
        inhoudstype=inhoudstype,
        grootte=len(data),
        uea_vorm=UeaVorm.XML,
        ondertekend=ondertekend,
        uea_gegevens=_uea_gegevens(uea),
        ontvangen_op=moment,
        ontvangen_van=gebruiker,
    )
    document.bestand.save(bestand.name, ContentFile(data), save=False)
    try:
        document.save()
    except Exception:
        document.bestand.delete(save=False)  # leave no file behind
        raise
    record(
        "partij.uea-ingelezen",
        gebruiker=gebruiker,
        obj=doel,
        omschrijving=f"{doel} — {bestand.name}",
        gegevens={
            "nieuwe_partij": nieuw,
            "rol_in_uea": ondernemer.rol_code,
            "aanbestedingsreferentie": uea.aanbestedingsreferentie,
            "document": document.pk,
        },
    )
    return doel


@transaction.atomic
def voeg_document_toe(
    inschrijving: Inschrijving,
    bestand,
    *,
    gebruiker,
    soort: str,
    partij: Partij | None = None,
    afgiftedatum=None,
    ondertekend: bool = False,
    omschrijving: str = "",
    van_toepassing: list[str] | None = None,
    nu: datetime | None = None,
) -> Document:
    """Store a PDF or office file: a paper UEA (with the exclusion answers entered by hand), a
    GVA, another declaration, or a tender document."""
    moment = _nu(nu)
    fase = open_fase_voor(inschrijving, moment)
    inhoudstype = validate_upload(bestand)
    if soort in (Documentsoort.UEA, Documentsoort.GVA, Documentsoort.VERKLARING) and partij is None:
        raise ValidationError(_("Kies de partij van dit document."), code="partij-ontbreekt")
    if soort == Documentsoort.GVA and afgiftedatum is None:
        raise ValidationError(
            {
                "afgiftedatum": ValidationError(
                    _("Geef de afgiftedatum van de GVA."), code="gva-afgiftedatum-ontbreekt"
                )
            }
        )
    if partij is not None and soort == Documentsoort.UEA:
        van_toepassing = set(van_toepassing or ())
        partij.uitsluitingsgronden = [
            {"code": code, "naam": naam, "antwoord": code in van_toepassing, "toelichting": ""}
            for code, naam in UITSLUITINGSGRONDEN_NL
        ]
        partij.save(update_fields=["uitsluitingsgronden"])
    document = Document(
        inschrijving=inschrijving,
        partij=partij,
        soort=soort,
        fase=fase,
        bestandsnaam=bestand.name[:255],
        inhoudstype=inhoudstype,
        grootte=bestand.size,
        omschrijving=omschrijving,
        afgiftedatum=afgiftedatum if soort == Documentsoort.GVA else None,
        uea_vorm=UeaVorm.PAPIER if soort == Documentsoort.UEA else "",
        ondertekend=ondertekend,
        ontvangen_op=moment,
        ontvangen_van=gebruiker,
    )
    document.bestand = bestand
    document.full_clean(exclude=["bestand"])
    document.save()
    record(
        "document.ontvangen",
        gebruiker=gebruiker,
        obj=document,
        omschrijving=str(document),
        gegevens={"soort": soort, "partij": partij.pk if partij else None, "fase": fase},
    )
    return document


@transaction.atomic
def verleen_toestemming(
    partij: Partij, *, gebruiker, kenmerk: str, toelichting: str = "", nu: datetime | None = None
) -> Toestemming:
    """Record the inkoper's written consent for a party added after the selection deadline."""
    if hasattr(partij, "toestemming"):
        raise ValidationError(
            _("Voor deze partij is al toestemming vastgelegd."), code="al-toestemming"
        )
    if not kenmerk.strip():
        raise ValidationError(
            {
                "kenmerk": ValidationError(
                    _("Geef het kenmerk van de schriftelijke toestemming."),
                    code="kenmerk-ontbreekt",
                )
            }
        )
    toestemming = Toestemming.objects.create(
        partij=partij,
        kenmerk=kenmerk.strip(),
        toelichting=toelichting,
        verleend_op=_nu(nu),
        verleend_door=gebruiker,
    )
    record(
        "toestemming.verleend",
        gebruiker=gebruiker,
        obj=partij,
        omschrijving=f"{partij}: {kenmerk}",
        gegevens={"kenmerk": kenmerk, "inschrijving": partij.inschrijving_id},
    )
    return toestemming


@transaction.atomic
def dien_in(inschrijving: Inschrijving, *, gebruiker, nu: datetime | None = None) -> Indiening:
    """Submit for the open phase. The time is the server's; after the deadline this is refused."""
    moment = _nu(nu)
    fase = open_fase_voor(inschrijving, moment)
    indiening, nieuw = Indiening.objects.update_or_create(
        inschrijving=inschrijving,
        fase=fase,
        defaults={"ingediend_op": moment, "ingediend_door": gebruiker},
    )
    record(
        "inschrijving.ingediend",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=f"{inschrijving} — {Fase(fase).label}",
        gegevens={"fase": fase, "ingediend_op": moment.isoformat(), "opnieuw": not nieuw},
    )
    return indiening


# --- Nota van Inlichtingen --------------------------------------------------------------------


@transaction.atomic
def stel_vraag(
    inschrijving: Inschrijving, *, tekst: str, gebruiker, nu: datetime | None = None
) -> Vraag:
    """A registrant asks a question; only the region side and the asker see it until published."""
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    moment = _nu(nu)
    if aanbesteding.status != Status.SELECTIEFASE or moment >= aanbesteding.vragen_sluiting():
        raise ValidationError(
            _("Vragen stellen kan niet meer: de termijn voor vragen is verstreken."),
            code="vragentermijn-verstreken",
        )
    if not tekst.strip():
        raise ValidationError(
            {"tekst": ValidationError(_("Schrijf uw vraag op."), code="vraag-leeg")}
        )
    vraag = Vraag.objects.create(
        aanbesteding=aanbesteding,
        inschrijving=inschrijving,
        vraag=tekst.strip(),
        gesteld_op=moment,
        gesteld_door=gebruiker,
    )
    record(
        "vraag.gesteld", gebruiker=gebruiker, obj=vraag, gegevens={"inschrijving": inschrijving.pk}
    )
    return vraag


@transaction.atomic
def beantwoord_vraag(
    vraag: Vraag,
    *,
    antwoord: str,
    vraag_gepubliceerd: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Vraag:
    """The inkoper answers; the question as published leaves out whatever identifies the asker."""
    vraag = Vraag.objects.select_for_update().get(pk=vraag.pk)
    if vraag.nota_id is not None:
        raise ValidationError(
            _("Deze vraag is al gepubliceerd in een Nota van Inlichtingen en wijzigt niet meer."),
            code="al-gepubliceerd",
        )
    if not antwoord.strip():
        raise ValidationError(
            {"antwoord": ValidationError(_("Geef een antwoord."), code="antwoord-leeg")}
        )
    vraag.antwoord = antwoord.strip()
    vraag.vraag_gepubliceerd = vraag_gepubliceerd.strip() or vraag.vraag
    vraag.beantwoord_op = _nu(nu)
    vraag.beantwoord_door = gebruiker
    vraag.save()
    record("vraag.beantwoord", gebruiker=gebruiker, obj=vraag)
    return vraag


@transaction.atomic
def publiceer_nota(
    aanbesteding: Aanbesteding, *, gebruiker, nu: datetime | None = None
) -> NotaVanInlichtingen:
    """Publish every answered, unpublished question to all registrants, anonymised."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    vragen = list(aanbesteding.vragen.filter(nota__isnull=True, beantwoord_op__isnull=False))
    if not vragen:
        raise ValidationError(
            _("Er zijn geen beantwoorde vragen om te publiceren."), code="niets-te-publiceren"
        )
    nummer = (
        aanbesteding.nota_s.order_by("-nummer").values_list("nummer", flat=True).first() or 0
    ) + 1
    nota = NotaVanInlichtingen.objects.create(
        aanbesteding=aanbesteding,
        nummer=nummer,
        gepubliceerd_op=_nu(nu),
        gepubliceerd_door=gebruiker,
    )
    Vraag.objects.filter(pk__in=[v.pk for v in vragen]).update(nota=nota)
    record(
        "nota.gepubliceerd",
        gebruiker=gebruiker,
        obj=nota,
        omschrijving=f"{aanbesteding.kenmerk}: {nota}",
        gegevens={"vragen": len(vragen)},
    )
    return nota


# --- procurement documents -----------------------------------------------------------------------


@transaction.atomic
def plaats_aanbestedingsdocument(
    aanbesteding: Aanbesteding,
    bestand,
    *,
    soort: str,
    toelichting: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Aanbestedingsdocument:
    """Place a procurement document; the same kind again is the next version."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    if aanbesteding.status in (Status.DEFINITIEF_GEGUND, Status.INGETROKKEN):
        raise ValidationError(
            _("De procedure is afgesloten: er worden geen stukken meer geplaatst."),
            code="procedure-afgesloten",
        )
    inhoudstype = validate_upload(bestand)
    versie = (
        aanbesteding.stukken.filter(soort=soort)
        .order_by("-versie")
        .values_list("versie", flat=True)
        .first()
        or 0
    ) + 1
    stuk = Aanbestedingsdocument(
        aanbesteding=aanbesteding,
        soort=soort,
        fase=FASE_VAN_DOCUMENTSOORT[soort],
        versie=versie,
        bestand=bestand,
        bestandsnaam=bestand.name[:255],
        inhoudstype=inhoudstype,
        grootte=bestand.size,
        toelichting=toelichting,
        geplaatst_op=_nu(nu),
        geplaatst_door=gebruiker,
    )
    stuk.save()
    record(
        "aanbestedingsdocument.geplaatst",
        gebruiker=gebruiker,
        obj=stuk,
        omschrijving=str(stuk),
        gegevens={"soort": soort, "versie": versie},
    )
    return stuk


#: The exclusion grounds in ESPD order with a Dutch name, for a UEA entered by hand.
UITSLUITINGSGRONDEN_NL: tuple[tuple[str, str], ...] = (
    ("crime-org", "Deelneming aan een criminele organisatie"),
    ("corruption", "Omkoping"),
    ("fraud", "Fraude"),
    ("terr-offence", "Terroristische misdrijven"),
    ("finan-laund", "Witwassen of financiering van terrorisme"),
    ("human-traffic", "Kinderarbeid en mensenhandel"),
    ("tax-pay", "Betaling van belastingen"),
    ("socsec-pay", "Betaling van socialezekerheidsbijdragen"),
    ("envir-law", "Schending van milieuwetgeving"),
    ("socsec-law", "Schending van socialewetgeving"),
    ("labour-law", "Schending van arbeidsrecht"),
    ("bankruptcy", "Faillissement"),
    ("insolvency", "Insolventie"),
    ("cred-arran", "Akkoord met schuldeisers"),
    ("bankr-nat", "Situatie vergelijkbaar met faillissement"),
    ("liq-admin", "Activa beheerd door curator"),
    ("susp-act", "Bedrijfsactiviteiten gestaakt"),
    ("prof-misconduct", "Ernstige beroepsfout"),
    ("distorsion", "Vervalsing van de mededinging"),
    ("partic-confl", "Belangenconflict"),
    ("prep-confl", "Betrokkenheid bij de voorbereiding"),
    ("sanction", "Eerdere beëindiging of sancties"),
    ("misrepresent", "Valse verklaringen, achterhouden van informatie"),
    ("nati-ground", "Zuiver nationale uitsluitingsgronden"),
)


# --- award phase: criteria and method (frozen at the award opening) -------------------------------

#: Statuses in which criteria and method may still change: before the award opening.
VOOR_GUNNINGSOPENING = (
    Status.CONCEPT,
    Status.SELECTIEFASE,
    Status.SELECTIE_BEOORDELING,
    Status.GUNNINGSFASE,
)


def _controleer_niet_bevroren(aanbesteding: Aanbesteding) -> None:
    if (
        aanbesteding.gunning_geopend_op is not None
        or aanbesteding.status not in VOOR_GUNNINGSOPENING
    ):
        raise ValidationError(
            _(
                "De gunningscriteria en de beoordelingsmethode liggen vast sinds de opening van "
                "de inschrijvingen; ze kunnen niet meer worden gewijzigd."
            ),
            code="criteria-bevroren",
        )


def is_taakgericht(aanbesteding: Aanbesteding) -> bool:
    return aanbesteding.percelen.filter(
        bekostigingsvariant=Bekostigingsvariant.TAAKGERICHT
    ).exists()


@transaction.atomic
def stel_beoordelingsmethode_vast(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    methode: str,
    waarde_per_punt: Decimal | None = None,
    max_prijspunten: Decimal | None = None,
    max_kwaliteitspunten: Decimal | None = None,
) -> Aanbesteding:
    """The published scoring method: quality only for a taakgericht lot (fixed budget)."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _controleer_niet_bevroren(aanbesteding)
    if methode not in Beoordelingsmethode.values:
        raise ValidationError(_("Onbekende beoordelingsmethode."), code="methode-onbekend")
    if is_taakgericht(aanbesteding) and methode != Beoordelingsmethode.KWALITEIT:
        raise ValidationError(
            _(
                "Een taakgericht perceel heeft een vast budget: gun alleen op kwaliteit "
                "(methode ‘alleen kwaliteit’)."
            ),
            code="taakgericht-alleen-kwaliteit",
        )
    if methode == Beoordelingsmethode.WAARDE and (waarde_per_punt is None or waarde_per_punt < 0):
        raise ValidationError(
            _("Geef bij gunnen op waarde de waarde per kwaliteitspunt (0 of meer)."),
            code="waarde-per-punt-ontbreekt",
        )
    if methode == Beoordelingsmethode.RELATIEF and (
        max_prijspunten is None
        or max_kwaliteitspunten is None
        or max_prijspunten < 0
        or max_kwaliteitspunten < 0
        or max_prijspunten + max_kwaliteitspunten == 0
    ):
        raise ValidationError(
            _("Geef bij relatieve beoordeling het maximum aan prijs- en kwaliteitspunten."),
            code="maximumpunten-ontbreken",
        )
    aanbesteding.beoordelingsmethode = methode
    aanbesteding.waarde_per_punt = (
        waarde_per_punt if methode == Beoordelingsmethode.WAARDE else None
    )
    relatief = methode == Beoordelingsmethode.RELATIEF
    aanbesteding.max_prijspunten = max_prijspunten if relatief else None
    aanbesteding.max_kwaliteitspunten = max_kwaliteitspunten if relatief else None
    aanbesteding.save()
    record(
        "aanbesteding.methode-vastgesteld",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={
            "methode": methode,
            "waarde_per_punt": str(aanbesteding.waarde_per_punt),
            "max_prijspunten": str(aanbesteding.max_prijspunten),
            "max_kwaliteitspunten": str(aanbesteding.max_kwaliteitspunten),
        },
    )
    return aanbesteding


@transaction.atomic
def voeg_criterium_toe(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    code: str,
    naam: str,
    weging: Decimal,
    schaal_max: Decimal = Decimal(10),
    omschrijving: str = "",
) -> Gunningscriterium:
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _controleer_niet_bevroren(aanbesteding)
    if aanbesteding.criteria.filter(code=code).exists():
        raise ValidationError(
            {"code": ValidationError(_("Deze code bestaat al."), code="criterium-bestaat")}
        )
    criterium = Gunningscriterium(
        aanbesteding=aanbesteding,
        code=code,
        naam=naam,
        omschrijving=omschrijving,
        weging=weging,
        schaal_max=schaal_max,
        volgorde=aanbesteding.criteria.count() + 1,
    )
    if weging is None or weging <= 0 or schaal_max is None or schaal_max <= 0:
        raise ValidationError(
            _("Weging en schaal moeten groter dan nul zijn."), code="weging-niet-positief"
        )
    criterium.full_clean()
    criterium.save()
    record(
        "criterium.toegevoegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"code": code, "naam": naam, "weging": str(weging), "schaal": str(schaal_max)},
    )
    return criterium


@transaction.atomic
def verwijder_criterium(criterium: Gunningscriterium, *, gebruiker) -> None:
    aanbesteding = _vergrendeld(criterium.aanbesteding_id)
    _controleer_niet_bevroren(aanbesteding)
    record(
        "criterium.verwijderd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"code": criterium.code, "naam": criterium.naam},
    )
    criterium.delete()


def _in_beoordeling(aanbesteding: Aanbesteding) -> None:
    if aanbesteding.status != Status.GUNNING_BEOORDELING:
        raise ValidationError(
            _("Dit kan alleen nu de inschrijvingen geopend zijn en nog niet voorlopig is gegund."),
            code="niet-in-beoordeling",
        )


@transaction.atomic
def leg_prijs_vast(inschrijving: Inschrijving, *, gebruiker, prijs: Decimal) -> Inschrijving:
    """The inkoper records the tendered price from the opened price sheet."""
    _in_beoordeling(_vergrendeld(inschrijving.aanbesteding_id))
    if prijs is None or prijs <= 0:
        raise ValidationError(
            _("Een prijs moet groter dan nul zijn; verifieer anders de inschrijving."),
            code="prijs-niet-positief",
        )
    inschrijving.prijs = prijs
    inschrijving.save(update_fields=["prijs"])
    record(
        "inschrijving.prijs-vastgelegd",
        gebruiker=gebruiker,
        obj=inschrijving,
        gegevens={"prijs": str(prijs)},
    )
    return inschrijving


@transaction.atomic
def stel_loting_seed_vast(aanbesteding: Aanbesteding, *, gebruiker, seed: str) -> Aanbesteding:
    """The seed of the published lot (tie rule), recorded by the inkoper when a lot is needed:
    in the selection (capped ranking) or the award assessment."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    if aanbesteding.status != Status.SELECTIE_BEOORDELING:
        _in_beoordeling(aanbesteding)
    if not seed.strip():
        raise ValidationError(_("Geef de seed voor de loting."), code="seed-leeg")
    aanbesteding.loting_seed = seed.strip()
    aanbesteding.save(update_fields=["loting_seed"])
    record(
        "aanbesteding.seed-vastgelegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"seed": seed.strip()},
    )
    return aanbesteding


# --- blind individual assessment and consensus ----------------------------------------------------


@transaction.atomic
def teken_belangenverklaring(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    geen_belangenconflict: bool,
    toelichting: str = "",
    nu: datetime | None = None,
) -> Belangenverklaring:
    """The assessor declares (no) conflict of interest, once per procedure."""
    if not selectors.is_beoordelaar_van(gebruiker, aanbesteding):
        raise ValidationError(
            _("Alleen een beoordelaar van de regio tekent een belangenverklaring."),
            code="geen-beoordelaar",
        )
    if Belangenverklaring.objects.filter(aanbesteding=aanbesteding, beoordelaar=gebruiker).exists():
        raise ValidationError(
            _("U hebt voor deze aanbesteding al een belangenverklaring getekend."),
            code="al-getekend",
        )
    if not geen_belangenconflict and not toelichting.strip():
        raise ValidationError(_("Licht het belangenconflict toe."), code="toelichting-verplicht")
    verklaring = Belangenverklaring.objects.create(
        aanbesteding=aanbesteding,
        beoordelaar=gebruiker,
        geen_belangenconflict=geen_belangenconflict,
        toelichting=toelichting.strip(),
        ondertekend_op=_nu(nu),
    )
    record(
        "belangenverklaring.getekend",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={
            "geen_belangenconflict": geen_belangenconflict,
            "toelichting": toelichting.strip(),
        },
    )
    return verklaring


def _controleer_score(criterium: Gunningscriterium, score, motivering: str) -> None:
    if score is None or not 0 <= score <= criterium.schaal_max:
        raise ValidationError(
            _("De score op %(naam)s ligt tussen 0 en %(max)s.")
            % {"naam": criterium.naam, "max": f"{criterium.schaal_max:g}"},
            code="score-buiten-schaal",
        )
    if not motivering.strip():
        raise ValidationError(
            _("Motiveer de score op %(naam)s.") % {"naam": criterium.naam},
            code="motivering-verplicht",
        )


def _criterium_van(inschrijving: Inschrijving, criterium: Gunningscriterium) -> None:
    if (
        criterium.aanbesteding_id != inschrijving.aanbesteding_id
        or inschrijving.toegelaten is not True
    ):
        raise ValidationError(
            _("Dit criterium of deze inschrijving hoort niet bij de beoordeling."),
            code="niet-te-beoordelen",
        )


@transaction.atomic
def beoordeel(
    inschrijving: Inschrijving,
    criterium: Gunningscriterium,
    *,
    gebruiker,
    score: Decimal,
    motivering: str,
    nu: datetime | None = None,
) -> Beoordeling:
    """An assessor's own score with motivation; changeable until the consensus on it."""
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    _in_beoordeling(aanbesteding)
    if not selectors.mag_beoordelen(gebruiker, aanbesteding):
        raise ValidationError(
            _("Teken eerst de belangenverklaring (zonder belangenconflict) voordat u beoordeelt."),
            code="belangenverklaring-ontbreekt",
        )
    _criterium_van(inschrijving, criterium)
    _controleer_score(criterium, score, motivering)
    if Consensusscore.objects.filter(inschrijving=inschrijving, criterium=criterium).exists():
        raise ValidationError(
            _("Over %(naam)s is al consensus vastgesteld; uw score wijzigt niet meer.")
            % {"naam": criterium.naam},
            code="consensus-al-vastgesteld",
        )
    beoordeling, _nieuw = Beoordeling.objects.update_or_create(
        inschrijving=inschrijving,
        criterium=criterium,
        beoordelaar=gebruiker,
        defaults={"score": score, "motivering": motivering.strip(), "vastgelegd_op": _nu(nu)},
    )
    record(
        "beoordeling.vastgelegd",
        gebruiker=gebruiker,
        obj=inschrijving,
        gegevens={"criterium": criterium.code, "score": str(score)},
    )
    return beoordeling


def beoordelaars(aanbesteding: Aanbesteding):
    """The assessors who declared no conflict of interest: all of them score every item."""
    return [
        v.beoordelaar
        for v in aanbesteding.belangenverklaringen.filter(geen_belangenconflict=True)
        .select_related("beoordelaar")
        .order_by("ondertekend_op", "id")
    ]


@transaction.atomic
def stel_consensus_vast(
    inschrijving: Inschrijving,
    criterium: Gunningscriterium,
    *,
    gebruiker,
    score: Decimal,
    motivering: str,
    nu: datetime | None = None,
) -> Consensusscore:
    """The consensus session (inkoper): the agreed score and motivation, after every assessor
    scored; the individual scores are kept with it."""
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    _in_beoordeling(aanbesteding)
    if not selectors.is_inkoper_van(gebruiker, aanbesteding):
        raise ValidationError(_("Alleen de inkoper legt consensus vast."), code="geen-inkoper")
    _criterium_van(inschrijving, criterium)
    _controleer_score(criterium, score, motivering)
    individueel = list(
        Beoordeling.objects.filter(inschrijving=inschrijving, criterium=criterium).select_related(
            "beoordelaar"
        )
    )
    gescoord = {b.beoordelaar_id for b in individueel}
    ontbrekend = [b for b in beoordelaars(aanbesteding) if b.pk not in gescoord]
    if not individueel or ontbrekend:
        raise ValidationError(
            _("Nog niet iedere beoordelaar heeft %(naam)s gescoord: %(wie)s.")
            % {
                "naam": criterium.naam,
                "wie": ", ".join(b.get_full_name() or b.username for b in ontbrekend)
                or _("niemand heeft gescoord"),
            },
            code="beoordelingen-ontbreken",
        )
    consensus, _nieuw = Consensusscore.objects.update_or_create(
        inschrijving=inschrijving,
        criterium=criterium,
        defaults={
            "score": score,
            "motivering": motivering.strip(),
            "spreiding": [
                {"beoordelaar": b.beoordelaar_id, "score": str(b.score)} for b in individueel
            ],
            "vastgesteld_op": _nu(nu),
            "vastgesteld_door": gebruiker,
        },
    )
    record(
        "consensus.vastgesteld",
        gebruiker=gebruiker,
        obj=inschrijving,
        gegevens={
            "criterium": criterium.code,
            "score": str(score),
            "individueel": [str(b.score) for b in individueel],
        },
    )
    return consensus


# --- ranking, provisional award, objections, definitive award -------------------------------------


def te_beoordelen(aanbesteding: Aanbesteding) -> list[Inschrijving]:
    """The tenders: admitted candidates that submitted in the award phase."""
    return list(
        aanbesteding.inschrijvingen.filter(toegelaten=True, indieningen__fase=Fase.GUNNING)
        .select_related("organisatie")
        .order_by("id")
        .distinct()
    )


def _vraagt_prijs(aanbesteding: Aanbesteding) -> bool:
    return aanbesteding.beoordelingsmethode != Beoordelingsmethode.KWALITEIT


def beoordeling_onvolledig(aanbesteding: Aanbesteding) -> list[str]:
    """What is missing before the ranking can be made (empty: complete)."""
    criteria = list(aanbesteding.criteria.all())
    inschrijvingen = te_beoordelen(aanbesteding)
    if not criteria:
        return [_("Er zijn geen gunningscriteria vastgesteld.")]
    if not inschrijvingen:
        return [_("Er is geen inschrijving van een toegelaten gegadigde.")]
    gedaan = set(
        Consensusscore.objects.filter(inschrijving__in=inschrijvingen).values_list(
            "inschrijving_id", "criterium_id"
        )
    )
    ontbrekend = len(inschrijvingen) * len(criteria) - len(gedaan)
    fouten = []
    if ontbrekend:
        fouten.append(_("Er ontbreken nog %(aantal)s consensusscore(s).") % {"aantal": ontbrekend})
    if _vraagt_prijs(aanbesteding):
        zonder = [i.weergavenaam for i in inschrijvingen if i.prijs is None]
        if zonder:
            fouten.append(_("Prijs ontbreekt voor: %(namen)s.") % {"namen": ", ".join(zonder)})
    return fouten


def rangschikking(aanbesteding: Aanbesteding) -> tuple[scoring.Rangschikking, dict]:
    """The ranking from the consensus scores by the published method and tie rule.

    Returns the ranking and the registrations by name. Incomplete input raises
    ``ValidationError`` (``beoordeling-onvolledig``); a refusal of ``scoring`` (e.g. a lot
    without a seed) ``rangschikking-onmogelijk``."""
    onvolledig = beoordeling_onvolledig(aanbesteding)
    if onvolledig:
        raise ValidationError(" ".join(onvolledig), code="beoordeling-onvolledig")
    criteria = list(aanbesteding.criteria.all())
    inschrijvingen = te_beoordelen(aanbesteding)
    scores: dict[int, dict[str, Decimal]] = {i.pk: {} for i in inschrijvingen}
    for c in Consensusscore.objects.filter(inschrijving__in=inschrijvingen).select_related(
        "criterium"
    ):
        scores[c.inschrijving_id][c.criterium.code] = c.score
    invoer = [
        scoring.Inschrijving(
            i.weergavenaam, scores[i.pk], i.prijs if _vraagt_prijs(aanbesteding) else None
        )
        for i in inschrijvingen
    ]
    scoringcriteria = [scoring.Criterium(c.code, c.naam, c.weging, c.schaal_max) for c in criteria]
    seed = aanbesteding.loting_seed or None
    try:
        if aanbesteding.beoordelingsmethode == Beoordelingsmethode.WAARDE:
            uitkomst = scoring.rank_by_value(
                scoringcriteria,
                invoer,
                waarde_per_punt=aanbesteding.waarde_per_punt,
                loting_seed=seed,
            )
        elif aanbesteding.beoordelingsmethode == Beoordelingsmethode.RELATIEF:
            uitkomst = scoring.rank_relative(
                scoringcriteria,
                invoer,
                max_prijspunten=aanbesteding.max_prijspunten,
                max_kwaliteitspunten=aanbesteding.max_kwaliteitspunten,
                loting_seed=seed,
            )
        else:
            uitkomst = scoring.rank_by_quality(scoringcriteria, invoer, loting_seed=seed)
    except ValueError as fout:
        raise ValidationError(str(fout), code="rangschikking-onmogelijk") from fout
    return uitkomst, {i.weergavenaam: i for i in inschrijvingen}


def _stap_json(stap: scoring.Stap) -> dict:
    return {
        "omschrijving": stap.omschrijving,
        "berekening": stap.berekening,
        "uitkomst": str(stap.uitkomst),
    }


def rangschikking_als_json(uitkomst: scoring.Rangschikking, per_naam: dict) -> dict:
    return {
        "methode": str(uitkomst.methode),
        "hoogste_wint": uitkomst.hoogste_wint,
        "stappen": [_stap_json(s) for s in uitkomst.stappen],
        "lotingen": [
            {"seed": lot.seed, "trekkingen": [list(t) for t in lot.trekkingen]}
            for lot in uitkomst.lotingen
        ],
        "uitslagen": [
            {
                "inschrijving": per_naam[u.inschrijver].pk,
                "inschrijver": u.inschrijver,
                "rang": u.rang,
                "waarde": str(u.waarde),
                "kwaliteitspunten": str(u.kwaliteitspunten),
                "prijs": None if u.prijs is None else str(u.prijs),
                "beslist_door": str(u.beslist_door),
                "stappen": [_stap_json(s) for s in u.stappen],
            }
            for u in uitkomst.uitslagen
        ],
    }


def standstill_einde(aanbesteding: Aanbesteding):
    """The last day of the standstill, from the day the letters were sent (or None)."""
    if aanbesteding.voorlopig_gegund_op is None:
        return None
    return termijnen.standstill_end(timezone.localdate(aanbesteding.voorlopig_gegund_op))


def brief_context(
    aanbesteding: Aanbesteding, inschrijving: Inschrijving, uitkomst, per_naam, verzonden
) -> dict:
    criteria = list(aanbesteding.criteria.all())
    consensus = {
        (c.inschrijving_id, c.criterium_id): c
        for c in Consensusscore.objects.filter(inschrijving__aanbesteding=aanbesteding)
    }
    winnaar = per_naam[uitkomst.winnaar.inschrijver]
    eigen = uitkomst.uitslag(inschrijving.weergavenaam)
    return {
        "aanbesteding": aanbesteding,
        "perceel": ", ".join(p.naam for p in aanbesteding.percelen.all()),
        "inschrijving": inschrijving,
        "is_winnaar": inschrijving.pk == winnaar.pk,
        "winnaar": winnaar,
        "uitslag": eigen,
        "winnende_uitslag": uitkomst.winnaar,
        "methode": Beoordelingsmethode(aanbesteding.beoordelingsmethode).label,
        "hoogste_wint": uitkomst.hoogste_wint,
        "scores": [
            {
                "criterium": c,
                "eigen": consensus[(inschrijving.pk, c.pk)],
                "winnaar": consensus[(winnaar.pk, c.pk)],
            }
            for c in criteria
        ],
        "verzonden": verzonden,
        "standstill_einde": termijnen.standstill_end(verzonden),
        "aantal": len(uitkomst.uitslagen),
    }


@transaction.atomic
def gun_voorlopig(
    aanbesteding: Aanbesteding, *, gebruiker, nu: datetime | None = None
) -> list[Gunningsbrief]:
    """Send the provisional award letters: to the winner, and with scores and reasons to every
    other tenderer. Sending starts the standstill (status ``voorlopig-gegund``)."""
    from django.template.loader import render_to_string

    _vergrendeld(aanbesteding.pk)
    uitkomst, per_naam = rangschikking(aanbesteding)
    moment = _nu(nu)
    wijzig_status(aanbesteding, Status.VOORLOPIG_GEGUND, gebruiker=gebruiker, nu=moment)
    winnaar = per_naam[uitkomst.winnaar.inschrijver]
    aanbesteding.rangschikking = rangschikking_als_json(uitkomst, per_naam)
    aanbesteding.winnaar = winnaar
    aanbesteding.save(update_fields=["rangschikking", "winnaar"])
    verzonden = timezone.localdate(moment)
    brieven = []
    for u in uitkomst.uitslagen:
        inschrijving = per_naam[u.inschrijver]
        html = render_to_string(
            "aanbestedingen/pdf/gunningsbrief.html",
            brief_context(aanbesteding, inschrijving, uitkomst, per_naam, verzonden),
        )
        brieven.append(
            Gunningsbrief.objects.create(
                aanbesteding=aanbesteding,
                inschrijving=inschrijving,
                winnaar=inschrijving.pk == winnaar.pk,
                rang=u.rang,
                html=html,
                verzonden_op=moment,
            )
        )
    record(
        "aanbesteding.voorlopig-gegund",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"winnaar: {winnaar.weergavenaam}",
        gegevens={
            "winnaar": winnaar.pk,
            "standstill_einde": str(termijnen.standstill_end(verzonden)),
            "brieven": [b.pk for b in brieven],
        },
    )
    return brieven


@transaction.atomic
def registreer_bezwaar(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    soort: str,
    omschrijving: str,
    ontvangen_op,
    inschrijving: Inschrijving | None = None,
    nu: datetime | None = None,
) -> Bezwaar:
    """Register an objection or kort geding: the procedure is paused (``opgeschort``)."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    if aanbesteding.status not in (Status.VOORLOPIG_GEGUND, Status.OPGESCHORT):
        raise ValidationError(
            _("Een bezwaar of kort geding registreert u na de voorlopige gunning."),
            code="geen-voorlopige-gunning",
        )
    if soort not in Bezwaarsoort.values or not omschrijving.strip() or ontvangen_op is None:
        raise ValidationError(
            _("Geef de soort, de datum van ontvangst en een omschrijving."),
            code="bezwaar-onvolledig",
        )
    if inschrijving is not None and inschrijving.aanbesteding_id != aanbesteding.pk:
        raise ValidationError(
            _("Deze inschrijving hoort niet bij de aanbesteding."), code="andere-aanbesteding"
        )
    bezwaar = Bezwaar.objects.create(
        aanbesteding=aanbesteding,
        inschrijving=inschrijving,
        soort=soort,
        omschrijving=omschrijving.strip(),
        ontvangen_op=ontvangen_op,
        geregistreerd_op=_nu(nu),
        geregistreerd_door=gebruiker,
    )
    record(
        "bezwaar.geregistreerd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"soort": soort, "inschrijving": inschrijving.pk if inschrijving else None},
    )
    if aanbesteding.status == Status.VOORLOPIG_GEGUND:
        wijzig_status(
            aanbesteding,
            Status.OPGESCHORT,
            gebruiker=gebruiker,
            reden=f"{Bezwaarsoort(soort).label}: {omschrijving.strip()}"[:500],
            nu=nu,
        )
    return bezwaar


@transaction.atomic
def handel_bezwaar_af(
    bezwaar: Bezwaar, *, gebruiker, uitkomst: str, nu: datetime | None = None
) -> Bezwaar:
    """Close an objection with its outcome. Resuming (or withdrawing the provisional award) is
    a separate, deliberate status change."""
    _vergrendeld(bezwaar.aanbesteding_id)
    bezwaar.refresh_from_db()
    if not bezwaar.is_open:
        raise ValidationError(_("Dit bezwaar is al afgehandeld."), code="al-afgehandeld")
    if not uitkomst.strip():
        raise ValidationError(_("Geef de uitkomst."), code="uitkomst-verplicht")
    bezwaar.afgehandeld_op = _nu(nu)
    bezwaar.uitkomst = uitkomst.strip()
    bezwaar.save(update_fields=["afgehandeld_op", "uitkomst"])
    record(
        "bezwaar.afgehandeld",
        gebruiker=gebruiker,
        obj=bezwaar.aanbesteding,
        gegevens={"bezwaar": bezwaar.pk, "uitkomst": bezwaar.uitkomst},
    )
    return bezwaar


def _organisatie_van(partij: Partij):
    """The accounts.Organisatie of a party, by KvK-nummer (created when new)."""
    from wmoregie.accounts.models import Organisatie

    if not partij.kvk_nummer:
        raise ValidationError(
            _("%(naam)s heeft geen KvK-nummer; leg de overeenkomst met deze partij handmatig vast.")
            % {"naam": partij.naam},
            code="partij-zonder-kvk",
        )
    organisatie, _nieuw = Organisatie.objects.get_or_create(
        kvk_nummer=partij.kvk_nummer, defaults={"naam": partij.naam, "adres": partij.adres}
    )
    return organisatie


@transaction.atomic
def gun_definitief(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    nummer: str,
    einddatum,
    verlengingsopties=(),
    combinatie_kvk: str = "",
    nu: datetime | None = None,
):
    """Definitive award after the standstill without open objection, then the agreement in
    ``contracten`` with the winner's combinanten, derden and vaste onderaannemers carried over."""
    from wmoregie.contracten import services as contracten
    from wmoregie.contracten.constants import Onderaannemersoort, Opdrachtnemersvorm

    aanbesteding = _vergrendeld(aanbesteding.pk)
    percelen = list(aanbesteding.percelen.all())
    if len(percelen) != 1:
        raise ValidationError(
            _(
                "Een overeenkomst uit de gunning kan nu alleen voor een aanbesteding met één perceel."
            ),
            code="meerdere-percelen",
        )
    wijzig_status(aanbesteding, Status.DEFINITIEF_GEGUND, gebruiker=gebruiker, nu=nu)
    winnaar = aanbesteding.winnaar
    partijen = list(winnaar.partijen.prefetch_related("producten"))
    perceel = percelen[0]
    if winnaar.soort == Inschrijvingsoort.COMBINATIE:
        from wmoregie.accounts.constants import Organisatiesoort
        from wmoregie.accounts.models import Organisatie
        from wmoregie.accounts.validators import validate_kvk_nummer

        # the combination as a whole is the contract partner: its own registration (e.g. the
        # VOF formed after the award), distinct from its members
        try:
            validate_kvk_nummer(combinatie_kvk)
        except ValidationError:
            raise ValidationError(
                {
                    "combinatie_kvk": ValidationError(
                        _("Geef het KvK-nummer (acht cijfers) van de combinatie als geheel."),
                        code="combinatie-kvk-ontbreekt",
                    )
                }
            ) from None
        if combinatie_kvk in {p.kvk_nummer for p in partijen}:
            raise ValidationError(
                {
                    "combinatie_kvk": ValidationError(
                        _("Het KvK-nummer van de combinatie is niet dat van een van de leden."),
                        code="combinatie-kvk-is-lid",
                    )
                }
            )
        vorm = Opdrachtnemersvorm.COMBINATIE
        opdrachtnemer, _nieuw = Organisatie.objects.get_or_create(
            kvk_nummer=combinatie_kvk,
            defaults={"naam": winnaar.combinatienaam, "soort": Organisatiesoort.CONSORTIUM},
        )
        combinanten = [
            contracten.CombinantInvoer(
                _organisatie_van(p), penvoerder=p.rol == PartijRol.PENVOERDER
            )
            for p in partijen
            if p.rol in (PartijRol.PENVOERDER, PartijRol.COMBINANT)
        ]
    else:
        vorm = Opdrachtnemersvorm.HOOFDAANNEMER
        opdrachtnemer = winnaar.organisatie
        combinanten = []
    overeenkomst = contracten.maak_overeenkomst(
        gebruiker=gebruiker,
        nummer=nummer,
        naam=f"{aanbesteding.naam} — {winnaar.weergavenaam}",
        perceel=perceel,
        opdrachtnemersvorm=vorm,
        opdrachtnemer=opdrachtnemer,
        ingangsdatum=aanbesteding.contractstart,
        einddatum=einddatum,
        combinanten=combinanten,
        verlengingsopties=verlengingsopties,
        bron=f"aanbesteding {aanbesteding.kenmerk}",
    )
    soort_van = {
        PartijRol.DERDE: Onderaannemersoort.DERDE,
        PartijRol.VASTE_ONDERAANNEMER: Onderaannemersoort.VAST,
    }
    for partij in partijen:
        if partij.rol not in soort_van:
            continue
        producten = list(partij.producten.filter(perceel=perceel)) or list(perceel.producten.all())
        contracten.registreer_onderaannemer(
            overeenkomst,
            gebruiker=gebruiker,
            organisatie=_organisatie_van(partij),
            soort=soort_van[partij.rol],
            expertise=partij.expertise or partij.taakomschrijving or partij.get_rol_display(),
            producten=producten,
            ingangsdatum=overeenkomst.ingangsdatum,
        )
    aanbesteding.overeenkomst = overeenkomst
    aanbesteding.save(update_fields=["overeenkomst"])
    record(
        "aanbesteding.definitief-gegund",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"overeenkomst {overeenkomst.nummer}",
        gegevens={"winnaar": winnaar.pk, "overeenkomst": overeenkomst.pk},
    )
    return overeenkomst


# --- selection phase: exclusion grounds, suitability requirements, capped selection ---------------


def _definities_open(aanbesteding: Aanbesteding) -> None:
    """Requirements, cap and selection criteria are published with the selection guideline and
    frozen from the selection opening."""
    if aanbesteding.selectie_geopend_op is not None or aanbesteding.status not in (
        Status.CONCEPT,
        Status.SELECTIEFASE,
    ):
        raise ValidationError(
            _(
                "Na het openen van de aanmeldingen liggen de geschiktheidseisen, het maximum "
                "aantal kandidaten en de selectiecriteria vast."
            ),
            code="selectie-eisen-bevroren",
        )


def _toetsing_open(aanbesteding: Aanbesteding) -> None:
    if aanbesteding.status != Status.SELECTIE_BEOORDELING:
        raise ValidationError(
            _(
                "Toetsen kan alleen na het openen van de aanmeldingen en vóór de selectiebeslissing."
            ),
            code="selectie-niet-open",
        )


@transaction.atomic
def voeg_geschiktheidseis_toe(
    aanbesteding: Aanbesteding, *, gebruiker, naam: str, bewijs: str
) -> Geschiktheidseis:
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _definities_open(aanbesteding)
    if not naam.strip() or not bewijs.strip():
        raise ValidationError(
            _("Geef de eis en het bewijs dat ervoor wordt gevraagd."), code="eis-onvolledig"
        )
    eis = Geschiktheidseis.objects.create(
        aanbesteding=aanbesteding,
        naam=naam.strip(),
        bewijs=bewijs.strip(),
        volgorde=aanbesteding.geschiktheidseisen.count() + 1,
    )
    record(
        "geschiktheidseis.toegevoegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"eis": eis.pk, "naam": eis.naam, "bewijs": eis.bewijs},
    )
    return eis


@transaction.atomic
def verwijder_geschiktheidseis(eis: Geschiktheidseis, *, gebruiker) -> None:
    aanbesteding = _vergrendeld(eis.aanbesteding_id)
    _definities_open(aanbesteding)
    record(
        "geschiktheidseis.verwijderd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"eis": eis.pk, "naam": eis.naam},
    )
    eis.delete()


@transaction.atomic
def stel_max_kandidaten_vast(
    aanbesteding: Aanbesteding, *, gebruiker, max_kandidaten: int | None
) -> Aanbesteding:
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _definities_open(aanbesteding)
    if max_kandidaten is not None and max_kandidaten < 1:
        raise ValidationError(
            _("Het maximum aantal kandidaten moet ten minste 1 zijn."), code="maximum-ongeldig"
        )
    aanbesteding.max_kandidaten = max_kandidaten
    aanbesteding.save(update_fields=["max_kandidaten"])
    record(
        "aanbesteding.maximum-kandidaten-vastgesteld",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"max_kandidaten": max_kandidaten},
    )
    return aanbesteding


@transaction.atomic
def voeg_selectiecriterium_toe(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    code: str,
    naam: str,
    weging: Decimal,
    schaal_max: Decimal = Decimal(10),
) -> Selectiecriterium:
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _definities_open(aanbesteding)
    if aanbesteding.selectiecriteria.filter(code=code).exists():
        raise ValidationError(
            _("Er is al een selectiecriterium met deze code."), code="criterium-dubbel"
        )
    criterium = Selectiecriterium(
        aanbesteding=aanbesteding,
        code=code,
        naam=naam.strip(),
        weging=weging,
        schaal_max=schaal_max,
        volgorde=aanbesteding.selectiecriteria.count() + 1,
    )
    if weging is None or weging <= 0 or schaal_max is None or schaal_max <= 0:
        raise ValidationError(
            _("Weging en schaalmaximum moeten groter dan nul zijn."), code="weging-ongeldig"
        )
    criterium.full_clean()
    criterium.save()
    record(
        "selectiecriterium.toegevoegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"code": code, "naam": criterium.naam, "weging": str(weging)},
    )
    return criterium


@transaction.atomic
def verwijder_selectiecriterium(criterium: Selectiecriterium, *, gebruiker) -> None:
    aanbesteding = _vergrendeld(criterium.aanbesteding_id)
    _definities_open(aanbesteding)
    record(
        "selectiecriterium.verwijderd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"code": criterium.code},
    )
    criterium.delete()


def uea_plichtige_partijen(inschrijving: Inschrijving) -> list[Partij]:
    """The parties that sign their own UEA: hoofdaannemer or penvoerder, combinanten, derden."""
    return [p for p in inschrijving.partijen.all() if p.rol in UEA_PLICHTIG]


def selectietoetsing(inschrijving: Inschrijving) -> selectie.Toetsing:
    """The exclusion grounds and suitability requirements of a registration, with the checks
    recorded so far."""
    gronden = []
    for partij in uea_plichtige_partijen(inschrijving):
        toetsen = {t.code: t for t in partij.uitsluitingstoetsen.all()}
        for code, naam, antwoord, toelichting in selectie.te_beoordelen_gronden(
            partij.pk, partij.naam, partij.uitsluitingsgronden or []
        ):
            toets = toetsen.get(code)
            gronden.append(
                selectie.Grond(
                    partij_id=partij.pk,
                    partij=f"{partij.naam} ({partij.get_rol_display().lower()})",
                    code=code,
                    naam=naam,
                    antwoord=antwoord,
                    toelichting=toelichting or "",
                    oordeel=toets.oordeel if toets else None,
                    motivering=toets.motivering if toets else "",
                    bewijs=toets.bewijs if toets else "",
                )
            )
    getoetst = {t.eis_id: t for t in inschrijving.eistoetsingen.all()}
    eisen = []
    for eis in inschrijving.aanbesteding.geschiktheidseisen.all():
        toetsing = getoetst.get(eis.pk)
        eisen.append(
            selectie.Eis(
                eis_id=eis.pk,
                naam=eis.naam,
                bewijs_gevraagd=eis.bewijs,
                voldoet=toetsing.voldoet if toetsing else None,
                bewijs=toetsing.bewijs if toetsing else "",
                reden=toetsing.reden if toetsing else "",
            )
        )
    return selectie.Toetsing(tuple(gronden), tuple(eisen))


@transaction.atomic
def toets_uitsluitingsgrond(
    partij: Partij,
    *,
    code: str,
    oordeel: str,
    motivering: str,
    bewijs: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Uitsluitingstoets:
    """Record the assessment of a ground a party answered "yes" or left open."""
    _toetsing_open(_vergrendeld(partij.inschrijving.aanbesteding_id))
    if partij.rol not in UEA_PLICHTIG:
        raise ValidationError(
            _("Voor deze partij worden geen uitsluitingsgronden getoetst."), code="geen-uea-plicht"
        )
    te_beoordelen = {
        c: a
        for c, _naam, a, _t in selectie.te_beoordelen_gronden(
            partij.pk, partij.naam, partij.uitsluitingsgronden or []
        )
    }
    if code not in te_beoordelen:
        raise ValidationError(
            _("Deze uitsluitingsgrond is met “nee” beantwoord en vraagt geen beoordeling."),
            code="grond-niet-te-beoordelen",
        )
    if oordeel not in Uitsluitingsoordeel.values:
        raise ValidationError(
            {"oordeel": ValidationError(_("Kies een oordeel."), code="oordeel-ontbreekt")}
        )
    if not motivering.strip():
        raise ValidationError(
            {
                "motivering": ValidationError(
                    _("Motiveer het oordeel (toelichting, herstelmaatregelen, bewijs)."),
                    code="motivering-ontbreekt",
                )
            }
        )
    toets, _nieuw = Uitsluitingstoets.objects.update_or_create(
        partij=partij,
        code=code,
        defaults={
            "antwoord": te_beoordelen[code],
            "oordeel": oordeel,
            "motivering": motivering.strip(),
            "bewijs": bewijs.strip(),
            "vastgelegd_op": _nu(nu),
            "vastgelegd_door": gebruiker,
        },
    )
    record(
        "uitsluitingsgrond.beoordeeld",
        gebruiker=gebruiker,
        obj=partij.inschrijving,
        omschrijving=f"{partij.naam}: {code} — {oordeel}",
        gegevens={"partij": partij.pk, "code": code, "oordeel": oordeel},
    )
    return toets


@transaction.atomic
def toets_eis(
    inschrijving: Inschrijving,
    eis: Geschiktheidseis,
    *,
    voldoet: bool,
    bewijs: str,
    reden: str = "",
    document=None,
    gebruiker,
    nu: datetime | None = None,
) -> Eistoetsing:
    """Record whether a registration meets a suitability requirement, with the evidence (text and
    an optional document) and, when it does not, the reason."""
    _toetsing_open(_vergrendeld(inschrijving.aanbesteding_id))
    if eis.aanbesteding_id != inschrijving.aanbesteding_id:
        raise ValidationError(
            _("Deze eis hoort niet bij de aanbesteding."), code="andere-aanbesteding"
        )
    fouten = {}
    if not bewijs.strip():
        fouten["bewijs"] = ValidationError(
            _("Beschrijf het bewijs waarop het oordeel rust."), code="bewijs-ontbreekt"
        )
    if not voldoet and not reden.strip():
        fouten["reden"] = ValidationError(
            _("Geef de reden waarom niet aan de eis is voldaan."), code="reden-ontbreekt"
        )
    if fouten:
        raise ValidationError(fouten)
    inhoudstype = validate_upload(document) if document else None
    toetsing = Eistoetsing.objects.filter(
        inschrijving=inschrijving, eis=eis
    ).first() or Eistoetsing(inschrijving=inschrijving, eis=eis)
    toetsing.voldoet = voldoet
    toetsing.bewijs = bewijs.strip()
    toetsing.reden = "" if voldoet else reden.strip()
    toetsing.vastgelegd_op = _nu(nu)
    toetsing.vastgelegd_door = gebruiker
    if document:
        toetsing.document = document
        toetsing.bestandsnaam = document.name[:255]
    toetsing.save()
    record(
        "geschiktheidseis.getoetst",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=f"{eis.naam}: {'voldoet' if voldoet else 'voldoet niet'}",
        gegevens={
            "eis": eis.pk,
            "voldoet": voldoet,
            "reden": toetsing.reden,
            "document": inhoudstype,
        },
    )
    return toetsing


@transaction.atomic
def geef_selectiescore(
    inschrijving: Inschrijving,
    criterium: Selectiecriterium,
    *,
    score: Decimal | None,
    motivering: str,
    gebruiker,
    nu: datetime | None = None,
) -> Selectiescore:
    _toetsing_open(_vergrendeld(inschrijving.aanbesteding_id))
    if criterium.aanbesteding_id != inschrijving.aanbesteding_id:
        raise ValidationError(
            _("Dit criterium hoort niet bij de aanbesteding."), code="andere-aanbesteding"
        )
    if score is None or not 0 <= score <= criterium.schaal_max:
        raise ValidationError(
            _("Geef een score van 0 tot en met %(max)s.")
            % {"max": f"{criterium.schaal_max.normalize():f}"},
            code="score-buiten-schaal",
        )
    if not motivering.strip():
        raise ValidationError(_("Motiveer de score."), code="motivering-verplicht")
    item, _nieuw = Selectiescore.objects.update_or_create(
        inschrijving=inschrijving,
        criterium=criterium,
        defaults={
            "score": score,
            "motivering": motivering.strip(),
            "vastgelegd_op": _nu(nu),
            "vastgelegd_door": gebruiker,
        },
    )
    record(
        "selectiescore.vastgelegd",
        gebruiker=gebruiker,
        obj=inschrijving,
        gegevens={"criterium": criterium.code, "score": str(score)},
    )
    return item


def selectierangschikking(
    aanbesteding: Aanbesteding,
) -> tuple[selectie.Selectierangschikking | None, dict, list[str]]:
    """The ranking of the suitable candidates on the selection criteria, where the number of
    candidates is capped and more candidates are suitable than the cap.

    Returns (ranking or None, registrations by name, what is still missing). ``None`` with
    nothing missing: no ranking needed (no cap, or not more suitable candidates than the cap)."""
    if aanbesteding.max_kandidaten is None:
        return None, {}, []
    inschrijvingen = list(
        aanbesteding.inschrijvingen.select_related("organisatie").prefetch_related(
            "partijen__uitsluitingstoetsen", "eistoetsingen", "selectiescores"
        )
    )
    toetsingen = {i.pk: selectietoetsing(i) for i in inschrijvingen}
    ontbreekt = [
        _("De toetsing van %(naam)s is nog niet af.") % {"naam": i.weergavenaam}
        for i in inschrijvingen
        if not toetsingen[i.pk].volledig
    ]
    if ontbreekt:
        return None, {}, ontbreekt
    geschikt = [i for i in inschrijvingen if toetsingen[i.pk].geschikt]
    if len(geschikt) <= aanbesteding.max_kandidaten:
        return None, {i.weergavenaam: i for i in geschikt}, []
    criteria = list(aanbesteding.selectiecriteria.all())
    scores = {
        i.weergavenaam: {s.criterium.code: s.score for s in i.selectiescores.all()}
        for i in geschikt
    }
    ontbreekt = [
        _("Score ontbreekt: %(naam)s, %(criterium)s.") % {"naam": naam, "criterium": c.naam}
        for naam, s in scores.items()
        for c in criteria
        if c.code not in s
    ]
    if ontbreekt:
        return None, {}, ontbreekt
    try:
        uitkomst = selectie.rangschik_kandidaten(
            [scoring.Criterium(c.code, c.naam, c.weging, c.schaal_max) for c in criteria],
            scores,
            max_kandidaten=aanbesteding.max_kandidaten,
            loting_seed=aanbesteding.loting_seed or None,
        )
    except ValueError as fout:
        return None, {}, [str(fout)]
    return uitkomst, {i.weergavenaam: i for i in geschikt}, []


def _weigering_bij_toelaten(inschrijving: Inschrijving) -> None:
    """Refuse admitting a registration whose checks are open or failed, or that falls outside
    the cap."""
    weigeringen = selectietoetsing(inschrijving).weigeringen()
    if weigeringen:
        raise ValidationError(" ".join(w.bericht for w in weigeringen), code=weigeringen[0].code)
    aanbesteding = inschrijving.aanbesteding
    uitkomst, _per_naam, ontbreekt = selectierangschikking(aanbesteding)
    if ontbreekt:
        raise ValidationError(
            _("Er geldt een maximum aantal kandidaten; eerst is nodig: %(wat)s")
            % {"wat": " ".join(ontbreekt)},
            code="rangschikking-onvolledig",
        )
    if uitkomst is not None and not uitkomst.binnen_maximum(inschrijving.weergavenaam):
        raise ValidationError(
            _("%(naam)s staat op plaats %(rang)s; het maximum is %(max)s kandidaten.")
            % {
                "naam": inschrijving.weergavenaam,
                "rang": uitkomst.rang(inschrijving.weergavenaam),
                "max": aanbesteding.max_kandidaten,
            },
            code="buiten-maximum",
        )


def selectiebrief_context(inschrijving: Inschrijving, verzonden) -> dict:
    aanbesteding = inschrijving.aanbesteding
    toetsing = selectietoetsing(inschrijving)
    uitkomst, _per_naam, _ontbreekt = selectierangschikking(aanbesteding)
    uitslag = None
    if uitkomst is not None:
        uitslag = next(
            (
                u
                for u in uitkomst.rangschikking.uitslagen
                if u.inschrijver == inschrijving.weergavenaam
            ),
            None,
        )
    scores = {s.criterium_id: s for s in inschrijving.selectiescores.all()}
    partijen = [
        {
            "partij": p,
            "gronden": [g for g in toetsing.gronden if g.partij_id == p.pk],
            "aantal_nee": sum(1 for a in p.uitsluitingsgronden or [] if a.get("antwoord") is False),
        }
        for p in uea_plichtige_partijen(inschrijving)
    ]
    redenen = toetsing.redenen()
    if uitslag is not None and uitslag.rang > aanbesteding.max_kandidaten:
        redenen.append(
            _(
                "Er zijn meer geschikte kandidaten dan het maximum van %(max)s; uw aanmelding "
                "staat op plaats %(rang)s van de rangschikking op de selectiecriteria."
            )
            % {"max": aanbesteding.max_kandidaten, "rang": uitslag.rang}
        )
    return {
        "aanbesteding": aanbesteding,
        "inschrijving": inschrijving,
        "toegelaten": inschrijving.toegelaten,
        "motivering": inschrijving.selectiemotivering,
        "partijen": partijen,
        "eisen": toetsing.eisen,
        "redenen": redenen,
        "uitslag": uitslag,
        "aantal_gerangschikt": len(uitkomst.rangschikking.uitslagen) if uitkomst else 0,
        "max_kandidaten": aanbesteding.max_kandidaten,
        "scores": [
            {"criterium": c, "score": scores.get(c.pk)} for c in aanbesteding.selectiecriteria.all()
        ]
        if uitslag is not None
        else [],
        "verzonden": verzonden,
        "termijn_einde": termijnen.standstill_end(verzonden),
    }


def _verstuur_selectiebrieven(aanbesteding: Aanbesteding, *, moment: datetime) -> list:
    """One decision letter per candidate, when the selection decision is taken."""
    from django.template.loader import render_to_string

    verzonden = timezone.localdate(moment)
    brieven = []
    for inschrijving in aanbesteding.inschrijvingen.select_related("organisatie", "aanbesteding"):
        html = render_to_string(
            "aanbestedingen/pdf/selectiebrief.html", selectiebrief_context(inschrijving, verzonden)
        )
        brieven.append(
            Selectiebrief.objects.create(
                aanbesteding=aanbesteding,
                inschrijving=inschrijving,
                toegelaten=bool(inschrijving.toegelaten),
                html=html,
                verzonden_op=moment,
            )
        )
    record(
        "selectiebrieven.verzonden",
        gebruiker=None,
        obj=aanbesteding,
        gegevens={"brieven": [b.pk for b in brieven]},
    )
    return brieven
