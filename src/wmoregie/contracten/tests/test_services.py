from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from wmoregie.accounts.tests.factories import OrganisatieFactory
from wmoregie.audit.models import AuditEntry
from wmoregie.catalogi.constants import Bekostigingsvariant
from wmoregie.catalogi.tests.factories import GemeenteFactory, PerceelFactory, ProductFactory
from wmoregie.contracten import services
from wmoregie.contracten.constants import (
    Documentsoort,
    Documentstand,
    Onderaannemersoort,
    OnderaannemerStatus,
    Opdrachtnemersvorm,
    OvereenkomstStatus,
    PrijsbladStatus,
)
from wmoregie.contracten.models import (
    Budget,
    Budgetaandeel,
    Indexering,
    Onderaanneemcontract,
    Onderaannemer,
    Overeenkomst,
    Prijsblad,
    Statuswijziging,
)

from .factories import (
    OnderaannemerFactory,
    OvereenkomstFactory,
    PrijsbladFactory,
    per_client_overeenkomst,
)

pytestmark = pytest.mark.django_db


def _overeenkomst_invoer(**extra):
    invoer = {
        "gebruiker": None,
        "nummer": "BW-2026",
        "naam": "Beschermd wonen 2026",
        "perceel": PerceelFactory(bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT),
        "opdrachtnemersvorm": Opdrachtnemersvorm.HOOFDAANNEMER,
        "opdrachtnemer": OrganisatieFactory(),
        "ingangsdatum": date(2026, 1, 1),
        "einddatum": date(2027, 12, 31),
        "artikelen": ["3.2", "3.9"],
        "verlengingsopties": [12, 12],
    }
    invoer.update(extra)
    return invoer


# --- Overeenkomst ------------------------------------------------------------------------------


def test_an_agreement_made_by_hand_starts_as_concept_with_history_and_audit(contractmanager):
    overeenkomst = services.maak_overeenkomst(**_overeenkomst_invoer(gebruiker=contractmanager))
    assert overeenkomst.status == OvereenkomstStatus.CONCEPT
    assert overeenkomst.bekostigingsvariant == Bekostigingsvariant.INSPANNINGSGERICHT
    assert overeenkomst.uiterste_einddatum == date(2029, 12, 31)
    assert overeenkomst.huidige_einddatum == date(2027, 12, 31)
    assert list(overeenkomst.statuswijzigingen.values_list("van", "naar")) == [("", "concept")]
    assert AuditEntry.objects.filter(
        actie="overeenkomst.aangemaakt", gebruiker=contractmanager
    ).exists()


def test_a_combination_needs_exactly_one_penvoerder_and_stores_nothing_otherwise():
    a, b = OrganisatieFactory(), OrganisatieFactory()
    invoer = _overeenkomst_invoer(
        opdrachtnemersvorm=Opdrachtnemersvorm.COMBINATIE,
        combinanten=[services.CombinantInvoer(a), services.CombinantInvoer(b)],
    )
    with pytest.raises(ValidationError) as fout:
        services.maak_overeenkomst(**invoer)
    assert fout.value.error_dict["penvoerder"][0].code == "penvoerder-niet-een"
    assert not Overeenkomst.objects.exists()

    invoer["combinanten"] = [
        services.CombinantInvoer(a, penvoerder=True),
        services.CombinantInvoer(b),
    ]
    overeenkomst = services.maak_overeenkomst(**invoer)
    assert overeenkomst.penvoerder == a


def test_a_hoofdaannemer_has_no_combinanten():
    invoer = _overeenkomst_invoer(combinanten=[services.CombinantInvoer(OrganisatieFactory())])
    with pytest.raises(ValidationError) as fout:
        services.maak_overeenkomst(**invoer)
    assert fout.value.error_dict["combinanten"][0].code == "combinanten-bij-hoofdaannemer"


def test_weights_must_add_up_to_one():
    with pytest.raises(ValidationError) as fout:
        services.maak_overeenkomst(
            **_overeenkomst_invoer(weging_personeel=Decimal("0.7"), weging_materieel=Decimal("0.2"))
        )
    assert fout.value.error_dict["weging_materieel"][0].code == "wegingen-niet-samen-een"
    assert not Overeenkomst.objects.exists()


