"""The client experience survey: who is invited, answering with the code from the letter, the
audit log, and the results with small cells suppressed (hand-computed)."""

from datetime import date

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten.constants import RedenBeeindiging
from wmoregie.monitoring.models import Antwoord, Uitnodiging
from wmoregie.monitoring.sturing import ervaring
from wmoregie.monitoring.sturing.constants import VRAGEN, Onderzoekstatus, Schaal

from .conftest import traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def onderzoek(wereld):
    return ervaring.maak_onderzoek(
        wereld.regio, jaar=2026, minimum_aantal=3, door=wereld.gebruikers["contractmanager"]
    )


def _alles(waarde, **anders):
    return {code: anders.get(code, waarde) for code, _t in VRAGEN}


def test_running_and_this_years_closed_trajectories_are_invited(wereld, onderzoek):
    lopend = traject(wereld, start=date(2026, 1, 10))
    gesloten = traject(
        wereld, start=date(2026, 1, 10), eind=date(2026, 3, 1), reden=RedenBeeindiging.VOLGENS_PLAN
    )
    traject(wereld)  # still waiting: no support to judge yet
    traject(
        wereld,
        aangemeld=date(2025, 3, 1),
        start=date(2025, 4, 1),
        eind=date(2025, 12, 1),
        reden=RedenBeeindiging.VOLGENS_PLAN,
    )

    aantal = ervaring.open_onderzoek(onderzoek, door=wereld.gebruikers["contractmanager"])

    onderzoek.refresh_from_db()
    assert aantal == 2 and onderzoek.status == Onderzoekstatus.OPEN
    uitgenodigd = {u.traject_id: u.afgesloten for u in onderzoek.uitnodigingen.all()}
    assert uitgenodigd == {lopend.pk: False, gesloten.pk: True}
    codes = list(onderzoek.uitnodigingen.values_list("code", flat=True))
    assert all(len(c) == 10 and not set(c) & set("01OI") for c in codes)


def test_a_client_answers_once_with_the_code_and_the_answers_are_audit_logged(
    client, wereld, onderzoek
):
    t = traject(wereld, start=date(2026, 1, 10))
    ervaring.open_onderzoek(onderzoek, door=wereld.gebruikers["contractmanager"])
    uitnodiging = Uitnodiging.objects.get(traject=t)

    fout = client.post("/monitoring/ervaring/invullen/", {"code": "ABCDEFGHJK"})
    assert fout.status_code == 400
    assert "Deze code kennen we niet" in fout.content.decode()

    code = f"{uitnodiging.code[:5].lower()} {uitnodiging.code[5:]}"  # as typed from the letter
    stap = client.post("/monitoring/ervaring/invullen/", {"code": code})
    assert (
        stap.status_code == 302 and stap["Location"] == "/monitoring/ervaring/invullen/vragenlijst/"
    )
    assert uitnodiging.code not in stap["Location"]

    onvolledig = client.post("/monitoring/ervaring/invullen/vragenlijst/", {"toegang-1": "5"})
    assert onvolledig.status_code == 400
    assert Antwoord.objects.count() == 0

    klaar = client.post(
        "/monitoring/ervaring/invullen/vragenlijst/", {**_alles("4"), "met_hulp": "ja"}
    )
    assert klaar.status_code == 200 and "Dank u wel" in klaar.content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingevuld_op is not None and uitnodiging.met_hulp is True
    assert Antwoord.objects.filter(uitnodiging=uitnodiging).count() == len(VRAGEN)
    entry = AuditEntry.objects.get(actie="ervaring.antwoorden-opgeslagen")
    assert entry.betreft_client == t.client_id

    opnieuw = client.post("/monitoring/ervaring/invullen/", {"code": uitnodiging.code})
    assert opnieuw.status_code == 400 and "al ingevuld" in opnieuw.content.decode()
    assert client.get("/monitoring/ervaring/invullen/vragenlijst/").status_code == 302


def test_a_closed_survey_takes_no_answers(client, wereld, onderzoek):
    traject(wereld, start=date(2026, 1, 10))
    ervaring.open_onderzoek(onderzoek, door=wereld.gebruikers["contractmanager"])
    uitnodiging = onderzoek.uitnodigingen.get()
    ervaring.sluit_onderzoek(onderzoek, door=wereld.gebruikers["contractmanager"])
    assert (
        client.post("/monitoring/ervaring/invullen/", {"code": uitnodiging.code}).status_code == 400
    )


def _beantwoord(wereld, onderzoek, gemeente, waarden):
    for waarde in waarden:
        t = traject(wereld, gemeente=gemeente, start=date(2026, 1, 10))
        uitnodiging = Uitnodiging.objects.create(
            onderzoek=onderzoek,
            traject=t,
            gemeente=gemeente,
            product=t.product,
            afgesloten=False,
            code=ervaring.nieuwe_code(),
        )
        if waarde is not None:
            ervaring.sla_antwoorden_op(uitnodiging, antwoorden=_alles(waarde), met_hulp=None)


@pytest.mark.parametrize(
    ("_case", "aantallen", "verborgen"),
    [
        ("nothing small", [20, 12, 8, 10, 10], set()),
        ("one municipality small: the next smallest hides too", [20, 12, 8, 10, 8, 2], {4, 5}),
        ("two small municipalities protect each other", [20, 12, 8, 16, 2, 2], {4, 5}),
        ("municipalities not all shown: no secondary", [20, 12, 8, 2], {3}),
        ("running small: closed hides too", [20, 18, 2, 20], {1, 2}),
        ("zero is not small", [20, 20, 0, 20, 0], set()),
    ],
)
def test_small_cells_and_the_cells_they_could_be_computed_from_are_hidden(
    _case, aantallen, verborgen
):
    assert ervaring.te_onderdrukken(aantallen, 3) == verborgen


