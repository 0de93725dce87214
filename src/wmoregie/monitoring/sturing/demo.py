"""Demo data of the steering cycle: shared goals, indicators with this year's norms, the
obligations of the consortium's agreement, one frozen steering meeting with a decision and an
action, and an open client experience survey with answers. Idempotent."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wmoregie.accounts.models import User
from wmoregie.catalogi.models import Regio
from wmoregie.contracten.models import Overeenkomst

from ..models import Doel, Ervaringsonderzoek, Indicator, Stuuroverleg, Verplichting
from . import ervaring, services
from .constants import VRAGEN, Berekening, Schaal, Verplichtingsoort

OVEREENKOMST = "WMO-BEG-2026"
ZAAD = 13

DOELEN = (
    ("tijdig", "Cliënten krijgen snel passende ondersteuning", 1),
    ("zelfredzaam", "Cliënten worden zelfredzamer en stromen volgens plan uit", 2),
    ("tevreden", "Cliënten zijn tevreden over de ondersteuning", 3),
)
# (code, name, calculation, goal, responsible role, target, tolerance)
INDICATOREN = (
    (
        "wachttijd",
        "Gestart binnen de wachttijdnorm",
        Berekening.BINNEN_WACHTTIJDNORM,
        "tijdig",
        "backoffice",
        "90",
        "5",
    ),
    (
        "acceptatie",
        "Aanmeldingen geaccepteerd",
        Berekening.ACCEPTATIEGRAAD,
        "tijdig",
        "contractmanager",
        "95",
        "3",
    ),
    (
        "volgens-plan",
        "Volgens plan beëindigd",
        Berekening.VOLGENS_PLAN_BEEINDIGD,
        "zelfredzaam",
        "backoffice",
        "70",
        "10",
    ),
    (
        "lopend",
        "Lopende trajecten",
        Berekening.LOPENDE_TRAJECTEN,
        "zelfredzaam",
        "contractmanager",
        None,
        None,
    ),
    (
        "ervaring",
        "Tevreden over de kwaliteit",
        Berekening.CLIENTERVARING,
        "tevreden",
        "contractmanager",
        "80",
        "5",
    ),
)


@transaction.atomic
def laad_demo() -> None:
    overeenkomst = Overeenkomst.objects.filter(nummer=OVEREENKOMST).select_related("regio").first()
    contractmanager = User.objects.filter(username="contractmanager").first()
    backoffice = User.objects.filter(username="backoffice").first()
    if overeenkomst is None or contractmanager is None or backoffice is None:
        return  # the demo of accounts and contracten comes first
    regio: Regio = overeenkomst.regio
    if Indicator.objects.filter(regio=regio).exists():
        return
    vandaag = timezone.localdate()
    doelen = {
        sleutel: Doel.objects.create(regio=regio, titel=titel, volgorde=volgorde)
        for sleutel, titel, volgorde in DOELEN
    }
    indicatoren = {}
    for code, naam, berekening, doel, rol, streef, tolerantie in INDICATOREN:
        indicator = Indicator.objects.create(
            regio=regio,
            code=code,
            naam=naam,
            berekening=berekening,
            doel=doelen[doel],
            verantwoordelijke_rol=rol,
        )
        indicatoren[code] = indicator
        if streef is not None:
            services.stel_norm_vast(
                indicator,
                jaar=vandaag.year,
                streefwaarde=Decimal(streef),
                tolerantie=Decimal(tolerantie),
                door=contractmanager,
            )
    kwartaal_eind = vandaag.replace(day=1) - timedelta(days=1)
    Verplichting.objects.create(
        overeenkomst=overeenkomst,
        soort=Verplichtingsoort.RAPPORTAGE,
        omschrijving="Kwartaalrapportage aan de regio",
        artikel="art. 12.2",
        termijn=kwartaal_eind + timedelta(days=30),
    )
    Verplichting.objects.create(
        overeenkomst=overeenkomst,
        soort=Verplichtingsoort.RAPPORTAGE,
        omschrijving="Jaarverantwoording vorig jaar",
        artikel="art. 12.4",
        termijn=vandaag - timedelta(days=20),
        nagekomen_op=vandaag - timedelta(days=25),
    )
    Verplichting.objects.create(
        overeenkomst=overeenkomst,
        soort=Verplichtingsoort.WACHTTIJDNORM,
        omschrijving="Start binnen de wachttijdnorm",
        artikel="art. 7.3",
        indicator=indicatoren["wachttijd"],
    )
    Verplichting.objects.create(
        overeenkomst=overeenkomst,
        soort=Verplichtingsoort.ACCEPTATIEPLICHT,
        omschrijving="Acceptatieplicht",
        artikel="art. 3.1",
        indicator=indicatoren["acceptatie"],
    )

    _ervaringsonderzoek(regio, vandaag, contractmanager)

    datum = max(vandaag.replace(month=1, day=1), vandaag - timedelta(days=14))
    if not Stuuroverleg.objects.filter(overeenkomst=overeenkomst, datum=datum).exists():
        overleg = services.plan_overleg(
            overeenkomst,
            datum=datum,
            titel="Stuuroverleg begeleiding",
            agenda=["Stand van de indicatoren", "Wachttijden per gemeente", "Rondvraag"],
            door=contractmanager,
        )
        services.bevries(overleg, door=contractmanager, vandaag=vandaag)
        punt = overleg.agendapunten.get(volgnummer=2)
        besluit = services.leg_besluit_vast(
            overleg,
            tekst="Het consortium zet tijdelijk extra capaciteit in op de wachtlijst in Amersfoort.",
            agendapunt=punt,
            door=contractmanager,
        )
        services.maak_actie(
            overleg,
            omschrijving="Plan voor extra capaciteit op de wachtlijst opstellen",
            eigenaar=backoffice,
            uiterlijk_op=datum + timedelta(days=21),
            besluit=besluit,
            door=contractmanager,
        )


def _ervaringsonderzoek(regio, vandaag, contractmanager) -> None:
    if Ervaringsonderzoek.objects.filter(regio=regio, jaar=vandaag.year).exists():
        return
    onderzoek = ervaring.maak_onderzoek(
        regio, jaar=vandaag.year, minimum_aantal=5, door=contractmanager
    )
    ervaring.open_onderzoek(onderzoek, door=contractmanager)
    rng = random.Random(ZAAD)  # noqa: S311 - reproducible demo data, not secrets  # nosec B311
    gewichten = [
        (Schaal.HELEMAAL_EENS, 30),
        (Schaal.EENS, 40),
        (Schaal.NEUTRAAL, 15),
        (Schaal.ONEENS, 8),
        (Schaal.HELEMAAL_ONEENS, 3),
        (Schaal.WEET_NIET, 4),
    ]
    waarden = [w for w, _n in gewichten]
    kansen = [n for _w, n in gewichten]
    for uitnodiging in onderzoek.uitnodigingen.order_by("pk"):
        if rng.random() > 0.6:
            continue
        antwoorden = {code: rng.choices(waarden, kansen)[0] for code, _t in VRAGEN}
        ervaring.sla_antwoorden_op(uitnodiging, antwoorden=antwoorden, met_hulp=rng.random() < 0.2)
