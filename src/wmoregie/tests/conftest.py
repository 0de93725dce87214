from __future__ import annotations

from django.test import Client

import pytest


@pytest.fixture
def kleine_demo(settings):
    """The demo data of ``make run`` with 20 clients instead of 200: every role and party."""
    from wmoregie.demo import laad_demo

    settings.WMOREGIE_DEMO_CLIENTEN = 20
    laad_demo()


@pytest.fixture
def als(kleine_demo):
    """A test client per demo user of :func:`kleine_demo`: ``als("backoffice")``; a fault in
    a view raises its traceback in the test instead of a 500."""
    from wmoregie.accounts.models import User

    def client_van(gebruikersnaam: str) -> Client:
        client = Client(raise_request_exception=True)
        client.force_login(User.objects.get(username=gebruikersnaam))
        return client

    return client_van
