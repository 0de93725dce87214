"""Writes a notice (``gegevens.Kennisgeving``) as eForms XML: UBL 2.3 with the eForms extension.

The element order follows the UBL sequences; the business term of each element is named where
it is written. All text is Dutch (``languageID="NLD"``); dates and times carry the offset of
Europe/Amsterdam, as eForms requires a time zone on every date.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from lxml import etree

from .constants import (
    FORM_TYPE,
    NOTICE_TYPE,
    PROCEDURE_CODE,
    RICHTLIJN,
    ROOT,
    SDK_VERSIE,
    SUBTYPE,
    TAAL,
    UBL_VERSIE,
    VALUTA,
    Soort,
)
from .gegevens import Kennisgeving, Organisatie

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}
ROOT_NS = {
    Soort.CN: "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2",
    Soort.CAN: "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2",
}


def _qname(naam: str) -> str:
    prefix, lokaal = naam.split(":")
    return f"{{{NS[prefix]}}}{lokaal}"


def _el(ouder, naam: str, tekst=None, **attributen) -> etree._Element:
    element = etree.SubElement(ouder, _qname(naam))
    for sleutel, waarde in attributen.items():
        element.set(sleutel, waarde)
    if tekst is not None:
        element.text = str(tekst)
    return element


def _tekst(ouder, naam: str, tekst: str) -> etree._Element:
    return _el(ouder, naam, tekst, languageID=TAAL)


def _code(ouder, naam: str, code: str, lijst: str) -> etree._Element:
    return _el(ouder, naam, code, listName=lijst)


def _id(ouder, waarde: str, schema: str, naam: str = "cbc:ID") -> etree._Element:
    return _el(ouder, naam, waarde, schemeName=schema)


def _bedrag(ouder, naam: str, bedrag: Decimal) -> etree._Element:
    return _el(ouder, naam, f"{bedrag:.2f}", currencyID=VALUTA)


def _offset(moment: datetime) -> str:
    tekst = moment.strftime("%z")  # +0200
    return f"{tekst[:3]}:{tekst[3:]}"


def _datum(dag: date | datetime) -> str:
    moment = dag if isinstance(dag, datetime) else _middag(dag)
    moment = timezone.localtime(moment)
    return f"{moment:%Y-%m-%d}{_offset(moment)}"


def _tijd(moment: datetime) -> str:
    moment = timezone.localtime(moment)
    return f"{moment:%H:%M:%S}{_offset(moment)}"


def _middag(dag: date) -> datetime:
    # a day without a time: its offset is that of noon in Amsterdam (never a DST edge)
    return timezone.make_aware(datetime(dag.year, dag.month, dag.day, 12))


def _referentie(ouder, naam: str, waarde: str, schema: str) -> None:
    _id(_el(_el(ouder, naam), "cac:PartyIdentification"), waarde, schema)


def _uitbreiding(ouder) -> etree._Element:
    return _el(
        _el(_el(_el(ouder, "ext:UBLExtensions"), "ext:UBLExtension"), "ext:ExtensionContent"),
        "efext:EformsExtension",
    )


# --- organisations -----------------------------------------------------------------------------


def _adres(ouder, org: Organisatie) -> None:
    adres = _el(ouder, "cac:PostalAddress")
    if org.straat:
        _el(adres, "cbc:StreetName", org.straat)
    _el(adres, "cbc:CityName", org.plaats)  # BT-513
    if org.postcode:
        _el(adres, "cbc:PostalZone", org.postcode)  # BT-512
    if org.nuts:
        _code(adres, "cbc:CountrySubentityCode", org.nuts, "nuts")  # BT-507
    _code(_el(adres, "cac:Country"), "cbc:IdentificationCode", org.land, "country")  # BT-514


def _organisatie(ouder, org: Organisatie) -> None:
    element = _el(ouder, "efac:Organization")
    if org.leider is not None:
        _el(element, "efbc:GroupLeadIndicator", "true" if org.leider else "false")  # OPP-050
    bedrijf = _el(element, "efac:Company")
    if org.website:
        _el(bedrijf, "cbc:WebsiteURI", org.website)  # BT-505
    if org.omvang:
        _code(bedrijf, "efbc:CompanySizeCode", org.omvang, "economic-operator-size")  # BT-165
    _id(_el(bedrijf, "cac:PartyIdentification"), org.id, "organization")  # OPT-200
    _tekst(_el(bedrijf, "cac:PartyName"), "cbc:Name", org.naam)  # BT-500
    _adres(bedrijf, org)
    _el(_el(bedrijf, "cac:PartyLegalEntity"), "cbc:CompanyID", org.identificatie)  # BT-501
    if org.email or org.telefoon:
        contact = _el(bedrijf, "cac:Contact")
        if org.telefoon:
            _el(contact, "cbc:Telephone", org.telefoon)  # BT-503
        if org.email:
            _el(contact, "cbc:ElectronicMail", org.email)  # BT-506
    punt = org.contactpunt
    if punt is not None:
        element_tp = _el(element, "efac:TouchPoint")
        if punt.website:
            _el(element_tp, "cbc:WebsiteURI", punt.website)
        _id(_el(element_tp, "cac:PartyIdentification"), punt.id, "touchpoint")  # OPT-201
        _tekst(_el(element_tp, "cac:PartyName"), "cbc:Name", punt.naam)
        _adres(element_tp, org)
        contact = _el(element_tp, "cac:Contact")
        _el(contact, "cbc:Telephone", punt.telefoon)
        _el(contact, "cbc:ElectronicMail", punt.email)


def _koper(wortel, org: Organisatie) -> None:
    partij = _el(wortel, "cac:ContractingParty")
    # BT-11 buyer legal type: a local authority; BT-10 its main activity: general public services
    _code(_el(partij, "cac:ContractingPartyType"), "cbc:PartyTypeCode", "la", "buyer-legal-type")
    _code(
        _el(partij, "cac:ContractingActivity"),
        "cbc:ActivityTypeCode",
        "gen-pub",
        "authority-activity",
    )
    _id(_el(_el(partij, "cac:Party"), "cac:PartyIdentification"), org.id, "organization")


# --- procedure and lots -----------------------------------------------------------------------


def _plaats(ouder, nuts: tuple[str, ...]) -> None:
    """BT-5071 and BT-5141: where the services are performed."""
    for code in nuts or ("",):
        adres = _el(_el(ouder, "cac:RealizedLocation"), "cac:Address")
        if code:
            _code(adres, "cbc:CountrySubentityCode", code, "nuts")
        _code(_el(adres, "cac:Country"), "cbc:IdentificationCode", "NLD", "country")


def _project(ouder, *, intern: str, naam: str, omschrijving: str, cpv: str, nuts, waarde=None):
    project = _el(ouder, "cac:ProcurementProject")
    _id(project, intern, "InternalID")  # BT-22
    _tekst(project, "cbc:Name", naam)  # BT-21
    _tekst(project, "cbc:Description", omschrijving)  # BT-24
    _code(project, "cbc:ProcurementTypeCode", "services", "contract-nature")  # BT-23
    if waarde is not None:
        _bedrag(
            _el(project, "cac:RequestedTenderTotal"), "cbc:EstimatedOverallContractAmount", waarde
        )
    _code(
        _el(project, "cac:MainCommodityClassification"), "cbc:ItemClassificationCode", cpv, "cpv"
    )  # BT-262
    _plaats(project, nuts)
    return project


def _eis(voorwaarden, code: str, lijst: str) -> None:
    """A TendererQualificationRequest carrying one requirement code."""
    verzoek = _el(voorwaarden, "cac:TendererQualificationRequest")
    _code(
        _el(verzoek, "cac:SpecificTendererRequirement"),
        "cbc:TendererRequirementTypeCode",
        code,
        lijst,
    )


def _procedure(wortel, k: Kennisgeving) -> None:
    """The procedure's terms, process and scope (the award notice: process and scope only)."""
    if k.soort == Soort.CN:
        # BT-806: the exclusion grounds are in the procurement documents (UEA and guideline)
        _eis(
            _el(wortel, "cac:TenderingTerms"),
            "epo-procurement-document",
            "exclusion-grounds-source",
        )
    proces = _el(wortel, "cac:TenderingProcess")
    if k.soort == Soort.CN:
        _tekst(proces, "cbc:Description", k.procedurebeschrijving)  # BT-88
    _code(proces, "cbc:ProcedureCode", PROCEDURE_CODE, "procurement-procedure-type")  # BT-105
    _project(
        wortel,
        intern=k.kenmerk,
        naam=k.naam,
        omschrijving=k.omschrijving,
        cpv=k.cpv,
        nuts=k.nuts,
        waarde=k.geraamde_waarde if k.soort == Soort.CN else None,  # BT-27-Procedure
    )


