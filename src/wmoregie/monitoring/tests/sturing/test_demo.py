"""The demo of the steering cycle loads with the others, once, and shows on the pages."""

import pytest

from wmoregie.monitoring.models import Actie, Antwoord, Indicator, Stuuroverleg, Uitnodiging

pytestmark = pytest.mark.django_db


def test_the_demo_has_indicators_a_frozen_meeting_and_answers(client):
    from wmoregie.demo import laad_demo
    from wmoregie.monitoring.demo import laad_demo as laad_sturing

    laad_demo()
    laad_sturing()  # a second time changes nothing

    assert Indicator.objects.count() == 5
    overleg = Stuuroverleg.objects.get()
    assert overleg.is_bevroren and len(overleg.snapshot["indicatoren"]) == 5
    actie = Actie.objects.get()
    assert actie.eigenaar.username == "backoffice"
    assert Uitnodiging.objects.exists()
    assert Antwoord.objects.filter(uitnodiging__ingevuld_op__isnull=False).exists()

    from wmoregie.accounts.models import User

    client.force_login(User.objects.get(username="backoffice"))
    assert "Plan voor extra capaciteit" in client.get("/monitoring/sturing/").content.decode()
    assert client.get(f"/monitoring/sturing/overleggen/{overleg.pk}/").status_code == 200
    thuis = client.get("/").content.decode()
    assert "1 actie uit het stuuroverleg open" in thuis
