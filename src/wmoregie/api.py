"""Shared pieces of the REST API."""

from django.http import Http404

from rest_framework import routers
from rest_framework.exceptions import NotFound
from rest_framework.views import exception_handler

from wmoregie.accounts.access import PUBLIC


def fouten(exc, context):
    """DRF's error handler (``EXCEPTION_HANDLER``), with DRF's Dutch 404 where Django's
    ``get_object_or_404`` gave English that names the model ("No Traject matches the given
    query.")."""
    if isinstance(exc, Http404):
        exc = NotFound()
    return exception_handler(exc, context)


class ApiRootView(routers.APIRootView):
    access = PUBLIC  # lists the endpoints of a module; each endpoint declares its own access


class Router(routers.DefaultRouter):
    """The router every module uses, so its index page declares its access too."""

    APIRootView = ApiRootView


# Django derives the bounds of integer fields from the database backend (64-bit on SQLite, 16- or
# 32-bit on PostgreSQL). The published schema must not depend on where it was generated.
_DATABASE_INTEGER_BOUNDS = {2**15 - 1, 2**31 - 1, 2**63 - 1, -(2**15), -(2**31), -(2**63)}


def drop_database_integer_bounds(result, generator, request, public):
    """drf-spectacular postprocessing hook: remove backend-specific integer bounds."""

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "integer":
                removed = False
                for key in ("maximum", "minimum"):
                    if node.get(key) in _DATABASE_INTEGER_BOUNDS:
                        del node[key]
                        removed = True
                if removed and node.get("format") == "int64":
                    del node["format"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
