"""The OCDS release package: valid against our own reading of OCDS 1.1, no personal data."""

import json
from datetime import date

import pytest

from wmoregie.aanbestedingen import ocds, services
from wmoregie.aanbestedingen.constants import PartijRol
from wmoregie.catalogi.tests.factories import ProductFactory

from .conftest import lokaal
from .factories import PartijFactory
from .gunning_helpers import consensus, in_beoordeling, inschrijving_van

pytestmark = pytest.mark.django_db

SCORES = {"Eemland Zorg": (8, 6, 10), "Amersfoort Samen": (6, 10, 6)}


def test_our_schema_is_a_valid_draft_2020_12_schema_and_refuses_bad_packages():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(ocds.schema())
    assert ocds.valideer({"version": "1.0"})  # missing everything, wrong version
    slecht = {
        "uri": "x",
        "version": "1.1",
        "publishedDate": "2025-09-26T10:00:00+02:00",
        "publisher": {"name": "Regio"},
        "releases": [
            {
                "ocid": "ocds-wmoreg-X",
                "id": "1",
                "date": "2025-09-26T10:00:00+02:00",
                "tag": ["gegund"],
                "initiationType": "tender",
            }
        ],
    }
    assert any("tag" in f for f in ocds.valideer(slecht))


def test_the_package_runs_from_tender_to_contract_and_stays_valid(regio, inkoper):
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
    pakket = ocds.release_package(aanbesteding, uri="https://example.nl/ocds.json")
    assert ocds.valideer(pakket) == []
    [release] = pakket["releases"]
    assert release["tag"] == ["tender"] and release["tender"]["status"] == "active"
    assert release["tender"]["numberOfTenderers"] == 2
    assert release["tender"]["awardCriteria"] == "qualityOnly"

    consensus(aanbesteding, inkoper, SCORES)
    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    services.gun_definitief(
        aanbesteding,
        gebruiker=inkoper,
        nummer="RA-OVK-9",
        einddatum=date(2029, 12, 31),
        nu=lokaal(2025, 9, 26),
    )
    aanbesteding.refresh_from_db()
    pakket = ocds.release_package(aanbesteding, uri="https://example.nl/ocds.json")
    assert ocds.valideer(pakket) == []
    [release] = pakket["releases"]
    assert release["tag"] == ["tender", "award", "contract"]
    assert release["tender"]["status"] == "complete"
    assert release["awards"][0]["status"] == "active"
    assert release["awards"][0]["suppliers"] == [
        {"id": f"NL-KVK-{winnaar.organisatie.kvk_nummer}", "name": "Eemland Zorg"}
    ]
    assert release["contracts"][0]["awardID"] == release["awards"][0]["id"]
    assert release["contracts"][0]["id"] == "RA-OVK-9"
    rollen = {p["name"]: p["roles"] for p in release["parties"]}
    assert rollen["Eemland Zorg"] == ["tenderer", "supplier"]
    assert rollen[regio.naam] == ["buyer", "procuringEntity"]

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