def test_status_changes_follow_the_allowed_transitions_and_are_recorded(contractmanager):
    overeenkomst = services.maak_overeenkomst(**_overeenkomst_invoer())
    services.wijzig_status(overeenkomst, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager)
    services.wijzig_status(
        overeenkomst, OvereenkomstStatus.BEEINDIGD, gebruiker=contractmanager, toelichting="Einde"
    )
    with pytest.raises(ValidationError) as fout:
        services.wijzig_status(overeenkomst, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager)
    assert fout.value.code == "statusovergang-niet-toegestaan"
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == OvereenkomstStatus.BEEINDIGD
    assert Statuswijziging.objects.filter(overeenkomst=overeenkomst).count() == 3
    assert AuditEntry.objects.filter(actie="overeenkomst.status_gewijzigd").count() == 2


def test_extension_options_are_taken_up_in_order():
    overeenkomst = services.maak_overeenkomst(**_overeenkomst_invoer())
    eerste, tweede = overeenkomst.verlengingsopties.all()
    with pytest.raises(ValidationError):
        services.benut_verlengingsoptie(tweede, gebruiker=None, op=date(2027, 6, 1))
    services.benut_verlengingsoptie(eerste, gebruiker=None, op=date(2027, 6, 1))
    overeenkomst = Overeenkomst.objects.get(pk=overeenkomst.pk)
    assert overeenkomst.huidige_einddatum == date(2028, 12, 31)


def test_a_second_active_partner_for_an_overlapping_period_of_the_same_lot_is_refused(
    contractmanager,
):
    """#15.2: the seed buys ONE hoofdaannemer or combination per lot."""
    eerste = services.maak_overeenkomst(**_overeenkomst_invoer())
    services.wijzig_status(eerste, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager)
    tweede = services.maak_overeenkomst(
        **_overeenkomst_invoer(
            nummer="BW-2027",
            perceel=eerste.perceel,
            ingangsdatum=date(2027, 7, 1),
            einddatum=date(2028, 6, 30),
        )
    )

    with pytest.raises(ValidationError) as fout:
        services.wijzig_status(tweede, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager)

    assert fout.value.code == "perceel-al-gecontracteerd"
    assert (
        f"Voor het perceel {eerste.perceel.naam} loopt al een overeenkomst met "
        f"{eerste.opdrachtnemer.naam} (BW-2026, 01-01-2026 tot en met 31-12-2027)"
    ) in fout.value.messages[0]
    tweede.refresh_from_db()
    assert tweede.status == OvereenkomstStatus.CONCEPT
    assert not AuditEntry.objects.filter(
        actie="overeenkomst.status_gewijzigd", object_id=str(tweede.pk)
    ).exists()

    # a suspended agreement still holds the lot; an ended one frees it
    services.wijzig_status(eerste, OvereenkomstStatus.OPGESCHORT, gebruiker=contractmanager)
    with pytest.raises(ValidationError):
        services.wijzig_status(tweede, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager)
    services.wijzig_status(eerste, OvereenkomstStatus.BEEINDIGD, gebruiker=contractmanager)
    services.wijzig_status(tweede, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager)
    assert Overeenkomst.objects.get(pk=tweede.pk).status == OvereenkomstStatus.ACTIEF


def test_a_following_partner_and_another_lot_are_allowed_but_an_extension_into_it_is_not(
    contractmanager,
):
    eerste = services.maak_overeenkomst(**_overeenkomst_invoer())
    services.wijzig_status(eerste, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager)
    volgende = services.maak_overeenkomst(
        **_overeenkomst_invoer(
            nummer="BW-2028",
            perceel=eerste.perceel,
            ingangsdatum=date(2028, 1, 1),
            einddatum=date(2029, 12, 31),
        )
    )
    elders = services.maak_overeenkomst(**_overeenkomst_invoer(nummer="BW-ELDERS"))

    services.wijzig_status(volgende, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager)
    services.wijzig_status(elders, OvereenkomstStatus.ACTIEF, gebruiker=contractmanager)

    optie = eerste.verlengingsopties.get(volgnummer=1)
    with pytest.raises(ValidationError) as fout:
        services.benut_verlengingsoptie(optie, gebruiker=contractmanager, op=date(2027, 6, 1))
    assert fout.value.code == "perceel-al-gecontracteerd"
    assert "BW-2028" in fout.value.messages[0]
    optie.refresh_from_db()
    assert optie.benut_op is None


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_database_refuses_a_second_partner_for_the_lot():
    """The exclusion constraint of migration 0006 backs up the service check; it needs
    PostgreSQL (btree_gist), so on SQLite the service check stands alone."""
    from django.db import IntegrityError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("de exclusion constraint bestaat alleen op PostgreSQL")
    eerste = OvereenkomstFactory(status=OvereenkomstStatus.ACTIEF)
    with (
        pytest.raises(IntegrityError, match="overeenkomst_een_partner_per_perceel"),
        transaction.atomic(),
    ):
        OvereenkomstFactory(
            regio=eerste.regio,
            perceel=eerste.perceel,
            status=OvereenkomstStatus.ACTIEF,
            ingangsdatum=date(2029, 12, 31),
            einddatum=date(2031, 12, 31),
        )
    OvereenkomstFactory(
        regio=eerste.regio, perceel=eerste.perceel, status=OvereenkomstStatus.CONCEPT
    )
    OvereenkomstFactory(
        regio=eerste.regio,
        perceel=eerste.perceel,
        status=OvereenkomstStatus.ACTIEF,
        ingangsdatum=date(2030, 1, 1),
        einddatum=date(2031, 12, 31),
    )


