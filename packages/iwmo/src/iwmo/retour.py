"""Retour messages: assess an incoming message and write its answer with WJ001 retourcodes.

>>> from iwmo.retour import maak_retour, beoordeel
>>> xml_302 = maak_retour(xml_301)                 # bytes of the WMO302
>>> uitkomst = beoordeel(xml_305, historie=h)      # findings + retour model + retour XML

How the codes are chosen (our reading of IV028/IV032, IV087/IV088, OP065 and TR342):

* **Control level 1** (not readable XML, or not valid for the XSD: rule ``XML``, ``XSD``,
  ``XSD-OFFICIEEL`` or an RS code): **no retour at all** (IV028/IV032: "Er wordt geen
  retourbericht verzonden"); :attr:`Beoordeling.niveau1` says so, the findings say why, and
  nothing is registered in the history.
* **Approved** (no finding of severity ``fout``): the retour is the header only, without codes.
  With ``volledig=True`` the whole message comes back with ``0200`` on every berichtklasse.
* **Layer 2** (CD, CS and the in-message TR rules, whose retourcode is ``0001``): the
  retour is the header only with ``0001``. A 325 has no DeclaratieAntwoord then.
* **Own retourcode** (layer 3 and the rules with an external source, e.g. TR056 -> ``9056``,
  TR019 -> ``9019``, TR135 -> ``8848``): the code goes to the berichtklasse of the finding (the
  deepest class whose XPath contains the element). A code on the header gives a header-only
  retour; otherwise the header gets ``0200`` and the client (or Antwoord) comes back whole, every
  class with its codes or ``0200``.
* **325**: approved -> DeclaratieAntwoord with ``8001`` and the full amount; an error on the
  Declaratie -> its code and 0 granted; errors below it -> ``0200`` on the DeclaratieAntwoord,
  the amount of the approved Prestaties, and per client with an error its Prestaties: on a client
  error all of them with ``0233``, otherwise only the rejected ones with their codes.

Nothing is dropped: every error finding leads to a code (its own, or ``0001`` on the header),
and :class:`Beoordeling` keeps all findings with their Dutch messages next to the retour.

Nothing invalid is sent: every retour is validated (layer 1) before it is returned; a retour
that fails (e.g. a header value the retour cannot carry) is refused with a finding
``RETOUR-ONGELDIG`` and :attr:`Beoordeling.xml` stays ``None``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from lxml import etree

from .berichten import BERICHTTYPEN, RETOUR_VAN, RETOURTYPEN, build, wmo323, wmo325
from .berichten.basis import BerichtIdentificatie, Header, TotaalBedragMetDC
from .berichten.mapping import read_element, velden
from .berichten.retourbasis import RetourHeader
from .errors import BuildError, IwmoError, ParseError
from .safexml import MAX_BERICHT_BYTES, read_xml
from .validatie import (
    Ernst,
    Finding,
    OfficieleXsd,
    Voorgelezen,
    is_niveau1,
    validate_laag1,
    valideer,
)
from .validatie.laag3 import Historie, Variant, registreer

_ALLE_TYPEN = BERICHTTYPEN | RETOURTYPEN

GOEDGEKEURD = "0200"
NIET_BEOORDEELD = "0233"
TECHNISCH_AFGEKEURD = "0001"
DECLARATIE_TOEGEWEZEN = "8001"
RETOUR_ONGELDIG = "RETOUR-ONGELDIG"
"""Our own rule: the retour we made fails our own validation, so it is not sent."""

RETOURCODES: dict[str, str] = {
    # external source (controleniveau 4)
    "TR135": "8848",
    "TR346": "9346",
    "TR378": "S300",
    "TR381": "S329",
    "TR418": "0611",
    # across messages (controleniveau 3)
    "TR019": "9019",
    "TR056": "9056",
    "TR063": "9063",
    "TR071": "9071",
    "TR074": "9074",
    "TR304": "8187",
    "TR307": "9307",
    "TR308": "9308",
    "TR314": "8021",
    "TR318": "8214",
    "TR319": "9319",
    "TR321": "9321",
    "TR322": "9322",
    "TR323": "8017",
    "TR326": "9326",
    "TR332": "9332",
    "TR333": "9333",
    "TR338": "9338",
    "TR339": "9339",
    "TR340": "9340",
    "TR341": "9341",
    "TR347": "9347",
    "TR349": "9349",
    "TR350": "9350",
    "TR351": "9351",
    "TR355": "9355",
    "TR357": "9357",
    "TR359": "9359",
    "TR360": "9360",
    "TR361": "9361",
    "TR365": "9365",
    "TR366": "9366",
    "TR367": "9367",
    "TR369": "9369",
    "TR373": "9373",
    "TR374": "9374",
    "TR375": "9375",
    "TR379": "9379",
    "TR382": "9069",
    "TR384": "9384",
    "TR385": "9385",
    "TR387": "9387",
    "TR388": "9388",
    "TR389": "9389",
    "TR390": "9390",
    "TR411": "9411",
    "TR412": "9412",
    "TR413": "9413",
    "TR414": "9414",
    "TR415": "9415",
}
"""Rule code -> its own WJ001 retourcode. Every other rule (XSD, CD, CS, in-message TR, and our
own ``VARIANT``) rejects the message with ``0001`` on the header."""


ZONDER_RETOURCODE = frozenset({"TR337", "TR376"})
"""Rules of the 325 whose official retourcode is "n.v.t.": the aanbieder sends no retour on a
325, so their findings are for the aanbieder's own records."""


