from wmoregie.api import Router

from ..eforms import api as eforms_api
from . import viewsets

router = Router()
router.register("aanbestedingen", viewsets.AanbestedingViewSet)
router.register("inschrijvingen", viewsets.InschrijvingViewSet)
router.register("nota-van-inlichtingen", viewsets.NotaVanInlichtingenViewSet)
router.register("beoordelingen", viewsets.BeoordelingViewSet)
router.register("selectietoetsingen", viewsets.SelectietoetsingViewSet, basename="selectietoetsing")
router.register("selectiebrieven", viewsets.SelectiebriefViewSet)
router.register("rangschikkingen", viewsets.RangschikkingViewSet, basename="rangschikking")

urlpatterns = router.urls + eforms_api.urlpatterns
