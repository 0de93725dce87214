"""The documents of a registration: a UEA read from its XML, and any other file (a paper
UEA, a GVA, a declaration, a tender document)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from .. import espd
from ..constants import LEIDENDE_ROLLEN, OPVRAAGBARE_DOCUMENTEN, Documentsoort, PartijRol, UeaVorm
from ..models import Document, Inschrijving, Partij
from ..validators import validate_upload
from ._helpers import _controleer_afgiftedatum, _controleer_uniek, _label_partij, _nu
from .inschrijvingen import open_fase_voor

#: Documents whose date of issue is kept for their age rule (#15.6).
MET_AFGIFTEDATUM = OPVRAAGBARE_DOCUMENTEN

#: ESPD role (espd.PartijRol) -> role of a party here. A subcontractor named in a UEA is a
#: vaste onderaannemer: incidentele onderaannemers are not named in the procedure.
ROL_UIT_UEA = {
    espd.PartijRol.HOOFDAANNEMER: PartijRol.HOOFDAANNEMER,
    espd.PartijRol.PENVOERDER: PartijRol.PENVOERDER,
    espd.PartijRol.COMBINANT: PartijRol.COMBINANT,
    espd.PartijRol.DERDE: PartijRol.DERDE,
    espd.PartijRol.ONDERAANNEMER: PartijRol.VASTE_ONDERAANNEMER,
}


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
    if kvk:  # compared in Python: the numbers are stored encrypted
        gevonden = next((p for p in inschrijving.partijen.all() if p.kvk_nummer == kvk), None)
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
        omschrijving=f"{_label_partij(doel)} — UEA ingelezen",
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
    if soort in (Documentsoort.UEA, Documentsoort.VERKLARING, *MET_AFGIFTEDATUM) and partij is None:
        raise ValidationError(
            {
                "partij": ValidationError(
                    _("Kies de partij van dit document."), code="partij-ontbreekt"
                )
            }
        )
    if soort in MET_AFGIFTEDATUM:
        _controleer_afgiftedatum(afgiftedatum, moment)
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
        afgiftedatum=afgiftedatum if soort in MET_AFGIFTEDATUM else None,
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
        omschrijving=f"{document.get_soort_display()} (document {document.pk})",
        gegevens={"soort": soort, "partij": partij.pk if partij else None, "fase": fase},
    )
    return document


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
