from dataclasses import asdict

from django.utils import timezone

import factory

from wmoregie.aanbestedingen.constants import LEDEN, Fase, Inschrijvingsoort, PartijRol, Status
from wmoregie.aanbestedingen.services import UITSLUITINGSGRONDEN_NL
from wmoregie.aanbestedingen.termijnen import demo_planning
from wmoregie.accounts.tests.factories import OrganisatieFactory
from wmoregie.catalogi.tests.factories import PerceelFactory, RegioFactory

DEMO_PLANNING = asdict(demo_planning())


class AanbestedingFactory(factory.django.DjangoModelFactory):
    """A procedure with the seed's planning (2025), in the status asked for (default: open)."""

    class Meta:
        model = "aanbestedingen.Aanbesteding"
        skip_postgeneration_save = True

    kenmerk = factory.Sequence(lambda n: f"RA-TEST-{n:03d}")
    naam = factory.Sequence(lambda n: f"Aanbesteding {n}")
    regio = factory.SubFactory(RegioFactory)
    status = Status.SELECTIEFASE
    strategie_vastgesteld = DEMO_PLANNING["strategie_vastgesteld"]
    publicatie = DEMO_PLANNING["publicatie"]
    vragen_deadline = DEMO_PLANNING["vragen_deadline"]
    selectie_deadline = DEMO_PLANNING["selectie_deadline"]
    selectiebeslissing = DEMO_PLANNING["selectiebeslissing"]
    inschrijving_deadline = DEMO_PLANNING["inschrijving_deadline"]
    voorlopige_gunning = DEMO_PLANNING["voorlopige_gunning"]
    standstill_einde = DEMO_PLANNING["standstill_einde"]
    definitieve_gunning = DEMO_PLANNING["definitieve_gunning"]
    contractstart = DEMO_PLANNING["contractstart"]

    @factory.post_generation
    def percelen(self, create, extracted, **kwargs):
        if not create:
            return
        self.percelen.set(
            extracted if extracted is not None else [PerceelFactory(regio=self.regio)]
        )


class InschrijvingFactory(factory.django.DjangoModelFactory):
    """A registration with its leading party (as ``services.schrijf_in`` makes it)."""

    class Meta:
        model = "aanbestedingen.Inschrijving"
        skip_postgeneration_save = True

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    soort = Inschrijvingsoort.HOOFDAANNEMER
    combinatienaam = factory.LazyAttribute(
        lambda o: "Combinatie Test" if o.soort == Inschrijvingsoort.COMBINATIE else ""
    )
    aangemaakt_op = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def leidend(self, create, extracted, **kwargs):
        if create:
            PartijFactory(
                inschrijving=self,
                rol=PartijRol.PENVOERDER
                if self.soort == Inschrijvingsoort.COMBINATIE
                else PartijRol.HOOFDAANNEMER,
                naam=self.organisatie.naam,
                kvk_nummer=self.organisatie.kvk_nummer,
                toegevoegd_op=self.aangemaakt_op,
            )


class PartijFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "aanbestedingen.Partij"

    inschrijving = factory.SubFactory(InschrijvingFactory)
    rol = PartijRol.VASTE_ONDERAANNEMER
    naam = factory.Sequence(lambda n: f"Partij {n}")
    kvk_nummer = factory.Sequence(lambda n: f"{30000000 + n}")
    taakomschrijving = "Begeleiding in de wijk."
    fase = Fase.SELECTIE
    toegevoegd_op = factory.LazyFunction(timezone.now)


def schone_uea(*inschrijvingen) -> None:
    """Every party of these registrations answered every exclusion ground "no" (a clean UEA):
    nothing for the inkoper to assess before admitting."""
    from wmoregie.aanbestedingen.models import Partij

    antwoorden = [
        {"code": code, "naam": naam, "antwoord": False, "toelichting": ""}
        for code, naam in UITSLUITINGSGRONDEN_NL
    ]
    Partij.objects.filter(inschrijving__in=inschrijvingen).update(uitsluitingsgronden=antwoorden)


def voldoet_aan_regels(*inschrijvingen, moment=None) -> None:
    """Make these registrations pass the rules of ``regels`` (no error-level finding, so the
    admission and the award are not blocked): every party named before the selection deadline,
    with a task, a signed UEA and a fresh GVA received then. A hoofdaannemer, penvoerder or combinant
    without answers to the exclusion grounds answers them all "no"; other answers are kept."""
    from datetime import date

    from wmoregie.aanbestedingen.constants import Documentsoort
    from wmoregie.aanbestedingen.models import Document, Partij

    moment = moment or timezone.make_aware(timezone.datetime(2025, 6, 20, 10))
    for partij in Partij.objects.filter(inschrijving__in=inschrijvingen):
        partij.toegevoegd_op = moment
        if partij.rol in LEDEN and not partij.uitsluitingsgronden:
            partij.uitsluitingsgronden = [
                {"code": code, "naam": naam, "antwoord": False, "toelichting": ""}
                for code, naam in UITSLUITINGSGRONDEN_NL
            ]
        partij.taakomschrijving = partij.taakomschrijving or "Begeleiding in de wijk."
        partij.save(update_fields=["toegevoegd_op", "uitsluitingsgronden", "taakomschrijving"])
        if partij.rol == PartijRol.INCIDENTELE_ONDERAANNEMER:
            continue
        for soort, extra in (
            (Documentsoort.UEA, {"ondertekend": True, "uea_vorm": "papier"}),
            (Documentsoort.GVA, {"afgiftedatum": date(2025, 3, 3)}),
        ):
            if not partij.documenten.filter(soort=soort).exists():
                Document.objects.create(
                    inschrijving=partij.inschrijving,
                    partij=partij,
                    soort=soort,
                    fase=Fase.SELECTIE,
                    bestand=f"test/{soort}-{partij.pk}.pdf",
                    bestandsnaam=f"{soort}.pdf",
                    inhoudstype="application/pdf",
                    grootte=1,
                    ontvangen_op=moment,
                    **extra,
                )


def klaar_voor_publicatie(aanbesteding, gebruiker):
    """Give a concept procedure the minimum a publication needs: the selection guideline, one
    suitability requirement and one award criterion (code ``k1``, 100 points), returned."""
    from decimal import Decimal

    from wmoregie.aanbestedingen import services
    from wmoregie.aanbestedingen.constants import Aanbestedingsdocumentsoort
    from wmoregie.aanbestedingen.models import Aanbestedingsdocument

    Aanbestedingsdocument.objects.create(
        aanbesteding=aanbesteding,
        soort=Aanbestedingsdocumentsoort.SELECTIELEIDRAAD,
        fase=Fase.SELECTIE,
        versie=1,
        bestand="test/selectieleidraad.pdf",
        bestandsnaam="selectieleidraad.pdf",
        inhoudstype="application/pdf",
        grootte=1,
        geplaatst_op=timezone.now(),
    )
    services.voeg_geschiktheidseis_toe(
        aanbesteding, gebruiker=gebruiker, naam="Kwaliteitskeurmerk", bewijs="Certificaat"
    )
    return services.voeg_criterium_toe(
        aanbesteding, gebruiker=gebruiker, code="k1", naam="Kwaliteit", weging=Decimal(100)
    )
