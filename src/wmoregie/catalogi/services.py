"""Import and export of the catalogue (JSON for the whole catalogue, CSV per table).

An import is all or nothing: it runs in one transaction and any error, with its place in the
file and the field, rolls everything back. Records are matched on their natural key (gemeente
code, perceel code, product code, gebiedsteam name within its gemeente) and updated in place;
what the file does not mention is left alone.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction

from wmoregie import invoer
from wmoregie.audit.services import record
from wmoregie.exports import csv_dictschrijver, uit_csv_tekst

from .models import Gebiedsteam, Gemeente, Perceel, Product, Regio

FORMAAT = "wmoregie-catalogus/1"


@dataclass(frozen=True)
class ImportFout:
    locatie: str  # "regel 4" (CSV, JSON syntax) or "producten[2]" (JSON)
    veld: str
    melding: str
    code: str

    def __str__(self) -> str:
        veld = f", veld '{self.veld}'" if self.veld else ""
        return f"{self.locatie}{veld}: {self.melding}"


class CatalogusImportError(Exception):
    def __init__(self, fouten: list[ImportFout]):
        self.fouten = fouten
        super().__init__("\n".join(str(f) for f in fouten))


@dataclass
class ImportResultaat:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    per_tabel: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Tabel:
    """How one table of the file maps onto a model."""

    naam: str
    model: type[models.Model]
    velden: tuple[str, ...]  # in export order; references by natural key
    sleutel: Callable[[dict, "_Context"], dict]  # lookup of the existing row
    verwijzingen: dict[str, Callable[[str, "_Context"], models.Model | None]] = field(
        default_factory=dict
    )


class _Context:
    def __init__(self, regio: Regio | None):
        self.regio = regio


def _gemeente(code: str, ctx: _Context) -> Gemeente | None:
    return Gemeente.objects.filter(code=code).first()


def _perceel(code: str, ctx: _Context) -> Perceel | None:
    return Perceel.objects.filter(code=code).first()


TABELLEN: dict[str, Tabel] = {
    t.naam: t
    for t in [
        Tabel(
            "gemeenten",
            Gemeente,
            ("code", "naam", "kvk_nummer", "vestigingsplaats", "postcode", "nuts_code"),
            lambda r, ctx: {"code": r.get("code")},
        ),
        Tabel(
            "gebiedsteams",
            Gebiedsteam,
            ("gemeente", "naam", "werkgebied"),
            lambda r, ctx: {
                "gemeente": _gemeente(str(r.get("gemeente")), ctx),
                "naam": r.get("naam"),
            },
            verwijzingen={"gemeente": _gemeente},
        ),
        Tabel(
            "percelen",
            Perceel,
            (
                "code",
                "naam",
                "omschrijving",
                "bekostigingsvariant",
                "inkooproute",
                "volgorde",
                "cpv_code",
            ),
            lambda r, ctx: {"code": r.get("code")},
        ),
        Tabel(
            "producten",
            Product,
            (
                "code",
                "perceel",
                "naam",
                "omschrijving",
                "was_2025",
                "productcategorie",
                "productcode",
                "eenheid",
                "volgorde",
            ),
            lambda r, ctx: {"code": r.get("code")},
            verwijzingen={"perceel": _perceel},
        ),
    ]
}
_MET_REGIO = {"gemeenten", "percelen"}


def lees_json(tekst: str | bytes) -> dict:
    """The JSON of an import; too deep nesting, NaN and out-of-range numbers are an import
    error like any other (``wmoregie.invoer.lees_json``), never a crash."""
    try:
        data = invoer.lees_json(tekst)
    except invoer.JsonFout as exc:
        plek = f"regel {exc.regel}, kolom {exc.kolom}" if exc.regel else "bestand"
        raise CatalogusImportError([ImportFout(plek, "", exc.melding, exc.code)]) from None
    if not isinstance(data, dict):
        raise CatalogusImportError(
            [ImportFout("bestand", "", "Verwacht een JSON-object met tabellen.", "json-structuur")]
        )
    return data


def lees_csv(tekst: str | bytes, tabel: str) -> dict:
    """Read one table as CSV (header row with field names; ',' or ';' separated)."""
    if tabel not in TABELLEN:
        raise CatalogusImportError(
            [ImportFout("bestand", "", f"Onbekende tabel '{tabel}'.", "tabel-onbekend")]
        )
    if isinstance(tekst, bytes):
        try:
            tekst = tekst.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CatalogusImportError(
                [ImportFout("bestand", "", "Het bestand is geen UTF-8-tekst.", "geen-utf8")]
            ) from None
    tekst = tekst.removeprefix("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(tekst.split("\n", 1)[0], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(tekst), dialect=dialect)
    rijen = []
    try:
        for rij in reader:
            if None in rij or any(v is None for v in rij.values()):
                raise CatalogusImportError(
                    [
                        ImportFout(
                            f"regel {reader.line_num}",
                            "",
                            "Het aantal kolommen klopt niet met de kopregel.",
                            "csv-kolommen",
                        )
                    ]
                )
            rij = {k: uit_csv_tekst(v) for k, v in rij.items()}
            rij["_locatie"] = f"regel {reader.line_num}"
            rijen.append(rij)
    except csv.Error as exc:
        raise CatalogusImportError(
            [ImportFout(f"regel {reader.line_num}", "", f"Ongeldige CSV: {exc}.", "csv-syntax")]
        ) from None
    return {tabel: rijen}


def importeer_catalogus(data: dict, *, gebruiker=None) -> ImportResultaat:
    """Validate and store ``data``; raise :class:`CatalogusImportError` and store nothing on any error."""
    fouten: list[ImportFout] = []
    resultaat = ImportResultaat()
    onbekend = set(data) - {"formaat", "regio", *TABELLEN}
    for naam in sorted(onbekend):
        fouten.append(ImportFout("bestand", naam, "Onbekende tabel.", "tabel-onbekend"))
    if "formaat" in data and data["formaat"] != FORMAAT:
        fouten.append(
            ImportFout("bestand", "formaat", f"Verwacht formaat '{FORMAAT}'.", "formaat-onbekend")
        )
    if fouten:
        raise CatalogusImportError(fouten)

    with transaction.atomic():
        ctx = _Context(_regio(data, fouten))
        for tabel in TABELLEN.values():
            rijen = data.get(tabel.naam, [])
            if not isinstance(rijen, list):
                fouten.append(ImportFout(tabel.naam, "", "Verwacht een lijst.", "json-structuur"))
                continue
            for index, rij in enumerate(rijen):
                _importeer_rij(tabel, index, rij, ctx, fouten, resultaat)
        if fouten:
            raise CatalogusImportError(fouten)  # leaving the block rolls everything back
        record(
            "catalogus.geimporteerd",
            gebruiker=gebruiker,
            omschrijving=f"{resultaat.aangemaakt} aangemaakt, {resultaat.bijgewerkt} bijgewerkt",
            gegevens={"per_tabel": resultaat.per_tabel},
        )
    return resultaat


def _regio(data: dict, fouten: list[ImportFout]) -> Regio | None:
    regio_data = data.get("regio")
    if regio_data is not None:
        naam = regio_data.get("naam") if isinstance(regio_data, dict) else None
        if not isinstance(naam, str) or not naam.strip():
            fouten.append(ImportFout("regio", "naam", "Geef de naam van de regio.", "verplicht"))
            return None
        regio, _ = Regio.objects.get_or_create(naam=naam.strip())
        return regio
    if not _MET_REGIO & set(data):
        return None
    regio = Regio.objects.first() if Regio.objects.count() == 1 else None
    if regio is None:
        fouten.append(
            ImportFout(
                "bestand",
                "regio",
                "Geef de regio op: er is niet precies één regio bekend.",
                "verplicht",
            )
        )
    return regio


def _importeer_rij(tabel, index, rij, ctx, fouten, resultaat) -> None:
    locatie = f"{tabel.naam}[{index}]"
    if not isinstance(rij, dict):
        fouten.append(ImportFout(locatie, "", "Verwacht een object met velden.", "json-structuur"))
        return
    locatie = rij.get("_locatie", locatie)
    velden = {k: v for k, v in rij.items() if k != "_locatie"}
    eigen_fouten = [
        ImportFout(locatie, naam, "Onbekend veld.", "veld-onbekend")
        for naam in sorted(set(velden) - set(tabel.velden))
    ]
    eigen_fouten += [
        ImportFout(locatie, naam, "Dit veld ontbreekt.", "veld-ontbreekt")
        for naam in tabel.velden
        if naam not in velden and not tabel.model._meta.get_field(naam).blank
    ]
    waarden = {}
    for naam in tabel.velden:
        if naam not in velden:
            continue
        waarde = velden[naam]
        if naam in tabel.verwijzingen:
            gevonden = tabel.verwijzingen[naam](str(waarde), ctx)
            if gevonden is None:
                eigen_fouten.append(
                    ImportFout(locatie, naam, f"'{waarde}' is niet bekend.", "verwijzing-onbekend")
                )
                continue
            waarde = gevonden
        elif isinstance(waarde, (dict, list)):
            eigen_fouten.append(ImportFout(locatie, naam, "Verwacht een enkele waarde.", "type"))
            continue
        waarden[naam] = "" if waarde is None and tabel.model._meta.get_field(naam).blank else waarde
    if eigen_fouten:
        fouten.extend(eigen_fouten)
        return

    sleutel = tabel.sleutel(velden, ctx)
    bestaand = tabel.model.objects.filter(**sleutel).first() if all(sleutel.values()) else None
    obj = bestaand or tabel.model()
    if tabel.naam in _MET_REGIO:
        waarden["regio"] = ctx.regio
    voorheen = {naam: _waarde(obj, naam) for naam in waarden} if bestaand else {}
    for naam, waarde in waarden.items():
        setattr(obj, naam, waarde)
    try:
        obj.full_clean()
    except ValidationError as exc:
        for naam, meldingen in exc.message_dict.items():
            for melding in meldingen:
                fouten.append(
                    ImportFout(locatie, "" if naam == "__all__" else naam, melding, "ongeldig")
                )
        return
    if bestaand is not None and voorheen == {naam: _waarde(obj, naam) for naam in waarden}:
        resultaat.ongewijzigd += 1
        return
    obj.save()
    if bestaand is None:
        resultaat.aangemaakt += 1
    else:
        resultaat.bijgewerkt += 1
    resultaat.per_tabel[tabel.naam] = resultaat.per_tabel.get(tabel.naam, 0) + 1


def _waarde(obj, naam):
    return (
        getattr(obj, f"{naam}_id")
        if isinstance(obj._meta.get_field(naam), models.ForeignKey)
        else getattr(obj, naam)
    )


def _export_rij(tabel: Tabel, obj) -> dict:
    rij = {}
    for naam in tabel.velden:
        waarde = getattr(obj, naam)
        if isinstance(waarde, Gemeente | Perceel):
            waarde = waarde.code
        rij[naam] = waarde
    return rij


def _rijen(tabel: Tabel, regio: Regio | None) -> Iterable[dict]:
    qs = tabel.model.objects.all()
    if regio is not None:
        regio_pad = {
            "gemeenten": "regio",
            "percelen": "regio",
            "gebiedsteams": "gemeente__regio",
            "producten": "perceel__regio",
        }[tabel.naam]
        qs = qs.filter(**{regio_pad: regio})
    return [_export_rij(tabel, obj) for obj in qs]


def exporteer_json(regio: Regio | None = None) -> dict:
    regio = regio or Regio.objects.order_by("pk").first()
    data: dict = {"formaat": FORMAAT}
    if regio is not None:
        data["regio"] = {"naam": regio.naam}
    for tabel in TABELLEN.values():
        data[tabel.naam] = list(_rijen(tabel, regio))
    return data


def exporteer_csv(tabel_naam: str, regio: Regio | None = None) -> str:
    tabel = TABELLEN[tabel_naam]
    uit = io.StringIO()
    writer = csv_dictschrijver(uit, fieldnames=tabel.velden, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rijen(tabel, regio or Regio.objects.order_by("pk").first()))
    return uit.getvalue()


# --- what EU notices need, recorded by the region's inkoper -----------------------------------

#: The catalogue fields the inkoper of a region may fill in for its EU notices.
AANKONDIGINGSVELDEN: dict[type[models.Model], frozenset[str]] = {
    Perceel: frozenset({"cpv_code"}),
    Gemeente: frozenset({"kvk_nummer", "vestigingsplaats", "postcode", "nuts_code"}),
    Regio: frozenset(
        {"contact_naam", "contact_email", "contact_telefoon", "website", "penvoerende_gemeente"}
    ),
}


@transaction.atomic
def wijzig_voor_aankondiging(obj: models.Model, *, gebruiker, **velden) -> models.Model:
    """Change the notice fields of a lot, municipality or region (``AANKONDIGINGSVELDEN``):
    checked like every catalogue value, stored, audited. Access and scope are the caller's."""
    toegestaan = AANKONDIGINGSVELDEN[type(obj)]
    if set(velden) - toegestaan:
        raise ValueError(f"niet te wijzigen: {sorted(set(velden) - toegestaan)}")
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    voorheen = {veld: _waarde(obj, veld) for veld in velden}
    for veld, waarde in velden.items():
        setattr(obj, veld, waarde)
    obj.full_clean()
    obj.save(update_fields=list(velden))
    record(
        f"{obj._meta.model_name}.aankondigingsgegevens-gewijzigd",
        gebruiker=gebruiker,
        obj=obj,
        gegevens={
            veld: {"van": str(voorheen[veld] or ""), "naar": str(_waarde(obj, veld) or "")}
            for veld in velden
        },
    )
    return obj
