"""The home page needs a fixed, small number of queries (#14 B): never more than 20 on the
demo, for every demo role. It gathers the worklist of every module, so each module's counts
must come in few queries (the back office's client counts in one)."""

import pytest

from wmoregie.accounts.models import User
from wmoregie.demo import DEMO_GEBRUIKERS

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


@pytest.fixture
def demo():
    from wmoregie.demo import laad_demo

    laad_demo()


def test_the_home_page_stays_within_the_limit_for_every_demo_role(
    client, demo, django_assert_max_num_queries
):
    gebruikersnamen = [naam for naam, *_ in DEMO_GEBRUIKERS] + ["beheerder"]
    for gebruikersnaam in gebruikersnamen:
        client.force_login(User.objects.get(username=gebruikersnaam))
        with django_assert_max_num_queries(MAX_QUERIES, info=gebruikersnaam):
            antwoord = client.get("/")
        assert antwoord.status_code == 200, gebruikersnaam
        # the page is the role's own, with its worklist, not an empty shell
        assert "Uw taken als" in antwoord.content.decode() or gebruikersnaam == "beheerder"
