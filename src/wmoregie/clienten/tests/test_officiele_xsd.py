"""Every message the client administration makes — and every retour its engine answers — is
valid by the official iWmo 3.2 XSD (the external oracle; the retours by the schema derived from
it, as the library's tests do). Skips with the reason when ../shared is absent."""

from datetime import date

import pytest
from freezegun import freeze_time
from iwmo.tests.retourxsd import afgeleid_schema, afgeleid_schema_325
from lxml import etree

from wmoregie.clienten import services
from wmoregie.clienten.services import berichten, declaraties
from wmoregie.iwmo.models import Bericht

from .helpers import clientgegevens, doelen, meld_aan, tot_lopend

pytestmark = pytest.mark.django_db

HEEN = ("wmo301", "wmo305", "wmo307", "wmo315", "wmo317", "wmo319", "wmo323")


@pytest.fixture
def xsd_map(shared_dir):
    pad = shared_dir / "reference/iwmo-3.2/xsd"
    if not pad.is_dir():
        pytest.skip(f"officiële iWmo-XSD's ontbreken: {pad}")
    return pad


def _alle_soorten(wereld):
    """Messages of every kind: taakgericht start/stop; per client 315 → 301, start, 317 → 301,
    stop and a claim; a refused request (319)."""
    backoffice, logeerhuis = wereld.gebruikers["backoffice"], wereld.gebruikers["logeerhuis"]
    gemeente = wereld.gebruikers["gemeente"]
    with freeze_time("2026-03-20 09:00:00"):
        traject = services.accepteer(meld_aan(wereld), gebruiker=backoffice)
        tot_lopend(wereld, traject)
        services.beeindig(traject, gebruiker=backoffice, datum=date(2026, 3, 19), reden="19")
    with freeze_time("2026-03-02 09:00:00"):
        respijt = services.accepteer(meld_aan(wereld, product=wereld.respijt), gebruiker=logeerhuis)
        afgewezen = services.accepteer(
            meld_aan(
                wereld,
                product=wereld.respijt,
                client=clientgegevens(wereld, bsn="999990019", achternaam="Bos"),
            ),
            gebruiker=logeerhuis,
        )
    with freeze_time("2026-03-03 09:00:00"):
        berichten.geef_toewijzing_af(
            respijt, gebruiker=gemeente, toekenning=berichten.gevraagde_toekenning(respijt)
        )
        berichten.wijs_verzoek_af(afgewezen, gebruiker=gemeente, reden="7")
    with freeze_time("2026-03-10 09:00:00"):
        services.wijs_uitvoerder_toe(respijt, gebruiker=logeerhuis)
        services.stel_plan_vast(
            respijt,
            gebruiker=logeerhuis,
            volume=4,
            eenheid="14",
            frequentie="4",
            doelen=doelen(wereld),
        )
        services.start(respijt, gebruiker=logeerhuis, datum=date(2026, 3, 4))
        services.wijzig(
            respijt,
            gebruiker=logeerhuis,
            datum=date(2026, 4, 1),
            volume=6,
            toelichting="Meer rust voor de mantelzorger.",
        )
        berichten.geef_toewijzing_af(
            respijt, gebruiker=gemeente, toekenning=berichten.gevraagde_toekenning(respijt)
        )
    with freeze_time("2026-04-02 09:00:00"):
        declaraties.dien_in(
            wereld.respijtovereenkomst,
            wereld.amersfoort,
            date(2026, 3, 1),
            declaraties.voorstel(wereld.respijtovereenkomst, wereld.amersfoort, date(2026, 3, 1)),
            gebruiker=logeerhuis,
        )
        services.beeindig(respijt, gebruiker=logeerhuis, datum=date(2026, 4, 1), reden="19")


def test_every_message_and_retour_is_valid_by_the_official_xsd(wereld, xsd_map):
    _alle_soorten(wereld)
    soorten = set()
    for bericht in Bericht.objects.exclude(berichttype=""):
        soort = bericht.berichttype
        if soort in HEEN:
            schema = etree.XMLSchema(etree.parse(str(xsd_map / f"{soort.upper()}.xsd")))
            assert schema.validate(etree.fromstring(bytes(bericht.inhoud))), (
                soort,
                schema.error_log,
            )
            soorten.add(soort)
        if bericht.retour_xml:
            retour = etree.fromstring(bytes(bericht.retour_xml))
            naam = etree.QName(retour).namespace.split("/")[-2]
            schema = (
                afgeleid_schema_325(xsd_map) if naam == "wmo325" else afgeleid_schema(xsd_map, naam)
            )
            assert schema.validate(retour), (naam, schema.error_log)
            soorten.add(naam)
    assert soorten >= set(HEEN) | {
        "wmo302",
        "wmo306",
        "wmo308",
        "wmo316",
        "wmo318",
        "wmo320",
        "wmo325",
    }
