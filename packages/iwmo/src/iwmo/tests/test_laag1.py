"""Layer 1 on its own: our XSD facts, the regex translation, findings with XPaths; no crashes."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iwmo.berichten import BERICHTTYPEN, build
from iwmo.berichten.mapping import velden
from iwmo.validatie import validate, validate_laag1
from iwmo.validatie.laag1 import NAMESPACES, eenvoudig_type
from iwmo.validatie.xsdfeiten import BERICHTEN, COMPLEXE_TYPEN
from iwmo.validatie.xsdregex import XsdRegexError, vertaal

from . import factories as f


@pytest.mark.parametrize(
    ("patroon", "goed", "fout"),
    [
        (".*[^\\s].*", ["a", " a ", "\u00a0"], ["", " ", "\t", "a\nb", "a\rb"]),
        ("[0-9]{4}", ["0384"], ["384", "03845", "038a"]),
        ("([a-zA-ZÀ-ỳ])+", ["AB", "Ç"], ["A.B", "A B", ""]),
        ("[^:Z]*", ["2023-01-01"], ["2023-01-01Z", "12:00"]),
        (
            "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)",
            ["1.0.0", "10.2.33"],
            ["01.0.0", "1.0", "1x0x0"],
        ),
        ("a$", ["a$"], ["a"]),
    ],
)
def test_xsd_patterns_translate_with_xsd_meaning(patroon, goed, fout):
    import re

    regex = re.compile(vertaal(patroon))
    assert all(regex.fullmatch(w) for w in goed)
    assert not any(regex.fullmatch(w) for w in fout)


@pytest.mark.parametrize("patroon", ["\\p{L}+", "[a-z-[aeiou]]", "\\w", "[abc"])
def test_unsupported_xsd_regex_syntax_is_refused(patroon):
    with pytest.raises(XsdRegexError):
        vertaal(patroon)


def test_commentaar_pattern_is_fast_and_refuses_only_whitespace():
    commentaar = eenvoudig_type("iwmo:LDT_Commentaar")
    begin = time.perf_counter()
    assert commentaar.controleer(" \t\n" * 20_000) is not None
    assert commentaar.controleer("woord " * 20_000 + "\n") is None
    assert commentaar.controleer("") is not None
    assert time.perf_counter() - begin < 0.5


@pytest.mark.parametrize(
    ("type_", "waarde", "geldig"),
    [
        ("iwmo:LDT_Datum", "2024-02-29", True),
        ("iwmo:LDT_Datum", "2023-02-29", False),
        ("iwmo:LDT_Datum", " 2023-02-28\n", True),
        ("iwmo:LDT_Datum", "2023-02-28Z", False),
        ("iwmo:LDT_Tijd", "24:00:00", True),
        ("iwmo:LDT_Tijd", "12:00:00+01:00", False),
        ("iwmo:LDT_Nummer", " +12 ", True),
        ("iwmo:LDT_Nummer", "1000000000", False),
        ("iwmo:LDT_Nummer", "-1", False),
        ("wmo301:Header/BerichtVersie", "03", False),
        ("wmo301:Header/BerichtVersie", " 3", True),
        ("wmo323:Declaratie/DeclaratieNummer", "DN 1", False),
        ("iwmo:LDT_Eenheid", "05", False),
    ],
)
def test_simple_type_facets(type_, waarde, geldig):
    assert (eenvoudig_type(type_).controleer(waarde) is None) is geldig


def test_generated_xsd_facts_match_the_models():
    """The models (used by parse/build) and our XSD facts describe the same structure."""

    def vergelijk(type_naam: str, cls: type, pad: str) -> None:
        deeltjes = COMPLEXE_TYPEN[type_naam]
        model = velden(cls)
        assert [d[0] for d in deeltjes] == [v.xml for v in model], pad
        for (naam, sub, minimum, _), veld in zip(deeltjes, model, strict=True):
            assert minimum == (0 if veld.optioneel else 1), f"{pad}/{naam}"
            if veld.lijst is not None:
                (item,) = COMPLEXE_TYPEN[sub]
                assert item[0] == veld.lijst and item[2] == 1 and item[3] is None, f"{pad}/{naam}"
                sub = item[1]
            if sub in COMPLEXE_TYPEN:
                vergelijk(sub, veld.soort, f"{pad}/{naam}")

    for namespace, cls in BERICHTTYPEN.items():
        prefix = next(p for p, ns in NAMESPACES.items() if ns == namespace)
        vergelijk(BERICHTEN[prefix], cls, "/Bericht")


def test_findings_name_the_element_with_its_position():
    bericht = f.wmo301_bericht_volledig()
    bericht.client.toegewezen_producten[1].product.categorie = "99"
    bericht.client.relaties[0].naam.voorletters = "A.M."

    bevindingen = validate_laag1(bericht)

    assert [(b.rule, b.xpath) for b in bevindingen] == [
        ("XSD", "/Bericht/Client/Relaties/Relatie[1]/Naam/Voorletters"),
        ("XSD", "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Product/Categorie"),
    ]
    assert "codelijst" in bevindingen[1].message


def test_structure_findings_missing_and_unexpected_elements():
    xml = build(f.wmo305_bericht())
    zonder_geslacht = xml.replace(b"<wmo305:Geslacht>2</wmo305:Geslacht>", b"")
    met_extra = xml.replace(
        b"<wmo305:Geslacht>", b"<wmo305:Extra>1</wmo305:Extra><wmo305:Geslacht>"
    )

    assert [(b.xpath, "ontbreekt" in b.message) for b in validate_laag1(zonder_geslacht)] == [
        ("/Bericht/Client/Geslacht", True)
    ]
    assert [b.xpath for b in validate_laag1(met_extra)][-1] == "/Bericht/Client/Extra"


def test_layer2_still_runs_when_layer1_finds_a_wrong_value():
    bericht = f.wmo305_bericht()
    bericht.header.bericht_identificatie.dagtekening = date(2025, 4, 10)
    bericht.client.start_producten[0].status_aanlevering = "7"

    assert sorted(b.rule for b in validate(bericht, vandaag=date(2026, 1, 1))) == ["CS058", "XSD"]


def test_valid_for_the_xsd_but_not_for_our_model_is_reported():
    xml = build(f.wmo319_bericht()).replace(b"2025-03-10", b"12025-03-10")

    assert validate_laag1(xml) == []
    (bevinding,) = validate(xml, vandaag=date(2026, 1, 1))
    assert bevinding.rule == "XSD" and "Dagtekening" in bevinding.xpath


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_validate_never_raises_on_random_bytes(data):
    bevindingen = validate(data)
    assert bevindingen and bevindingen[0].rule in {"XML", "XSD"}


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0), st.binary(min_size=1, max_size=8))
def test_validate_never_raises_on_damaged_messages(positie, stuk):
    xml = build(f.wmo301_bericht_volledig())
    positie %= len(xml)
    bevindingen = validate(xml[:positie] + stuk + xml[positie + len(stuk) :])
    assert isinstance(bevindingen, list)
