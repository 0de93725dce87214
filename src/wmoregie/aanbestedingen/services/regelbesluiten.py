"""Error-level rule findings decide: they block the admission to the award phase and the
award, unless the inkoper records a reasoned decision (``Regelbesluit``)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wmoregie.audit.services import record

from .. import regels, selectors
from ..constants import Fase, Regelbesluitsoort, Status
from ..models import Inschrijving, Regelbesluit
from ._helpers import _label_inschrijving, _nu, _vergrendeld

#: While a decision on a finding can be recorded: from the selection opening until the
#: provisional award.
BESLUIT_MOGELIJK = (Status.SELECTIE_BEOORDELING, Status.GUNNINGSFASE, Status.GUNNING_BEOORDELING)


def regelfouten_tekst(inschrijving: Inschrijving, fouten: list[regels.Bevinding]) -> str:
    """One Dutch sentence naming a registration's open error findings."""
    return ngettext(
        "%(naam)s heeft %(aantal)s fout uit de controle zonder besluit: %(fouten)s",
        "%(naam)s heeft %(aantal)s fouten uit de controle zonder besluit: %(fouten)s",
        len(fouten),
    ) % {
        "naam": inschrijving.weergavenaam,
        "aantal": len(fouten),
        "fouten": " ".join(b.bericht for b in fouten),
    }


def controleer_regelfouten(inschrijving: Inschrijving, nu: datetime, fasen) -> None:
    """Refuse (``regelfout-open``) while the registration has an error-level finding of
    ``fasen`` without the inkoper's decision."""
    fouten = selectors.open_regelfouten(inschrijving, nu, fasen)
    if fouten:
        raise ValidationError(
            regelfouten_tekst(inschrijving, fouten)
            + " "
            + _(
                "Wijs de aanmelding af, of leg per fout een gemotiveerd besluit vast "
                "(hersteld binnen de termijn, of de regel is niet van toepassing)."
            ),
            code="regelfout-open",
        )


@transaction.atomic
def neem_regelbesluit(
    inschrijving: Inschrijving,
    *,
    code: str,
    partij_id: int | None,
    besluit: str,
    motivering: str,
    gebruiker,
    nu: datetime | None = None,
) -> Regelbesluit:
    """Record the inkoper's reasoned decision on an error-level finding of this registration,
    from the selection opening until the provisional award (award-phase findings from the
    award opening: before that they are sealed)."""
    moment = _nu(nu)
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    if aanbesteding.status not in BESLUIT_MOGELIJK:
        raise ValidationError(
            _(
                "Een besluit over een fout uit de controle kan alleen na het openen van de "
                "aanmeldingen en vóór de voorlopige gunning."
            ),
            code="regelbesluit-niet-mogelijk",
        )
    if besluit not in Regelbesluitsoort.values:
        raise ValidationError(
            {"besluit": ValidationError(_("Kies een besluit."), code="besluit-ongeldig")}
        )
    if not motivering.strip():
        raise ValidationError(
            {"motivering": ValidationError(_("Motiveer het besluit."), code="motivering-ontbreekt")}
        )
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    fasen = [f for f in Fase.values if aanbesteding.is_geopend(f)]
    bestaat = any(
        r.bevinding.code == code and r.bevinding.partij_id == partij_id
        for r in selectors.regelbevindingen(inschrijving, moment, fasen)
    )
    if not bestaat:
        raise ValidationError(
            _("Deze aanmelding heeft die fout uit de controle (nu) niet."),
            code="geen-regelfout",
        )
    regelbesluit = Regelbesluit.objects.create(
        inschrijving=inschrijving,
        code=code,
        partij_id=partij_id,
        besluit=besluit,
        motivering=motivering.strip(),
        besloten_op=moment,
        besloten_door=gebruiker,
    )
    record(
        "regelbesluit.vastgelegd",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=f"{_label_inschrijving(inschrijving)}: {code}",
        gegevens={
            "code": code,
            "partij": partij_id,
            "besluit": besluit,
            "motivering": regelbesluit.motivering,
        },
    )
    return regelbesluit
