"""Builds small ESPD Responses of our own making for the import tests (not reference files).

The structure follows ESPD-EDM 4.1 as in the official example: criteria with property groups,
and answers at document level linked by ``ValidatedCriterionPropertyID``. The default document
is schema-valid (``test_espd.py`` checks that against the official XSD).
"""

from __future__ import annotations

from dataclasses import dataclass, field

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<QualificationApplicationResponse"
    ' xmlns="urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2"'
    ' xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"'
    ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
)


@dataclass
class Grond:
    """One exclusion ground: main answer, and optionally a description under ONTRUE/ONFALSE."""

    code: str
    naam: str
    antwoord: bool | None
    toelichting_bij_ja: str = ""
    toelichting_bij_nee: str = ""


@dataclass
class UeaBouwer:
    rol: str | None = "sole-tenderer"
    naam: str | None = "Zorggroep Eemland B.V."
    identificaties: list[tuple[str, dict[str, str]]] = field(
        default_factory=lambda: [("12345678", {"schemeID": "KVK"})]
    )
    land: str = "NLD"
    referentie: str | None = "RA-2025-WMO-01"
    uitgiftedatum: str | None = "2025-06-20"
    groepsnaam: str = ""
    aantal_ondernemers: int = 1
    gronden: list[Grond] = field(
        default_factory=lambda: [
            Grond("crime-org", "Participation in a criminal organisation", False),
            Grond(
                "bankruptcy",
                "Bankruptcy",
                True,
                toelichting_bij_ja="Surseance opgeheven per 1 maart 2025",
                toelichting_bij_nee="mag niet meetellen",
            ),
            Grond("sme", "Economic Operator Micro, Small or Medium-sized Enterprise", True),
        ]
    )

    def _ondernemer(self) -> str:
        ids = "".join(
            "<cac:PartyIdentification><cbc:ID"
            + "".join(f' {k}="{v}"' for k, v in attrs.items())
            + f">{waarde}</cbc:ID></cac:PartyIdentification>"
            for waarde, attrs in self.identificaties
        )
        rol = (
            "<cac:EconomicOperatorRole><cbc:RoleCode"
            ' listID="http://publications.europa.eu/resource/authority/eo-role-type"'
            f">{self.rol}</cbc:RoleCode></cac:EconomicOperatorRole>"
            if self.rol is not None
            else ""
        )
        naam = (
            f"<cac:PartyName><cbc:Name>{self.naam}</cbc:Name></cac:PartyName>"
            if self.naam is not None
            else ""
        )
        return (
            f"<cac:EconomicOperatorParty>{rol}<cac:Party>"
            "<cbc:WebsiteURI>https://zorggroep-eemland.example</cbc:WebsiteURI>"
            f"{ids}{naam}"
            "<cac:PostalAddress><cbc:StreetName>Stadsring</cbc:StreetName>"
            "<cbc:BuildingNumber>12</cbc:BuildingNumber>"
            "<cbc:CityName>Amersfoort</cbc:CityName><cbc:PostalZone>3811 HN</cbc:PostalZone>"
            f"<cac:Country><cbc:IdentificationCode>{self.land}</cbc:IdentificationCode>"
            "</cac:Country></cac:PostalAddress>"
            "<cac:Contact><cbc:Name>J. de Vries</cbc:Name>"
            "<cbc:Telephone>033 123 45 67</cbc:Telephone>"
            "<cbc:ElectronicMail>inkoop@zorggroep-eemland.example</cbc:ElectronicMail>"
            "</cac:Contact></cac:Party></cac:EconomicOperatorParty>"
        )

    @staticmethod
    def _property(pid: str, description: str, data_type: str) -> str:
        return (
            f"<cac:TenderingCriterionProperty><cbc:ID>{pid}</cbc:ID>"
            f"<cbc:Description>{description}</cbc:Description>"
            "<cbc:TypeCode>QUESTION</cbc:TypeCode>"
            f"<cbc:ValueDataTypeCode>{data_type}</cbc:ValueDataTypeCode>"
            "</cac:TenderingCriterionProperty>"
        )

    def _criterion(self, nr: int, grond: Grond) -> str:
        base = f"C{nr}/{grond.code}/QG1"
        return (
            f"<cac:TenderingCriterion><cbc:ID>crit-{nr}</cbc:ID>"
            f"<cbc:CriterionTypeCode>{grond.code}</cbc:CriterionTypeCode>"
            f"<cbc:Name>{grond.naam}</cbc:Name>"
            f"<cac:TenderingCriterionPropertyGroup><cbc:ID>{base}</cbc:ID>"
            "<cbc:PropertyGroupTypeCode>ON*</cbc:PropertyGroupTypeCode>"
            + self._property(f"{base}/Q1", "Your answer", "INDICATOR")
            + f"<cac:SubsidiaryTenderingCriterionPropertyGroup><cbc:ID>{base}/QSG1</cbc:ID>"
            "<cbc:PropertyGroupTypeCode>ONTRUE</cbc:PropertyGroupTypeCode>"
            + self._property(f"{base}/QSG1/Q1", "Please describe them", "DESCRIPTION")
            + "</cac:SubsidiaryTenderingCriterionPropertyGroup>"
            f"<cac:SubsidiaryTenderingCriterionPropertyGroup><cbc:ID>{base}/QSG2</cbc:ID>"
            "<cbc:PropertyGroupTypeCode>ONFALSE</cbc:PropertyGroupTypeCode>"
            + self._property(f"{base}/QSG2/Q1", "Why not", "DESCRIPTION")
            + "</cac:SubsidiaryTenderingCriterionPropertyGroup>"
            "</cac:TenderingCriterionPropertyGroup></cac:TenderingCriterion>"
        )

    @staticmethod
    def _response(pid: str, value: str) -> str:
        return (
            f"<cac:TenderingCriterionResponse><cbc:ID>{pid}/R1</cbc:ID>"
            f"<cbc:ValidatedCriterionPropertyID>{pid}</cbc:ValidatedCriterionPropertyID>"
            f"<cac:ResponseValue><cbc:ID>{pid}/R1/RV</cbc:ID>{value}</cac:ResponseValue>"
            "</cac:TenderingCriterionResponse>"
        )

    def _responses(self) -> str:
        parts = []
        for nr, grond in enumerate(self.gronden, start=1):
            base = f"C{nr}/{grond.code}/QG1"
            if grond.antwoord is not None:
                indicator = "true" if grond.antwoord else "false"
                parts.append(
                    self._response(
                        f"{base}/Q1", f"<cbc:ResponseIndicator>{indicator}</cbc:ResponseIndicator>"
                    )
                )
            if grond.toelichting_bij_ja:
                parts.append(
                    self._response(
                        f"{base}/QSG1/Q1",
                        f"<cbc:Description>{grond.toelichting_bij_ja}</cbc:Description>",
                    )
                )
            if grond.toelichting_bij_nee:
                parts.append(
                    self._response(
                        f"{base}/QSG2/Q1",
                        f"<cbc:Description>{grond.toelichting_bij_nee}</cbc:Description>",
                    )
                )
        if not parts:  # the schema asks for at least one response
            parts.append(
                self._response("none", "<cbc:ResponseIndicator>false</cbc:ResponseIndicator>")
            )
        return "".join(parts)

    def xml(self) -> str:
        referentie = (
            f"<cbc:ContractFolderID>{self.referentie}</cbc:ContractFolderID>"
            if self.referentie is not None
            else ""
        )
        datum = (
            f"<cbc:IssueDate>{self.uitgiftedatum}</cbc:IssueDate>"
            if self.uitgiftedatum is not None
            else ""
        )
        groep = (
            f"<cbc:EconomicOperatorGroupName>{self.groepsnaam}</cbc:EconomicOperatorGroupName>"
            if self.groepsnaam
            else ""
        )
        return (
            _HEAD
            + "<cbc:ProfileExecutionID>ESPD-EDMv4.1.0</cbc:ProfileExecutionID>"
            + "<cbc:ID>UEA-TEST-0001</cbc:ID>"
            + referentie
            + datum
            + groep
            + "<cac:ContractingParty><cac:Party><cac:PartyName>"
            "<cbc:Name>Gemeente Amersfoort namens Regio Amersfoort</cbc:Name>"
            "</cac:PartyName></cac:Party></cac:ContractingParty>"
            + self._ondernemer() * self.aantal_ondernemers
            + "<cac:ProcurementProjectLot><cbc:ID>PERCEEL-1</cbc:ID></cac:ProcurementProjectLot>"
            + "".join(self._criterion(nr, g) for nr, g in enumerate(self.gronden, start=1))
            + self._responses()
            + "</QualificationApplicationResponse>"
        )

    def bytes(self) -> bytes:
        return self.xml().encode("utf-8")
