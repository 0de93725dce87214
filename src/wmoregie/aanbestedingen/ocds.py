"""OCDS 1.1 release package of a procedure's public data: tender, awards, contract.

Only organisations appear (the region as buyer, the tendering organisations, the winner and its
combinanten), identified by KvK-nummer (scheme ``NL-KVK``). Never personal data: no contact
persons, e-mail addresses, phone numbers, assessors or users, no individual scores.

The tests validate the output against the official OCDS 1.1.5 release package schema
(``tests/ocds_1_1_5/``, test oracle only: nothing here reads it).

The ocid prefix comes from ``settings.WMOREGIE_OCDS_OCID_PREFIX``. Its default ``ocds-wmoreg``
is a placeholder: before publishing, set the prefix the Open Contracting Partnership registered
for the publisher.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from wmoregie.contracten.constants import OvereenkomstStatus

from .constants import Beoordelingsmethode, Inschrijvingsoort, PartijRol, Procedure, Status
from .models import Aanbesteding

#: An ocid prefix as the Open Contracting Partnership issues them: ``ocds-`` and six randomly
#: generated lowercase letters or digits (OCDS, "Identifiers", OCID prefix).
OCID_PREFIX_PATROON = re.compile(r"ocds-[a-z0-9]{6}")

# Closed codelists of OCDS 1.1.5 (the schema's enums): tenderStatus, method, awardStatus,
# contractStatus, releaseTag. Open codelists use official codes: awardCriteria, partyRole,
# submissionMethod.
_TENDER_STATUS = {
    Status.CONCEPT: "planned",
    Status.SELECTIEFASE: "active",
    Status.SELECTIE_BEOORDELING: "active",
    Status.GUNNINGSFASE: "active",
    Status.GUNNING_BEOORDELING: "active",
    Status.VOORLOPIG_GEGUND: "active",
    Status.OPGESCHORT: "active",
    Status.DEFINITIEF_GEGUND: "complete",
    Status.INGETROKKEN: "cancelled",
}
_PROCUREMENT_METHOD = {
    # non-open: only the candidates admitted in the selection phase may tender
    Procedure.SAS_NIET_OPENBAAR: "selective",
}
_AWARD_CRITERIA = {
    Beoordelingsmethode.KWALITEIT: "qualityOnly",
    Beoordelingsmethode.WAARDE: "ratedCriteria",
    Beoordelingsmethode.RELATIEF: "ratedCriteria",
}
#: The award while the procedure holds it; a winner in any other status (the provisional award
#: withdrawn, or the procedure withdrawn) is a cancelled award.
_AWARD_STATUS = {
    Status.VOORLOPIG_GEGUND: "pending",  # standstill
    Status.OPGESCHORT: "pending",  # objection or kort geding
    Status.DEFINITIEF_GEGUND: "active",
}
_CONTRACT_STATUS = {
    OvereenkomstStatus.CONCEPT: "pending",
    OvereenkomstStatus.ACTIEF: "active",
    OvereenkomstStatus.OPGESCHORT: "active",  # suspended, still in force
}


def ocid_prefix() -> str:
    """The configured ocid prefix; a malformed one is refused before anything is published."""
    prefix = settings.WMOREGIE_OCDS_OCID_PREFIX
    if not isinstance(prefix, str) or not OCID_PREFIX_PATROON.fullmatch(prefix):
        raise ImproperlyConfigured(
            f"WMOREGIE_OCDS_OCID_PREFIX moet 'ocds-' met zes kleine letters of cijfers zijn "
            f"(de prefix die de Open Contracting Partnership registreerde), niet {prefix!r}."
        )
    return prefix


def _moment(waarde: datetime | date) -> str:
    if not isinstance(waarde, datetime):
        waarde = timezone.make_aware(datetime.combine(waarde, time(0, 0)))
    return timezone.localtime(waarde).replace(microsecond=0).isoformat()


def _einde_van(dag: date) -> str:
    """The end of an inclusive last day (an agreement's einddatum is its last day)."""
    return _moment(timezone.make_aware(datetime.combine(dag, time(23, 59, 59))))


def _getal(waarde: Decimal) -> str:
    return format(waarde.normalize(), "f")


def _kvk_id(kvk: str) -> str:
    return f"NL-KVK-{kvk}"


def _organisatie(kvk: str, naam: str, rollen: list[str]) -> dict:
    return {
        "id": _kvk_id(kvk),
        "name": naam,
        "identifier": {"scheme": "NL-KVK", "id": kvk, "legalName": naam},
        "address": {"countryName": "Nederland"},
        "roles": rollen,
    }


def _contract_status(overeenkomst) -> str:
    if overeenkomst.status in _CONTRACT_STATUS:
        return _CONTRACT_STATUS[overeenkomst.status]
    # beëindigd: after being in force it ended (terminated), else it never took effect
    was_actief = overeenkomst.statuswijzigingen.filter(naar=OvereenkomstStatus.ACTIEF).exists()
    return "terminated" if was_actief else "cancelled"


def release_package(aanbesteding: Aanbesteding, *, uri: str, nu: datetime | None = None) -> dict:
    """The release package: one release, a snapshot of the procedure at ``nu``.

    The release id carries the moment, so each snapshot has its own id (a procedure can go back
    a status, and an agreement changes status outside the procedure)."""
    nu = (nu or timezone.now()).replace(microsecond=0)
    ocid = f"{ocid_prefix()}-{aanbesteding.kenmerk}"
    status = aanbesteding.status
    geschiedenis = list(
        aanbesteding.statuswijzigingen.order_by("id").values_list("overgang", "van")
    )
    overgangen = [overgang for overgang, _van in geschiedenis]
    regio = aanbesteding.regio
    koper = {"id": f"regio-{regio.pk}", "name": regio.naam}
    partijen: dict[str, dict] = {
        koper["id"]: {**koper, "roles": ["buyer", "procuringEntity"]},
    }

    def voeg_toe(kvk: str, naam: str, rol: str) -> dict:
        sleutel = _kvk_id(kvk)
        if sleutel not in partijen:
            partijen[sleutel] = _organisatie(kvk, naam, [])
        if rol not in partijen[sleutel]["roles"]:
            partijen[sleutel]["roles"].append(rol)
        return {"id": sleutel, "name": partijen[sleutel]["name"]}

    inschrijvers = []
    geopend = aanbesteding.gunning_geopend_op is not None
    if geopend:
        for inschrijving in (
            aanbesteding.inschrijvingen.filter(indieningen__fase="gunning")
            .select_related("organisatie")
            .distinct()
            .order_by("id")
        ):
            org = inschrijving.organisatie
            inschrijvers.append(voeg_toe(org.kvk_nummer, org.naam, "tenderer"))

    tender = {
        "id": aanbesteding.kenmerk,
        "title": aanbesteding.naam,
        "status": _TENDER_STATUS[status],
        "procuringEntity": koper,
        "items": [
            {
                "id": perceel.code,
                "description": perceel.naam,
                "classification": {
                    "scheme": "CPV",
                    "id": "85000000",
                    "description": "Gezondheidszorg en maatschappelijk werk",
                },
            }
            for perceel in aanbesteding.percelen.all()
        ],
        "procurementMethod": _PROCUREMENT_METHOD[aanbesteding.procedure],
        "procurementMethodDetails": aanbesteding.get_procedure_display(),
        "mainProcurementCategory": "services",
        "awardCriteria": _AWARD_CRITERIA[aanbesteding.beoordelingsmethode],
        "awardCriteriaDetails": "; ".join(
            f"{c.naam}: {_getal(c.weging)} punten" for c in aanbesteding.criteria.all()
        ),
        "submissionMethod": ["electronicSubmission"],
        "enquiryPeriod": {
            "startDate": _moment(aanbesteding.publicatie),
            "endDate": _moment(aanbesteding.vragen_sluiting()),
        },
        "tenderPeriod": {
            "startDate": _moment(aanbesteding.publicatie),
            "endDate": _moment(aanbesteding.deadline("gunning")),
        },
        "contractPeriod": {"startDate": _moment(aanbesteding.contractstart)},
    }
    if aanbesteding.omschrijving:
        tender["description"] = aanbesteding.omschrijving
    if geopend:
        tender["numberOfTenderers"] = len(inschrijvers)
        tender["tenderers"] = inschrijvers

    if status == Status.CONCEPT:
        tags = ["planning"]
    elif status == Status.INGETROKKEN and geschiedenis and geschiedenis[-1][1] == Status.CONCEPT:
        # withdrawn as a concept: the planned process is withdrawn, no tender is cancelled
        tender["status"] = "withdrawn"
        tags = ["planningUpdate"]
    elif status == Status.INGETROKKEN:
        tags = ["tenderCancellation"]
    else:
        tags = ["tender"]
    release: dict = {"ocid": ocid, "initiationType": "tender", "language": "nl"}
    winnaar = aanbesteding.winnaar
    if winnaar is not None:
        leveranciers = []
        if winnaar.soort == Inschrijvingsoort.COMBINATIE:
            for partij in winnaar.partijen.filter(
                rol__in=(PartijRol.PENVOERDER, PartijRol.COMBINANT)
            ).exclude(kvk_nummer=""):
                leveranciers.append(voeg_toe(partij.kvk_nummer, partij.naam, "supplier"))
        else:
            org = winnaar.organisatie
            leveranciers.append(voeg_toe(org.kvk_nummer, org.naam, "supplier"))
        award_status = _AWARD_STATUS.get(status, "cancelled")
        tags.append("awardCancellation" if award_status == "cancelled" else "award")
        award = {
            # one id per provisional award: a new award after a withdrawn one is another award
            "id": f"{aanbesteding.kenmerk}-gunning-{max(overgangen.count('voorlopig-gunnen'), 1)}",
            "title": f"Gunning {aanbesteding.naam}",
            "status": award_status,
            "date": _moment(aanbesteding.voorlopig_gegund_op),
            "suppliers": leveranciers,
        }
        if winnaar.prijs is not None:
            award["value"] = {"amount": float(winnaar.prijs), "currency": "EUR"}
        release["awards"] = [award]
        overeenkomst = aanbesteding.overeenkomst
        if overeenkomst is not None:
            tags.append("contract")
            release["contracts"] = [
                {
                    "id": overeenkomst.nummer,
                    "awardID": award["id"],
                    "title": overeenkomst.naam,
                    "status": _contract_status(overeenkomst),
                    "period": {
                        "startDate": _moment(overeenkomst.ingangsdatum),
                        "endDate": _einde_van(overeenkomst.einddatum),
                    },
                }
            ]
    release |= {
        "id": f"{ocid}-{nu.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        "date": _moment(nu),
        "tag": tags,
        "parties": list(partijen.values()),
        "buyer": koper,
        "tender": tender,
    }
    return {
        "uri": uri,
        "version": "1.1",
        "publishedDate": _moment(nu),
        "publisher": {"name": regio.naam},
        "releases": [release],
    }
