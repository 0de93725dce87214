"""Agreement of our layer 1 with the official XSD on a corpus of mutated official examples.

The corpus: 200 seeded mutations of each of the 7 official examples (1,400 messages). Our
verdict (layer 1 has findings or not) must equal lxml's XMLSchema verdict on every message.
Run with ``-s`` to see the count.
"""

from __future__ import annotations

import time

from lxml import etree

from iwmo.validatie import validate_laag1

from .mutaties import muteer

BERICHTEN = ["wmo301", "wmo305", "wmo307", "wmo315", "wmo317", "wmo319", "wmo323"]
PER_BERICHT = 200


def _xsd_oordeel(schema: etree.XMLSchema, xml: bytes) -> bool:
    try:
        return schema.validate(etree.fromstring(xml))
    except etree.XMLSyntaxError:
        return False


def test_layer1_agrees_with_the_official_xsd_on_mutated_examples(reference_dir, xsd_schema):
    begin = time.perf_counter()
    totaal = overeen = ongeldig = 0
    verschillen = []
    for bericht in BERICHTEN:
        origineel = (reference_dir / f"examples/{bericht.upper()}.xml").read_bytes()
        schema = xsd_schema(bericht)
        for seed in range(PER_BERICHT):
            xml, wat = muteer(origineel, seed=BERICHTEN.index(bericht) * 100_000 + seed)
            officieel = _xsd_oordeel(schema, xml)
            bevindingen = validate_laag1(xml)
            ons = not bevindingen
            totaal += 1
            ongeldig += not officieel
            if ons == officieel:
                overeen += 1
            else:
                verschillen.append(
                    f"{bericht} seed {seed} ({wat}): XSD={officieel} ons={ons} {bevindingen[:2]}"
                )
    duur = time.perf_counter() - begin
    print(f"agreement {overeen}/{totaal} ({ongeldig} invalid per the XSD, {duur:.1f} s)")

    assert totaal >= 1000
    assert 0.3 * totaal < ongeldig < 0.95 * totaal, "the corpus should mix valid and invalid"
    assert overeen == totaal, f"agreement {overeen}/{totaal}:\n" + "\n".join(verschillen[:20])
