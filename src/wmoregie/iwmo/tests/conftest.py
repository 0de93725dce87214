"""Fixtures for the exchange tests: the official iWmo 3.2 files as test oracle."""

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def reference_dir(shared_dir: Path) -> Path:
    """The public iWmo 3.2 reference tree (examples, xsd) beside the project."""
    path = shared_dir / "reference/iwmo-3.2"
    if not path.is_dir():
        pytest.skip(f"iWmo 3.2-referentie ontbreekt: {path}")
    return path
