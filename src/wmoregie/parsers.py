"""The API's request parsers (``DEFAULT_PARSER_CLASSES``), in a module of their own: DRF reads
them while ``rest_framework.views`` loads, so they may not import it (``wmoregie.api`` does)."""

import json

from django.utils.translation import gettext as _

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JsonParser(parsers.JSONParser):
    """DRF's JSON parser with a Dutch message for a body that is no JSON (DRF's own is English
    and passes on Python's English reason)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError as fout:
            oorzaak = fout.__context__
            if isinstance(oorzaak, json.JSONDecodeError):
                melding = _(
                    "De inhoud is geen geldige JSON (regel %(regel)d, kolom %(kolom)d)."
                ) % {
                    "regel": oorzaak.lineno,
                    "kolom": oorzaak.colno,
                }
            else:
                melding = _("De inhoud is geen geldige JSON.")
            raise ParseError(melding) from None
