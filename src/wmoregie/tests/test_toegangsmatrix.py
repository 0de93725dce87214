"""Every route of the URL conf × every demo role × GET and POST, generated (#14 C.1).

For each combination the declared access decides: a role it does not allow gets no content
(pages: the login page for visitors, 403 for others; API: 401/403), and no combination makes
the server fail. Objects are the demo's, so an id in a route names a real object of one party
and, for most roles, another party's. The per-app matrices (clienten pages and API,
aanbestedingen, contracten) check own-versus-other objects in detail; this one makes sure no
route is forgotten: a new route is in it automatically.
"""

import re

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from wmoregie.accounts.access import declared_access_of
from wmoregie.accounts.models import User

pytestmark = pytest.mark.django_db

# The Django admin guards itself (staff only); logging out is allowed for anyone.
OVERGESLAGEN_NAMESPACES = {"admin"}
_CONVERTERS = {"int": "1", "slug": "demo", "str": "demo", "path": "demo", "uuid": "0" * 32}


def _routes(patronen, prefix="", namespaces=()):
    for patroon in patronen:
        if isinstance(patroon, URLResolver):
            yield from _routes(
                patroon.url_patterns,
                prefix + str(patroon.pattern),
                namespaces + ((patroon.namespace,) if patroon.namespace else ()),
            )
        elif isinstance(patroon, URLPattern):
            yield prefix + str(patroon.pattern), namespaces, patroon.callback


def _adres(route: str) -> str | None:
    """A concrete path for ``route``; None for DRF's format-suffix regex twins."""
    route = route.replace("^", "").replace("$", "")
    if "(?P<format>" in route or "\\." in route:
        return None
    adres = re.sub(
        r"<(?:(\w+):)?\w+>", lambda m: _CONVERTERS.get(m.group(1) or "str", "demo"), route
    )
    return "/" + adres if not re.search(r"[()\[\]?*+\\]", adres) else None


def _matrix():
    gezien = set()
    for route, namespaces, callback in _routes(get_resolver().url_patterns):
        if OVERGESLAGEN_NAMESPACES & set(namespaces):
            continue
        adres = _adres(route)
        if adres is None or adres in gezien or adres == "/account/uitloggen/":
            continue
        gezien.add(adres)
        yield adres, declared_access_of(callback)


def test_every_route_answers_every_role_as_its_declared_access_says(settings):
    from wmoregie.demo import laad_demo

    settings.WMOREGIE_DEMO_CLIENTEN = 20
    laad_demo()
    gebruikers = {None: None}
    for gebruiker in User.objects.filter(is_superuser=False).order_by("username"):
        rollen = frozenset(gebruiker.rollen())
        gebruikers.setdefault(rollen, gebruiker)  # one user per combination of roles

    routes = list(_matrix())
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
        return antwoord.status_code in (401, 403)
    if gebruiker is None:
        return antwoord.status_code == 302 and "/account/inloggen/" in antwoord["Location"]
    return antwoord.status_code == 403