# --- Budget ------------------------------------------------------------------------------------


def _gemeenten():
    return [GemeenteFactory(code=c) for c in ("0307", "0308", "0313")]


def test_the_budget_split_adds_up_exactly_to_the_total_and_is_audited(contractmanager):
    overeenkomst = OvereenkomstFactory()
    a, b, c = _gemeenten()
    budget = services.stel_budget_vast(
        overeenkomst,
        gebruiker=contractmanager,
        jaar=2026,
        totaal=Decimal("10.00"),
        verdeelsleutel="test",
        sleutelwaarden={a: Decimal(2), b: Decimal(3), c: Decimal(4)},
        aantal_termijnen=12,
    )
    bedragen = {x.gemeente.code: x.bedrag for x in budget.aandelen.all()}
    assert bedragen == {"0307": Decimal("2.22"), "0308": Decimal("3.33"), "0313": Decimal("4.45")}
    assert sum(bedragen.values()) == budget.totaal
    assert budget.aandelen.get(gemeente=c).extra_cent
    assert AuditEntry.objects.filter(actie="budget.vastgesteld").count() == 1


@pytest.mark.parametrize("totaal", ["1.00", "24750000.00", "0.05", "9999999.99"])
def test_no_cent_is_lost_for_any_total(totaal):
    overeenkomst = OvereenkomstFactory()
    gemeenten = _gemeenten()
    budget = services.stel_budget_vast(
        overeenkomst,
        gebruiker=None,
        jaar=2026,
        totaal=Decimal(totaal),
        verdeelsleutel="gelijk",
        sleutelwaarden=dict.fromkeys(gemeenten, Decimal(1)),
    )
    assert sum(a.bedrag for a in budget.aandelen.all()) == Decimal(totaal)


def test_a_key_that_sums_to_zero_is_refused_and_stores_nothing():
    overeenkomst = OvereenkomstFactory()
    with pytest.raises(ValidationError) as fout:
        services.stel_budget_vast(
            overeenkomst,
            gebruiker=None,
            jaar=2026,
            totaal=Decimal("100.00"),
            verdeelsleutel="leeg",
            sleutelwaarden=dict.fromkeys(_gemeenten(), Decimal(0)),
        )
    assert fout.value.code == "verdeelsleutel-nul"
    assert not Budget.objects.exists()
    assert not Budgetaandeel.objects.exists()


def test_only_a_taakgericht_agreement_has_a_budget():
    perceel = PerceelFactory(bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT)
    overeenkomst = OvereenkomstFactory(perceel=perceel)
    with pytest.raises(ValidationError) as fout:
        services.stel_budget_vast(
            overeenkomst,
            gebruiker=None,
            jaar=2026,
            totaal=Decimal(1),
            verdeelsleutel="x",
            sleutelwaarden={GemeenteFactory(code="0307"): Decimal(1)},
        )
    assert fout.value.code == "budget-niet-taakgericht"


