from django.urls import path

from . import oidc, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.InlogView.as_view(), name="login"),
    path("uitloggen/", views.UitlogView.as_view(), name="logout"),
    path("oidc/start/", oidc.OidcStartView.as_view(), name="oidc-start"),
    path("oidc/terug/", oidc.OidcTerugView.as_view(), name="oidc-terug"),
    path("tweestaps/", views.tweede_stap, name="tweestaps"),
    path("tweestaps/instellen/", views.tweede_stap_instellen, name="tweestaps-instellen"),
    path("", views.mijn_account, name="mijn-account"),
    path("organisaties/", views.organisaties, name="organisaties"),
]
