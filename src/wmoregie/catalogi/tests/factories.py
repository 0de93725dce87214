import factory

from wmoregie.catalogi.constants import Bekostigingsvariant, Eenheid, Inkooproute, Productcategorie


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogi.Regio"
        django_get_or_create = ["naam"]

    naam = "Regio Amersfoort"


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogi.Gemeente"
        django_get_or_create = ["code"]

    regio = factory.SubFactory(RegioFactory)
    code = factory.Iterator(["0307", "0308", "0313", "0317", "0327", "0342", "0351"])
    naam = factory.LazyAttribute(lambda o: f"Gemeente {o.code}")


class GebiedsteamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogi.Gebiedsteam"

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Gebiedsteam {n}")


class PerceelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogi.Perceel"

    regio = factory.SubFactory(RegioFactory)
    code = factory.Sequence(lambda n: f"perceel-{n}")
    naam = factory.Sequence(lambda n: f"Perceel {n}")
    bekostigingsvariant = Bekostigingsvariant.TAAKGERICHT
    inkooproute = Inkooproute.SAS_NIET_OPENBAAR


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogi.Product"

    perceel = factory.SubFactory(PerceelFactory)
    code = factory.Sequence(lambda n: f"product-{n}")
    naam = factory.Sequence(lambda n: f"Product {n}")
    omschrijving = "Een product om mee te testen."
    was_2025 = "Begeleiding"
    productcategorie = Productcategorie.BEGELEIDING
    productcode = factory.Sequence(lambda n: f"T{n:04d}")
    eenheid = factory.LazyAttribute(lambda o: "" if o.perceel.is_taakgericht else Eenheid.ETMAAL)
