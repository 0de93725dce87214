"""The steering cycle, under /monitoring/sturing/ (namespace ``sturing``)."""

from django.urls import path

from . import views_sturing as views

app_name = "sturing"

urlpatterns = [
    path("", views.start, name="start"),
    path("export/", views.export, name="export"),
    path("indicatoren/<int:pk>/", views.indicator, name="indicator"),
    path("indicatoren/<int:pk>/norm/", views.norm, name="norm"),
    path("verplichtingen/<int:pk>/nagekomen/", views.nagekomen, name="nagekomen"),
    path("overleggen/", views.overleggen, name="overleggen"),
    path("overleggen/nieuw/", views.overleg_nieuw, name="overleg-nieuw"),
    path("overleggen/<int:pk>/", views.overleg, name="overleg"),
    path("overleggen/<int:pk>/agendapunt/", views.agendapunt, name="agendapunt"),
    path("overleggen/<int:pk>/bevriezen/", views.bevriezen, name="bevriezen"),
    path("overleggen/<int:pk>/besluit/", views.besluit, name="besluit"),
    path("overleggen/<int:pk>/actie/", views.actie, name="actie"),
    path("acties/<int:pk>/afronden/", views.actie_afronden, name="actie-afronden"),
]