def test_results_show_shares_and_suppress_small_cells(wereld, onderzoek):
    onderzoek.status = Onderzoekstatus.OPEN
    onderzoek.save()
    # Amersfoort: 5 answers (3 agree, 1 neutral, 1 do not know) and one not returned.
    _beantwoord(wereld, onderzoek, wereld.amersfoort, ["5", "4", "4", "3", "0", None])
    # Soest: 2 answers: below the minimum of 3.
    _beantwoord(wereld, onderzoek, wereld.soest, ["5", "1"])

    # Amersfoort's worker sees its own column and the region's: 3 of 4 = 75 %; total 4 of 6.
    eigen = ervaring.resultaten(onderzoek, gemeenten=[wereld.amersfoort])
    assert [k.titel for k in eigen.kolommen] == [
        "Totaal",
        "Lopende trajecten",
        "Afgesloten trajecten",
        "Amersfoort",
    ]
    rij = eigen.tabel()[0]
    assert [w["tekst"] for w in rij["waarden"]] == ["67 %", "67 %", "–", "75 %"]
    assert [w["n"] for w in rij["waarden"]] == ["6", "6", "0", "4"]

    # The region sees both: Soest is small, and Amersfoort = total − Soest, so both are hidden.
    uitslag = ervaring.resultaten(onderzoek, gemeenten=[wereld.amersfoort, wereld.soest])
    rij = uitslag.tabel()[0]
    assert [w["tekst"] for w in rij["waarden"]] == ["67 %", "67 %", "–", ".", "."]
    assert uitslag.respons() == [
        {"titel": "Totaal", "uitgenodigd": "8", "ingevuld": "7"},
        {"titel": "Lopende trajecten", "uitgenodigd": "8", "ingevuld": "7"},
        {"titel": "Afgesloten trajecten", "uitgenodigd": "0", "ingevuld": "0"},
        {"titel": "Amersfoort", "uitgenodigd": ".", "ingevuld": "."},
        {"titel": "Soest", "uitgenodigd": ".", "ingevuld": "."},
    ]


def test_the_client_experience_indicator_is_suppressed_below_the_minimum(wereld, onderzoek):
    from wmoregie.monitoring.sturing import indicatoren

    onderzoek.status = Onderzoekstatus.OPEN
    onderzoek.save()
    _beantwoord(wereld, onderzoek, wereld.amersfoort, ["5", "4", "2"])
    _beantwoord(wereld, onderzoek, wereld.soest, ["5", "0"])  # 1 counted

    uitkomst = indicatoren.clientervaring(
        indicatoren.Afbakening(wereld.regio.pk), 2026, date(2026, 12, 31)
    )

    assert uitkomst.totaal.waarde() == 75  # 3 of 4
    # Soest (1 answer) is small; Amersfoort (3) would give it away as total − Amersfoort.
    assert uitkomst.per_gemeente[wereld.soest.pk].waarde() is None
    assert uitkomst.per_gemeente[wereld.soest.pk].onderdrukt
    assert uitkomst.per_gemeente[wereld.amersfoort.pk].stap() == "te weinig antwoorden om te tonen"

    _beantwoord(wereld, onderzoek, wereld.soest, ["4", "4"])  # Soest 3 counted: both shown
    uitkomst = indicatoren.clientervaring(
        indicatoren.Afbakening(wereld.regio.pk), 2026, date(2026, 12, 31)
    )
    assert uitkomst.per_gemeente[wereld.amersfoort.pk].stap() == "2 van 3 = 66,7 %"
    assert uitkomst.per_gemeente[wereld.soest.pk].stap() == "3 van 3 = 100,0 %"
    assert Schaal.WEET_NIET == "0"


def test_the_exports_carry_the_same_suppressed_figures_as_the_page(client, wereld, onderzoek):
    import io

    from openpyxl import load_workbook

    onderzoek.status = Onderzoekstatus.OPEN
    onderzoek.save()
    _beantwoord(wereld, onderzoek, wereld.amersfoort, ["5", "4", "4", "3", "0", None])
    _beantwoord(wereld, onderzoek, wereld.soest, ["5", "1"])
    pad = f"/monitoring/ervaring/{onderzoek.pk}/export/"

    client.force_login(wereld.gebruikers["contractmanager"])
    antwoord = client.get(pad, {"formaat": "csv"})
    assert antwoord["Content-Disposition"] == 'attachment; filename="clientervaring-2026.csv"'
    regels = antwoord.content.decode("utf-8-sig").splitlines()
    assert regels[0].split(";")[-4:] == [
        "Amersfoort: mee eens",
        "Amersfoort: aantal",
        "Soest: mee eens",
        "Soest: aantal",
    ]
    assert regels[1].split(";")[1:] == ["67 %", "6", "67 %", "6", "–", "0", ".", ".", ".", "."]

    client.force_login(wereld.gebruikers["gemeente"])
    blad = load_workbook(io.BytesIO(client.get(pad, {"formaat": "xlsx"}).content)).active
    kop = [c.value for c in blad[1]]
    assert "Amersfoort: mee eens" in kop and not any("Soest" in k for k in kop)
    assert [c.value for c in blad[2]][-2:] == ["75 %", "4"]
    assert client.get(pad, {"formaat": "pdf"}).status_code == 404