def _perceelproject(lot, perceel, waarde=None):
    return _project(
        lot,
        intern=perceel.code,
        naam=perceel.naam,
        omschrijving=perceel.omschrijving,
        cpv=perceel.cpv,
        nuts=perceel.nuts,
        waarde=waarde,
    )


def _selectie(voorwaarden, k: Kennisgeving) -> None:
    if not k.selectiecriteria:
        return
    uitbreiding = _uitbreiding(voorwaarden)
    for criterium in k.selectiecriteria:
        element = _el(uitbreiding, "efac:SelectionCriteria")
        _code(
            element, "cbc:TendererRequirementTypeCode", criterium.soort, "selection-criterion"
        )  # BT-809
        _tekst(element, "cbc:Name", criterium.naam)  # BT-749
        _tekst(element, "cbc:Description", criterium.omschrijving)  # BT-750
        if criterium.tweede_fase:
            _el(element, "efbc:SecondStageIndicator", "true")  # BT-40
            if criterium.gewicht is not None:
                parameter = _el(element, "efac:CriterionParameter")
                _code(parameter, "efbc:ParameterCode", "poi-exa", "number-weight")  # BT-7531
                _el(
                    parameter, "efbc:ParameterNumeric", f"{criterium.gewicht.normalize():f}"
                )  # BT-752


