"""Nota van Inlichtingen: questions, answers and their publication."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..constants import Fase, Status
from ..models import Aanbesteding, Inschrijving, NotaVanInlichtingen, Vraag
from ._helpers import _nu, _vergrendeld

#: Statuses in which a published Nota belongs to the selection phase.
_SELECTIE = (Status.CONCEPT, Status.SELECTIEFASE, Status.SELECTIE_BEOORDELING)


@transaction.atomic
def stel_vraag(
    inschrijving: Inschrijving, *, tekst: str, gebruiker, nu: datetime | None = None
) -> Vraag:
    """A registrant asks a question; only the region side and the asker see it until published."""
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    moment = _nu(nu)
    fase = aanbesteding.vragenfase(moment)
    if fase is None:
        raise ValidationError(
            _("Vragen stellen kan nu niet: de termijn voor vragen is verstreken of niet open."),
            code="vragentermijn-verstreken",
        )
    inschrijving = Inschrijving.objects.get(pk=inschrijving.pk)  # the decision as stored
    if fase == Fase.GUNNING and inschrijving.toegelaten is not True:
        raise ValidationError(
            _("In de gunningsfase stellen alleen toegelaten gegadigden vragen."),
            code="niet-toegelaten",
        )
    if not tekst.strip():
        raise ValidationError(
            {"tekst": ValidationError(_("Schrijf uw vraag op."), code="vraag-leeg")}
        )
    vraag = Vraag.objects.create(
        aanbesteding=aanbesteding,
        inschrijving=inschrijving,
        fase=fase,
        vraag=tekst.strip(),
        gesteld_op=moment,
        gesteld_door=gebruiker,
    )
    record(
        "vraag.gesteld",
        gebruiker=gebruiker,
        obj=vraag,
        gegevens={"inschrijving": inschrijving.pk, "fase": fase},
    )
    return vraag


@transaction.atomic
def beantwoord_vraag(
    vraag: Vraag,
    *,
    antwoord: str,
    vraag_gepubliceerd: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Vraag:
    """The inkoper answers; the question as published leaves out whatever identifies the asker."""
    vraag = Vraag.objects.select_for_update().get(pk=vraag.pk)
    if vraag.nota_id is not None:
        raise ValidationError(
            _("Deze vraag is al gepubliceerd in een Nota van Inlichtingen en wijzigt niet meer."),
            code="al-gepubliceerd",
        )
    if not antwoord.strip():
        raise ValidationError(
            {"antwoord": ValidationError(_("Geef een antwoord."), code="antwoord-leeg")}
        )
    vraag.antwoord = antwoord.strip()
    vraag.vraag_gepubliceerd = vraag_gepubliceerd.strip() or vraag.vraag
    vraag.beantwoord_op = _nu(nu)
    vraag.beantwoord_door = gebruiker
    vraag.save()
    record("vraag.beantwoord", gebruiker=gebruiker, obj=vraag)
    return vraag


@transaction.atomic
def publiceer_nota(
    aanbesteding: Aanbesteding, *, gebruiker, nu: datetime | None = None
) -> NotaVanInlichtingen:
    """Publish every answered, unpublished question to all registrants, anonymised; the Nota
    belongs to the phase the procedure is in (from the selection decision on: the award phase,
    its own round on the award guideline), numbered on from the earlier ones."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    fase = Fase.SELECTIE if aanbesteding.status in _SELECTIE else Fase.GUNNING
    vragen = list(aanbesteding.vragen.filter(nota__isnull=True, beantwoord_op__isnull=False))
    if not vragen:
        raise ValidationError(
            _("Er zijn geen beantwoorde vragen om te publiceren."), code="niets-te-publiceren"
        )
    nummer = (
        aanbesteding.nota_s.order_by("-nummer").values_list("nummer", flat=True).first() or 0
    ) + 1
    nota = NotaVanInlichtingen.objects.create(
        aanbesteding=aanbesteding,
        nummer=nummer,
        fase=fase,
        gepubliceerd_op=_nu(nu),
        gepubliceerd_door=gebruiker,
    )
    Vraag.objects.filter(pk__in=[v.pk for v in vragen]).update(nota=nota)
    record(
        "nota.gepubliceerd",
        gebruiker=gebruiker,
        obj=nota,
        omschrijving=f"{aanbesteding.kenmerk}: {nota}",
        gegevens={"vragen": len(vragen), "fase": fase},
    )
    return nota
