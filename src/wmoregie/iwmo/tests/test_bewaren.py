"""Retention: after the term the content (with BSNs) goes, the metadata for monitoring stays."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest
from iwmo.berichten import build
from iwmo.tests import factories

from wmoregie.audit.models import AuditEntry
from wmoregie.iwmo.models import Bericht, Bevinding
from wmoregie.iwmo.uitwisseling import ingest

from .test_uitwisseling import VANDAAG, G, in_inbox


def _bewaartermijn(*args: str) -> str:
    uit = StringIO()
    call_command("iwmo_bewaartermijn", *args, stdout=uit)
    return uit.getvalue()


@pytest.mark.django_db
def test_after_the_term_the_content_goes_and_the_metadata_stays(tmp_path):
    kapot = factories.wmo315_bericht()
    kapot.client.bsn = "999900007"  # CS002: the finding names the BSN
    in_inbox(tmp_path, "oud.xml", build(kapot))
    nieuw = factories.wmo315_bericht()
    nieuw.header.bericht_identificatie.identificatie = "A-nieuw"
    nieuw.client.aangevraagde_producten[0].referentie_aanbieder = "VOT-nieuw"
    in_inbox(tmp_path, "nieuw.xml", build(nieuw))
    ingest(tmp_path, G, vandaag=VANDAAG)
    Bericht.objects.filter(bestandsnaam="oud.xml").update(
        ontvangen_op=timezone.now() - timedelta(days=8 * 366)
    )

    proef = _bewaartermijn("--proef")

    oud = Bericht.objects.get(bestandsnaam="oud.xml")
    assert "1 bericht te verwijderen (proefdraai)" in proef and f"gemeente {G}, wmo315: 1" in proef
    assert bytes(oud.inhoud) and oud.inhoud_verwijderd_op is None

    echt = _bewaartermijn()

    oud.refresh_from_db()
    assert "1 bericht verwijderd" in echt
    assert bytes(oud.inhoud) == b"" and oud.retour_xml is None
    assert oud.inhoud_verwijderd_op is not None
    assert (oud.berichttype, oud.afzender, oud.status, oud.retourcodes) == (
        "wmo315", factories.AANBIEDER, "afgekeurd", "0001",
    )  # fmt: skip
    melding = Bevinding.objects.get(bericht=oud, regel="CS002").melding
    assert "999900007" not in melding and "*********" in melding
    jong = Bericht.objects.get(bestandsnaam="nieuw.xml")
    assert bytes(jong.inhoud) and jong.retour_xml is not None
    assert AuditEntry.objects.filter(actie="iwmo.inhoud_verwijderd").count() == 1
    assert "0 berichten verwijderd" in _bewaartermijn()  # nothing twice


@pytest.mark.django_db
def test_the_term_comes_from_the_setting_and_must_be_a_year_at_least(settings):
    settings.WMOREGIE_IWMO_BEWAARTERMIJN_JAREN = 10
    assert "0 berichten te verwijderen" in _bewaartermijn("--proef")
    with pytest.raises(Exception, match="minstens 1 jaar"):
        _bewaartermijn("--jaren", "0")
