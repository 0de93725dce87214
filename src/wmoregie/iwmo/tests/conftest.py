"""Fixtures for the iWmo message tests: the official XSDs as test oracle."""

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree


@pytest.fixture(scope="session")
def reference_dir(shared_dir: Path) -> Path:
    """The public iWmo 3.2 reference tree (examples, xsd) beside the project."""
    path = shared_dir / "reference/iwmo-3.2"
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
