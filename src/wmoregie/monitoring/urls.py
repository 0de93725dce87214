from django.urls import path

from .views import dashboard

app_name = "monitoring"

urlpatterns = [
    path("", dashboard.overzicht, name="overzicht"),
    *[
        path(f"{slug}/", dashboard.onderdeel, {"onderdeel": slug}, name=slug)
        for slug in dashboard.DASHBOARDS
    ],
    path("cbs/", dashboard.cbs, name="cbs"),
    path("export/", dashboard.exporteer, name="export"),
]
