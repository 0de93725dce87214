"""The procedure, the registrations with their parties and documents, and submissions."""

import uuid
from datetime import datetime, time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wmoregie.accounts.validators import validate_kvk_nummer
from wmoregie.audit.keten import Keten, Ketenlid
from wmoregie.kluis.opslag import documentopslag
from wmoregie.kluis.velden import (
    VersleuteldeJSON,
    VersleuteldeLangeTekst,
    VersleuteldEmailadres,
    VersleuteldeTekst,
)

from . import termijnen
from .constants import (
    LEIDENDE_ROLLEN,
    LEVERTERMIJN_DAGEN,
    Aanbestedingsdocumentsoort,
    Beoordelingsmethode,
    Bezwaarsoort,
    Documentsoort,
    Fase,
    Inschrijvingsoort,
    PartijRol,
    Procedure,
    Regelbesluitsoort,
    Status,
    UeaVorm,
    Uitsluitingsoordeel,
    Vraagmoment,
)

PLANNINGVELDEN = (
    "strategie_vastgesteld",
    "publicatie",
    "vragen_deadline",
    "selectie_deadline",
    "selectiebeslissing",
    "inschrijving_deadline",
    "voorlopige_gunning",
    "standstill_einde",
    "definitieve_gunning",
    "contractstart",
)


