"""The exchange and the system check use the official XSDs of the setting WMOREGIE_IWMO_XSD_MAP."""

from __future__ import annotations

from datetime import date

from django.core import checks

import pytest
from iwmo.berichten import build
from iwmo.tests import factories as f

from wmoregie.iwmo.checks import officiele_xsd_map
from wmoregie.iwmo.models import Bericht, BerichtStatus
from wmoregie.iwmo.uitwisseling import ingest, mappen

VANDAAG = date(2026, 1, 5)


@pytest.mark.django_db
def test_the_exchange_asks_the_folder_of_the_setting(tmp_path, settings, reference_dir):
    inbox = mappen(tmp_path, f.GEMEENTE).inbox
    goed = f.wmo315_bericht()
    fout = f.wmo315_bericht(referentie_aanbieder="VOT-2")
    fout.header.bericht_identificatie.identificatie = "A2"
    (inbox / "1-goed.xml").write_bytes(build(goed))
    (inbox / "2-fout.xml").write_bytes(
        build(fout).replace(b"<wmo315:Bsn>999900006", b"<wmo315:Bsn>9999000")
    )
    settings.WMOREGIE_IWMO_XSD_MAP = str(reference_dir / "xsd")

    ingest(tmp_path, f.GEMEENTE, vandaag=VANDAAG)

    uitkomst = {b.bestandsnaam: b for b in Bericht.objects.all()}
    assert uitkomst["1-goed.xml"].status == BerichtStatus.GEACCEPTEERD
    geweigerd = uitkomst["2-fout.xml"]
    assert geweigerd.status == BerichtStatus.GEWEIGERD  # control level 1: no retour
    assert {b.regel for b in geweigerd.bevindingen.all()} == {"RS037", "XSD-OFFICIEEL"}


def test_the_system_check_names_a_wrong_folder(tmp_path, settings):
    settings.WMOREGIE_IWMO_XSD_MAP = ""
    assert officiele_xsd_map(None) == []

    settings.WMOREGIE_IWMO_XSD_MAP = str(tmp_path / "bestaat-niet")
    assert [m.id for m in officiele_xsd_map(None)] == ["iwmo.E001"]

    settings.WMOREGIE_IWMO_XSD_MAP = str(tmp_path)
    assert [m.id for m in officiele_xsd_map(None)] == ["iwmo.E002"]

    (tmp_path / "WMO301.xsd").write_text("<xs:schema/>")
    assert officiele_xsd_map(None) == []
    assert all(isinstance(m, checks.CheckMessage) for m in officiele_xsd_map(None))
