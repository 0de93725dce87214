"""Pages of the aanbestedingen module."""

from django.urls import path

from . import views, views_documenten, views_gunning, views_opening, views_selectie
from .eforms import urls as eforms_urls

app_name = "aanbestedingen"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/opening/", views_opening.opening, name="opening"),
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
    # documents on request (#15.6)
    path(
        "<int:pk>/documenten/",
        views_documenten.documentvereisten,
        name="documentvereisten",
    ),
    path(
        "inschrijvingen/<int:pk>/verzoeken/",
        views_documenten.documentverzoeken,
        name="documentverzoeken",
    ),
    path(
        "verzoeken/<int:pk>/leveren/",
        views_documenten.document_leveren,
        name="document-leveren",
    ),
    path("<int:pk>/vragen/", views.vragen, name="vragen"),
    path("<int:pk>/nota-publiceren/", views.nota_publiceren, name="nota-publiceren"),
    path("vragen/<int:pk>/beantwoorden/", views.vraag_beantwoorden, name="vraag-beantwoorden"),
    path("<int:pk>/stukken/", views.stukken, name="stukken"),
    path("stukken/<int:pk>/", views.stuk, name="stuk"),
    # selection phase
    path("<int:pk>/selectie/", views_selectie.selectie, name="selectie-overzicht"),
    path("inschrijvingen/<int:pk>/toetsing/", views_selectie.toetsing, name="toetsing"),
    path(
        "inschrijvingen/<int:pk>/regelbesluiten/",
        views_selectie.regelbesluiten,
        name="regelbesluiten",
    ),
    path("eistoetsingen/<int:pk>/bewijs/", views_selectie.bewijsstuk, name="bewijsstuk"),
    path("selectiebrieven/<int:pk>/", views_selectie.selectiebrief, name="selectiebrief"),
    # award phase
    path("<int:pk>/gunning/", views_gunning.gunning, name="gunning"),
    path("<int:pk>/criteria/", views_gunning.criterium_toevoegen, name="criterium-toevoegen"),
    path(
        "criteria/<int:pk>/verwijderen/",
        views_gunning.criterium_verwijderen,
        name="criterium-verwijderen",
    ),
    path("<int:pk>/methode/", views_gunning.methode, name="methode"),
    path("inschrijvingen/<int:pk>/prijs/", views_gunning.prijs, name="prijs"),
    path("<int:pk>/seed/", views_gunning.seed, name="seed"),
    path("<int:pk>/beoordelen/", views_gunning.beoordelen, name="beoordelen"),
    path("inschrijvingen/<int:pk>/beoordelen/", views_gunning.beoordeling, name="beoordeling"),
    path("<int:pk>/consensus/", views_gunning.consensus, name="consensus"),
    path("<int:pk>/rangschikking/", views_gunning.rangschikking, name="rangschikking"),
    path("<int:pk>/rangschikking.csv", views_gunning.rangschikking_csv, name="rangschikking-csv"),
    path("<int:pk>/voorlopig-gunnen/", views_gunning.voorlopig_gunnen, name="voorlopig-gunnen"),
    path("gunningsbrieven/<int:pk>/", views_gunning.brief, name="gunningsbrief"),
    path("<int:pk>/bezwaren/", views_gunning.bezwaar, name="bezwaar"),
    path(
        "bezwaren/<int:pk>/afhandelen/",
        views_gunning.bezwaar_afhandelen,
        name="bezwaar-afhandelen",
    ),
    path("<int:pk>/definitief-gunnen/", views_gunning.definitief_gunnen, name="definitief-gunnen"),
    path("<int:pk>/ocds.json", views_gunning.ocds_pakket, name="ocds"),
    # EU notices (eForms)
    *eforms_urls.urlpatterns,
]
