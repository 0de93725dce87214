"""Fast path of layer 1: an XSD written from our own facts, compiled once by libxml2 (lxml).

The facts (:mod:`.xsdfeiten`, :mod:`.retourfeiten`) are turned back into one XML Schema per
message namespace plus one for the basisschema, in memory, at first use. A message that this
schema accepts has no layer-1 findings, so
:func:`.laag1.controleer_laag1` can answer "valid" at C speed; everything else still goes
through the Python walk of :mod:`.laag1`, which produces the Dutch findings with XPaths. The
Python walk stays the reference: the fast path can only confirm, never produce findings, and
the tests check that both agree on the mutation corpus. No file of the official XSDs is read.
"""

from __future__ import annotations

import threading

from lxml import etree

from ..safexml import naam_van

XS = "http://www.w3.org/2001/XMLSchema"
_BASIS_LOCATIE = "wmoregie-iwmo-basisschema.xsd"


_ATTRIBUUT = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def quoteattr(waarde: str) -> str:
    """``waarde`` as a quoted XML attribute value (what ``xml.sax.saxutils.quoteattr`` gives
    after parsing; that module pulls in ``urllib`` and ``http``, a tenth of the start-up)."""
    return f'"{waarde.translate(_ATTRIBUUT)}"'


def _type_naam(type_: str, complexe: dict) -> str:
    """``prefix:Naam/Sub`` -> the XSD QName of our generated type (``prefix:S_Naam_Sub``)."""
    prefix, lokaal = type_.split(":", 1)
    soort = "C" if type_ in complexe else "S"
    return f"{prefix}:{soort}_{lokaal.replace('/', '_')}"


DETERMINISTISCH = {
    # "no CR or LF, and something other than whitespace": the spaces and tabs before the first
    # other character, that character, then the rest
    r".*[^\s].*": r"[ \t]*[^\s].*",
    # "something other than whitespace" (the class [.\s] is a dot or whitespace; \S matches
    # a dot too, so the groups can cut any such text): whitespace, that character, the rest
    r"([.\s]*\S+[.\s]*)+": r"\s*\S(\s|\S)*",
}
"""Official patterns -> the same language as a deterministic expression. libxml2 runs a
non-deterministic pattern by trying and rolling back per character: these two, on most
strings of a message, were 8 % of validating a 301. ``test_snelxsd`` checks that both
forms accept the same texts."""


def _eenvoudig(naam: str, feiten: dict) -> str:
    lokaal = "S_" + naam.split(":", 1)[1].replace("/", "_")
    stappen = list(feiten["patronen"]) or [()]
    delen = []
    basis = f"xs:{feiten['basis']}"
    for i, stap in enumerate(stappen):
        laatste = i == len(stappen) - 1
        facetten = [
            f"<xs:pattern value={quoteattr(DETERMINISTISCH.get(bron, bron))}/>" for bron in stap
        ]
        if laatste:
            for facet in ("length", "minLength", "maxLength", "minInclusive", "maxInclusive"):
                if feiten.get(facet) is not None:
                    facetten.append(f'<xs:{facet} value="{feiten[facet]}"/>')
            for waarde in feiten.get("enumeratie") or ():
                facetten.append(f"<xs:enumeration value={quoteattr(waarde)}/>")
        type_naam = lokaal if laatste else f"{lokaal}__{i}"
        delen.append(
            f'<xs:simpleType name="{type_naam}"><xs:restriction base="{basis}">'
            + "".join(facetten)
            + "</xs:restriction></xs:simpleType>"
        )
        basis = f"{naam.split(':', 1)[0]}:{type_naam}"
    return "".join(delen)


def _element(naam: str, type_: str, complexe: dict, aantallen: str = "") -> str:
    """An element whose type is an anonymous derivation of our named type ``type_``.

    Anonymous, so that no ``xsi:type`` can name it: libxml2, like any XML Schema processor,
    accepts ``xsi:type`` naming the declared type itself, which the official XSD (which lacks
    our type names) would refuse. So every ``xsi:type`` fails here, as in the Python walk."""
    basis = _type_naam(type_, complexe)
    if type_ in complexe:
        anoniem = (
            "<xs:complexType><xs:complexContent>"
            f'<xs:extension base="{basis}"/></xs:complexContent></xs:complexType>'
        )
    else:
        anoniem = f'<xs:simpleType><xs:restriction base="{basis}"/></xs:simpleType>'
    return f'<xs:element name="{naam}"{aantallen}>{anoniem}</xs:element>'


