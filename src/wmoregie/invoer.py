"""Numbers and JSON that enter the system: read them, and check them against their declared range.

Every number that a person or another system sends is read here (Dutch notation accepted) and
checked against the range of the field it is meant for; ``NaN``, ``sNaN``, infinities and values
with more digits than the field holds are refused with a Dutch message and a stable code, so a
page shows the message, the API names field and code, and nothing is stored.

As a last line, :func:`bewaak_decimalen` runs before every ``save()`` of every model and refuses
a ``DecimalField`` value outside its declared ``max_digits``/``decimal_places``: a value the
database driver cannot read back (``1e308`` in a field of 14 digits) would make every page that
reads the row fail. See ``docs/security.md`` ("Invoer").
"""

import json
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Deepest nesting of arrays/objects accepted in a JSON document (the catalogue needs 3).
JSON_MAX_DIEPTE = 20

_GETAL = re.compile(r"^[+-]?(\d+)(\.\d+)?$")
_DUIZENDTALLEN = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")


def lees_getal(tekst: object) -> Decimal | None:
    """A number as a person types it: ``24.750.000,00``, ``24750000,00``, ``0,80`` or ``0.80``.

    Returns ``None`` for empty input. Refuses (``ValidationError``, code ``geen-getal``) anything
    else, including exponents, ``NaN``, ``sNaN`` and ``Infinity``. A dot followed by exactly
    three digits in a number without a comma is read the Dutch way, as a thousands separator
    (``1.000`` is a thousand); so is every dot in a number with a decimal comma.
    """
    if tekst is None:
        return None
    if isinstance(tekst, Decimal | int) and not isinstance(tekst, bool):
        getal = Decimal(tekst)
        if not getal.is_finite():
            raise ValidationError(_("Voer een getal in."), code="geen-getal")
        return getal
    waarde = str(tekst).strip().replace("\u00a0", "").replace(" ", "")
    if not waarde:
        return None
    if len(waarde) > 40:
        raise ValidationError(_("Voer een getal in."), code="geen-getal")
    if _DUIZENDTALLEN.match(waarde):
        waarde = waarde.replace(".", "")
    if "," in waarde:
        if "." in waarde:
            raise ValidationError(_("Voer een getal in."), code="geen-getal")
        waarde = waarde.replace(",", ".")
    if not _GETAL.match(waarde):
        raise ValidationError(_("Voer een getal in."), code="geen-getal")
    return Decimal(waarde)


def controleer_getal(
    waarde: Decimal | None,
    *,
    max_digits: int,
    decimal_places: int,
    min_value: Decimal | int | None = None,
    max_value: Decimal | int | None = None,
    label: str = "",
) -> Decimal | None:
    """Check a number against a declared range; return it, or raise a ``ValidationError`` with
    code ``geen-getal``, ``te-veel-cijfers``, ``te-veel-decimalen``, ``te-klein`` or ``te-groot``."""
    if waarde is None:
        return None
    voor = f"{label}: " if label else ""
    if not isinstance(waarde, Decimal) or not waarde.is_finite():
        raise ValidationError(_("%(voor)sVoer een getal in.") % {"voor": voor}, code="geen-getal")
    _teken, cijfers, exponent = waarde.as_tuple()
    decimalen = max(0, -exponent)
    heel = max(0, len(cijfers) + exponent)
    if heel > max_digits - decimal_places:
        raise ValidationError(
            _("%(voor)sHet getal is te groot: hoogstens %(n)s cijfers voor de komma.")
            % {"voor": voor, "n": max_digits - decimal_places},
            code="te-veel-cijfers",
        )
    overtollig = cijfers[len(cijfers) - (decimalen - decimal_places) :] if decimalen else ()
    if decimalen > decimal_places and any(overtollig):
        raise ValidationError(
            _("%(voor)sGeef hoogstens %(n)s cijfers achter de komma.")
            % {"voor": voor, "n": decimal_places},
            code="te-veel-decimalen",
        )
    if min_value is not None and waarde < min_value:
        raise ValidationError(
            _("%(voor)sHet getal moet minstens %(min)s zijn.")
            % {"voor": voor, "min": getal_nl(Decimal(min_value))},
            code="te-klein",
        )
    if max_value is not None and waarde > max_value:
        raise ValidationError(
            _("%(voor)sHet getal mag hoogstens %(max)s zijn.")
            % {"voor": voor, "max": getal_nl(Decimal(max_value))},
            code="te-groot",
        )
    return waarde


def controleer_modelveld(
    model: type[models.Model] | models.Model, veld: str, waarde: Decimal | None, **grenzen
) -> Decimal | None:
    """:func:`controleer_getal` against the declared range of a model's ``DecimalField``; the
    error is keyed by the field name, so a form or serializer puts it on the right field."""
    definitie = model._meta.get_field(veld)
    try:
        return controleer_getal(
            waarde,
            max_digits=definitie.max_digits,
            decimal_places=definitie.decimal_places,
            label=str(definitie.verbose_name).capitalize(),
            **grenzen,
        )
    except ValidationError as fout:
        raise ValidationError({veld: fout.error_list}) from None


