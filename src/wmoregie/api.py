"""Shared pieces of the REST API."""

from rest_framework import routers

from wmoregie.accounts.access import PUBLIC


class ApiRootView(routers.APIRootView):
    access = PUBLIC  # lists the endpoints of a module; each endpoint declares its own access


class Router(routers.DefaultRouter):
    """The router every module uses, so its index page declares its access too."""

    APIRootView = ApiRootView
