from django.urls import path

from .views import aanmeldingen, clienten, declaraties, gemeente, overzicht, trajecten

app_name = "clienten"

urlpatterns = [
    path("", overzicht.start, name="start"),
    path("wachttijden/", overzicht.wachttijden, name="wachttijden"),
    path("berichten/", overzicht.berichten_overzicht, name="berichten"),
    path("berichtafspraken/", overzicht.berichtafspraken, name="berichtafspraken"),
    path("zoeken/", clienten.zoeken, name="zoeken"),
    path("clienten/<int:pk>/", clienten.client, name="client"),
    path("clienten/<int:pk>/bsn/", clienten.bsn_tonen, name="bsn"),
    path("aanmelden/", aanmeldingen.aanmelden, name="aanmelden"),
    path("aanmeldingen/", aanmeldingen.aanmeldingen, name="aanmeldingen"),
    path("aanmeldingen/<int:pk>/", aanmeldingen.aanmelding, name="aanmelding"),
    path("aanmeldingen/<int:pk>/accepteren/", aanmeldingen.accepteren, name="accepteren"),
    path("aanmeldingen/<int:pk>/weigeren/", aanmeldingen.weigeren, name="weigeren"),
    path("aanmeldingen/<int:pk>/intrekken/", aanmeldingen.intrekken, name="intrekken"),
    path("aanmeldingen/<int:pk>/identiteit/", aanmeldingen.identiteit, name="identiteit"),
    path("trajecten/", trajecten.trajecten, name="trajecten"),
    path("trajecten/export/", trajecten.exporteren, name="exporteren"),
    path("trajecten/<int:pk>/", trajecten.traject, name="traject"),
    path("trajecten/<int:pk>/uitvoerder/", trajecten.uitvoerder, name="uitvoerder"),
    path("trajecten/<int:pk>/plan/", trajecten.plan, name="plan"),
    path("trajecten/<int:pk>/wijzigen/", trajecten.wijzigen, name="wijzigen"),
    path("trajecten/<int:pk>/doorverwijzen/", trajecten.doorverwijzen, name="doorverwijzen"),
    path("trajecten/<int:pk>/uitvoering/", trajecten.uitvoering, name="uitvoering"),
    path("trajecten/<int:pk>/toewijzen/", gemeente.toewijzen, name="toewijzen"),
    path("trajecten/<int:pk>/afwijzen/", gemeente.afwijzen, name="afwijzen"),
    path("berichten/<int:pk>/opnieuw/", trajecten.bericht_opnieuw, name="bericht-opnieuw"),
    path("verzoeken/", gemeente.verzoeken, name="verzoeken"),
    path("declaraties/", declaraties.overzicht, name="declaraties"),
    path("declaraties/nieuw/", declaraties.nieuw, name="declaratie-nieuw"),
    path("declaraties/gemeente/", declaraties.gemeente_overzicht, name="declaraties-gemeente"),
    path("declaraties/<int:pk>/", declaraties.declaratie, name="declaratie"),
    path("prestaties/<int:pk>/corrigeren/", declaraties.corrigeren, name="corrigeren"),
]
