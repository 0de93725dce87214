from django.urls import path

from .views import besteding, dashboard, rapport

app_name = "monitoring"

urlpatterns = [
    path("", dashboard.overzicht, name="overzicht"),
    *[
        path(f"{slug}/", dashboard.onderdeel, {"onderdeel": slug}, name=slug)
        for slug in dashboard.DASHBOARDS
    ],
    path("cbs/", dashboard.cbs, name="cbs"),
    path("export/", dashboard.exporteer, name="export"),
    path("rapportage/", rapport.rapportage, name="rapportage"),
    path("rapportage/lijst/", rapport.rapportage_lijst, name="rapportage-lijst"),
    path("rapportage/<int:pk>/pdf/", rapport.rapport_pdf, name="rapport-pdf"),
    path("geld/besteding/", besteding.besteding_opgeven, name="besteding-opgeven"),
]
