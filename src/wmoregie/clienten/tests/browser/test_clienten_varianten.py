"""One new client per funding variant, clicked through in a real browser (axe on the pages of
the way), including a message the municipality refused and its correction sent again, both on
the trajectory's timeline.

* taakgericht, Soest (own system, exchange folders): start and stop go out as WMO305/307 without
  ToewijzingNummer; Soest's system refuses the 305 (its retour carries 9019), the back office sees
  it and sends it again, Soest approves, the first 305 counts as corrected.
* per client (respijt, Amersfoort in wmoregie): WMO315 on acceptance, the municipality issues
  the 301 on its page, start; then the claims: a month granted (WMO323 → 325), and the refused
  line of March (9307, starts before the toewijzing) corrected and granted.

What Soest's own system does (answer the folders) is outside wmoregie; the test plays it with the
iwmo library, as the demo does, and runs the ingest that a worker runs."""

import re
from datetime import date
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest
from iwmo.berichten import parse
from iwmo.retour import beoordeel, maak_retour
from iwmo.validatie import GeheugenHistorie

from wmoregie.clienten.constants import Antwoordstatus, PrestatieStatus, TrajectStatus
from wmoregie.clienten.models import Aanmelding, Declaratie, Traject

from .conftest import inloggen

pytestmark = pytest.mark.browser


def _druk(page, rol, naam):
    page.get_by_role(rol, name=naam).first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _meld_aan(page, wereld, *, bsn, achternaam, product, woonplaats, postcode):
    page.goto("/")
    _druk(page, "link", "Cliënt aanmelden")
    page.get_by_label("BSN").fill(bsn)
    page.get_by_label("Achternaam").fill(achternaam)
    page.get_by_label("Geboortedatum").fill("1958-04-30")
    page.get_by_label("Straat").fill("Hoofdstraat")
    page.get_by_label("Huisnummer", exact=True).fill("3")
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_label("Woonplaats").fill(woonplaats)
    page.get_by_label("Gevraagd product").select_option(str(product.pk))
    page.get_by_label("Verwijsbron").select_option(str(wereld.bron.pk))
    page.get_by_label("Hulpvraag").fill("Ontlasting van de mantelzorger.")
    _druk(page, "button", "Aanmelden")
    return Aanmelding.objects.get(client__achternaam=achternaam)


def _soest_antwoordt(xml: bytes, naam: str, *, weigert: bool) -> None:
    """Soest's own system answers our message in its inbox: a refusal (it wrongly asks a
    toewijzing for the taakgericht start: 9019) or an approval."""
    vandaag = date.today()
    if weigert:
        retour = beoordeel(
            xml, historie=GeheugenHistorie(), variant="inspanningsgericht", vandaag=vandaag
        ).xml
    else:
        retour = maak_retour(xml, vandaag=vandaag, variant="taakgericht")
    inbox = Path(settings.IWMO_UITWISSELMAP) / "0342" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / naam).write_bytes(retour)
    call_command(
        "iwmo_ingest",
        "--map",
        settings.IWMO_UITWISSELMAP,
        "--gemeente",
        "0342",
        "--datum",
        vandaag.isoformat(),
        stdout=StringIO(),
    )


def test_taakgericht_start_refused_by_the_municipality_and_sent_again(
    page, live_proefregio, axe_violations
):
    wereld = live_proefregio.wereld
    inloggen(page, wereld.gebruikers["gebiedsteam_soest"])
    aanmelding = _meld_aan(
        page, wereld, bsn="999990081", achternaam="Hazelaar", product=wereld.begeleiding,
        woonplaats="Soest", postcode="3761 AB",
    )  # fmt: skip

    inloggen(page, wereld.gebruikers["backoffice"])
    page.goto(f"/clienten/aanmeldingen/{aanmelding.pk}/accepteren/")
    _druk(page, "button", "Accepteren")
    traject = Traject.objects.get(aanmelding=aanmelding)
    _druk(page, "link", "Uitvoerder toewijzen")
    _druk(page, "button", "Toewijzen")  # own staff, from today
    _druk(page, "link", "Uitvoering: start, voortgang en afsluiting")
    _druk(page, "button", "Start vastleggen")
    start = traject.berichten.get(berichttype="wmo305")
    assert start.antwoordstatus == Antwoordstatus.WACHT  # in Soest's outbox
    assert parse(bytes(start.bericht.inhoud)).client.start_producten[0].toewijzing_nummer is None

    _soest_antwoordt(bytes(start.bericht.inhoud), "r1.xml", weigert=True)
    start.refresh_from_db()
    assert start.antwoordstatus == Antwoordstatus.AFGEKEURD
    assert "9019" in start.retourcodes.split()

    # The back office finds the refusal in its list and on the trajectory, and sends it again.
    page.goto("/clienten/berichten/")
    assert "Hazelaar" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.goto(f"/clienten/trajecten/{traject.pk}/")
    tijdlijn = page.get_by_role("region", name="Tijdlijn")
    assert re.search(r"Retour op WMO305 ontvangen: Afgekeurd: .+", tijdlijn.inner_text())
    assert axe_violations(page) == []
    _druk(page, "button", "Opnieuw versturen")
    assert "WMO305 is opnieuw verstuurd" in page.get_by_role("status").inner_text()
    start.refresh_from_db()
    nieuw = start.verbeterd_door
    assert nieuw is not None and nieuw.antwoordstatus == Antwoordstatus.WACHT

    _soest_antwoordt(bytes(nieuw.bericht.inhoud), "r2.xml", weigert=False)
    start.refresh_from_db()
    assert start.antwoordstatus == Antwoordstatus.GECORRIGEERD
    page.reload()
    tijdlijn = page.get_by_role("region", name="Tijdlijn").inner_text()
    assert "Retour op WMO305 ontvangen: Goedgekeurd" in tijdlijn
    assert "Retour op WMO305 ontvangen: Afgekeurd" in tijdlijn
    berichten = page.get_by_role("region", name="iWmo-berichten")
    assert "Afgekeurd, daarna gecorrigeerd" in berichten.inner_text()
    assert berichten.get_by_role("button", name="Opnieuw versturen").count() == 0
    assert axe_violations(page) == []

    # Stop: a WMO307, again without ToewijzingNummer.
    _druk(page, "link", "Uitvoering: start, voortgang en afsluiting")
    page.get_by_role("form", name="3. Afsluiten").get_by_label("Reden").select_option("19")
    _druk(page, "button", "Traject afsluiten")
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.BEEINDIGD
    stop = traject.berichten.get(berichttype="wmo307")
    assert parse(bytes(stop.bericht.inhoud)).client.stop_producten[0].toewijzing_nummer is None


