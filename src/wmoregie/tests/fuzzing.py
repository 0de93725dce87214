"""Fuzzing (#14 C.3): generated hostile input against every door of the system.

Five targets, each a function that takes one generated input and says whether the system
refused or accepted it; anything else it raises is an unhandled exception. The page and API
targets also watch the database: a refused input must leave no row written (the statements of
the request are followed through their savepoints, so a write that the request itself rolled
back does not count). Hypothesis generates the inputs; nothing is shrunk or stored, every
outcome is counted, so one run reports its figures instead of stopping at the first failure.

``test_fuzzing.py`` runs a few thousand inputs in CI; ``make fuzz`` runs 100,000 and prints
the table (``WMOREGIE_FUZZ_N`` sets the total).
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree, html

GEWEIGERD = "geweigerd"
AANVAARD = "aanvaard"

#: Values that broke or nearly broke systems like this one: numbers out of range, identifiers
#: of the wrong form, markup, formulas, control characters, deep nesting, huge strings.
VIJANDIG = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "1e308",
    "-1e308",
    "1e999",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "9" * 40,
    "0.000000000000000000001",
    "24.750.000,00",
    "1,5",
    "1.5",
    "12,345.67",
    "99999999999999999999",
    "2147483648",
    "-9223372036854775809",
    "0x1F",
    "1_000",
    "999999990",
    "123456789",
    "000000000",
    "00000000",
    "12345678",
    "0307",
    "9999",
    "03O7",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "31-12-2026",
    "2026-13-01",
    "1900-01-01",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "+SUM(1+1)",
    "-2+3",
    "@SUM(1)",
    "'; DROP TABLE clienten_client; --",
    "' OR '1'='1",
    "../../etc/passwd",
    "C:\\boot.ini",
    "\x00",
    "a\x00b",
    "\u202e\u0644\u0627",
    "\ufeff",
    "\U0001f600" * 10,
    "ß" * 300,
    "[" * 1000,
    "{" * 1000,
    "<" * 1000,
    "A" * 10_000,
    "%s%s%s%n",
    "\r\n\r\nSet-Cookie: x=1",
    "true",
    "false",
    "null",
    "None",
    "[]",
    "{}",
    "1; 2",
    "http://127.0.0.1:8000/",
    "javascript:x",
]


def vijandige_tekst() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(VIJANDIG),
        st.text(max_size=120),
        st.integers().map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
        st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    )


def vijandige_json() -> st.SearchStrategy:
    """A JSON value as a hostile client would send it: often a string, sometimes anything."""
    gewoon = st.one_of(
        vijandige_tekst(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False),
        st.booleans(),
        st.none(),
    )
    return st.one_of(
        gewoon,
        st.lists(gewoon, max_size=3),
        st.dictionaries(st.text(max_size=8), gewoon, max_size=3),
    )


# --- counting -----------------------------------------------------------------------------------


@dataclass
class Telling:
    doel: str
    pogingen: int = 0
    geweigerd: int = 0
    aanvaard: int = 0
    onafgevangen: list[str] = field(default_factory=list)
    toestandswijzigingen: list[str] = field(default_factory=list)

    @property
    def in_orde(self) -> bool:
        return not self.onafgevangen and not self.toestandswijzigingen

    def regel(self) -> str:
        return (
            f"{self.doel:<22} {self.pogingen:>8} {self.geweigerd:>9} {self.aanvaard:>9} "
            f"{len(self.onafgevangen):>12} {len(self.toestandswijzigingen):>17}"
        )


KOP = f"{'doel':<22} {'invoer':>8} {'geweigerd':>9} {'aanvaard':>9} {'onafgevangen':>12} {'toestand gewijzigd':>17}"


def draai(
    doel: str, strategie: st.SearchStrategy, probeer: Callable, n: int, *, vast: bool = False
) -> Telling:
    """Feed ``n`` generated inputs to ``probeer``; count, never stop at the first failure."""
    telling = Telling(doel)
    if n <= 0:
        return telling

    @settings(
        max_examples=n,
        derandomize=vast,  # CI: the same inputs every run; make fuzz: new ones each time
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategie)
    def een(invoer) -> None:
        telling.pogingen += 1
        try:
            uitkomst, wijziging = probeer(invoer)
        except Exception as fout:
            telling.onafgevangen.append(
                f"{type(fout).__name__}: {str(fout)[:600]} (invoer {str(invoer)[:100]!r})"
            )
            return
        if uitkomst == GEWEIGERD:
            telling.geweigerd += 1
            if wijziging:
                telling.toestandswijzigingen.append(f"{wijziging} bij {str(invoer)[:200]!r}")
        else:
            telling.aanvaard += 1

    een()
    return telling


# --- uploads ------------------------------------------------------------------------------------


def _zip(delen: dict[str, bytes]) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as pakket:
        for naam, inhoud in delen.items():
            pakket.writestr(naam, inhoud)
    return uit.getvalue()


def _voorbeelden() -> dict[str, bytes]:
    from openpyxl import Workbook

    from wmoregie.bestandscontrole import eenvoudige_pdf

    werkboek = io.BytesIO()
    Workbook().save(werkboek)
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    return {
        ".pdf": eenvoudige_pdf("fuzz"),
        ".xlsx": werkboek.getvalue(),
        ".docx": _zip({"[Content_Types].xml": types, "word/document.xml": b"<w:document/>"}),
        ".odt": _zip(
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
        ),
    }


AANVALSBYTES = [
    b"<script>",
    b"/JavaScript",
    b"/JS (x)",
    b"/Launch",
    b"/AA",
    b"/EmbeddedFile",
    b"vbaProject.bin",
    b"%%EOF",
    b"\x00" * 64,
    b"PK\x03\x04",
    b"%PDF-1.7",
    b"endobj",
    b"<<",
    b"stream\n",
]


def _muteer(basis: bytes, bewerkingen: list[tuple[int, int, bytes]]) -> bytes:
    data = bytearray(basis)
    for soort, plek, stuk in bewerkingen:
        plek = plek % (len(data) + 1)
        if soort == 0:  # overwrite
            data[plek : plek + len(stuk)] = stuk
        elif soort == 1:  # insert
            data[plek:plek] = stuk
        elif soort == 2:  # cut
            del data[plek : plek + len(stuk) * 8]
        else:  # truncate
            del data[plek:]
    return bytes(data)


def _bewerkingen(stukken: st.SearchStrategy[bytes]) -> st.SearchStrategy:
    return st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 10**6), stukken), min_size=0, max_size=4
    )


def upload_strategie() -> st.SearchStrategy:
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # it logs every broken object it meets
    voorbeelden = _voorbeelden()
    stukken = st.one_of(st.sampled_from(AANVALSBYTES), st.binary(min_size=1, max_size=40))
    gemuteerd = st.tuples(st.sampled_from(sorted(voorbeelden)), _bewerkingen(stukken)).map(
        lambda t: (t[0], _muteer(voorbeelden[t[0]], t[1]))
    )
    willekeurig = st.tuples(st.sampled_from([*voorbeelden, ".ods"]), st.binary(max_size=2048))
    return st.one_of(gemuteerd, gemuteerd, willekeurig)


def probeer_upload(invoer: tuple[str, bytes]) -> tuple[str, str | None]:
    from wmoregie.bestandscontrole import controleer_inhoud

    suffix, data = invoer
    try:
        controleer_inhoud(SimpleUploadedFile(f"bestand{suffix}", data), suffix)
    except ValidationError:
        return GEWEIGERD, None
    return AANVAARD, None


# --- iWmo messages through the library ----------------------------------------------------------


def _berichten() -> list[bytes]:
    from iwmo.berichten import build
    from iwmo.tests import factories

    maak = [
        factories.wmo301_bericht,
        factories.wmo301_bericht_volledig,
        factories.wmo305_bericht,
        factories.wmo307_bericht,
        factories.wmo315_bericht,
        factories.wmo317_bericht,
        factories.wmo319_bericht,
        lambda: factories.wmo323_bericht(factories.prestatie()),
    ]
    return [build(m()) for m in maak]


XML_AANVALLEN = [
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    "<?xml-stylesheet href='http://127.0.0.1/x.xsl'?>",
    "<!-- -->",
    "<![CDATA[<x>]]>",
]


def _muteer_xml(basis: bytes, keuze: tuple) -> bytes:
    soort, index, tekst = keuze
    if soort == "bytes":
        return _muteer(basis, index)
    boom = etree.fromstring(basis)
    elementen = list(boom.iter())
    doel = elementen[index % len(elementen)]
    if soort == "tekst" and len(doel) == 0:
        doel.text = tekst
    elif soort == "weg" and doel.getparent() is not None:
        doel.getparent().remove(doel)
    elif soort == "dubbel" and doel.getparent() is not None:
        doel.addnext(etree.fromstring(etree.tostring(doel)))
    elif soort == "kop":
        return XML_AANVALLEN[index % len(XML_AANVALLEN)].encode() + etree.tostring(boom)
    return etree.tostring(boom, xml_declaration=True, encoding="UTF-8")


def iwmo_strategie() -> st.SearchStrategy:
    berichten = _berichten()
    xml_keuze = st.tuples(
        st.sampled_from(["tekst", "tekst", "tekst", "weg", "dubbel", "kop"]),
        st.integers(0, 10_000),
        vijandige_tekst().map(_xml_tekst),
    )
    byte_keuze = st.tuples(
        st.just("bytes"),
        _bewerkingen(st.binary(min_size=1, max_size=12)),
        st.just(""),
    )
    return st.tuples(
        st.sampled_from(berichten),
        st.lists(st.one_of(xml_keuze, xml_keuze, byte_keuze), min_size=1, max_size=3),
    ).map(_pas_toe)


def _xml_tekst(tekst: str) -> str:
    # lxml refuses characters XML cannot hold; keep the rest of the hostile text
    return "".join(t for t in tekst if t in "\t\n\r" or (t >= " " and t not in "\ufffe\uffff"))


def _pas_toe(t: tuple[bytes, list]) -> bytes:
    data = t[0]
    for keuze in t[1]:
        try:
            data = _muteer_xml(data, keuze)
        except etree.XMLSyntaxError:  # bytes broken earlier: keep mutating the bytes
            data = _muteer(data, [(1, keuze[1] if isinstance(keuze[1], int) else 0, b"<")])
    return data


def probeer_iwmo(data: bytes) -> tuple[str, str | None]:
    """Validate, then answer as the exchange would: a retour that goes out must itself be valid."""
    from iwmo.retour import beoordeel
    from iwmo.validatie import is_valid, validate

    uitkomst = beoordeel(data, vandaag=date(2026, 6, 1))
    if uitkomst.xml is not None:
        fouten = [f for f in validate(uitkomst.xml, vandaag=date(2026, 6, 1)) if not is_valid([f])]
        if fouten:
            raise AssertionError(f"ongeldige retour: {fouten[:3]}")
    return (AANVAARD if is_valid(uitkomst.bevindingen) else GEWEIGERD), None


# --- pages and API: what a request wrote --------------------------------------------------------

#: Tables a refused request may write: the logs of who read what, and the session.
LOGTABELLEN = re.compile(r"^(audit_|django_session|axes_|otp_)")
_SCHRIJF = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_SAVEPOINT = re.compile(
    r'^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\s+"?(\w+)"?', re.IGNORECASE
)


def blijvende_schrijfacties(statements: Iterable[str]) -> list[str]:
    """Tables written by ``statements`` and not rolled back to a savepoint, logs excluded."""
    stapel: list[tuple[str, list[str]]] = [("", [])]
    for sql in statements:
        if m := _SAVEPOINT.match(sql):
            soort, naam = m.group(1).upper(), m.group(2)
            namen = [n for n, _geschreven in stapel]
            if soort == "SAVEPOINT":
                stapel.append((naam, []))
            elif naam in namen[1:]:
                plek = len(namen) - 1 - namen[::-1].index(naam)
                binnen = [t for _n, geschreven in stapel[plek:] for t in geschreven]
                del stapel[plek + 1 :]  # savepoints inside it end with it
                if soort == "ROLLBACK TO SAVEPOINT":
                    stapel[plek][1].clear()  # the savepoint itself stays, empty
                else:
                    stapel.pop()
                    stapel[-1][1].extend(binnen)
            continue
        if (m := _SCHRIJF.match(sql)) and not LOGTABELLEN.match(m.group(1)):
            stapel[-1][1].append(m.group(1))
    return sorted({tabel for _naam, geschreven in stapel for tabel in geschreven})


def _verzoek(client: Client, methode: str, adres: str, **opties):
    """One request inside a savepoint that is rolled back afterwards, so every input meets the
    same database; returns the response and the tables it wrote for good."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            antwoord = getattr(client, methode)(adres, **opties)
        transaction.set_rollback(True)
    return antwoord, blijvende_schrijfacties(q["sql"] for q in queries.captured_queries)


