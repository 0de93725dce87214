"""The CBS page shows the region's totals and one chosen municipality (at national scale all
municipalities at once would be some 1,400 tables); a municipality opens on its own figures.
Its downloads give the tables the page shows; the full download keeps every municipality.
(tests/conftest.py: in 2026-1 Amersfoort has 2 clients, Soest 1, the region 3.)"""

import csv
import html as htmllib
import io
import re

import pytest

from wmoregie.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/monitoring/cbs/"


def _pagina(client, gebruiker, **params):
    client.force_login(gebruiker)
    return client.get(URL, params)


def _rijkoppen(html: str) -> list[str]:
    start = html.index("Cliënten met een maatwerkvoorziening")
    tabel = html[start : html.index("</table>", start)]
    return re.findall(r'<th scope="row">([^<]+)</th>', tabel)


def test_the_region_opens_on_its_totals_with_a_choice_of_municipality(client, cijfers):
    antwoord = _pagina(client, cijfers.gebruikers["contractmanager"], halfjaar="2026-1")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert _rijkoppen(html) == ["Regio (alle gemeenten)"]
    assert "Amersfoort: " not in html  # no municipality's breakdowns
    # a plain select in the GET form: keyboard-operable, labelled
    assert '<label for="id_gemeente">Gemeente</label>' in html
    assert '<option value="" selected>Alleen de regio</option>' in html
    assert '<option value="0307">Amersfoort</option>' in html
    assert '<option value="0342">Soest</option>' in html


def test_a_chosen_municipality_is_shown_with_the_region(client, cijfers):
    antwoord = _pagina(
        client, cijfers.gebruikers["contractmanager"], halfjaar="2026-1", gemeente="0342"
    )
    html = antwoord.content.decode()
    assert _rijkoppen(html) == ["Soest", "Regio (alle gemeenten)"]
    assert "Soest: " in html  # its breakdowns
    assert "Amersfoort: " not in html
    assert '<option value="0342" selected>Soest</option>' in html
    entry = AuditEntry.objects.filter(actie="monitoring.cijfers-bekeken").latest("pk")
    assert entry.gegevens == {"halfjaar": "2026-1", "gemeente": "0342"}


def test_a_municipality_opens_on_its_own_figures_and_may_not_choose_another(client, cijfers):
    gemeente = cijfers.gebruikers["gemeente"]  # Amersfoort
    html = _pagina(client, gemeente, halfjaar="2026-1").content.decode()
    assert _rijkoppen(html) == ["Amersfoort", "Regio (alle gemeenten)"]
    assert '<option value="0342">' not in html
    # its region totals only, when it asks
    html = _pagina(client, gemeente, halfjaar="2026-1", gemeente="").content.decode()
    assert _rijkoppen(html) == ["Regio (alle gemeenten)"]
    fout = _pagina(client, gemeente, halfjaar="2026-1", gemeente="0342")
    assert fout.status_code == 400
    assert "Selecteer een geldige keuze" in fout.content.decode()
    assert "Soest" not in fout.content.decode()


def test_the_page_downloads_give_the_tables_shown(client, cijfers):
    html = _pagina(
        client, cijfers.gebruikers["contractmanager"], halfjaar="2026-1", gemeente="0307"
    ).content.decode()
    links = [htmllib.unescape(h) for h in re.findall(r'href="(/monitoring/export/\?[^"]+)"', html)]
    overzicht = next(h for h in links if "tabel=cbs-overzicht&" in h and "formaat=csv" in h)
    rijen = list(
        csv.reader(io.StringIO(client.get(overzicht).content.decode("utf-8-sig")), delimiter=";")
    )
    assert [r[0] for r in rijen[1:]] == ["Amersfoort", "Regio (alle gemeenten)"]
    # a breakdown of the region: the same slug on a page with or without a municipality
    regio = next(h for h in links if "tabel=cbs-regio-0&" in h and "formaat=csv" in h)
    assert client.get(regio).status_code == 200
    alleen_regio = regio.replace("gemeente=0307", "gemeente=")
    assert client.get(alleen_regio).content == client.get(regio).content
    # the full download keeps every municipality
    alles = next(h for h in links if "alle gemeenten" not in h and "gemeente" not in h)
    assert client.get(alles).status_code == 200
    assert "van alle gemeenten als XLSX" in html
