"""The dashboards: one page per part, with the filters, an SVG chart and a table per figure,
and every table as CSV and XLSX. Aggregates only: no page here shows a client."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.audit.services import record
from wmoregie.clienten.services._basis import vandaag

from ..cijfers import export, lezen, tabellen
from ..cijfers.grafiek import staafgrafiek, staafgrafiek_png
from ..rapportage.services import mag_rapporteren
from .filters import CijferFilterForm, HalfjaarForm

# Figures without client data: the region's roles, the municipality and its area teams, the
# consortium's back office and the subcontractors (each within its scope, see cijfers/lezen.py).
CIJFERROLLEN = roles(
    Rol.INKOPER,
    Rol.BEOORDELAAR,
    Rol.CONTRACTMANAGER,
    Rol.GEMEENTE_MEDEWERKER,
    Rol.GEBIEDSTEAM_MEDEWERKER,
    Rol.BACKOFFICE,
    Rol.ONDERAANNEMER_MEDEWERKER,
    description="cijfers zonder cliëntgegevens, binnen de eigen scope",
)

DASHBOARDS = tabellen.DASHBOARDS


def _namen() -> dict[str, str]:
    return tabellen.gemeentenamen()


def bouw_onderdeel(slug: str, scope, filter_, peildatum) -> tabellen.Onderdeel:
    if slug not in DASHBOARDS:
        raise Http404
    return tabellen.bouw_onderdeel(slug, scope, filter_, peildatum)


def _log(request, actie: str, omschrijving: str, gegevens: dict) -> None:
    record(
        actie,
        request=request,
        omschrijving=omschrijving,
        gegevens={k: str(v) for k, v in gegevens.items() if v not in (None, "")},
    )


@declare_access(CIJFERROLLEN)
def overzicht(request):
    return render(
        request,
        "monitoring/overzicht.html",
        {
            "onderdelen": [(s, tabellen.ONDERDELEN[s]) for s in [*DASHBOARDS, "cbs"]],
            "scope": lezen.scope_van(request.user),
            "mag_rapporteren": mag_rapporteren(lezen.scope_van(request.user)),
        },
    )


@declare_access(CIJFERROLLEN)
def onderdeel(request, onderdeel: str):
    scope = lezen.scope_van(request.user)
    peildatum = vandaag()
    # one form (its choices cost queries): without a filter, bound to nothing chosen
    form = CijferFilterForm(request.GET or {}, scope=scope, vandaag=peildatum)
    geldig = form.is_valid()
    if request.GET and not geldig:
        return render(
            request,
            "monitoring/onderdeel.html",
            {
                "form": form,
                "titel": tabellen.ONDERDELEN[onderdeel],
                "slug": onderdeel,
                "onderdelen": _menu(),
            },
            status=400,
        )
    filter_ = form.filter()
    deel = bouw_onderdeel(onderdeel, scope, filter_, peildatum)
    _log(request, "monitoring.cijfers-bekeken", deel.titel, form.cleaned_data)
    return render(
        request,
        "monitoring/onderdeel.html",
        {
            "form": form,
            "titel": deel.titel,
            "slug": onderdeel,
            "deel": deel,
            "tabellen": [(t, staafgrafiek(t)) for t in deel.tabellen],
            "querystring": request.GET.urlencode(),
            "onderdelen": _menu(),
            "filter": filter_,
            "scope": scope,
            "mag_besteding_opgeven": bool(scope.consortia),
            "mag_rapporteren": mag_rapporteren(scope),
        },
    )


def _menu():
    return [(s, tabellen.ONDERDELEN[s]) for s in [*DASHBOARDS, "cbs"]]


def _cbs_gemeenten(scope, gekozen: str | None) -> list[str]:
    """The municipalities of a CBS download: every one in scope without ``gemeente`` (the full
    download), none with ``gemeente=`` (the region's totals, as the page shows them), or the
    one chosen."""
    codes = list(lezen.gemeenten_in_scope(scope).values_list("code", flat=True))
    if gekozen is None:
        return codes
    if not gekozen:
        return []
    if gekozen not in codes:
        raise Http404
    return [gekozen]


@declare_access(CIJFERROLLEN)
def cbs(request):
    scope = lezen.scope_van(request.user)
    form = HalfjaarForm(request.GET or None, vandaag=vandaag(), scope=scope)
    if request.GET and not form.is_valid():
        return render(
            request,
            "monitoring/cbs.html",
            {
                "form": form,
                "titel": tabellen.ONDERDELEN["cbs"],
                "onderdelen": _menu(),
                "slug": "cbs",
            },
            status=400,
        )
    if "gemeente" not in request.GET:
        # a municipality opens on its own figures; the region on its totals
        eigen = sorted(scope.gemeenten) if not scope.alles else []
        form = HalfjaarForm(
            {**request.GET.dict(), "gemeente": eigen[0] if len(eigen) == 1 else ""},
            vandaag=vandaag(),
            scope=scope,
        )
        form.is_valid()
    halfjaar = form.cleaned_data["halfjaar"]
    gemeente = form.cleaned_data["gemeente"]
    deel = tabellen.onderdeel_cbs(scope, halfjaar, _namen(), [gemeente] if gemeente else [])
    _log(
        request,
        "monitoring.cijfers-bekeken",
        deel.titel,
        {"halfjaar": halfjaar, "gemeente": gemeente},
    )
    return render(
        request,
        "monitoring/cbs.html",
        {
            "form": form,
            "titel": deel.titel,
            "deel": deel,
            "slug": "cbs",
            "tabellen": [(t, staafgrafiek(t)) for t in deel.tabellen],
            "querystring": urlencode({"halfjaar": halfjaar, "gemeente": gemeente}),
            "alles_querystring": urlencode({"halfjaar": halfjaar}),
            "onderdelen": _menu(),
            "mag_rapporteren": mag_rapporteren(scope),
        },
    )


FORMATEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "svg": "image/svg+xml",
    "png": "image/png",
}


@declare_access(CIJFERROLLEN)
def exporteer(request):
    """One table of a part as CSV, XLSX or its chart as SVG or PNG: ``?onderdeel=&tabel=&formaat=``
    plus the page's filters. ``tabel`` empty with XLSX: every table of the part."""
    scope = lezen.scope_van(request.user)
    soort = request.GET.get("onderdeel", "")
    formaat = request.GET.get("formaat", "")
    if formaat not in FORMATEN or soort not in [*DASHBOARDS, "cbs"]:
        raise Http404
    if soort == "cbs":
        form = HalfjaarForm(request.GET, vandaag=vandaag())
        if not form.is_valid():
            return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
        deel = tabellen.onderdeel_cbs(
            scope,
            form.cleaned_data["halfjaar"],
            _namen(),
            _cbs_gemeenten(scope, request.GET.get("gemeente")),
        )
    else:
        form = CijferFilterForm(request.GET, scope=scope, vandaag=vandaag())
        if not form.is_valid():
            return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
        deel = bouw_onderdeel(soort, scope, form.filter(), vandaag())
    gekozen = request.GET.get("tabel", "")
    lijst = [t for t in deel.tabellen if not gekozen or t.slug == gekozen]
    if not lijst or (formaat != "xlsx" and len(lijst) != 1):
        raise Http404
    if formaat == "csv":
        inhoud = export.als_csv(lijst[0])
    elif formaat == "svg":
        inhoud = str(staafgrafiek(lijst[0], los=True)).encode("utf-8")
        if not inhoud:
            raise Http404
    elif formaat == "png":
        inhoud = staafgrafiek_png(lijst[0])
        if not inhoud:
            raise Http404
    else:
        inhoud = export.als_xlsx(lijst)
    naam = slugify(gekozen or deel.slug) or "tabel"
    _log(
        request,
        "monitoring.cijfers-geexporteerd",
        f"{deel.titel}: {naam}.{formaat}",
        {"formaat": formaat, "tabel": naam, **dict(request.GET.items())},
    )
    antwoord = HttpResponse(inhoud, content_type=FORMATEN[formaat])
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return antwoord
