from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views
from .accounts import beheer

admin.site.site_header = f"wmoregie — beheer {settings.WMOREGIE_REGIO_NAAM}"
admin.site.site_title = "wmoregie beheer"
beheer.met_tweede_stap(admin.site)

api_v1 = [
    path("accounts/", include("wmoregie.accounts.api.urls")),
    path("catalogi/", include("wmoregie.catalogi.api.urls")),
    path("aanbestedingen/", include("wmoregie.aanbestedingen.api.urls")),
    path("contracten/", include("wmoregie.contracten.api.urls")),
    path("clienten/", include("wmoregie.clienten.api.urls")),
    path("audit/", include("wmoregie.audit.api.urls")),
    path("monitoring/", include("wmoregie.monitoring.api.urls")),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.ApiDocsView.as_view(url_name="api:v1:schema"), name="docs"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("catalogus/", include("wmoregie.catalogi.urls")),
    path("aanbestedingen/", include("wmoregie.aanbestedingen.urls")),
    path("contracten/", include("wmoregie.contracten.urls")),
    path("clienten/", include("wmoregie.clienten.urls")),
    path("audit/", include("wmoregie.audit.urls")),
    path("monitoring/sturing/", include("wmoregie.monitoring.urls_sturing")),
    path("monitoring/ervaring/", include("wmoregie.monitoring.urls_ervaring")),
    path("monitoring/", include("wmoregie.monitoring.urls")),
    path("account/", include("wmoregie.accounts.urls")),
    path("beheer/", admin.site.urls),
    path("api/", include(([path("v1/", include((api_v1, "v1")))], "api"))),
]

handler400 = "wmoregie.views.bad_request"
handler403 = "wmoregie.views.permission_denied"
handler404 = "wmoregie.views.page_not_found"
handler500 = "wmoregie.views.server_error"