FOUTMERKEN = ("foutsamenvatting", "veld--fout", 'role="alert"', "errorlist")


def _oordeel(antwoord, geschreven: list[str]) -> tuple[str, str | None]:
    if antwoord.status_code >= 500:
        raise AssertionError(f"HTTP {antwoord.status_code}")
    if antwoord.status_code in (301, 302, 303) or (
        200 <= antwoord.status_code < 300 and not _toont_fout(antwoord)
    ):
        return AANVAARD, None
    return GEWEIGERD, (f"schreef {', '.join(geschreven)}" if geschreven else None)


def _toont_fout(antwoord) -> bool:
    if "html" not in antwoord.get("Content-Type", ""):
        return False
    tekst = antwoord.content.decode(errors="replace")
    return any(merk in tekst for merk in FOUTMERKEN)


@dataclass(frozen=True)
class Formulier:
    gebruiker: object
    pagina: str
    methode: str
    actie: str
    velden: tuple[tuple[str, str], ...]  # (name, kind): kind is "bestand" for file inputs


def formulieren(gebruikers, adressen: Iterable[str]) -> list[Formulier]:
    """Every form (POST, and GET: filters, searches) on every page each user can open, as the
    browser would submit it."""
    gevonden: dict[tuple, Formulier] = {}
    adressen = list(adressen)
    for gebruiker in gebruikers:
        client = Client(raise_request_exception=False)
        client.force_login(gebruiker)
        for adres in adressen:
            antwoord = client.get(adres)
            if antwoord.status_code != 200 or "html" not in antwoord.get("Content-Type", ""):
                continue
            try:
                document = html.fromstring(antwoord.content)
            except (etree.ParserError, ValueError):
                continue
            for vorm in document.forms:
                methode = (vorm.method or "GET").lower()
                actie = vorm.get("action") or adres
                if "uitloggen" in actie or not actie.startswith("/"):
                    continue
                velden = tuple(
                    (el.get("name"), "bestand" if el.get("type") == "file" else "tekst")
                    for el in vorm.xpath(".//input|.//select|.//textarea|.//button")
                    if el.get("name") and el.get("name") != "csrfmiddlewaretoken"
                )
                sleutel = (frozenset(gebruiker.rollen()), methode, actie, velden)
                gevonden.setdefault(sleutel, Formulier(gebruiker, adres, methode, actie, velden))
    return list(gevonden.values())


