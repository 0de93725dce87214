"""The admin (``/beheer/``) under two-factor authentication: with ``WMOREGIE_2FA`` on a
beheerder signs in through wmoregie's own login with its second step, and the admin opens only
after it (docs/security.md)."""

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from . import tweestaps


def met_tweede_stap(site: AdminSite) -> None:
    def has_permission(request) -> bool:
        return AdminSite.has_permission(site, request) and not tweestaps.ontbreekt(request.user)

    def login(request, extra_context=None):
        if tweestaps.aan():
            return redirect_to_login(
                request.GET.get("next") or reverse("admin:index", current_app=site.name)
            )
        return AdminSite.login(site, request, extra_context)

    site.has_permission = has_permission
    site.login = login
