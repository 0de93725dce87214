"""Build a procedure in the award assessment, for the tests of the award phase."""

from decimal import Decimal

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Fase, Status
from wmoregie.aanbestedingen.models import Indiening
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import OrganisatieFactory, RoltoekenningFactory, UserFactory

from .conftest import lokaal, open_met_vier_ogen
from .factories import AanbestedingFactory, InschrijvingFactory, voldoet_aan_regels

#: The worked example of docs/aanbestedingen-regels.md: 40/35/25 points, scale 10.
CRITERIA = (("k1", "Plan van aanpak", 40), ("k2", "Samenwerking", 35), ("k3", "Personeel", 25))


def nieuwe_beoordelaar(regio, naam="Beoordelaar"):
    gebruiker = UserFactory(first_name=naam, last_name="Test")
    RoltoekenningFactory(gebruiker=gebruiker, rol=Rol.BEOORDELAAR, regio=regio)
    return gebruiker


def in_beoordeling(
    regio,
    inkoper,
    namen=("Eemland Zorg", "Amersfoort Samen"),
    *,
    criteria=CRITERIA,
    percelen=None,
    **methode,
):
    """A procedure whose award phase is open for assessment, with one tender per name."""
    aanbesteding = AanbestedingFactory(
        regio=regio,
        status=Status.GUNNINGSFASE,
        selectie_geopend_op=lokaal(2025, 6, 30, 12, 5),
        percelen=percelen,
    )
    if methode:
        services.stel_beoordelingsmethode_vast(aanbesteding, gebruiker=inkoper, **methode)
    for code, naam, weging in criteria:
        services.voeg_criterium_toe(
            aanbesteding, gebruiker=inkoper, code=code, naam=naam, weging=Decimal(weging)
        )
    for naam in namen:
        inschrijving = InschrijvingFactory(
            aanbesteding=aanbesteding, organisatie=OrganisatieFactory(naam=naam)
        )
        inschrijving.toegelaten = True
        inschrijving.save()
        voldoet_aan_regels(inschrijving)
        Indiening.objects.create(
            inschrijving=inschrijving, fase=Fase.GUNNING, ingediend_op=lokaal(2025, 8, 15)
        )
    open_met_vier_ogen(aanbesteding, inkoper=inkoper, nu=lokaal(2025, 8, 18, 12, 5))
    aanbesteding.refresh_from_db()
    return aanbesteding


def inschrijving_van(aanbesteding, naam):
    return aanbesteding.inschrijvingen.get(organisatie__naam=naam)


def consensus(aanbesteding, inkoper, scores: dict[str, tuple], beoordelaars=()):
    """Every assessor scores as the consensus, then the consensus is recorded."""
    if not beoordelaars:
        beoordelaars = [nieuwe_beoordelaar(aanbesteding.regio)]
        services.teken_belangenverklaring(
            aanbesteding, gebruiker=beoordelaars[0], geen_belangenconflict=True
        )
    criteria = list(aanbesteding.criteria.all())
    for naam, waarden in scores.items():
        inschrijving = inschrijving_van(aanbesteding, naam)
        for criterium, waarde in zip(criteria, waarden, strict=True):
            for b in beoordelaars:
                services.beoordeel(
                    inschrijving, criterium, gebruiker=b, score=Decimal(waarde), motivering="Ok."
                )
            services.stel_consensus_vast(
                inschrijving,
                criterium,
                gebruiker=inkoper,
                score=Decimal(waarde),
                motivering=f"Consensus {naam} {criterium.code}.",
            )
