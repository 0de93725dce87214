from wmoregie.api import Router

from . import viewsets

router = Router()
router.register("aanbestedingen", viewsets.AanbestedingViewSet)
router.register("inschrijvingen", viewsets.InschrijvingViewSet)
router.register("nota-van-inlichtingen", viewsets.NotaVanInlichtingenViewSet)
router.register("beoordelingen", viewsets.BeoordelingViewSet)

urlpatterns = router.urls
