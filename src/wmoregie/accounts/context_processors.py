from django.conf import settings

from .navigation import items_for


def navigation(request) -> dict:
    return {
        "regio_naam": settings.WMOREGIE_REGIO_NAAM,
        "navigatie": items_for(request.user, request.path),
    }
