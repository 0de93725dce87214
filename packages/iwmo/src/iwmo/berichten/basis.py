"""Parts shared by all iWmo 3.2 messages: namespaces, the header and the basisschema types.

Classes named after a basisschema complex type (``CDT_Omvang`` -> :class:`Omvang`) put their child
elements in the basisschema namespace. :class:`Header` is declared again by every message schema,
so its children live in the namespace of the message it belongs to.

Codes stay ``str`` (``"01"`` is not ``1``), XSD integers are ``int``, dates ``datetime.date``
and times ``datetime.time``. The XSD has no decimals: amounts (``Bedrag``, ``ProductTarief``,
``TotaalBedrag``) are whole eurocents.
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import date
from typing import Any, ClassVar

from .mapping import element

BASIS_NAMESPACE = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
BERICHT_NAMESPACE_TEMPLATE = "http://www.istandaarden.nl/iwmo/3_2/{bericht}/schema"

BERICHTVERSIE = 3
BERICHTSUBVERSIE = 2
XSD_VERSIE = "1.0.0"


def model(cls: type) -> type:
    """``@dataclass(kw_only=True)``, with ``__init__``, ``__repr__`` and ``__eq__`` made at
    their first use.

    A dataclass writes and compiles these three methods for every class at import: ~10 ms of
    the command line's start-up for the ~100 models, while validating a message calls none of
    them (the compiled readers set the fields of a new instance). The methods are the ones
    ``dataclass`` makes, made then (see :class:`_Later`); fields, ``__dataclass_params__``,
    ``__match_args__``, ``__hash__`` and the docstring are as an eager dataclass has them.
    """
    if (
        not cls.__doc__  # the docstring made from the signature
        or any(naam in cls.__dict__ for naam in _LATER)
        or hasattr(cls, "__post_init__")  # the twin would not call it
        or "InitVar" in str(getattr(cls, "__annotations__", ""))
    ):
        return dataclasses.dataclass(kw_only=True)(cls)
    cls = dataclasses.dataclass(cls, kw_only=True, init=False, repr=False, eq=False)
    cls.__dataclass_params__ = _PARAMS  # type: ignore[attr-defined]
    if "__hash__" not in cls.__dict__:
        cls.__hash__ = None  # type: ignore[assignment]  # eq without frozen: not hashable
    for naam in _LATER:
        setattr(cls, naam, _Later(cls, naam))
    return cls


_LATER = ("__init__", "__repr__", "__eq__")
_PARAMS = dataclasses.dataclass(kw_only=True)(type("_Params", (), {})).__dataclass_params__
"""The parameters of ``@dataclass(kw_only=True)``, shared by every model (read-only)."""


class _Later:
    """A method of a model that ``dataclass`` makes at its first use, on a twin of the class
    with the same fields, and that then replaces this descriptor on the class."""

    def __init__(self, cls: type, naam: str) -> None:
        self.cls, self.naam = cls, naam

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        cls = self.cls
        if cls.__dict__.get(self.naam) is self:
            velden = dataclasses.fields(cls)
            twin_ns: dict[str, Any] = {
                "__module__": cls.__module__,
                "__qualname__": cls.__qualname__,
                "__annotations__": {veld.name: veld.type for veld in velden},
            }
            twin_ns |= {veld.name: copy.copy(veld) for veld in velden}
            twin = dataclasses.dataclass(kw_only=True)(type(cls.__name__, (), twin_ns))
            for naam in _LATER:
                if cls.__dict__.get(naam).__class__ is _Later:
                    setattr(cls, naam, twin.__dict__[naam])
        return cls.__dict__[self.naam].__get__(obj, owner)


class Basistype:
    """Mixin: child elements in the basisschema namespace."""

    NAMESPACE: ClassVar[str | None] = BASIS_NAMESPACE


class Berichttype:
    """Mixin: child elements in the namespace of the message (declared in the message XSD)."""

    NAMESPACE: ClassVar[str | None] = None


# --- header ----------------------------------------------------------------------------------


@model
class BerichtIdentificatie(Basistype):
    """CDT_BerichtIdentificatie: unique per message type and sender (TR056)."""

    identificatie: str = element("Identificatie")
    dagtekening: date = element("Dagtekening")


@model
class XsdVersie(Basistype):
    """CDT_XsdVersie: the XSD versions used to write the message."""

    basisschema_xsd_versie: str = element("BasisschemaXsdVersie", default=XSD_VERSIE)
    bericht_xsd_versie: str = element("BerichtXsdVersie", default=XSD_VERSIE)


@model
class Header(Berichttype):
    """The header of every iWmo 3.2 heenbericht.

    ``afzender``/``ontvanger`` are a 4-digit gemeentecode or an 8-digit AGB code, depending on the
    direction of the message.
    """

    bericht_code: str = element("BerichtCode")
    bericht_versie: int = element("BerichtVersie", default=BERICHTVERSIE)
    bericht_subversie: int = element("BerichtSubversie", default=BERICHTSUBVERSIE)
    afzender: str = element("Afzender")
    ontvanger: str = element("Ontvanger")
    bericht_identificatie: BerichtIdentificatie = element("BerichtIdentificatie")
    xsd_versie: XsdVersie = element("XsdVersie", default_factory=XsdVersie)


# --- persons ---------------------------------------------------------------------------------


@model
class Geboortedatum(Basistype):
    """CDT_Geboortedatum; ``datum_gebruik`` (COD170) says which parts of the date are known."""

    datum: date = element("Datum")
    datum_gebruik: str | None = element("DatumGebruik", optioneel=True)


@model
class Achternaam(Basistype):
    """CDT_Achternaam: a family name with its voorvoegsel (``de``, ``van``)."""

    achternaam: str = element("Achternaam")
    voorvoegsel: str | None = element("Voorvoegsel", optioneel=True)


@model
class VolledigeNaam(Basistype):
    """CDT_VolledigeNaam: full name with partner name and NaamGebruik (COD700)."""

    geslachtsnaam: Achternaam = element("Geslachtsnaam")
    partnernaam: Achternaam | None = element("Partnernaam", optioneel=True)
    voornamen: str | None = element("Voornamen", optioneel=True)
    voorletters: str | None = element("Voorletters", optioneel=True)
    naam_gebruik: str = element("NaamGebruik")


@model
class VerkorteNaam(Basistype):
    """CDT_VerkorteNaam: the short name used in messages from the aanbieder."""

    geslachtsnaam: Achternaam = element("Geslachtsnaam")
    voornamen: str | None = element("Voornamen", optioneel=True)
    voorletters: str | None = element("Voorletters", optioneel=True)


@model
class Communicatie(Basistype):
    """CDT_Communicatie: a special form of communication (COD747) and language."""

    vorm: str = element("Vorm")
    taal: str | None = element("Taal", optioneel=True)


@model
class Huis(Basistype):
    """CDT_Huis."""

    huisnummer: int = element("Huisnummer")
    huisletter: str | None = element("Huisletter", optioneel=True)
    huisnummer_toevoeging: str | None = element("HuisnummerToevoeging", optioneel=True)
    aanduiding_woonadres: str | None = element("AanduidingWoonadres", optioneel=True)


@model
class Adres(Basistype):
    """CDT_Adres; every part is optional in the XSD."""

    huis: Huis | None = element("Huis", optioneel=True)
    postcode: str | None = element("Postcode", optioneel=True)
    straatnaam: str | None = element("Straatnaam", optioneel=True)
    plaatsnaam: str | None = element("Plaatsnaam", optioneel=True)
    land_code: str | None = element("LandCode", optioneel=True)


@model
class Telefoon(Basistype):
    """CDT_Telefoon."""

    telefoonnummer: str = element("Telefoonnummer")
    landnummer: str = element("Landnummer")


@model
class Telefoonnummers(Basistype):
    """CDT_Telefoonnummers: one or two telephone numbers."""

    telefoon01: Telefoon = element("Telefoon01")
    telefoon02: Telefoon | None = element("Telefoon02", optioneel=True)


# --- periods, products, amounts ----------------------------------------------------------------


@model
class OpenPeriode(Basistype):
    """CDT_OpenPeriode: begin and/or end."""

    begindatum: date | None = element("Begindatum", optioneel=True)
    einddatum: date | None = element("Einddatum", optioneel=True)


@model
class GeslotenPeriode(Basistype):
    """CDT_GeslotenPeriode: begin and end are both required."""

    begindatum: date = element("Begindatum")
    einddatum: date = element("Einddatum")


@model
class Product(Basistype):
    """CDT_Product: productcategorie (WMO020) and the gemeente's own productcode."""

    categorie: str = element("Categorie")
    code: str | None = element("Code", optioneel=True)


