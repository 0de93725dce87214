"""Production: everything comes from the environment; missing essentials stop the start-up."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, SECRET_KEY, WMOREGIE_KLUIS_SLEUTELS

# Two-factor authentication is not optional in production (docs/security.md).
WMOREGIE_2FA = True

if not SECRET_KEY:
    raise ImproperlyConfigured("Zet SECRET_KEY in de omgeving.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Zet ALLOWED_HOSTS in de omgeving.")
if not WMOREGIE_KLUIS_SLEUTELS:
    raise ImproperlyConfigured("Zet WMOREGIE_KLUIS_SLEUTELS in de omgeving (docs/security.md).")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Productie draait op PostgreSQL: zet DATABASE_URL=postgres://...")
