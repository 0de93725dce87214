"""Shared pieces of the REST API."""

from django.http import Http404
from django.utils.translation import gettext as _

from rest_framework import routers
from rest_framework.exceptions import ErrorDetail, NotFound, PermissionDenied, ValidationError
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from wmoregie.accounts.access import PUBLIC

# DRF's messages that no catalogue can translate: they are not marked for translation. The
# marked ones that DRF's Dutch leaves in English are in conf/locale.
_GEEN_GEGEVENS = "No data provided"
_CSRF = "CSRF Failed"


def fouten(exc, context):
    """DRF's error handler (``EXCEPTION_HANDLER``), with DRF's Dutch 404 where Django's
    ``get_object_or_404`` gave English that names the model ("No Traject matches the given
    query."), and Dutch for a body without data (``null``) and for a session's request without
    its CSRF token."""
    if isinstance(exc, Http404):
        exc = NotFound()
    if isinstance(exc, PermissionDenied) and str(exc.detail).startswith(_CSRF):
        exc = PermissionDenied(
            _(
                "Het verzoek mist de beveiligingscode (CSRF) van uw sessie: laad de pagina "
                "opnieuw, of gebruik voor een koppeling een API-token."
            )
        )
    if isinstance(exc, ValidationError):
        exc.detail = _nederlands(exc.detail)
    return exception_handler(exc, context)


def fouten_met_codes(exc, context):
    """:func:`fouten` for the APIs whose 400 lists per field the Dutch message *and* the rule's
    stable code (``get_full_details``): ``{"veld": [{"message": …, "code": …}]}``."""
    response = fouten(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        response.data = exc.get_full_details()
        if isinstance(response.data, list):
            response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    return response


def _nederlands(detail):
    """Replace DRF's untranslatable messages in place (DRF's own containers stay, for its
    browsable API)."""
    if isinstance(detail, list):
        for i, d in enumerate(detail):
            detail[i] = _nederlands(d)
    elif isinstance(detail, dict):
        for veld, d in detail.items():
            detail[veld] = _nederlands(d)
    elif isinstance(detail, ErrorDetail) and str(detail) == _GEEN_GEGEVENS:
        return ErrorDetail(_("Er zijn geen gegevens meegestuurd."), code=detail.code)
    return detail


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
