"""Model fields whose values the database only sees encrypted (``sleutels``).

The Python side is unchanged (a ``CharField`` validates its length on the plain text, forms and
serializers see the same field), but the column is ``text`` holding ``kluis:`` plus the sealed
value in base64. An empty string stays empty (it reveals only that a field is empty, and keeps
the check constraints on "filled in" working). The values cannot be searched or compared in the
database: filter in Python after reading.
"""

from __future__ import annotations

import base64
import json

from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact

from . import sleutels

PREFIX = "kluis:"


def verzegel(tekst: str, context: str) -> str:
    return PREFIX + base64.b64encode(sleutels.versleutel(tekst.encode(), context)).decode()


def open_(waarde: str, context: str) -> str:
    """The plain text; a value without the prefix is plain text from before the vault."""
    if not waarde.startswith(PREFIX):
        return waarde
    return sleutels.ontsleutel(base64.b64decode(waarde[len(PREFIX) :]), context).decode()


class _AlleenLeeg(Exact):
    """``veld=""`` works (an empty value is stored empty); any other comparison would silently
    match nothing, so it is refused."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError(
                f"{self.lhs.output_field.kluis_context} is versleuteld: vergelijk in Python"
            )
        return super().get_prep_lookup()


class VerzegeldVeld:
    kluis_context = ""

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return _AlleenLeeg
        raise FieldError(f"{self.kluis_context} is versleuteld: zoeken kan niet in de database")

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.kluis_context = f"{cls._meta.label_lower}.{name}"

    def db_type(self, connection):
        return models.TextField().db_type(connection)

    def db_check(self, connection):
        return None  # no JSON_VALID check: the column holds ciphertext

    def rel_db_type(self, connection):
        return self.db_type(connection)

    def cast_db_type(self, connection):
        return self.db_type(connection)


class _VerzegeldeTekst(VerzegeldVeld):
    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if value is None or value == "" or not isinstance(value, str):
            return value
        return verzegel(value, self.kluis_context)

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return open_(value, self.kluis_context)


class VersleuteldeTekst(_VerzegeldeTekst, models.CharField):
    """A ``CharField`` stored encrypted."""


class VersleuteldEmailadres(_VerzegeldeTekst, models.EmailField):
    """An ``EmailField`` stored encrypted."""


class VersleuteldeLangeTekst(_VerzegeldeTekst, models.TextField):
    """A ``TextField`` stored encrypted."""


class VersleuteldeJSON(VerzegeldVeld, models.JSONField):
    """A ``JSONField`` stored encrypted (as text: no JSON lookups in the database)."""

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return verzegel(json.dumps(value, cls=self.encoder), self.kluis_context)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return json.loads(open_(value, self.kluis_context), cls=self.decoder)
