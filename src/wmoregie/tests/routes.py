"""Every route of the URL conf as a concrete path with the demo's ids, for the generated checks
(the access matrix, the fuzzing)."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

from wmoregie.accounts.access import declared_access_of

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


def alle_routes():
    """(concrete path, declared access) of every route, once per path."""
    gezien = set()
    for route, namespaces, callback in _routes(get_resolver().url_patterns):
        if OVERGESLAGEN_NAMESPACES & set(namespaces):
            continue
        adres = _adres(route)
        if adres is None or adres in gezien or adres == "/account/uitloggen/":
            continue
        gezien.add(adres)
        yield adres, declared_access_of(callback)
