from wmoregie.api import Router

from . import viewsets

router = Router()
router.register("aanmeldingen", viewsets.AanmeldingViewSet, basename="clienten-aanmelding")
router.register("trajecten", viewsets.TrajectViewSet, basename="clienten-traject")
router.register("clienten", viewsets.ClientViewSet, basename="clienten-client")

urlpatterns = router.urls