def test_indexation_follows_the_worked_example_of_the_contract_standard():
    """Forecasts for t+1: OVA 3.0, material 2.0; final t 3.4 vs 3.1 and 2.6 vs 2.2; 80/20."""
    overeenkomst = OvereenkomstFactory()
    gemeenten = _gemeenten()
    budget = services.stel_budget_vast(
        overeenkomst,
        gebruiker=None,
        jaar=2026,
        totaal=Decimal("1000000.00"),
        verdeelsleutel="x",
        sleutelwaarden=dict(zip(gemeenten, [Decimal(5), Decimal(3), Decimal(2)], strict=True)),
    )
    cijfers = services.Indexcijfers(
        personeel_prognose_volgend_jaar=Decimal("3.0"),
        personeel_prognose_lopend_jaar=Decimal("3.1"),
        personeel_definitief_lopend_jaar=Decimal("3.4"),
        materieel_prognose_volgend_jaar=Decimal("2.0"),
        materieel_prognose_lopend_jaar=Decimal("2.2"),
        materieel_definitief_lopend_jaar=Decimal("2.6"),
    )
    nieuw = services.indexeer_budget(budget, cijfers, gebruiker=None)
    assert nieuw.jaar == 2027
    assert nieuw.indexering.indexpercentage == Decimal("3.12")
    assert nieuw.totaal == Decimal("1031200.00")
    assert nieuw.vorig_budget == budget
    assert sum(a.bedrag for a in nieuw.aandelen.all()) == nieuw.totaal
    stappen = nieuw.indexering.bereken(budget.totaal)
    assert stappen.stap("index_1").waarde == Decimal("3.3")
    assert stappen.stap("index_2").waarde == Decimal("2.4")


def test_incomplete_correction_figures_are_refused_and_store_nothing():
    overeenkomst = OvereenkomstFactory()
    budget = services.stel_budget_vast(
        overeenkomst,
        gebruiker=None,
        jaar=2026,
        totaal=Decimal("100.00"),
        verdeelsleutel="x",
        sleutelwaarden={GemeenteFactory(code="0307"): Decimal(1)},
    )
    cijfers = services.Indexcijfers(
        personeel_prognose_volgend_jaar=Decimal("3.0"),
        materieel_prognose_volgend_jaar=Decimal("2.0"),
    )
    with pytest.raises(ValidationError) as fout:
        services.indexeer_budget(budget, cijfers, gebruiker=None)
    assert fout.value.code == "nacalculatie-onvolledig"
    assert not Indexering.objects.exists()
    assert Budget.objects.count() == 1


# --- Price sheets ------------------------------------------------------------------------------


def _prijsblad_invoer(overeenkomst, **extra):
    invoer = {
        "gebruiker": None,
        "product": ProductFactory(perceel=overeenkomst.perceel),
        "kwalificatieniveau": "hbo",
        "niet_productieve_tijd": [
            services.NietProductieveTijdInvoer("Verlof en ziekte", Decimal("20")),
            services.NietProductieveTijdInvoer("Overig", Decimal("12")),
        ],
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
        # a received tariff (and so a margin) only under a per-client lot (#15.8)
        "ontvangen_tarief": None if overeenkomst.is_taakgericht else Decimal("66.00"),
        "bronnen": "Documentatie",
    }
    invoer.update(extra)
    return invoer


def test_a_price_sheet_computes_the_hand_computed_tariff_and_margin():
    overeenkomst = per_client_overeenkomst()
    prijsblad = services.maak_prijsblad(overeenkomst, **_prijsblad_invoer(overeenkomst))
    assert prijsblad.status == PrijsbladStatus.CONCEPT
    assert prijsblad.tarief == Decimal("61.67")
    marge = prijsblad.marge()
    assert marge.marge == Decimal("4.33")
    assert marge.margepercentage == Decimal("6.56")  # 4.33 / 66.00


def test_publishing_retires_the_previous_version():
    overeenkomst = OvereenkomstFactory()
    eerste = services.maak_prijsblad(overeenkomst, **_prijsblad_invoer(overeenkomst))
    services.publiceer_prijsblad(eerste, gebruiker=None)
    tweede = services.nieuwe_prijsbladversie(eerste, gebruiker=None)
    assert tweede.versie == 2
    assert tweede.tarief == eerste.tarief
    services.publiceer_prijsblad(tweede, gebruiker=None)
    eerste.refresh_from_db()
    assert eerste.status == PrijsbladStatus.VERVALLEN
    assert Prijsblad.objects.filter(status=PrijsbladStatus.GEPUBLICEERD).get() == tweede
    with pytest.raises(ValidationError):
        services.publiceer_prijsblad(tweede, gebruiker=None)


def test_a_sheet_with_no_productive_hours_is_refused_and_stores_nothing():
    overeenkomst = OvereenkomstFactory()
    invoer = _prijsblad_invoer(
        overeenkomst,
        niet_productieve_tijd=[services.NietProductieveTijdInvoer("Alles", Decimal("100"))],
    )
    with pytest.raises(ValidationError) as fout:
        services.maak_prijsblad(overeenkomst, **invoer)
    assert fout.value.code == "geen-productieve-uren"
    assert not Prijsblad.objects.exists()