def retourcode(finding: Finding) -> str:
    """The WJ001 code for an error finding: the rule's own code, else ``0001``."""
    return RETOURCODES.get(finding.rule, TECHNISCH_AFGEKEURD)


class RetourError(IwmoError):
    """No retour can be made: the input has no readable header, or is itself a retour."""

    code = "geen-retour"


@dataclass
class Beoordeling:
    """The outcome of assessing one incoming message."""

    bericht: Any | None
    """The heenbericht model, or ``None`` when it could not be read."""
    bevindingen: list[Finding] = field(default_factory=list)
    retour: Any | None = None
    """The retour model (WMO302/306/308/316/318/320/325), or ``None`` when none can be made."""
    xml: bytes | None = None
    """The retour as XML bytes."""
    header: Any | None = None
    """The header of the heenbericht, also when only the header could be read."""
    niveau1: bool = False
    """The message fails control level 1 (XML or XSD): it is rejected at intake, without retour."""

    @property
    def geldig(self) -> bool:
        return all(f.severity is not Ernst.FOUT for f in self.bevindingen)

    @property
    def retourcodes(self) -> list[str]:
        return _alle_codes(self.retour) if self.retour is not None else []


def beoordeel(
    data: Any,
    *,
    historie: Historie | None = None,
    variant: Variant | str = Variant.INSPANNINGSGERICHT,
    vandaag: date | None = None,
    identificatie_retour: str | None = None,
    dagtekening_retour: date | None = None,
    volledig: bool = False,
    max_bytes: int = MAX_BERICHT_BYTES,
    officieel: OfficieleXsd | None = None,
) -> Beoordeling:
    """Validate ``data`` (layers 1-2, and 3 with ``historie``) and make its retour.

    Never raises for bad input. When the message is accepted and ``historie`` is given, its
    facts are registered in the history (the identification is registered for every readable
    message, so a resend with the same Identificatie is refused under TR056). With
    ``officieel`` the official XSDs in the user's folder are asked too: their findings reject
    the message technically (``0001``) like ours.
    """
    vandaag = vandaag or date.today()
    bericht, bevindingen = valideer(
        data, vandaag=vandaag, max_bytes=max_bytes, historie=historie, variant=variant,
        officieel=officieel,
    )  # fmt: skip
    if isinstance(data, Voorgelezen):
        xml = data.data
    else:
        xml = bytes(data) if isinstance(data, bytes | bytearray | memoryview) else None
    if bericht is not None and type(bericht) in RETOURTYPEN.values():
        melding = "Dit is een retourbericht; daarop wordt geen retour gestuurd."
        bevindingen.append(Finding("RETOUR", "/Bericht", melding, Ernst.WAARSCHUWING))
        return Beoordeling(bericht, bevindingen, header=bericht.header)
    uitkomst = Beoordeling(bericht, bevindingen)
    if bericht is not None:
        uitkomst.header = bericht.header
        cls = type(bericht)
    else:
        gelezen = lees_kop(xml, max_bytes=max_bytes) if xml is not None else None
        if gelezen is None or gelezen[0] not in RETOUR_VAN:
            uitkomst.niveau1 = any(is_niveau1(f) for f in bevindingen)
            return uitkomst
        cls, uitkomst.header = gelezen
    if any(is_niveau1(f) for f in bevindingen):
        uitkomst.niveau1 = True  # no retour, and nothing in the history (not received)
        return uitkomst
    dagtekening_retour = dagtekening_retour or vandaag
    identificatie_retour = identificatie_retour or _identificatie(uitkomst.header, cls)
    fouten = [f for f in bevindingen if f.severity is Ernst.FOUT]
    if bericht is None:  # readable header, a body our model cannot hold (layer 1 found nothing)
        uitkomst.retour = _alleen_header(
            cls, uitkomst.header, [TECHNISCH_AFGEKEURD], identificatie_retour, dagtekening_retour
        )
    else:
        uitkomst.retour = retour_voor(
            bericht,
            fouten,
            identificatie_retour=identificatie_retour,
            dagtekening_retour=dagtekening_retour,
            volledig=volledig,
        )
        if historie is not None:
            h = bericht.header
            afgewezen = _afgewezen_prestaties(uitkomst.retour) if fouten else None
            if not fouten:
                registreer(bericht, historie)
            elif afgewezen is not None:  # a claim approved in part: the approved Prestaties
                registreer(bericht, historie, afgewezen=afgewezen)
            else:
                historie.bewaar_bericht(
                    cls.BERICHT, h.afzender, h.bericht_identificatie.identificatie
                )
    try:
        retour_xml = build(uitkomst.retour)
    except BuildError as fout:  # a header value XML cannot hold; keep the finding, no retour
        onjuist = [Finding("XSD", "/Bericht/Header", fout.message)]
    else:
        onjuist = [f for f in validate_laag1(retour_xml) if f.severity is Ernst.FOUT]
    if onjuist:  # never send what our own validation refuses
        redenen = "; ".join(f"{f.rule} {f.xpath}" for f in onjuist[:3])
        uitkomst.bevindingen.append(
            Finding(
                RETOUR_ONGELDIG,
                "/Bericht",
                f"Het retourbericht voldoet zelf niet aan het XSD en wordt niet verstuurd ({redenen}).",
            )
        )
        uitkomst.retour = None
        return uitkomst
    uitkomst.xml = retour_xml
    return uitkomst


