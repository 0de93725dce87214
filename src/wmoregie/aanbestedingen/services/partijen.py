"""The parties of a registration: add, change or remove one, and the consent for a party
added after the selection deadline."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..constants import LEIDENDE_ROLLEN, TOE_TE_VOEGEN_ROLLEN, Fase
from ..models import Inschrijving, Partij, Toestemming
from ._helpers import _controleer_uniek, _label_partij, _nu
from .inschrijvingen import open_fase_voor

PARTIJVELDEN = (
    "naam",
    "kvk_nummer",
    "straat",
    "postcode",
    "plaats",
    "land",
    "contactpersoon",
    "email",
    "telefoon",
    "taakomschrijving",
    "expertise",
)


@transaction.atomic
def voeg_partij_toe(
    inschrijving: Inschrijving,
    *,
    gebruiker,
    rol: str,
    percelen=(),
    producten=(),
    nu: datetime | None = None,
    **velden,
) -> Partij:
    """Add a combinant, derde or subcontractor while the phase is open (checked by the rules
    after the selection deadline: consent)."""
    moment = _nu(nu)
    fase = open_fase_voor(inschrijving, moment)
    if rol not in TOE_TE_VOEGEN_ROLLEN:
        raise ValidationError(
            {"rol": ValidationError(_("Deze rol kan niet worden toegevoegd."), code="rol-ongeldig")}
        )
    partij = Partij(
        inschrijving=inschrijving,
        rol=rol,
        fase=fase,
        toegevoegd_op=moment,
        toegevoegd_door=gebruiker,
        **{k: v for k, v in velden.items() if k in PARTIJVELDEN},
    )
    _controleer_uniek(partij)
    partij.full_clean()
    partij.save()
    partij.percelen.set(percelen)
    partij.producten.set(producten)
    record(
        "partij.toegevoegd",
        gebruiker=gebruiker,
        obj=partij,
        omschrijving=_label_partij(partij),
        gegevens={
            "inschrijving": inschrijving.pk,
            "rol": rol,
            "fase": fase,
            "na_selectiedeadline": moment >= inschrijving.aanbesteding.deadline(Fase.SELECTIE),
        },
    )
    return partij


@transaction.atomic
def wijzig_partij(
    partij: Partij,
    *,
    gebruiker,
    percelen=None,
    producten=None,
    nu: datetime | None = None,
    **velden,
) -> Partij:
    open_fase_voor(partij.inschrijving, nu)
    partij = Partij.objects.select_for_update().get(pk=partij.pk)
    for veld, waarde in velden.items():
        if veld in PARTIJVELDEN:
            setattr(partij, veld, waarde)
    if partij.rol in LEIDENDE_ROLLEN:
        partij.kvk_nummer = partij.inschrijving.organisatie.kvk_nummer  # fixed by the registration
    _controleer_uniek(partij)
    partij.full_clean()
    partij.save()
    if percelen is not None:
        partij.percelen.set(percelen)
    if producten is not None:
        partij.producten.set(producten)
    record("partij.gewijzigd", gebruiker=gebruiker, obj=partij, omschrijving=_label_partij(partij))
    return partij


@transaction.atomic
def verwijder_partij(partij: Partij, *, gebruiker, nu: datetime | None = None) -> None:
    """Remove a party with its documents, only in the selection phase: after the selection
    deadline the composition changes only by adding, with consent."""
    fase = open_fase_voor(partij.inschrijving, nu)
    if fase != Fase.SELECTIE:
        raise ValidationError(
            _("Na de sluiting van de aanmelding kan een partij niet meer worden verwijderd."),
            code="verwijderen-na-selectie",
        )
    if partij.rol in LEIDENDE_ROLLEN:
        raise ValidationError(
            _("De hoofdaannemer of penvoerder hoort bij de aanmelding en kan niet weg."),
            code="leidende-partij",
        )
    bestanden = [(d.bestand.storage, d.bestand.name) for d in partij.documenten.all()]
    record(
        "partij.verwijderd",
        gebruiker=gebruiker,
        obj=partij,
        omschrijving=_label_partij(partij),
        gegevens={
            "inschrijving": partij.inschrijving_id,
            "rol": partij.rol,
            "documenten": [naam for _opslag, naam in bestanden],
        },
    )
    partij.delete()

    def opruimen():
        for opslag, naam in bestanden:
            opslag.delete(naam)

    transaction.on_commit(opruimen)


@transaction.atomic
def verleen_toestemming(
    partij: Partij, *, gebruiker, kenmerk: str, toelichting: str = "", nu: datetime | None = None
) -> Toestemming:
    """Record the inkoper's written consent for a party added after the selection deadline."""
    if hasattr(partij, "toestemming"):
        raise ValidationError(
            _("Voor deze partij is al toestemming vastgelegd."), code="al-toestemming"
        )
    if not kenmerk.strip():
        raise ValidationError(
            {
                "kenmerk": ValidationError(
                    _("Geef het kenmerk van de schriftelijke toestemming."),
                    code="kenmerk-ontbreekt",
                )
            }
        )
    toestemming = Toestemming.objects.create(
        partij=partij,
        kenmerk=kenmerk.strip(),
        toelichting=toelichting,
        verleend_op=_nu(nu),
        verleend_door=gebruiker,
    )
    record(
        "toestemming.verleend",
        gebruiker=gebruiker,
        obj=partij,
        omschrijving=f"{_label_partij(partij)}: {kenmerk}",
        gegevens={"kenmerk": kenmerk, "inschrijving": partij.inschrijving_id},
    )
    return toestemming
