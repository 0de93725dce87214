"""Production settings are safe, and complete configuration passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]


def _run(args, env_extra):
    # A clean environment: the test settings module has set local-only defaults in this process.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(env_extra, DJANGO_SETTINGS_MODULE="wmoregie.conf.production", PYTHONPATH=str(SRC))
    return subprocess.run(
        [sys.executable, str(SRC / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp!" * 10,
    "ALLOWED_HOSTS": "wmoregie.example.nl",
    "DATABASE_URL": "postgres://wmoregie:geheim@127.0.0.1:5432/wmoregie",
    "WMOREGIE_KLUIS_SLEUTELS": "2026a:" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU=",
}


def test_check_deploy_passes_with_production_settings():
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(["check"], {**PRODUCTION_ENV, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_sqlite():
    result = _run(["check"], {**PRODUCTION_ENV, "DATABASE_URL": "sqlite:///tmp.db"})
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_refuses_to_start_without_vault_keys():
    result = _run(["check"], {**PRODUCTION_ENV, "WMOREGIE_KLUIS_SLEUTELS": ""})
    assert result.returncode != 0
    assert "WMOREGIE_KLUIS_SLEUTELS" in result.stderr


def test_check_deploy_refuses_the_public_development_key():
    ontwikkeling = "ontwikkeling:KCCIcv4kZpGU0Sn5565UFYdHYjiVVsPRSXDqKFVR5/A="
    result = _run(
        ["check", "--deploy"], {**PRODUCTION_ENV, "WMOREGIE_KLUIS_SLEUTELS": ontwikkeling}
    )
    assert result.returncode != 0
    assert "kluis.E002" in result.stderr


def test_production_always_asks_the_second_step():
    result = _run(
        ["shell", "-c", "from django.conf import settings; print(settings.WMOREGIE_2FA)"],
        {**PRODUCTION_ENV, "WMOREGIE_2FA": "0"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_an_empty_database_url_means_the_embedded_database_not_a_crash():
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(DATABASE_URL="", DJANGO_SETTINGS_MODULE="wmoregie.conf.dev", PYTHONPATH=str(SRC))
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'])",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_production_with_an_empty_database_url_asks_for_postgresql():
    result = _run(["check"], {**PRODUCTION_ENV, "DATABASE_URL": ""})
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr
