from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from .navigation import items_for


def navigation(request) -> dict:
    return {
        "regio_naam": settings.WMOREGIE_REGIO_NAAM,
        # an error page (400) may be rendered before the authentication middleware ran
        "navigatie": items_for(getattr(request, "user", None) or AnonymousUser(), request.path),
    }
