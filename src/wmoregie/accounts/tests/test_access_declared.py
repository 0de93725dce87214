"""Every page and API endpoint declares who may use it."""

from django.urls import URLPattern, URLResolver, get_resolver

from wmoregie.accounts.access import declared_access_of

# The Django admin guards itself: staff only (its own login, is_staff checked on every view).
SELF_GUARDED_NAMESPACES = {"admin"}


def _walk(patterns, prefix="", namespaces=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                namespaces + ((pattern.namespace,) if pattern.namespace else ()),
            )
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespaces, pattern.callback


def test_every_url_pattern_declares_its_access():
    undeclared = [
        route
        for route, namespaces, callback in _walk(get_resolver().url_patterns)
        if not SELF_GUARDED_NAMESPACES & set(namespaces) and declared_access_of(callback) is None
    ]
    assert undeclared == []


def test_the_walk_finds_the_known_pages():
    routes = {route for route, _, _ in _walk(get_resolver().url_patterns)}
    assert {"catalogus/", "account/inloggen/", "api/v1/schema/"} <= routes
    assert len(routes) > 20


def test_the_admin_is_for_staff_only(client, django_user_model):
    gewone_gebruiker = django_user_model.objects.create_user("jan", password="x-geheim-123456")
    client.force_login(gewone_gebruiker)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]
