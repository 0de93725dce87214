"""Four eyes at the opening: one inkoper proposes, a different inkoper confirms; audited."""

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Status
from wmoregie.aanbestedingen.models import Openingsvoorstel
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import RoltoekenningFactory, UserFactory
from wmoregie.audit.models import AuditEntry
from wmoregie.catalogi.tests.factories import RegioFactory

from .conftest import lokaal
from .factories import AanbestedingFactory

NA_SLUITING = lokaal(2025, 6, 30, 12, 5)


@pytest.fixture
def tweede_inkoper(regio):
    gebruiker = UserFactory(username="ilse")
    RoltoekenningFactory(gebruiker=gebruiker, rol=Rol.INKOPER, regio=regio)
    return gebruiker


@pytest.fixture
def aanbesteding(regio):
    return AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)


def test_one_inkoper_alone_cannot_open(aanbesteding, inkoper):
    with pytest.raises(ValidationError) as fout:
        services.wijzig_status(
            aanbesteding, Status.SELECTIE_BEOORDELING, gebruiker=inkoper, nu=NA_SLUITING
        )
    assert fout.value.code == "opening-niet-voorgesteld"
    services.stel_opening_voor(aanbesteding, gebruiker=inkoper, nu=NA_SLUITING)
    with pytest.raises(ValidationError) as fout:
        services.bevestig_opening(aanbesteding, gebruiker=inkoper, nu=NA_SLUITING)
    assert fout.value.code == "vier-ogen"
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIEFASE
    assert aanbesteding.selectie_geopend_op is None


def test_a_second_inkoper_confirms_and_the_phase_opens(aanbesteding, inkoper, tweede_inkoper):
    voorstel = services.stel_opening_voor(aanbesteding, gebruiker=inkoper, nu=NA_SLUITING)
    services.bevestig_opening(aanbesteding, gebruiker=tweede_inkoper, nu=lokaal(2025, 6, 30, 13))
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIE_BEOORDELING
    assert aanbesteding.selectie_geopend_op == lokaal(2025, 6, 30, 13)
    voorstel.refresh_from_db()
    assert (voorstel.voorgesteld_door, voorstel.bevestigd_door) == (inkoper, tweede_inkoper)
    assert list(
        AuditEntry.objects.filter(actie__startswith="opening.")
        .order_by("volgnummer")
        .values_list("actie", "gebruiker")
    ) == [("opening.voorgesteld", inkoper.pk), ("opening.bevestigd", tweede_inkoper.pk)]
    bevestigd = AuditEntry.objects.get(actie="opening.bevestigd")
    assert bevestigd.gegevens["voorgesteld_door"] == inkoper.username
    wijziging = aanbesteding.statuswijzigingen.get()
    assert (wijziging.overgang, wijziging.door) == ("aanmeldingen-openen", tweede_inkoper)


def test_a_proposal_before_the_deadline_is_refused(aanbesteding, inkoper):
    with pytest.raises(ValidationError) as fout:
        services.stel_opening_voor(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 6, 30, 11))
    assert fout.value.code == "deadline-niet-verstreken"
    assert not Openingsvoorstel.objects.exists()


def test_one_open_proposal_at_a_time_and_it_can_be_withdrawn(aanbesteding, inkoper, tweede_inkoper):
    services.stel_opening_voor(aanbesteding, gebruiker=inkoper, nu=NA_SLUITING)
    with pytest.raises(ValidationError) as fout:
        services.stel_opening_voor(aanbesteding, gebruiker=tweede_inkoper, nu=NA_SLUITING)
    assert fout.value.code == "al-voorgesteld"
    services.trek_openingsvoorstel_in(aanbesteding, gebruiker=inkoper, nu=NA_SLUITING)
    assert services.open_voorstel(aanbesteding) is None
    with pytest.raises(ValidationError):
        services.bevestig_opening(aanbesteding, gebruiker=tweede_inkoper, nu=NA_SLUITING)
    assert AuditEntry.objects.filter(actie="opening.voorstel-ingetrokken").count() == 1


def test_nothing_to_open_outside_an_open_phase(regio, inkoper):
    concept = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    with pytest.raises(ValidationError) as fout:
        services.stel_opening_voor(concept, gebruiker=inkoper, nu=NA_SLUITING)
    assert fout.value.code == "geen-opening"


@freeze_time(NA_SLUITING)
def test_the_pages_take_two_inkopers(client, aanbesteding, inkoper, tweede_inkoper, beoordelaar):
    url = f"/aanbestedingen/{aanbesteding.pk}/opening/"
    client.force_login(inkoper)
    # the plain status form does not open a phase
    client.post(f"/aanbestedingen/{aanbesteding.pk}/status/", {"naar": "selectie-beoordeling"})
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIEFASE
    assert (
        "Openen voorstellen" in client.get(f"/aanbestedingen/{aanbesteding.pk}/").content.decode()
    )
    client.post(url, {"actie": "voorstellen"})
    pagina = client.get(f"/aanbestedingen/{aanbesteding.pk}/").content.decode()
    assert "Een andere inkoper van de regio moet het openen bevestigen." in pagina
    client.post(url, {"actie": "bevestigen"})
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIEFASE

    client.force_login(beoordelaar)
    assert client.post(url, {"actie": "bevestigen"}).status_code == 403

    client.force_login(tweede_inkoper)
    assert "Openen bevestigen" in client.get(f"/aanbestedingen/{aanbesteding.pk}/").content.decode()
    client.post(url, {"actie": "bevestigen"})
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIE_BEOORDELING


def test_an_inkoper_of_another_region_cannot_propose(client, aanbesteding):
    ander = UserFactory()
    RoltoekenningFactory(gebruiker=ander, rol=Rol.INKOPER, regio=RegioFactory(naam="Regio Elders"))
    client.force_login(ander)
    antwoord = client.post(f"/aanbestedingen/{aanbesteding.pk}/opening/", {"actie": "voorstellen"})
    assert antwoord.status_code == 404
    assert not Openingsvoorstel.objects.exists()
