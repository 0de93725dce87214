"""The quarterly report: its numbers are the dashboards' numbers for the same filters (read
back from the PDF), who may ask for and open which report, and the quarter arithmetic."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from wmoregie.audit.models import AuditEntry
from wmoregie.monitoring.cijfers import lezen, tabellen
from wmoregie.monitoring.cijfers.feiten import Periode
from wmoregie.monitoring.cijfers.lezen import Filter
from wmoregie.monitoring.models import Kwartaalrapport, Rapportstatus
from wmoregie.monitoring.rapportage import kwartaal as kw
from wmoregie.monitoring.rapportage import services

Q1 = Periode(date(2026, 1, 1), date(2026, 3, 31))


def pdf_tekst(inhoud: bytes) -> str:
    lezer = PdfReader(io.BytesIO(inhoud))
    return " ".join(" ".join((pagina.extract_text() or "").split()) for pagina in lezer.pages)


def rijen_als_tekst(tabel: tabellen.Tabel) -> list[str]:
    return [
        " ".join(" ".join(tekst.split()) for tekst, _getal in rij).strip()
        for rij in [*tabel.weergave_rijen, *tabel.weergave_voet]
    ]


def dashboard_tabellen(gebruiker, periode: Periode, peildatum: date, halfjaar: str):
    """What the dashboard pages show this user for the period (no other filter), built by the
    pages' own functions: every part, and the CBS page for the half year."""
    scope = lezen.scope_van(gebruiker)
    namen = tabellen.gemeentenamen()
    delen = [
        tabellen.bouw_onderdeel(slug, scope, Filter(periode=periode), peildatum, namen)
        for slug in tabellen.DASHBOARDS
    ]
    codes = list(lezen.gemeenten_in_scope(scope).values_list("code", flat=True))
    delen.append(tabellen.onderdeel_cbs(scope, halfjaar, namen, codes))
    return [t for deel in delen for t in deel.tabellen]


def maak_rapport(gebruiker, kwartaal, gemeente):
    rapport = services.vraag_aan(
        scope=lezen.scope_van(gebruiker),
        kwartaal=kwartaal,
        gemeente=gemeente,
        gebruiker=gebruiker,
        wachtrij=False,
    )
    return services.maak(rapport.pk)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "_case, wie, gemeente",
    [("municipality", "gemeente", "0307"), ("region", "contractmanager", None)],
)
def test_report_numbers_equal_the_dashboards(cijfers, media, _case, wie, gemeente):
    gebruiker = cijfers.gebruikers[wie]
    rapport = maak_rapport(gebruiker, "2026-1", gemeente)
    assert rapport.status == Rapportstatus.KLAAR, rapport.fout
    inhoud = rapport.bestand.read()
    tekst = pdf_tekst(inhoud)
    catalogus = PdfReader(io.BytesIO(inhoud)).trailer["/Root"]
    assert catalogus["/Lang"] == "nl" and "/StructTreeRoot" in catalogus  # tagged, Dutch

    geteld = 0
    for tabel in dashboard_tabellen(gebruiker, Q1, rapport.peildatum, "2025-2"):
        assert tabel.titel in tekst, tabel.titel
        for rij in rijen_als_tekst(tabel):
            assert rij in tekst, (tabel.slug, rij)
            geteld += 1
    assert geteld > 30
    # hand-counted (tests/conftest.py): Amersfoort 2 clients, the region 3
    assert "Amersfoort 2 0 2 1 1" in tekst
    if gemeente:
        assert "Regio (alle gemeenten) 3 0 3 1 2" in tekst  # the region's totals beside it
        assert "Soest" not in tekst  # the municipality's report: no other municipality
    else:
        assert "Soest 1 0 1 0 1" in tekst
        assert "Totaal 3 0 3 1 2" in tekst