def formulier_strategie(lijst: list[Formulier]) -> st.SearchStrategy:
    bestanden = upload_strategie()
    return st.sampled_from(lijst).flatmap(
        lambda f: st.tuples(
            st.just(f),
            st.tuples(
                *[
                    (bestanden if soort == "bestand" else vijandige_tekst())
                    for _n, soort in f.velden
                ]
            ),
        )
    )


def probeer_formulier(clients: dict) -> Callable:
    def probeer(invoer: tuple[Formulier, tuple]) -> tuple[str, str | None]:
        formulier, waarden = invoer
        gegevens = {}
        for (naam, soort), waarde in zip(formulier.velden, waarden, strict=True):
            if soort == "bestand":
                suffix, data = waarde
                gegevens[naam] = SimpleUploadedFile(f"fuzz{suffix}", data)
            else:
                gegevens[naam] = waarde.replace("\x00", "")  # the test client cannot send NUL
        antwoord, geschreven = _verzoek(
            clients[formulier.gebruiker.pk], formulier.methode, formulier.actie, data=gegevens
        )
        try:
            uitkomst, wijziging = _oordeel(antwoord, geschreven)
        except AssertionError as fout:
            kort = {k: (str(v)[:40]) for k, v in gegevens.items()}
            raise AssertionError(
                f"{fout} op {formulier.actie} als {formulier.gebruiker}: {kort}"
            ) from None
        if wijziging:
            wijziging = f"{wijziging} op {formulier.actie} als {formulier.gebruiker}"
        return uitkomst, wijziging

    return probeer


