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


def pytest_configure(config):
    """One name for this test run in every process (pytest-xdist's own, which its workers get
    as ``PYTEST_XDIST_TESTRUNUID``): the migrated template databases are made once per run."""
    if hasattr(config, "workerinput"):
        return
    import uuid

    if getattr(config.option, "testrunuid", None) is None:
        config.option.testrunuid = uuid.uuid4().hex
    os.environ["PYTEST_XDIST_TESTRUNUID"] = config.option.testrunuid


def pytest_sessionfinish(session):
    if not hasattr(session.config, "workerinput"):
        from wmoregie.tests.databases import ruim_sjablonen_op

        ruim_sjablonen_op()


def _postgresql_ronde() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def pytest_collection_modifyitems(config, items):
    """Browser tests run in the SQLite pass only, unless ``WMOREGIE_BROWSER_OP_PG=1``: what
    they check (keyboard, focus, accessibility, the content policy, the pages' scripts) does
    not depend on the database, the pages' database work is tested on both through the test
    client and the API, and on PostgreSQL they cost CI about five minutes."""
    if not _postgresql_ronde() or os.environ.get("WMOREGIE_BROWSER_OP_PG") == "1":
        return
    in_browser = [item for item in items if "browser" in item.fixturenames]
    if in_browser:
        config.hook.pytest_deselected(items=in_browser)
        items[:] = [item for item in items if "browser" not in item.fixturenames]


def pytest_report_header(config):
    if _postgresql_ronde() and os.environ.get("WMOREGIE_BROWSER_OP_PG") != "1":
        return (
            "browsertests: alleen in de SQLite-ronde (WMOREGIE_BROWSER_OP_PG=1 draait ze hier ook)"
        )
    return None


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
