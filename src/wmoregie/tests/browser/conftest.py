"""Fixtures of the project-wide browser tests; the harness itself is in ``harness.py``."""

import pytest


@pytest.fixture
def live_catalogus(transactional_db):
    from wmoregie.catalogi.services import importeer_catalogus, lees_json
    from wmoregie.demo import CATALOGUS

    return importeer_catalogus(lees_json(CATALOGUS.read_bytes()))
