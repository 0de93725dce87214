"""Issue 15.6: per procedure which documents are asked with the registration and which only on
request (GVA, tax statement, KvK extract, VOG), with their maximum age and the delivery term; the
inkoper's request, the party's delivery, and an overdue request as a blocking finding."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import regels, selectors, services
from wmoregie.aanbestedingen.constants import (
    MODEL_DOCUMENTVEREISTEN,
    Documentsoort,
    Fase,
    PartijRol,
    Regelbesluitsoort,
    Status,
    Vraagmoment,
)
from wmoregie.aanbestedingen.models import Documentvereiste, Documentverzoek
from wmoregie.audit.models import AuditEntry
from wmoregie.bestandscontrole import eenvoudige_pdf

from .conftest import lokaal
from .factories import AanbestedingFactory, InschrijvingFactory, schone_uea, voldoet_aan_regels

pytestmark = pytest.mark.django_db

API = "/api/v1/aanbestedingen/"
KVK = Documentsoort.KVK_UITTREKSEL
UTC = ZoneInfo("UTC")


def _code(fout) -> str:
    if hasattr(fout.value, "error_dict"):
        return next(iter(fout.value.error_dict.values()))[0].code
    return fout.value.code


# --- the rules (pure) ------------------------------------------------------------------------


def _feiten(*, nu, vereisten=None, verzoeken=(), documenten=()):
    """One hoofdaannemer; ``vereisten`` None: the model document's choice, (): unconfigured."""
    if vereisten is None:
        vereisten = [regels.Vereiste(s, m, j) for s, (m, j) in MODEL_DOCUMENTVEREISTEN.items()]
    return regels.InschrijvingFeiten(
        soort="hoofdaannemer",
        nu=nu,
        selectie_deadline=datetime(2025, 6, 30, 10, tzinfo=UTC),
        inschrijving_deadline=datetime(2025, 8, 15, 10, tzinfo=UTC),
        partijen=(
            regels.PartijFeit(
                id=1,
                rol=PartijRol.HOOFDAANNEMER,
                naam="Eemland Zorg",
                kvk_nummer="12345678",
                documenten=tuple(documenten),
            ),
        ),
        vereisten=tuple(vereisten),
        verzoeken=tuple(verzoeken),
    )


def _codes(feiten, ernst=None):
    """The codes of the document rules (the others are tested in test_regels)."""
    bevindingen = [
        *regels.gva_geldig(feiten),
        *regels.documenten_bij_aanmelding(feiten),
        *regels.documentverzoeken(feiten),
    ]
    return [b.code for b in bevindingen if ernst is None or b.ernst == ernst]


def test_a_document_on_request_is_not_asked_at_registration():
    nu = datetime(2025, 7, 1, 10, tzinfo=UTC)  # after both deadlines' selection part
    op_verzoek = [regels.Vereiste(s, m, j) for s, (m, j) in MODEL_DOCUMENTVEREISTEN.items()]
    assert not {"gva-ontbreekt", "kvk-uittreksel-ontbreekt"} & set(
        _codes(_feiten(nu=nu, vereisten=op_verzoek))
    )
    # unconfigured: the GVA with the registration, as before
    assert "gva-ontbreekt" in _codes(_feiten(nu=nu, vereisten=()))
    # asked with the registration: missing after the selection deadline is an error
    bij_aanmelding = [regels.Vereiste(KVK, Vraagmoment.BIJ_AANMELDING, 6)]
    assert "kvk-uittreksel-ontbreekt" in _codes(
        _feiten(nu=nu, vereisten=bij_aanmelding), regels.Ernst.ERROR
    )


