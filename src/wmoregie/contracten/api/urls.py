from wmoregie.api import Router

from . import viewsets

router = Router()
router.register("overeenkomsten", viewsets.OvereenkomstViewSet)
router.register("budgetten", viewsets.BudgetViewSet)
router.register("onderaannemers", viewsets.OnderaannemerViewSet)
router.register("prijsbladen", viewsets.PrijsbladViewSet)
router.register("tarieven", viewsets.TariefViewSet)
router.register("onderaanneemcontracten", viewsets.OnderaanneemcontractViewSet)

urlpatterns = router.urls
