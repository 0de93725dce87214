import factory

from wmoregie.accounts.constants import SCOPE_PER_ROL, Rol
from wmoregie.catalogi.tests.factories import GebiedsteamFactory, GemeenteFactory, RegioFactory


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Organisatie"

    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n}")
    naam = factory.Sequence(lambda n: f"Aanbieder {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        """``UserFactory(rol=Rol.INKOPER)`` gives the user that role with a fitting scope."""
        if extracted:
            RoltoekenningFactory(gebruiker=self, rol=extracted, **kwargs)
        if create:
            self.save()


_SCOPE_FACTORIES = {
    "regio": RegioFactory,
    "gemeente": GemeenteFactory,
    "gebiedsteam": GebiedsteamFactory,
    "organisatie": OrganisatieFactory,
}


class RoltoekenningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Roltoekenning"

    gebruiker = factory.SubFactory(UserFactory)
    rol = Rol.INKOPER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        scope = SCOPE_PER_ROL[kwargs["rol"]]
        if kwargs.get(scope) is None:
            kwargs[scope] = _SCOPE_FACTORIES[scope]()
        return super()._create(model_class, *args, **kwargs)
