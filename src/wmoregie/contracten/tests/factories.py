from datetime import date
from decimal import Decimal

import factory

from wmoregie.accounts.tests.factories import OrganisatieFactory
from wmoregie.catalogi.constants import Bekostigingsvariant
from wmoregie.catalogi.tests.factories import PerceelFactory, ProductFactory, RegioFactory
from wmoregie.contracten.constants import (
    Onderaannemersoort,
    OnderaannemerStatus,
    Opdrachtnemersvorm,
    OvereenkomstStatus,
    PrijsbladStatus,
)


class OvereenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contracten.Overeenkomst"

    nummer = factory.Sequence(lambda n: f"OVK-{n:04d}")
    naam = factory.Sequence(lambda n: f"Overeenkomst {n}")
    regio = factory.SubFactory(RegioFactory)
    perceel = factory.SubFactory(PerceelFactory, regio=factory.SelfAttribute("..regio"))
    bekostigingsvariant = factory.LazyAttribute(lambda o: o.perceel.bekostigingsvariant)
    opdrachtnemersvorm = Opdrachtnemersvorm.HOOFDAANNEMER
    opdrachtnemer = factory.SubFactory(OrganisatieFactory)
    ingangsdatum = date(2026, 1, 1)
    einddatum = date(2029, 12, 31)
    artikelen = ["3.2", "3.9"]
    status = OvereenkomstStatus.ACTIEF


def per_client_overeenkomst(**extra):
    """An agreement of a per-client lot (inspanningsgericht): the main contractor receives a
    tariff per unit, so its price sheets show a margin."""
    perceel = PerceelFactory(bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT)
    return OvereenkomstFactory(perceel=perceel, regio=perceel.regio, **extra)


class PrijsbladFactory(factory.django.DjangoModelFactory):
    """The worked example of the docs: scale 8, 3,500.00 a month → 61.67 per hour."""

    class Meta:
        model = "contracten.Prijsblad"
        skip_postgeneration_save = True

    overeenkomst = factory.SubFactory(OvereenkomstFactory)
    product = factory.SubFactory(
        ProductFactory, perceel=factory.SelfAttribute("..overeenkomst.perceel")
    )
    kwalificatieniveau = "hbo"
    versie = 1
    status = PrijsbladStatus.GEPUBLICEERD
    geldig_vanaf = date(2026, 1, 1)
    cao = "Cao Sociaal Werk"
    schaal = "8"
    trede = "5"
    maandsalaris = Decimal("3500.00")
    vakantietoeslag_percentage = Decimal("8")
    eindejaarsuitkering_percentage = Decimal("8.33")
    werkgeverslasten_percentage = Decimal("30")
    jaaruren_per_fte = Decimal("1872")
    overhead_percentage = Decimal("20")
    risico_winst_percentage = Decimal("3")
    # what the main contractor receives per unit: only under a per-client lot (#15.8)
    ontvangen_tarief = factory.LazyAttribute(
        lambda o: None if o.overeenkomst.is_taakgericht else Decimal("66.00")
    )
    bronnen = "Voorbeeld uit de documentatie."

    @factory.post_generation
    def niet_productief(self, create, extracted, **kwargs):
        if not create:
            return
        from wmoregie.contracten.models import NietProductieveTijdregel

        NietProductieveTijdregel.objects.create(
            prijsblad=self, omschrijving="Niet-productieve tijd", percentage=Decimal("32")
        )
        self.tarief = self.berekening().tarief
        self.save()


class OnderaannemerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contracten.Onderaannemer"
        skip_postgeneration_save = True

    overeenkomst = factory.SubFactory(OvereenkomstFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    soort = Onderaannemersoort.VAST
    expertise = "Ambulante begeleiding."
    ingangsdatum = date(2026, 1, 1)
    status = OnderaannemerStatus.ACTIEF
    toestemming_vereist = False

    @factory.post_generation
    def producten(self, create, extracted, **kwargs):
        if create:
            self.producten.set(
                extracted
                if extracted is not None
                else [ProductFactory(perceel=self.overeenkomst.perceel)]
            )


class OnderaanneemcontractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contracten.Onderaanneemcontract"

    onderaannemer = factory.SubFactory(OnderaannemerFactory)
    prijsblad = factory.SubFactory(
        PrijsbladFactory,
        overeenkomst=factory.SelfAttribute("..onderaannemer.overeenkomst"),
        product=factory.LazyAttribute(lambda o: o.factory_parent.onderaannemer.producten.first()),
    )
    nummer = factory.Sequence(lambda n: f"OAC-{n:04d}")
    ingangsdatum = date(2026, 1, 1)
    einddatum = date(2027, 12, 31)