@model
class Omvang(Basistype):
    """CDT_Omvang: Volume in Eenheid (WJ756) per Frequentie (WMO757)."""

    volume: int = element("Volume")
    eenheid: str = element("Eenheid")
    frequentie: str = element("Frequentie")


@model
class Verwijzer(Basistype):
    """CDT_Verwijzer: who referred the client (COD327), with name or AGB code."""

    type: str = element("Type")
    naam: str | None = element("Naam", optioneel=True)
    zorgverlener_code: str | None = element("ZorgverlenerCode", optioneel=True)


@model
class Referentie(Basistype):
    """CDT_Referentie: the aanbieder's reference to a claimed line, and the one it corrects."""

    referentie_nummer: str = element("ReferentieNummer")
    vorig_referentie_nummer: str | None = element("VorigReferentieNummer", optioneel=True)


@model
class BedragMetDC(Basistype):
    """CDT_BedragMetDC: an amount in eurocent with D(ebet) or C(redit)."""

    bedrag: int = element("Bedrag")
    debet_credit: str = element("DebetCredit")


@model
class TotaalBedragMetDC(Basistype):
    """CDT_TotaalBedragMetDC: a total in eurocent with D(ebet) or C(redit)."""

    totaal_bedrag: int = element("TotaalBedrag")
    debet_credit: str = element("DebetCredit")


def maak_header(
    berichttype: type,
    *,
    afzender: str,
    ontvanger: str,
    identificatie: str,
    dagtekening: date,
) -> Header:
    """A header for ``berichttype`` (e.g. ``Wmo301Bericht``) with the fixed 3.2 versions."""
    return Header(
        bericht_code=berichttype.BERICHTCODE,
        afzender=afzender,
        ontvanger=ontvanger,
        bericht_identificatie=BerichtIdentificatie(
            identificatie=identificatie, dagtekening=dagtekening
        ),
    )
