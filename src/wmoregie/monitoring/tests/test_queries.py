"""The monitoring pages need a fixed, small number of queries (#14 B): never more than 20 on
the demo, for every role that opens them. The CBS page reads the facts of its scope once,
not once per municipality."""

from django.urls import reverse

import pytest

from wmoregie.accounts.models import User
from wmoregie.monitoring.views.dashboard import DASHBOARDS

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20

PAGINAS = {
    "contractmanager": [
        "monitoring:overzicht",
        *(f"monitoring:{slug}" for slug in DASHBOARDS),
        "monitoring:cbs",
        "monitoring:rapportage",
        "monitoring:rapportage-lijst",
        "sturing:start",
        "sturing:overleggen",
        "ervaring:start",
    ],
    "gemeente": [
        "monitoring:overzicht",
        *(f"monitoring:{slug}" for slug in DASHBOARDS),
        "monitoring:cbs",
        "sturing:start",
        "ervaring:start",
    ],
    "backoffice": [
        "monitoring:overzicht",
        *(f"monitoring:{slug}" for slug in DASHBOARDS),
        "monitoring:cbs",
        "sturing:start",
        "sturing:overleggen",
    ],
}


@pytest.fixture
def demo():
    from wmoregie.demo import laad_demo

    laad_demo()


@pytest.mark.parametrize("rol", list(PAGINAS))
def test_the_monitoring_pages_stay_within_the_limit(
    client, demo, django_assert_max_num_queries, rol
):
    client.force_login(User.objects.get(username=rol))
    for naam in PAGINAS[rol]:
        with django_assert_max_num_queries(MAX_QUERIES, info=naam):
            assert client.get(reverse(naam)).status_code == 200, naam
