"""Local development: SQLite in the project folder, DEBUG on, plain http on localhost."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-secret-key-never-use-in-production")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
# The vault's public development key (refused by `check --deploy`): never for real data.
os.environ.setdefault(
    "WMOREGIE_KLUIS_SLEUTELS", "ontwikkeling:KCCIcv4kZpGU0Sn5565UFYdHYjiVVsPRSXDqKFVR5/A="
)

from .base import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files straight from the app folders; no collectstatic needed locally.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
