"""Pages of the aanbestedingen module."""

from django.urls import path

from . import views

app_name = "aanbestedingen"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/aanmelden/", views.inschrijven, name="inschrijven"),
    path("inschrijvingen/<int:pk>/", views.inschrijving, name="inschrijving"),
    path("inschrijvingen/<int:pk>/controlelijst/", views.controlelijst, name="controlelijst"),
    path("inschrijvingen/<int:pk>/partijen/nieuw/", views.partij_nieuw, name="partij-nieuw"),
    path("inschrijvingen/<int:pk>/uea/", views.uea_inlezen, name="uea-inlezen"),
    path("inschrijvingen/<int:pk>/documenten/nieuw/", views.document_nieuw, name="document-nieuw"),
    path("inschrijvingen/<int:pk>/indienen/", views.indienen, name="indienen"),
    path("inschrijvingen/<int:pk>/selectie/", views.selectie, name="selectie"),
    path("partijen/<int:pk>/bewerken/", views.partij_bewerken, name="partij-bewerken"),
    path("partijen/<int:pk>/verwijderen/", views.partij_verwijderen, name="partij-verwijderen"),
    path("partijen/<int:pk>/toestemming/", views.toestemming, name="toestemming"),
    path("documenten/<int:pk>/", views.document, name="document"),
    path("<int:pk>/vragen/", views.vragen, name="vragen"),
    path("<int:pk>/nota-publiceren/", views.nota_publiceren, name="nota-publiceren"),
    path("vragen/<int:pk>/beantwoorden/", views.vraag_beantwoorden, name="vraag-beantwoorden"),
    path("<int:pk>/stukken/", views.stukken, name="stukken"),
    path("stukken/<int:pk>/", views.stuk, name="stuk"),
]
