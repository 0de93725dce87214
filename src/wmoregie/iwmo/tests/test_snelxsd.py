"""The layer-1 fast path (libxml2 on an XSD written from our facts) agrees with the Python walk.

The fast path may only say "certainly valid"; the Python walk (the reference) gives the
findings. On mutated official examples and mutated example retours both verdicts must agree.
"""

from __future__ import annotations

from lxml import etree

from wmoregie.iwmo.berichten import parse_element
from wmoregie.iwmo.errors import ParseError
from wmoregie.iwmo.safexml import read_xml
from wmoregie.iwmo.validatie import snelxsd
from wmoregie.iwmo.validatie.laag1 import controleer_laag1, controleer_laag1_python
from wmoregie.iwmo.voorbeelden import voorbeelden

from .mutaties import muteer

PER_BERICHT = 150


def _oordelen(xml: bytes) -> tuple[bool, bool, bool] | None:
    try:
        root = read_xml(xml)
    except Exception:
        return None
    return (
        snelxsd.zeker_geldig(root),
        not controleer_laag1_python(root),
        not controleer_laag1(root),
    )


def test_fast_path_agrees_with_the_python_walk_on_mutations(reference_dir):
    bronnen = {
        p.name: p.read_bytes() for p in sorted((reference_dir / "examples").glob("WMO3*.xml"))
    } | voorbeelden()
    totaal = geldig = 0
    verschillen = []
    for i, (naam, origineel) in enumerate(sorted(bronnen.items())):
        for seed in range(PER_BERICHT):
            try:
                xml, wat = muteer(origineel, seed=i * 100_000 + seed)
            except IndexError:  # a mutation that finds nothing to change in this message
                continue
            oordeel = _oordelen(xml)
            if oordeel is None:
                continue
            snel, python, gecombineerd = oordeel
            totaal += 1
            geldig += python
            if (snel and not python) or gecombineerd != python:
                verschillen.append(f"{naam} seed {seed} ({wat}): snel={snel} python={python}")
    print(f"fast path agreement {totaal - len(verschillen)}/{totaal} ({geldig} valid)")
    assert totaal >= 2000 and 0.05 * totaal < geldig < 0.7 * totaal
    assert not verschillen, "\n".join(verschillen[:20])


def _lees(root, **opties):
    try:
        return parse_element(root, **opties)
    except ParseError as fout:
        return ("ParseError", fout.code, fout.pad, str(fout))


def test_trusted_reading_equals_strict_reading_when_layer1_finds_nothing(reference_dir):
    bronnen = {
        p.name: p.read_bytes() for p in sorted((reference_dir / "examples").glob("WMO3*.xml"))
    } | voorbeelden()
    vergeleken = 0
    for i, (naam, origineel) in enumerate(sorted(bronnen.items())):
        for seed in range(PER_BERICHT):
            try:
                xml, wat = muteer(origineel, seed=i * 100_000 + seed)
                root = read_xml(xml)
            except (IndexError, ParseError):  # nothing to mutate here, or no readable XML
                continue
            if controleer_laag1_python(root):
                continue
            vergeleken += 1
            assert _lees(root, vertrouwd=True) == _lees(root), f"{naam} seed {seed} ({wat})"
    assert vergeleken > 200


def test_fast_path_accepts_valid_messages_and_never_attributes():
    for naam, xml in voorbeelden().items():
        root = etree.fromstring(xml)
        assert snelxsd.zeker_geldig(root), naam
        root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "x y")
        assert not snelxsd.zeker_geldig(root), naam  # the Python walk decides
        assert controleer_laag1(root) == [], naam
