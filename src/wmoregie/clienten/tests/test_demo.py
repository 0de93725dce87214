"""The demo of the client administration: reproducible, every state, messages and retours."""

from collections import Counter

import pytest

from wmoregie.clienten import services
from wmoregie.clienten.constants import AanmeldingStatus, Antwoordstatus, TrajectStatus
from wmoregie.clienten.models import Aanmelding, Client, Prestatie, Traject, Trajectbericht
from wmoregie.clienten.services.berichten import onverwerkte_berichten

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def demo(settings, tmp_path):
    from wmoregie.clienten.demo import laad_demo as laad_clienten
    from wmoregie.demo import laad_demo

    settings.WMOREGIE_DEMO_CLIENTEN = 60
    laad_demo()
    return laad_clienten


def _stand():
    return (
        sorted(Client.objects.values_list("bsn", "achternaam", "geboortedatum")),
        Counter(Traject.objects.values_list("status", flat=True)),
    )


def test_the_demo_holds_every_state_with_messages_loads_once_and_gives_work(demo, client):
    from wmoregie.accounts.models import User

    statussen = Counter(Traject.objects.values_list("status", flat=True))
    assert set(statussen) == set(TrajectStatus.values)
    assert {AanmeldingStatus.AANGEMELD, AanmeldingStatus.GEWEIGERD} <= set(
        Aanmelding.objects.values_list("status", flat=True)
    )
    soorten = set(Trajectbericht.objects.values_list("berichttype", flat=True))
    assert {"wmo315", "wmo301", "wmo305", "wmo307"} <= soorten
    assert Prestatie.objects.filter(status="afgewezen").exists()
    assert Prestatie.objects.filter(status="toegekend").exists()
    # Soest (own system) answered through the exchange folders; everything was linked.
    assert Trajectbericht.objects.filter(
        traject__aanmelding__gemeente__code="0342",
        retour__isnull=False,
        antwoordstatus=Antwoordstatus.GOEDGEKEURD,
    ).exists()
    assert not onverwerkte_berichten().exists()
    # A resident who moved to Amersfoort: the area team's referral waits for the back office
    # to decide whether it is the client known elsewhere.
    [voorlopig] = Client.objects.filter(identiteit_onbevestigd=True)
    assert services.bekende_client(voorlopig).gemeente.code != "0307"
    assert voorlopig.aanmeldingen.get().status == AanmeldingStatus.AANGEMELD
    stand = _stand()
    assert demo() == 0  # idempotent
    assert _stand() == stand
    # The demo users find work waiting.
    for gebruiker, tekst in [
        ("backoffice", "nieuwe aanmelding"),
        ("onderaannemer", "lopend"),
        ("gebiedsteam", "Cliënt aanmelden"),
        ("gemeente", "verzoek"),
    ]:
        client.force_login(User.objects.get(username=gebruiker))
        assert tekst in client.get("/clienten/").content.decode(), gebruiker
    client.force_login(User.objects.get(username="backoffice"))
    assert "identiteit vaststellen" in client.get("/clienten/aanmeldingen/").content.decode()


def test_the_demo_leaves_messages_of_another_database_alone(settings):
    """`make run` after an earlier demo: the exchange folder still holds that demo's messages."""
    from pathlib import Path

    from wmoregie.demo import laad_demo

    outbox = Path(settings.IWMO_UITWISSELMAP) / "0342" / "outbox"
    outbox.mkdir(parents=True)
    vreemd = outbox / "WMO315_van_een_andere_database.xml"
    vreemd.write_bytes(b"<niet-van-deze-database/>")
    settings.WMOREGIE_DEMO_CLIENTEN = 20

    laad_demo()

    assert Client.objects.filter(identiteit_onbevestigd=False).count() == 20
    assert vreemd.read_bytes() == b"<niet-van-deze-database/>"
