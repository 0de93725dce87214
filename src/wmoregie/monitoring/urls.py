from django.urls import path

from .views import besteding, dashboard

app_name = "monitoring"

urlpatterns = [
    path("", dashboard.overzicht, name="overzicht"),
    *[
        path(f"{slug}/", dashboard.onderdeel, {"onderdeel": slug}, name=slug)
        for slug in dashboard.DASHBOARDS
    ],
    path("cbs/", dashboard.cbs, name="cbs"),
    path("export/", dashboard.exporteer, name="export"),
    path("geld/besteding/", besteding.besteding_opgeven, name="besteding-opgeven"),
]
