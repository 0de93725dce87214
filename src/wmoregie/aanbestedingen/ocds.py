"""OCDS 1.1 release package of a procedure's public data: tender, awards, contract.

Only organisations appear (the region as buyer, the tendering organisations, the winner and its
combinanten), identified by KvK-nummer (scheme ``NL-KVK``). Never personal data: no contact
persons, e-mail addresses, phone numbers, assessors or users, no individual scores.

Checked against ``schema/ocds-release-package.json``, our own JSON Schema written from the facts
of OCDS 1.1: conformity with that reading only (the official schema is not on this machine).

``OCID_PREFIX`` is a placeholder: a publisher registers its own prefix with the OCDS helpdesk
before publishing.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from django.utils import timezone

from .constants import Beoordelingsmethode, Inschrijvingsoort, PartijRol, Status
from .models import Aanbesteding

OCID_PREFIX = "ocds-wmoreg"
SCHEMA_PAD = Path(__file__).parent / "schema" / "ocds-release-package.json"

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
_AWARD_CRITERIA = {
    Beoordelingsmethode.KWALITEIT: "qualityOnly",
    Beoordelingsmethode.WAARDE: "ratedCriteria",
    Beoordelingsmethode.RELATIEF: "ratedCriteria",
}


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PAD.read_text(encoding="utf-8"))


def _moment(waarde: datetime | date) -> str:
    if not isinstance(waarde, datetime):
        waarde = timezone.make_aware(datetime.combine(waarde, time(0, 0)))
    return timezone.localtime(waarde).replace(microsecond=0).isoformat()


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


def release_package(aanbesteding: Aanbesteding, *, uri: str, nu: datetime | None = None) -> dict:
    """The release package (one release, tagged by how far the procedure is)."""
    nu = nu or timezone.now()
    ocid = f"{OCID_PREFIX}-{aanbesteding.kenmerk}"
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
        "status": _TENDER_STATUS[aanbesteding.status],
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
        "procurementMethod": "selective",
        "procurementMethodDetails": aanbesteding.get_procedure_display(),
        "mainProcurementCategory": "services",
        "awardCriteria": _AWARD_CRITERIA[aanbesteding.beoordelingsmethode],
        "awardCriteriaDetails": "; ".join(
            f"{c.naam}: {c.weging:g} punten" for c in aanbesteding.criteria.all()
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

    tags = ["tender"]
    release: dict = {"ocid": ocid, "initiationType": "tender", "language": "nl"}
    winnaar = aanbesteding.winnaar
    if winnaar is not None and aanbesteding.status != Status.INGETROKKEN:
        tags.append("award")
        leveranciers = []
        if winnaar.soort == Inschrijvingsoort.COMBINATIE:
            for partij in winnaar.partijen.filter(
                rol__in=(PartijRol.PENVOERDER, PartijRol.COMBINANT)
            ).exclude(kvk_nummer=""):
                leveranciers.append(voeg_toe(partij.kvk_nummer, partij.naam, "supplier"))
        else:
            org = winnaar.organisatie
            leveranciers.append(voeg_toe(org.kvk_nummer, org.naam, "supplier"))
        award = {
            "id": f"{aanbesteding.kenmerk}-gunning",
            "title": f"Gunning {aanbesteding.naam}",
            "status": "active" if aanbesteding.status == Status.DEFINITIEF_GEGUND else "pending",
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
                    "status": "active" if overeenkomst.status == "actief" else "pending",
                    "period": {
                        "startDate": _moment(overeenkomst.ingangsdatum),
                        "endDate": _moment(overeenkomst.einddatum),
                    },
                }
            ]
    release |= {
        "id": f"{ocid}-{aanbesteding.status}",
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


def valideer(pakket: dict) -> list[str]:
    """Errors against our reading of OCDS 1.1 (empty: valid)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    return [
        f"{'/'.join(str(p) for p in fout.absolute_path) or '(root)'}: {fout.message}"
        for fout in validator.iter_errors(pakket)
    ]
