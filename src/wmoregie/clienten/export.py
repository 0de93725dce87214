"""The caseload as a file (CSV or XLSX): the trajectories a user may see, as on the list page.

The rows are plain values (dates as dates, days as numbers); user text goes through the shared
helpers of :mod:`wmoregie.exports`, so no cell is ever read as a formula. The BSN is masked, as
on every page. The view logs one audit entry per client exported."""

from __future__ import annotations

import io
from datetime import date

from django.utils.translation import gettext as _

from openpyxl import Workbook

from wmoregie.exports import csv_schrijver, tekst_als_tekst

from . import selectors


def kolommen() -> list[str]:
    return [
        _("Cliënt"),
        _("BSN"),
        _("Geboortedatum"),
        _("Gemeente"),
        _("Gebiedsteam"),
        _("Product"),
        _("Status"),
        _("Uitvoerder"),
        _("Aangemeld op"),
        _("Startdatum"),
        _("Einddatum"),
        _("Wachtdagen"),
    ]


def rijen(trajecten, peildatum: date) -> list[list]:
    normen = selectors.wachttijdnormen()
    uit = []
    for traject in trajecten:
        aanmelding = traject.aanmelding
        inzet = next((i for i in traject.inzetten.all() if i.tot is None), None)
        wachttijd = selectors.wachttijd(traject, peildatum, normen)
        uit.append(
            [
                traject.client.sorteernaam,
                traject.client.bsn_gemaskeerd,
                traject.client.geboortedatum,
                aanmelding.gemeente.naam,
                str(aanmelding.gebiedsteam or ""),
                traject.product.naam,
                str(traject.get_status_display()),
                inzet.uitvoerder if inzet else "",
                aanmelding.aangemeld_op,
                traject.startdatum,
                traject.einddatum,
                wachttijd.dagen if wachttijd else None,
            ]
        )
    return uit


def als_csv(rijen_: list[list]) -> bytes:
    """Semicolon-separated with a BOM, as Dutch spreadsheet programs open it; dates d-m-Y."""
    uit = io.StringIO()
    schrijver = csv_schrijver(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kolommen())
    for rij in rijen_:
        schrijver.writerow([w.strftime("%d-%m-%Y") if isinstance(w, date) else w for w in rij])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def als_xlsx(rijen_: list[list]) -> bytes:
    boek = Workbook()
    blad = boek.active
    blad.title = _("Trajecten")
    blad.append(kolommen())
    for rij in rijen_:
        blad.append(rij)
    for kolom in ("C", "I", "J", "K"):
        for cel in blad[kolom][1:]:
            cel.number_format = "DD-MM-YYYY"
    tekst_als_tekst(boek)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
