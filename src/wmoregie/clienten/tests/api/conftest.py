import pytest
from freezegun import freeze_time


@pytest.fixture(autouse=True)
def _vandaag():
    """The API tests run on 1 April 2026: after the demo referrals of March."""
    with freeze_time("2026-04-01 10:00:00"):
        yield
