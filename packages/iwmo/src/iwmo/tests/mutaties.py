"""Seeded, deterministic mutations of iWmo messages for the layer-1 agreement test.

Each mutation changes an lxml tree in place and returns a short description. Some mutations
keep the message valid (an optional element removed, a value replaced by another valid one);
the test does not know in advance: the official XSD decides.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable

from lxml import etree

from iwmo.validatie.xsdfeiten import EENVOUDIGE_TYPEN

BASIS_NS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"

WAARDEN = [
    "",
    " ",
    "\t",
    "x",
    "X" * 13,
    "A" * 201,
    "99",
    "ZZ",
    "0",
    "00",
    "-1",
    "+5",
    " 7 ",
    "1.5",
    "1e3",
    "abc",
    "12345678",
    "123456789",
    "1234567890",
    "999999999999",
    "9999999999999",
    "2023-02-30",
    "2023-02-28",
    "2024-02-29",
    "2023-13-01",
    "13-08-2023",
    "2023-8-13",
    "2023-08-13T00:00:00",
    "2023-08-13Z",
    "2023-08-13+01:00",
    " 2023-08-13",
    "12023-01-01",
    "0000-01-01",
    "-2023-01-01",
    "25:00:00",
    "12:00",
    "12:00:00Z",
    "12:00:00.5",
    "24:00:00",
    "a\nb",
    "a\rb",
    " voor",
    "na ",
    "é",
    "\u00a0",
    "van der",
    "A.B.",
    "ÀỳA",
    "1234AB",
    "3811 AB",
    "1.0.0",
    "1.0",
    "01.0.0",
    "414",
    "418",
    "3",
    "2",
    "03",
    "NL",
    "nl",
    "0384",
    "384",
]


def _elementen(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str)]


def _bladeren(root: etree._Element) -> list[etree._Element]:
    return [el for el in _elementen(root) if len(el) == 0]


def tekst_vervangen(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_bladeren(root))
    el.text = rng.choice(WAARDEN)
    return f"tekst {etree.QName(el).localname}={el.text!r}"


def tekst_grens(rng: random.Random, root: etree._Element) -> str:
    """A value right at or just over a length or range limit, or another code of a list."""
    el = rng.choice(_bladeren(root))
    feiten = rng.choice(list(EENVOUDIGE_TYPEN.values()))
    keuzes = []
    if "maxLength" in feiten:
        n = feiten["maxLength"]
        keuzes += ["7" * n, "7" * (n + 1), "a" * n, "a" * (n + 1)]
    if "maxInclusive" in feiten:
        n = feiten["maxInclusive"]
        keuzes += [str(n), str(n + 1)]
    if "enumeratie" in feiten:
        keuzes += list(feiten["enumeratie"])
    el.text = rng.choice(keuzes or ["7"])
    return f"grens {etree.QName(el).localname}={el.text!r}"


def tekst_verlengen(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_bladeren(root))
    el.text = (el.text or "") + rng.choice(["0", "A", " ", "00000000000000000000"])
    return f"langer {etree.QName(el).localname}"


def tekst_cijfer_letter(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_bladeren(root))
    tekst = el.text or ""
    if tekst:
        i = rng.randrange(len(tekst))
        tekst = tekst[:i] + rng.choice("O a-:Z") + tekst[i + 1 :]
    el.text = tekst
    return f"teken {etree.QName(el).localname}={tekst!r}"


def element_weg(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_elementen(root)[1:])
    el.getparent().remove(el)
    return f"weg {etree.QName(el).localname}"


def element_dubbel(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_elementen(root)[1:])
    el.addnext(copy.deepcopy(el))
    return f"dubbel {etree.QName(el).localname}"


def element_wisselen(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_elementen(root)[1:])
    volgende = el.getnext()
    if volgende is not None:
        volgende.addnext(el)
    return f"wissel {etree.QName(el).localname}"


def element_onbekend(rng: random.Random, root: etree._Element) -> str:
    ouder = rng.choice([el for el in _elementen(root) if len(el)])
    ns = rng.choice([etree.QName(ouder).namespace, BASIS_NS, "urn:anders"])
    nieuw = etree.Element(f"{{{ns}}}{rng.choice(['Extra', 'Bsn', 'Commentaar', 'Code'])}")
    nieuw.text = "1"
    ouder.insert(rng.randrange(len(ouder) + 1), nieuw)
    return f"extra in {etree.QName(ouder).localname}"


def element_hernoemen(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_elementen(root)[1:])
    qname = etree.QName(el)
    if rng.random() < 0.5:
        el.tag = f"{{{qname.namespace}}}{qname.localname.lower()}"
    else:
        ander = BASIS_NS if qname.namespace != BASIS_NS else root.nsmap[root.prefix]
        el.tag = f"{{{ander}}}{qname.localname}"
    return f"hernoemd {qname.localname}"


def element_verplaatsen(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_elementen(root)[2:])
    doel = rng.choice([x for x in _elementen(root) if len(x) and el not in x.iterancestors()])
    if doel is not el:
        doel.append(el)
    return f"verplaatst {etree.QName(el).localname}"


def attribuut(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_elementen(root))
    naam = rng.choice(
        [
            "id",
            "{http://www.w3.org/2001/XMLSchema-instance}nil",
            "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
            "{urn:anders}x",
        ]
    )
    el.set(naam, "urn:a b" if naam.endswith("schemaLocation") else "true")
    return f"attribuut {naam}"


def tekst_in_complex(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice([x for x in _elementen(root) if len(x)])
    if rng.random() < 0.5:
        el.text = rng.choice(["tekst", "   \n  "])
    else:
        el[-1].tail = "x"
    return f"tekst in {etree.QName(el).localname}"


def kind_in_blad(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_bladeren(root))
    etree.SubElement(el, el.tag).text = "1"
    return f"kind in {etree.QName(el).localname}"


def commentaar(rng: random.Random, root: etree._Element) -> str:
    el = rng.choice(_elementen(root))
    el.insert(0, etree.Comment("opmerking"))
    return "commentaar"


MUTATIES: list[Callable[[random.Random, etree._Element], str]] = [
    tekst_vervangen,
    tekst_vervangen,
    tekst_grens,
    tekst_grens,
    tekst_verlengen,
    tekst_cijfer_letter,
    element_weg,
    element_weg,
    element_dubbel,
    element_wisselen,
    element_onbekend,
    element_hernoemen,
    element_verplaatsen,
    attribuut,
    tekst_in_complex,
    kind_in_blad,
    commentaar,
]


def muteer(xml: bytes, seed: int) -> tuple[bytes, str]:
    """A deterministic mutation of ``xml`` (1 to 3 changes) and its description."""
    rng = random.Random(seed)
    root = etree.fromstring(xml)
    stappen = [rng.choice(MUTATIES)(rng, root) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), "; ".join(stappen)