def api_operaties(schema: dict) -> list[tuple[str, str, tuple[str, ...]]]:
    """(method, path with the demo's id 1, body fields) of every writing API operation."""
    uit = []
    for pad, operaties in schema.get("paths", {}).items():
        for methode, operatie in operaties.items():
            if methode not in ("post", "put", "patch"):
                continue
            inhoud = operatie.get("requestBody", {}).get("content", {}).get("application/json", {})
            velden = tuple(sorted(_eigenschappen(schema, inhoud.get("schema", {}))))
            uit.append((methode, re.sub(r"\{[^}]+\}", "1", pad), velden))
    return uit


def _eigenschappen(schema: dict, deel: dict) -> dict:
    if "$ref" in deel:
        naam = deel["$ref"].rsplit("/", 1)[-1]
        deel = schema.get("components", {}).get("schemas", {}).get(naam, {})
    return deel.get("properties", {})


def api_strategie(operaties, gebruikers) -> st.SearchStrategy:
    return st.tuples(st.sampled_from(gebruikers), st.sampled_from(operaties)).flatmap(
        lambda t: st.tuples(
            st.just(t[0]),
            st.just(t[1]),
            st.fixed_dictionaries({veld: vijandige_json() for veld in t[1][2]})
            | st.one_of(vijandige_json(), st.just("{"), st.just("")),
        )
    )


