"""The client experience survey, under /monitoring/ervaring/ (namespace ``ervaring``)."""

from django.urls import path

from . import views_sturing as views

app_name = "ervaring"

urlpatterns = [
    path("", views.ervaring_start, name="start"),
    path("<int:pk>/status/", views.ervaring_openen, name="status"),
    path("<int:pk>/resultaten/", views.ervaring_resultaten, name="resultaten"),
    path("<int:pk>/export/", views.ervaring_export, name="export"),
    path("<int:pk>/uitnodigingen/", views.ervaring_uitnodigingen, name="uitnodigingen"),
    path("invullen/", views.ervaring_invullen, name="invullen"),
    path("invullen/vragenlijst/", views.ervaring_vragenlijst, name="vragenlijst"),
]