def test_a_sheet_for_a_product_of_another_lot_is_refused():
    overeenkomst = OvereenkomstFactory()
    with pytest.raises(ValidationError) as fout:
        services.maak_prijsblad(
            overeenkomst, **_prijsblad_invoer(overeenkomst, product=ProductFactory())
        )
    assert fout.value.error_dict["product"][0].code == "product-ander-perceel"


# --- Subcontractors ----------------------------------------------------------------------------


def _registreer(overeenkomst, **extra):
    invoer = {
        "gebruiker": None,
        "organisatie": OrganisatieFactory(),
        "soort": Onderaannemersoort.VAST,
        "expertise": "Begeleiding",
        "producten": [ProductFactory(perceel=overeenkomst.perceel)],
        "ingangsdatum": date(2026, 3, 1),
    }
    invoer.update(extra)
    return services.registreer_onderaannemer(overeenkomst, **invoer)


def test_subcontractors_named_before_the_start_need_no_consent():
    overeenkomst = OvereenkomstFactory(status=OvereenkomstStatus.CONCEPT)
    onderaannemer = _registreer(overeenkomst)
    assert not onderaannemer.toestemming_vereist
    assert onderaannemer.status == OnderaannemerStatus.ACTIEF


def test_a_new_subcontractor_during_the_term_waits_for_written_consent():
    overeenkomst = OvereenkomstFactory(status=OvereenkomstStatus.ACTIEF)
    onderaannemer = _registreer(overeenkomst, soort=Onderaannemersoort.INCIDENTEEL)
    assert onderaannemer.toestemming_vereist
    assert onderaannemer.status == OnderaannemerStatus.AANGEMELD
    with pytest.raises(ValidationError) as fout:
        services.besluit_toestemming(
            onderaannemer, gebruiker=None, verleend=True, datum=date(2026, 3, 5), kenmerk=" "
        )
    assert fout.value.error_dict["kenmerk"][0].code == "kenmerk-ontbreekt"
    services.besluit_toestemming(
        onderaannemer, gebruiker=None, verleend=True, datum=date(2026, 3, 5), kenmerk="RA-1"
    )
    onderaannemer.refresh_from_db()
    assert onderaannemer.status == OnderaannemerStatus.ACTIEF
    assert onderaannemer.toestemming_op == date(2026, 3, 5)
    assert AuditEntry.objects.filter(actie="onderaannemer.toestemming_verleend").exists()


def test_a_zzp_without_staff_needs_no_consent_during_the_term():
    overeenkomst = OvereenkomstFactory(status=OvereenkomstStatus.ACTIEF)
    onderaannemer = _registreer(overeenkomst, soort=Onderaannemersoort.INCIDENTEEL, is_zzp=True)
    assert onderaannemer.status == OnderaannemerStatus.ACTIEF


def test_a_derde_is_bound_for_the_full_term_and_cannot_join_during_it():
    concept = OvereenkomstFactory(status=OvereenkomstStatus.CONCEPT)
    derde = _registreer(concept, soort=Onderaannemersoort.DERDE, ingangsdatum=date(2026, 6, 1))
    assert derde.ingangsdatum == concept.ingangsdatum
    assert derde.einddatum is None

    actief = OvereenkomstFactory(status=OvereenkomstStatus.ACTIEF)
    with pytest.raises(ValidationError) as fout:
        _registreer(actief, soort=Onderaannemersoort.DERDE)
    assert fout.value.error_dict["soort"][0].code == "derde-tijdens-looptijd"


def test_a_derde_is_exclusive_to_one_agreement_per_lot():
    eerste = OvereenkomstFactory(status=OvereenkomstStatus.CONCEPT)
    tweede = OvereenkomstFactory(status=OvereenkomstStatus.CONCEPT, perceel=eerste.perceel)
    organisatie = OrganisatieFactory()
    _registreer(eerste, soort=Onderaannemersoort.DERDE, organisatie=organisatie)
    with pytest.raises(ValidationError) as fout:
        _registreer(tweede, soort=Onderaannemersoort.DERDE, organisatie=organisatie)
    assert fout.value.error_dict["organisatie"][0].code == "derde-niet-exclusief"