def test_the_age_rule_uses_the_configured_maximum_at_receipt():
    vereisten = [regels.Vereiste(KVK, Vraagmoment.OP_VERZOEK, 6)]
    oud = regels.DocumentFeit(
        soort=KVK,
        afgiftedatum=date(2025, 1, 7),
        ontvangen_op=datetime(2025, 7, 7, 22, 30, tzinfo=UTC),  # 8 July in Amsterdam
    )
    jong = regels.DocumentFeit(
        soort=KVK,
        afgiftedatum=date(2025, 1, 8),
        ontvangen_op=datetime(2025, 7, 7, 22, 30, tzinfo=UTC),
    )
    nu = datetime(2025, 7, 10, tzinfo=UTC)
    fouten = _codes(_feiten(nu=nu, vereisten=vereisten, documenten=[oud]), regels.Ernst.ERROR)
    assert fouten == ["kvk-uittreksel-te-oud"]
    assert _codes(_feiten(nu=nu, vereisten=vereisten, documenten=[jong]), regels.Ernst.ERROR) == []
    # a longer maximum set by the procedure
    ruim = [regels.Vereiste(KVK, Vraagmoment.OP_VERZOEK, 12)]
    assert _codes(_feiten(nu=nu, vereisten=ruim, documenten=[oud]), regels.Ernst.ERROR) == []


def test_an_open_request_is_an_error_from_the_day_after_the_due_date_in_amsterdam():
    verzoek = regels.VerzoekFeit(
        partij_id=1,
        soort=KVK,
        fase=Fase.SELECTIE,
        verzocht_op=date(2025, 7, 1),
        uiterlijk_op=date(2025, 7, 15),
        id=7,
    )
    # 15 July 23:30 in Amsterdam (21:30 UTC): still in time, but open: it holds the admission
    laatste_avond = _feiten(nu=datetime(2025, 7, 15, 21, 30, tzinfo=UTC), verzoeken=[verzoek])
    [bevinding] = regels.documentverzoeken(laatste_avond)
    assert bevinding.code == "verzoek-kvk-uittreksel-open-7"
    assert bevinding.ernst == regels.Ernst.ERROR and "15-07-2025" in bevinding.bericht
    assert "de toelating tot de gunningsfase" in bevinding.bericht
    # 16 July 00:30 in Amsterdam (15 July 22:30 UTC): overdue
    na_middernacht = _feiten(nu=datetime(2025, 7, 15, 22, 30, tzinfo=UTC), verzoeken=[verzoek])
    assert _codes(na_middernacht, regels.Ernst.ERROR) == ["verzoek-kvk-uittreksel-te-laat-7"]
    # delivered on the last day (Amsterdam) is in time; the day after is late
    op_tijd = regels.VerzoekFeit(
        **{**verzoek.__dict__, "ontvangen_op": datetime(2025, 7, 15, 21, 59, tzinfo=UTC)}
    )
    te_laat = regels.VerzoekFeit(
        **{**verzoek.__dict__, "ontvangen_op": datetime(2025, 7, 15, 22, 1, tzinfo=UTC)}
    )
    later = datetime(2025, 7, 20, tzinfo=UTC)
    assert _codes(_feiten(nu=later, verzoeken=[op_tijd])) == []
    assert _codes(_feiten(nu=later, verzoeken=[te_laat]), regels.Ernst.ERROR) == [
        "verzoek-kvk-uittreksel-te-laat-7"
    ]


# --- configuration: page, lock, audit --------------------------------------------------------


