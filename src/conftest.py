"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import freezegun
import pytest

# The iWmo message models read their field types (``date``) once and cache them; a frozen clock
# must not swap freezegun's FakeDate into those modules. Callers pass the date they mean.
freezegun.configure(extend_ignore_list=["wmoregie.iwmo", "iwmo"])

PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("WMOREGIE_SHARED_DIR", PROJECT_DIR.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The public reference material beside the project; tests that need it skip without it."""
    if not SHARED_DIR.is_dir():
        pytest.skip(
            f"referentiemateriaal ontbreekt: {SHARED_DIR} bestaat niet (zet WMOREGIE_SHARED_DIR)"
        )
    return SHARED_DIR


@pytest.fixture(scope="session", autouse=True)
def _flush_past_de_logbescherming():
    """Between transactional tests Django empties every table (``flush``); the append-only
    logs refuse that, so their protection is lifted around the flush only, and restored."""
    from django.core.management.commands.flush import Command
    from django.db import connections

    from wmoregie.audit import bescherming

    origineel = Command.handle

    def handle(self, **options):
        verbinding = connections[options.get("database") or "default"]
        for tabel in bescherming.BESCHERMDE_TABELLEN:
            bescherming.hef_op(verbinding, tabel)
        try:
            return origineel(self, **options)
        finally:
            for tabel in bescherming.BESCHERMDE_TABELLEN:
                bescherming.bescherm(verbinding, tabel)

    Command.handle = handle
    yield
    Command.handle = origineel


@pytest.fixture(autouse=True)
def _media_root_per_test(settings, tmp_path):
    """Uploaded and generated files of a test (and its iWmo exchange folders) go to its own
    temporary folder, never the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IWMO_UITWISSELMAP = str(tmp_path / "iwmo")


# The browser harness (Chromium via Playwright, axe-core) for browser tests in every app.
from wmoregie.tests.browser.harness import axe_violations, browser, page  # noqa: E402, F401
