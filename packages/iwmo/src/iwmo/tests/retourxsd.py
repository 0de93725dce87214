"""Test oracle for the retour messages: their XSD, derived from the official heenbericht XSD.

The official 302/306/308/316/318/320 XSDs are not in the reference set. Following the per-schema
overview of the standard, a retour schema is the heenbericht schema with another namespace and
BerichtCode, the retour elements added to the Header, ``Client``/``Antwoord`` optional in the
Root, and a ``RetourCodes`` element at the end of every berichtklasse. This derivation is
independent of our models, so it checks them against our reading of the standard.
"""

from pathlib import Path

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"

AFLEIDING = {
    # retour: (heen, heen code, retour code, classes with RetourCodes)
    "wmo302": ("wmo301", "414", "415", ("Client", "Relatie", "Contact", "ToegewezenProduct")),
    "wmo306": ("wmo305", "418", "419", ("Client", "StartProduct")),
    "wmo308": ("wmo307", "420", "421", ("Client", "StopProduct")),
    "wmo316": ("wmo315", "444", "445", ("Client", "AangevraagdProduct")),
    "wmo318": (
        "wmo317",
        "480",
        "481",
        ("Client", "Verzoek", "OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct"),
    ),
    "wmo320": ("wmo319", "482", "483", ("Antwoord",)),
}


def _el(parent, naam, type_, min_occurs=None, max_occurs=None):
    el = etree.SubElement(parent, f"{{{XS}}}element", name=naam, type=type_)
    if min_occurs is not None:
        el.set("minOccurs", min_occurs)
    if max_occurs is not None:
        el.set("maxOccurs", max_occurs)
    return el


def afgeleid_schema(xsd_dir: Path, retour: str) -> etree.XMLSchema:
    heen, heen_code, retour_code, klassen = AFLEIDING[retour]
    tekst = (xsd_dir / f"{heen.upper()}.xsd").read_text(encoding="utf-8")
    tekst = tekst.replace(heen, retour).replace(f'value="{heen_code}"', f'value="{retour_code}"')
    basis = (xsd_dir / "basisschema.xsd").resolve().as_uri()
    tekst = tekst.replace('schemaLocation="basisschema.xsd"', f'schemaLocation="{basis}"')
    root = etree.fromstring(tekst.encode())
    ns = {"xs": XS}

    def sequence(naam):
        return root.find(f"xs:complexType[@name='{naam}']/xs:sequence", ns)

    header = sequence("Header")
    _el(header, "IdentificatieRetour", "iwmo:LDT_IdentificatieBericht")
    _el(header, "DagtekeningRetour", "iwmo:LDT_Datum")
    _el(header, "XsltVersie", "iwmo:LDT_Versie", min_occurs="0")
    _el(header, "XsdVersieRetour", "iwmo:CDT_XsdVersie")
    _el(header, "RetourCodes", f"{retour}:RetourCodes", min_occurs="0")
    for kind in sequence("Root"):
        if kind.get("name") != "Header":
            kind.set("minOccurs", "0")
    codes = etree.SubElement(root, f"{{{XS}}}complexType", name="RetourCodes")
    _el(
        etree.SubElement(codes, f"{{{XS}}}sequence"),
        "RetourCode",
        "iwmo:LDT_RetourCode",
        max_occurs="unbounded",
    )
    for klasse in klassen:
        _el(sequence(klasse), "RetourCodes", f"{retour}:RetourCodes")
    return etree.XMLSchema(root)


def afgeleid_schema_325(xsd_dir: Path) -> etree.XMLSchema:
    """The 325 from the 323 XSD: own header, DeclaratieAntwoord, RetourCodes per class."""
    tekst = (xsd_dir / "WMO323.xsd").read_text(encoding="utf-8")
    tekst = tekst.replace("wmo323", "wmo325").replace('value="484"', 'value="485"')
    basis = (xsd_dir / "basisschema.xsd").resolve().as_uri()
    tekst = tekst.replace('schemaLocation="basisschema.xsd"', f'schemaLocation="{basis}"')
    root = etree.fromstring(tekst.encode())
    ns = {"xs": XS}

    def sequence(naam):
        return root.find(f"xs:complexType[@name='{naam}']/xs:sequence", ns)

    header = sequence("Header")
    for kind in header:
        if kind.get("name") == "Afzender":
            kind.set("type", "iwmo:LDT_Gemeente")
        elif kind.get("name") == "Ontvanger":
            kind.set("type", "iwmo:LDT_AgbCode")
    _el(header, "DeclaratieIdentificatie", "iwmo:CDT_BerichtIdentificatie")
    _el(header, "XsltVersie", "iwmo:LDT_Versie", min_occurs="0")
    _el(header, "XsdVersieDeclaratie", "iwmo:CDT_XsdVersie")
    _el(header, "RetourCodes", "wmo325:RetourCodes")
    for kind in sequence("Root"):
        if kind.get("name") == "Declaratie":
            kind.set("name", "DeclaratieAntwoord")
            kind.set("type", "wmo325:DeclaratieAntwoord")
            kind.set("minOccurs", "0")
    declaratie = root.find("xs:complexType[@name='Declaratie']", ns)
    declaratie.set("name", "DeclaratieAntwoord")
    seq = declaratie.find("xs:sequence", ns)
    for kind in list(seq):
        if (
            kind.get("name") in ("DeclaratiePeriode", "DeclaratieDagtekening")
            or kind.get("name") == "Clienten"
        ):
            seq.remove(kind)
    _el(seq, "TotaalToegekendBedrag", "iwmo:CDT_TotaalBedragMetDC")
    _el(seq, "Clienten", "wmo325:Clienten", min_occurs="0")
    _el(seq, "RetourCodes", "wmo325:RetourCodes")
    codes = etree.SubElement(root, f"{{{XS}}}complexType", name="RetourCodes")
    _el(
        etree.SubElement(codes, f"{{{XS}}}sequence"),
        "RetourCode",
        "iwmo:LDT_RetourCode",
        max_occurs="unbounded",
    )
    for klasse in ("Client", "Prestatie"):
        _el(sequence(klasse), "RetourCodes", "wmo325:RetourCodes")
    return etree.XMLSchema(root)
