from django.urls import path

from .cbs import CbsCijfersView

urlpatterns = [
    path("cbs/", CbsCijfersView.as_view(), name="monitoring-cbs"),
]