class Aanbesteding(models.Model):
    """A procedure for one or more lots: SAS, non-open, selection phase then award phase."""

    kenmerk = models.CharField(
        _("kenmerk"),
        max_length=50,
        unique=True,
        help_text=_("Het kenmerk van de aanbesteding, ook in het UEA (ContractFolderID)."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    regio = models.ForeignKey(
        "catalogi.Regio", on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    percelen = models.ManyToManyField(
        "catalogi.Perceel", related_name="aanbestedingen", verbose_name=_("percelen")
    )
    procedure = models.CharField(
        _("regime en procedure"),
        max_length=30,
        choices=Procedure.choices,
        default=Procedure.SAS_NIET_OPENBAAR,
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.CONCEPT, editable=False
    )

    strategie_vastgesteld = models.DateField(
        _("inkoopstrategie vastgesteld"), null=True, blank=True
    )
    publicatie = models.DateField(_("publicatie"))
    vragen_deadline = models.DateField(_("sluiting vragen (Nota van Inlichtingen)"))
    selectie_deadline = models.DateField(_("sluiting aanmelding (selectiefase)"))
    selectiebeslissing = models.DateField(_("selectiebeslissing"))
    inschrijving_deadline = models.DateField(_("sluiting inschrijving (gunningsfase)"))
    voorlopige_gunning = models.DateField(_("voorlopige gunning"))
    standstill_einde = models.DateField(_("einde standstill"))
    definitieve_gunning = models.DateField(_("definitieve gunning"))
    contractstart = models.DateField(_("start overeenkomst"))
    sluitingstijd = models.TimeField(
        _("sluitingstijd"),
        default=time(12, 0),
        help_text=_("Het tijdstip op de sluitingsdagen waarop aanmelden en inschrijven sluit."),
    )

    #: Questions deadline of the award phase (its own Nota van Inlichtingen round on the award
    #: guideline); empty: no questions in the award phase.
    gunning_vragen_deadline = models.DateField(
        _("sluiting vragen gunningsfase (Nota van Inlichtingen)"),
        null=True,
        blank=True,
        help_text=_("Na de selectiebeslissing en vóór de sluiting van de inschrijving."),
    )

    # Set once by the opening transitions; never cleared (the sealed content stays readable).
    selectie_geopend_op = models.DateTimeField(
        _("aanmeldingen geopend op"), null=True, editable=False
    )
    gunning_geopend_op = models.DateTimeField(
        _("inschrijvingen geopend op"), null=True, editable=False
    )
    voorlopig_gegund_op = models.DateTimeField(_("voorlopig gegund op"), null=True, editable=False)

    # The published scoring method (frozen at the award opening, like the criteria).
    beoordelingsmethode = models.CharField(
        _("beoordelingsmethode"),
        max_length=20,
        choices=Beoordelingsmethode.choices,
        default=Beoordelingsmethode.KWALITEIT,
    )
    waarde_per_punt = models.DecimalField(
        _("waarde per kwaliteitspunt (euro)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Alleen bij gunnen op waarde."),
    )
    max_prijspunten = models.DecimalField(
        _("maximum prijspunten"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    max_kwaliteitspunten = models.DecimalField(
        _("maximum kwaliteitspunten"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    loting_seed = models.CharField(
        _("seed voor de loting"),
        max_length=200,
        blank=True,
        help_text=_("Buiten het systeem vastgesteld (bijvoorbeeld door de notaris)."),
    )
    #: Snapshot of the ranking at the provisional award (what the letters say).
    rangschikking = models.JSONField(_("rangschikking"), default=dict, blank=True, editable=False)
    winnaar = models.ForeignKey(
        "Inschrijving",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("winnaar"),
    )
    overeenkomst = models.ForeignKey(
        "contracten.Overeenkomst",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("overeenkomst"),
    )
    #: The maximum number of candidates admitted to the award phase (None: no cap). With a
    #: cap, the candidates that meet the requirements are ranked on the selection criteria.
    max_kandidaten = models.PositiveSmallIntegerField(
        _("maximum aantal kandidaten"),
        null=True,
        blank=True,
        help_text=_("Leeg: geen maximum. Anders worden de geschikte kandidaten gerangschikt."),
    )
    #: Calendar days a party has to deliver a document asked on request (#15.6).
    levertermijn_dagen = models.PositiveSmallIntegerField(
        _("levertermijn voor documenten op verzoek (kalenderdagen)"),
        default=LEVERTERMIJN_DAGEN,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanbesteding")
        verbose_name_plural = _("aanbestedingen")
        ordering = ["-publicatie", "kenmerk"]

    def __str__(self) -> str:
        return f"{self.kenmerk} — {self.naam}"

    def planning(self) -> termijnen.Planning:
        return termijnen.Planning(**{veld: getattr(self, veld) for veld in PLANNINGVELDEN})

    def planningcontrole(self) -> list[termijnen.Bevinding]:
        return termijnen.check_planning(self.planning())

    def deadline(self, fase: str) -> datetime:
        """The closing moment of a phase: its closing day at ``sluitingstijd``, local time."""
        dag = self.selectie_deadline if fase == Fase.SELECTIE else self.inschrijving_deadline
        return timezone.make_aware(datetime.combine(dag, self.sluitingstijd))

    def vragen_sluiting(self, fase: str = Fase.SELECTIE) -> datetime | None:
        """Questions for the Nota van Inlichtingen of a phase close on their day at
        ``sluitingstijd`` (None: no questions deadline in the award phase)."""
        dag = self.vragen_deadline if fase == Fase.SELECTIE else self.gunning_vragen_deadline
        if dag is None:
            return None
        return timezone.make_aware(datetime.combine(dag, self.sluitingstijd))

    def vragenfase(self, moment: datetime) -> str | None:
        """The phase in which registrants may ask questions at ``moment`` (None: closed)."""
        fase = {Status.SELECTIEFASE: Fase.SELECTIE, Status.GUNNINGSFASE: Fase.GUNNING}.get(
            self.status
        )
        sluiting = self.vragen_sluiting(fase) if fase else None
        return fase if sluiting is not None and moment < sluiting else None

    def clean(self) -> None:
        super().clean()
        dag = self.gunning_vragen_deadline
        omringend = (self.selectiebeslissing, self.inschrijving_deadline)
        if dag and None not in omringend and not (omringend[0] < dag < omringend[1]):
            raise ValidationError(
                {
                    "gunning_vragen_deadline": ValidationError(
                        _(
                            "De sluiting van de vragen in de gunningsfase ligt na de "
                            "selectiebeslissing en vóór de sluiting van de inschrijving."
                        ),
                        code="gunning-vragen-buiten-fase",
                    )
                }
            )

    def open_fase(self) -> str | None:
        """The phase in which registrants may submit or change, by status (time aside)."""
        return {Status.SELECTIEFASE: Fase.SELECTIE, Status.GUNNINGSFASE: Fase.GUNNING}.get(
            self.status
        )

    def is_geopend(self, fase: str) -> bool:
        """Whether the region side may read what was submitted in this phase."""
        geopend = self.selectie_geopend_op if fase == Fase.SELECTIE else self.gunning_geopend_op
        return geopend is not None

    def fase_op(self, moment: datetime) -> str:
        """The phase a change at ``moment`` belongs to."""
        return Fase.SELECTIE if moment < self.deadline(Fase.SELECTIE) else Fase.GUNNING


class Statuswijziging(Ketenlid):
    """The history of a procedure's status (the tender log); going back carries a reason.

    Append-only and hash-chained per procedure (``wmoregie.audit.keten``): the database refuses
    changes, and ``verifieer_auditlog`` finds a changed, removed or reordered entry."""

    KETEN_OP = "aanbesteding_id"
    KETENVELDEN = ("van", "naar", "overgang", "terug", "reden", "op", "door_id")

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.PROTECT, related_name="statuswijzigingen"
    )
    van = models.CharField(_("van"), max_length=30, choices=Status.choices)
    naar = models.CharField(_("naar"), max_length=30, choices=Status.choices)
    overgang = models.CharField(_("overgang"), max_length=50)
    terug = models.BooleanField(_("terug in de procedure"), default=False)
    reden = models.TextField(_("reden"), blank=True)
    op = models.DateTimeField(_("op"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["op", "id"]
        constraints = [
            models.CheckConstraint(
                name="statuswijziging_terug_met_reden",
                condition=Q(terug=False) | ~Q(reden=""),
            ),
            models.UniqueConstraint(
                fields=["aanbesteding", "volgnummer"], name="statuswijziging_volgnummer_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_van_display()} → {self.get_naar_display()}"

    @classmethod
    def ketens(cls):
        """One chain per procedure; its last entry must lead to the procedure's status (a
        removed tail shows)."""
        for pk, kenmerk, status in Aanbesteding.objects.order_by("pk").values_list(
            "pk", "kenmerk", "status"
        ):

            def kop_klopt(laatste, status=status):
                naar = laatste.naar if laatste else Status.CONCEPT
                if naar != status:
                    return (
                        f"de laatste statuswijziging leidt naar “{naar}”, maar de aanbesteding "
                        f"staat op “{status}” (regels aan het eind verwijderd of gewijzigd)"
                    )
                return None

            yield Keten(
                f"{cls._meta.db_table}:{pk}",
                f"Statusgeschiedenis van {kenmerk}",
                cls.objects.filter(aanbesteding_id=pk),
                kop_klopt,
            )


class Inschrijving(models.Model):
    """A registration: one organisation as hoofdaannemer, or a combination led by a penvoerder."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.PROTECT, related_name="inschrijvingen"
    )
    organisatie = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="inschrijvingen",
        verbose_name=_("organisatie (hoofdaannemer of penvoerder)"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Inschrijvingsoort.choices)
    combinatienaam = VersleuteldeTekst(_("naam van de combinatie"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: The selection decision: admitted to the award phase (True), not admitted (False), or open.
    toegelaten = models.BooleanField(_("toegelaten tot de gunningsfase"), null=True, editable=False)
    selectiemotivering = models.TextField(_("motivering selectiebeslissing"), blank=True)
    prijs = models.DecimalField(
        _("inschrijvingsprijs (euro)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Uit het prijsblad van de inschrijving; niet bij alleen kwaliteit."),
    )

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["aangemaakt_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbesteding", "organisatie"], name="inschrijving_een_per_organisatie"
            ),
            models.CheckConstraint(
                name="inschrijving_combinatie_heeft_naam",
                condition=Q(soort=Inschrijvingsoort.HOOFDAANNEMER) | ~Q(combinatienaam=""),
            ),
        ]

    def __str__(self) -> str:
        return self.weergavenaam

    @property
    def weergavenaam(self) -> str:
        if self.soort == Inschrijvingsoort.COMBINATIE:
            return f"{self.combinatienaam} (penvoerder {self.organisatie.naam})"
        return self.organisatie.naam

    def clean(self) -> None:
        super().clean()
        if self.soort == Inschrijvingsoort.COMBINATIE and not self.combinatienaam.strip():
            raise ValidationError(
                {
                    "combinatienaam": ValidationError(
                        _("Geef de naam van de combinatie."), code="combinatienaam-ontbreekt"
                    )
                }
            )


class Partij(models.Model):
    """A party of a registration: the leading party, a combinant, a derde or a subcontractor.

    What the registrant supplies is stored encrypted (``wmoregie.kluis``): the database cannot
    search or compare it (the uniqueness of a KvK-nummer per registration is checked by the
    services under the procedure's lock)."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="partijen"
    )
    rol = models.CharField(_("rol"), max_length=30, choices=PartijRol.choices)
    naam = VersleuteldeTekst(_("naam"), max_length=200)
    kvk_nummer = VersleuteldeTekst(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[validate_kvk_nummer],
        help_text=_("Acht cijfers. Leeg alleen voor een buitenlandse onderneming."),
    )
    straat = VersleuteldeTekst(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = VersleuteldeTekst(_("postcode"), max_length=20, blank=True)
    plaats = VersleuteldeTekst(_("plaats"), max_length=100, blank=True)
    land = VersleuteldeTekst(_("land"), max_length=3, blank=True, default="NLD")
    contactpersoon = VersleuteldeTekst(_("contactpersoon"), max_length=200, blank=True)
    email = VersleuteldEmailadres(_("e-mail"), blank=True)
    telefoon = VersleuteldeTekst(_("telefoon"), max_length=50, blank=True)
    taakomschrijving = VersleuteldeLangeTekst(_("rol en taak in de uitvoering"), blank=True)
    expertise = VersleuteldeLangeTekst(_("expertise"), blank=True)
    percelen = models.ManyToManyField(
        "catalogi.Perceel", blank=True, related_name="+", verbose_name=_("percelen")
    )
    producten = models.ManyToManyField(
        "catalogi.Product", blank=True, related_name="+", verbose_name=_("producten")
    )
    #: Answers on the exclusion grounds: [{"code", "naam", "antwoord": true/false/null, "toelichting"}].
    uitsluitingsgronden = VersleuteldeJSON(
        _("antwoorden uitsluitingsgronden"), default=list, blank=True
    )
    fase = models.CharField(_("toegevoegd in fase"), max_length=20, choices=Fase.choices)
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"))
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        ordering = ["inschrijving", "toegevoegd_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving"],
                condition=Q(rol__in=LEIDENDE_ROLLEN),
                name="partij_een_leidende_partij",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_rol_display()})"

    @property
    def gebonden_aan_looptijd(self) -> bool:
        """Incidentele onderaannemers are not bound to the term of the agreement."""
        return self.rol != PartijRol.INCIDENTELE_ONDERAANNEMER

    @property
    def adres(self) -> str:
        return ", ".join(d for d in (self.straat, f"{self.postcode} {self.plaats}".strip()) if d)


def _documentpad(document: "Document", bestandsnaam: str) -> str:
    # A random name: the original name is kept in a field, never used as a path.
    suffix = Path(bestandsnaam).suffix.lower()[:10]
    return (
        f"aanbestedingen/{document.inschrijving.aanbesteding_id}/"
        f"{document.inschrijving_id}/{uuid.uuid4().hex}{suffix}"
    )


class Document(models.Model):
    """A file of a registration: a party's UEA, GVA or declaration, or a tender document.

    Stored under MEDIA_ROOT encrypted (never served directly), like its name, description and
    what the UEA import read (``wmoregie.kluis``); read only through a view that checks access
    and the seal of its phase.
    """

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="documenten"
    )
    partij = models.ForeignKey(
        Partij, on_delete=models.CASCADE, null=True, blank=True, related_name="documenten"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Documentsoort.choices)
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices)
    bestand = models.FileField(
        _("bestand"), upload_to=_documentpad, max_length=300, storage=documentopslag
    )
    bestandsnaam = VersleuteldeTekst(_("oorspronkelijke bestandsnaam"), max_length=255)
    inhoudstype = models.CharField(_("inhoudstype"), max_length=120)
    grootte = models.PositiveIntegerField(_("grootte in bytes"))
    omschrijving = VersleuteldeTekst(_("omschrijving"), max_length=200, blank=True)
    afgiftedatum = models.DateField(_("afgiftedatum"), null=True, blank=True)
    uea_vorm = models.CharField(
        _("vorm van het UEA"), max_length=10, choices=UeaVorm.choices, blank=True
    )
    ondertekend = models.BooleanField(_("ondertekend door de partij zelf"), default=False)
    #: What the UEA import read (operator, reference, issue date), for the record.
    uea_gegevens = VersleuteldeJSON(_("gegevens uit het UEA"), default=dict, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"))
    ontvangen_van = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["ontvangen_op", "id"]
        constraints = [
            models.CheckConstraint(
                name="document_gva_heeft_afgiftedatum",
                condition=~Q(soort=Documentsoort.GVA) | Q(afgiftedatum__isnull=False),
            ),
            models.CheckConstraint(
                name="document_uea_heeft_vorm",
                condition=~Q(soort=Documentsoort.UEA) | ~Q(uea_vorm=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.bestandsnaam}"

    def clean(self) -> None:
        super().clean()
        if self.soort == Documentsoort.GVA and self.afgiftedatum is None:
            raise ValidationError(
                {
                    "afgiftedatum": ValidationError(
                        _("Geef de datum waarop het document is afgegeven."),
                        code="afgiftedatum-ontbreekt",
                    )
                }
            )


class Toestemming(models.Model):
    """The inkoper's recorded written consent to add a party after the selection deadline."""

    partij = models.OneToOneField(Partij, on_delete=models.CASCADE, related_name="toestemming")
    kenmerk = models.CharField(_("kenmerk van de schriftelijke toestemming"), max_length=100)
    toelichting = models.TextField(_("toelichting"), blank=True)
    verleend_op = models.DateTimeField(_("verleend op"))
    verleend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return self.kenmerk


class Indiening(models.Model):
    """That a registration was submitted in a phase, and when: the server's time."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="indieningen"
    )
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices)
    ingediend_op = models.DateTimeField(_("ingediend op"))
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: Submitted although the checklist of the phase still had open points (the registrant
    #: confirmed it after the warning), and which: code, message, party (sealed with the rest).
    ondanks_open_punten = models.BooleanField(_("ingediend ondanks open punten"), default=False)
    open_punten = VersleuteldeJSON(_("open punten bij het indienen"), default=list, blank=True)

    class Meta:
        verbose_name = _("indiening")
        verbose_name_plural = _("indieningen")
        ordering = ["fase", "ingediend_op"]
        constraints = [
            models.UniqueConstraint(fields=["inschrijving", "fase"], name="indiening_een_per_fase")
        ]

    def __str__(self) -> str:
        return f"{self.get_fase_display()}: {self.ingediend_op:%Y-%m-%d %H:%M:%S}"


def _aanbestedingsdocumentpad(document: "Aanbestedingsdocument", bestandsnaam: str) -> str:
    suffix = Path(bestandsnaam).suffix.lower()[:10]
    return f"aanbestedingen/{document.aanbesteding_id}/stukken/{uuid.uuid4().hex}{suffix}"


class Aanbestedingsdocument(models.Model):
    """A procurement document of the region (guideline, draft agreement, price sheet template),
    per phase. A new upload of the same kind is a new version; older versions stay."""

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="stukken")
    soort = models.CharField(_("soort"), max_length=30, choices=Aanbestedingsdocumentsoort.choices)
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices)
    versie = models.PositiveSmallIntegerField(_("versie"))
    bestand = models.FileField(_("bestand"), upload_to=_aanbestedingsdocumentpad, max_length=300)
    bestandsnaam = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255)
    inhoudstype = models.CharField(_("inhoudstype"), max_length=120)
    grootte = models.PositiveIntegerField(_("grootte in bytes"))
    toelichting = models.CharField(_("wat is er gewijzigd"), max_length=300, blank=True)
    geplaatst_op = models.DateTimeField(_("geplaatst op"))
    geplaatst_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("aanbestedingsdocument")
        verbose_name_plural = _("aanbestedingsdocumenten")
        ordering = ["fase", "soort", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbesteding", "soort", "versie"],
                name="aanbestedingsdocument_versie_uniek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} versie {self.versie}"


class NotaVanInlichtingen(models.Model):
    """A published set of answers, numbered per procedure, for all registrants."""

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="nota_s")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices, default=Fase.SELECTIE)
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"))
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Nota van Inlichtingen")
        verbose_name_plural = _("Nota's van Inlichtingen")
        ordering = ["nummer"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "nummer"], name="nota_nummer_uniek")
        ]

    def __str__(self) -> str:
        return f"Nota van Inlichtingen {self.nummer}"


class Vraag(models.Model):
    """A question of a registrant: private until answered and published, then anonymised."""

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="vragen")
    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="vragen")
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices, default=Fase.SELECTIE)
    vraag = models.TextField(_("vraag"))
    gesteld_op = models.DateTimeField(_("gesteld op"))
    gesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vraag_gepubliceerd = models.TextField(
        _("vraag zoals gepubliceerd"),
        blank=True,
        help_text=_("Zonder namen of andere gegevens die de vraagsteller herkenbaar maken."),
    )
    antwoord = models.TextField(_("antwoord"), blank=True)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nota = models.ForeignKey(
        NotaVanInlichtingen, on_delete=models.PROTECT, null=True, blank=True, related_name="vragen"
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["gesteld_op", "id"]

    def __str__(self) -> str:
        return self.vraag[:60]


# --- award phase: criteria, assessment, consensus, award -----------------------------------------


class Gunningscriterium(models.Model):
    """An award criterion: ``weging`` is its maximum points; scores run from 0 to ``schaal_max``.

    Defined before the award opening, frozen afterwards (``services``)."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.SlugField(_("code"), max_length=30)
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    weging = models.DecimalField(_("weging (maximum punten)"), max_digits=8, decimal_places=2)
    schaal_max = models.DecimalField(
        _("hoogste score op de schaal"), max_digits=5, decimal_places=2, default=10
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)

    class Meta:
        verbose_name = _("gunningscriterium")
        verbose_name_plural = _("gunningscriteria")
        ordering = ["aanbesteding", "volgorde", "code"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "code"], name="criterium_code_uniek"),
            models.CheckConstraint(
                name="criterium_weging_en_schaal_positief",
                condition=Q(weging__gt=0) & Q(schaal_max__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.weging} punten)"


class Belangenverklaring(models.Model):
    """An assessor's conflict-of-interest declaration for one procedure, signed before any
    submission of the award phase is shown to them."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="belangenverklaringen"
    )
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geen_belangenconflict = models.BooleanField(
        _("ik heb geen belangenconflict met een van de inschrijvers")
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    ondertekend_op = models.DateTimeField(_("ondertekend op"))

    class Meta:
        verbose_name = _("belangenverklaring")
        verbose_name_plural = _("belangenverklaringen")
        ordering = ["aanbesteding", "ondertekend_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbesteding", "beoordelaar"], name="belangenverklaring_een_per_persoon"
            )
        ]

    def __str__(self) -> str:
        return f"{self.beoordelaar} — {self.aanbesteding.kenmerk}"


#: Bumped on every change of a declaration (signals below): a user's declarations remembered
#: for one request (``selectors.belangenverklaring_van``) are then read again.
belangenverklaringen_versie = [0]


def _verklaringen_veranderd(**kwargs) -> None:
    belangenverklaringen_versie[0] += 1


models.signals.post_save.connect(_verklaringen_veranderd, sender=Belangenverklaring)
models.signals.post_delete.connect(_verklaringen_veranderd, sender=Belangenverklaring)


class Beoordeling(models.Model):
    """One assessor's individual score with motivation: blind to the others until consensus."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="beoordelingen"
    )
    criterium = models.ForeignKey(
        Gunningscriterium, on_delete=models.PROTECT, related_name="beoordelingen"
    )
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    motivering = models.TextField(_("motivering"))
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("individuele beoordeling")
        verbose_name_plural = _("individuele beoordelingen")
        ordering = ["inschrijving", "criterium__volgorde", "vastgelegd_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving", "criterium", "beoordelaar"],
                name="beoordeling_een_per_beoordelaar",
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterium.code}: {self.score}"


class Consensusscore(models.Model):
    """The agreed score and motivation per criterion and registration, from the consensus
    session; ``spreiding`` keeps the individual scores it was agreed from."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="consensusscores"
    )
    criterium = models.ForeignKey(
        Gunningscriterium, on_delete=models.PROTECT, related_name="consensusscores"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    motivering = models.TextField(_("motivering"))
    spreiding = models.JSONField(_("individuele scores"), default=list)
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"))
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("consensusscore")
        verbose_name_plural = _("consensusscores")
        ordering = ["inschrijving", "criterium__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving", "criterium"], name="consensus_een_per_criterium"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterium.code}: {self.score} (consensus)"


class Gunningsbrief(models.Model):
    """A provisional award letter: to the winner, or with scores and reasons to another
    registrant. The HTML is kept as sent; the PDF is rendered from it."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="gunningsbrieven"
    )
    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.PROTECT, related_name="gunningsbrieven"
    )
    winnaar = models.BooleanField(_("aan de winnaar"))
    rang = models.PositiveSmallIntegerField(_("rang"))
    html = models.TextField(_("inhoud (HTML)"))
    verzonden_op = models.DateTimeField(_("verzonden op"))

    class Meta:
        verbose_name = _("gunningsbrief")
        verbose_name_plural = _("gunningsbrieven")
        ordering = ["aanbesteding", "-verzonden_op", "rang"]

    def __str__(self) -> str:
        return f"Gunningsbrief {self.aanbesteding.kenmerk} — {self.inschrijving.weergavenaam}"


class Bezwaar(models.Model):
    """An objection or kort geding against the provisional award; an open one pauses."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="bezwaren"
    )
    inschrijving = models.ForeignKey(
        Inschrijving,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bezwaren",
        verbose_name=_("van inschrijver"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Bezwaarsoort.choices)
    omschrijving = models.TextField(_("omschrijving"))
    ontvangen_op = models.DateField(_("ontvangen op"))
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"))
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    uitkomst = models.TextField(_("uitkomst"), blank=True)

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        ordering = ["aanbesteding", "geregistreerd_op"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.ontvangen_op:%d-%m-%Y})"

    @property
    def is_open(self) -> bool:
        return self.afgehandeld_op is None


# --- selection phase: exclusion grounds, suitability requirements, capped selection ---------------


def _bewijspad(toetsing: "Eistoetsing", bestandsnaam: str) -> str:
    suffix = Path(bestandsnaam).suffix.lower()[:10]
    return (
        f"aanbestedingen/{toetsing.inschrijving.aanbesteding_id}/"
        f"{toetsing.inschrijving_id}/toetsing/{uuid.uuid4().hex}{suffix}"
    )


class Uitsluitingstoets(models.Model):
    """The inkoper's assessment of one exclusion ground of one party (answered "yes" or left
    open), or of a party without any UEA answers (code ``geen-uea``)."""

    partij = models.ForeignKey(Partij, on_delete=models.CASCADE, related_name="uitsluitingstoetsen")
    code = models.CharField(_("uitsluitingsgrond"), max_length=50)
    antwoord = models.BooleanField(_("antwoord in het UEA"), null=True)
    oordeel = models.CharField(_("oordeel"), max_length=20, choices=Uitsluitingsoordeel.choices)
    motivering = models.TextField(_("motivering"))
    bewijs = models.TextField(_("bewijs"), blank=True)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("toets uitsluitingsgrond")
        verbose_name_plural = _("toetsen uitsluitingsgronden")
        ordering = ["partij", "code"]
        constraints = [
            models.UniqueConstraint(fields=["partij", "code"], name="uitsluitingstoets_uniek"),
            models.CheckConstraint(
                name="uitsluitingstoets_met_motivering", condition=~Q(motivering="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partij.naam}: {self.code} — {self.get_oordeel_display()}"


class Geschiktheidseis(models.Model):
    """A suitability requirement of the procedure with the proof it asks for (IW-E ch. 5).

    Published with the selection guideline; frozen from the selection opening."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="geschiktheidseisen"
    )
    naam = models.CharField(_("eis"), max_length=300)
    bewijs = models.CharField(_("gevraagd bewijs"), max_length=300)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)

    class Meta:
        verbose_name = _("geschiktheidseis")
        verbose_name_plural = _("geschiktheidseisen")
        ordering = ["aanbesteding", "volgorde", "id"]

    def __str__(self) -> str:
        return self.naam


class Eistoetsing(models.Model):
    """The check of one suitability requirement for one registration, with its evidence."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="eistoetsingen"
    )
    eis = models.ForeignKey(Geschiktheidseis, on_delete=models.PROTECT, related_name="toetsingen")
    voldoet = models.BooleanField(_("voldoet"))
    bewijs = models.TextField(_("bewijs"))
    reden = models.TextField(_("reden"), blank=True)
    document = models.FileField(_("bewijsstuk"), upload_to=_bewijspad, max_length=300, blank=True)
    bestandsnaam = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255, blank=True)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("toetsing geschiktheidseis")
        verbose_name_plural = _("toetsingen geschiktheidseisen")
        ordering = ["inschrijving", "eis__volgorde", "eis_id"]
        constraints = [
            models.UniqueConstraint(fields=["inschrijving", "eis"], name="eistoetsing_uniek"),
            models.CheckConstraint(
                name="eistoetsing_niet_voldaan_met_reden",
                condition=Q(voldoet=True) | ~Q(reden=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.eis.naam}: {'voldoet' if self.voldoet else 'voldoet niet'}"


class Selectiecriterium(models.Model):
    """A selection criterion, used where the number of candidates is capped
    (``Aanbesteding.max_kandidaten``): ``weging`` is its maximum points."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="selectiecriteria"
    )
    code = models.SlugField(_("code"), max_length=30)
    naam = models.CharField(_("naam"), max_length=200)
    weging = models.DecimalField(_("weging (maximum punten)"), max_digits=8, decimal_places=2)
    schaal_max = models.DecimalField(
        _("hoogste score op de schaal"), max_digits=5, decimal_places=2, default=10
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)

    class Meta:
        verbose_name = _("selectiecriterium")
        verbose_name_plural = _("selectiecriteria")
        ordering = ["aanbesteding", "volgorde", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbesteding", "code"], name="selectiecriterium_code_uniek"
            ),
            models.CheckConstraint(
                name="selectiecriterium_weging_en_schaal_positief",
                condition=Q(weging__gt=0) & Q(schaal_max__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.weging} punten)"


class Selectiescore(models.Model):
    """The inkoper's score on a selection criterion for a registration, with motivation."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="selectiescores"
    )
    criterium = models.ForeignKey(
        Selectiecriterium, on_delete=models.PROTECT, related_name="scores"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    motivering = models.TextField(_("motivering"))
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("selectiescore")
        verbose_name_plural = _("selectiescores")
        ordering = ["inschrijving", "criterium__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving", "criterium"], name="selectiescore_een_per_criterium"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterium.code}: {self.score}"


class Selectiebrief(models.Model):
    """The selection decision letter to one candidate, sent when the selection decision is
    taken (``selectiebeslissing-nemen``). The HTML is kept as sent; the PDF is rendered from it.
    The decision, motivation and reasons are kept as sent too: they are what the candidate may
    read (pages and API), also after the decision is revised and before a new letter goes out."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="selectiebrieven"
    )
    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.PROTECT, related_name="selectiebrieven"
    )
    toegelaten = models.BooleanField(_("toegelaten"))
    motivering = models.TextField(_("motivering"), blank=True, default="")
    redenen = models.JSONField(
        _("redenen"),
        null=True,
        blank=True,
        help_text=_(
            "De redenen uit de brief; leeg (null) bij een brief van vóór deze registratie."
        ),
    )
    html = models.TextField(_("inhoud (HTML)"))
    verzonden_op = models.DateTimeField(_("verzonden op"))

    class Meta:
        verbose_name = _("selectiebrief")
        verbose_name_plural = _("selectiebrieven")
        ordering = ["aanbesteding", "-verzonden_op", "id"]

    def __str__(self) -> str:
        return f"Selectiebrief {self.aanbesteding.kenmerk} — {self.inschrijving.weergavenaam}"


