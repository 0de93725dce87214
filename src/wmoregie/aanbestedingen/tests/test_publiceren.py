"""Issue 15.4: publishing needs the minimum (selection guideline, a suitability requirement,
the award criteria) and the planned publication date; every irreversible step (publish, send
the selection letters, the provisional and the definitive award, withdraw) asks to confirm."""

from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Status
from wmoregie.aanbestedingen.models import Statuswijziging
from wmoregie.catalogi.tests.factories import RegioFactory

from .conftest import lokaal
from .factories import AanbestedingFactory, klaar_voor_publicatie
from .gunning_helpers import consensus, in_beoordeling

pytestmark = pytest.mark.django_db


def _publiceer(aanbesteding, inkoper, nu):
    return services.wijzig_status(aanbesteding, Status.SELECTIEFASE, gebruiker=inkoper, nu=nu)


def test_publishing_needs_the_guideline_requirements_and_criteria(regio, inkoper):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    with pytest.raises(ValidationError) as fout:
        _publiceer(aanbesteding, inkoper, lokaal(2025, 6, 2, 9))
    assert fout.value.code == "publicatie-onvolledig"
    tekst = " ".join(fout.value.messages)
    for wat in ("selectieleidraad", "geschiktheidseis", "gunningscriteria"):
        assert wat in tekst, wat
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.CONCEPT
    assert not Statuswijziging.objects.exists()

    klaar_voor_publicatie(aanbesteding, inkoper)
    _publiceer(aanbesteding, inkoper, lokaal(2025, 6, 2, 9))
    assert aanbesteding.status == Status.SELECTIEFASE


@pytest.mark.parametrize(
    ("moment", "toegestaan"),
    [
        (lokaal(2025, 6, 1, 23, 59), False),
        (lokaal(2025, 6, 2, 0, 30), True),  # 22:30 UTC on 1 June: Amsterdam's day counts
        (lokaal(2025, 6, 10), True),
    ],
)
def test_publishing_waits_for_the_planned_publication_date(moment, toegestaan, regio, inkoper):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    assert aanbesteding.publicatie == date(2025, 6, 2)
    klaar_voor_publicatie(aanbesteding, inkoper)
    if toegestaan:
        _publiceer(aanbesteding, inkoper, moment)
        assert aanbesteding.status == Status.SELECTIEFASE
    else:
        with pytest.raises(ValidationError) as fout:
            _publiceer(aanbesteding, inkoper, moment)
        assert fout.value.code == "voor-publicatiedatum"
        assert "02-06-2025" in fout.value.messages[0]


def test_the_page_asks_to_confirm_publishing_and_shows_what_is_missing(
    client, regio, inkoper, beoordelaar
):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT)
    status = reverse("aanbestedingen:status", args=[aanbesteding.pk])
    detail = reverse("aanbestedingen:detail", args=[aanbesteding.pk])
    client.force_login(inkoper)
    with freeze_time(lokaal(2025, 6, 2, 9)):
        pagina = client.get(detail).content.decode()
        assert "Publiceren kan nog niet; eerst is nodig: de selectieleidraad" in pagina
        # refused steps are not confirmed: the refusal is shown
        antwoord = client.post(status, {"naar": Status.SELECTIEFASE}, follow=True)
        assert "Publiceren kan nog niet" in antwoord.content.decode()
        assert "weet u het zeker" not in antwoord.content.decode()

        klaar_voor_publicatie(aanbesteding, inkoper)
        antwoord = client.post(status, {"naar": Status.SELECTIEFASE})
        assert antwoord.status_code == 200
        tekst = antwoord.content.decode()
        assert "Publiceren: aanmelden openstellen: weet u het zeker?" in tekst
        assert "De aanbesteding wordt openbaar" in tekst
        assert (
            'name="bevestigd" value="ja"' in tekst and 'name="naar" value="selectiefase"' in tekst
        )
        aanbesteding.refresh_from_db()
        assert aanbesteding.status == Status.CONCEPT  # nothing happened yet

        client.force_login(beoordelaar)
        assert client.post(status, {"naar": "selectiefase", "bevestigd": "ja"}).status_code == 403
        client.force_login(inkoper)
        client.post(status, {"naar": Status.SELECTIEFASE, "bevestigd": "ja"})
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIEFASE


def test_withdrawing_is_confirmed_with_its_reason_carried_over(client, regio, inkoper):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    status = reverse("aanbestedingen:status", args=[aanbesteding.pk])
    client.force_login(inkoper)
    gegevens = {"naar": Status.INGETROKKEN, "reden": "Budget vervallen."}
    tekst = client.post(status, gegevens).content.decode()
    assert "kan niet worden teruggedraaid" in tekst and 'value="Budget vervallen."' in tekst
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIEFASE
    client.post(status, gegevens | {"bevestigd": "ja"})
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.INGETROKKEN
    assert aanbesteding.statuswijzigingen.get().reden == "Budget vervallen."


def test_sending_the_award_letters_and_the_definitive_award_are_confirmed(client, regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    consensus(aanbesteding, inkoper, {"Eemland Zorg": (8, 6, 10), "Amersfoort Samen": (6, 10, 6)})
    client.force_login(inkoper)
    voorlopig = reverse("aanbestedingen:voorlopig-gunnen", args=[aanbesteding.pk])
    with freeze_time(lokaal(2025, 9, 5, 10)):
        tekst = client.post(voorlopig).content.decode()
        assert "De gunningsbrieven gaan naar alle inschrijvers" in tekst
        assert not aanbesteding.gunningsbrieven.exists()
        client.post(voorlopig, {"bevestigd": "ja"})
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.VOORLOPIG_GEGUND
    assert aanbesteding.gunningsbrieven.count() == 2

    definitief = reverse("aanbestedingen:definitief-gunnen", args=[aanbesteding.pk])
    gegevens = {"nummer": "RA-OVK-15", "einddatum": "2029-12-31"}
    with freeze_time(lokaal(2025, 9, 26, 10)):
        tekst = client.post(definitief, gegevens).content.decode()
        assert "de overeenkomst met de winnaar wordt aangemaakt" in tekst
        assert 'name="nummer" value="RA-OVK-15"' in tekst
        aanbesteding.refresh_from_db()
        assert aanbesteding.status == Status.VOORLOPIG_GEGUND
        client.post(definitief, gegevens | {"bevestigd": "ja"})
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.DEFINITIEF_GEGUND
    assert aanbesteding.overeenkomst.nummer == "RA-OVK-15"


def test_another_regions_inkoper_cannot_reach_the_confirmation(client, regio, inkoper):
    from wmoregie.accounts.constants import Rol
    from wmoregie.accounts.tests.factories import RoltoekenningFactory, UserFactory

    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    ander = UserFactory()
    RoltoekenningFactory(gebruiker=ander, rol=Rol.INKOPER, regio=RegioFactory(naam="Regio Eem"))
    client.force_login(ander)
    status = reverse("aanbestedingen:status", args=[aanbesteding.pk])
    assert client.post(status, {"naar": Status.INGETROKKEN, "reden": "x"}).status_code == 404
    assert (
        client.post(status, {"naar": "ingetrokken", "reden": "x", "bevestigd": "ja"}).status_code
        == 404
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIEFASE
