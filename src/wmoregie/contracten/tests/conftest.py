import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import RoltoekenningFactory, UserFactory


@pytest.fixture
def demo(db):
    """The project demo (catalogue, organisations, users) plus the contracten demo."""
    from wmoregie.contracten.demo import laad_demo as laad_contracten
    from wmoregie.demo import laad_demo

    laad_demo()
    return laad_contracten()


@pytest.fixture
def maak_gebruiker(db):
    """``maak_gebruiker(Rol.BACKOFFICE, organisatie=org)``: a user with that role and scope."""

    def maak(rol, **scope):
        gebruiker = UserFactory()
        RoltoekenningFactory(gebruiker=gebruiker, rol=rol, **scope)
        return gebruiker

    return maak


@pytest.fixture
def contractmanager(maak_gebruiker):
    return maak_gebruiker(Rol.CONTRACTMANAGER)
