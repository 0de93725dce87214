from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import RequestFactory  # axes needs the request of a login
from django.urls import reverse

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import User
from wmoregie.accounts.tests.factories import OrganisatieFactory
from wmoregie.audit.models import AuditEntry
from wmoregie.catalogi.tests.factories import GemeenteFactory, ProductFactory
from wmoregie.contracten import services
from wmoregie.contracten.constants import OnderaannemerStatus, OvereenkomstStatus, PrijsbladStatus
from wmoregie.contracten.models import (
    Budget,
    Nalevingsdocument,
    Onderaanneemcontract,
    Onderaannemer,
    Overeenkomst,
    Prijsblad,
)

from .factories import (
    OnderaanneemcontractFactory,
    OnderaannemerFactory,
    OvereenkomstFactory,
    PrijsbladFactory,
)

pytestmark = pytest.mark.django_db


# --- Access ------------------------------------------------------------------------------------


def test_a_visitor_is_sent_to_the_login_page(client):
    overeenkomst = OvereenkomstFactory()
    for url in (
        reverse("contracten:overzicht"),
        reverse("contracten:overeenkomst", args=[overeenkomst.pk]),
        reverse("contracten:onderaannemers", args=[overeenkomst.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("rol", [Rol.INKOPER, Rol.INSCHRIJVER])
def test_other_roles_get_403(client, maak_gebruiker, rol):
    overeenkomst = OvereenkomstFactory()
    prijsblad = PrijsbladFactory(overeenkomst=overeenkomst)
    client.force_login(maak_gebruiker(rol))
    for url in (
        reverse("contracten:overzicht"),
        reverse("contracten:overeenkomst", args=[overeenkomst.pk]),
        reverse("contracten:prijsblad", args=[prijsblad.pk]),
        reverse("contracten:prijsblad-pdf", args=[prijsblad.pk]),
        reverse("contracten:overeenkomst-nieuw"),
    ):
        assert client.get(url).status_code == 403, url


def test_in_the_demo_a_municipality_reads_its_own_budget_share_instalments_and_payments(
    client, demo
):
    """#15.9: gemeente Amersfoort (0307) reads the agreement and its own share, read only; no
    other municipality's share, no price sheets or subcontractors, no changes."""
    from wmoregie.demo import DEMO_WACHTWOORD

    budget = demo.budgetten.get(jaar=2026)
    amersfoort = budget.aandelen.get(gemeente__code="0307")
    services.registreer_betaling(
        amersfoort,
        gebruiker=None,
        termijn=1,
        bedrag=Decimal("1234.56"),
        betaald_op=date(2026, 1, 31),
    )
    prijsblad = demo.prijsbladen.first()
    assert client.login(
        request=RequestFactory().post("/"), username="gemeente", password=DEMO_WACHTWOORD
    )

    overzicht = client.get(reverse("contracten:overzicht"))
    assert overzicht.status_code == 200
    assert demo.nummer in overzicht.content.decode()
    detail = client.get(reverse("contracten:overeenkomst", args=[demo.pk]))
    assert detail.status_code == 200
    assert "Standaardprijsbladen" not in detail.content.decode()
    assert "Onderaannemers" not in detail.content.decode()
    pagina = client.get(reverse("contracten:budget", args=[budget.pk]))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Aandeel van Amersfoort" in html
    assert f"{amersfoort.bedrag:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in html
    assert "€ 1.234,56 op 31-01-2026" in html
    assert "Termijnen en betalingen van Amersfoort" in html
    assert "Soest" not in html and "Verdeling over de gemeenten" not in html
    assert "Betaling vastleggen" not in html

    for url in (
        reverse("contracten:budget-betaling", args=[budget.pk]),
        reverse("contracten:budget-indexeren", args=[budget.pk]),
        reverse("contracten:prijsblad", args=[prijsblad.pk]),
        reverse("contracten:onderaannemers", args=[demo.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            reverse("contracten:budget-betaling", args=[budget.pk]),
            {"gemeente": amersfoort.pk, "termijn": 2, "bedrag": "1", "betaald_op": "2026-02-28"},
        ).status_code
        == 403
    )


def test_a_municipality_without_a_share_sees_no_agreement(client, maak_gebruiker):
    overeenkomst = OvereenkomstFactory()
    client.force_login(maak_gebruiker(Rol.GEMEENTE_MEDEWERKER))
    assert overeenkomst.nummer not in client.get(reverse("contracten:overzicht")).content.decode()
    assert client.get(reverse("contracten:overeenkomst", args=[overeenkomst.pk])).status_code == 404


def test_backoffice_may_not_create_agreements_or_sheets(client, maak_gebruiker):
    overeenkomst = OvereenkomstFactory()
    client.force_login(maak_gebruiker(Rol.BACKOFFICE, organisatie=overeenkomst.opdrachtnemer))
    assert client.get(reverse("contracten:overeenkomst-nieuw")).status_code == 403
    assert (
        client.get(reverse("contracten:prijsblad-nieuw", args=[overeenkomst.pk])).status_code == 403
    )
    assert client.get(reverse("contracten:budget-nieuw", args=[overeenkomst.pk])).status_code == 403


def test_the_navigation_shows_contracten_to_the_contract_roles_only(client, maak_gebruiker):
    client.force_login(maak_gebruiker(Rol.CONTRACTMANAGER))
    assert 'href="/contracten/"' in client.get("/").content.decode()
    client.force_login(maak_gebruiker(Rol.INKOPER))
    assert 'href="/contracten/"' not in client.get("/").content.decode()


def test_backoffice_sees_only_its_own_agreement(client, maak_gebruiker):
    eigen = OvereenkomstFactory()
    ander = OvereenkomstFactory()
    client.force_login(maak_gebruiker(Rol.BACKOFFICE, organisatie=eigen.opdrachtnemer))
    html = client.get(reverse("contracten:overzicht")).content.decode()
    assert eigen.nummer in html
    assert ander.nummer not in html
    assert client.get(reverse("contracten:overeenkomst", args=[eigen.pk])).status_code == 200
    assert client.get(reverse("contracten:overeenkomst", args=[ander.pk])).status_code == 404
    assert client.get(reverse("contracten:onderaannemers", args=[ander.pk])).status_code == 404


def test_a_subcontractor_reads_its_own_contract_and_sheet_but_not_anothers(client, maak_gebruiker):
    eigen = OnderaanneemcontractFactory()
    ander = OnderaanneemcontractFactory(
        onderaannemer=OnderaannemerFactory(overeenkomst=eigen.onderaannemer.overeenkomst)
    )
    gebruiker = maak_gebruiker(
        Rol.ONDERAANNEMER_MEDEWERKER, organisatie=eigen.onderaannemer.organisatie
    )
    client.force_login(gebruiker)
    for naam, pk in (
        ("contracten:onderaanneemcontract", eigen.pk),
        ("contracten:onderaanneemcontract-pdf", eigen.pk),
        ("contracten:prijsblad", eigen.prijsblad.pk),
        ("contracten:prijsblad-xlsx", eigen.prijsblad.pk),
    ):
        assert client.get(reverse(naam, args=[pk])).status_code == 200, naam
    for naam, pk in (
        ("contracten:onderaanneemcontract", ander.pk),
        ("contracten:onderaanneemcontract-pdf", ander.pk),
        ("contracten:prijsblad", ander.prijsblad.pk),
        ("contracten:prijsblad-pdf", ander.prijsblad.pk),
        ("contracten:prijsblad-xlsx", ander.prijsblad.pk),
    ):
        assert client.get(reverse(naam, args=[pk])).status_code == 404, naam
    # and not the register, the agreement or another subcontractor's entry
    overeenkomst = eigen.onderaannemer.overeenkomst
    assert client.get(reverse("contracten:overeenkomst", args=[overeenkomst.pk])).status_code == 403
    assert (
        client.get(reverse("contracten:onderaannemer", args=[ander.onderaannemer.pk])).status_code
        == 403
    )
    html = client.get(reverse("contracten:overzicht")).content.decode()
    assert eigen.nummer in html
    assert ander.nummer not in html


def test_in_the_demo_the_demo_subcontractor_sees_only_its_own_contract(client, demo):
    client.force_login(User.objects.get(username="onderaannemer"))
    html = client.get(reverse("contracten:overzicht")).content.decode()
    assert "OAC-2026-001" in html
    assert "OAC-2026-002" not in html
    ander = Onderaanneemcontract.objects.get(nummer="OAC-2026-002")
    assert client.get(reverse("contracten:prijsblad", args=[ander.prijsblad.pk])).status_code == 404


# --- Agreement pages ---------------------------------------------------------------------------


def _overeenkomst_post(perceel, organisatie, **extra):
    data = {
        "nummer": "SH-2026",
        "naam": "Begeleid wonen in een safehouse 2026",
        "perceel": perceel.pk,
        "opdrachtnemersvorm": "hoofdaannemer",
        "opdrachtnemer": organisatie.pk,
        "ingangsdatum": "2026-01-01",
        "einddatum": "31-12-2027",
        "verlengingsopties": "12, 12",
        "artikelen": "3.2, 3.9, 1.8",
        "weging_personeel": "0,8",
        "weging_materieel": "0,2",
        "indexcijfer_personeel": "OVA",
        "indexcijfer_materieel": "CPI",
        "waarschuwingstermijn_dagen": "60",
    }
    data.update(extra)
    return data


def test_the_contractmanager_creates_an_agreement_by_hand(client, contractmanager):
    perceel = OvereenkomstFactory().perceel
    organisatie = OrganisatieFactory()
    client.force_login(contractmanager)
    response = client.post(
        reverse("contracten:overeenkomst-nieuw"), _overeenkomst_post(perceel, organisatie)
    )
    overeenkomst = Overeenkomst.objects.get(nummer="SH-2026")
    assert response.status_code == 302
    assert overeenkomst.artikelen == ["1.8", "3.2", "3.9"]
    assert overeenkomst.weging_personeel == Decimal("0.8")
    assert overeenkomst.verlengingsopties.count() == 2
    html = client.get(response["Location"]).content.decode()
    assert "Begeleid wonen in een safehouse 2026" in html
    assert "1.8, 3.2, 3.9" in html


def test_bad_agreement_input_gives_dutch_errors_and_stores_nothing(client, contractmanager):
    perceel = OvereenkomstFactory().perceel
    client.force_login(contractmanager)
    aantal = Overeenkomst.objects.count()
    response = client.post(
        reverse("contracten:overeenkomst-nieuw"),
        _overeenkomst_post(
            perceel, OrganisatieFactory(), nummer="", artikelen="3.2, drie", weging_materieel="0,3"
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html
    assert "Dit veld is vereist." in html
    assert "is geen artikelnummer" in html
    assert Overeenkomst.objects.count() == aantal


def test_service_errors_land_on_the_form(client, contractmanager):
    perceel = OvereenkomstFactory().perceel
    client.force_login(contractmanager)
    response = client.post(
        reverse("contracten:overeenkomst-nieuw"),
        _overeenkomst_post(perceel, OrganisatieFactory(), weging_materieel="0,3"),
    )
    assert response.status_code == 400
    assert "samen 1 (100 %)" in response.content.decode()
    assert not Overeenkomst.objects.filter(nummer="SH-2026").exists()


def test_the_status_changes_through_the_page(client, contractmanager):
    overeenkomst = OvereenkomstFactory(status=OvereenkomstStatus.CONCEPT)
    client.force_login(contractmanager)
    url = reverse("contracten:overeenkomst-status", args=[overeenkomst.pk])
    client.post(url, {"naar": "actief", "toelichting": "getekend"})
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == OvereenkomstStatus.ACTIEF
    client.post(url, {"naar": "concept"})  # not allowed from actief
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == OvereenkomstStatus.ACTIEF
    assert client.get(url).status_code == 405


def test_in_the_demo_a_second_partner_for_wmo_begeleiding_is_refused_on_the_page(client, demo):
    """#15.2 as the contractmanager meets it: a Dutch message, the agreement stays concept."""
    from wmoregie.demo import DEMO_WACHTWOORD

    tweede = OvereenkomstFactory(
        regio=demo.regio,
        perceel=demo.perceel,
        status=OvereenkomstStatus.CONCEPT,
        ingangsdatum=date(2027, 1, 1),
        einddatum=date(2028, 12, 31),
    )
    assert client.login(
        request=RequestFactory().post("/"), username="contractmanager", password=DEMO_WACHTWOORD
    )

    pagina = client.post(
        reverse("contracten:overeenkomst-status", args=[tweede.pk]),
        {"naar": "actief", "toelichting": "getekend"},
        follow=True,
    ).content.decode()

    assert f"loopt al een overeenkomst met {demo.opdrachtnemer.naam} ({demo.nummer}" in pagina
    assert "Per perceel is er één hoofdaannemer of combinatie" in pagina
    tweede.refresh_from_db()
    assert tweede.status == OvereenkomstStatus.CONCEPT


def test_the_contractmanager_takes_up_the_extension_options_in_order(client, contractmanager):
    from wmoregie.contracten.models import Verlengingsoptie

    overeenkomst = OvereenkomstFactory()
    for nummer in (1, 2):
        Verlengingsoptie.objects.create(overeenkomst=overeenkomst, volgnummer=nummer, maanden=12)
    client.force_login(contractmanager)
    url = reverse("contracten:verlengingsoptie-benutten", args=[overeenkomst.pk, 2])
    client.post(url)
    assert not Verlengingsoptie.objects.filter(benut_op__isnull=False).exists()
    client.post(reverse("contracten:verlengingsoptie-benutten", args=[overeenkomst.pk, 1]))
    overeenkomst = Overeenkomst.objects.get(pk=overeenkomst.pk)
    assert overeenkomst.huidige_einddatum == date(2030, 12, 31)
    html = client.get(reverse("contracten:overeenkomst", args=[overeenkomst.pk])).content.decode()
    assert "verlengd tot 31-12-2030" in html
    assert AuditEntry.objects.filter(actie="overeenkomst.verlengd").count() == 1


# --- Budget pages ------------------------------------------------------------------------------


def test_the_budget_form_splits_the_budget_and_shows_how(client, contractmanager):
    overeenkomst = OvereenkomstFactory()
    gemeenten = [
        GemeenteFactory(code=c, regio=overeenkomst.regio) for c in ("0307", "0308", "0313")
    ]
    client.force_login(contractmanager)
    data = {
        "jaar": "2026",
        "totaal": "10,00",
        "verdeelsleutel": "inwoners",
        "aantal_termijnen": "4",
    }
    data.update({f"sleutel_{g.code}": w for g, w in zip(gemeenten, ["2", "3", "4"], strict=True)})
    response = client.post(reverse("contracten:budget-nieuw", args=[overeenkomst.pk]), data)
    budget = Budget.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contracten:budget", args=[budget.pk])
    html = client.get(response["Location"]).content.decode()
    assert "€ 4,45" in html
    assert "4,4444" in html  # the exact share before the split into cents
    assert "€ 10,00" in html
    assert "grootste rest" in html


def test_a_bad_budget_gives_dutch_errors_and_stores_nothing(client, contractmanager):
    overeenkomst = OvereenkomstFactory()
    GemeenteFactory(code="0307", regio=overeenkomst.regio)
    client.force_login(contractmanager)
    data = {
        "jaar": "2026",
        "totaal": "10,001",
        "verdeelsleutel": "x",
        "aantal_termijnen": "0",
        "sleutel_0307": "-1",
    }
    response = client.post(reverse("contracten:budget-nieuw", args=[overeenkomst.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "niet meer dan 2 cijfers achter de komma" in html
    assert "minstens 0 is" in html
    assert not Budget.objects.exists()


def test_indexation_page_computes_the_next_year_with_steps(client, contractmanager):
    from wmoregie.contracten import services

    overeenkomst = OvereenkomstFactory()
    budget = services.stel_budget_vast(
        overeenkomst,
        gebruiker=None,
        jaar=2026,
        totaal=Decimal("1000000.00"),
        verdeelsleutel="x",
        sleutelwaarden={GemeenteFactory(code="0307"): Decimal(1)},
    )
    client.force_login(contractmanager)
    response = client.post(
        reverse("contracten:budget-indexeren", args=[budget.pk]),
        {
            "personeel_prognose_volgend_jaar": "3,0",
            "personeel_prognose_lopend_jaar": "3,1",
            "personeel_definitief_lopend_jaar": "3,4",
            "materieel_prognose_volgend_jaar": "2,0",
            "materieel_prognose_lopend_jaar": "2,2",
            "materieel_definitief_lopend_jaar": "2,6",
            "bron": "voorbeeld",
        },
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "€ 1.031.200,00" in html
    assert "3,1200 %" in html
    assert "nacalculatie 2026" in html


def test_indexation_without_correction_figures_gives_the_calculation_message(
    client, contractmanager
):
    from wmoregie.contracten import services

    budget = services.stel_budget_vast(
        OvereenkomstFactory(),
        gebruiker=None,
        jaar=2026,
        totaal=Decimal("100.00"),
        verdeelsleutel="x",
        sleutelwaarden={GemeenteFactory(code="0307"): Decimal(1)},
    )
    client.force_login(contractmanager)
    response = client.post(
        reverse("contracten:budget-indexeren", args=[budget.pk]),
        {"personeel_prognose_volgend_jaar": "3", "materieel_prognose_volgend_jaar": "2"},
    )
    assert response.status_code == 400
    assert "Is dit het eerste contractjaar" in response.content.decode()
    assert Budget.objects.count() == 1


def test_a_payment_is_recorded_as_realisation(client, contractmanager):
    from wmoregie.contracten import services

    budget = services.stel_budget_vast(
        OvereenkomstFactory(),
        gebruiker=None,
        jaar=2026,
        totaal=Decimal("1200.00"),
        verdeelsleutel="x",
        sleutelwaarden={GemeenteFactory(code="0307"): Decimal(1)},
    )
    aandeel = budget.aandelen.get()
    client.force_login(contractmanager)
    response = client.post(
        reverse("contracten:budget-betaling", args=[budget.pk]),
        {"aandeel": aandeel.pk, "termijn": "1", "bedrag": "100,00", "betaald_op": "2026-01-31"},
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "€ 1.100,00" in html  # still to pay
    response = client.post(
        reverse("contracten:budget-betaling", args=[budget.pk]),
        {"aandeel": aandeel.pk, "termijn": "13", "bedrag": "100,00", "betaald_op": "2026-01-31"},
    )
    assert response.status_code == 400
    assert "kent 12 termijnen" in response.content.decode()


# --- Price sheet pages -------------------------------------------------------------------------


def test_the_contractmanager_builds_and_publishes_a_sheet(client, contractmanager):
    overeenkomst = OvereenkomstFactory()
    product = ProductFactory(perceel=overeenkomst.perceel)
    client.force_login(contractmanager)
    data = {
        "product": product.pk,
        "kwalificatieniveau": "hbo",
        "geldig_vanaf": "2026-01-01",
        "cao": "Cao Sociaal Werk",
        "schaal": "8",
        "trede": "",
        "maandsalaris": "3500,00",
        "maanden_per_jaar": "12",
        "vakantietoeslag_percentage": "8",
        "eindejaarsuitkering_percentage": "8,33",
        "werkgeverslasten_percentage": "30",
        "jaaruren_per_fte": "1872",
        "overhead_percentage": "20",
        "risico_winst_percentage": "3",
        "materiele_kosten_per_uur": "0",
        "eenheid": "uur",
        "uren_per_eenheid": "1",
        "materiele_kosten_per_eenheid": "0",
        "ontvangen_tarief": "66,00",
        "bronnen": "Cao-tabel 2025",
        "np_1_omschrijving": "Verlof",
        "np_1_percentage": "20",
        "np_2_omschrijving": "Overig",
        "np_2_percentage": "12",
        "np_3_omschrijving": "Scholing",  # suggested label without a figure: ignored
    }
    response = client.post(reverse("contracten:prijsblad-nieuw", args=[overeenkomst.pk]), data)
    prijsblad = Prijsblad.objects.get()
    assert response.status_code == 302
    assert prijsblad.tarief == Decimal("61.67")
    assert prijsblad.niet_productieve_tijd.count() == 2
    html = client.get(response["Location"]).content.decode()
    assert "€ 61,67 per uur" in html
    # #15.8: taakgericht — the form asks no received tariff, the sheet shows no margin
    assert prijsblad.ontvangen_tarief is None
    assert "Kostprijstarief onderaannemer" in html and "vast budget, geen tarief per uur" in html
    assert "Marge van de hoofdaannemer" not in html and "hoofdaannemer ontvangt" not in html
    client.post(reverse("contracten:prijsblad-publiceren", args=[prijsblad.pk]))
    prijsblad.refresh_from_db()
    assert prijsblad.status == PrijsbladStatus.GEPUBLICEERD
    assert AuditEntry.objects.filter(actie="prijsblad.gepubliceerd").exists()


def test_the_margin_belongs_to_a_per_client_lot_and_is_refused_under_taakgericht(
    client, contractmanager
):
    """#15.8: the received tariff and the margin only for per-client lots."""
    from .factories import per_client_overeenkomst

    client.force_login(contractmanager)
    taakgericht = OvereenkomstFactory()
    formulier = client.get(reverse("contracten:prijsblad-nieuw", args=[taakgericht.pk]))
    assert 'name="ontvangen_tarief"' not in formulier.content.decode()
    with pytest.raises(ValidationError) as fout:
        services.maak_prijsblad(
            taakgericht,
            gebruiker=contractmanager,
            product=ProductFactory(perceel=taakgericht.perceel),
            kwalificatieniveau="hbo",
            **{**_PRIJSBLAD_VELDEN, "ontvangen_tarief": Decimal("66.00")},
        )
    assert fout.value.error_dict["ontvangen_tarief"][0].code == "ontvangen-tarief-taakgericht"
    assert not Prijsblad.objects.exists()

    per_client = per_client_overeenkomst()
    formulier = client.get(reverse("contracten:prijsblad-nieuw", args=[per_client.pk]))
    assert 'name="ontvangen_tarief"' in formulier.content.decode()
    prijsblad = services.maak_prijsblad(
        per_client,
        gebruiker=contractmanager,
        product=ProductFactory(perceel=per_client.perceel),
        kwalificatieniveau="hbo",
        **{**_PRIJSBLAD_VELDEN, "ontvangen_tarief": Decimal("66.00")},
    )
    html = client.get(reverse("contracten:prijsblad", args=[prijsblad.pk])).content.decode()
    assert "Marge van de hoofdaannemer" in html and "Kostprijstarief onderaannemer" not in html


_PRIJSBLAD_VELDEN = {
    "geldig_vanaf": date(2026, 1, 1),
    "cao": "Cao Sociaal Werk",
    "schaal": "8",
    "maandsalaris": Decimal("3500.00"),
    "vakantietoeslag_percentage": Decimal("8"),
    "eindejaarsuitkering_percentage": Decimal("8.33"),
    "werkgeverslasten_percentage": Decimal("30"),
    "jaaruren_per_fte": Decimal("1872"),
    "overhead_percentage": Decimal("20"),
    "risico_winst_percentage": Decimal("3"),
    "bronnen": "Cao-tabel 2025",
}


def test_a_sheet_row_with_both_percentage_and_hours_is_refused(client, contractmanager):
    overeenkomst = OvereenkomstFactory()
    client.force_login(contractmanager)
    response = client.post(
        reverse("contracten:prijsblad-nieuw", args=[overeenkomst.pk]),
        {"np_1_omschrijving": "Verlof", "np_1_percentage": "10", "np_1_uren": "100"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "óf een percentage óf een aantal uren" in html
    assert not Prijsblad.objects.exists()


def test_backoffice_sees_published_sheets_only(client, maak_gebruiker):
    overeenkomst = OvereenkomstFactory()
    gepubliceerd = PrijsbladFactory(overeenkomst=overeenkomst)
    concept = PrijsbladFactory(
        overeenkomst=overeenkomst, status=PrijsbladStatus.CONCEPT, kwalificatieniveau="mbo"
    )
    client.force_login(maak_gebruiker(Rol.BACKOFFICE, organisatie=overeenkomst.opdrachtnemer))
    assert client.get(reverse("contracten:prijsblad", args=[gepubliceerd.pk])).status_code == 200
    assert client.get(reverse("contracten:prijsblad", args=[concept.pk])).status_code == 404


# --- Subcontractor pages -----------------------------------------------------------------------


def test_backoffice_registers_a_subcontractor_who_then_waits_for_consent(
    client, maak_gebruiker, contractmanager
):
    overeenkomst = OvereenkomstFactory(status=OvereenkomstStatus.ACTIEF)
    product = ProductFactory(perceel=overeenkomst.perceel)
    organisatie = OrganisatieFactory()
    client.force_login(maak_gebruiker(Rol.BACKOFFICE, organisatie=overeenkomst.opdrachtnemer))
    response = client.post(
        reverse("contracten:onderaannemer-nieuw", args=[overeenkomst.pk]),
        {
            "organisatie": organisatie.pk,
            "soort": "incidenteel",
            "expertise": "NAH",
            "producten": [product.pk],
            "ingangsdatum": "2026-04-01",
            "einddatum": "2026-12-31",
        },
    )
    onderaannemer = Onderaannemer.objects.get()
    assert response.status_code == 302
    assert onderaannemer.status == OnderaannemerStatus.AANGEMELD
    html = client.get(response["Location"]).content.decode()
    assert "vereist en nog niet verleend" in html
    # backoffice cannot decide on consent; the contractmanager can
    url = reverse("contracten:onderaannemer-toestemming", args=[onderaannemer.pk])
    assert client.get(url).status_code == 403
    client.force_login(contractmanager)
    response = client.post(url, {"besluit": "verleend", "datum": "2026-03-20", "kenmerk": "RA-7"})
    onderaannemer.refresh_from_db()
    assert onderaannemer.status == OnderaannemerStatus.ACTIEF


def test_bad_subcontractor_input_gives_dutch_errors_and_stores_nothing(client, contractmanager):
    overeenkomst = OvereenkomstFactory()
    client.force_login(contractmanager)
    response = client.post(
        reverse("contracten:onderaannemer-nieuw", args=[overeenkomst.pk]),
        {"soort": "vast", "expertise": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit veld is vereist." in html
    assert "Vul de ingangsdatum in" in html
    assert not Onderaannemer.objects.exists()


def test_the_register_shows_document_warnings_in_text(client, contractmanager):
    onderaannemer = OnderaannemerFactory()
    Nalevingsdocument.objects.create(
        onderaannemer=onderaannemer,
        soort="verzekering",
        kenmerk="Polis 1",
        afgegeven_op=date(2020, 1, 1),
        geldig_tot=date(2021, 1, 1),
    )
    client.force_login(contractmanager)
    html = client.get(
        reverse("contracten:onderaannemers", args=[onderaannemer.overeenkomst.pk])
    ).content.decode()
    assert "Verlopen" in html
    assert "Ontbreekt" in html
    overzicht = client.get(reverse("contracten:overzicht")).content.decode()
    assert "Documenten van onderaannemers die aandacht vragen" in overzicht


def test_a_document_is_added_through_the_page(client, contractmanager):
    onderaannemer = OnderaannemerFactory()
    client.force_login(contractmanager)
    response = client.post(
        reverse("contracten:document-nieuw", args=[onderaannemer.pk]),
        {"soort": "gva", "kenmerk": "GVA-1", "afgegeven_op": "2026-01-31"},
    )
    assert response.status_code == 302
    assert onderaannemer.documenten.get().geldig_tot == date(2028, 1, 31)


def test_a_subcontract_is_made_through_the_page_with_a_published_sheet(client, maak_gebruiker):
    onderaannemer = OnderaannemerFactory()
    prijsblad = PrijsbladFactory(
        overeenkomst=onderaannemer.overeenkomst, product=onderaannemer.producten.get()
    )
    client.force_login(
        maak_gebruiker(Rol.BACKOFFICE, organisatie=onderaannemer.overeenkomst.opdrachtnemer)
    )
    url = reverse("contracten:onderaanneemcontract-nieuw", args=[onderaannemer.pk])
    response = client.post(
        url,
        {
            "prijsblad": prijsblad.pk,
            "nummer": "OAC-9",
            "ingangsdatum": "2026-01-01",
            "einddatum": "2026-12-31",
        },
    )
    assert response.status_code == 302
    assert Onderaanneemcontract.objects.get().prijsblad == prijsblad
    concept = PrijsbladFactory(
        overeenkomst=onderaannemer.overeenkomst,
        product=onderaannemer.producten.get(),
        status=PrijsbladStatus.CONCEPT,
        kwalificatieniveau="mbo",
    )
    response = client.post(
        url,
        {
            "prijsblad": concept.pk,
            "nummer": "OAC-10",
            "ingangsdatum": "2026-01-01",
            "einddatum": "2026-12-31",
        },
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert Onderaanneemcontract.objects.count() == 1


def test_every_contract_page_renders_for_the_contractmanager_in_the_demo(client, demo):
    client.force_login(User.objects.get(username="contractmanager"))
    onderaannemer = demo.onderaannemers.first()
    urls = [
        reverse("contracten:overzicht"),
        reverse("contracten:overeenkomst-nieuw"),
        reverse("contracten:overeenkomst", args=[demo.pk]),
        reverse("contracten:budget-nieuw", args=[demo.pk]),
        reverse("contracten:prijsblad-nieuw", args=[demo.pk]),
        reverse("contracten:onderaannemers", args=[demo.pk]),
        reverse("contracten:onderaannemer-nieuw", args=[demo.pk]),
        reverse("contracten:onderaannemer", args=[onderaannemer.pk]),
        reverse("contracten:document-nieuw", args=[onderaannemer.pk]),
        reverse("contracten:onderaanneemcontract-nieuw", args=[onderaannemer.pk]),
        reverse("contracten:onderaannemer-toestemming", args=[onderaannemer.pk]),
    ]
    for budget in demo.budgetten.all():
        urls += [
            reverse("contracten:budget", args=[budget.pk]),
            reverse("contracten:budget-indexeren", args=[budget.pk]),
            reverse("contracten:budget-betaling", args=[budget.pk]),
        ]
    for prijsblad in demo.prijsbladen.all():
        urls.append(reverse("contracten:prijsblad", args=[prijsblad.pk]))
    for contract in Onderaanneemcontract.objects.all():
        urls.append(reverse("contracten:onderaanneemcontract", args=[contract.pk]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<h1>" in html, url
        assert "<th>" not in html, url  # every header cell has a scope
