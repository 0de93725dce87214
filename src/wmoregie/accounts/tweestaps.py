"""Two-factor authentication with a TOTP app (django-otp) for everyone who sees submissions or
client data: every role, and the beheerders of the admin (docs/security.md).

On when ``WMOREGIE_2FA`` is (always in production). The check itself is in
:meth:`wmoregie.accounts.access.Access.allows`, so every page and API endpoint that needs a role
also needs the second step; the pages here set it up and ask for it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.safestring import SafeString

import segno

from wmoregie.audit.services import record

from .constants import Rol

# Every role sees submissions (inkoper, beoordelaar, inschrijver), client data (the four client
# roles), the log of who read client data (the privacy officer) or contract and monitoring figures
# about clients (contractmanager): so every role.
ROLLEN_MET_TWEEDE_STAP = frozenset(Rol.values)

APPARAATNAAM = "Authenticator-app"


def aan() -> bool:
    return bool(settings.WMOREGIE_2FA)


def vereist(gebruiker) -> bool:
    """Whether this signed-in user must pass the second step (a role, or staff)."""
    if not aan() or not gebruiker.is_authenticated:
        return False
    return gebruiker.is_staff or bool(gebruiker.rollen() & ROLLEN_MET_TWEEDE_STAP)


def geverifieerd(gebruiker) -> bool:
    """Whether this request's user passed the second step (set by django-otp's middleware, or
    by the API's token authentication)."""
    is_verified = getattr(gebruiker, "is_verified", None)
    return bool(is_verified and is_verified())


def ontbreekt(gebruiker) -> bool:
    return vereist(gebruiker) and not geverifieerd(gebruiker)


def bevestigd_apparaat(gebruiker):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()


#: The key of the device being set up, until the first code is tried (see below).
SESSIE_SLEUTEL = "tweestaps_nieuwe_sleutel"


def apparaat_in_te_stellen(request):
    """The device the setup page shows. Showing the page saves nothing: a new key waits in the
    session (so a reload keeps the QR code), and the device is saved by the first code tried
    (django-otp records a wrong code on it, which keeps its delay after wrong codes) or by the
    confirmation; once saved, that device is shown until it is confirmed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
    from django_otp.util import hex_validator

    apparaat = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if apparaat is not None:
        return apparaat
    sleutel = request.session.get(SESSIE_SLEUTEL)
    try:
        hex_validator(20)(sleutel)  # django-otp's own check of a key: 20 bytes in hex
    except ValidationError:
        sleutel = request.session[SESSIE_SLEUTEL] = default_key()
    return TOTPDevice(user=request.user, name=APPARAATNAAM, key=sleutel, confirmed=False)


def qr_svg(apparaat) -> SafeString:
    """The otpauth:// link as an inline SVG QR code, with a text alternative."""
    svg = segno.make(apparaat.config_url, error="m").svg_inline(
        scale=5, light="#fff", title="QR-code voor uw authenticator-app"
    )
    # Reviewed: segno writes only its own path data and escapes the (constant) title; the link
    # itself is encoded in the modules, never copied as text. role=img makes the title the name.
    return SafeString(svg.replace("<svg ", '<svg role="img" ', 1))  # nosec B703


def geheime_sleutel(apparaat) -> str:
    """The key in base32, in groups of four: for typing into the app instead of scanning."""
    from base64 import b32encode

    sleutel = b32encode(apparaat.bin_key).decode().rstrip("=")
    return " ".join(sleutel[i : i + 4] for i in range(0, len(sleutel), 4))


def _code_klopt(apparaat, code: str) -> bool:
    code = "".join(code.split())
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return False
    toegestaan, _ = apparaat.verify_is_allowed()
    return bool(toegestaan) and apparaat.verify_token(code)


@transaction.atomic
def bevestig_apparaat(request, apparaat, code: str) -> bool:
    """Confirm a new device with a code from it; replaces an older device. Signs the second step in."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not _code_klopt(apparaat, code):
        return False
    TOTPDevice.objects.filter(user=apparaat.user, confirmed=True).exclude(pk=apparaat.pk).delete()
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    otp_login(request, apparaat)
    request.session.pop(SESSIE_SLEUTEL, None)
    record("account.tweestaps-ingesteld", request=request, obj=apparaat)
    return True


def verifieer(request, code: str) -> bool:
    """The second step of a login: a code from the confirmed device."""
    from django_otp import login as otp_login

    apparaat = bevestigd_apparaat(request.user)
    if apparaat is None or not _code_klopt(apparaat, code):
        record("account.tweestaps-mislukt", request=request)
        return False
    otp_login(request, apparaat)
    record("account.tweestaps-geslaagd", request=request)
    return True


def code_klopt_voor(gebruiker, code: str) -> bool:
    """For the API's token endpoint: a code from the user's confirmed device."""
    apparaat = bevestigd_apparaat(gebruiker)
    return apparaat is not None and _code_klopt(apparaat, code)