def test_per_client_request_toewijzing_start_and_claims_with_a_correction(
    page, live_proefregio, axe_violations
):
    wereld = live_proefregio.wereld
    inloggen(page, wereld.gebruikers["gebiedsteam"])
    aanmelding = _meld_aan(
        page, wereld, bsn="999990093", achternaam="IJsselstein", product=wereld.respijt,
        woonplaats="Amersfoort", postcode="3811 AB",
    )  # fmt: skip

    # The respite provider accepts: that sends the WMO315.
    inloggen(page, wereld.gebruikers["logeerhuis"])
    page.goto(f"/clienten/aanmeldingen/{aanmelding.pk}/accepteren/")
    assert axe_violations(page) == []
    _druk(page, "button", "Accepteren")
    traject = Traject.objects.get(aanmelding=aanmelding)
    assert traject.status == TrajectStatus.AANGEVRAAGD
    assert traject.berichten.get(berichttype="wmo315").antwoordstatus == Antwoordstatus.GOEDGEKEURD

    # The municipality issues the toewijzing (WMO301) on its page.
    inloggen(page, wereld.gebruikers["gemeente"])
    page.goto("/clienten/verzoeken/")
    _druk(page, "link", re.compile("IJsselstein"))
    assert axe_violations(page) == []
    _druk(page, "button", "Toewijzen")
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.WACHTEND
    toewijzing = traject.toewijzingen.get()

    # The provider starts; the 305 carries the ToewijzingNummer.
    inloggen(page, wereld.gebruikers["logeerhuis"])
    page.goto(f"/clienten/trajecten/{traject.pk}/")
    _druk(page, "link", "Uitvoerder toewijzen")
    _druk(page, "button", "Toewijzen")
    _druk(page, "link", "Uitvoering: start, voortgang en afsluiting")
    _druk(page, "button", "Start vastleggen")
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.LOPEND
    start = traject.berichten.get(berichttype="wmo305")
    regel = parse(bytes(start.bericht.inhoud)).client.start_producten[0]
    assert regel.toewijzing_nummer == toewijzing.nummer

    # Claims (WMO323): April of the running stay is granted; March's refused line is corrected.
    respijt = live_proefregio.trajecten["respijt"]
    page.goto(f"/clienten/declaraties/nieuw/?gemeente={wereld.amersfoort.pk}&maand=2026-04")
    assert axe_violations(page) == []
    _druk(page, "button", "Declaratie indienen")
    april = Declaratie.objects.get(periode_van=date(2026, 4, 1))
    assert april.prestaties.get().status == PrestatieStatus.TOEGEKEND
    maart = live_proefregio.declaratie
    page.goto(f"/clienten/declaraties/{maart.pk}/")
    assert "begint niet binnen de looptijd van de toewijzing" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _druk(page, "button", "Gecorrigeerd opnieuw declareren")
    assert "De correctie is ingediend" in page.get_by_role("status").inner_text()
    correctie = Declaratie.objects.exclude(pk__in=[maart.pk, april.pk]).get()
    assert correctie.prestaties.get().status == PrestatieStatus.TOEGEKEND
    assert correctie.prestaties.get().periode_van == date(2026, 3, 9)
    page.goto(f"/clienten/trajecten/{respijt.pk}/")
    tijdlijn = page.get_by_role("region", name="Tijdlijn").inner_text()
    assert f"Declaratie {maart.nummer} afgewezen door de gemeente" in tijdlijn
    assert f"(declaratie {correctie.nummer})" in tijdlijn
    assert axe_violations(page) == []
