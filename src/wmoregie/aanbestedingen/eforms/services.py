"""Actions on the EU notices: hand out a version, and record the values only the notices need.

A notice keeps its identifier (BT-701). What leaves the system is kept as a version (BT-757):
handing out the same content again gives the same version, changed content (a correction) the
next version of the same notice. Every action is atomic and audited.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wmoregie.audit.services import record
from wmoregie.catalogi.validators import validate_nuts3_code

from .constants import Omvang, Selectiesoort, Soort
from .gegevens import (
    _gegevens_van,
    controlelijst,
    kennisgeving,
    partijen_voor_omvang,
    selectiecriteria_zonder_soort,
)
from .models import Aankondiging, Aankondigingsversie, EformsGegevens
from .xml import schrijf

#: The fixed moment and version the fingerprint is taken at: content only.
_VAST = datetime(2000, 1, 1, tzinfo=UTC)
MAX_VERSIE = 99


class AankondigingOnvolledig(ValidationError):
    """The notice cannot be made: ``ontbrekend`` lists what blocks it."""

    def __init__(self, ontbrekend):
        self.ontbrekend = ontbrekend
        super().__init__(
            [ValidationError(o.bericht, code=o.code) for o in ontbrekend],
        )


def _vingerafdruk(k, notice_id: str) -> str:
    return hashlib.sha256(schrijf(k, notice_id=notice_id, versie=1, uitgifte=_VAST)).hexdigest()


@transaction.atomic
def geef_uit(aanbesteding, soort: str, *, gebruiker, nu: datetime | None = None):
    """The version of notice ``soort`` for the procedure's current data: the last version when
    its content is unchanged, else a new version (stored and audited). Refused with
    :class:`AankondigingOnvolledig` while a value it needs is missing."""
    soort = Soort(soort)
    nu = nu or timezone.now()
    blokkerend = [o for o in controlelijst(aanbesteding, soort) if o.blokkeert]
    if blokkerend:
        raise AankondigingOnvolledig(blokkerend)
    aankondiging, _ = Aankondiging.objects.get_or_create(aanbesteding=aanbesteding, soort=soort)
    aankondiging = Aankondiging.objects.select_for_update().get(pk=aankondiging.pk)
    notice_id = str(aankondiging.notice_id)
    k = kennisgeving(aanbesteding, soort)
    vingerafdruk = _vingerafdruk(k, notice_id)
    laatste = aankondiging.versies.order_by("-versie").first()
    if laatste is not None and laatste.vingerafdruk == vingerafdruk:
        return laatste
    if soort == Soort.CN and k.aanmelden_tot <= nu:
        raise AankondigingOnvolledig(
            [
                _gesloten(
                    "De aanmelding is gesloten: een (gewijzigde) aankondiging van de opdracht "
                    "kan niet meer worden verzonden."
                )
            ]
        )
    versie = (laatste.versie if laatste else 0) + 1
    if versie > MAX_VERSIE:
        raise AankondigingOnvolledig([_gesloten("Een aankondiging heeft ten hoogste 99 versies.")])
    uitgave = Aankondigingsversie.objects.create(
        aankondiging=aankondiging,
        versie=versie,
        vingerafdruk=vingerafdruk,
        xml=schrijf(k, notice_id=notice_id, versie=versie, uitgifte=nu).decode(),
        uitgegeven_op=nu,
        uitgegeven_door=gebruiker,
    )
    record(
        "eforms.versie-uitgegeven",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"{soort.label} versie {versie:02d}",
        gegevens={"soort": soort.value, "notice_id": notice_id, "versie": versie},
    )
    return uitgave


def _gesloten(bericht: str):
    from .gegevens import Ontbrekend

    return Ontbrekend("aanmelden-gesloten", bericht, "procedure")


# --- values only the notices need ----------------------------------------------------------


@transaction.atomic
def wijzig_eforms_gegevens(aanbesteding, *, gebruiker, **velden) -> EformsGegevens:
    """The procedure's own notice values: platform address, estimated value, term."""
    gegevens = EformsGegevens.objects.select_for_update().get(pk=_gegevens_van(aanbesteding).pk)
    toegestaan = {"platform_url", "geraamde_waarde", "looptijd_maanden"}
    onbekend = set(velden) - toegestaan
    if onbekend:
        raise ValueError(f"onbekende velden: {sorted(onbekend)}")
    for veld, waarde in velden.items():
        setattr(gegevens, veld, waarde)
    gegevens.full_clean()
    gegevens.save()
    record(
        "eforms.gegevens-gewijzigd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={
            veld: str(waarde) if waarde is not None else None for veld, waarde in velden.items()
        },
    )
    return gegevens


@transaction.atomic
def stel_selectiesoorten_in(aanbesteding, *, gebruiker, soorten: dict[str, str]) -> None:
    """BT-809 for the selection requirements and criteria: {"eis-<id>" | "sel-<id>": code}."""
    bekend = {f"eis-{pk}" for pk in aanbesteding.geschiktheidseisen.values_list("pk", flat=True)}
    bekend |= {f"sel-{pk}" for pk in aanbesteding.selectiecriteria.values_list("pk", flat=True)}
    fouten = [
        ValidationError(f"Onbekend selectiecriterium {sleutel}.", code="criterium-onbekend")
        for sleutel in soorten
        if sleutel not in bekend
    ] + [
        ValidationError(f"Onbekend soort selectiecriterium {code!r}.", code="soort-onbekend")
        for code in soorten.values()
        if code not in Selectiesoort.values
    ]
    if fouten:
        raise ValidationError(fouten)
    gegevens = EformsGegevens.objects.select_for_update().get(pk=_gegevens_van(aanbesteding).pk)
    gegevens.criteriumsoorten = {
        sleutel: code
        for sleutel, code in (gegevens.criteriumsoorten | soorten).items()
        if sleutel in bekend
    }
    gegevens.save(update_fields=["criteriumsoorten"])
    record(
        "eforms.selectiesoorten-vastgelegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"soorten": soorten},
    )


@transaction.atomic
def leg_partijgegevens_vast(aanbesteding, partij, *, gebruiker, omvang: str, nuts: str) -> None:
    """BT-165 (size) and BT-507 (NUTS region) of a party the award notice names."""
    if partij not in partijen_voor_omvang(aanbesteding):
        raise ValidationError(
            "Deze partij komt niet voor in de aankondiging van de gegunde opdracht.",
            code="partij-niet-in-aankondiging",
        )
    if omvang not in Omvang.values:
        raise ValidationError(
            {"omvang": ValidationError("Kies de omvang.", code="omvang-onbekend")}
        )
    if nuts:
        try:
            validate_nuts3_code(nuts)
        except ValidationError as fout:
            raise ValidationError({"nuts": fout}) from None
    gegevens = EformsGegevens.objects.select_for_update().get(pk=_gegevens_van(aanbesteding).pk)
    gegevens.partijgegevens = gegevens.partijgegevens | {
        str(partij.pk): {"omvang": omvang, "nuts": nuts}
    }
    gegevens.save(update_fields=["partijgegevens"])
    record(
        "eforms.partijgegevens-vastgelegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"partij": partij.pk, "omvang": omvang, "nuts": nuts},
    )


__all__ = [
    "AankondigingOnvolledig",
    "geef_uit",
    "leg_partijgegevens_vast",
    "selectiecriteria_zonder_soort",
    "stel_selectiesoorten_in",
    "wijzig_eforms_gegevens",
]
