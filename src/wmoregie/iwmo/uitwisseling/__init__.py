"""The iWmo exchange (Django): per gemeente a folder set ``inbox``/``outbox``/``archief``, an
idempotent ingest that survives ``kill -9``, and the layer-3 history on the database.

By concern:

* :mod:`.mappen`: the folders, atomic writes to the outbox, the archive (files only).
* :mod:`.historie`: :class:`DatabaseHistorie`, the layer-3 history on the tables ``Bericht``
  and ``Feit``.
* :mod:`.opslag`: storing a group of messages, findings and facts in few statements.
* :mod:`.verwerking`: :func:`ingest` of one inbox and :func:`verstuur` of an own message.
* :mod:`.verdeling`: :func:`ingest_alle`, the inboxes as tasks of the task engine, in batches
  per gemeente and aanbieder.
"""

from .historie import DatabaseHistorie, EenVanLookup
from .mappen import (
    MAPPEN,
    Mappen,
    archiveer_alle,
    mappen,
    schrijf_bestand,
    schrijf_naamloos,
    veilige_naam,
)
from .verdeling import (
    VAN_AANBIEDER,
    Verdeling,
    ingest_alle,
    ingest_batch,
    snelle_kop,
    verdeel,
)
from .verwerking import (
    NietVerzonden,
    Resultaat,
    afspraken_van,
    ingest,
    officiele_controle,
    variant_voor,
    verstuur,
    verwerk_bestand,
)

__all__ = [
    "MAPPEN",
    "VAN_AANBIEDER",
    "DatabaseHistorie",
    "EenVanLookup",
    "Mappen",
    "NietVerzonden",
    "Resultaat",
    "Verdeling",
    "afspraken_van",
    "archiveer_alle",
    "ingest",
    "ingest_alle",
    "ingest_batch",
    "mappen",
    "officiele_controle",
    "schrijf_bestand",
    "schrijf_naamloos",
    "snelle_kop",
    "variant_voor",
    "veilige_naam",
    "verdeel",
    "verstuur",
    "verwerk_bestand",
]
