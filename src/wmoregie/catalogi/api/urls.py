from wmoregie.api import Router

from . import viewsets

router = Router()
router.register("regios", viewsets.RegioViewSet)
router.register("gemeenten", viewsets.GemeenteViewSet)
router.register("gebiedsteams", viewsets.GebiedsteamViewSet)
router.register("percelen", viewsets.PerceelViewSet)
router.register("producten", viewsets.ProductViewSet)

urlpatterns = router.urls
