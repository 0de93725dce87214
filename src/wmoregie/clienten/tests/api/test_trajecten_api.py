"""The trajectory API: assign, start and end, with waiting days and the messages' answers."""

from datetime import date

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten import services
from wmoregie.clienten.constants import TrajectStatus
from wmoregie.clienten.models import Inzet, Meetronde

from ..helpers import doelen, meld_aan

pytestmark = pytest.mark.django_db

URL = "/api/v1/clienten/trajecten/"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def traject(wereld):
    return services.accepteer(
        meld_aan(wereld, product=wereld.regulier), gebruiker=wereld.gebruikers["backoffice"]
    )


def test_the_back_office_assigns_a_subcontractor_who_starts_and_ends_with_outcome(
    client, wereld, traject
):
    backoffice = wereld.gebruikers["backoffice"]
    client.force_login(backoffice)
    antwoord = _post(
        client,
        f"{URL}{traject.pk}/toewijzen/",
        {"uitvoerder": str(wereld.onderaannemer.pk), "datum": "2026-03-10"},
    )
    assert antwoord.status_code == 200, antwoord.json()
    uitvoerder = antwoord.json()["uitvoerder"]
    assert uitvoerder["soort"] == "onderaannemer"
    assert uitvoerder["onderaannemer"] == wereld.onderaannemer.pk
    assert uitvoerder["naam"] == "Zorgkracht"
    services.stel_plan_vast(
        traject, gebruiker=backoffice, volume=3, eenheid="04", frequentie="2", doelen=doelen(wereld)
    )

    client.force_login(wereld.gebruikers["onderaannemer"])
    gestart = _post(client, f"{URL}{traject.pk}/starten/", {"datum": "2026-03-16"})
    assert gestart.status_code == 200, gestart.json()
    assert gestart.json()["status"] == TrajectStatus.LOPEND
    assert gestart.json()["startdatum"] == "2026-03-16"
    assert gestart.json()["wachtdagen"] == 14  # referred 2 March, started 16 March

    doel = traject.plan.doelen.get()
    domein = doel.levensdomein
    klaar = _post(
        client,
        f"{URL}{traject.pk}/beeindigen/",
        {
            "datum": "2026-03-31",
            "reden": "19",
            "resultaten": [{"doel": doel.pk, "resultaat": "behaald"}],
            "scores": [{"levensdomein": domein.code, "waarde": 4}],
        },
    )
    assert klaar.status_code == 200, klaar.json()
    assert klaar.json()["status"] == TrajectStatus.BEEINDIGD
    assert klaar.json()["einddatum"] == "2026-03-31"
    doel.refresh_from_db()
    assert doel.resultaat == "behaald"
    [ronde] = Meetronde.objects.filter(traject=traject)
    assert ronde.moment == "eind" and [s.waarde for s in ronde.scores.all()] == [4]
    # No longer assigned: the subcontractor no longer sees the trajectory.
    assert client.get(f"{URL}{traject.pk}/").status_code == 404


