"""An optional extra check against the official XSDs, in a folder the user points to.

Layer 1 is our own and needs no XSD file. A user who has the official XSDs (``WMO301.xsd``...
and the basisschema) may add their verdict: ``validate(xml, officieel=OfficieleXsd(map_))``,
``python -m iwmo validate --xsd-dir MAP`` or, for the exchange, the setting
``WMOREGIE_IWMO_XSD_MAP``. Its findings have rule ``XSD-OFFICIEEL``; a folder without the XSD of
a message type gives a finding for every such message, so a wrong folder is never silent.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING

from lxml import etree

from ..safexml import naam_van
from .bevinding import Finding
from .laag1 import BERICHT_VAN_NAMESPACE

if TYPE_CHECKING:
    from pathlib import Path

REGEL = "XSD-OFFICIEEL"


class _HoofdletterOngevoelig(etree.Resolver):
    """Resolve ``schemaLocation`` in the XSD folder regardless of case (basisschema.xsd)."""

    def __init__(self, map_: Path) -> None:
        super().__init__()
        self.map = map_

    def resolve(self, url, pubid, context):
        from pathlib import Path

        naam = Path(url).name.lower()
        for kandidaat in self.map.iterdir():
            if kandidaat.name.lower() == naam:
                return self.resolve_filename(str(kandidaat), context)
        return None


class OfficieleXsd:
    """The official XSDs in ``map_``, each compiled at its first use (per thread: an lxml
    schema keeps its error log on the object)."""

    def __init__(self, map_: Path | str) -> None:
        from pathlib import Path  # here: the command line needs pathlib only with --xsd-dir

        self.map = Path(map_)
        self._lokaal = threading.local()

    def _schema(self, bericht: str) -> etree.XMLSchema | str:
        schemas = self._lokaal.__dict__.setdefault("schemas", {})
        if bericht not in schemas:
            schemas[bericht] = self._compileer(bericht)
        return schemas[bericht]

    def _compileer(self, bericht: str) -> etree.XMLSchema | str:
        try:
            kandidaten = [p for p in self.map.glob("*.xsd") if p.stem.lower() == bericht]
        except OSError as fout:
            return f"De map {self.map} kan niet worden gelezen: {fout.strerror or fout}."
        if not kandidaten:
            return f"Geen {bericht.upper()}.xsd gevonden in {self.map}."
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        parser.resolvers.add(_HoofdletterOngevoelig(self.map))
        try:
            return etree.XMLSchema(etree.parse(str(kandidaten[0]), parser))
        except (etree.LxmlError, OSError) as fout:
            return f"De XSD {kandidaten[0].name} is niet bruikbaar: {fout}"

    def controleer(self, root: etree._Element) -> list[Finding]:
        """The official XSD's findings for a message read by :func:`~..safexml.read_xml`
        (nothing for a message type without an official XSD, such as the retours)."""
        bericht = BERICHT_VAN_NAMESPACE.get(naam_van(root).namespace)
        if bericht is None:
            return []
        schema = self._schema(bericht)
        if isinstance(schema, str):
            return [Finding(REGEL, "/Bericht", schema)]
        if schema.validate(root):
            return []
        return [
            Finding(REGEL, fout.path or "/Bericht", f"Officiële XSD: {fout.message}")
            for fout in schema.error_log
        ]


@cache
def officiele_xsd(map_: str) -> OfficieleXsd:
    """One :class:`OfficieleXsd` per folder for the process (the schemas are compiled once)."""
    return OfficieleXsd(map_)
