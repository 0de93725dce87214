from __future__ import annotations

from django.test import Client

import pytest


@pytest.fixture
def als(settings):
    """The demo (20 clients) and a test client per demo user: ``als("backoffice")``; a fault
    in a view raises its traceback in the test instead of a 500."""
    from wmoregie.accounts.models import User
    from wmoregie.demo import laad_demo

    settings.WMOREGIE_DEMO_CLIENTEN = 20
    laad_demo()

    def client_van(gebruikersnaam: str) -> Client:
        client = Client(raise_request_exception=True)
        client.force_login(User.objects.get(username=gebruikersnaam))
        return client

    return client_van
