"""The generic model <-> XML mapping: value conversion and model declarations."""

import importlib.metadata
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

import pytest

import iwmo
from iwmo.berichten import BERICHTTYPEN
from iwmo.berichten.mapping import element, parse_value, velden
from iwmo.berichten.wmo301 import ToegewezenProduct


@pytest.mark.parametrize(
    ("_case", "tekst", "soort", "waarde"),
    [
        ("tekst blijft exact", "  a b ", str, "  a b "),
        ("getal met voorloopnullen", "0042", int, 42),
        ("getal met plus en witruimte", "\n +7 \t", int, 7),
        ("negatief getal", "-3", int, -3),
        ("datum", "2025-02-28", date, date(2025, 2, 28)),
        ("tijd", "23:59:59", time, time(23, 59, 59)),
        ("tijd met fractie", "08:00:00.5", time, time(8, 0, 0, 500000)),
        ("tijd met lange fractie", "08:00:00.1234567", time, time(8, 0, 0, 123456)),
    ],
)
def test_parse_value_converts_xsd_lexical_forms(_case, tekst, soort, waarde):
    assert parse_value(tekst, soort) == waarde


@pytest.mark.parametrize(
    ("_case", "tekst", "soort"),
    [
        ("leeg getal", "", int),
        ("underscore in getal", "1_000", int),
        ("decimaal als getal", "1.0", int),
        ("arabisch-indisch cijfer", "٣", int),
        ("datum zonder voorloopnul", "2025-2-28", date),
        ("week-datum", "2025-W09-5", date),
        ("datum met tijd", "2025-02-28T10:00:00", date),
        ("tijd met tijdzone", "10:00:00+01:00", time),
        ("tijd 24:00", "24:00:00", time),
        ("tijd 61 seconden", "10:00:61", time),
    ],
)
def test_parse_value_refuses_what_the_xsd_refuses(_case, tekst, soort):
    with pytest.raises(ValueError):
        parse_value(tekst, soort)


def test_fields_follow_the_xsd_sequence_of_toegewezen_product():
    assert [veld.xml for veld in velden(ToegewezenProduct)] == [
        "ToewijzingNummer",
        "ReferentieAanbieder",
        "Product",
        "Toewijzingsdatum",
        "Toewijzingstijd",
        "Ingangsdatum",
        "Einddatum",
        "RedenWijziging",
        "Omvang",
        "Budget",
        "Commentaar",
    ]


def test_every_message_type_declares_its_fields_consistently():
    for cls in BERICHTTYPEN.values():
        assert next(veld.xml for veld in velden(cls)) == "Header"


def test_optional_annotation_without_optioneel_is_a_declaration_error():
    @dataclass(kw_only=True)
    class Fout:
        naam: str | None = element("Naam")

    with pytest.raises(TypeError, match="optioneel=True"):
        velden(Fout)


def test_list_without_item_name_is_a_declaration_error():
    @dataclass(kw_only=True)
    class Fout:
        namen: list[str] = element("Namen")  # noqa: RUF009

    with pytest.raises(TypeError, match="lijst="):
        velden(Fout)


def test_the_message_library_imports_without_django():
    code = (
        "import sys; import iwmo.berichten, iwmo.validatie, iwmo.retour, iwmo.cli, iwmo.voorbeelden; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django geladen'"
    )

    src = Path(iwmo.__file__).resolve().parents[1]

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=src
    )

    assert result.returncode == 0, result.stderr


def test_the_distribution_depends_on_no_web_framework():
    """What ``pip install iwmo`` pulls in: lxml, nothing else (no Django)."""
    vereist = importlib.metadata.requires("iwmo") or []
    namen = {
        re.split(r"[<>=!~;\[ ]", eis, maxsplit=1)[0].lower()
        for eis in vereist
        if "extra ==" not in eis
    }

    assert namen == {"lxml"}
    assert importlib.metadata.version("iwmo") == iwmo.__version__
