"""Tests: SQLite in memory unless DATABASE_URL points elsewhere (CI sets it to PostgreSQL)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
if not os.environ.get("DATABASE_URL"):  # unset or empty
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
# The vault's public development key (refused by `check --deploy`): never for real data.
os.environ.setdefault(
    "WMOREGIE_KLUIS_SLEUTELS", "ontwikkeling:KCCIcv4kZpGU0Sn5565UFYdHYjiVVsPRSXDqKFVR5/A="
)
os.environ.setdefault("DB_CONN_MAX_AGE", "0")
# Tests that load the whole demo need a few clients of every kind, not two hundred.
os.environ.setdefault("WMOREGIE_DEMO_CLIENTEN", "24")
# Tasks run in-process unless a test starts a worker and gives its subprocess a broker.
os.environ.setdefault("WMOREGIE_CELERY_BROKER_URL", "")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files straight from the app folders; no collectstatic needed locally.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