def test_the_back_office_assigns_its_own_team(client, wereld, traject):
    client.force_login(wereld.gebruikers["backoffice"])
    antwoord = _post(
        client, f"{URL}{traject.pk}/toewijzen/", {"uitvoerder": "eigen", "team": "Noord"}
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["uitvoerder"]["soort"] == "eigen"
    assert antwoord.json()["uitvoerder"]["team"] == "Noord"


@pytest.mark.parametrize(
    ("_case", "uitvoerder", "code"),
    [
        ("not a number", "iemand", "uitvoerder-onbekend"),
        ("someone else's subcontractor", "999999", "uitvoerder-onbekend"),
    ],
)
def test_an_unknown_executor_is_a_400_and_nothing_is_stored(
    client, wereld, traject, _case, uitvoerder, code
):
    client.force_login(wereld.gebruikers["backoffice"])
    antwoord = _post(client, f"{URL}{traject.pk}/toewijzen/", {"uitvoerder": uitvoerder})
    assert antwoord.status_code == 400
    assert antwoord.json()["uitvoerder"][0]["code"] == code
    assert not Inzet.objects.exists()


def test_a_subcontractor_without_subcontract_for_the_product_is_refused(client, wereld):
    """The register allows Zorgkracht only for `regulier`, not for `begeleiding`."""
    traject = services.accepteer(meld_aan(wereld), gebruiker=wereld.gebruikers["backoffice"])
    client.force_login(wereld.gebruikers["backoffice"])
    antwoord = _post(
        client, f"{URL}{traject.pk}/toewijzen/", {"uitvoerder": str(wereld.onderaannemer.pk)}
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["uitvoerder"][0]["code"] == "onderaannemer-niet-inzetbaar"
    assert not Inzet.objects.exists()


def test_starting_before_the_referral_is_a_400(client, wereld, traject):
    client.force_login(wereld.gebruikers["backoffice"])
    _post(client, f"{URL}{traject.pk}/toewijzen/", {"uitvoerder": "eigen"})
    antwoord = _post(client, f"{URL}{traject.pk}/starten/", {"datum": "2026-01-01"})
    assert antwoord.status_code == 400
    assert antwoord.json()
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.WACHTEND and traject.startdatum is None


def test_ending_with_an_unknown_reason_or_domain_is_a_400(client, wereld, traject):
    client.force_login(wereld.gebruikers["backoffice"])
    url = f"{URL}{traject.pk}/beeindigen/"
    assert (
        _post(client, url, {"datum": "2026-03-31", "reden": "99"}).json()["reden"][0]["code"]
        == "invalid_choice"
    )
    services.stel_plan_vast(
        traject,
        gebruiker=wereld.gebruikers["backoffice"],
        volume=3,
        eenheid="04",
        frequentie="2",
        doelen=doelen(wereld),
    )
    antwoord = _post(
        client,
        url,
        {"datum": "2026-03-31", "reden": "19", "scores": [{"levensdomein": "maan", "waarde": 3}]},
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["scores"][0]["code"] == "levensdomein-onbekend"
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.WACHTEND


def test_the_subcontractor_may_not_assign(client, wereld, traject):
    services.wijs_uitvoerder_toe(
        traject, gebruiker=wereld.gebruikers["backoffice"], onderaannemer=wereld.onderaannemer
    )
    client.force_login(wereld.gebruikers["onderaannemer"])
    assert client.get(f"{URL}{traject.pk}/").status_code == 200
    assert (
        _post(client, f"{URL}{traject.pk}/toewijzen/", {"uitvoerder": "eigen"}).status_code == 403
    )


def test_the_detail_lists_messages_with_their_answer(client, wereld):
    """A per-client lot: the WMO315 request and the municipality's answer are on the trajectory."""
    traject = services.accepteer(
        meld_aan(wereld, product=wereld.respijt), gebruiker=wereld.gebruikers["logeerhuis"]
    )
    client.force_login(wereld.gebruikers["logeerhuis"])
    data = client.get(f"{URL}{traject.pk}/").json()
    [bericht] = data["berichten"]
    assert bericht["berichttype"] == "wmo315"
    assert bericht["antwoordstatus"] == traject.berichten.get().antwoordstatus
    assert bericht["antwoord"]
    assert data["wachtdagen"] == (date(2026, 4, 1) - date(2026, 3, 2)).days
    assert (
        AuditEntry.objects.filter(actie="traject.bekeken", betreft_client=traject.client_id).count()
        == 1
    )


def test_the_list_filters_on_status(client, wereld, traject):
    client.force_login(wereld.gebruikers["backoffice"])
    assert [t["id"] for t in client.get(URL).json()["results"]] == [traject.pk]
    assert client.get(URL, {"status": "lopend"}).json()["results"] == []


def test_a_wrong_start_date_is_corrected_by_the_executor_and_not_by_another_party(
    client, wereld, traject
):
    services.wijs_uitvoerder_toe(
        traject, gebruiker=wereld.gebruikers["backoffice"], onderaannemer=wereld.onderaannemer
    )
    services.start(traject, gebruiker=wereld.gebruikers["onderaannemer"], datum=date(2026, 3, 20))
    url = f"{URL}{traject.pk}/startdatum-corrigeren/"
    client.force_login(wereld.gebruikers["ander_onderaannemer"])
    assert _post(client, url, {"datum": "2026-03-18", "toelichting": "x"}).status_code == 404
    client.force_login(wereld.gebruikers["gemeente"])
    assert _post(client, url, {"datum": "2026-03-18", "toelichting": "x"}).status_code == 403

    client.force_login(wereld.gebruikers["onderaannemer"])
    fout = _post(client, url, {"datum": "2026-05-01", "toelichting": "Te vroeg ingevoerd."})
    assert fout.status_code == 400
    assert fout.json()["datum"][0]["code"] == "datum-in-toekomst"
    antwoord = _post(client, url, {"datum": "2026-03-18", "toelichting": "Eerste gesprek 18/3."})
    assert antwoord.status_code == 200, antwoord.json()
    traject.refresh_from_db()
    assert traject.startdatum == date(2026, 3, 18)
    starts = [b.antwoordstatus for b in traject.berichten.filter(berichttype="wmo305")]
    assert starts == ["goedgekeurd"] * 3  # start, its withdrawal, the start on the right day
