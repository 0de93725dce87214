"""The layer-1 fast path (libxml2 on an XSD written from our facts) agrees with the Python walk.

The fast path may only say "certainly valid"; the Python walk (the reference) gives the
findings. On mutated official examples and mutated example retours both verdicts must agree.
"""

from __future__ import annotations

from lxml import etree

from iwmo.berichten import parse_element
from iwmo.errors import ParseError
from iwmo.safexml import read_xml
from iwmo.validatie import snelxsd
from iwmo.validatie.laag1 import (
    BERICHTEN,
    COMPLEXE_TYPEN,
    controleer_laag1,
    controleer_laag1_python,
)
from iwmo.validatie.xsdregex import compileer
from iwmo.voorbeelden import voorbeelden

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


def test_fast_path_accepts_valid_messages_and_agrees_on_xsi_location_attributes():
    for naam, xml in voorbeelden().items():
        root = etree.fromstring(xml)
        assert snelxsd.zeker_geldig(root), naam
        root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "x y")
        assert snelxsd.zeker_geldig(root), naam  # allowed by the XSD and by the walk
        assert controleer_laag1_python(root) == [], naam


XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _met_xsi_attribuut(xml: bytes, namespace: str, attribuut: str) -> bytes:
    """``xml`` with ``x:<attribuut>`` on the root, ``x`` bound to ``namespace`` as written."""
    return xml.replace(
        b"<wmo305:Bericht ", f'<wmo305:Bericht xmlns:x="{namespace}" {attribuut} '.encode(), 1
    )


def test_fast_path_agrees_with_the_walk_on_every_kind_of_attribute():
    """libxml2, like any XML Schema processor, allows ``xsi:`` attributes, and ``xsi:type``
    naming the declared type itself; our generated types are anonymous, so that no
    ``xsi:type`` passes, as in the official XSD and the walk."""
    xml = voorbeelden()["WMO305.xml"]
    root_type = BERICHTEN["wmo305"]
    header_type = COMPLEXE_TYPEN[root_type][0][1]
    code_type = COMPLEXE_TYPEN[header_type][0][1]
    op_root = {
        f'x:type="{snelxsd._type_naam(root_type, COMPLEXE_TYPEN)}"': False,
        'x:nil="true"': False,
        'x:nil="false"': False,
        'x:onbekend="1"': False,
        'x:schemaLocation="urn:a b"': True,
        'x:noNamespaceSchemaLocation="a.xsd"': True,
        'xml:lang="nl"': False,
        'id="1"': False,
    }
    op_kind = {
        f'x:type="{snelxsd._type_naam(code_type, COMPLEXE_TYPEN)}"': False,
        'x:type="xs:string" xmlns:xs="http://www.w3.org/2001/XMLSchema"': False,
        'x:nil="false"': False,
    }
    gevallen = [(_met_xsi_attribuut(xml, XSI, a), a, geldig) for a, geldig in op_root.items()]
    for attribuut, geldig in op_kind.items():
        bron = _met_xsi_attribuut(xml, XSI, "").replace(
            b"<wmo305:BerichtCode>", f"<wmo305:BerichtCode {attribuut}>".encode()
        )
        gevallen.append((bron, attribuut, geldig))
    for bron, attribuut, geldig in gevallen:
        root = read_xml(bron)
        assert (not controleer_laag1_python(root)) is geldig, attribuut
        assert snelxsd.zeker_geldig(root) is geldig, attribuut


_TEKSTEN = [
    "",
    " ",
    "\t",
    "\n",
    "\r",
    " \t ",
    "a",
    " a",
    "a ",
    "\ta\t",
    "a b",
    ".",
    " . ",
    "..",
    "a\nb",
    "a\rb",
    "\na",
    "a\n",
    " \n ",
    "\u00a0",
    " \u00a0 ",
    "é",
    "  Kerkstraat 1  ",
    "a.b",
    ". a .",
    "\t\t.",
    "x" * 300,
]


def test_the_deterministic_patterns_accept_what_the_official_ones_accept():
    """:data:`snelxsd.DETERMINISTISCH` only changes how libxml2 runs a pattern, never which
    texts pass: the same verdict, by our translation to Python and by libxml2 itself."""
    for officieel, deterministisch in snelxsd.DETERMINISTISCH.items():
        schema = etree.XMLSchema(
            etree.fromstring(
                f'<xs:schema xmlns:xs="{snelxsd.XS}"><xs:element name="v"><xs:simpleType>'
                f'<xs:restriction base="xs:string"><xs:pattern value={snelxsd.quoteattr(deterministisch)}/>'
                "</xs:restriction></xs:simpleType></xs:element></xs:schema>"
            )
        )
        for tekst in _TEKSTEN:
            verwacht = compileer(officieel).fullmatch(tekst) is not None
            assert (compileer(deterministisch).fullmatch(tekst) is not None) == verwacht, (
                officieel,
                tekst,
            )
            el = etree.Element("v")
            el.text = tekst
            assert schema.validate(el) == verwacht, (deterministisch, tekst)
