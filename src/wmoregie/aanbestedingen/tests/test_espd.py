"""UEA import (ESPD Response, ESPD-EDM 4.1): the official example, our own samples, bad files."""

import contextlib
import io
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from wmoregie.aanbestedingen import espd
from wmoregie.aanbestedingen.espd import (
    ROL_PER_EO_ROLE_CODE,
    UITSLUITINGSGRONDEN,
    EspdImportError,
    PartijRol,
    import_uea,
)

from .uea_bouwer import Grond, UeaBouwer

# --- reference material (../shared) ---------------------------------------------------------


@pytest.fixture(scope="module")
def espd_ref(shared_dir: Path) -> Path:
    return shared_dir / "reference/espd-edm-4.1"


@pytest.fixture(scope="module")
def voorbeeld_bytes(espd_ref: Path) -> bytes:
    return (espd_ref / "examples/ESPD-Response.xml").read_bytes()


@pytest.fixture(scope="module")
def voorbeeld(voorbeeld_bytes: bytes) -> espd.Uea:
    return import_uea(voorbeeld_bytes)


@pytest.fixture(scope="module")
def response_schema(espd_ref: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    xsd = espd_ref / "xsd/maindoc/UBL-QualificationApplicationResponse-2.3.xsd"
    return etree.XMLSchema(etree.parse(str(xsd), parser))


def _codes(codelist: Path) -> set[str]:
    tree = etree.parse(str(codelist), etree.XMLParser(no_network=True, resolve_entities=False))
    return {
        v.text
        for v in tree.iterfind(".//Row/Value[@ColumnRef='code']/SimpleValue")
        if v.text is not None
    }


def test_official_example_is_valid_against_the_official_xsd(voorbeeld_bytes, response_schema):
    document = etree.fromstring(voorbeeld_bytes, etree.XMLParser(no_network=True))
    assert response_schema.validate(document), response_schema.error_log


def test_our_own_sample_is_valid_against_the_official_xsd(response_schema):
    document = etree.fromstring(UeaBouwer(groepsnaam="Combinatie Eemland").bytes())
    assert response_schema.validate(document), response_schema.error_log


def test_role_mapping_covers_exactly_the_eo_role_type_code_list(espd_ref):
    assert set(ROL_PER_EO_ROLE_CODE) == _codes(espd_ref / "codelists/EoRoleType.gc")


def test_exclusion_ground_codes_exist_in_the_criterion_code_list(espd_ref):
    assert _codes(espd_ref / "codelists/Criterion.gc") >= UITSLUITINGSGRONDEN


def test_official_example_document_fields(voorbeeld):
    assert voorbeeld.document_id == "ESPDREQ-DGPE-b69eb936-22df-41ad-b94a-74a65a98495e"
    assert voorbeeld.aanbestedingsreferentie == "PP.20170419.1024-9"
    assert voorbeeld.uitgiftedatum == date(2025, 12, 9)
    assert voorbeeld.profiel == "ESPD-EDMv4.1.0"
    assert voorbeeld.aanbestedende_dienst == "DV"
    assert voorbeeld.percelen == ("LOT-0000",)
    assert voorbeeld.combinatienaam == ""


def test_official_example_economic_operator(voorbeeld):
    eo = voorbeeld.ondernemer
    assert eo.naam == "__Procurer Official Name__"
    assert (eo.rol_code, eo.rol) == ("group-mem", PartijRol.COMBINANT)
    assert eo.identificaties == (espd.Identificatie(waarde="AD123456789", schema_agency="OP"),)
    assert eo.identificaties[0].schema == "OP"
    assert eo.kvk_nummer is None  # a Belgian operator without a KvK-nummer
    assert eo.adres == espd.Adres(
        straat="__ProcurerStreet__", postcode="12345", plaats="__ProcurerCity__", land="BEL"
    )
    assert eo.contact == espd.Contactpersoon(
        naam="__ProcurerContactName__", email="__ProcurerContact@gov.eu", telefoon="654321"
    )
    assert eo.website == "https://www.ProcurerWebsite.eu"
    assert eo.omvang == "sme"


def test_official_example_has_all_24_exclusion_grounds_in_document_order(voorbeeld):
    codes = [g.code for g in voorbeeld.uitsluitingsgronden]
    assert codes[:3] == ["crime-org", "corruption", "fraud"]
    assert codes[-1] == "nati-ground"
    assert len(codes) == 24
    assert set(codes) == UITSLUITINGSGRONDEN
    # selection criteria (prof-regist …) and "other" criteria (sme …) are not exclusion grounds
    assert voorbeeld.uitsluitingsgrond("sme") is None
    assert voorbeeld.uitsluitingsgrond("trade-regist") is None


def test_official_example_criminal_organisation_answer_with_descriptions(voorbeeld):
    grond = voorbeeld.uitsluitingsgrond("crime-org")
    assert grond.criterium_id == "005eb9ed-1347-4ca3-bb29-9bc0db64e1ab"
    assert grond.naam == "Participation in a criminal organisation"
    assert grond.vraag_id == "C1_EG_crime-org/QG1/Q1"
    assert grond.antwoord is True
    assert grond.toelichtingen == (
        espd.Toelichting("Reason", "[Reason provided by the EO]"),
        espd.Toelichting("Who has been convicted", "[Convicted person or legal entity]"),
        espd.Toelichting("Please describe them", "[Measures taken by the EO]"),
    )
    assert grond.toelichting.splitlines()[0] == "[Reason provided by the EO]"


def test_official_example_bankruptcy_and_national_ground(voorbeeld):
    bankruptcy = voorbeeld.uitsluitingsgrond("bankruptcy")
    assert bankruptcy.antwoord is True
    assert [t.vraag for t in bankruptcy.toelichtingen] == [
        "Please describe them",
        "Indicate reasons for being nevertheless to perform the contract",
    ]
    assert {t.antwoord for t in bankruptcy.toelichtingen} == {"Dummy Description"}
    nationaal = voorbeeld.uitsluitingsgrond("nati-ground")
    assert (nationaal.vraag_id, nationaal.antwoord) == ("C24_EG_nati-ground/QG1/QSG1/Q1", True)


def test_official_example_leaves_the_tax_questions_unanswered(voorbeeld):
    # The example answers only "available electronically?" for tax-pay and socsec-pay, not the
    # main question RG1/QSG1/Q1: we report that as "not answered", never as "no".
    for code in ("tax-pay", "socsec-pay"):
        grond = voorbeeld.uitsluitingsgrond(code)
        assert grond.antwoord is None
        assert grond.vraag_id.endswith("/RG1/QSG1/Q1")
    beantwoord = [g for g in voorbeeld.uitsluitingsgronden if g.antwoord is not None]
    assert len(beantwoord) == 22
    assert all(g.antwoord is True for g in beantwoord)


def test_file_like_object_is_read(voorbeeld_bytes):
    assert import_uea(io.BytesIO(voorbeeld_bytes)).ondernemer.naam == "__Procurer Official Name__"


# --- our own samples --------------------------------------------------------------------------


def test_dutch_sole_tenderer_with_kvk_number():
    uea = import_uea(UeaBouwer().bytes())
    eo = uea.ondernemer
    assert (eo.naam, eo.rol) == ("Zorggroep Eemland B.V.", PartijRol.HOOFDAANNEMER)
    assert (eo.kvk_nummer, eo.kvk_schema) == ("12345678", "KVK")
    assert eo.adres == espd.Adres("Stadsring", "12", "3811 HN", "Amersfoort", "NLD")
    assert eo.contact.email == "inkoop@zorggroep-eemland.example"
    assert uea.aanbestedingsreferentie == "RA-2025-WMO-01"
    assert uea.uitgiftedatum == date(2025, 6, 20)
    assert uea.aanbestedende_dienst == "Gemeente Amersfoort namens Regio Amersfoort"
    assert uea.percelen == ("PERCEEL-1",)


@pytest.mark.parametrize(
    ("_case", "rol_code", "rol"),
    [
        ("single bidder", "sole-tenderer", PartijRol.HOOFDAANNEMER),
        ("lead of a combination", "group-lead", PartijRol.PENVOERDER),
        ("member of a combination", "group-mem", PartijRol.COMBINANT),
        ("entity relied upon", "oeron", PartijRol.DERDE),
        ("subcontractor", "subcont", PartijRol.ONDERAANNEMER),
    ],
)
def test_eo_role_code_maps_to_our_party_role(_case, rol_code, rol):
    assert import_uea(UeaBouwer(rol=rol_code).bytes()).ondernemer.rol is rol


@pytest.mark.parametrize(
    ("_case", "identificaties", "land", "verwacht"),
    [
        ("icd 0106", [("NL 1234 5678", {"schemeID": "0106"})], "NLD", ("12345678", "0106")),
        (
            "national scheme in NL",
            [("87654321", {"schemeID": "NATIONAL"})],
            "NLD",
            ("87654321", "NATIONAL"),
        ),
        (
            "ESPD 2 national number",
            [("87654321", {"schemeName": "National_Number"})],
            "NL",
            ("87654321", "National_Number"),
        ),
        ("national scheme abroad", [("87654321", {"schemeID": "NATIONAL"})], "BEL", (None, None)),
        ("vat number is not kvk", [("NL123456789B01", {"schemeID": "VAT"})], "NLD", (None, None)),
        (
            "second identifier",
            [
                ("NL123456789B01", {"schemeID": "VAT"}),
                ("KVK 11223344", {"schemeAgencyID": "NL-KVK"}),
            ],
            "NLD",
            ("11223344", "NL-KVK"),
        ),
    ],
)
def test_kvk_number_recognition(_case, identificaties, land, verwacht):
    eo = import_uea(UeaBouwer(identificaties=identificaties, land=land).bytes()).ondernemer
    assert (eo.kvk_nummer, eo.kvk_schema) == verwacht
    assert len(eo.identificaties) == len(identificaties)


@pytest.mark.parametrize(
    ("_case", "identificaties", "land"),
    [
        ("kvk scheme, wrong length", [("1234567", {"schemeID": "KVK"})], "NLD"),
        ("kvk scheme, 500 characters", [("1" * 500, {"schemeID": "KVK"})], "NLD"),
        ("national number in NL, 500 characters", [("9" * 500, {"schemeID": "NATIONAL"})], "NLD"),
    ],
)
def test_a_malformed_kvk_number_is_refused_not_ignored(_case, identificaties, land):
    """#14 A.4: ignored, it left the UEA without a KvK and attached it to the leading party."""
    with pytest.raises(EspdImportError) as fout:
        import_uea(UeaBouwer(identificaties=identificaties, land=land).bytes())
    assert fout.value.code == "uea-kvk-ongeldig"
    assert len(fout.value.message) < 300


def test_only_descriptions_of_applicable_groups_are_kept():
    uea = import_uea(UeaBouwer().bytes())
    # bankruptcy answered "yes": the ONTRUE description counts, the ONFALSE one does not
    bankruptcy = uea.uitsluitingsgrond("bankruptcy")
    assert bankruptcy.antwoord is True
    assert bankruptcy.toelichtingen == (
        espd.Toelichting("Please describe them", "Surseance opgeheven per 1 maart 2025"),
    )
    crime = uea.uitsluitingsgrond("crime-org")
    assert (crime.antwoord, crime.toelichtingen) == (False, ())
    assert [g.code for g in uea.uitsluitingsgronden] == ["crime-org", "bankruptcy"]


def test_description_under_onfalse_is_kept_for_a_no_answer():
    bouwer = UeaBouwer(gronden=[Grond("fraud", "Fraud", False, toelichting_bij_nee="n.v.t.")])
    grond = import_uea(bouwer.bytes()).uitsluitingsgrond("fraud")
    assert (grond.antwoord, grond.toelichting) == (False, "n.v.t.")


def test_group_name_of_a_combination_is_read():
    uea = import_uea(UeaBouwer(rol="group-lead", groepsnaam="Combinatie Eemland").bytes())
    assert uea.combinatienaam == "Combinatie Eemland"
    assert uea.ondernemer.rol is PartijRol.PENVOERDER


# --- bad files ----------------------------------------------------------------------------------


def _fout(data: bytes) -> EspdImportError:
    with pytest.raises(EspdImportError) as info:
        import_uea(data)
    error = info.value
    assert error.message == str(error)
    assert re.search(r"[A-Za-z]", error.message)
    return error


def test_xxe_external_entity_is_refused_and_not_resolved(tmp_path):
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM-123")
    xml = (
        UeaBouwer(naam="&xxe;")
        .xml()
        .replace(
            "<QualificationApplicationResponse",
            f'<!DOCTYPE QualificationApplicationResponse [<!ENTITY xxe SYSTEM "file://{geheim}">]>'
            "<QualificationApplicationResponse",
            1,
        )
    )
    error = _fout(xml.encode())
    assert error.code == "uea-dtd-niet-toegestaan"
    assert "GEHEIM" not in error.message


def test_entity_expansion_bomb_is_refused():
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]><lolz>&lol9;</lolz>"
    )
    assert _fout(lol.encode()).code == "uea-dtd-niet-toegestaan"


