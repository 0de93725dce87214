"""File storage that writes files encrypted (``sleutels``) and reads them decrypted.

Used for the documents of a registration: the media folder then holds ciphertext only.
"""

from __future__ import annotations

import io
import os

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage

from . import sleutels


def op_schijf(pad: str, *, alleen_map: bool = False) -> None:
    """Sync a file and its folder entry to disk. A document's file is saved inside the
    transaction that stores its row: synced, it is on disk before that row commits, so a power
    cut after the commit cannot leave a row whose file is empty or missing (a kill -9 cannot
    either way: the page cache survives the process). Key rotation replaces a file through a
    synced temporary file for the same reason."""
    te_syncen = [os.path.dirname(pad)] if alleen_map else [pad, os.path.dirname(pad)]
    for doel in te_syncen:
        fd = os.open(doel, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class VerzegeldeOpslag(FileSystemStorage):
    def __init__(self, *args, context: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.context = context

    def _save(self, name, content):
        data = b"".join(content.chunks())
        naam = super()._save(name, ContentFile(sleutels.versleutel(data, self.context)))
        op_schijf(self.path(naam))
        return naam

    def lees_ruw(self, name) -> bytes:
        with super()._open(name, "rb") as bestand:
            return bestand.read()

    def schrijf_ruw(self, name, data: bytes) -> None:
        """Replace a stored file's bytes (key rotation, encrypting old plain files)."""
        pad = self.path(name)
        tijdelijk = f"{pad}.nieuw"
        with open(tijdelijk, "wb") as bestand:
            bestand.write(data)
            bestand.flush()
            os.fsync(bestand.fileno())
        os.replace(tijdelijk, pad)
        op_schijf(pad, alleen_map=True)

    def _open(self, name, mode="rb"):
        ruw = self.lees_ruw(name)
        data = sleutels.ontsleutel(ruw, self.context) if ruw.startswith(sleutels.MAGIC) else ruw
        return File(io.BytesIO(data), name=name)

    def size(self, name):
        return len(self._open(name).read())

    def url(self, name):  # never served directly: only through a view that checks access
        raise ValueError("verzegelde bestanden hebben geen openbare URL")

    def deconstruct(self):
        pad, args, kwargs = super().deconstruct()
        return pad, args, kwargs | {"context": self.context}


_DOCUMENTEN = VerzegeldeOpslag(context="aanbestedingen.document.bestand")


def documentopslag() -> VerzegeldeOpslag:
    """The storage of ``aanbestedingen.Document.bestand`` (a callable keeps it out of the
    migration's state)."""
    return _DOCUMENTEN