def maak_retour(bericht_xml: bytes, **opties: Any) -> bytes:
    """The retour message (XML bytes) for an incoming message; see :func:`beoordeel`.

    Raises :class:`RetourError` when no retour can be made (no readable header, or the input is
    a retour message itself); the error message lists the findings.
    """
    uitkomst = beoordeel(bericht_xml, **opties)
    if uitkomst.xml is None:
        if uitkomst.niveau1:
            redenen = "; ".join(str(f) for f in uitkomst.bevindingen[:5])
            raise RetourError(
                "Het bericht voldoet niet aan het XSD (controleniveau 1): daarop wordt geen "
                f"retour gestuurd. {redenen}"
            )
        if uitkomst.bericht is not None and type(uitkomst.bericht) in RETOURTYPEN.values():
            raise RetourError("Op een retourbericht wordt geen retour gestuurd.")
        if uitkomst.bericht is not None:
            raise RetourError(f"Het retourbericht is ongeldig: {uitkomst.bevindingen[-1]}")
        redenen = "; ".join(str(f) for f in uitkomst.bevindingen[:5])
        raise RetourError(f"Er kan geen retour worden gemaakt: de header is onleesbaar. {redenen}")
    return uitkomst.xml


# --- building the retour model ----------------------------------------------------------------