def _gunningscriteria(voorwaarden, k: Kennisgeving) -> None:
    if not k.criteria:
        return
    criterium = _el(_el(voorwaarden, "cac:AwardingTerms"), "cac:AwardingCriterion")
    for c in k.criteria:
        sub = _el(criterium, "cac:SubordinateAwardingCriterion")
        if c.gewicht is not None:
            parameter = _el(_uitbreiding(sub), "efac:AwardCriterionParameter")
            _code(parameter, "efbc:ParameterCode", "poi-exa", "number-weight")  # BT-5421
            _el(parameter, "efbc:ParameterNumeric", f"{c.gewicht.normalize():f}")  # BT-541
        _code(sub, "cbc:AwardingCriterionTypeCode", c.soort, "award-criterion-type")  # BT-539
        _tekst(sub, "cbc:Name", c.naam)  # BT-734
        _tekst(sub, "cbc:Description", c.omschrijving)  # BT-540


def _perceel_cn(lot, perceel, k: Kennisgeving) -> None:
    voorwaarden = _el(lot, "cac:TenderingTerms")
    _selectie(voorwaarden, k)
    if k.platform_url:
        document = _el(voorwaarden, "cac:CallForTendersDocumentReference")
        _el(document, "cbc:ID", f"{k.kenmerk}-stukken")  # OPT-140
        _el(document, "cbc:DocumentType", "non-restricted-document")  # BT-14
        _el(
            _el(_el(document, "cac:Attachment"), "cac:ExternalReference"), "cbc:URI", k.platform_url
        )
    _eis(voorwaarden, "none", "reserved-procurement")  # BT-71
    # BT-821: the selection criteria are listed in the notice itself, or else in the documents
    _eis(
        voorwaarden,
        "epo-notice" if k.selectiecriteria else "epo-procurement-document",
        "selection-criteria-source",
    )
    _code(
        _el(voorwaarden, "cac:ContractExecutionRequirement"),
        "cbc:ExecutionRequirementCode",
        "no",
        "reserved-execution",
    )  # BT-736
    _gunningscriteria(voorwaarden, k)
    if k.kopers and k.kopers[0].contactpunt is not None:
        punt = k.kopers[0].contactpunt.id
        _referentie(voorwaarden, "cac:AdditionalInformationParty", punt, "touchpoint")
        _referentie(voorwaarden, "cac:DocumentProviderParty", punt, "touchpoint")
    _el(_el(voorwaarden, "cac:Language"), "cbc:ID", TAAL)  # BT-97

    proces = _el(lot, "cac:TenderingProcess")
    _code(proces, "cbc:SubmissionMethodCode", "required", "esubmission")  # BT-17
    aanmelden = _el(proces, "cac:ParticipationRequestReceptionPeriod")  # BT-1311
    _el(aanmelden, "cbc:EndDate", _datum(k.aanmelden_tot))
    _el(aanmelden, "cbc:EndTime", _tijd(k.aanmelden_tot))
    vragen = _el(proces, "cac:AdditionalInformationRequestPeriod")  # BT-13
    _el(vragen, "cbc:EndDate", _datum(k.vragen_tot))
    _el(vragen, "cbc:EndTime", _tijd(k.vragen_tot))
    if k.max_kandidaten:
        lijst = _el(proces, "cac:EconomicOperatorShortList")
        _el(lijst, "cbc:LimitationDescription", "true")  # BT-661
        _el(lijst, "cbc:MaximumQuantity", k.max_kandidaten)  # BT-51

    project = _perceelproject(
        lot,
        perceel,
        k.geraamde_waarde if len(k.percelen) == 1 else None,  # BT-27-Lot
    )
    periode = _el(project, "cac:PlannedPeriod")
    _el(periode, "cbc:StartDate", _datum(k.contractstart))  # BT-536
    if k.looptijd_maanden:
        _el(periode, "cbc:DurationMeasure", k.looptijd_maanden, unitCode="MONTH")  # BT-36


