"""A resident who receives (or asked for) support. One client per BSN, many trajectories.

The one exception: a referral with the BSN of a client the referrer may not see gets a client of
its own, marked ``identiteit_onbevestigd``, until the back office has decided whether it is the
same person (services/aanmelding.py). So nobody learns through a referral who else is a client,
and nobody changes a client they cannot see.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import Geslacht
from ..validators import (
    validate_bsn,
    validate_geboortedatum,
    validate_postcode,
    validate_telefoon,
    validate_voorletters,
)


class Client(models.Model):
    bsn = models.CharField(_("BSN"), max_length=9, validators=[validate_bsn])
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    voorletters = models.CharField(
        _("voorletters"), max_length=6, blank=True, validators=[validate_voorletters]
    )
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=10, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), validators=[validate_geboortedatum])
    geslacht = models.CharField(
        _("geslacht"), max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    # The address as iWmo carries it (Straatnaam at most 24 characters: the BRP's short name).
    straat = models.CharField(_("straat"), max_length=24)
    huisnummer = models.PositiveIntegerField(_("huisnummer"))
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    huisnummer_toevoeging = models.CharField(_("toevoeging"), max_length=4, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, validators=[validate_postcode])
    woonplaats = models.CharField(_("woonplaats"), max_length=80)
    gemeente = models.ForeignKey(
        "catalogi.Gemeente",
        on_delete=models.PROTECT,
        related_name="clienten",
        verbose_name=_("woongemeente"),
    )
    telefoon = models.CharField(
        _("telefoonnummer"), max_length=15, blank=True, validators=[validate_telefoon]
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    identiteit_onbevestigd = models.BooleanField(
        _("identiteit nog niet vastgesteld"),
        default=False,
        help_text=_(
            "Aangemeld met het BSN van een cliënt die de aanmelder niet mag zien; de backoffice "
            "stelt vast of het dezelfde persoon is."
        ),
    )
    # Set when the retention term anonymised the client (clienten/bewaren.py).
    geanonimiseerd_op = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        ordering = ["achternaam", "voorletters", "geboortedatum"]
        # The unique constraint below is partial; every search by BSN needs an index of its own.
        indexes = [models.Index(fields=["bsn"], name="client_bsn_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["bsn"],
                condition=models.Q(identiteit_onbevestigd=False),
                name="client_bsn_uniek",
                violation_error_message=_("Er is al een cliënt met dit BSN."),
            ),
            models.CheckConstraint(
                name="client_huisnummer_bereik",
                condition=models.Q(huisnummer__gte=1, huisnummer__lte=99999),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        """ "J.P. de Vries": initials, prefix and surname, as a letter would address the client."""
        initialen = "".join(f"{letter}." for letter in self.voorletters)
        return " ".join(deel for deel in (initialen, self.voorvoegsel, self.achternaam) if deel)

    @property
    def sorteernaam(self) -> str:
        """ "Vries, J.P. de" for lists sorted by surname."""
        initialen = "".join(f"{letter}." for letter in self.voorletters)
        rest = " ".join(deel for deel in (initialen, self.voorvoegsel) if deel)
        return f"{self.achternaam}, {rest}" if rest else self.achternaam

    @property
    def bsn_gemaskeerd(self) -> str:
        """The BSN with only its last three digits: what lists and pages show by default."""
        return f"●●●●●●{self.bsn[-3:]}"

    @property
    def adres(self) -> str:
        huis = f"{self.huisnummer}{self.huisletter}"
        if self.huisnummer_toevoeging:
            huis += f"-{self.huisnummer_toevoeging}"
        postcode = f"{self.postcode[:4]} {self.postcode[4:]}"
        return f"{self.straat} {huis}, {postcode} {self.woonplaats}"
