"""A finding of the validator: rule code, XPath of the element, Dutch message and severity."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Ernst(StrEnum):
    """Severity. Only ``FOUT`` makes a message invalid; ``WAARSCHUWING`` is advice."""

    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a message.

    ``rule`` is, for layer 1 (what the XSD defines), the RS code of a broken restriction
    (``RS017``: at most 12 characters) or ``"XSD"`` for anything else, and the official rule
    code (``TR…``, ``CS…``, ``CD…``) for layers 2 and 3. ``xpath`` is the absolute path of the element by
    local names, with a position for repeated elements, e.g.
    ``/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Einddatum``.
    """

    rule: str
    xpath: str
    message: str
    severity: Ernst = Ernst.FOUT

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "xpath": self.xpath,
            "message": self.message,
            "severity": str(self.severity),
        }

    def __str__(self) -> str:
        ernst = "" if self.severity is Ernst.FOUT else f" ({self.severity})"
        return f"[{self.rule}]{ernst} {self.xpath}: {self.message}"


_NIVEAU1 = frozenset({"XML", "XSD", "XSD-OFFICIEEL"})


def is_niveau1(finding: Finding) -> bool:
    """True for an error of control level 1: the message is no readable XML or does not pass the
    XSD (``XML``, ``XSD``, ``XSD-OFFICIEEL`` or an RS code). Such a message gets no retour
    (IV028/IV032: "Er wordt geen retourbericht verzonden")."""
    return finding.severity is Ernst.FOUT and (
        finding.rule in _NIVEAU1 or finding.rule.startswith("RS")
    )
