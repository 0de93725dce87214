"""The OCDS release package: valid against the official OCDS 1.1.5 schema at every stage of the
procedure, with official codes, the configured ocid prefix, and no personal data."""

import hashlib
import json
from datetime import date
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

import pytest
from jsonschema import Draft4Validator

from wmoregie.aanbestedingen import ocds, services
from wmoregie.aanbestedingen.constants import Beoordelingsmethode, PartijRol, Status
from wmoregie.aanbestedingen.demo import laad_demo
from wmoregie.catalogi.constants import Bekostigingsvariant
from wmoregie.catalogi.tests.factories import PerceelFactory, ProductFactory
from wmoregie.contracten import services as contracten
from wmoregie.contracten.constants import OvereenkomstStatus
from wmoregie.demo import laad_demo as laad_basisdemo

from .conftest import lokaal
from .factories import AanbestedingFactory, PartijFactory, voldoet_aan_regels
from .gunning_helpers import consensus, in_beoordeling, inschrijving_van
from .ocds_officieel import MAP, PAKKETSCHEMA, RELEASESCHEMA, conform, fouten

pytestmark = pytest.mark.django_db

URI = "https://wmoregie.example.nl/aanbestedingen/1/ocds.json"
SCORES = {"Eemland Zorg": (8, 6, 10), "Amersfoort Samen": (6, 10, 6)}


def _pakket(aanbesteding, **kwargs) -> dict:
    aanbesteding.refresh_from_db()
    return ocds.release_package(aanbesteding, uri=URI, **kwargs)


def _voorlopig_gegund(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper, tuple(SCORES))
    consensus(aanbesteding, inkoper, SCORES)
    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    return aanbesteding


# --- the oracle ------------------------------------------------------------------------------


def test_the_vendored_schemas_are_the_official_1_1_5_files_unchanged():
    for naam, sha256 in (
        (
            "release-package-schema.json",
            "44a9d8d66001af8e44112b45f5cc7923ee2f40f4790e816f90af1782c5885ee5",
        ),
        ("release-schema.json", "bf18280598c08c9889051a61e1cd39af8e1aebbfb9c260c31be155604026a149"),
    ):
        assert hashlib.sha256((MAP / naam).read_bytes()).hexdigest() == sha256
        assert sha256 in (MAP / "README.md").read_text(encoding="utf-8")
    assert PAKKETSCHEMA["id"].endswith("/schema/1__1__5/release-package-schema.json")
    assert RELEASESCHEMA["id"].endswith("/schema/1__1__5/release-schema.json")
    assert PAKKETSCHEMA["properties"]["releases"]["items"]["$ref"] == RELEASESCHEMA["id"]
    Draft4Validator.check_schema(PAKKETSCHEMA)
    Draft4Validator.check_schema(RELEASESCHEMA)


GOED = {
    "uri": URI,
    "version": "1.1",
    "publishedDate": "2025-09-26T10:00:00+02:00",
    "publisher": {"name": "Regio"},
    "releases": [
        {
            "ocid": "ocds-wmoreg-RA-1",
            "id": "ocds-wmoreg-RA-1-20250926T080000Z",
            "date": "2025-09-26T10:00:00+02:00",
            "tag": ["award"],
            "initiationType": "tender",
            "tender": {"id": "RA-1", "status": "active"},
            "awards": [{"id": "a", "value": {"amount": 10.5, "currency": "EUR"}}],
        }
    ],
}


@pytest.mark.parametrize(
    ("_case", "pad", "waarde"),
    [
        ("tag outside the closed codelist", ("tag", 0), "gegund"),
        ("tender status outside the closed codelist", ("tender", "status"), "gegund"),
        ("initiation type outside the closed codelist", ("initiationType",), "aanbesteding"),
        ("date-time without an offset", ("date",), "2025-09-26T10:00:00"),
        ("date only", ("date",), "2025-09-26"),
        ("no such day", ("date",), "2025-02-30T10:00:00+01:00"),
        ("amount as a string", ("awards", 0, "value", "amount"), "10.50"),
        ("currency outside the closed codelist", ("awards", 0, "value", "currency"), "euro"),
        ("ocid empty", ("ocid",), ""),
    ],
)
def test_the_oracle_refuses_what_ocds_1_1_5_refuses(_case, pad, waarde):
    assert fouten(GOED) == []
    slecht = json.loads(json.dumps(GOED))
    doel = slecht["releases"][0]
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = waarde
    assert fouten(slecht)


