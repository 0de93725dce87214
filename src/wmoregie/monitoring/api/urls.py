from django.urls import include, path

from wmoregie.api import Router

from .cbs import CbsCijfersView
from .rapporten import KwartaalrapportViewSet

router = Router()
router.register("rapporten", KwartaalrapportViewSet, basename="monitoring-rapport")

urlpatterns = [
    path("cbs/", CbsCijfersView.as_view(), name="monitoring-cbs"),
    path("", include(router.urls)),
]