class Regelbesluit(models.Model):
    """The inkoper's reasoned decision on an error-level rule finding (``regels``) of one
    registration: the finding no longer blocks the admission or the award. A finding is
    identified by its rule code and its party; a later decision on the same finding replaces
    the earlier one (both are kept)."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.PROTECT, related_name="regelbesluiten"
    )
    code = models.CharField(_("code van de bevinding"), max_length=60)
    partij = models.ForeignKey(
        Partij, on_delete=models.PROTECT, null=True, blank=True, related_name="regelbesluiten"
    )
    besluit = models.CharField(_("besluit"), max_length=30, choices=Regelbesluitsoort.choices)
    motivering = models.TextField(_("motivering"))
    besloten_op = models.DateTimeField(_("besloten op"))
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("besluit over een regelbevinding")
        verbose_name_plural = _("besluiten over regelbevindingen")
        ordering = ["inschrijving", "besloten_op", "id"]
        constraints = [
            models.CheckConstraint(name="regelbesluit_met_motivering", condition=~Q(motivering="")),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.get_besluit_display()}"


class Documentvereiste(models.Model):
    """Per procedure and kind of document (GVA, tax statement, KvK extract, VOG): asked with the
    registration, only on request, or not; and its maximum age on receipt (#15.6). Set by the
    inkoper before publication; a procedure without rows asks the GVA with the registration."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="documentvereisten"
    )
    soort = models.CharField(_("document"), max_length=20, choices=Documentsoort.choices)
    moment = models.CharField(_("gevraagd"), max_length=20, choices=Vraagmoment.choices)
    max_maanden = models.PositiveSmallIntegerField(
        _("hooguit zoveel kalendermaanden oud bij ontvangst"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    class Meta:
        verbose_name = _("gevraagd document")
        verbose_name_plural = _("gevraagde documenten")
        ordering = ["aanbesteding", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbesteding", "soort"], name="documentvereiste_een_per_soort"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.get_moment_display()}"


class Documentverzoek(models.Model):
    """The inkoper's request to one party of a registration to deliver a document that the
    procedure asks on request (#15.6). The due date is the request's Europe/Amsterdam calendar
    day plus the procedure's delivery term; the delivered document is linked when it arrives."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.PROTECT, related_name="documentverzoeken"
    )
    partij = models.ForeignKey(Partij, on_delete=models.PROTECT, related_name="documentverzoeken")
    soort = models.CharField(_("document"), max_length=20, choices=Documentsoort.choices)
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices)
    toelichting = models.TextField(_("toelichting bij het verzoek"), blank=True)
    verzocht_op = models.DateField(_("verzocht op"))
    uiterlijk_op = models.DateField(_("uiterlijk aanleveren op"))
    verzocht_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    document = models.OneToOneField(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verzoek",
        verbose_name=_("aangeleverd document"),
    )

    class Meta:
        verbose_name = _("documentverzoek")
        verbose_name_plural = _("documentverzoeken")
        ordering = ["inschrijving", "verzocht_op", "id"]
        constraints = [
            models.CheckConstraint(
                name="documentverzoek_termijn_na_verzoek",
                condition=Q(uiterlijk_op__gte=models.F("verzocht_op")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} (uiterlijk {self.uiterlijk_op:%d-%m-%Y})"


class Openingsvoorstel(models.Model):
    """Four eyes at an opening: one inkoper proposes to open the submissions of a phase, a
    different inkoper confirms (and so opens). A proposal can be withdrawn before that."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.PROTECT, related_name="openingsvoorstellen"
    )
    overgang = models.CharField(_("overgang"), max_length=50)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"))
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("openingsvoorstel")
        verbose_name_plural = _("openingsvoorstellen")
        ordering = ["aanbesteding", "voorgesteld_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbesteding", "overgang"],
                condition=Q(bevestigd_op__isnull=True, ingetrokken_op__isnull=True),
                name="openingsvoorstel_een_open_per_overgang",
            ),
            models.CheckConstraint(
                name="openingsvoorstel_vier_ogen",
                condition=~Q(bevestigd_door=models.F("voorgesteld_door")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.overgang} ({self.aanbesteding.kenmerk})"


# The EU notices (eForms) live in their own module; imported here so Django registers them.
from .eforms.models import Aankondiging, Aankondigingsversie, EformsGegevens  # noqa: E402, F401
