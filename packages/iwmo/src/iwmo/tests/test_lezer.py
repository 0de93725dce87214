"""The compiled readers read what the strict reader reads, and hand back what they cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from iwmo.berichten import lezer as lezer_module
from iwmo.berichten import parse_element
from iwmo.berichten.lezer import lees_vertrouwd
from iwmo.berichten.mapping import read_element
from iwmo.errors import ParseError
from iwmo.voorbeelden import voorbeelden

NS305 = "http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"


@pytest.mark.parametrize("naam", sorted(voorbeelden()))
def test_compiled_reader_equals_strict_reader_on_every_example(naam):
    root = etree.fromstring(voorbeelden()[naam])
    cls = type(parse_element(root))
    snel = lees_vertrouwd(root, cls, cls.BERICHT_NAMESPACE)
    assert snel is not None
    assert snel == read_element(root, cls, cls.BERICHT_NAMESPACE, "Bericht")


def _305(vervang: bytes, door: bytes) -> etree._Element:
    xml = voorbeelden()["WMO305.xml"]
    assert vervang in xml
    return etree.fromstring(xml.replace(vervang, door, 1))


@pytest.mark.parametrize(
    ("wat", "vervang", "door"),
    [
        ("comment", b"<wmo305:Header>", b"<wmo305:Header><!-- x -->"),
        ("missing element", b"<wmo305:BerichtVersie>3</wmo305:BerichtVersie>", b""),
        ("unknown element", b"<wmo305:Header>", b"<wmo305:Header><wmo305:X/>"),
        ("no date", b"<iwmo:Datum>", b"<iwmo:Datum>3"),
        ("no integer", b"<wmo305:BerichtVersie>3", b"<wmo305:BerichtVersie>drie"),
    ],
)
def test_compiled_reader_hands_back_what_it_does_not_expect(wat, vervang, door):
    root = _305(vervang, door)
    cls = type(parse_element(etree.fromstring(voorbeelden()["WMO305.xml"])))
    assert lees_vertrouwd(root, cls, NS305) is None, wat
    # parse_element then reads strictly: the same model or the usual ParseError, never a crash
    try:
        verwacht = parse_element(root)
    except ParseError as fout:
        with pytest.raises(ParseError) as info:
            parse_element(root, vertrouwd=True)
        assert (info.value.code, info.value.pad) == (fout.code, fout.pad)
    else:
        assert parse_element(root, vertrouwd=True) == verwacht


def test_compiled_reader_accepts_optional_elements_and_whitespace_around_integers():
    root = _305(b"<wmo305:BerichtVersie>3", b"<wmo305:BerichtVersie> 3 ")
    cls = type(parse_element(root))
    bericht = lees_vertrouwd(root, cls, NS305)
    assert bericht is not None and bericht.header.bericht_versie == 3


def test_generated_readers_match_the_models():
    """The module of readers generated at build time is what the models give now; when this
    fails, run ``python -m iwmo.berichten.genereer`` (a stale reader would read wrongly)."""
    pad = Path(lezer_module.__file__).with_name("_lezers.py")
    assert pad.read_text(encoding="utf-8") == lezer_module.module_bron()


def test_heenberichten_use_the_generated_readers_and_retours_are_compiled():
    from iwmo.berichten import _lezers, wmo301, wmo302

    ns301, ns302 = wmo301.Wmo301Bericht.BERICHT_NAMESPACE, wmo302.Wmo302Bericht.BERICHT_NAMESPACE
    assert lezer_module.lezer(wmo301.Wmo301Bericht, ns301) is _lezers._wmo301_wmo301_Wmo301Bericht
    assert lezer_module.lezer(wmo302.Wmo302Bericht, ns302).__module__ != _lezers.__name__
