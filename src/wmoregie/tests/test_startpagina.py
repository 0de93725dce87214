"""#15.13: every role lands on a home page with its own tasks; functioneel beheer gets the admin."""

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _start(client, gebruiker) -> str:
    client.force_login(gebruiker)
    antwoord = client.get("/")
    assert antwoord.status_code == 200
    return antwoord.content.decode()


@pytest.mark.parametrize(
    ("_case", "rol", "kop", "taak", "niet"),
    [
        (
            "inkoper",
            Rol.INKOPER,
            "Uw taken als inkoper (regio)",
            "/aanbestedingen/",
            "/contracten/",
        ),
        (
            "beoordelaar",
            Rol.BEOORDELAAR,
            "Uw taken als beoordelaar",
            "/aanbestedingen/",
            "/contracten/",
        ),
        (
            "contractmanager",
            Rol.CONTRACTMANAGER,
            "Uw taken als contractmanager (regio)",
            "/contracten/",
            "/aanbestedingen/",
        ),
        (
            "gebiedsteam",
            Rol.GEBIEDSTEAM_MEDEWERKER,
            "Uw taken als medewerker gebiedsteam",
            "/clienten/aanmelden/",
            "/contracten/",
        ),
        (
            "inschrijver",
            Rol.INSCHRIJVER,
            "Uw taken als inschrijver",
            "/aanbestedingen/",
            "/clienten/",
        ),
        (
            "privacy",
            Rol.FUNCTIONARIS_GEGEVENSBESCHERMING,
            "Uw taken als functionaris gegevensbescherming",
            "/audit/inzage/",
            "/aanbestedingen/",
        ),
    ],
)
def test_each_role_sees_its_own_tasks_and_no_other_roles_links(client, _case, rol, kop, taak, niet):
    html = _start(client, UserFactory(rol=rol))

    assert kop in html
    assert f'<li class="tegel"><a href="{taak}">' in html
    assert f'<li class="tegel"><a href="{niet}">' not in html
    assert "/beheer/" not in html
    assert "nog geen rol" not in html


def test_two_roles_give_two_task_blocks(client):
    gebruiker = UserFactory(rol=Rol.INKOPER)
    from wmoregie.accounts.tests.factories import RoltoekenningFactory

    RoltoekenningFactory(gebruiker=gebruiker, rol=Rol.CONTRACTMANAGER)

    html = _start(client, gebruiker)

    assert "Uw taken als inkoper (regio)" in html
    assert "Uw taken als contractmanager (regio)" in html


def test_the_beheerder_gets_the_admin_and_is_not_told_to_ask_the_beheerder(client):
    beheerder = UserFactory(is_staff=True, is_superuser=True)

    html = _start(client, beheerder)

    assert '<a href="/beheer/">Naar het beheer</a>' in html
    assert "nog geen rol" not in html
    account = client.get("/account/").content.decode()
    assert "Vraag de" not in account and "/beheer/" in account


def test_a_user_without_a_role_is_told_whom_to_ask(client):
    html = _start(client, UserFactory())

    assert "U heeft nog geen rol. Vraag de functioneel beheerder" in html
    assert "Uw taken als" not in html and "/beheer/" not in html
