"""Shared parts of the iWmo 3.2 retour messages (302, 306, 308, 316, 318, 320) and of 325.

The official XSDs of these messages are not in our reference set. Their structure follows our
reading of the standard (the per-schema overview of the iWmo 3.2 XSDs): a retour message is a
copy of the heenbericht whose *berichtklassen* each end with a required ``RetourCodes`` element,
behind a header that repeats the heenbericht's header and adds the retour's own identification.

Instead of writing every class twice, :func:`retourklasse` derives the retour class from the
model of the heenbericht: same fields, in the same order, plus ``retour_codes`` at the end.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from .basis import BerichtIdentificatie, Berichttype, XsdVersie, model
from .mapping import element, velden

__all__ = ["RetourHeader", "retourklasse"]


@model
class RetourHeader(Berichttype):
    """The header of a retour message (302/306/308/316/318/320).

    Everything up to ``xsd_versie`` is copied unchanged from the heenbericht (so ``afzender``
    and ``ontvanger`` keep the direction of the heenbericht); only ``bericht_code`` is the code
    of the retour message. ``retour_codes`` (WJ001) is empty when the whole message is approved.
    """

    bericht_code: str = element("BerichtCode")
    bericht_versie: int = element("BerichtVersie", default=3)
    bericht_subversie: int = element("BerichtSubversie", default=2)
    afzender: str = element("Afzender")
    ontvanger: str = element("Ontvanger")
    bericht_identificatie: BerichtIdentificatie = element("BerichtIdentificatie")
    xsd_versie: XsdVersie = element("XsdVersie", default_factory=XsdVersie)
    identificatie_retour: str = element("IdentificatieRetour")
    dagtekening_retour: date = element("DagtekeningRetour")
    xslt_versie: str | None = element("XsltVersie", optioneel=True)
    xsd_versie_retour: XsdVersie = element("XsdVersieRetour", default_factory=XsdVersie)
    retour_codes: list[str] = element("RetourCodes", lijst="RetourCode", optioneel=True)


def retourklasse(heen: type, module: str, vervang: dict[type, type] | None = None) -> type:
    """The retour version of berichtklasse ``heen``: its fields plus required ``RetourCodes``.

    ``vervang`` maps nested heen classes to their retour versions (``StartProduct`` inside
    ``Client``); other nested types (basisschema types) stay as they are.
    """
    vervang = vervang or {}
    per_attr = {veld.attr: veld for veld in velden(heen)}
    velden_nieuw: list[tuple[str, Any, Any]] = []
    for field in dataclasses.fields(heen):
        veld = per_attr[field.name]
        soort = vervang.get(veld.soort, veld.soort)
        if veld.lijst is not None:
            annotatie: Any = list[soort]
        elif veld.optioneel:
            annotatie = soort | None
        else:
            annotatie = soort
        if soort is not veld.soort:
            nieuw = element(veld.xml, lijst=veld.lijst, optioneel=veld.optioneel)
        else:
            nieuw = dataclasses.field(
                default=field.default,
                default_factory=field.default_factory,
                metadata=field.metadata,
            )
        velden_nieuw.append((field.name, annotatie, nieuw))
    velden_nieuw.append(("retour_codes", list[str], element("RetourCodes", lijst="RetourCode")))
    cls = dataclasses.make_dataclass(
        heen.__name__,
        velden_nieuw,
        bases=(Berichttype,),
        kw_only=True,
        namespace={"__doc__": f"{heen.__doc__ or heen.__name__}\n\nRetourversie met RetourCodes."},
    )
    cls.__module__ = module
    return cls
