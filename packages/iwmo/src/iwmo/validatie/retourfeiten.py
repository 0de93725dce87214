"""Layer-1 facts of the retour messages (302/306/308/316/318/320) and of the 325.

The official XSDs of these messages are not in our reference set. Their facts are derived here,
at import, from the generated facts of the heenbericht (:mod:`.xsdfeiten`), by our reading of
the per-schema overview of the standard (the same reading as the models in
``berichten/retourbasis.py`` and the test oracle ``tests/retourxsd.py``):

* a retour schema is the heenbericht schema with its own prefix and BerichtCode;
* the Header gets IdentificatieRetour, DagtekeningRetour, XsltVersie (0..1), XsdVersieRetour
  and RetourCodes (0..1);
* every element of the Root after the Header becomes optional;
* every berichtklasse ends with a required RetourCodes (1..n RetourCode, WJ001).

The 325 has its own header (the gemeente's identification plus DeclaratieIdentificatie,
XsltVersie 0..1, XsdVersieDeclaratie, RetourCodes) and a DeclaratieAntwoord instead of the
Declaratie. These facts are checked against our reading of the standard only.
"""

from __future__ import annotations

from .xsdfeiten import COMPLEXE_TYPEN, EENVOUDIGE_TYPEN

AFLEIDING: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # retour: (heen, retour BerichtCode, berichtklassen with RetourCodes)
    "wmo302": ("wmo301", "415", ("Client", "Relatie", "Contact", "ToegewezenProduct")),
    "wmo306": ("wmo305", "419", ("Client", "StartProduct")),
    "wmo308": ("wmo307", "421", ("Client", "StopProduct")),
    "wmo316": ("wmo315", "445", ("Client", "AangevraagdProduct")),
    "wmo318": (
        "wmo317",
        "481",
        ("Client", "Verzoek", "OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct"),
    ),
    "wmo320": ("wmo319", "483", ("Antwoord",)),
    "wmo325": ("wmo323", "485", ("Client", "Prestatie")),
}

Deeltje = tuple[str, str, int, int | None]


def _afleiden() -> tuple[dict[str, str], dict[str, dict], dict[str, tuple[Deeltje, ...]]]:
    berichten: dict[str, str] = {}
    eenvoudig: dict[str, dict] = {}
    complex_: dict[str, tuple[Deeltje, ...]] = {}
    for retour, (heen, code, klassen) in AFLEIDING.items():

        def hernoem(type_: str, heen: str = heen, retour: str = retour) -> str:
            return retour + type_[len(heen) :] if type_.startswith(heen + ":") else type_

        for naam, feiten in EENVOUDIGE_TYPEN.items():
            if naam.startswith(heen + ":"):
                nieuw = dict(feiten)
                if naam.endswith(":Header/BerichtCode"):
                    nieuw["patronen"] = ((code,),)
                eenvoudig[hernoem(naam)] = nieuw
        codes = f"{retour}:RetourCodes"
        for naam, deeltjes in COMPLEXE_TYPEN.items():
            if not naam.startswith(heen + ":"):
                continue
            lokaal = naam.split(":", 1)[1]
            lijst = [(n, hernoem(t), mi, ma) for n, t, mi, ma in deeltjes]
            if retour == "wmo325":
                lijst, lokaal = _voor_325(lokaal, lijst, codes)
            elif lokaal == "Header":
                lijst += [
                    ("IdentificatieRetour", "iwmo:LDT_IdentificatieBericht", 1, 1),
                    ("DagtekeningRetour", "iwmo:LDT_Datum", 1, 1),
                    ("XsltVersie", "iwmo:LDT_Versie", 0, 1),
                    ("XsdVersieRetour", "iwmo:CDT_XsdVersie", 1, 1),
                    ("RetourCodes", codes, 0, 1),
                ]
            elif lokaal == "Root":
                lijst = [lijst[0]] + [(n, t, 0, ma) for n, t, _mi, ma in lijst[1:]]
            if lokaal in klassen:
                lijst.append(("RetourCodes", codes, 1, 1))
            complex_[f"{retour}:{lokaal}"] = tuple(lijst)
        complex_[codes] = (("RetourCode", "iwmo:LDT_RetourCode", 1, None),)
        berichten[retour] = f"{retour}:Root"
    return berichten, eenvoudig, complex_


def _voor_325(lokaal: str, lijst: list[Deeltje], codes: str) -> tuple[list[Deeltje], str]:
    if lokaal == "Header":
        omgedraaid = {"Afzender": "iwmo:LDT_Gemeente", "Ontvanger": "iwmo:LDT_AgbCode"}
        lijst = [(n, omgedraaid.get(n, t), mi, ma) for n, t, mi, ma in lijst]
        lijst += [
            ("DeclaratieIdentificatie", "iwmo:CDT_BerichtIdentificatie", 1, 1),
            ("XsltVersie", "iwmo:LDT_Versie", 0, 1),
            ("XsdVersieDeclaratie", "iwmo:CDT_XsdVersie", 1, 1),
            ("RetourCodes", codes, 1, 1),
        ]
    elif lokaal == "Root":
        lijst = [
            ("DeclaratieAntwoord", "wmo325:DeclaratieAntwoord", 0, 1) if n == "Declaratie" else d
            for d in lijst
            for n in [d[0]]
        ]
    elif lokaal == "Declaratie":
        lokaal = "DeclaratieAntwoord"
        lijst = [
            d
            for d in lijst
            if d[0] not in ("DeclaratiePeriode", "DeclaratieDagtekening", "Clienten")
        ]
        lijst += [
            ("TotaalToegekendBedrag", "iwmo:CDT_TotaalBedragMetDC", 1, 1),
            ("Clienten", "wmo325:Clienten", 0, 1),
            ("RetourCodes", codes, 1, 1),
        ]
    return lijst, lokaal


RETOUR_BERICHTEN, RETOUR_EENVOUDIGE_TYPEN, RETOUR_COMPLEXE_TYPEN = _afleiden()