@pytest.mark.django_db
def test_report_cbs_figures_are_suppressed_as_on_the_cbs_page(cijfers, media):
    gebruiker = cijfers.gebruikers["gemeente"]
    rapport = maak_rapport(gebruiker, "2026-3", "0307")  # half year 2026-1
    tekst = pdf_tekst(rapport.bestand.read())
    scope = lezen.scope_van(gebruiker)
    cbs = tabellen.onderdeel_cbs(scope, "2026-1", tabellen.gemeentenamen(), ["0307"])
    overzicht = cbs.tabellen[0]
    # two clients in Amersfoort, three in the region: below the threshold of 5, so "."
    assert rijen_als_tekst(overzicht) == [
        "Amersfoort 160.000 . . .",
        "Regio (alle gemeenten) 207.000 . . .",
    ]
    for tabel in cbs.tabellen:
        for rij in rijen_als_tekst(tabel):
            assert rij in tekst, (tabel.slug, rij)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "_case, wie, gemeente, mag",
    [
        ("region role, municipality", "contractmanager", "0342", True),
        ("region role, region", "inkoper", None, True),
        ("municipality, own", "gemeente", "0307", True),
        ("municipality, other", "gemeente", "0342", False),
        ("municipality, region", "gemeente", None, False),
        ("area team, own municipality", "gebiedsteam", "0307", True),
        ("area team, other", "gebiedsteam", "0342", False),
        ("back office", "backoffice", "0307", False),
        ("subcontractor", "onderaannemer", None, False),
    ],
)
def test_who_may_ask_for_which_report(cijfers, _case, wie, gemeente, mag):
    scope = lezen.scope_van(cijfers.gebruikers[wie])
    assert services.mag_rapport(scope, gemeente) is mag
    if mag:
        rapport = services.vraag_aan(
            scope=scope, kwartaal="2026-1", gemeente=gemeente, wachtrij=False
        )
        assert rapport.status == Rapportstatus.WACHTRIJ
        assert AuditEntry.objects.filter(
            actie="monitoring.rapport-aangevraagd", object_id=str(rapport.pk)
        ).exists()
    else:
        with pytest.raises(services.ValidationError) as fout:
            services.vraag_aan(scope=scope, kwartaal="2026-1", gemeente=gemeente, wachtrij=False)
        assert fout.value.error_dict["gemeente"][0].code == "rapport-buiten-scope"
        assert not Kwartaalrapport.objects.exists()


@pytest.mark.django_db
def test_a_municipality_lists_only_its_own_reports(cijfers):
    regio = lezen.scope_van(cijfers.gebruikers["contractmanager"])
    for gemeente in ("0307", "0342", None):
        services.vraag_aan(scope=regio, kwartaal="2026-1", gemeente=gemeente, wachtrij=False)
    eigen = services.rapporten_voor(lezen.scope_van(cijfers.gebruikers["gemeente_soest"]))
    assert [r.gebied for r in eigen] == ["Soest"]
    assert services.rapporten_voor(regio).count() == 3
    assert not services.rapporten_voor(lezen.scope_van(cijfers.gebruikers["backoffice"])).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "_case, kwartaal, code",
    [
        ("no quarter", "2026-5", "kwartaal-ongeldig"),
        ("text", "derde", "kwartaal-ongeldig"),
        ("not begun", "2099-1", "kwartaal-in-toekomst"),
    ],
)
def test_a_bad_quarter_is_refused_and_nothing_stored(cijfers, _case, kwartaal, code):
    scope = lezen.scope_van(cijfers.gebruikers["contractmanager"])
    with pytest.raises(services.ValidationError) as fout:
        services.vraag_aan(scope=scope, kwartaal=kwartaal, gemeente=None, wachtrij=False)
    assert fout.value.error_dict["kwartaal"][0].code == code
    assert not Kwartaalrapport.objects.exists()


@pytest.mark.parametrize(
    "_case, kwartaal, van, tot, halfjaar",
    [
        ("first", "2026-1", date(2026, 1, 1), date(2026, 3, 31), "2025-2"),
        ("second", "2026-2", date(2026, 4, 1), date(2026, 6, 30), "2026-1"),
        ("third", "2026-3", date(2026, 7, 1), date(2026, 9, 30), "2026-1"),
        ("fourth", "2026-4", date(2026, 10, 1), date(2026, 12, 31), "2026-2"),
    ],
)
def test_quarter_dates_and_half_year(_case, kwartaal, van, tot, halfjaar):
    assert kw.periode(kwartaal) == Periode(van, tot)
    assert kw.halfjaar(kwartaal) == halfjaar


def test_quarter_names_and_default():
    assert kw.naam("2026-3") == "3e kwartaal 2026"
    assert kw.laatst_afgesloten(date(2026, 12, 6)) == "2026-3"
    assert kw.laatst_afgesloten(date(2026, 1, 1)) == "2025-4"
    assert kw.periode("2026-0") is None


@pytest.mark.django_db
def test_a_failure_is_kept_on_the_report_and_it_is_made_once(cijfers, media, monkeypatch):
    from wmoregie.monitoring.rapportage import pdf

    scope = lezen.scope_van(cijfers.gebruikers["contractmanager"])
    rapport = services.vraag_aan(scope=scope, kwartaal="2026-1", gemeente=None, wachtrij=False)

    def kapot(_inhoud):
        raise OSError("schijf vol")

    monkeypatch.setattr(pdf, "rapport_pdf", kapot)
    rapport = services.maak(rapport.pk)
    assert rapport.status == Rapportstatus.MISLUKT
    assert rapport.fout.startswith("Het rapport kon niet worden gemaakt")
    assert not rapport.bestand
    # a second delivery of the task leaves a report that is not waiting alone
    assert services.maak(rapport.pk).status == Rapportstatus.MISLUKT