def test_the_oracle_checks_the_uri_format_and_the_package_fields():
    assert fouten({**GOED, "uri": "ocds.json"})  # not an absolute URI
    assert fouten({**GOED, "uri": "https://example.nl/a b"})
    assert fouten({**GOED, "version": "1.1.5"})
    assert fouten({**GOED, "releases": []})
    zonder = dict(GOED)
    del zonder["publisher"]
    assert fouten(zonder)


# --- every stage of the procedure --------------------------------------------------------------


def test_a_concept_procedure_is_a_planning_release(regio):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    release = conform(_pakket(aanbesteding))
    assert release["tag"] == ["planning"]
    assert release["tender"]["status"] == "planned"
    assert "awards" not in release and "tenderers" not in release["tender"]


def test_a_concept_withdrawn_before_publication_is_a_withdrawn_planning(regio, inkoper):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    services.wijzig_status(
        aanbesteding, Status.INGETROKKEN, gebruiker=inkoper, reden="Geen budget."
    )
    release = conform(_pakket(aanbesteding))
    assert release["tag"] == ["planningUpdate"]
    assert release["tender"]["status"] == "withdrawn"


def test_the_selection_phase_is_a_tender_release_without_tenderers(regio):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    release = conform(_pakket(aanbesteding))
    assert release["tag"] == ["tender"]
    assert release["tender"]["status"] == "active"
    assert release["tender"]["procurementMethod"] == "selective"
    assert release["tender"]["awardCriteria"] == "qualityOnly"
    assert release["tender"]["submissionMethod"] == ["electronicSubmission"]
    assert "tenderers" not in release["tender"]


def test_the_demo_procedure_in_its_award_assessment_is_valid(db):
    laad_basisdemo()
    aanbesteding = laad_demo()
    release = conform(_pakket(aanbesteding))
    assert release["tag"] == ["tender"]
    assert release["tender"]["numberOfTenderers"] == len(release["tender"]["tenderers"]) == 2
    assert release["tender"]["awardCriteriaDetails"].endswith("10 punten")  # not "10.00"


