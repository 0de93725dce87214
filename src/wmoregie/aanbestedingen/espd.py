"""UEA-import: een ingevuld UEA (ESPD Response, ESPD-EDM 4.1) inlezen tot een partij.

A bidder exports its UEA from a national ESPD service as XML: a UBL 2.3
``QualificationApplicationResponse`` following ESPD-EDM 4.1. This module reads that file into
plain dataclasses: the economic operator (ondernemer), its role in the registration, its answers
to the exclusion grounds (uitsluitingsgronden), the procurement reference and the issue date.

Pure core: no models, no queries. The only Django import is ``gettext`` for the Dutch messages.

Safety: the file comes from outside. It is parsed by lxml with entity resolution, DTD loading and
network access switched off, any DOCTYPE is refused (no XXE, no entity expansion), and the size
is capped (``MAX_BYTES``). Every problem with the file surfaces as :class:`EspdImportError` with a
stable ``code`` and a Dutch message; no other exception escapes for a bad file.

How the answers are read (ESPD-EDM 4.1):

* each ``cac:TenderingCriterion`` carries ``cbc:CriterionTypeCode`` (code list ``criterion``);
  the exclusion grounds are the codes in :data:`UITSLUITINGSGRONDEN` (Directive 2014/24/EU
  art. 57 plus ``nati-ground``);
* the answers sit at document level in ``cac:TenderingCriterionResponse``, linked to the
  question by ``cbc:ValidatedCriterionPropertyID`` = the ``cbc:ID`` of the
  ``cac:TenderingCriterionProperty``;
* the main answer of a criterion is the first QUESTION of type INDICATOR in document order
  ("Your answer"); no response to it gives ``antwoord=None`` (the official example leaves
  ``tax-pay`` and ``socsec-pay`` unanswered that way);
* descriptions (DESCRIPTION questions) are kept as ``toelichtingen``, but only from groups that
  apply: a sub-group marked ``ONTRUE``/``ONFALSE`` counts only when the preceding indicator in
  its parent group was answered ``true``/``false`` (``ON*``: always).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import IO

from django.utils.translation import gettext as _

from lxml import etree

#: The largest file we read. The official example is about 1.1 MB; real responses are smaller.
MAX_BYTES = 10 * 1024 * 1024

NS_RESPONSE = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2"
NS_REQUEST = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
_NS = {"cac": NS_CAC, "cbc": NS_CBC}

ROOT_RESPONSE = f"{{{NS_RESPONSE}}}QualificationApplicationResponse"
ROOT_REQUEST = f"{{{NS_REQUEST}}}QualificationApplicationRequest"

_PROPERTY = f"{{{NS_CAC}}}TenderingCriterionProperty"
_SUBGROUP = f"{{{NS_CAC}}}SubsidiaryTenderingCriterionPropertyGroup"


class PartijRol(StrEnum):
    """The role of a party in a registration, in the seed's words (see procurement-rules §2)."""

    HOOFDAANNEMER = "hoofdaannemer"
    PENVOERDER = "penvoerder"
    COMBINANT = "combinant"
    DERDE = "derde"
    ONDERAANNEMER = "onderaannemer"


#: EoRoleType code list (ESPD-EDM 4.1, codelists/EoRoleType.gc, version 20211208-0) -> our role.
ROL_PER_EO_ROLE_CODE: dict[str, PartijRol] = {
    "sole-tenderer": PartijRol.HOOFDAANNEMER,
    "group-lead": PartijRol.PENVOERDER,
    "group-mem": PartijRol.COMBINANT,
    "oeron": PartijRol.DERDE,
    "subcont": PartijRol.ONDERAANNEMER,
}

#: The exclusion grounds in the ``criterion`` code list (version 20240612-0): the mandatory and
#: discretionary grounds of Directive 2014/24/EU art. 57 and the purely national grounds.
UITSLUITINGSGRONDEN: frozenset[str] = frozenset(
    {
        "crime-org",
        "corruption",
        "fraud",
        "terr-offence",
        "finan-laund",
        "human-traffic",
        "tax-pay",
        "socsec-pay",
        "envir-law",
        "socsec-law",
        "labour-law",
        "bankruptcy",
        "insolvency",
        "cred-arran",
        "bankr-nat",
        "liq-admin",
        "susp-act",
        "prof-misconduct",
        "distorsion",
        "partic-confl",
        "prep-confl",
        "sanction",
        "misrepresent",
        "nati-ground",
    }
)