def test_the_inkoper_configures_the_documents_before_publication_only(
    client, regio, inkoper, beoordelaar, inschrijver
):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    url = reverse("aanbestedingen:documentvereisten", args=[aanbesteding.pk])
    client.force_login(inkoper)
    pagina = client.get(url).content.decode()
    assert "Nog niet ingesteld" in pagina
    assert "Levertermijn voor documenten op verzoek" in pagina
    data = {"levertermijn_dagen": "10"}
    for soort, (moment, maanden) in MODEL_DOCUMENTVEREISTEN.items():
        data[f"{soort}_moment"] = moment
        data[f"{soort}_maanden"] = "" if maanden is None else str(maanden)
    data[f"{KVK}_moment"] = Vraagmoment.BIJ_AANMELDING
    data[f"{KVK}_maanden"] = "3"
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302
    aanbesteding.refresh_from_db()
    assert aanbesteding.levertermijn_dagen == 10
    kvk = Documentvereiste.objects.get(aanbesteding=aanbesteding, soort=KVK)
    assert (kvk.moment, kvk.max_maanden) == (Vraagmoment.BIJ_AANMELDING, 3)
    assert Documentvereiste.objects.get(aanbesteding=aanbesteding, soort="vog").max_maanden is None
    entry = AuditEntry.objects.get(actie="aanbesteding.documentvereisten-ingesteld")
    assert entry.gebruiker == inkoper
    assert entry.gegevens["oud"]["levertermijn_dagen"] == 14
    assert entry.gegevens["nieuw"][KVK] == [Vraagmoment.BIJ_AANMELDING, 3]

    # bad input: a Dutch message, nothing stored
    antwoord = client.post(url, {**data, "levertermijn_dagen": "0", f"{KVK}_maanden": "drie"})
    assert antwoord.status_code == 200
    assert "Er is iets niet in orde" in antwoord.content.decode()
    aanbesteding.refresh_from_db()
    assert aanbesteding.levertermijn_dagen == 10

    # a beoordelaar reads, may not change; a registrant has no access
    client.force_login(beoordelaar)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    client.force_login(inschrijver)
    assert client.get(url).status_code == 403

    # after publication the settings are locked, on the page and in the service
    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(status=Status.SELECTIEFASE)
    client.force_login(inkoper)
    pagina = client.get(url).content.decode()
    assert "liggen vast" in pagina and "Gevraagde documenten vastleggen" not in pagina
    assert client.post(url, data).status_code == 403
    with pytest.raises(ValidationError) as fout:
        services.stel_documentvereisten_in(
            aanbesteding, gebruiker=inkoper, vereisten={}, levertermijn_dagen=14
        )
    assert _code(fout) == "niet-meer-wijzigbaar"


# --- a request, the delivery and the overdue finding -----------------------------------------


@pytest.fixture
def beoordeling(regio, inkoper, organisatie):
    """Two candidates in the selection assessment, each passing every rule; the procedure asks
    the model document's four documents on request, 14 days."""
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    services.stel_documentvereisten_in(
        aanbesteding, gebruiker=inkoper, vereisten=MODEL_DOCUMENTVEREISTEN, levertermijn_dagen=14
    )
    eigen = InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)
    ander = InschrijvingFactory(aanbesteding=aanbesteding)
    schone_uea(eigen, ander)
    voldoet_aan_regels(eigen, ander)
    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(
        status=Status.SELECTIE_BEOORDELING, selectie_geopend_op=lokaal(2025, 6, 30, 12, 5)
    )
    aanbesteding.refresh_from_db()
    return {"aanbesteding": aanbesteding, "eigen": eigen, "ander": ander}


def _hoofdaannemer(inschrijving):
    return inschrijving.partijen.get(rol=PartijRol.HOOFDAANNEMER)


def test_request_and_delivery_through_the_pages_scoped_to_the_own_registration(
    client, beoordeling, inkoper, inschrijver, andere_inschrijver
):
    eigen, ander = beoordeling["eigen"], beoordeling["ander"]
    partij = _hoofdaannemer(eigen)
    url = reverse("aanbestedingen:documentverzoeken", args=[eigen.pk])

    client.force_login(inkoper)
    pagina = client.get(url).content.decode()
    assert "Document opvragen" in pagina and "Uittreksel Handelsregister (KvK)" in pagina
    # a party of another registration cannot be asked through this registration
    antwoord = client.post(url, {"partij": _hoofdaannemer(ander).pk, "soort": KVK})
    assert antwoord.status_code == 200 and not Documentverzoek.objects.exists()
    antwoord = client.post(url, {"partij": partij.pk, "soort": KVK, "toelichting": "Graag."})
    assert antwoord.status_code == 302
    verzoek = Documentverzoek.objects.get()
    vandaag = timezone.localdate()
    assert verzoek.verzocht_op == vandaag
    assert (verzoek.uiterlijk_op - verzoek.verzocht_op).days == 14
    assert verzoek.fase == Fase.SELECTIE and verzoek.verzocht_door == inkoper
    assert AuditEntry.objects.filter(actie="documentverzoek.verstuurd").count() == 1
    # a second open request for the same document is refused
    antwoord = client.post(url, {"partij": partij.pk, "soort": KVK})
    assert "Er loopt al een verzoek" in antwoord.content.decode()
    assert Documentverzoek.objects.count() == 1

    # the registrant sees the request with its due date and delivers
    client.force_login(inschrijver)
    pagina = client.get(url).content.decode()
    assert f"{verzoek.uiterlijk_op:%d-%m-%Y}" in pagina and "Document opvragen" not in pagina
    leveren = reverse("aanbestedingen:document-leveren", args=[verzoek.pk])
    # a file that is not what it says is refused with a Dutch message
    antwoord = client.post(
        leveren,
        {
            "bestand": SimpleUploadedFile("kvk.pdf", b"geen pdf"),
            "afgiftedatum": vandaag.isoformat(),
        },
    )
    assert antwoord.status_code == 200 and "Er is iets niet in orde" in antwoord.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.document is None
    antwoord = client.post(
        leveren,
        {
            "bestand": SimpleUploadedFile("kvk.pdf", eenvoudige_pdf("kvk")),
            "afgiftedatum": vandaag.isoformat(),
        },
    )
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.document.soort == KVK and verzoek.document.afgiftedatum == vandaag
    assert verzoek.document.partij == partij
    assert AuditEntry.objects.filter(actie="documentverzoek.geleverd").count() == 1
    assert "Ontvangen op" in client.get(url).content.decode()

    # another registrant sees neither the request nor the delivery page; the inkoper cannot
    # deliver for the party
    client.force_login(andere_inschrijver)
    assert client.get(url).status_code == 404
    assert client.get(leveren).status_code == 404
    client.force_login(inkoper)
    assert client.get(leveren).status_code == 403