def test_doctype_in_utf16_is_refused_after_parsing():
    # the byte pre-check cannot see "<!DOCTYPE" in UTF-16; the parsed document info can
    xml = (
        UeaBouwer()
        .xml()
        .replace('encoding="UTF-8"', 'encoding="UTF-16"')
        .replace(
            "<QualificationApplicationResponse",
            '<!DOCTYPE QualificationApplicationResponse [<!ENTITY x "y">]>'
            "<QualificationApplicationResponse",
            1,
        )
    )
    assert _fout(xml.encode("utf-16")).code == "uea-dtd-niet-toegestaan"


def test_utf16_document_without_doctype_is_read():
    xml = UeaBouwer().xml().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert import_uea(xml.encode("utf-16")).ondernemer.kvk_nummer == "12345678"


def test_external_dtd_is_refused():
    xml = (
        UeaBouwer()
        .xml()
        .replace(
            "<QualificationApplicationResponse",
            '<!DOCTYPE QualificationApplicationResponse SYSTEM "http://example.invalid/x.dtd">'
            "<QualificationApplicationResponse",
            1,
        )
    )
    assert _fout(xml.encode()).code == "uea-dtd-niet-toegestaan"


def test_truncated_official_example(voorbeeld_bytes):
    assert _fout(voorbeeld_bytes[: len(voorbeeld_bytes) // 2]).code == "uea-geen-xml"


def test_truncated_own_sample():
    data = UeaBouwer().bytes()
    assert _fout(data[:-40]).code == "uea-geen-xml"


def test_espd_request_is_not_a_response(espd_ref):
    error = _fout((espd_ref / "examples/ESPD-Request.xml").read_bytes())
    assert error.code == "uea-is-verzoek"
    assert "ESPD Request" in error.message


@pytest.mark.parametrize(
    "data",
    [
        b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>",
        b"<QualificationApplicationResponse/>",  # right name, no namespace
        b"<html><body>UEA</body></html>",
    ],
)
def test_other_root_element(data):
    assert _fout(data).code == "uea-verkeerd-document"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", bytearray()])
def test_empty_file(data):
    assert _fout(data).code == "uea-leeg"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
        b"PK\x03\x04\x14\x00",
        b"niet eens xml",
        b"\xff\xfe<\x00a\x00",
    ],
)
def test_not_xml(data):
    assert _fout(data).code == "uea-geen-xml"


