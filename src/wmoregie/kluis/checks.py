"""System checks: the vault's key ring is readable, and production does not use the public
development key."""

from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from .sleutels import ONTWIKKELSLEUTEL_ID, sleutelring


@register(Tags.security)
def kluissleutels_leesbaar(app_configs, **kwargs):
    try:
        sleutelring()
    except ImproperlyConfigured as fout:
        return [Error(str(fout), id="kluis.E001")]
    return []


@register(Tags.security, deploy=True)
def geen_ontwikkelsleutel(app_configs, **kwargs):
    try:
        ring = sleutelring()
    except ImproperlyConfigured:
        return []  # reported by kluis.E001
    if ONTWIKKELSLEUTEL_ID in ring.sleutels:
        return [
            Error(
                "WMOREGIE_KLUIS_SLEUTELS bevat de openbare ontwikkelsleutel: zet in productie "
                "een eigen sleutel (docs/security.md).",
                id="kluis.E002",
            )
        ]
    return []
