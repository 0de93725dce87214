from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.InlogView.as_view(), name="login"),
    path("uitloggen/", views.UitlogView.as_view(), name="logout"),
    path("tweestaps/", views.tweede_stap, name="tweestaps"),
    path("tweestaps/instellen/", views.tweede_stap_instellen, name="tweestaps-instellen"),
    path("", views.mijn_account, name="mijn-account"),
    path("organisaties/", views.organisaties, name="organisaties"),
]
