"""Who may use which page or API endpoint.

Every view declares an :class:`Access`. Pages get it with :func:`declare_access` (function
views) or :class:`AccessMixin` (class-based views); API views set ``access`` and are checked by
:class:`DeclaredAccessPermission`, the project's default DRF permission. A view that declares
nothing is closed, and ``accounts/tests/test_access_declared.py`` fails for it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from rest_framework.permissions import BasePermission

from . import tweestaps
from .constants import Rol


@dataclass(frozen=True)
class Access:
    """``public``: anyone; ``roles`` empty and not public: any signed-in user; else those roles."""

    public: bool = False
    roles: frozenset[str] = frozenset()
    description: str = ""
    # Only the pages that set up and ask for the second step are open before it.
    before_second_step: bool = False

    def allows(self, user) -> bool:
        if self.public:
            return True
        if not user.is_authenticated or not user.is_active:
            return False
        if not self.before_second_step and tweestaps.ontbreekt(user):
            return False
        if not self.roles:
            return True
        return bool(self.roles & user.rollen())


PUBLIC = Access(public=True, description="openbaar")
SIGNED_IN = Access(description="iedere ingelogde gebruiker")
SIGNED_IN_BEFORE_SECOND_STEP = Access(
    description="iedere ingelogde gebruiker, ook vóór de tweede stap", before_second_step=True
)


def roles(*allowed: Iterable[str] | str, description: str = "") -> Access:
    flat: set[str] = set()
    for item in allowed:
        flat.update([item] if isinstance(item, str) else item)
    unknown = flat - set(Rol.values)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    return Access(roles=frozenset(flat), description=description or ", ".join(sorted(flat)))


def enforce(access: Access, request: HttpRequest) -> HttpResponse | None:
    """None when allowed; a redirect to the login page for visitors; PermissionDenied otherwise."""
    if access.allows(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if tweestaps.ontbreekt(request.user):
        return redirect_to_login(request.get_full_path(), "accounts:tweestaps")
    raise PermissionDenied


def declare_access(access: Access) -> Callable:
    """Decorator for function views."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return enforce(access, request) or view(request, *args, **kwargs)

        wrapped.access = access
        return wrapped

    return decorator


class AccessMixin:
    """For class-based views: set ``access``; checked before anything else runs."""

    access: Access | None = None

    def dispatch(self, request, *args, **kwargs):
        if self.access is None:
            raise PermissionDenied
        return enforce(self.access, request) or super().dispatch(request, *args, **kwargs)


class DeclaredAccessPermission(BasePermission):
    """DRF permission that reads the view's ``access``; no declaration means no access."""

    message = "U heeft geen toegang tot dit onderdeel."

    def has_permission(self, request, view) -> bool:
        access = getattr(view, "access", None)
        if access is not None and not access.allows(request.user):
            if tweestaps.ontbreekt(request.user):
                self.message = (
                    "Bevestig eerst de tweede stap van het inloggen (de code uit uw "
                    "authenticator-app), of gebruik een API-token."
                )
            return False
        return access is not None


def declared_access_of(callback) -> Access | None:
    """The access declared by a URL pattern's callback, whatever kind of view it is."""
    for holder in (callback, getattr(callback, "view_class", None), getattr(callback, "cls", None)):
        access = getattr(holder, "access", None) if holder is not None else None
        if isinstance(access, Access):
            return access
    return None