def test_an_overdue_request_blocks_the_admission_until_a_reasoned_decision(beoordeling, inkoper):
    eigen = beoordeling["eigen"]
    partij = _hoofdaannemer(eigen)
    verzoek = services.verzoek_document(
        eigen, partij=partij, soort=KVK, gebruiker=inkoper, nu=lokaal(2025, 7, 1, 11)
    )
    # not yet due: still open, named as such in the checklist; it already blocks the admission
    # (the document must be judged first)
    laatste_avond = lokaal(2025, 7, 15, 23, 30)
    [punt] = services.open_punten(eigen, Fase.SELECTIE, laatste_avond)
    assert (punt.code, punt.ernst, punt.partij_id) == (
        f"verzoek-kvk-uittreksel-open-{verzoek.pk}",
        regels.Ernst.ERROR,
        partij.pk,
    )
    assert "aanleveren uiterlijk 15-07-2025" in punt.bericht
    assert selectors.open_regelfouten(eigen, laatste_avond, (Fase.SELECTIE,)) == [punt]
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(
            eigen, toegelaten=True, gebruiker=inkoper, nu=lokaal(2025, 7, 16, 0, 30)
        )
    assert _code(fout) == "regelfout-open"
    assert "niet uiterlijk 15-07-2025 aangeleverd" in " ".join(fout.value.messages)

    services.neem_regelbesluit(
        eigen,
        code=f"verzoek-kvk-uittreksel-te-laat-{verzoek.pk}",
        partij_id=partij.pk,
        besluit=Regelbesluitsoort.HERSTELD,
        motivering="Het uittreksel kwam op 17 juli binnen; de vertraging lag bij de KvK.",
        gebruiker=inkoper,
        nu=lokaal(2025, 7, 17),
    )
    services.beslis_selectie(eigen, toegelaten=True, gebruiker=inkoper, nu=lokaal(2025, 7, 17))
    eigen.refresh_from_db()
    assert eigen.toegelaten is True


def test_an_open_request_before_its_due_date_blocks_the_admission_until_delivered(
    beoordeling, inkoper, inschrijver
):
    eigen = beoordeling["eigen"]
    partij = _hoofdaannemer(eigen)
    verzoek = services.verzoek_document(
        eigen, partij=partij, soort=KVK, gebruiker=inkoper, nu=lokaal(2025, 7, 1, 11)
    )
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(eigen, toegelaten=True, gebruiker=inkoper, nu=lokaal(2025, 7, 2))
    assert _code(fout) == "regelfout-open"
    assert "aanleveren uiterlijk 15-07-2025" in " ".join(fout.value.messages)
    eigen.refresh_from_db()
    assert eigen.toegelaten is None
    # delivered in time: nothing left, the admission goes ahead
    services.lever_document(
        verzoek,
        SimpleUploadedFile("kvk.pdf", eenvoudige_pdf("kvk")),
        gebruiker=inschrijver,
        afgiftedatum=date(2025, 7, 2),
        nu=lokaal(2025, 7, 3),
    )
    services.beslis_selectie(eigen, toegelaten=True, gebruiker=inkoper, nu=lokaal(2025, 7, 4))
    eigen.refresh_from_db()
    assert eigen.toegelaten is True