def test_the_procedure_from_tender_to_a_terminated_contract_stays_valid(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper, tuple(SCORES))
    winnaar = inschrijving_van(aanbesteding, "Eemland Zorg")
    kvk = winnaar.organisatie.kvk_nummer
    release = conform(_pakket(aanbesteding))
    assert release["tag"] == ["tender"] and release["tender"]["status"] == "active"
    assert release["tender"]["numberOfTenderers"] == 2

    consensus(aanbesteding, inkoper, SCORES)
    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    release = conform(_pakket(aanbesteding))
    assert release["tag"] == ["tender", "award"]
    [award] = release["awards"]
    assert award["status"] == "pending"  # the standstill
    assert award["date"] == "2025-09-05T10:00:00+02:00"
    assert award["suppliers"] == [{"id": f"NL-KVK-{kvk}", "name": "Eemland Zorg"}]

    services.wijzig_status(
        aanbesteding,
        Status.OPGESCHORT,
        gebruiker=inkoper,
        reden="Kort geding.",
        nu=lokaal(2025, 9, 8),
    )
    release = conform(_pakket(aanbesteding))
    assert release["tender"]["status"] == "active" and release["awards"][0]["status"] == "pending"
    services.wijzig_status(
        aanbesteding, Status.VOORLOPIG_GEGUND, gebruiker=inkoper, nu=lokaal(2025, 9, 10)
    )

    services.gun_definitief(
        aanbesteding,
        gebruiker=inkoper,
        nummer="RA-OVK-9",
        einddatum=date(2029, 12, 31),
        nu=lokaal(2025, 9, 26),
    )
    release = conform(_pakket(aanbesteding))
    assert release["tag"] == ["tender", "award", "contract"]
    assert release["tender"]["status"] == "complete"
    assert release["awards"][0]["status"] == "active"
    [contract] = release["contracts"]
    assert contract["id"] == "RA-OVK-9" and contract["awardID"] == award["id"]
    assert contract["status"] == "pending"  # the agreement is a concept in contracten
    assert contract["period"] == {
        "startDate": "2026-01-01T00:00:00+01:00",
        "endDate": "2029-12-31T23:59:59+01:00",  # the einddatum is the last day
    }
    rollen = {p["name"]: p["roles"] for p in release["parties"]}
    assert rollen == {
        regio.naam: ["buyer", "procuringEntity"],
        "Eemland Zorg": ["tenderer", "supplier"],
        "Amersfoort Samen": ["tenderer"],
    }

    overeenkomst = aanbesteding.overeenkomst
    for naar, verwacht in (
        (OvereenkomstStatus.ACTIEF, "active"),
        (OvereenkomstStatus.OPGESCHORT, "active"),  # suspended, still in force
        (OvereenkomstStatus.BEEINDIGD, "terminated"),
    ):
        contracten.wijzig_status(overeenkomst, naar, gebruiker=inkoper)
        release = conform(_pakket(aanbesteding))
        assert release["contracts"][0]["status"] == verwacht


def test_an_agreement_ended_before_it_took_effect_is_a_cancelled_contract(regio, inkoper):
    aanbesteding = _voorlopig_gegund(regio, inkoper)
    overeenkomst = services.gun_definitief(
        aanbesteding,
        gebruiker=inkoper,
        nummer="RA-OVK-10",
        einddatum=date(2029, 12, 31),
        nu=lokaal(2025, 9, 26),
    )
    contracten.wijzig_status(overeenkomst, OvereenkomstStatus.BEEINDIGD, gebruiker=inkoper)
    assert conform(_pakket(aanbesteding))["contracts"][0]["status"] == "cancelled"


def test_a_withdrawn_provisional_award_is_cancelled_and_a_new_award_gets_its_own_id(regio, inkoper):
    aanbesteding = _voorlopig_gegund(regio, inkoper)
    eerste = conform(_pakket(aanbesteding))["awards"][0]
    services.wijzig_status(
        aanbesteding,
        Status.GUNNING_BEOORDELING,
        gebruiker=inkoper,
        reden="Rekenfout in de rangschikking.",
        nu=lokaal(2025, 9, 8),
    )
    release = conform(_pakket(aanbesteding))
    assert release["tag"] == ["tender", "awardCancellation"]
    assert release["awards"] == [{**eerste, "status": "cancelled"}]

    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 9))
    [tweede] = conform(_pakket(aanbesteding))["awards"]
    assert tweede["status"] == "pending" and tweede["id"] != eerste["id"]

    services.wijzig_status(
        aanbesteding, Status.INGETROKKEN, gebruiker=inkoper, reden="Budget vervallen."
    )
    release = conform(_pakket(aanbesteding))
    assert release["tag"] == ["tenderCancellation", "awardCancellation"]
    assert release["tender"]["status"] == "cancelled"
    assert release["awards"][0]["status"] == "cancelled"