#: Scheme markers that mean "Dutch Chamber of Commerce number" (KvK-nummer): our own label, the
#: Peppol/ISO 6523 ICD 0106 (Vereniging van Kamers van Koophandel) and its usual spellings.
KVK_SCHEMAS: frozenset[str] = frozenset({"KVK", "NL:KVK", "NL-KVK", "NL_KVK", "0106"})
#: Schemes for "national identifier" (EOIDType ``NATIONAL``; ESPD 1.x/2.x ``National_Number``):
#: for an operator established in the Netherlands that number is the KvK-nummer.
NATIONALE_SCHEMAS: frozenset[str] = frozenset({"NATIONAL", "NATIONAL_NUMBER"})
_NEDERLAND = frozenset({"NL", "NLD"})
_KVK_NUMMER = re.compile(r"[0-9]{8}")


class EspdImportError(ValueError):
    """The file is not a usable UEA. ``code`` is stable, ``message`` is Dutch for the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Identificatie:
    """An identifier of the operator with the scheme attributes exactly as given in the file."""

    waarde: str
    schema_id: str = ""
    schema_naam: str = ""
    schema_agency: str = ""
    bron: str = "PartyIdentification"  # or "PartyLegalEntity/CompanyID"

    @property
    def schema(self) -> str:
        """The most specific scheme marker present (schemeID, then schemeName, then agency)."""
        return self.schema_id or self.schema_naam or self.schema_agency


@dataclass(frozen=True)
class Adres:
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    plaats: str = ""
    land: str = ""  # the code as given: ESPD-EDM 4.1 uses the EU country list (alpha-3, "NLD")


@dataclass(frozen=True)
class Contactpersoon:
    naam: str = ""
    email: str = ""
    telefoon: str = ""


@dataclass(frozen=True)
class Ondernemer:
    naam: str
    rol_code: str  # EoRoleType code as in the file, e.g. "group-mem"
    rol: PartijRol
    identificaties: tuple[Identificatie, ...]
    adres: Adres
    contact: Contactpersoon
    website: str = ""
    omvang: str = ""  # EconomicOperatorSize code ("sme", "micro", ...), when given
    kvk_nummer: str | None = None
    kvk_schema: str | None = None  # the scheme marker the KvK-nummer was recognised by


@dataclass(frozen=True)
class Toelichting:
    """A free-text answer under an exclusion ground: the question and the operator's text."""

    vraag: str
    antwoord: str


@dataclass(frozen=True)
class Uitsluitingsgrond:
    criterium_id: str  # cbc:ID of the TenderingCriterion
    code: str  # CriterionTypeCode, e.g. "crime-org"
    naam: str
    antwoord: bool | None  # "Your answer": True = ja, False = nee, None = niet beantwoord
    vraag_id: str = ""  # the property the answer belongs to
    toelichtingen: tuple[Toelichting, ...] = ()

    @property
    def toelichting(self) -> str:
        return "\n".join(t.antwoord for t in self.toelichtingen)


@dataclass(frozen=True)
class Uea:
    """An imported ESPD Response (UEA)."""

    document_id: str
    aanbestedingsreferentie: str  # cbc:ContractFolderID: the authority's procedure reference
    uitgiftedatum: date
    profiel: str  # cbc:ProfileExecutionID, e.g. "ESPD-EDMv4.1.0"
    aanbestedende_dienst: str
    percelen: tuple[str, ...]
    combinatienaam: str  # cbc:EconomicOperatorGroupName, when the operator is part of a group
    ondernemer: Ondernemer
    uitsluitingsgronden: tuple[Uitsluitingsgrond, ...]

    def uitsluitingsgrond(self, code: str) -> Uitsluitingsgrond | None:
        return next((g for g in self.uitsluitingsgronden if g.code == code), None)


# --- parsing ---------------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        collect_ids=False,
    )


