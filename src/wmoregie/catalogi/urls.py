from django.urls import path

from . import views

app_name = "catalogi"

urlpatterns = [
    path("", views.catalogus, name="catalogus"),
    path("producten/<slug:code>/", views.product_detail, name="product"),
    path("was-2025/", views.was_2025, name="was-2025"),
    path("gemeenten/", views.gemeenten, name="gemeenten"),
]