def test_a_combination_with_a_price_becomes_suppliers_and_a_numeric_value(regio, inkoper):
    perceel = PerceelFactory(
        regio=regio, bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT
    )
    aanbesteding = in_beoordeling(
        regio,
        inkoper,
        tuple(SCORES),
        percelen=[perceel],
        methode=Beoordelingsmethode.RELATIEF,
        max_prijspunten=Decimal(40),
        max_kwaliteitspunten=Decimal(60),
    )
    winnaar = inschrijving_van(aanbesteding, "Eemland Zorg")
    winnaar.soort, winnaar.combinatienaam = "combinatie", "Combinatie Eemland Zorg"
    winnaar.save()
    winnaar.partijen.filter(rol=PartijRol.HOOFDAANNEMER).update(rol=PartijRol.PENVOERDER)
    PartijFactory(
        inschrijving=winnaar, rol=PartijRol.COMBINANT, naam="Combinant", kvk_nummer="41000001"
    )
    PartijFactory(inschrijving=winnaar, rol=PartijRol.DERDE, naam="Derde", kvk_nummer="41000002")
    voldoet_aan_regels(winnaar)
    consensus(aanbesteding, inkoper, SCORES)
    for naam, prijs in (("Eemland Zorg", "2400000.50"), ("Amersfoort Samen", "2500000")):
        services.leg_prijs_vast(
            inschrijving_van(aanbesteding, naam), gebruiker=inkoper, prijs=Decimal(prijs)
        )
    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    release = conform(_pakket(aanbesteding))
    assert release["tender"]["awardCriteria"] == "ratedCriteria"
    [award] = release["awards"]
    assert award["value"] == {"amount": 2400000.5, "currency": "EUR"}
    assert [s["name"] for s in award["suppliers"]] == ["Eemland Zorg", "Combinant"]
    assert "Derde" not in json.dumps(release)  # a derde is no supplier


# --- the ocid prefix ---------------------------------------------------------------------------


def test_the_ocid_carries_the_configured_prefix(regio, settings):
    settings.WMOREGIE_OCDS_OCID_PREFIX = "ocds-a1b2c3"
    aanbesteding = AanbestedingFactory(regio=regio)
    release = conform(_pakket(aanbesteding, nu=lokaal(2025, 9, 26)))
    assert release["ocid"] == f"ocds-a1b2c3-{aanbesteding.kenmerk}"
    assert release["id"] == f"ocds-a1b2c3-{aanbesteding.kenmerk}-20250926T080000Z"


def test_the_default_prefix_is_the_placeholder(regio):
    aanbesteding = AanbestedingFactory(regio=regio)
    assert conform(_pakket(aanbesteding))["ocid"].startswith("ocds-wmoreg-")


@pytest.mark.parametrize(
    "prefix",
    ["", "ocds-wmoregie", "ocds-abc", "OCDS-ABCDEF", "ocds-abc_de", "ocds_abcdef", "x-ocds-abcdef"],
)
def test_a_malformed_prefix_is_refused_at_use(regio, settings, prefix):
    settings.WMOREGIE_OCDS_OCID_PREFIX = prefix
    with pytest.raises(ImproperlyConfigured, match="WMOREGIE_OCDS_OCID_PREFIX"):
        _pakket(AanbestedingFactory(regio=regio))


# --- no personal data --------------------------------------------------------------------------


def test_the_package_holds_no_personal_data(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper, tuple(SCORES))
    winnaar = inschrijving_van(aanbesteding, "Eemland Zorg")
    ProductFactory(perceel=aanbesteding.percelen.get())
    PartijFactory(
        inschrijving=winnaar,
        rol=PartijRol.DERDE,
        naam="Derde BV",
        contactpersoon="Petra Privé",
        email="petra@example.nl",
        telefoon="06-12345678",
    )
    winnaar.partijen.update(contactpersoon="Karel Contact", email="karel@example.nl")
    voldoet_aan_regels(winnaar)
    consensus(aanbesteding, inkoper, SCORES)
    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    services.gun_definitief(
        aanbesteding,
        gebruiker=inkoper,
        nummer="RA-OVK-9",
        einddatum=date(2029, 12, 31),
        nu=lokaal(2025, 9, 26),
    )
    pakket = _pakket(aanbesteding)
    conform(pakket)
    tekst = json.dumps(pakket, ensure_ascii=False)
    for persoonlijk in (
        "Karel",
        "Petra",
        "@",
        "06-12345678",
        "Derde BV",
        inkoper.username,
        inkoper.get_full_name() or "—niet—",
        "motivering",
        "Consensus",
    ):
        assert persoonlijk not in tekst
