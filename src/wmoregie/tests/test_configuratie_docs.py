from pathlib import Path

from wmoregie.conf.env import ENVIRONMENT_VARIABLES

DOCS = Path(__file__).resolve().parents[3] / "docs" / "configuratie.md"


def test_every_environment_variable_is_documented():
    tekst = DOCS.read_text(encoding="utf-8")
    assert ENVIRONMENT_VARIABLES, "settings read no environment variables?"
    missing = [name for name in ENVIRONMENT_VARIABLES if f"`{name}`" not in tekst]
    assert missing == []