def probeer_api(clients: dict) -> Callable:
    def probeer(invoer) -> tuple[str, str | None]:
        gebruiker, (methode, pad, _velden), lichaam = invoer
        data = lichaam if isinstance(lichaam, str) and lichaam in ("{", "") else json.dumps(lichaam)
        antwoord, geschreven = _verzoek(
            clients[gebruiker.pk], methode, pad, data=data, content_type="application/json"
        )
        try:
            return _oordeel(antwoord, geschreven)
        except AssertionError as fout:
            raise AssertionError(
                f"{fout} op {methode.upper()} {pad} als {gebruiker}: {data[:300]}"
            ) from None

    return probeer


# --- iWmo messages through the exchange folders -------------------------------------------------


def probeer_uitwisseling(basis, gemeente: str, vandaag: date) -> Callable:
    """Each input as a file in the inbox of ``gemeente``: it is read once, stored once (or
    recognised as already processed), archived, and whatever goes out is valid."""
    from iwmo.validatie import is_valid, validate

    from wmoregie.iwmo.models import Bericht
    from wmoregie.iwmo.uitwisseling import ingest, mappen

    teller = iter(range(10**9))

    def probeer(data: bytes) -> tuple[str, str | None]:
        m = mappen(basis, gemeente)
        naam = f"fuzz-{next(teller)}.xml"
        (m.inbox / naam).write_bytes(data)
        voor = Bericht.objects.count()
        resultaat = ingest(basis, gemeente, vandaag=vandaag)
        if sum(resultaat.aantallen.values()) != 1 or any(m.inbox.iterdir()):
            raise AssertionError(f"niet precies eenmaal verwerkt: {resultaat.aantallen}")
        if not (m.archief / naam).exists():
            raise AssertionError("niet gearchiveerd")
        nieuw = Bericht.objects.count() - voor
        if nieuw != (0 if "al-verwerkt" in resultaat.aantallen else 1):
            raise AssertionError(f"{nieuw} berichten bewaard voor één bestand")
        for uit in list(m.outbox.iterdir()):
            if not is_valid(validate(uit.read_bytes(), vandaag=vandaag)):
                raise AssertionError(f"ongeldig bericht in de outbox: {uit.name}")
            uit.unlink()
        return (AANVAARD if "geaccepteerd" in resultaat.aantallen else GEWEIGERD), None

    return probeer
