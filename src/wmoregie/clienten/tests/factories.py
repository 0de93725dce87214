from datetime import date

import factory

from wmoregie.catalogi.tests.factories import GemeenteFactory, ProductFactory
from wmoregie.clienten.constants import Geslacht, TrajectStatus, Verwijzertype
from wmoregie.contracten.tests.factories import OvereenkomstFactory

# Test BSNs: the 999 range, each passing the elfproef.
GELDIGE_BSNS = ["999993021", "999990019", "999990020", "999990032", "999990044", "999990056"]


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienten.Client"

    bsn = factory.Iterator(GELDIGE_BSNS)
    voorletters = "JP"
    voornamen = "Jan Pieter"
    voorvoegsel = "de"
    achternaam = factory.Sequence(lambda n: f"Vries{n}")
    geboortedatum = date(1980, 5, 17)
    geslacht = Geslacht.MAN
    straat = "Stationsplein"
    huisnummer = 12
    postcode = "3811AB"
    woonplaats = "Amersfoort"
    gemeente = factory.SubFactory(GemeenteFactory, code="0307")


class VerwijsbronFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienten.Verwijsbron"
        django_get_or_create = ["code"]

    code = "gebiedsteam"
    naam = "Gebiedsteam"
    verwijzertype = Verwijzertype.GEMEENTE


class WeigerredenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienten.Weigerreden"
        django_get_or_create = ["code"]

    code = "buiten-opdracht"
    naam = "Passende ondersteuning valt buiten de opdracht"


class AanmeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienten.Aanmelding"

    client = factory.SubFactory(ClientFactory)
    gemeente = factory.SelfAttribute("client.gemeente")
    overeenkomst = factory.SubFactory(OvereenkomstFactory)
    product = factory.SubFactory(
        ProductFactory, perceel=factory.SelfAttribute("..overeenkomst.perceel")
    )
    bron = factory.SubFactory(VerwijsbronFactory)
    vraag = "Hulp bij het ordenen van de administratie en het huishouden."
    aangemeld_op = date(2026, 3, 2)


class TrajectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienten.Traject"

    aanmelding = factory.SubFactory(AanmeldingFactory, status="geaccepteerd")
    client = factory.SelfAttribute("aanmelding.client")
    product = factory.SelfAttribute("aanmelding.product")
    status = TrajectStatus.WACHTEND
    geopend_op = factory.SelfAttribute("aanmelding.aangemeld_op")
    referentie_aanbieder = factory.Sequence(lambda n: f"WR-TEST-{n:06d}")


class MeetinstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienten.Meetinstrument"
        django_get_or_create = ["naam"]
        skip_postgeneration_save = True

    naam = "Zelfredzaamheid-Matrix"
    laagste = 1
    hoogste = 5
    schaallabels = [
        "Acute problematiek",
        "Niet zelfredzaam",
        "Beperkt zelfredzaam",
        "Voldoende zelfredzaam",
        "Volledig zelfredzaam",
    ]

    @factory.post_generation
    def domeinen(self, create, extracted, **kwargs):
        if not create:
            return
        from wmoregie.clienten.models import Levensdomein

        for volgorde, (code, naam) in enumerate(
            extracted
            or [
                ("financien", "Financiën"),
                ("huisvesting", "Huisvesting"),
                ("sociaal-netwerk", "Sociaal netwerk"),
            ],
            start=1,
        ):
            Levensdomein.objects.get_or_create(
                meetinstrument=self, code=code, defaults={"naam": naam, "volgorde": volgorde}
            )
