"""Every route of the URL conf × every demo role × GET and POST, generated (#14 C.1).

For each combination the declared access decides: a role it does not allow gets no content
(pages: the login page for visitors, 403 for others; API: 401 with ``WWW-Authenticate:
Bearer`` for visitors, 403 for others), and no combination makes the server fail. Objects are the demo's, so an id in a route names a real object of one party
and, for most roles, another party's. The per-app matrices (clienten pages and API,
aanbestedingen, contracten) check own-versus-other objects in detail; this one makes sure no
route is forgotten: a new route is in it automatically.
"""

from django.test import Client

import pytest

from wmoregie.accounts.models import User
from wmoregie.tests.routes import alle_routes

pytestmark = pytest.mark.django_db


def test_every_route_answers_every_role_as_its_declared_access_says(kleine_demo):
    gebruikers = {None: None}
    for gebruiker in User.objects.filter(is_superuser=False).order_by("username"):
        rollen = frozenset(gebruiker.rollen())
        gebruikers.setdefault(rollen, gebruiker)  # one user per combination of roles

    routes = list(alle_routes())
    assert len(routes) > 150, "de matrix vindt de routes niet"
    fouten, getoond, geweigerd = [], 0, 0
    for gebruiker in gebruikers.values():
        client = Client(raise_request_exception=False)
        if gebruiker is not None:
            client.force_login(gebruiker)
        for adres, access in routes:
            if access is None:
                fouten.append(f"{adres}: verklaart geen toegang")
                continue
            mag = access.allows(gebruiker) if gebruiker is not None else access.public
            for methode in ("get", "post"):
                antwoord = getattr(client, methode)(adres)
                wie = gebruiker.username if gebruiker else "bezoeker"
                getoond += mag and antwoord.status_code == 200
                geweigerd += not mag
                if antwoord.status_code >= 500:
                    fouten.append(f"{methode.upper()} {adres} als {wie}: {antwoord.status_code}")
                elif not mag and not _geweigerd(adres, antwoord, gebruiker):
                    fouten.append(
                        f"{methode.upper()} {adres} als {wie}: {antwoord.status_code}, "
                        f"maar de toegang is '{access.description}'"
                    )
    assert fouten == []
    # Both sides of every rule were exercised: many pages shown, many refused.
    assert len(gebruikers) >= 10
    assert getoond > 300 and geweigerd > 1000, (getoond, geweigerd)


def _geweigerd(adres, antwoord, gebruiker) -> bool:
    """No content: refused, or a method the route does not take (405 shows nothing)."""
    if antwoord.status_code == 405:
        return True
    if adres.startswith("/api/"):
        # A visitor is asked to authenticate (401 with the scheme, #14); a signed-in user who
        # may not see the endpoint is refused (403).
        if gebruiker is None:
            return antwoord.status_code == 401 and antwoord.get("WWW-Authenticate") == "Bearer"
        return antwoord.status_code == 403
    if gebruiker is None:
        return antwoord.status_code == 302 and "/account/inloggen/" in antwoord["Location"]
    return antwoord.status_code == 403
