"""The journey "gebiedsteam refers → back office accepts and assigns a subcontractor →
subcontractor starts, records progress and outcome scores, and stops", in a real browser, by
keyboard (Tab/Enter, typing; a select is chosen as a keyboard user does), with axe-core on every
page of the way. Taakgericht lot, Amersfoort works in wmoregie: the start and stop go out as
WMO305/307 and their retours are on the trajectory at once."""

import re

import pytest

from wmoregie.clienten.constants import Antwoordstatus, TrajectStatus
from wmoregie.clienten.models import Aanmelding, Traject

from .conftest import inloggen

pytestmark = pytest.mark.browser


def _druk(page, rol, naam):
    """Focus a link or button by its accessible name and press Enter, as a keyboard user, and
    wait for the page it opens."""
    page.get_by_role(rol, name=naam).first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_referral_to_outcome_with_a_subcontractor(page, live_proefregio, axe_violations):
    wereld = live_proefregio.wereld
    gebruikers = wereld.gebruikers

    # 1. The area team refers a resident, from the home page tile.
    inloggen(page, gebruikers["gebiedsteam"])
    page.goto("/")
    _druk(page, "link", "Cliënt aanmelden")
    assert page.url.endswith("/clienten/aanmelden/")
    assert axe_violations(page) == []
    page.get_by_label("BSN").fill("9999.90.068")
    page.get_by_label("Voorletters").fill("MA")
    page.get_by_label("Achternaam").fill("Gerritsen")
    page.get_by_label("Geboortedatum").fill("1964-11-02")
    page.get_by_label("Straat").fill("Lieve Vrouwestraat")
    page.get_by_label("Huisnummer", exact=True).fill("8")
    page.get_by_label("Postcode").fill("3811 BR")
    page.get_by_label("Woonplaats").fill("Amersfoort")
    page.get_by_label("Gevraagd product").select_option(str(wereld.regulier.pk))
    page.get_by_label("Verwijsbron").select_option(str(wereld.bron.pk))
    page.get_by_label("Hulpvraag").fill("Structuur in de dag en hulp bij de administratie.")
    page.get_by_label("Hulpvraag").press("Tab")
    _druk(page, "button", "Aanmelden")
    page.wait_for_url(re.compile(r"/clienten/aanmeldingen/\d+/$"))
    assert "Gerritsen" in page.locator("h1").inner_text()
    assert axe_violations(page) == []
    aanmelding = Aanmelding.objects.get(client__achternaam="Gerritsen")
    assert aanmelding.overeenkomst == wereld.overeenkomst
    assert aanmelding.gebiedsteam == wereld.team_noord

    # 2. The back office finds it in its worklist, accepts and assigns Zorgkracht.
    inloggen(page, gebruikers["backoffice"])
    page.goto("/clienten/aanmeldingen/?status=aangemeld")
    _druk(page, "link", re.compile("Gerritsen"))
    page.wait_for_url(f"**/clienten/aanmeldingen/{aanmelding.pk}/")
    _druk(page, "link", "Accepteren")
    page.wait_for_url("**/accepteren/")
    assert axe_violations(page) == []
    _druk(page, "button", "Accepteren")
    page.wait_for_url(re.compile(r"/clienten/trajecten/\d+/$"))
    traject = Traject.objects.get(aanmelding=aanmelding)
    assert traject.status == TrajectStatus.WACHTEND
    _druk(page, "link", "Uitvoerder toewijzen")
    page.wait_for_url("**/uitvoerder/")
    assert axe_violations(page) == []
    radio = page.get_by_role("radio", name=re.compile("Zorgkracht"))
    radio.focus()
    page.keyboard.press("Space")
    assert radio.is_checked()
    _druk(page, "button", "Toewijzen")
    page.wait_for_url(f"**/clienten/trajecten/{traject.pk}/")
    assert "Zorgkracht" in page.get_by_role("region", name="Uitvoerder").inner_text()
    _druk(page, "link", "Ondersteuningsplan")
    page.wait_for_url("**/plan/")
    assert axe_violations(page) == []
    page.get_by_label("Intensiteit").fill("3")
    domeinen = list(wereld.instrument.domeinen.all())
    page.locator(f"#id_doel_{domeinen[0].pk}").fill("Rekeningen op tijd betalen")
    page.locator(f"#id_doel_{domeinen[1].pk}").fill("Elke dag een vaste structuur")
    _druk(page, "button", "Plan vaststellen")
    page.wait_for_url(f"**/clienten/trajecten/{traject.pk}/")
    assert axe_violations(page) == []

    # 3. The subcontractor starts, records progress, and closes with outcome and end scores.
    inloggen(page, gebruikers["onderaannemer"])
    page.goto("/clienten/trajecten/?status=wachtend")
    _druk(page, "link", re.compile("Gerritsen"))
    page.wait_for_url(f"**/clienten/trajecten/{traject.pk}/")
    _druk(page, "link", "Uitvoering: start, voortgang en afsluiting")
    page.wait_for_url("**/uitvoering/")
    assert axe_violations(page) == []
    _druk(page, "button", "Start vastleggen")  # the date is today, already filled in
    page.wait_for_url("**/uitvoering/")
    assert "De start is vastgelegd." in page.get_by_role("status").inner_text()
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.LOPEND
    scores = page.get_by_role("form", name="2. Voortgang: scores per levensdomein")
    scores.get_by_label(domeinen[0].naam).select_option("2")
    scores.get_by_label(domeinen[1].naam).select_option("3")
    _druk(page, "button", "Scores vastleggen")
    page.wait_for_url("**/uitvoering/")
    assert axe_violations(page) == []
    einde = page.get_by_role("form", name="3. Afsluiten")
    # Nothing typed twice: the end scores start from the last measurement.
    assert einde.get_by_label(domeinen[0].naam).input_value() == "2"
    einde.get_by_label(domeinen[0].naam).select_option("4")
    einde.get_by_label("Reden").select_option("19")  # volgens plan beëindigd
    einde.get_by_label("Resultaat: Rekeningen op tijd betalen").select_option("behaald")
    einde.get_by_label("Resultaat: Elke dag een vaste structuur").select_option("deels")
    _druk(page, "button", "Traject afsluiten")
    page.wait_for_url("**/clienten/")
    assert "Het traject is afgesloten." in page.get_by_role("status").inner_text()

    traject.refresh_from_db()
    assert traject.status == TrajectStatus.BEEINDIGD
    assert traject.inzetten.get().onderaannemer == wereld.onderaannemer
    rondes = list(traject.meetrondes.order_by("datum", "id"))
    assert [r.moment for r in rondes] == ["start", "eind"]
    eind = {s.levensdomein_id: s.waarde for s in rondes[-1].scores.all()}
    assert eind == {domeinen[0].pk: 4, domeinen[1].pk: 3}
    assert sorted(traject.plan.doelen.values_list("resultaat", flat=True)) == [
        "behaald",
        "deels",
    ]
    berichten = {b.berichttype: b.antwoordstatus for b in traject.berichten.all()}
    assert berichten == {"wmo305": Antwoordstatus.GOEDGEKEURD, "wmo307": Antwoordstatus.GOEDGEKEURD}
    # Ended, the trajectory is out of the subcontractor's scope.
    assert page.goto(f"/clienten/trajecten/{traject.pk}/").status == 404

    # 4. The back office reads the whole story on the trajectory's timeline.
    inloggen(page, gebruikers["backoffice"])
    page.goto(f"/clienten/trajecten/{traject.pk}/")
    tijdlijn = page.get_by_role("region", name="Tijdlijn").inner_text()
    for regel in (
        "Aangemeld",
        "Geaccepteerd",
        "Ondersteuning gestart",
        "Ondersteuning beëindigd",
        "WMO305",
        "WMO307",
    ):
        assert regel in tijdlijn, regel
    assert axe_violations(page) == []
