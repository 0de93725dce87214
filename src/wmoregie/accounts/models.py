"""Users, the organisations they work for, and their roles with a scope."""

from typing import NamedTuple

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .constants import SCOPE_PER_ROL, Organisatiesoort, Rol, Scope
from .validators import validate_agb_code, validate_kvk_nummer


class Organisatie(models.Model):
    """An organisation registered in the Handelsregister: a provider, subcontractor or consortium."""

    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[validate_kvk_nummer]
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(
        _("soort"),
        max_length=20,
        choices=Organisatiesoort.choices,
        default=Organisatiesoort.AANBIEDER,
    )
    adres = models.CharField(_("adres"), max_length=250, blank=True)
    agb_code = models.CharField(
        _("AGB-code"),
        max_length=8,
        blank=True,
        validators=[validate_agb_code],
        help_text=_("Acht cijfers (Vektis). iWmo-berichten noemen de aanbieder met deze code."),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["agb_code"], condition=~Q(agb_code=""), name="organisatie_agb_code_uniek"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Toekenning(NamedTuple):
    """One role assignment as plain values (``User.toekenningen``)."""

    rol: str
    regio_id: int | None
    gemeente_id: int | None
    gebiedsteam_id: int | None
    organisatie_id: int | None


class User(AbstractUser):
    """A person who signs in. What they may do follows from their role assignments."""

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def rollen(self) -> set[str]:
        return {toekenning.rol for toekenning in self.toekenningen()}

    def toekenningen(self) -> tuple[Toekenning, ...]:
        """The user's role assignments as plain values: what every access check reads. A page
        asks many times; remembered on this instance (one request) until any role assignment
        in this process changes (a test, a shell, the admin)."""
        if not self.is_authenticated or not self.is_active:
            return ()
        onthouden = getattr(self, "_toekenningen", None)
        if onthouden is None or onthouden[0] != _roltoekenningen_versie[0]:
            rijen = self.roltoekenningen.values_list(*Toekenning._fields)
            onthouden = (_roltoekenningen_versie[0], tuple(Toekenning(*rij) for rij in rijen))
            self._toekenningen = onthouden
        return onthouden[1]


# Bumped on every change of a role assignment (signals below), so remembered roles are renewed.
_roltoekenningen_versie = [0]


def _rollen_veranderd(**kwargs) -> None:
    _roltoekenningen_versie[0] += 1


class Roltoekenning(models.Model):
    """One role of one user, bound to exactly the scope that role carries."""

    gebruiker = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="roltoekenningen", verbose_name=_("gebruiker")
    )
    rol = models.CharField(_("rol"), max_length=40, choices=Rol.choices)
    regio = models.ForeignKey(
        "catalogi.Regio", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("regio")
    )
    gemeente = models.ForeignKey(
        "catalogi.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("gemeente"),
    )
    gebiedsteam = models.ForeignKey(
        "catalogi.Gebiedsteam",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("gebiedsteam"),
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("organisatie")
    )
    # Who granted the role, and when (empty for grants from before this was kept, and for the
    # demo data). Nobody grants a role to themselves: refused by the services and the database.
    toegekend_door = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("toegekend door"),
    )
    toegekend_op = models.DateTimeField(_("toegekend op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("roltoekenning")
        verbose_name_plural = _("roltoekenningen")
        constraints = [
            models.CheckConstraint(
                name="roltoekenning_niet_aan_zichzelf",
                condition=~Q(toegekend_door=F("gebruiker")),
            ),
            models.CheckConstraint(
                name="roltoekenning_precies_een_scope",
                condition=(
                    Q(
                        rol__in=[r for r, s in SCOPE_PER_ROL.items() if s == Scope.REGIO],
                        regio__isnull=False,
                        gemeente__isnull=True,
                        gebiedsteam__isnull=True,
                        organisatie__isnull=True,
                    )
                    | Q(
                        rol__in=[r for r, s in SCOPE_PER_ROL.items() if s == Scope.GEMEENTE],
                        regio__isnull=True,
                        gemeente__isnull=False,
                        gebiedsteam__isnull=True,
                        organisatie__isnull=True,
                    )
                    | Q(
                        rol__in=[r for r, s in SCOPE_PER_ROL.items() if s == Scope.GEBIEDSTEAM],
                        regio__isnull=True,
                        gemeente__isnull=True,
                        gebiedsteam__isnull=False,
                        organisatie__isnull=True,
                    )
                    | Q(
                        rol__in=[r for r, s in SCOPE_PER_ROL.items() if s == Scope.ORGANISATIE],
                        regio__isnull=True,
                        gemeente__isnull=True,
                        gebiedsteam__isnull=True,
                        organisatie__isnull=False,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rol_display()} — {self.scope_object}"

    @property
    def scope(self) -> str:
        return SCOPE_PER_ROL[self.rol]

    @property
    def scope_object(self):
        return getattr(self, self.scope)

    def clean(self) -> None:
        super().clean()
        if not self.rol:
            return
        required = SCOPE_PER_ROL[self.rol]
        errors = {}
        for field in Scope.values:
            value = getattr(self, f"{field}_id")
            if field == required and value is None:
                errors[field] = ValidationError(
                    _("De rol %(rol)s hoort bij een %(scope)s: kies er een."),
                    code="scope-ontbreekt",
                    params={"rol": self.get_rol_display(), "scope": Scope(field).label},
                )
            elif field != required and value is not None:
                errors[field] = ValidationError(
                    _("De rol %(rol)s heeft geen %(scope)s als scope: laat dit veld leeg."),
                    code="scope-niet-toegestaan",
                    params={"rol": self.get_rol_display(), "scope": Scope(field).label},
                )
        if errors:
            raise ValidationError(errors)


models.signals.post_save.connect(_rollen_veranderd, sender=Roltoekenning)
models.signals.post_delete.connect(_rollen_veranderd, sender=Roltoekenning)


class ApiToken(models.Model):
    """A key with which a system uses the API on behalf of one user (instead of a password).

    Only the SHA-256 of the key is stored: the key itself is shown once, when it is made
    (``accounts/tokens.py``). A revoked or expired key no longer works; rows are kept for the
    record.
    """

    gebruiker = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("gebruiker")
    )
    naam = models.CharField(_("naam"), max_length=100, blank=True)
    sleutel_hash = models.CharField(_("SHA-256 van de sleutel"), max_length=64, unique=True)
    voorvoegsel = models.CharField(_("begin van de sleutel"), max_length=12)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.voorvoegsel}… ({self.gebruiker})"