def test_a_decision_on_one_overdue_request_does_not_cover_a_later_one(
    beoordeling, inkoper, inschrijver
):
    eigen = beoordeling["eigen"]
    partij = _hoofdaannemer(eigen)
    eerste = services.verzoek_document(
        eigen, partij=partij, soort=KVK, gebruiker=inkoper, nu=lokaal(2025, 7, 1, 11)
    )
    services.lever_document(
        eerste,
        SimpleUploadedFile("kvk.pdf", eenvoudige_pdf("kvk")),
        gebruiker=inschrijver,
        afgiftedatum=date(2025, 7, 16),
        nu=lokaal(2025, 7, 17),
    )
    services.neem_regelbesluit(
        eigen,
        code=f"verzoek-kvk-uittreksel-te-laat-{eerste.pk}",
        partij_id=partij.pk,
        besluit=Regelbesluitsoort.HERSTELD,
        motivering="Twee dagen te laat; de KvK was gesloten.",
        gebruiker=inkoper,
        nu=lokaal(2025, 7, 17, 12),
    )
    assert selectors.open_regelfouten(eigen, lokaal(2025, 7, 17, 13), (Fase.SELECTIE,)) == []
    tweede = services.verzoek_document(
        eigen, partij=partij, soort=KVK, gebruiker=inkoper, nu=lokaal(2025, 7, 17, 14)
    )
    # the second request, overdue too, is open: the first decision does not cover it
    fouten = selectors.open_regelfouten(eigen, lokaal(2025, 8, 1, 9), (Fase.SELECTIE,))
    assert [b.code for b in fouten] == [f"verzoek-kvk-uittreksel-te-laat-{tweede.pk}"]
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(eigen, toegelaten=True, gebruiker=inkoper, nu=lokaal(2025, 8, 1))
    assert _code(fout) == "regelfout-open"


def test_only_documents_on_request_can_be_asked_and_only_after_the_opening(
    regio, inkoper, organisatie
):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)
    partij = _hoofdaannemer(inschrijving)
    with pytest.raises(ValidationError) as fout:
        services.verzoek_document(inschrijving, partij=partij, soort=KVK, gebruiker=inkoper)
    assert _code(fout) == "verzoek-niet-mogelijk"
    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(status=Status.SELECTIE_BEOORDELING)
    # unconfigured: nothing is asked on request
    with pytest.raises(ValidationError) as fout:
        services.verzoek_document(inschrijving, partij=partij, soort=KVK, gebruiker=inkoper)
    assert _code(fout) == "niet-op-verzoek"


# --- API -------------------------------------------------------------------------------------


def test_the_api_shows_the_configuration_and_the_requests_scoped(
    client, beoordeling, inkoper, inschrijver, andere_inschrijver
):
    aanbesteding, eigen, ander = (
        beoordeling["aanbesteding"],
        beoordeling["eigen"],
        beoordeling["ander"],
    )
    verzoek = services.verzoek_document(
        eigen, partij=_hoofdaannemer(eigen), soort="vog", gebruiker=inkoper
    )
    services.verzoek_document(ander, partij=_hoofdaannemer(ander), soort="vog", gebruiker=inkoper)

    client.force_login(inschrijver)
    data = client.get(f"{API}aanbestedingen/{aanbesteding.pk}/").json()
    assert data["levertermijn_dagen"] == 14
    assert {v["soort"]: (v["moment"], v["max_maanden"]) for v in data["documentvereisten"]} == {
        "gva": ("op-verzoek", 24),
        "betalingsgedrag": ("op-verzoek", 6),
        "kvk-uittreksel": ("op-verzoek", 6),
        "vog": ("op-verzoek", None),
    }
    eigen_data = client.get(f"{API}inschrijvingen/{eigen.pk}/").json()
    [v] = eigen_data["documentverzoeken"]
    assert v["id"] == verzoek.pk and v["soort"] == "vog" and v["document"] is None
    assert v["uiterlijk_op"] == verzoek.uiterlijk_op.isoformat()
    assert client.get(f"{API}inschrijvingen/{ander.pk}/").status_code == 404

    client.force_login(andere_inschrijver)
    assert client.get(f"{API}inschrijvingen/{eigen.pk}/").status_code == 404

    client.force_login(inkoper)
    alle = {i["id"]: i for i in client.get(f"{API}inschrijvingen/").json()["results"]}
    assert len(alle[eigen.pk]["documentverzoeken"]) == 1
    assert len(alle[ander.pk]["documentverzoeken"]) == 1
    # the API reads only: the method is not offered
    assert client.post(f"{API}inschrijvingen/", {}).status_code == 405


