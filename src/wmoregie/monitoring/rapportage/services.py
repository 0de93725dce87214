"""The quarterly report: who may ask for which report, what is in it, asking and making.

A municipality's report holds the figures of that municipality with the region's totals beside
them: it is computed with the municipality's own scope (as its staff see the dashboards),
whoever asks. The region's report holds every municipality (as the region's roles see them).
So a stored report is the same document for everyone allowed to open it:

* region roles (inkoper, beoordelaar, contractmanager): every municipality's report and the
  region's;
* gemeente- and gebiedsteam-medewerker: the report of their own municipality (region totals
  inside), not the region's;
* other roles: none.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from wmoregie.audit.services import record
from wmoregie.catalogi.models import Gemeente
from wmoregie.clienten.services._basis import vandaag

from ..cijfers import lezen, tabellen
from ..cijfers.lezen import ALLES, Cijferscope, Filter
from ..models import Kwartaalrapport, Rapportstatus
from . import kwartaal as kw

logger = logging.getLogger(__name__)


def mag_rapporteren(scope: Cijferscope) -> bool:
    """Whether the user may ask for (and open) any quarterly report."""
    return scope.alles or bool(scope.gemeenten)


def mag_rapport(scope: Cijferscope, gemeente: str | None) -> bool:
    """Whether the user may ask for and open the report of ``gemeente`` (CBS code; None: the
    region)."""
    if scope.alles:
        return True
    return gemeente is not None and gemeente in scope.gemeenten


def rapporten_voor(scope: Cijferscope) -> QuerySet[Kwartaalrapport]:
    qs = Kwartaalrapport.objects.select_related("gemeente", "aangevraagd_door")
    if scope.alles:
        return qs
    if scope.gemeenten:
        return qs.filter(gemeente__code__in=scope.gemeenten)
    return qs.none()


def rapportscope(gemeente: str | None) -> Cijferscope:
    """The scope the report is computed with (see the module's docstring)."""
    return ALLES if gemeente is None else Cijferscope(gemeenten=frozenset({gemeente}))


@dataclass
class Inhoud:
    titel: str
    gebied: str
    kwartaal: str
    periode: object
    peildatum: date
    halfjaar: str
    onderdelen: list[tabellen.Onderdeel]


def inhoud(gemeente: str | None, kwartaal: str, peildatum: date) -> Inhoud:
    """Every dashboard part for the quarter, computed by the dashboards' own functions with the
    report's scope, and the CBS-comparable figures of the last complete half year (suppressed
    as on the CBS page)."""
    periode = kw.periode(kwartaal)
    if periode is None:
        raise ValueError(kwartaal)
    scope = rapportscope(gemeente)
    namen = tabellen.gemeentenamen()
    filter_ = Filter(periode=periode)
    delen = [
        tabellen.bouw_onderdeel(slug, scope, filter_, peildatum, namen)
        for slug in tabellen.DASHBOARDS
    ]
    halfjaar = kw.halfjaar(kwartaal)
    codes = (
        [gemeente]
        if gemeente is not None
        else list(lezen.gemeenten_in_scope(ALLES).values_list("code", flat=True))
    )
    delen.append(tabellen.onderdeel_cbs(scope, halfjaar, namen, codes))
    gebied = namen.get(gemeente, gemeente) if gemeente else "Regio (alle gemeenten)"
    return Inhoud(
        titel=f"Kwartaalrapportage Wmo {kw.naam(kwartaal)} — {gebied}",
        gebied=gebied,
        kwartaal=kwartaal,
        periode=periode,
        peildatum=peildatum,
        halfjaar=halfjaar,
        onderdelen=delen,
    )


def _controleer(scope: Cijferscope, kwartaal: str, gemeente: str | None, vandaag_: date):
    fouten = {}
    periode = kw.periode(kwartaal)
    if periode is None:
        fouten["kwartaal"] = ValidationError(
            "Geef het kwartaal als jaar-kwartaal, bijvoorbeeld 2026-3.", code="kwartaal-ongeldig"
        )
    elif periode.van > vandaag_:
        fouten["kwartaal"] = ValidationError(
            "Dit kwartaal is nog niet begonnen.", code="kwartaal-in-toekomst"
        )
    if gemeente is not None and not Gemeente.objects.filter(code=gemeente).exists():
        fouten["gemeente"] = ValidationError("Deze gemeente is onbekend.", code="gemeente-onbekend")
    elif not mag_rapport(scope, gemeente):
        fouten["gemeente"] = ValidationError(
            "U kunt alleen het rapport van uw eigen gemeente maken; de totalen van de regio "
            "staan daarin.",
            code="rapport-buiten-scope",
        )
    if fouten:
        raise ValidationError(fouten)


def vraag_aan(
    *,
    scope: Cijferscope,
    kwartaal: str,
    gemeente: str | None,
    gebruiker=None,
    request=None,
    wachtrij: bool = True,
) -> Kwartaalrapport:
    """Ask for a report: checked, stored as waiting, audit-logged; the background task
    (``monitoring.maak_kwartaalrapport``) is queued when the transaction commits. Without a
    broker the task runs at once in this process. ``wachtrij=False``: the caller makes it."""
    kwartaal = (kwartaal or "").strip()
    _controleer(scope, kwartaal, gemeente, vandaag())
    with transaction.atomic():
        rapport = Kwartaalrapport.objects.create(
            kwartaal=kwartaal,
            gemeente=Gemeente.objects.get(code=gemeente) if gemeente else None,
            aangevraagd_door=gebruiker if gebruiker and gebruiker.is_authenticated else None,
        )
        record(
            "monitoring.rapport-aangevraagd",
            gebruiker=gebruiker,
            request=request,
            obj=rapport,
            omschrijving=str(rapport),
            gegevens={"kwartaal": kwartaal, "gemeente": gemeente or "regio"},
        )
        if wachtrij:
            from ..tasks import maak_kwartaalrapport

            pk = rapport.pk
            transaction.on_commit(lambda: maak_kwartaalrapport.delay(pk))
    return rapport


def verlopen_melding(minuten: int) -> str:
    return (
        f"Het maken duurde langer dan {minuten} minuten en is afgebroken (de achtergrondtaak is "
        "waarschijnlijk gestopt); vraag het rapport opnieuw aan."
    )


def markeer_verlopen(nu: datetime | None = None) -> int:
    """Reports still waiting or being made ``WMOREGIE_KWARTAALRAPPORT_TIMEOUT_MINUTEN`` after
    their request are taken as failed: their worker died or never started. They are stored as
    "mislukt" with the reason (audit-logged), so the page stops waiting and the user can ask
    again. Called before reports are shown (page and API). Returns how many were marked."""
    minuten = settings.WMOREGIE_KWARTAALRAPPORT_TIMEOUT_MINUTEN
    grens = (nu or timezone.now()) - timedelta(minutes=minuten)
    verlopen = Kwartaalrapport.objects.filter(
        status__in=(Rapportstatus.WACHTRIJ, Rapportstatus.BEZIG), aangevraagd_op__lt=grens
    )
    aantal = 0
    with transaction.atomic():
        for rapport in verlopen.select_for_update(skip_locked=True):
            vorige = rapport.status
            rapport.status = Rapportstatus.MISLUKT
            rapport.fout = verlopen_melding(minuten)
            rapport.save(update_fields=["status", "fout"])
            record(
                "monitoring.rapport-verlopen",
                obj=rapport,
                omschrijving=str(rapport),
                gegevens={"kwartaal": rapport.kwartaal, "status": vorige, "minuten": minuten},
            )
            aantal += 1
    return aantal


def bestandsnaam(rapport: Kwartaalrapport) -> str:
    gebied = slugify(rapport.gemeente.naam) if rapport.gemeente_id else "regio"
    return f"kwartaalrapportage-{rapport.kwartaal}-{gebied}.pdf"


def download(rapport: Kwartaalrapport, request, *, via: str = ""):
    """The finished report's PDF as a download, audit-logged (page and API alike)."""
    from django.http import FileResponse

    record(
        "monitoring.rapport-gedownload",
        request=request,
        obj=rapport,
        omschrijving=f"{rapport}{via}",
        gegevens={
            "kwartaal": rapport.kwartaal,
            "gemeente": rapport.gemeente.code if rapport.gemeente_id else "regio",
        },
    )
    return FileResponse(
        rapport.bestand.open("rb"),
        as_attachment=True,
        filename=bestandsnaam(rapport),
        content_type="application/pdf",
    )


def maak(rapport_id: int) -> Kwartaalrapport:
    """Make the PDF of a waiting report and store it. A report that is not waiting (made
    already, or being made by another worker) is left alone. A failure is kept on the report
    (status "mislukt") and logged; it does not break the caller."""
    from .pdf import rapport_pdf

    with transaction.atomic():
        rapport = Kwartaalrapport.objects.select_for_update().get(pk=rapport_id)
        if rapport.status != Rapportstatus.WACHTRIJ:
            return rapport
        rapport.status = Rapportstatus.BEZIG
        rapport.peildatum = vandaag()
        rapport.save(update_fields=["status", "peildatum"])
    try:
        gemeente = rapport.gemeente.code if rapport.gemeente_id else None
        pdf = rapport_pdf(inhoud(gemeente, rapport.kwartaal, rapport.peildatum))
    except Exception:
        logger.exception("kwartaalrapport %s kon niet worden gemaakt", rapport_id)
        rapport.status = Rapportstatus.MISLUKT
        rapport.fout = "Het rapport kon niet worden gemaakt; probeer het opnieuw of meld het."
        rapport.save(update_fields=["status", "fout"])
        return rapport
    with transaction.atomic():
        rapport.bestand.save(bestandsnaam(rapport), ContentFile(pdf), save=False)
        rapport.status = Rapportstatus.KLAAR
        rapport.klaar_op = timezone.now()
        rapport.fout = ""  # a late worker that finished after all: the report is there
        rapport.save(update_fields=["bestand", "status", "klaar_op", "fout"])
        record(
            "monitoring.rapport-gemaakt",
            obj=rapport,
            omschrijving=str(rapport),
            gegevens={"kwartaal": rapport.kwartaal, "peildatum": str(rapport.peildatum)},
        )
    return rapport
