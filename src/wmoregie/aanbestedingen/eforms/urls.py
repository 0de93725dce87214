"""Pages of the EU notices, mounted under the procurement module's URLs."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/eforms/", views.aankondigingen, name="eforms"),
    path("<int:pk>/eforms/<str:soort>/voorbeeld/", views.voorbeeld, name="eforms-voorbeeld"),
    path("<int:pk>/eforms/<str:soort>.xml", views.download, name="eforms-xml"),
    path(
        "<int:pk>/eforms/<str:soort>/versies/<int:nummer>.xml",
        views.versie,
        name="eforms-versie",
    ),
]