def _perceel_can(lot, perceel, k: Kennisgeving) -> None:
    voorwaarden = _el(lot, "cac:TenderingTerms")
    _gunningscriteria(voorwaarden, k)
    _perceelproject(lot, perceel)


# --- results (award notice) -------------------------------------------------------------------


def _uitslagen(uitbreiding, k: Kennisgeving) -> None:
    resultaat = _el(uitbreiding, "efac:NoticeResult")
    if k.totale_waarde is not None:
        _bedrag(resultaat, "cbc:TotalAmount", k.totale_waarde)  # BT-161
    for uitslag in k.uitslagen:
        element = _el(resultaat, "efac:LotResult")
        _id(element, uitslag.id, "result")  # OPT-322
        # BT-142: a winner was chosen, or the competition closed without one
        _code(
            element,
            "cbc:TenderResultCode",
            "selec-w" if uitslag.gegund else "clos-nw",
            "winner-selection-status",
        )
        if not uitslag.gegund:
            _code(
                _el(element, "efac:DecisionReason"),
                "efbc:DecisionReasonCode",
                uitslag.reden,
                "non-award-justification",
            )  # BT-144
        for tender_id in uitslag.tender_ids:
            _id(_el(element, "efac:LotTender"), tender_id, "tender")
        for code, aantal in uitslag.statistiek:
            statistiek = _el(element, "efac:ReceivedSubmissionsStatistics")  # BT-759, BT-760
            _code(statistiek, "efbc:StatisticsCode", code, "received-submission-type")
            _el(statistiek, "efbc:StatisticsNumeric", aantal)
        for contract_id in uitslag.contract_ids:
            _id(_el(element, "efac:SettledContract"), contract_id, "contract")
        _id(_el(element, "efac:TenderLot"), uitslag.perceel_id, "Lot")
    for tender in k.tenders:
        element = _el(resultaat, "efac:LotTender")
        _id(element, tender.id, "tender")  # OPT-321
        if tender.waarde is not None:
            _bedrag(_el(element, "cac:LegalMonetaryTotal"), "cbc:PayableAmount", tender.waarde)
        _id(_el(element, "efac:TenderingParty"), tender.partij_id, "tendering-party")
        _id(_el(element, "efac:TenderLot"), tender.perceel_id, "Lot")
        _el(_el(element, "efac:TenderReference"), "cbc:ID", tender.referentie)  # BT-3201
    for contract in k.contracten:
        element = _el(resultaat, "efac:SettledContract")
        _id(element, contract.id, "contract")  # OPT-316
        _el(element, "cbc:IssueDate", _datum(contract.gesloten_op))  # BT-145
        _tekst(element, "cbc:Title", contract.titel)  # BT-721
        _el(_el(element, "efac:ContractReference"), "cbc:ID", contract.nummer)  # BT-150
        for tender_id in contract.tender_ids:
            _id(_el(element, "efac:LotTender"), tender_id, "tender")
    for partij in k.inschrijvenden:
        element = _el(resultaat, "efac:TenderingParty")
        _id(element, partij.id, "tendering-party")  # OPT-210
        if partij.combinatie:
            _el(element, "cbc:Name", partij.naam)  # OPT-210 name of the group
        for index, lid in enumerate(partij.leden):
            tenderer = _el(element, "efac:Tenderer")
            _id(tenderer, lid, "organization")  # OPT-300
            if partij.combinatie:
                _el(tenderer, "efbc:GroupLeadIndicator", "true" if index == 0 else "false")


