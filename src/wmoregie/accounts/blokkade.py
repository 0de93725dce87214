"""What a locked account sees (django-axes, ``AXES_LOCKOUT_CALLABLE``).

After ``WMOREGIE_INLOG_MAX_POGINGEN`` failed logins for one username the login form, the admin
and the API's token endpoint refuse that username, also with the right password, until the
cool-off of ``WMOREGIE_INLOG_BLOKKADE_MINUTEN`` has passed. People get a Dutch page, systems a
429 with the same message and a code.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

CODE = "inloggen-geblokkeerd"


def minuten() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def melding() -> str:
    aantal = minuten()
    return ngettext(
        "Te veel mislukte inlogpogingen. Probeer het over %(aantal)d minuut opnieuw.",
        "Te veel mislukte inlogpogingen. Probeer het over %(aantal)d minuten opnieuw.",
        aantal,
    ) % {"aantal": aantal}


def blokkade_antwoord(request, original_response=None, credentials=None):
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/api/"):
        antwoord = JsonResponse({"detail": melding(), "code": CODE}, status=status)
        antwoord["Retry-After"] = str(minuten() * 60)
        return antwoord
    antwoord = render(
        request,
        "accounts/geblokkeerd.html",
        {"melding": melding(), "minuten": minuten()},
        status=status,
    )
    antwoord["Retry-After"] = str(minuten() * 60)
    return antwoord
