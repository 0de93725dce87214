"""API tokens: made with a username and password (and the second factor when it applies),
stored as a hash, revoked by their owner; checked by :class:`TokenAuthentication`.

A token is ``wmr_`` and 43 URL-safe characters (256 random bits). Only its SHA-256 is stored, so
a database dump holds no usable key; 256 bits need no salt or slow hash.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rest_framework import authentication, exceptions

from wmoregie.audit.services import record

from .models import ApiToken

VOORVOEGSEL = "wmr_"
TREFWOORD = "Bearer"
# How often the "last used" moment is written: not on every request.
GEBRUIK_BIJWERKEN_NA = timedelta(minutes=1)


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


@transaction.atomic
def maak_token(gebruiker, *, naam: str = "", request=None) -> tuple[ApiToken, str]:
    """A new token for ``gebruiker``; returns the row and the key, which is never shown again."""
    sleutel = VOORVOEGSEL + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        gebruiker=gebruiker,
        naam=naam,
        sleutel_hash=_hash(sleutel),
        voorvoegsel=sleutel[:12],
        verloopt_op=timezone.now() + timedelta(days=settings.WMOREGIE_API_TOKEN_DAGEN),
    )
    record(
        "account.token-aangemaakt",
        gebruiker=gebruiker,
        obj=token,
        omschrijving=f"API-token {token.voorvoegsel}… aangemaakt",
        gegevens={"naam": naam, "verloopt_op": token.verloopt_op.isoformat()},
        request=request,
    )
    return token, sleutel


@transaction.atomic
def trek_in(token: ApiToken, *, request=None) -> None:
    """Revoke ``token``: from now on it is refused. Revoking twice changes nothing."""
    if token.ingetrokken_op is not None:
        return
    token.ingetrokken_op = timezone.now()
    token.save(update_fields=["ingetrokken_op"])
    record(
        "account.token-ingetrokken",
        obj=token,
        omschrijving=f"API-token {token.voorvoegsel}… ingetrokken",
        request=request,
    )


def geldig_token(sleutel: str) -> ApiToken | None:
    """The active, unexpired token with this key, or None."""
    if not sleutel.startswith(VOORVOEGSEL):
        return None
    token = (
        ApiToken.objects.select_related("gebruiker")
        .filter(sleutel_hash=_hash(sleutel), ingetrokken_op__isnull=True)
        .first()
    )
    if token is None or token.verloopt_op <= timezone.now():
        return None
    return token


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer wmr_…``. A token stands for a password login plus, where it
    applies, the second factor (it is only handed out with both), so its user counts as
    verified for the two-factor check."""

    def authenticate(self, request):
        kop = authentication.get_authorization_header(request).split()
        if not kop or kop[0].lower() != TREFWOORD.lower().encode():
            return None
        if len(kop) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige Authorization-kop."))
        token = geldig_token(kop[1].decode(errors="replace"))
        if token is None or not token.gebruiker.is_active:
            raise exceptions.AuthenticationFailed(
                _("Dit token is onbekend, verlopen of ingetrokken."), code="token-ongeldig"
            )
        nu = timezone.now()
        if token.laatst_gebruikt_op is None or nu - token.laatst_gebruikt_op > GEBRUIK_BIJWERKEN_NA:
            ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=nu)
        gebruiker = token.gebruiker
        gebruiker.is_verified = lambda: True
        return gebruiker, token

    def authenticate_header(self, request):
        return TREFWOORD
