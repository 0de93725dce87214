"""Read API: same scope and seal as the pages."""

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen.constants import Status

from ..conftest import lokaal
from ..factories import AanbestedingFactory, InschrijvingFactory


@pytest.fixture
def aanbesteding(regio):
    return AanbestedingFactory(
        regio=regio,
        status=Status.GUNNING_BEOORDELING,
        selectie_geopend_op=lokaal(2025, 6, 30, 12, 5),
        gunning_geopend_op=lokaal(2025, 8, 18, 12, 5),
    )


def test_the_inkoper_lists_procedures_with_their_closing_moments(client, aanbesteding, inkoper):
    client.force_login(inkoper)
    [data] = client.get("/api/v1/aanbestedingen/aanbestedingen/").json()["results"]
    assert data["kenmerk"] == aanbesteding.kenmerk
    assert data["status"] == "gunning-beoordeling"
    assert data["selectie_sluiting"] == "2025-06-30T12:00:00+02:00"
    assert data["inschrijving_sluiting"] == "2025-08-18T12:00:00+02:00"


@freeze_time(lokaal(2025, 9, 1))
def test_after_both_openings_the_inkoper_reads_parties_and_findings(client, aanbesteding, inkoper):
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding)
    client.force_login(inkoper)
    data = client.get(f"/api/v1/aanbestedingen/inschrijvingen/{inschrijving.pk}/").json()
    assert data["verzegeld"] == []
    assert [p["rol"] for p in data["partijen"]] == ["hoofdaannemer"]
    codes = {b["code"] for b in data["bevindingen"]}
    assert {"eigen-uitsluitingsgronden", "gva-ontbreekt"} <= codes


def test_the_api_is_read_only(client, aanbesteding, inkoper):
    client.force_login(inkoper)
    response = client.post("/api/v1/aanbestedingen/aanbestedingen/", {"kenmerk": "x"})
    assert response.status_code == 405
