import pytest

from wmoregie.catalogi.services import importeer_catalogus, lees_json
from wmoregie.demo import CATALOGUS


@pytest.fixture
def catalogus(db):
    """The catalogue of Regio Amersfoort as shipped with the project."""
    return importeer_catalogus(lees_json(CATALOGUS.read_bytes()))
