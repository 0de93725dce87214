"""Fixtures for the iWmo message tests: the official XSDs as test oracle.

The official iWmo 3.2 files (XSDs, examples, code lists) are not part of the package. Tests that
need them look in ``$IWMO_REFERENTIE`` (the ``iwmo-3.2`` folder itself), else in
``$WMOREGIE_SHARED_DIR/reference/iwmo-3.2``, else in ``shared/reference/iwmo-3.2`` beside the
wmoregie checkout, and skip with the path they tried when it is absent.
"""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree


def _referentie() -> Path:
    if os.environ.get("IWMO_REFERENTIE"):
        return Path(os.environ["IWMO_REFERENTIE"])
    if os.environ.get("WMOREGIE_SHARED_DIR"):
        return Path(os.environ["WMOREGIE_SHARED_DIR"]) / "reference/iwmo-3.2"
    # packages/iwmo/src/iwmo/tests -> the folder beside the wmoregie checkout
    return Path(__file__).resolve().parents[6] / "shared/reference/iwmo-3.2"


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The public iWmo 3.2 reference tree (examples, xsd)."""
    path = _referentie()
    if not path.is_dir():
        pytest.skip(f"iWmo 3.2-referentie ontbreekt: {path}")
    return path


@pytest.fixture(scope="session")
def xsd_schema(reference_dir: Path) -> Callable[[str], etree.XMLSchema]:
    """``xsd_schema("wmo301")`` -> the compiled official XSD of that message (cached)."""
    cache: dict[str, etree.XMLSchema] = {}

    def load(bericht: str) -> etree.XMLSchema:
        if bericht not in cache:
            cache[bericht] = etree.XMLSchema(
                etree.parse(str(reference_dir / f"xsd/{bericht.upper()}.xsd"))
            )
        return cache[bericht]

    return load


@pytest.fixture(scope="session")
def assert_xsd_valid(xsd_schema: Callable[[str], etree.XMLSchema]) -> Callable[[str, bytes], None]:
    """``assert_xsd_valid("wmo301", xml_bytes)`` fails with the XSD error log when invalid."""

    def check(bericht: str, xml: bytes) -> None:
        schema = xsd_schema(bericht)
        valid = schema.validate(etree.fromstring(xml))
        assert valid, "\n".join(str(error) for error in schema.error_log)

    return check