def bewaak_decimalen(sender, instance, raw=False, **kwargs) -> None:
    """``pre_save`` guard of every model: no ``DecimalField`` value outside its declared range
    reaches the database (connected in ``accounts.apps``)."""
    fouten = {}
    for veld in instance._meta.concrete_fields:
        if not isinstance(veld, models.DecimalField):
            continue
        waarde = getattr(instance, veld.attname)
        if waarde is None:
            continue
        if isinstance(waarde, float):
            waarde = Decimal(repr(waarde))
        elif not isinstance(waarde, Decimal):
            try:
                waarde = Decimal(str(waarde))
            except InvalidOperation:
                fouten[veld.name] = ValidationError(_("Voer een getal in."), code="geen-getal")
                continue
        try:
            controleer_getal(waarde, max_digits=veld.max_digits, decimal_places=veld.decimal_places)
        except ValidationError as fout:
            # More decimals than declared are rounded by the database and read back fine;
            # what cannot be read back (non-finite, too many digits) is refused.
            if fout.code != "te-veel-decimalen":
                fouten[veld.name] = fout
    if fouten:
        raise ValidationError(fouten)


MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def datum_nl(dag) -> str:
    """A date in Dutch, the same on every machine whatever its locale: ``1 juli 2026``."""
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def getal_nl(getal: Decimal) -> str:
    """A number as given, in Dutch notation without trailing zeros: 10.00 -> '10', 0.80 -> '0,8'."""
    return format(getal.normalize(), "f").replace(".", ",")


class GetalVeld(forms.DecimalField):
    """A form field for numbers in Dutch notation, bounded by ``max_digits``.

    Accepts ``24.750.000,00`` as well as ``0.80``; shows values with a decimal comma;
    refuses ``NaN``, infinities and exponents (see :func:`lees_getal`)."""

    def __init__(self, *, max_digits: int, decimal_places: int, **kwargs):
        kwargs.setdefault("localize", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return lees_getal(value)
        except ValidationError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            return format(value, "f").replace(".", ",")
        return value


class JsonFout(ValueError):
    """A JSON document that cannot be read: ``code`` for machines, ``melding`` in Dutch."""

    def __init__(self, code: str, melding: str, regel: int = 0, kolom: int = 0):
        super().__init__(melding)
        self.code, self.melding, self.regel, self.kolom = code, melding, regel, kolom


def _weiger_constante(naam: str):
    raise JsonFout("json-geen-getal", f"{naam} is geen getal; alleen eindige getallen.")


def _diepte(tekst: str) -> int:
    """The deepest nesting of ``[``/``{`` outside strings, without recursion."""
    diepte = hoogste = 0
    in_tekst = escape = False
    for teken in tekst:
        if in_tekst:
            if escape:
                escape = False
            elif teken == "\\":
                escape = True
            elif teken == '"':
                in_tekst = False
        elif teken == '"':
            in_tekst = True
        elif teken in "[{":
            diepte += 1
            if diepte > hoogste:
                hoogste = diepte
                if hoogste > JSON_MAX_DIEPTE:
                    return hoogste
        elif teken in "]}":
            diepte -= 1
    return hoogste


def lees_json(tekst: str | bytes, *, max_diepte: int = JSON_MAX_DIEPTE):
    """``json.loads`` for documents from outside: numbers become ``Decimal`` (no float
    overflow to infinity), ``NaN``/``Infinity`` and nesting deeper than ``max_diepte`` are
    refused before parsing; every failure is a :class:`JsonFout`, never a ``RecursionError``,
    ``OverflowError`` or ``ValueError`` of the parser."""
    if isinstance(tekst, bytes):
        try:
            tekst = tekst.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonFout("geen-utf8", "Het bestand is geen UTF-8-tekst.") from None
    if _diepte(tekst) > max_diepte:
        raise JsonFout(
            "json-te-diep",
            f"De JSON is te diep genest (hoogstens {max_diepte} niveaus).",
        )
    try:
        return json.loads(tekst, parse_float=Decimal, parse_constant=_weiger_constante)
    except json.JSONDecodeError as exc:
        raise JsonFout(
            "json-syntax", f"Ongeldige JSON: {exc.msg}.", exc.lineno, exc.colno
        ) from None
    except (RecursionError, ValueError, OverflowError) as exc:
        if isinstance(exc, JsonFout):
            raise
        raise JsonFout(
            "json-ongeldig", "Ongeldige JSON: een getal of nesting valt buiten bereik."
        ) from None


def als_id(tekst: object) -> int | None:
    """``tekst`` as the id of an object (a query parameter, a form field): a whole number of
    at most 18 ASCII digits, else ``None``. ``str.isdigit`` alone also admits ``²`` and other
    scripts' digits, on which ``int`` fails or reads another number."""
    if isinstance(tekst, str) and tekst.isascii() and tekst.isdigit() and len(tekst) <= 18:
        return int(tekst)
    return None


def lees_id(tekst: object) -> int:
    """The id of an object named in a form (a hidden field, a choice): as :func:`als_id`, or
    ``Http404`` as for an unknown id. A lookup with any other text made the database layer
    fail with a server error."""
    from django.http import Http404

    if (getal := als_id(tekst)) is not None:
        return getal
    raise Http404("Onbekend nummer.")


def _sqlite_geheel_getal(getal: int) -> int | str:
    return getal if -(2**63) <= getal < 2**63 else str(getal)


def bewaak_sqlite_gehele_getallen() -> None:
    """SQLite (the embedded database) cannot bind an integer beyond 64 bits: a lookup with one
    (an id of thirty digits in a form or a filter, found by the fuzzing) failed with an
    OverflowError, a server error, where PostgreSQL simply finds nothing. Such a number is bound
    as text instead, which equals no stored integer; stored values never get that far (forms
    and ``bewaak_decimalen`` check ranges first)."""
    import sqlite3

    sqlite3.register_adapter(int, _sqlite_geheel_getal)
