"""The dashboards through the pages, as each role: what each sees and what it may not."""

import pytest

from wmoregie.audit.models import AuditEntry

from .conftest import Q1

pytestmark = pytest.mark.django_db

ONDERDELEN = ["bereik", "wachten", "doorstroom", "uitkomsten", "geld", "berichten"]


def open_(client, gebruiker, url, data=None):
    client.force_login(gebruiker)
    return client.get(url, data or {})


def _rij(html: str, kop: str) -> str:
    """The text of the table row whose header cell is ``kop``."""
    start = html.index(f'<th scope="row">{kop}</th>')
    return html[start : html.index("</tr>", start)]


@pytest.mark.parametrize("onderdeel", ONDERDELEN)
@pytest.mark.parametrize(
    "rol",
    [
        "contractmanager",
        "inkoper",
        "beoordelaar",
        "gemeente",
        "gebiedsteam",
        "backoffice",
        "onderaannemer",
    ],
)
def test_every_dashboard_opens_for_every_figure_role(client, cijfers, onderdeel, rol):
    antwoord = open_(client, cijfers.gebruikers[rol], f"/monitoring/{onderdeel}/", Q1)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Vries" not in html  # no client names anywhere
    assert "999993021" not in html


@pytest.mark.parametrize("rol", ["inschrijver", "privacy"])
def test_roles_without_figures_are_refused(client, cijfers, rol):
    assert open_(client, cijfers.gebruikers[rol], "/monitoring/bereik/").status_code == 403
    assert open_(client, cijfers.gebruikers[rol], "/monitoring/cbs/").status_code == 403


def test_anonymous_goes_to_login(client, cijfers):
    assert client.get("/monitoring/bereik/").status_code == 302


def test_bereik_region_role_sees_every_municipality(client, cijfers):
    html = open_(
        client, cijfers.gebruikers["contractmanager"], "/monitoring/bereik/", Q1
    ).content.decode()
    # Amersfoort: 2 clients, 0.0 per 1,000 (2/160,000), inflow 2, outflow 1, in care on 31-3: 1
    assert [c for c in _rij(html, "Amersfoort").split("<td") if "getal" in c][:5] == [
        ' class="getal">2</td>',
        ' class="getal">0</td>',
        ' class="getal">2</td>',
        ' class="getal">1</td>',
        ' class="getal">1</td>',
    ]
    assert '<th scope="row">Soest</th>' in html
    assert "Regio (alle gemeenten)" not in html  # the region sees it all already


def test_bereik_municipality_sees_its_own_and_the_region_total(client, cijfers):
    html = open_(client, cijfers.gebruikers["gemeente"], "/monitoring/bereik/", Q1).content.decode()
    assert '<th scope="row">Amersfoort</th>' in html
    assert '<th scope="row">Soest</th>' not in html
    regio = _rij(html, "Regio (alle gemeenten)")
    assert '<td class="getal">3</td>' in regio  # 3 unique clients in the region


def test_municipality_may_not_filter_on_another(client, cijfers):
    antwoord = open_(
        client, cijfers.gebruikers["gemeente"], "/monitoring/bereik/", {**Q1, "gemeente": "0342"}
    )
    assert antwoord.status_code == 400
    assert "Soest" not in antwoord.content.decode().split("<h1>")[1].split("</form>")[1]


def test_subcontractor_sees_only_its_own_work(client, cijfers):
    html = open_(
        client, cijfers.gebruikers["onderaannemer"], "/monitoring/bereik/", Q1
    ).content.decode()
    assert '<th scope="row">Soest</th>' in html
    assert '<th scope="row">Amersfoort</th>' not in html
    assert '<th scope="row">Zorgkracht</th>' in html
    assert (
        "Budget en declaraties horen niet bij uw rol."
        in open_(
            client, cijfers.gebruikers["onderaannemer"], "/monitoring/geld/", Q1
        ).content.decode()
    )


def test_other_subcontractor_sees_nothing(client, cijfers):
    html = open_(
        client, cijfers.gebruikers["ander_onderaannemer"], "/monitoring/bereik/", Q1
    ).content.decode()
    assert '<th scope="row">Soest</th>' not in html
    assert "Geen gegevens in deze periode." in html


def test_wachten_refusals_and_share(client, cijfers):
    html = open_(
        client, cijfers.gebruikers["contractmanager"], "/monitoring/wachten/", Q1
    ).content.decode()
    # starts: 8 days (January), 27 and 35 days (February): all within 42
    assert '<td class="getal">100%</td>' in _rij(html, "2026-02")
    assert '<td class="getal">1</td>' in _rij(
        html, "Passende ondersteuning valt buiten de opdracht"
    )


def test_uitkomsten_score_change(client, cijfers):
    html = open_(
        client, cijfers.gebruikers["contractmanager"], "/monitoring/uitkomsten/", Q1
    ).content.decode()
    assert '<td class="getal">2</td>' in _rij(html, "Financiën")  # the change 2 → 4


def test_geld_budget_and_instalments(client, cijfers):
    html = open_(client, cijfers.gebruikers["gemeente"], "/monitoring/geld/", Q1).content.decode()
    rij = _rij(html, "Amersfoort")
    assert "€ 900.000,00" in rij and "€ 75.000,00" in rij
    assert '<th scope="row">Soest</th>' not in html


def test_bad_period_is_a_dutch_message(client, cijfers):
    antwoord = open_(
        client,
        cijfers.gebruikers["contractmanager"],
        "/monitoring/bereik/",
        {"van": "2026-03-01", "tot": "2026-01-01"},
    )
    assert antwoord.status_code == 400
    assert "De einddatum ligt voor de begindatum." in antwoord.content.decode()


def test_viewing_is_audit_logged(client, cijfers):
    open_(client, cijfers.gebruikers["gemeente"], "/monitoring/bereik/", Q1)
    entry = AuditEntry.objects.filter(actie="monitoring.cijfers-bekeken").latest("pk")
    assert entry.gebruiker == cijfers.gebruikers["gemeente"]
    assert entry.gegevens["van"] == "2026-01-01"


def test_navigation_entry_only_for_figure_roles(client, cijfers):
    assert (
        'href="/monitoring/"' in open_(client, cijfers.gebruikers["gemeente"], "/").content.decode()
    )
    assert (
        'href="/monitoring/"'
        not in open_(client, cijfers.gebruikers["inschrijver"], "/").content.decode()
    )
