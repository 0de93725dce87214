from wmoregie.api import Router

router = Router()

urlpatterns = router.urls
