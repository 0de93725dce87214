from rest_framework.routers import DefaultRouter

from . import viewsets

router = DefaultRouter()
router.register("regios", viewsets.RegioViewSet)
router.register("gemeenten", viewsets.GemeenteViewSet)
router.register("gebiedsteams", viewsets.GebiedsteamViewSet)
router.register("percelen", viewsets.PerceelViewSet)
router.register("producten", viewsets.ProductViewSet)

urlpatterns = router.urls
