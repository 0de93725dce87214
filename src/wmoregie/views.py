"""Pages that belong to no single module: the start page, health check, API docs, error pages."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponsePermanentRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views import defaults

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from wmoregie.accounts.access import PUBLIC, declare_access

from . import startpagina
from .werkvoorraad import werkvoorraad_voor


@declare_access(PUBLIC)
def home(request):
    """The home page per role: its tasks, the modules' worklists, and for functioneel beheer
    the way to the admin."""
    from wmoregie.clienten.views._basis import AANMELDERS

    return render(
        request,
        "home.html",
        {
            "rolblokken": startpagina.rolblokken(request.user),
            "beheerder": startpagina.is_beheerder(request.user),
            "werkvoorraad": werkvoorraad_voor(request.user),
            # The roles that may refer a resident get the way in on the start page.
            "mag_aanmelden": AANMELDERS.allows(request.user),
        },
    )


@declare_access(PUBLIC)
def favicon(request):
    """Browsers and tools that ask ``/favicon.ico`` regardless of the page's icon link."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@declare_access(PUBLIC)
def gezondheid(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "database niet bereikbaar"}, status=503)
    return JsonResponse({"status": "ok"})


class SchemaView(SpectacularAPIView):
    access = PUBLIC  # the schema describes the API; it holds no data


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start script served from the same URL (``?script``), not inline."""

    access = PUBLIC


# Error pages (#15.12): Dutch, in the site's layout (templates/400.html, 403, 404, 500), saying what
# to do. The API answers in JSON instead: DRF turns errors inside its views into JSON itself; these
# handlers do the same for what never reaches a view, such as an unknown address under /api/.
API_PREFIX = "/api/"
API_FOUTEN = {
    400: "Het verzoek is niet geldig.",
    403: "U heeft geen toegang tot dit onderdeel.",
    404: "Niet gevonden.",
    500: "Er ging iets mis op de server; probeer het later opnieuw.",
}


def _api_fout(request, status: int) -> JsonResponse | None:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": API_FOUTEN[status]}, status=status)
    return None


def bad_request(request, exception):
    return _api_fout(request, 400) or defaults.bad_request(request, exception)


def csrf_mislukt(request, reason=""):
    """``CSRF_FAILURE_VIEW``: a form sent without (or with an old) security token, usually a page
    left open for long or cookies blocked; Django's own page is bare and technical."""
    return _api_fout(request, 403) or render(request, "403_csrf.html", status=403)


def permission_denied(request, exception):
    return _api_fout(request, 403) or defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return _api_fout(request, 404) or defaults.page_not_found(request, exception)


def server_error(request):
    """Rendered without the request's context processors: they may need the database that
    just failed. The layout gets only the region's name."""
    if antwoord := _api_fout(request, 500):
        return antwoord
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"regio_naam": settings.WMOREGIE_REGIO_NAAM}))
