"""Errors of the iWmo message library; every message is Dutch and fit for a user or a log."""

from __future__ import annotations


class IwmoError(Exception):
    """Base class: a stable machine ``code`` plus a Dutch ``message``."""

    code = "iwmo-fout"

    def __init__(self, message: str, *, code: str | None = None, pad: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.pad = pad

    def __str__(self) -> str:
        return self.message


class ParseError(IwmoError):
    """An incoming message cannot be read: not XML, unsafe, too large, or not shaped like the XSD.

    ``pad`` names the element (``Bericht/Client/Bsn``) when the problem is inside the message,
    ``regel`` the line number when the XML parser knows it.
    """

    code = "ongeldig-bericht"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        pad: str | None = None,
        regel: int | None = None,
    ) -> None:
        super().__init__(message, code=code, pad=pad)
        self.regel = regel


class BuildError(IwmoError):
    """A model cannot be written as a message: a required part is missing or has the wrong type."""

    code = "onvolledig-model"