def test_a_subcontractor_period_outside_the_term_is_refused_and_stores_nothing():
    overeenkomst = OvereenkomstFactory(status=OvereenkomstStatus.CONCEPT)
    with pytest.raises(ValidationError) as fout:
        _registreer(overeenkomst, ingangsdatum=date(2025, 6, 1))
    assert fout.value.error_dict["ingangsdatum"][0].code == "buiten-looptijd"
    assert not Onderaannemer.objects.exists()


def test_the_same_organisation_twice_gives_a_dutch_error():
    overeenkomst = OvereenkomstFactory(status=OvereenkomstStatus.CONCEPT)
    organisatie = OrganisatieFactory()
    _registreer(overeenkomst, organisatie=organisatie)
    with pytest.raises(ValidationError) as fout:
        _registreer(overeenkomst, organisatie=organisatie)
    assert "al in het register" in str(fout.value)


def test_a_gva_without_end_date_is_usable_24_months_and_warns_before_expiry():
    onderaannemer = OnderaannemerFactory()
    document = services.voeg_document_toe(
        onderaannemer,
        gebruiker=None,
        soort=Documentsoort.GEDRAGSVERKLARING,
        kenmerk="GVA",
        afgegeven_op=date(2026, 1, 31),
    )
    assert document.geldig_tot == date(2028, 1, 31)
    dagen = onderaannemer.overeenkomst.waarschuwingstermijn_dagen
    assert document.stand(date(2027, 6, 1), dagen) == Documentstand.GELDIG
    assert document.stand(date(2028, 1, 31) - timedelta(days=dagen), dagen) == (
        Documentstand.VERLOOPT_BINNENKORT
    )
    assert document.stand(date(2028, 2, 1), dagen) == Documentstand.VERLOPEN


def test_a_gva_valid_longer_than_24_months_is_refused():
    with pytest.raises(ValidationError) as fout:
        services.voeg_document_toe(
            OnderaannemerFactory(),
            gebruiker=None,
            soort=Documentsoort.GEDRAGSVERKLARING,
            kenmerk="GVA",
            afgegeven_op=date(2026, 1, 1),
            geldig_tot=date(2028, 6, 1),
        )
    assert fout.value.error_dict["geldig_tot"][0].code == "gva-te-lang-geldig"


def test_a_subcontract_always_uses_a_published_standard_sheet():
    onderaannemer = OnderaannemerFactory()
    product = onderaannemer.producten.get()
    concept = PrijsbladFactory(
        overeenkomst=onderaannemer.overeenkomst, product=product, status=PrijsbladStatus.CONCEPT
    )
    invoer = {
        "gebruiker": None,
        "nummer": "OAC-1",
        "ingangsdatum": date(2026, 1, 1),
        "einddatum": date(2026, 12, 31),
    }
    with pytest.raises(ValidationError) as fout:
        services.maak_onderaanneemcontract(onderaannemer, prijsblad=concept, **invoer)
    assert fout.value.error_dict["prijsblad"][0].code == "prijsblad-niet-gepubliceerd"
    assert not Onderaanneemcontract.objects.exists()

    gepubliceerd = PrijsbladFactory(
        overeenkomst=onderaannemer.overeenkomst, product=product, kwalificatieniveau="mbo 4"
    )
    contract = services.maak_onderaanneemcontract(onderaannemer, prijsblad=gepubliceerd, **invoer)
    assert contract.prijsblad == gepubliceerd


def test_a_subcontract_needs_an_active_subcontractor():
    onderaannemer = OnderaannemerFactory(
        status=OnderaannemerStatus.AANGEMELD, toestemming_vereist=True
    )
    prijsblad = PrijsbladFactory(
        overeenkomst=onderaannemer.overeenkomst, product=onderaannemer.producten.get()
    )
    with pytest.raises(ValidationError) as fout:
        services.maak_onderaanneemcontract(
            onderaannemer,
            gebruiker=None,
            prijsblad=prijsblad,
            nummer="OAC-2",
            ingangsdatum=date(2026, 1, 1),
            einddatum=date(2026, 12, 31),
        )
    assert fout.value.code == "onderaannemer-niet-actief"


def test_a_subcontractor_registered_after_midnight_in_amsterdam_gets_that_day():
    # 23:30 UTC on 31 March is 01:30 on 1 April in Amsterdam (summer time).
    with freeze_time("2026-03-31 23:30:00"):
        onderaannemer = OnderaannemerFactory()
    onderaannemer.refresh_from_db()
    assert onderaannemer.aangemeld_op == date(2026, 4, 1)
