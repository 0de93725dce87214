"""The demo procedure run on to its definitive award through the services, for the tests of
the award notice (the pages' way is in ``test_demo_gunning.py``)."""

from datetime import timedelta
from decimal import Decimal

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import PartijRol, Regelbesluitsoort
from wmoregie.aanbestedingen.demo import laad_demo
from wmoregie.accounts.models import User
from wmoregie.demo import laad_demo as laad_basisdemo

from .conftest import lokaal

#: The consensus per tender (by a word of its name) on the four criteria of the demo.
CONSENSUS = {"Samen Thuis Eemland": (8, 7, 8, 9), "Zorgkracht": (6, 6, 6, 8)}


def demo_definitief_gegund():
    """The demo procedure, assessed, provisionally awarded on 1 September 2025 and definitively
    awarded after the standstill: the agreement WMO-BEG-2026-A with the combination."""
    laad_basisdemo()
    aanbesteding = laad_demo()
    inkoper = User.objects.get(username="inkoper")
    beoordelaars = list(
        User.objects.filter(username__startswith="beoordelaar").order_by("username")
    )
    for beoordelaar in beoordelaars:
        services.teken_belangenverklaring(
            aanbesteding, gebruiker=beoordelaar, geen_belangenconflict=True
        )
    criteria = list(aanbesteding.criteria.all())
    for inschrijving in services.te_beoordelen(aanbesteding):
        sleutel = next(k for k in CONSENSUS if k in inschrijving.weergavenaam)
        for criterium, score in zip(criteria, CONSENSUS[sleutel], strict=True):
            for beoordelaar in beoordelaars:
                services.beoordeel(
                    inschrijving,
                    criterium,
                    gebruiker=beoordelaar,
                    score=Decimal(score),
                    motivering="Ok.",
                )
            services.stel_consensus_vast(
                inschrijving, criterium, gebruiker=inkoper, score=Decimal(score), motivering="Eens."
            )
    # Zorgkracht's vaste onderaannemer came after the selection deadline without consent: the
    # finding blocks the award until the inkoper decides on it
    zorgkracht = next(i for i in services.te_beoordelen(aanbesteding) if "Zorgkracht" in str(i))
    services.neem_regelbesluit(
        zorgkracht,
        code="toestemming-na-selectiedeadline",
        partij_id=zorgkracht.partijen.get(rol=PartijRol.VASTE_ONDERAANNEMER).pk,
        besluit=Regelbesluitsoort.HERSTELD,
        motivering="Toestemming alsnog gevraagd en verleend binnen de gestelde termijn.",
        gebruiker=inkoper,
        nu=lokaal(2025, 8, 29, 10),
    )
    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 1, 10))
    aanbesteding.refresh_from_db()
    einde = services.standstill_einde(aanbesteding)
    services.gun_definitief(
        aanbesteding,
        gebruiker=inkoper,
        nummer="WMO-BEG-2026-A",
        einddatum=lokaal(2029, 12, 31).date(),
        combinatie_kvk="90000099",
        nu=lokaal(einde.year, einde.month, einde.day) + timedelta(days=1),
    )
    aanbesteding.refresh_from_db()
    return aanbesteding, inkoper


def met_omvang_en_regio(aanbesteding, inkoper) -> None:
    """The tenderers' size and region, which the award notice asks and the inkoper adds."""
    from wmoregie.aanbestedingen.eforms import gegevens
    from wmoregie.aanbestedingen.eforms import services as eforms_services

    for partij in gegevens.partijen_voor_omvang(aanbesteding):
        eforms_services.leg_partijgegevens_vast(
            aanbesteding, partij, gebruiker=inkoper, omvang="medium", nuts="NL350"
        )
