"""Optional login through an OpenID Connect provider (mozilla-django-oidc), off unless configured
(``WMOREGIE_OIDC_*``, docs/configuratie.md).

The provider only says who someone is. The person must already exist in wmoregie: they are found
by username (claim ``preferred_username``) or e-mail address (claim ``email``, refused when the
provider says it is not verified), never created, and the provider grants no role: roles come
only from wmoregie's own role assignments. The second factor still applies after an OIDC login.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.urls import reverse

import requests
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from wmoregie.audit.services import record

from .access import PUBLIC, AccessMixin

logger = logging.getLogger(__name__)
KOPPELINGEN = {"username": "preferred_username", "email": "email"}


def aan() -> bool:
    return bool(getattr(settings, "WMOREGIE_OIDC_AAN", False))


class OidcBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        """A provider that refuses the code, answers garbage or cannot be reached signs nobody
        in: the login page says so, nothing crashes."""
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation, ValueError, KeyError) as fout:
            logger.warning("OpenID Connect-login mislukt: %s", type(fout).__name__)
            return None

    def _claim(self) -> str:
        return KOPPELINGEN[settings.WMOREGIE_OIDC_KOPPELEN_OP]

    def verify_claims(self, claims) -> bool:
        waarde = claims.get(self._claim())
        if not isinstance(waarde, str) or not waarde.strip():
            return False
        return not (self._claim() == "email" and claims.get("email_verified") is False)

    def filter_users_by_claims(self, claims):
        waarde = claims[self._claim()].strip()
        veld = "username" if self._claim() == "preferred_username" else "email"
        return get_user_model().objects.filter(**{f"{veld}__iexact": waarde}, is_active=True)

    def create_user(self, claims):
        return None  # never: only people wmoregie knows may sign in

    def update_user(self, user, claims):
        return user  # the provider changes nothing, and grants no role


class OidcStartView(AccessMixin, OIDCAuthenticationRequestView):
    access = PUBLIC

    def dispatch(self, request, *args, **kwargs):
        if not aan():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class OidcTerugView(AccessMixin, OIDCAuthenticationCallbackView):
    access = PUBLIC

    def dispatch(self, request, *args, **kwargs):
        if not aan():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def failure_url(self):
        return reverse("accounts:login") + "?oidc=mislukt"

    def login_success(self):
        antwoord = super().login_success()
        record("account.ingelogd", request=self.request, gegevens={"via": "openid-connect"})
        return antwoord
