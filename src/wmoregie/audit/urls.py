from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("inzage/", views.inzage_pagina, name="inzage"),
]
