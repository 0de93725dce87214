"""Exchange inside wmoregie, beside the folder exchange of :mod:`.uitwisseling`.

* :func:`ontvang`: the receiving side works in wmoregie (a municipality that issues its
  toewijzingen on our pages, or the provider's own administration). Its engine assesses the
  message at once — layers 1-3 against the database history, the variant of the message
  agreement — and stores it with the retour it made, as the ingest does for a file, but without
  files: both sides read the stored row.
* :func:`verstuur_extern`: the receiving side has its own system. The message is checked as its
  sender can (layers 1 and 2; layer 3 is the receiver's, on its own history), stored, and put in
  the outbox of that municipality's folders, where the hub picks it up. Its retour arrives later
  in the inbox and is stored by the ingest.

Nothing invalid is ever written to an outbox: a message that fails the sender's checks raises
:class:`~.uitwisseling.NietVerzonden` with the findings, and nothing is stored.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .berichten import parse
from .models import Bericht, BerichtStatus, Bevinding
from .retour import beoordeel, lees_kop, retourcode
from .uitwisseling import (
    DatabaseHistorie,
    NietVerzonden,
    _schrijf_bestand,
    _veilig,
    mappen,
    officiele_controle,
    variant_voor,
)
from .validatie import Ernst, is_valid, validate
from .validatie.laag3 import registreer


def _sleutel(data: bytes) -> tuple[object, object, str]:
    kop = lees_kop(data)
    if kop is None:
        raise NietVerzonden([])
    cls, header = kop
    sleutel = (
        f"{header.afzender}/{header.bericht_code}/{header.bericht_identificatie.identificatie}"
    )
    return cls, header, sleutel[:100]


@transaction.atomic
def ontvang(
    gemeente: str, data: bytes, *, variant: str | None = None, vandaag: date | None = None
) -> Bericht:
    """Assess ``data`` as its receiver in wmoregie and store it with its retour (no files).

    ``variant`` is the uitvoeringsvariant of the message agreement (default: as the exchange
    finds it for the gemeente and aanbieder). Returns the stored message: ``status`` is
    geaccepteerd or afgekeurd, ``retour_xml`` the retour and ``retourcodes`` its codes.
    """
    cls, header, sleutel = _sleutel(data)
    richting_a_naar_g = cls.BERICHT in ("wmo305", "wmo307", "wmo315", "wmo317", "wmo323")
    aanbieder = header.afzender if richting_a_naar_g else header.ontvanger
    variant = variant or variant_voor(gemeente, aanbieder)
    historie = DatabaseHistorie()
    bekend = Bericht.objects.filter(sleutel=sleutel, dubbel_van__isnull=True).first()
    historie.weet_bericht(
        cls.BERICHT,
        header.afzender,
        header.bericht_identificatie.identificatie,
        bekend=bekend is not None,
    )
    uitkomst = beoordeel(
        data, historie=historie, variant=variant, vandaag=vandaag, officieel=officiele_controle()
    )
    sha = hashlib.sha256(data).hexdigest()
    bericht = Bericht.objects.create(
        gemeente=gemeente,
        sleutel=sleutel,
        berichttype=cls.BERICHT,
        afzender=header.afzender[:20],
        ontvanger=header.ontvanger[:20],
        identificatie=header.bericht_identificatie.identificatie[:40],
        dagtekening=header.bericht_identificatie.dagtekening,
        bestandsnaam=f"{cls.BERICHT.upper()}_{_veilig(sleutel)}.xml",
        inhoud=data,
        inhoud_sha256=sha,
        status=BerichtStatus.GEACCEPTEERD if uitkomst.geldig else BerichtStatus.AFGEKEURD,
        variant=variant,
        dubbel_van=bekend,
        retour_xml=uitkomst.xml,
        retour_bestandsnaam=(
            f"{type(uitkomst.retour).BERICHT.upper()}_{_veilig(sleutel)}_{sha[:8]}.xml"
            if uitkomst.xml is not None
            else ""
        ),
        retourcodes=" ".join(uitkomst.retourcodes)[:400],
        retour_geschreven_op=timezone.now() if uitkomst.xml is not None else None,
    )
    historie.flush()
    Bevinding.objects.bulk_create(
        Bevinding(
            bericht=bericht,
            regel=f.rule[:20],
            xpath=f.xpath[:500],
            melding=f.message,
            ernst=str(f.severity),
            retourcode=retourcode(f) if f.severity is Ernst.FOUT else "",
        )
        for f in uitkomst.bevindingen
    )
    return bericht


def controleer_als_afzender(
    data: bytes,
    *,
    variant: str = "inspanningsgericht",
    historie: bool = False,
    vandaag: date | None = None,
):
    """The checks a sender can run before sending: layers 1 and 2, and with ``historie`` (a
    municipality about its own toewijzingen) also layer 3, which only reads the history.
    Raises NietVerzonden with the findings when the message is invalid."""
    bevindingen = validate(
        data,
        vandaag=vandaag,
        variant=variant,
        historie=DatabaseHistorie() if historie else None,
        officieel=officiele_controle(),
    )
    if not is_valid(bevindingen):
        raise NietVerzonden(bevindingen)
    return bevindingen


@transaction.atomic
def verstuur_extern(
    basis: Path | str,
    gemeente: str,
    data: bytes,
    *,
    variant: str = "inspanningsgericht",
    vandaag: date | None = None,
) -> Bericht:
    """Send a message to a receiver outside wmoregie: checked as its sender can (layers 1-2),
    stored as sent, its facts registered in the history (the sender knows what it sent: the
    retour and a later 301 refer to it), and written to the gemeente's outbox (atomically)."""
    controleer_als_afzender(data, variant=variant, vandaag=vandaag)
    cls, header, sleutel = _sleutel(data)
    historie = DatabaseHistorie()
    registreer(parse(data), historie)
    historie.flush()
    naam = f"{cls.BERICHT.upper()}_{_veilig(sleutel)}.xml"
    bericht = Bericht.objects.create(
        gemeente=gemeente,
        sleutel=sleutel,
        berichttype=cls.BERICHT,
        afzender=header.afzender[:20],
        ontvanger=header.ontvanger[:20],
        identificatie=header.bericht_identificatie.identificatie[:40],
        dagtekening=header.bericht_identificatie.dagtekening,
        bestandsnaam=naam,
        inhoud=data,
        inhoud_sha256=hashlib.sha256(data).hexdigest(),
        status=BerichtStatus.VERZONDEN,
        retour_xml=data,  # what goes to the outbox
        retour_bestandsnaam=naam,
        retour_geschreven_op=timezone.now(),
    )
    _schrijf_bestand(mappen(basis, gemeente).outbox, naam, data)
    return bericht
