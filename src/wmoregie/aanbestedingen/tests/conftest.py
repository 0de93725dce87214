from datetime import datetime

from django.utils import timezone

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import OrganisatieFactory, RoltoekenningFactory, UserFactory
from wmoregie.catalogi.tests.factories import RegioFactory


def lokaal(jaar, maand, dag, uur=10, minuut=0, seconde=0) -> datetime:
    return timezone.make_aware(datetime(jaar, maand, dag, uur, minuut, seconde))


def open_met_vier_ogen(aanbesteding, *, inkoper, nu):
    """Open the current phase as the procedure does: ``inkoper`` proposes, a second inkoper
    of the region confirms."""
    from wmoregie.aanbestedingen import services

    tweede = UserFactory()
    RoltoekenningFactory(gebruiker=tweede, rol=Rol.INKOPER, regio=aanbesteding.regio)
    services.stel_opening_voor(aanbesteding, gebruiker=inkoper, nu=nu)
    return services.bevestig_opening(aanbesteding, gebruiker=tweede, nu=nu)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def regio(db):
    return RegioFactory()


@pytest.fixture
def inkoper(regio):
    gebruiker = UserFactory()
    RoltoekenningFactory(gebruiker=gebruiker, rol=Rol.INKOPER, regio=regio)
    return gebruiker


@pytest.fixture
def beoordelaar(regio):
    gebruiker = UserFactory()
    RoltoekenningFactory(gebruiker=gebruiker, rol=Rol.BEOORDELAAR, regio=regio)
    return gebruiker


@pytest.fixture
def organisatie(db):
    return OrganisatieFactory(naam="Samen Thuis Begeleiding")


@pytest.fixture
def inschrijver(organisatie):
    gebruiker = UserFactory()
    RoltoekenningFactory(gebruiker=gebruiker, rol=Rol.INSCHRIJVER, organisatie=organisatie)
    return gebruiker


@pytest.fixture
def andere_inschrijver(db):
    gebruiker = UserFactory()
    RoltoekenningFactory(gebruiker=gebruiker, rol=Rol.INSCHRIJVER, organisatie=OrganisatieFactory())
    return gebruiker


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    """The base demo and the procurement demo, committed (for the browser tests, whose server
    runs in another thread); files under a temporary MEDIA_ROOT."""
    from wmoregie.aanbestedingen.demo import laad_demo
    from wmoregie.demo import laad_demo as laad_basisdemo

    settings.MEDIA_ROOT = tmp_path
    laad_basisdemo()
    return laad_demo()