def _identificatie(header: Any, cls: type) -> str:
    sleutel = "|".join(
        [
            cls.BERICHT,
            str(header.afzender),
            str(header.bericht_identificatie.identificatie),
            str(header.bericht_identificatie.dagtekening),
        ]
    )
    return "R" + hashlib.sha256(sleutel.encode()).hexdigest()[:11].upper()


def _retour_header(header: Header, retour_cls: type, codes, identificatie, dagtekening):
    return RetourHeader(
        bericht_code=retour_cls.BERICHTCODE,
        bericht_versie=header.bericht_versie,
        bericht_subversie=header.bericht_subversie,
        afzender=header.afzender,
        ontvanger=header.ontvanger,
        bericht_identificatie=header.bericht_identificatie,
        xsd_versie=header.xsd_versie,
        identificatie_retour=identificatie,
        dagtekening_retour=dagtekening,
        xsd_versie_retour=dataclasses.replace(header.xsd_versie),
        retour_codes=list(codes),
    )


def _alleen_header(cls: type, header: Any, codes, identificatie, dagtekening) -> Any:
    retour_cls = RETOUR_VAN[cls]
    if retour_cls is wmo325.Wmo325Bericht:
        return retour_cls(header=_header_325(header, codes, identificatie, dagtekening))
    return retour_cls(header=_retour_header(header, retour_cls, codes, identificatie, dagtekening))


def _header_325(header: Header, codes, identificatie, dagtekening) -> wmo325.Header:
    return wmo325.Header(
        bericht_versie=header.bericht_versie,
        bericht_subversie=header.bericht_subversie,
        afzender=header.ontvanger,  # the gemeente answers the aanbieder
        ontvanger=header.afzender,
        bericht_identificatie=BerichtIdentificatie(
            identificatie=identificatie, dagtekening=dagtekening
        ),
        declaratie_identificatie=header.bericht_identificatie,
        xsd_versie_declaratie=header.xsd_versie,
        retour_codes=list(codes),
    )


def _is_klasse(soort: type) -> bool:
    return dataclasses.is_dataclass(soort) and any(v.attr == "retour_codes" for v in velden(soort))


def _klassepaden(obj: Any, cls: type, pad: str, paden: list[str]) -> None:
    paden.append(pad)
    for veld in velden(cls):
        if not _is_klasse(veld.soort):
            continue
        waarde = getattr(obj, veld.attr, None)
        if veld.lijst is not None:
            for i, item in enumerate(waarde or [], 1):
                _klassepaden(item, veld.soort, f"{pad}/{veld.xml}/{veld.lijst}[{i}]", paden)
        elif waarde is not None:
            _klassepaden(waarde, veld.soort, f"{pad}/{veld.xml}", paden)


def _zet_om(obj: Any, cls: type, pad: str, codes: dict[str, list[str]]) -> Any:
    waarden: dict[str, Any] = {}
    for veld in velden(cls):
        if veld.attr == "retour_codes":
            continue
        waarde = getattr(obj, veld.attr)
        if _is_klasse(veld.soort):
            if veld.lijst is not None:
                waarde = [
                    _zet_om(item, veld.soort, f"{pad}/{veld.xml}/{veld.lijst}[{i}]", codes)
                    for i, item in enumerate(waarde, 1)
                ]
            elif waarde is not None:
                waarde = _zet_om(waarde, veld.soort, f"{pad}/{veld.xml}", codes)
        waarden[veld.attr] = waarde
    return cls(**waarden, retour_codes=codes.get(pad) or [GOEDGEKEURD])


def _verdeel(fouten: list[Finding], paden: list[str]) -> dict[str, list[str]]:
    """Class XPath -> its codes (in order, without repeats) for every error finding."""
    per_pad: dict[str, list[str]] = {}
    gesorteerd = sorted(paden, key=len, reverse=True)
    for finding in fouten:
        doel = "/Bericht/Header"
        for pad in gesorteerd:
            if finding.xpath == pad or finding.xpath.startswith(pad + "/"):
                doel = pad
                break
        codes = per_pad.setdefault(doel, [])
        code = retourcode(finding)
        if code not in codes:
            codes.append(code)
    return per_pad