def test_missing_economic_operator():
    xml = UeaBouwer().xml()
    xml = re.sub(r"<cac:EconomicOperatorParty>.*</cac:EconomicOperatorParty>", "", xml)
    error = _fout(xml.encode())
    assert error.code == "uea-geen-ondernemer"
    assert "ondernemer" in error.message


def test_operator_without_name():
    assert _fout(UeaBouwer(naam=None).bytes()).code == "uea-geen-ondernemer"


def test_two_operators_in_one_file():
    error = _fout(UeaBouwer(aantal_ondernemers=2).bytes())
    assert error.code == "uea-meerdere-ondernemers"
    assert "2 ondernemers" in error.message


def test_missing_role():
    assert _fout(UeaBouwer(rol=None).bytes()).code == "uea-rol-ontbreekt"


def test_unknown_role():
    error = _fout(UeaBouwer(rol="bidder").bytes())
    assert error.code == "uea-rol-onbekend"
    assert "'bidder'" in error.message


def test_missing_procurement_reference():
    assert _fout(UeaBouwer(referentie=None).bytes()).code == "uea-referentie-ontbreekt"


@pytest.mark.parametrize("datum", [None, "9 december 2025", "2025-13-45"])
def test_missing_or_invalid_issue_date(datum):
    assert _fout(UeaBouwer(uitgiftedatum=datum).bytes()).code == "uea-datum-ongeldig"