def test_the_demo_asks_the_model_documents_on_request_and_shows_a_delivered_request(client):
    from wmoregie.aanbestedingen.demo import laad_demo as laad_aanbesteding
    from wmoregie.accounts.models import User
    from wmoregie.demo import laad_demo

    laad_demo()
    aanbesteding = laad_aanbesteding()
    assert {
        v.soort: (v.moment, v.max_maanden) for v in aanbesteding.documentvereisten.all()
    } == dict(MODEL_DOCUMENTVEREISTEN)
    assert aanbesteding.levertermijn_dagen == 14
    verzoek = Documentverzoek.objects.get(inschrijving__aanbesteding=aanbesteding)
    assert (verzoek.verzocht_op, verzoek.uiterlijk_op) == (date(2025, 7, 1), date(2025, 7, 15))
    assert verzoek.document is not None
    client.force_login(User.objects.get(username="inkoper"))
    pagina = client.get(
        reverse("aanbestedingen:documentverzoeken", args=[verzoek.inschrijving_id])
    ).content.decode()
    assert "Ontvangen op 08-07-2025" in pagina


# --- review fixes (#15.6) --------------------------------------------------------------------


def test_a_document_the_procedure_does_not_ask_gets_no_age_check():
    """A voluntary upload (moment ``niet``) is not judged on its age: an older KvK extract in a
    procedure that configured nothing, or a GVA the procedure does not ask, blocks nothing."""
    nu = datetime(2025, 7, 10, tzinfo=UTC)
    ontvangen = datetime(2025, 7, 7, 10, tzinfo=UTC)
    oude_kvk = regels.DocumentFeit(soort=KVK, afgiftedatum=date(2024, 1, 1), ontvangen_op=ontvangen)
    oude_gva = regels.DocumentFeit(
        soort=Documentsoort.GVA, afgiftedatum=date(2022, 1, 1), ontvangen_op=ontvangen
    )
    ongeconfigureerd = _feiten(nu=nu, vereisten=(), documenten=[oude_kvk])
    assert "kvk-uittreksel-te-oud" not in _codes(ongeconfigureerd)
    niet = [regels.Vereiste(Documentsoort.GVA, Vraagmoment.NIET, 24)]
    assert "gva-te-oud" not in _codes(_feiten(nu=nu, vereisten=niet, documenten=[oude_gva]))
    # asked (on request): the same documents are too old
    gevraagd = [
        regels.Vereiste(KVK, Vraagmoment.OP_VERZOEK, 6),
        regels.Vereiste(Documentsoort.GVA, Vraagmoment.OP_VERZOEK, 24),
    ]
    codes = _codes(_feiten(nu=nu, vereisten=gevraagd, documenten=[oude_kvk, oude_gva]))
    assert {"kvk-uittreksel-te-oud", "gva-te-oud"} <= set(codes)


