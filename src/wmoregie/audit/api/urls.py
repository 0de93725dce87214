from wmoregie.api import Router

from . import viewsets

router = Router()
router.register("inzage", viewsets.InzageViewSet, basename="audit-inzage")

urlpatterns = router.urls