# --- the notice ---------------------------------------------------------------------------------


def schrijf(k: Kennisgeving, *, notice_id: str, versie: int, uitgifte: datetime) -> bytes:
    """The notice as UTF-8 XML bytes, with its identifier (BT-701), version (BT-757) and the
    moment of issue (BT-05)."""
    soort = Soort(k.soort)
    wortel = etree.Element(f"{{{ROOT_NS[soort]}}}{ROOT[soort]}", nsmap={None: ROOT_NS[soort], **NS})
    uitbreiding = _uitbreiding(wortel)
    if soort == Soort.CAN:
        _uitslagen(uitbreiding, k)
    _code(
        _el(uitbreiding, "efac:NoticeSubType"), "cbc:SubTypeCode", SUBTYPE[soort], "notice-subtype"
    )
    organisaties = _el(uitbreiding, "efac:Organizations")
    for org in k.alle_organisaties:
        _organisatie(organisaties, org)

    _el(wortel, "cbc:UBLVersionID", UBL_VERSIE)  # OPT-001
    _el(wortel, "cbc:CustomizationID", SDK_VERSIE)  # OPT-002
    _id(wortel, notice_id, "notice-id")  # BT-701
    _el(wortel, "cbc:ContractFolderID", k.procedure_id)  # BT-04
    _el(wortel, "cbc:IssueDate", _datum(uitgifte))  # BT-05
    _el(wortel, "cbc:IssueTime", _tijd(uitgifte))
    _el(wortel, "cbc:VersionID", f"{versie:02d}")  # BT-757
    _el(wortel, "cbc:RegulatoryDomain", RICHTLIJN)  # BT-01
    _code(wortel, "cbc:NoticeTypeCode", NOTICE_TYPE[soort], FORM_TYPE[soort])  # BT-02, BT-03
    _code(wortel, "cbc:NoticeLanguageCode", TAAL, "language")  # BT-702
    for koper in k.kopers:
        _koper(wortel, koper)
    _procedure(wortel, k)
    for perceel in k.percelen:
        lot = _el(wortel, "cac:ProcurementProjectLot")
        _id(lot, perceel.id, "Lot")  # BT-137
        (_perceel_cn if soort == Soort.CN else _perceel_can)(lot, perceel, k)
    if soort == Soort.CAN and k.gunningsbesluit is not None:
        _el(_el(wortel, "cac:TenderResult"), "cbc:AwardDate", _datum(k.gunningsbesluit))  # BT-1451
    return etree.tostring(wortel, xml_declaration=True, encoding="UTF-8", pretty_print=True)
