"""The monitoring on the demo: inhabitants loaded idempotently, and the dashboards answer for
the demo's municipality and region users with the numbers the database holds."""

from datetime import date

import pytest
from freezegun import freeze_time

from wmoregie.accounts.models import User
from wmoregie.clienten.models import Traject
from wmoregie.monitoring.models import Bestedingsopgave, Cijferinstelling, Inwonertal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from wmoregie.demo import laad_demo

    with freeze_time("2026-07-15 10:00"):
        laad_demo()


def test_demo_loads_inhabitants_and_spend_idempotently(demo):
    from wmoregie.monitoring.demo import laad_demo

    stand = (Inwonertal.objects.count(), Bestedingsopgave.objects.count())
    with freeze_time("2026-07-15 10:00"):
        laad_demo()
    assert (Inwonertal.objects.count(), Bestedingsopgave.objects.count()) == stand
    assert Inwonertal.objects.get(gemeente__code="0307", jaar=2026).inwoners == 161_500
    assert stand[0] == 14
    assert Cijferinstelling.objects.get().drempel == 5
    # quarters 1 and 2 of 2026 have passed on 15 July
    assert set(Bestedingsopgave.objects.values_list("kwartaal", flat=True)) <= {1, 2}


def test_demo_region_total_matches_the_database(client, demo):
    """The unique clients of the region on the bereik page equal a direct count."""
    verwacht = (
        Traject.objects.filter(startdatum__lte=date(2026, 6, 30), startdatum__isnull=False)
        .exclude(einddatum__lt=date(2026, 1, 1))
        .values("client_id")
        .distinct()
        .count()
    )
    assert verwacht > 0
    client.force_login(User.objects.get(username="gemeente"))
    html = client.get(
        "/monitoring/bereik/", {"van": "2026-01-01", "tot": "2026-06-30"}
    ).content.decode()
    start = html.index('<th scope="row">Regio (alle gemeenten)</th>')
    regio = html[start : html.index("</tr>", start)]
    assert f'<td class="getal">{verwacht}</td>' in regio.split("</td>")[0] + "</td>"
    for gebruiker in ("contractmanager", "backoffice", "gemeente"):
        client.force_login(User.objects.get(username=gebruiker))
        for onderdeel in ("bereik", "wachten", "doorstroom", "uitkomsten", "geld", "berichten"):
            assert client.get(f"/monitoring/{onderdeel}/").status_code == 200
        assert client.get("/monitoring/cbs/", {"halfjaar": "2026-1"}).status_code == 200
