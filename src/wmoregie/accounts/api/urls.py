from django.urls import path

from wmoregie.api import Router

from . import views

router = Router()
router.register("tokens", views.ApiTokenViewSet, basename="api-token")

urlpatterns = [
    path("token/", views.TokenAanvraagView.as_view(), name="token"),
    *router.urls,
]