def test_issue_date_with_time_zone_is_accepted():
    uea = import_uea(UeaBouwer(uitgiftedatum="2025-06-20+02:00").bytes())
    assert uea.uitgiftedatum == date(2025, 6, 20)


def test_file_above_the_size_limit(monkeypatch):
    data = UeaBouwer().bytes()
    monkeypatch.setattr(espd, "MAX_BYTES", len(data) - 1)
    assert _fout(data).code == "uea-te-groot"
    assert _fout_stream(io.BytesIO(data)).code == "uea-te-groot"


def _fout_stream(stream: io.BytesIO) -> EspdImportError:
    with pytest.raises(EspdImportError) as info:
        import_uea(stream)
    return info.value


def test_text_instead_of_bytes_is_a_programming_error():
    with pytest.raises(TypeError):
        import_uea(UeaBouwer().xml())  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_raise_anything_else(data):
    with contextlib.suppress(EspdImportError):
        import_uea(data)


_VOORBEELD = UeaBouwer().bytes()


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=len(_VOORBEELD) - 1),
    st.integers(min_value=0, max_value=40),
    st.binary(max_size=20),
)
def test_mangled_sample_imports_or_raises_espd_import_error(start, lengte, invoeging):
    data = _VOORBEELD[:start] + invoeging + _VOORBEELD[start + lengte :]
    try:
        uea = import_uea(data)
    except EspdImportError:
        return
    assert uea.ondernemer.naam
    assert uea.ondernemer.rol in set(PartijRol)