def _complex(naam: str, deeltjes: tuple, complexe: dict) -> str:
    lokaal = "C_" + naam.split(":", 1)[1].replace("/", "_")
    elementen = "".join(
        _element(
            el, t, complexe, f' minOccurs="{mi}" maxOccurs="{"unbounded" if ma is None else ma}"'
        )
        for el, t, mi, ma in deeltjes
    )
    return (
        f'<xs:complexType name="{lokaal}"><xs:sequence>{elementen}</xs:sequence></xs:complexType>'
    )


def _schema(prefix: str, namespace: str, namespaces: dict, eenvoudige: dict, complexe: dict,
            root: str | None) -> bytes:  # fmt: skip
    decl = " ".join(f'xmlns:{p}="{ns}"' for p, ns in namespaces.items())
    imports = ""
    if prefix != "iwmo":
        imports = f'<xs:import namespace="{namespaces["iwmo"]}" schemaLocation="{_BASIS_LOCATIE}"/>'
    typen = [
        _eenvoudig(naam, feiten)
        for naam, feiten in eenvoudige.items()
        if naam.startswith(prefix + ":")
    ] + [
        _complex(naam, deeltjes, complexe)
        for naam, deeltjes in complexe.items()
        if naam.startswith(prefix + ":")
    ]
    element = _element("Bericht", root, complexe) if root else ""
    return (
        f'<xs:schema xmlns:xs="{XS}" {decl} targetNamespace="{namespace}" '
        'elementFormDefault="qualified" attributeFormDefault="unqualified">'
        + imports
        + element
        + "".join(typen)
        + "</xs:schema>"
    ).encode()


class _Basis(etree.Resolver):
    def __init__(self, tekst: bytes) -> None:
        super().__init__()
        self.tekst = tekst

    def resolve(self, url, pubid, context):
        if url and url.endswith(_BASIS_LOCATIE):
            return self.resolve_string(self.tekst, context)
        return None


_lokaal = threading.local()


def schemas() -> dict[str, etree.XMLSchema]:
    """Namespace -> compiled schema of every message layer 1 knows (once per thread: an lxml
    validator keeps its error log on the object, so threads do not share one)."""
    from .laag1 import BERICHTEN, NAMESPACES

    return {NAMESPACES[prefix]: schema(NAMESPACES[prefix]) for prefix in BERICHTEN}


def schema(namespace: str) -> etree.XMLSchema | None:
    """The compiled schema of the message with this namespace (``None``: no such message),
    compiled at its first use in this thread: a folder of 301s compiles one schema, not
    fourteen (~2 ms each at start-up)."""
    gecompileerd = _lokaal.__dict__.setdefault("schemas", {})
    if namespace not in gecompileerd:
        gecompileerd[namespace] = _compileer(namespace)
    return gecompileerd[namespace]


def _compileer(namespace: str) -> etree.XMLSchema | None:
    from .laag1 import (
        _PREFIX_VAN_NAMESPACE,
        BERICHTEN,
        COMPLEXE_TYPEN,
        EENVOUDIGE_TYPEN,
        NAMESPACES,
    )

    prefix = _PREFIX_VAN_NAMESPACE.get(namespace)
    if prefix is None:
        return None
    if not hasattr(_lokaal, "basis"):
        _lokaal.basis = _schema(
            "iwmo", NAMESPACES["iwmo"], NAMESPACES, EENVOUDIGE_TYPEN, COMPLEXE_TYPEN, None
        )
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Basis(_lokaal.basis))
    tekst = _schema(
        prefix, namespace, NAMESPACES, EENVOUDIGE_TYPEN, COMPLEXE_TYPEN, BERICHTEN[prefix]
    )
    doc = etree.fromstring(tekst, parser, base_url=f"memory:/{prefix}.xsd")
    return etree.XMLSchema(doc)


def zeker_geldig(root: etree._Element, namespace: str | None = None) -> bool:
    """True when the message certainly has no layer-1 finding (False: ask the Python walk).

    Attributes need no search of their own: our schema declares none, so libxml2 refuses
    every attribute except ``xsi:schemaLocation`` and ``xsi:noNamespaceSchemaLocation``,
    which the walk allows too (``xsi:type`` can name no type of ours, see :func:`_element`).
    ``namespace``: the root's, when the caller has it already."""
    gecompileerd = schema(naam_van(root).namespace if namespace is None else namespace)
    return gecompileerd is not None and bool(gecompileerd.validate(root))
