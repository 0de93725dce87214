"""Pages that belong to no single module: the start page, health check and API docs."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from wmoregie.accounts.access import PUBLIC, declare_access

from .werkvoorraad import werkvoorraad_voor


@declare_access(PUBLIC)
def home(request):
    from wmoregie.clienten.views._basis import AANMELDERS

    return render(
        request,
        "home.html",
        {
            "werkvoorraad": werkvoorraad_voor(request.user),
            # The roles that may refer a resident get the way in on the start page.
            "mag_aanmelden": AANMELDERS.allows(request.user),
        },
    )


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