def test_the_gva_always_has_a_maximum_age_of_at_most_24_months(
    client, regio, inkoper, inschrijver, organisatie
):
    """Aanbestedingswet 2012, art. 4.14: a GVA is at most two years old, so the procedure cannot
    leave its maximum age empty (or set it above 24 months); page, API and rule agree."""
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    gva = Documentsoort.GVA
    for maanden in (None, 30):
        with pytest.raises(ValidationError) as fout:
            services.stel_documentvereisten_in(
                aanbesteding,
                gebruiker=inkoper,
                vereisten={gva: (Vraagmoment.OP_VERZOEK, maanden)},
                levertermijn_dagen=14,
            )
        assert _code(fout) == "gva-maximumleeftijd"
        assert "gva_maanden" in fout.value.error_dict
    assert not Documentvereiste.objects.exists()

    url = reverse("aanbestedingen:documentvereisten", args=[aanbesteding.pk])
    client.force_login(inkoper)
    data = {"levertermijn_dagen": "14"}
    for soort, (moment, maanden) in MODEL_DOCUMENTVEREISTEN.items():
        data[f"{soort}_moment"] = moment
        data[f"{soort}_maanden"] = "" if maanden is None else str(maanden)
    antwoord = client.post(url, {**data, "gva_maanden": ""})
    assert antwoord.status_code == 200 and not Documentvereiste.objects.exists()
    assert "Er is iets niet in orde" in antwoord.content.decode()
    assert client.post(url, {**data, "gva_maanden": "25"}).status_code == 200
    assert not Documentvereiste.objects.exists()

    # a row stored without a maximum (before this check) is read as the legal 24 months
    Documentvereiste.objects.create(
        aanbesteding=aanbesteding, soort=gva, moment=Vraagmoment.OP_VERZOEK, max_maanden=None
    )
    pagina = client.get(url).content.decode()
    assert (
        "24 maanden" in pagina
        and "geen maximum" not in pagina.split("<tbody>")[1].split("Verklaring betalingsgedrag")[0]
    )
    [vereiste] = [v for v in selectors.documentvereisten(aanbesteding) if v.soort == gva]
    assert vereiste.max_maanden == 24
    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(status=Status.SELECTIEFASE)
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)
    client.force_login(inschrijver)
    data = client.get(f"{API}aanbestedingen/{aanbesteding.pk}/").json()
    assert {v["soort"]: v["max_maanden"] for v in data["documentvereisten"]}[gva] == 24
    feiten = selectors.feiten_voor(inschrijving, lokaal(2025, 6, 10))
    assert feiten.vereiste(gva).max_maanden == 24


def test_a_gva_that_is_not_asked_needs_no_maximum_age(client, regio, inkoper):
    """Only a GVA that is asked must have its legal maximum; not asking it, the field may stay
    empty on the page (and above 24 months is still refused)."""
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    gva = Documentsoort.GVA
    url = reverse("aanbestedingen:documentvereisten", args=[aanbesteding.pk])
    client.force_login(inkoper)
    data = {"levertermijn_dagen": "14"}
    for soort, (moment, maanden) in MODEL_DOCUMENTVEREISTEN.items():
        data[f"{soort}_moment"] = moment
        data[f"{soort}_maanden"] = "" if maanden is None else str(maanden)
    niet = {**data, "gva_moment": Vraagmoment.NIET, "gva_maanden": "25"}
    assert client.post(url, niet).status_code == 200
    assert not Documentvereiste.objects.exists()

    antwoord = client.post(url, {**niet, "gva_maanden": ""})
    assert antwoord.status_code == 302
    vereiste = Documentvereiste.objects.get(aanbesteding=aanbesteding, soort=gva)
    assert (vereiste.moment, vereiste.max_maanden) == (Vraagmoment.NIET, None)


