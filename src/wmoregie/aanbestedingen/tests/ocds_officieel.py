"""The official OCDS 1.1.5 schemas in ``ocds_1_1_5/`` as a test oracle: validation offline.

The package schema refers to the release schema by its URL; a ``referencing.Registry`` holding
the local copy resolves it (a registry without ``retrieve`` never goes to the network).
"""

import json
import re
from pathlib import Path

from jsonschema import Draft4Validator
from referencing import Registry, Resource

MAP = Path(__file__).parent / "ocds_1_1_5"
PAKKETSCHEMA = json.loads((MAP / "release-package-schema.json").read_text(encoding="utf-8"))
RELEASESCHEMA = json.loads((MAP / "release-schema.json").read_text(encoding="utf-8"))

#: Codes of the open OCDS 1.1.5 codelists we use (standard.open-contracting.org/1.1/en/schema/
#: codelists/). The schema names these codelists but does not carry their codes; deprecated codes
#: are left out.
OPEN_CODELIJSTEN = {
    "partyRole": {
        "buyer",
        "procuringEntity",
        "supplier",
        "tenderer",
        "funder",
        "enquirer",
        "payer",
        "payee",
        "reviewBody",
        "interestedParty",
    },
    "awardCriteria": {"priceOnly", "costOnly", "qualityOnly", "ratedCriteria"},
    "submissionMethod": {"electronicSubmission", "electronicAuction", "written", "inPerson"},
}

# jsonschema checks "date-time" and "uri" only with rfc3339-validator and rfc3986-validator
# installed (requirements/dev.txt); test_ocds checks that they are.
FORMATEN = Draft4Validator.FORMAT_CHECKER

VALIDATOR = Draft4Validator(
    PAKKETSCHEMA,
    registry=Registry().with_resource(RELEASESCHEMA["id"], Resource.from_contents(RELEASESCHEMA)),
    format_checker=FORMATEN,
)


def fouten(pakket: dict) -> list[str]:
    """The errors of a release package against the official schema (empty: valid)."""
    return [f"{fout.json_path}: {fout.message}" for fout in VALIDATOR.iter_errors(pakket)]


def _opgelost(schema: dict) -> dict:
    while "$ref" in schema:
        verwijzing = schema["$ref"]
        if verwijzing == RELEASESCHEMA["id"]:
            schema = RELEASESCHEMA
        else:
            schema = RELEASESCHEMA["definitions"][verwijzing.removeprefix("#/definitions/")]
    return schema


def buiten_het_schema(waarde, schema: dict = PAKKETSCHEMA, pad: str = "$") -> list[str]:
    """Fields the official schema does not define. OCDS allows them for extensions; we declare
    none, so any such field is a typo or a field of ours."""
    schema = _opgelost(schema)
    gevonden = []
    if isinstance(waarde, dict):
        eigenschappen = schema.get("properties", {})
        for sleutel, kind in waarde.items():
            if sleutel in eigenschappen:
                gevonden += buiten_het_schema(kind, eigenschappen[sleutel], f"{pad}.{sleutel}")
            elif not any(re.search(p, sleutel) for p in schema.get("patternProperties", {})):
                gevonden.append(f"{pad}.{sleutel}")
    elif isinstance(waarde, list) and isinstance(schema.get("items"), dict):
        for i, kind in enumerate(waarde):
            gevonden += buiten_het_schema(kind, schema["items"], f"{pad}[{i}]")
    return gevonden


def buiten_de_codelijsten(pakket: dict) -> list[str]:
    """Values of the open codelists we use that are not official codes."""
    gevonden = []
    for release in pakket["releases"]:
        tender = release.get("tender", {})
        waarden = {
            "partyRole": [r for p in release.get("parties", []) for r in p["roles"]],
            "awardCriteria": [tender["awardCriteria"]] if "awardCriteria" in tender else [],
            "submissionMethod": tender.get("submissionMethod", []),
        }
        for lijst, codes in waarden.items():
            gevonden += [f"{lijst}: {c}" for c in codes if c not in OPEN_CODELIJSTEN[lijst]]
    return gevonden


def conform(pakket: dict) -> dict:
    """Assert the package is valid OCDS 1.1.5 with official codes only; return its release."""
    assert fouten(pakket) == []
    assert buiten_het_schema(pakket) == []
    assert buiten_de_codelijsten(pakket) == []
    [release] = pakket["releases"]
    return release
