"""The audit log: one row per read or change that must be accountable. Rows are never changed.

Each row is a link of one hash chain (:mod:`.keten`); ``verifieer_auditlog`` checks it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .keten import Ketenlid


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Het auditlog kan niet worden gewijzigd.")

    def delete(self):
        raise AppendOnlyError("Het auditlog kan niet worden verwijderd.")


class AuditEntry(Ketenlid):
    #: What the hash covers: everything the entry says (rows are never changed).
    KETENVELDEN = (
        "tijdstip",
        "gebruiker_id",
        "gebruikersnaam",
        "actie",
        "object_type",
        "object_id",
        "omschrijving",
        "gegevens",
        "ip_adres",
        "rol",
        "organisatie",
        "betreft_client",
    )

    # Set when the entry joins the chain (``voor_koppelen``), so time and chain order agree.
    tijdstip = models.DateTimeField(
        _("tijdstip"), default=timezone.now, editable=False, db_index=True
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    # Kept as text too, so the entry stays readable when a user is renamed.
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    actie = models.CharField(_("actie"), max_length=80, db_index=True)
    object_type = models.CharField(_("objecttype"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=500, blank=True)
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    # NEN 7513: in which role, for which organisation, and about which client (the client's id in
    # clienten; kept as a plain number so the log never depends on, or blocks, the client file).
    rol = models.CharField(_("rol"), max_length=200, blank=True)
    organisatie = models.CharField(_("organisatie"), max_length=300, blank=True)
    betreft_client = models.PositiveBigIntegerField(
        _("betreft cliënt"), null=True, blank=True, db_index=True
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-tijdstip", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["volgnummer"], name="auditentry_volgnummer_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S} {self.gebruikersnaam or '-'} {self.actie}"

    def voor_koppelen(self) -> None:
        self.tijdstip = timezone.now()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Een auditregel kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Een auditregel kan niet worden verwijderd.")