def retour_voor(
    bericht: Any,
    fouten: list[Finding],
    *,
    identificatie_retour: str,
    dagtekening_retour: date,
    volledig: bool = False,
) -> Any:
    """The retour model for a readable heenbericht and its error findings."""
    cls = type(bericht)
    fouten = [f for f in fouten if f.severity is Ernst.FOUT]
    if cls is wmo323.Wmo323Bericht:
        return _retour_325(bericht, fouten, identificatie_retour, dagtekening_retour)
    retour_cls = RETOUR_VAN[cls]
    header = bericht.header
    args = (identificatie_retour, dagtekening_retour)
    if not fouten and not volledig:
        return _alleen_header(cls, header, [], *args)
    if any(retourcode(f) == TECHNISCH_AFGEKEURD for f in fouten):
        return _alleen_header(cls, header, [TECHNISCH_AFGEKEURD], *args)
    hoofd = velden(retour_cls)[1]  # Client (302...318) or Antwoord (320)
    paden = ["/Bericht/Header"]
    inhoud = getattr(bericht, hoofd.attr)
    _klassepaden(inhoud, hoofd.soort, f"/Bericht/{hoofd.xml}", paden)
    codes = _verdeel(fouten, paden)
    if "/Bericht/Header" in codes:
        return _alleen_header(cls, header, codes["/Bericht/Header"], *args)
    retour_header = _retour_header(header, retour_cls, [GOEDGEKEURD], *args)
    return retour_cls(
        header=retour_header,
        **{hoofd.attr: _zet_om(inhoud, hoofd.soort, f"/Bericht/{hoofd.xml}", codes)},
    )


def _afgewezen_prestaties(retour: Any) -> set[str] | None:
    """The ReferentieNummers a 325 rejects when it approves the claim in part, else ``None``."""
    antwoord = getattr(retour, "declaratie_antwoord", None)
    if antwoord is None or antwoord.retour_codes != [GOEDGEKEURD]:
        return None
    return {p.product_referentie.referentie_nummer for c in antwoord.clienten for p in c.prestaties}


def _bedrag(totaal: int) -> TotaalBedragMetDC:
    return TotaalBedragMetDC(totaal_bedrag=abs(totaal), debet_credit="C" if totaal < 0 else "D")


def _waarde(prestatie: wmo323.Prestatie) -> int:
    bedrag = prestatie.ingediend_bedrag
    return -bedrag.bedrag if bedrag.debet_credit == "C" else bedrag.bedrag


