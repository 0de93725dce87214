"""Fixtures for the exchange tests: the official iWmo 3.2 files as test oracle."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def reference_dir(shared_dir: Path) -> Path:
    """The public iWmo 3.2 reference tree (examples, xsd) beside the project."""
    path = shared_dir / "reference/iwmo-3.2"
    if not path.is_dir():
        pytest.skip(f"iWmo 3.2-referentie ontbreekt: {path}")
    return path


@pytest.fixture
def redis_broker() -> Iterator[dict[str, str]]:
    """The environment that gives a subprocess the local Redis (127.0.0.1:6379) as its broker,
    with a key prefix of its own (other runs may share that Redis); skips when no Redis answers,
    fails instead in CI (``WMOREGIE_TEST_REDIS_VEREIST``, set by ``.ci/run``, which starts it).
    The keys of the prefix are removed afterwards."""
    import redis

    url = "redis://127.0.0.1:6379/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError:
        reden = f"geen Redis op {url}: deze test vraagt een echte broker"
        if os.environ.get("WMOREGIE_TEST_REDIS_VEREIST"):
            pytest.fail(f"{reden} (CI start er een: zie .ci/run)")
        pytest.skip(f"{reden} (CI heeft er een)")
    prefix = f"wmoregie-test-{uuid.uuid4().hex[:12]}:"
    yield {"WMOREGIE_CELERY_BROKER_URL": url, "WMOREGIE_CELERY_PREFIX": prefix}
    sleutels = list(client.scan_iter(match=f"{prefix}*"))
    if sleutels:
        client.delete(*sleutels)
    client.close()