def _read_bytes(bron: bytes | bytearray | memoryview | IO[bytes]) -> bytes:
    if isinstance(bron, bytes | bytearray | memoryview):
        data = bytes(bron)
    elif hasattr(bron, "read"):
        data = bron.read(MAX_BYTES + 1)
        if not isinstance(data, bytes):
            raise TypeError("import_uea verwacht bytes of een binair bestand")
    else:
        raise TypeError("import_uea verwacht bytes of een binair bestand")
    if not data.strip():
        raise EspdImportError("uea-leeg", _("Het UEA-bestand is leeg."))
    if len(data) > MAX_BYTES:
        raise EspdImportError(
            "uea-te-groot",
            _("Het UEA-bestand is groter dan %(max)s MB en wordt niet ingelezen.")
            % {"max": MAX_BYTES // (1024 * 1024)},
        )
    return data


def _dtd_refused() -> EspdImportError:
    return EspdImportError(
        "uea-dtd-niet-toegestaan",
        _(
            "Het UEA-bestand bevat een DOCTYPE-declaratie. Dat is in een UEA niet toegestaan "
            "en wordt om veiligheidsredenen geweigerd."
        ),
    )


def _parse(data: bytes) -> etree._Element:
    # A UEA never has a DOCTYPE. Refuse it before parsing (ASCII-compatible encodings) and again
    # after parsing (any encoding), so entity tricks never reach the interpretation.
    if b"<!DOCTYPE" in data.upper():
        raise _dtd_refused()
    try:
        tree = etree.parse(io.BytesIO(data), _parser())
    except (etree.XMLSyntaxError, etree.ParserError, ValueError) as exc:
        raise EspdImportError(
            "uea-geen-xml",
            _("Het bestand is geen geldig XML-bestand en kan niet als UEA worden gelezen."),
        ) from exc
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _dtd_refused()
    root = tree.getroot()
    if root is None or not isinstance(root.tag, str):
        raise EspdImportError("uea-geen-xml", _("Het bestand bevat geen XML-document."))
    return root


def _text(element: etree._Element | None, path: str) -> str:
    if element is None:
        return ""
    found = element.find(path, _NS)
    if found is None or found.text is None:
        return ""
    return found.text.strip()


def _children(element: etree._Element, path: str) -> list[etree._Element]:
    return list(element.findall(path, _NS))


# --- the economic operator -------------------------------------------------------------------


def _identificaties(party: etree._Element) -> tuple[Identificatie, ...]:
    result: list[Identificatie] = []
    sources = [
        ("PartyIdentification", "cac:PartyIdentification/cbc:ID"),
        ("PartyLegalEntity/CompanyID", "cac:PartyLegalEntity/cbc:CompanyID"),
    ]
    for bron, path in sources:
        for el in _children(party, path):
            waarde = (el.text or "").strip()
            if not waarde:
                continue
            result.append(
                Identificatie(
                    waarde=waarde,
                    schema_id=(el.get("schemeID") or "").strip(),
                    schema_naam=(el.get("schemeName") or "").strip(),
                    schema_agency=(el.get("schemeAgencyID") or "").strip(),
                    bron=bron,
                )
            )
    return tuple(result)


def _normaliseer_kvk(waarde: str) -> str | None:
    compact = re.sub(r"[\s.\-]", "", waarde).upper()
    for prefix in ("NL", "KVK"):
        if compact.startswith(prefix):
            compact = compact[len(prefix) :]
    return compact if _KVK_NUMMER.fullmatch(compact) else None


def find_kvk_nummer(
    identificaties: tuple[Identificatie, ...], land: str
) -> tuple[str, str] | tuple[None, None]:
    """The KvK-nummer (8 digits) among the identifiers, with the scheme it was recognised by.

    Recognised: a scheme marker in :data:`KVK_SCHEMAS` (any of schemeID/schemeName/agency), or
    a national scheme (:data:`NATIONALE_SCHEMAS`) for an operator whose address is in NL.
    """
    for ident in identificaties:
        markers = {m.upper() for m in (ident.schema_id, ident.schema_naam, ident.schema_agency)}
        nationaal_nl = bool(markers & NATIONALE_SCHEMAS) and land.upper() in _NEDERLAND
        if markers & KVK_SCHEMAS or nationaal_nl:
            nummer = _normaliseer_kvk(ident.waarde)
            if nummer:
                return nummer, ident.schema
            if markers & KVK_SCHEMAS or len(ident.waarde) > MAX_IDENTIFICATIE:
                # A number marked as KvK that is not one must not fall through to "no KvK":
                # the UEA would then be attached to the leading party (#14 A.4).
                raise EspdImportError(
                    "uea-kvk-ongeldig",
                    _(
                        "Het KvK-nummer in het UEA (“%(nummer)s”) is geen KvK-nummer van acht "
                        "cijfers. Laat de onderneming het UEA verbeteren."
                    )
                    % {"nummer": _kort(ident.waarde)},
                )
    return None, None


#: The longest identifier value shown back to the user.
MAX_IDENTIFICATIE = 35


def _kort(waarde: str) -> str:
    return waarde if len(waarde) <= MAX_IDENTIFICATIE else waarde[:MAX_IDENTIFICATIE] + "…"


def _ondernemer(root: etree._Element) -> Ondernemer:
    parties = _children(root, "cac:EconomicOperatorParty")
    if not parties:
        raise EspdImportError(
            "uea-geen-ondernemer",
            _("Het UEA bevat geen gegevens van de ondernemer (EconomicOperatorParty ontbreekt)."),
        )
    if len(parties) > 1:
        raise EspdImportError(
            "uea-meerdere-ondernemers",
            _(
                "Het UEA bevat %(aantal)s ondernemers. Elke partij (combinant, derde, "
                "onderaannemer) levert een eigen UEA aan; lever de bestanden afzonderlijk aan."
            )
            % {"aantal": len(parties)},
        )
    eo = parties[0]
    party = eo.find("cac:Party", _NS)
    naam = _text(party, "cac:PartyName/cbc:Name")
    if party is None or not naam:
        raise EspdImportError(
            "uea-geen-ondernemer",
            _("Het UEA bevat geen naam van de ondernemer (PartyName ontbreekt)."),
        )
    rol_code = _text(eo, "cac:EconomicOperatorRole/cbc:RoleCode")
    if not rol_code:
        raise EspdImportError(
            "uea-rol-ontbreekt",
            _("In het UEA ontbreekt de rol van de ondernemer (EconomicOperatorRole)."),
        )
    rol = ROL_PER_EO_ROLE_CODE.get(rol_code)
    if rol is None:
        raise EspdImportError(
            "uea-rol-onbekend",
            _(
                "De rol '%(code)s' van de ondernemer staat niet in de ESPD-codelijst "
                "EoRoleType (sole-tenderer, group-lead, group-mem, oeron, subcont)."
            )
            % {"code": rol_code[:50]},
        )
    address = party.find("cac:PostalAddress", _NS)
    adres = Adres(
        straat=_text(address, "cbc:StreetName"),
        huisnummer=_text(address, "cbc:BuildingNumber"),
        postcode=_text(address, "cbc:PostalZone"),
        plaats=_text(address, "cbc:CityName"),
        land=_text(address, "cac:Country/cbc:IdentificationCode"),
    )
    contact = party.find("cac:Contact", _NS)
    identificaties = _identificaties(party)
    kvk_nummer, kvk_schema = find_kvk_nummer(identificaties, adres.land)
    return Ondernemer(
        naam=naam,
        rol_code=rol_code,
        rol=rol,
        identificaties=identificaties,
        adres=adres,
        contact=Contactpersoon(
            naam=_text(contact, "cbc:Name"),
            email=_text(contact, "cbc:ElectronicMail"),
            telefoon=_text(contact, "cbc:Telephone"),
        ),
        website=_text(party, "cbc:WebsiteURI"),
        omvang=_text(party, "cbc:IndustryClassificationCode"),
        kvk_nummer=kvk_nummer,
        kvk_schema=kvk_schema,
    )


# --- the exclusion grounds -------------------------------------------------------------------


@dataclass(frozen=True)
class _Antwoord:
    indicator: bool | None
    beschrijving: str


def _antwoorden(root: etree._Element) -> dict[str, _Antwoord]:
    """Every TenderingCriterionResponse, by the property id it answers (first one wins)."""
    result: dict[str, _Antwoord] = {}
    for response in _children(root, "cac:TenderingCriterionResponse"):
        property_id = _text(response, "cbc:ValidatedCriterionPropertyID")
        if not property_id or property_id in result:
            continue
        raw = _text(response, "cac:ResponseValue/cbc:ResponseIndicator").lower()
        indicator = {"true": True, "1": True, "false": False, "0": False}.get(raw)
        result[property_id] = _Antwoord(
            indicator=indicator,
            beschrijving=_text(response, "cac:ResponseValue/cbc:Description"),
        )
    return result


def _is_question(prop: etree._Element, data_type: str) -> bool:
    return (
        _text(prop, "cbc:TypeCode") == "QUESTION"
        and _text(prop, "cbc:ValueDataTypeCode") == data_type
    )


def _applicable_properties(
    group: etree._Element, antwoorden: dict[str, _Antwoord]
) -> Iterator[etree._Element]:
    """The properties of a group and of its sub-groups that apply, in document order."""
    last_indicator: bool | None = None
    for child in group:
        if child.tag == _PROPERTY:
            yield child
            if _is_question(child, "INDICATOR"):
                answer = antwoorden.get(_text(child, "cbc:ID"))
                last_indicator = answer.indicator if answer else None
        elif child.tag == _SUBGROUP:
            condition = _text(child, "cbc:PropertyGroupTypeCode")
            if (condition == "ONTRUE" and last_indicator is not True) or (
                condition == "ONFALSE" and last_indicator is not False
            ):
                continue
            yield from _applicable_properties(child, antwoorden)


def _uitsluitingsgrond(
    criterion: etree._Element, code: str, antwoorden: dict[str, _Antwoord]
) -> Uitsluitingsgrond:
    main = next(
        (p for p in criterion.iter(_PROPERTY) if _is_question(p, "INDICATOR")),
        None,
    )
    vraag_id = _text(main, "cbc:ID") if main is not None else ""
    main_answer = antwoorden.get(vraag_id) if vraag_id else None
    toelichtingen: list[Toelichting] = []
    for group in _children(criterion, "cac:TenderingCriterionPropertyGroup"):
        for prop in _applicable_properties(group, antwoorden):
            if not _is_question(prop, "DESCRIPTION"):
                continue
            answer = antwoorden.get(_text(prop, "cbc:ID"))
            if answer and answer.beschrijving:
                toelichtingen.append(
                    Toelichting(vraag=_text(prop, "cbc:Description"), antwoord=answer.beschrijving)
                )
    return Uitsluitingsgrond(
        criterium_id=_text(criterion, "cbc:ID"),
        code=code,
        naam=_text(criterion, "cbc:Name"),
        antwoord=main_answer.indicator if main_answer else None,
        vraag_id=vraag_id,
        toelichtingen=tuple(toelichtingen),
    )


# --- the document ----------------------------------------------------------------------------


_DATUM = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?")


def _uitgiftedatum(root: etree._Element) -> date:
    raw = _text(root, "cbc:IssueDate")
    match = _DATUM.fullmatch(raw)
    try:
        if match is None:
            raise ValueError(raw)
        return date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise EspdImportError(
            "uea-datum-ongeldig",
            _("De uitgiftedatum (IssueDate) van het UEA ontbreekt of is geen geldige datum."),
        ) from exc


def _check_root(root: etree._Element) -> None:
    if root.tag == ROOT_RESPONSE:
        return
    if root.tag == ROOT_REQUEST:
        raise EspdImportError(
            "uea-is-verzoek",
            _(
                "Dit is een UEA-verzoek van de aanbestedende dienst (ESPD Request), geen door de "
                "ondernemer ingevuld UEA (ESPD Response)."
            ),
        )
    local = etree.QName(root).localname[:60]
    raise EspdImportError(
        "uea-verkeerd-document",
        _(
            "Dit XML-bestand is geen UEA: verwacht een QualificationApplicationResponse "
            "(ESPD Response), gevonden '%(element)s'."
        )
        % {"element": local},
    )


def import_uea(bron: bytes | bytearray | memoryview | IO[bytes]) -> Uea:
    """Read an ESPD Response (UEA) XML file. Raises :class:`EspdImportError` for a bad file."""
    data = _read_bytes(bron)
    try:
        root = _parse(data)
        _check_root(root)
        referentie = _text(root, "cbc:ContractFolderID")
        if not referentie:
            raise EspdImportError(
                "uea-referentie-ontbreekt",
                _("In het UEA ontbreekt het kenmerk van de aanbesteding (ContractFolderID)."),
            )
        uitgiftedatum = _uitgiftedatum(root)
        ondernemer = _ondernemer(root)
        antwoorden = _antwoorden(root)
        gronden = tuple(
            _uitsluitingsgrond(criterion, code, antwoorden)
            for criterion in _children(root, "cac:TenderingCriterion")
            if (code := _text(criterion, "cbc:CriterionTypeCode")) in UITSLUITINGSGRONDEN
        )
        return Uea(
            document_id=_text(root, "cbc:ID"),
            aanbestedingsreferentie=referentie,
            uitgiftedatum=uitgiftedatum,
            profiel=_text(root, "cbc:ProfileExecutionID"),
            aanbestedende_dienst=_text(
                root, "cac:ContractingParty/cac:Party/cac:PartyName/cbc:Name"
            ),
            percelen=tuple(
                lot_id
                for lot in _children(root, "cac:ProcurementProjectLot")
                if (lot_id := _text(lot, "cbc:ID"))
            ),
            combinatienaam=_text(root, "cbc:EconomicOperatorGroupName"),
            ondernemer=ondernemer,
            uitsluitingsgronden=gronden,
        )
    except EspdImportError:
        raise
    except (etree.LxmlError, ValueError, TypeError, AttributeError) as exc:
        # Defensive: a structure we did not foresee must still reach the user as a clear error.
        raise EspdImportError(
            "uea-onleesbaar",
            _("Het UEA-bestand kon niet worden gelezen: de inhoud wijkt af van ESPD-EDM 4.1."),
        ) from exc