def _retour_325(bericht: wmo323.Wmo323Bericht, fouten, identificatie, dagtekening):
    header = bericht.header
    if any(retourcode(f) == TECHNISCH_AFGEKEURD for f in fouten):
        return _alleen_header(
            type(bericht), header, [TECHNISCH_AFGEKEURD], identificatie, dagtekening
        )
    declaratie = bericht.declaratie
    paden = ["/Bericht/Header", "/Bericht/Declaratie"]
    for i, client in enumerate(declaratie.clienten, 1):
        cpad = f"/Bericht/Declaratie/Clienten/Client[{i}]"
        paden.append(cpad)
        paden.extend(
            f"{cpad}/Prestaties/Prestatie[{j}]" for j in range(1, len(client.prestaties) + 1)
        )
    codes = _verdeel(fouten, paden)
    if "/Bericht/Header" in codes:
        return _alleen_header(
            type(bericht), header, codes["/Bericht/Header"], identificatie, dagtekening
        )
    ingediend = declaratie.totaal_ingediend_bedrag
    antwoord = wmo325.DeclaratieAntwoord(
        declaratie_nummer=declaratie.declaratie_nummer,
        totaal_ingediend_bedrag=dataclasses.replace(ingediend),
        totaal_toegekend_bedrag=dataclasses.replace(ingediend),
        retour_codes=[DECLARATIE_TOEGEWEZEN],
    )
    if "/Bericht/Declaratie" in codes:
        antwoord.totaal_toegekend_bedrag = _bedrag(0)
        antwoord.retour_codes = codes["/Bericht/Declaratie"]
    elif codes:
        toegekend = 0
        clienten = []
        for i, client in enumerate(declaratie.clienten, 1):
            cpad = f"/Bericht/Declaratie/Clienten/Client[{i}]"
            afgewezen = []
            for j, prestatie in enumerate(client.prestaties, 1):
                ppad = f"{cpad}/Prestaties/Prestatie[{j}]"
                if cpad in codes:
                    eigen = [NIET_BEOORDEELD]
                elif ppad in codes:
                    eigen = codes[ppad]
                else:
                    toegekend += _waarde(prestatie)
                    continue
                velden_prestatie = {
                    v.attr: getattr(prestatie, v.attr) for v in velden(wmo323.Prestatie)
                }
                afgewezen.append(wmo325.Prestatie(**velden_prestatie, retour_codes=eigen))
            if afgewezen:
                clienten.append(
                    wmo325.Client(
                        bsn=client.bsn,
                        prestaties=afgewezen,
                        retour_codes=codes.get(cpad) or [GOEDGEKEURD],
                    )
                )
        antwoord.totaal_toegekend_bedrag = _bedrag(toegekend)
        antwoord.clienten = clienten
        antwoord.retour_codes = [GOEDGEKEURD]
    return wmo325.Wmo325Bericht(
        header=_header_325(header, [GOEDGEKEURD], identificatie, dagtekening),
        declaratie_antwoord=antwoord,
    )


def retourcodes_van(retour: Any) -> list[str]:
    """Every retourcode in a parsed retour message or 325 (header first, depth first), for a
    sender that matches the answers to what it sent."""
    return _alle_codes(retour)


def _alle_codes(obj: Any) -> list[str]:
    """Every retourcode in a retour model (header first, depth first)."""
    result: list[str] = []
    for attr, is_codes, is_lijst in _codeplan(type(obj)):
        waarde = getattr(obj, attr)
        if is_codes:
            result.extend(waarde)
        else:
            for item in waarde if is_lijst else [waarde]:
                if item is not None:
                    result.extend(_alle_codes(item))
    return result


@cache
def _codeplan(cls: type) -> tuple[tuple[str, bool, bool], ...]:
    """Per field of ``cls`` that holds retourcodes, itself or deeper: (attribute, is the codes
    list, is a list). Computed once per class; parts without codes are never walked."""
    plan = []
    for veld in velden(cls):
        if veld.attr == "retour_codes":
            plan.append((veld.attr, True, False))
        elif dataclasses.is_dataclass(veld.soort) and _codeplan(veld.soort):
            plan.append((veld.attr, False, veld.lijst is not None))
    return tuple(plan)


def lees_kop(xml: bytes, *, max_bytes: int = MAX_BERICHT_BYTES) -> tuple[type, Any] | None:
    """(message class, header model) of any iWmo 3.2 message whose header can be read.

    Reads only the header, so it also works when the rest of the message is broken; ``None``
    when there is no readable header. Never raises.
    """
    try:
        return kop_van_root(read_xml(xml, max_bytes=max_bytes))
    except (ParseError, RecursionError, ValueError, TypeError):
        return None


def kop_van_root(root: etree._Element) -> tuple[type, Any] | None:
    """Like :func:`lees_kop`, for a tree that is already read. Never raises."""
    try:
        qname = etree.QName(root)
        cls = _ALLE_TYPEN.get(qname.namespace or "")
        if cls is None or qname.localname != "Bericht":
            return None
        el = root.find(f"{{{cls.BERICHT_NAMESPACE}}}Header")
        if el is None:
            return None
        header_cls = velden(cls)[0].soort
        header = read_element(el, header_cls, cls.BERICHT_NAMESPACE, "Bericht/Header")
        if header.bericht_code != cls.BERICHTCODE:
            return None
        return cls, header
    except (ParseError, RecursionError, ValueError, TypeError):
        return None