def test_a_future_date_of_issue_is_refused_at_registration_as_on_request(
    client, regio, inschrijver, organisatie
):
    aanbesteding = AanbestedingFactory(regio=regio)
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)
    partij = _hoofdaannemer(inschrijving)
    nu = lokaal(2025, 6, 10, 23, 30)  # 10 June in Amsterdam, already 11 June nowhere
    for soort in (Documentsoort.GVA, KVK, "betalingsgedrag", "vog"):
        with pytest.raises(ValidationError) as fout:
            services.voeg_document_toe(
                inschrijving,
                SimpleUploadedFile("d.pdf", eenvoudige_pdf(soort)),
                gebruiker=inschrijver,
                soort=soort,
                partij=partij,
                afgiftedatum=date(2025, 6, 11),
                nu=nu,
            )
        assert _code(fout) == "afgiftedatum-toekomst", soort
        # one code for a missing date, also for the GVA
        with pytest.raises(ValidationError) as fout:
            services.voeg_document_toe(
                inschrijving,
                SimpleUploadedFile("d.pdf", eenvoudige_pdf(soort)),
                gebruiker=inschrijver,
                soort=soort,
                partij=partij,
                nu=nu,
            )
        assert _code(fout) == "afgiftedatum-ontbreekt", soort
    # the day itself is fine
    document = services.voeg_document_toe(
        inschrijving,
        SimpleUploadedFile("kvk.pdf", eenvoudige_pdf("kvk")),
        gebruiker=inschrijver,
        soort=KVK,
        partij=partij,
        afgiftedatum=date(2025, 6, 10),
        nu=nu,
    )
    assert document.afgiftedatum == date(2025, 6, 10)

    # through the page: the message on the date field
    client.force_login(inschrijver)
    url = reverse("aanbestedingen:document-nieuw", args=[inschrijving.pk])
    with freeze_time(lokaal(2025, 6, 10, 12)):
        antwoord = client.post(
            url,
            {
                "soort": KVK,
                "partij": partij.pk,
                "afgiftedatum": "2025-06-12",
                "bestand": SimpleUploadedFile("kvk.pdf", eenvoudige_pdf("kvk")),
            },
        )
    assert antwoord.status_code == 200
    assert antwoord.context["form"].errors["afgiftedatum"] == [
        "De afgiftedatum ligt in de toekomst."
    ]
    assert inschrijving.documenten.filter(soort=KVK).count() == 1


@pytest.mark.parametrize("soort", ["gva", "betalingsgedrag", "kvk-uittreksel", "vog"])
def test_the_document_form_asks_party_and_date_of_issue_like_the_service(
    client, regio, inschrijver, organisatie, soort
):
    aanbesteding = AanbestedingFactory(regio=regio)
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)
    client.force_login(inschrijver)
    with freeze_time(lokaal(2025, 6, 10, 12)):
        antwoord = client.post(
            reverse("aanbestedingen:document-nieuw", args=[inschrijving.pk]),
            {"soort": soort, "bestand": SimpleUploadedFile("d.pdf", eenvoudige_pdf(soort))},
        )
    assert antwoord.status_code == 200
    form = antwoord.context["form"]
    assert form.errors["partij"] == ["Kies de partij van dit document."]
    assert form.errors["afgiftedatum"] == ["Geef de datum waarop het document is afgegeven."]
    assert not form.non_field_errors()
    assert not inschrijving.documenten.exists()


def test_the_registrations_list_costs_the_same_for_one_and_three_registrations(
    client, regio, inkoper, django_assert_max_num_queries
):
    """The requests (with their documents) and the procedure's settings are prefetched: no query
    per registration for them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    services.stel_documentvereisten_in(
        aanbesteding, gebruiker=inkoper, vereisten=MODEL_DOCUMENTVEREISTEN, levertermijn_dagen=14
    )
    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(
        status=Status.SELECTIE_BEOORDELING, selectie_geopend_op=lokaal(2025, 6, 30, 12, 5)
    )

    def inschrijving_met_verzoek():
        inschrijving = InschrijvingFactory(aanbesteding=aanbesteding)
        schone_uea(inschrijving)
        voldoet_aan_regels(inschrijving)
        services.verzoek_document(
            inschrijving, partij=_hoofdaannemer(inschrijving), soort="vog", gebruiker=inkoper
        )

    def verzoekqueries(context) -> int:
        return sum(
            "aanbestedingen_documentverzoek" in q["sql"]
            or "aanbestedingen_documentvereiste" in q["sql"]
            for q in context.captured_queries
        )

    inschrijving_met_verzoek()
    client.force_login(inkoper)
    url = f"{API}inschrijvingen/"
    with CaptureQueriesContext(connection) as een:
        [rij] = client.get(url).json()["results"]
    assert len(rij["documentverzoeken"]) == 1
    inschrijving_met_verzoek()
    inschrijving_met_verzoek()
    # the other parts of a row (its rule findings) still cost a few queries each: bounded here
    with django_assert_max_num_queries(len(een.captured_queries) + 2 * 8) as drie:
        rijen = client.get(url).json()["results"]
    assert [len(r["documentverzoeken"]) for r in rijen] == [1, 1, 1]
    # the requests with their documents and the procedure's settings: one query each, for one
    # registration as for three
    assert verzoekqueries(een) == verzoekqueries(drie) == 2
