from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import Roltoekenning, User
from wmoregie.catalogi.models import Product
from wmoregie.demo import DEMO_WACHTWOORD, laad_demo


@pytest.mark.django_db
def test_the_demo_has_a_user_for_every_role_and_loads_idempotently():
    laad_demo()
    stand = (User.objects.count(), Roltoekenning.objects.count(), Product.objects.count())
    laad_demo()
    assert (User.objects.count(), Roltoekenning.objects.count(), Product.objects.count()) == stand
    assert set(Roltoekenning.objects.values_list("rol", flat=True)) == set(Rol.values)
    for toekenning in Roltoekenning.objects.select_related("gebruiker"):
        toekenning.full_clean()
        assert toekenning.gebruiker.check_password(DEMO_WACHTWOORD)


@pytest.mark.django_db
def test_the_demo_command_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG staat uit"):
        call_command("laad_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_the_demo_command_prints_the_logins(capsys):
    call_command("laad_demo")
    uit = capsys.readouterr().out
    assert "gebiedsteam" in uit
    assert DEMO_WACHTWOORD in uit


@pytest.mark.django_db
def test_the_health_check_answers(client):
    response = client.get("/gezondheid/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
