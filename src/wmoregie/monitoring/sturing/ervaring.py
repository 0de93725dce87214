"""The client experience survey: open it (invitations for running and closed trajectories), let
a client answer with the code from the letter, and aggregate with small cells suppressed.

Answers are client data: storing them is audit-logged per client, and nothing leaves this module
except counts, each count from 1 up to the survey's minimum shown as ".".
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record
from wmoregie.clienten import inzage
from wmoregie.clienten.constants import TrajectStatus
from wmoregie.clienten.models import Traject

from ..models import Antwoord, Ervaringsonderzoek, Uitnodiging
from .constants import ONDERDRUKT, POSITIEF, VRAAGCODES, VRAGEN, Onderzoekstatus, Schaal

CODE_TEKENS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read from a letter
CODE_LENGTE = 10


def _fout(veld, bericht, code) -> ValidationError:
    fout = ValidationError(bericht, code=code)
    return ValidationError({veld: fout}) if veld else fout


def nieuwe_code() -> str:
    return "".join(secrets.choice(CODE_TEKENS) for _i in range(CODE_LENGTE))


def normaliseer_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


@transaction.atomic
def maak_onderzoek(regio, *, jaar: int, minimum_aantal: int, door) -> Ervaringsonderzoek:
    if Ervaringsonderzoek.objects.filter(regio=regio, jaar=jaar).exists():
        raise _fout("jaar", _("Voor dit jaar bestaat al een onderzoek."), "onderzoek-bestaat-al")
    onderzoek = Ervaringsonderzoek.objects.create(
        regio=regio, jaar=jaar, minimum_aantal=minimum_aantal
    )
    record(
        "ervaring.onderzoek-aangemaakt", gebruiker=door, obj=onderzoek, omschrijving=str(onderzoek)
    )
    return onderzoek


def uit_te_nodigen(onderzoek):
    """Trajectories of the region that ran in the survey's year: running now, or ended in that
    year after a start."""
    return Traject.objects.filter(
        aanmelding__gemeente__regio=onderzoek.regio, startdatum__isnull=False
    ).filter(
        Q(status=TrajectStatus.LOPEND)
        | Q(status=TrajectStatus.BEEINDIGD, einddatum__year=onderzoek.jaar)
    )


@transaction.atomic
def open_onderzoek(onderzoek, *, door) -> int:
    """Open the survey and invite every client of a running or (that year) closed trajectory;
    returns the number of invitations made."""
    origineel = onderzoek
    onderzoek = Ervaringsonderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status != Onderzoekstatus.CONCEPT:
        raise _fout(None, _("Dit onderzoek is al geopend."), "onderzoek-niet-in-concept")
    al = set(onderzoek.uitnodigingen.values_list("traject_id", flat=True))
    nieuw = [
        Uitnodiging(
            onderzoek=onderzoek,
            traject_id=traject_id,
            gemeente_id=gemeente_id,
            product_id=product_id,
            afgesloten=status == TrajectStatus.BEEINDIGD,
            code=nieuwe_code(),
        )
        for traject_id, gemeente_id, product_id, status in uit_te_nodigen(onderzoek).values_list(
            "pk", "aanmelding__gemeente_id", "product_id", "status"
        )
        if traject_id not in al
    ]
    Uitnodiging.objects.bulk_create(nieuw)
    onderzoek.status = Onderzoekstatus.OPEN
    onderzoek.geopend_op = timezone.now()
    onderzoek.save(update_fields=["status", "geopend_op"])
    origineel.status, origineel.geopend_op = onderzoek.status, onderzoek.geopend_op
    record(
        "ervaring.onderzoek-geopend",
        gebruiker=door,
        obj=onderzoek,
        omschrijving=f"{onderzoek}: {len(nieuw)} uitnodigingen",
    )
    return len(nieuw)


@transaction.atomic
def sluit_onderzoek(onderzoek, *, door) -> Ervaringsonderzoek:
    onderzoek = Ervaringsonderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status != Onderzoekstatus.OPEN:
        raise _fout(
            None, _("Alleen een geopend onderzoek kan worden gesloten."), "onderzoek-niet-open"
        )
    onderzoek.status = Onderzoekstatus.GESLOTEN
    onderzoek.gesloten_op = timezone.now()
    onderzoek.save(update_fields=["status", "gesloten_op"])
    record(
        "ervaring.onderzoek-gesloten", gebruiker=door, obj=onderzoek, omschrijving=str(onderzoek)
    )
    return onderzoek


def uitnodiging_bij_code(code: str) -> Uitnodiging:
    """The open invitation with this code; a Dutch refusal for an unknown, used or closed one
    (the same message for unknown and closed, so a guess reveals nothing)."""
    uitnodiging = (
        Uitnodiging.objects.select_related("onderzoek").filter(code=normaliseer_code(code)).first()
    )
    if uitnodiging is None or uitnodiging.onderzoek.status != Onderzoekstatus.OPEN:
        raise _fout(
            "code",
            _(
                "Deze code kennen we niet, of het onderzoek is gesloten. Kijk de code in uw brief na."
            ),
            "code-onbekend",
        )
    if uitnodiging.ingevuld_op is not None:
        raise _fout(
            "code", _("Met deze code is de vragenlijst al ingevuld. Dank u wel!"), "al-ingevuld"
        )
    return uitnodiging


@transaction.atomic
def sla_antwoorden_op(
    uitnodiging, *, antwoorden: dict[str, str], met_hulp: bool | None, request=None
):
    uitnodiging = (
        Uitnodiging.objects.select_for_update()
        .select_related("onderzoek", "traject")
        .get(pk=uitnodiging.pk)
    )
    if uitnodiging.ingevuld_op is not None or uitnodiging.onderzoek.status != Onderzoekstatus.OPEN:
        raise _fout(None, _("Deze vragenlijst kan niet meer worden ingevuld."), "al-ingevuld")
    onbekend = set(antwoorden) - VRAAGCODES
    if onbekend:
        raise _fout(
            None,
            _("Onbekende vraag: %(v)s.") % {"v": ", ".join(sorted(onbekend))},
            "vraag-onbekend",
        )
    fouten = {}
    for code, _tekst in VRAGEN:
        waarde = antwoorden.get(code)
        if waarde not in Schaal.values:
            fouten[code] = ValidationError(_("Kies een antwoord."), code="antwoord-ontbreekt")
    if fouten:
        raise ValidationError(fouten)
    Antwoord.objects.bulk_create(
        Antwoord(uitnodiging=uitnodiging, vraag=code, waarde=antwoorden[code])
        for code, _t in VRAGEN
    )
    uitnodiging.ingevuld_op = timezone.now()
    uitnodiging.met_hulp = met_hulp
    uitnodiging.save(update_fields=["ingevuld_op", "met_hulp"])
    # The client answers without an account; the entry names the client, not a user.
    inzage.log(
        "ervaring.antwoorden-opgeslagen",
        [uitnodiging.traject.client_id],
        request=request,
        obj=uitnodiging,
        omschrijving=str(uitnodiging.onderzoek),
    )
    return uitnodiging


# --- results -------------------------------------------------------------------------------------


def te_onderdrukken(aantallen: list[int], minimum: int) -> set[int]:
    """Which cells of one row to hide. ``aantallen``: [total, running, closed, municipality…].

    Primary: a count from 1 up to the minimum. Secondary: where the cells of a group add up to
    the total (running + closed always; the municipalities when all of them are shown), one hidden
    cell could be computed back from the others, so the smallest other non-zero cell of that group
    is hidden too."""
    verborgen = {i for i, n in enumerate(aantallen) if 0 < n < minimum}
    totaal = aantallen[0]
    for groep in (range(1, 3), range(3, len(aantallen))):
        indices = list(groep)
        if not indices or sum(aantallen[i] for i in indices) != totaal or 0 in verborgen:
            continue
        while len([i for i in indices if i in verborgen and aantallen[i]]) == 1:
            over = [i for i in indices if i not in verborgen and aantallen[i]]
            if not over:
                break
            verborgen.add(min(over, key=lambda i: aantallen[i]))
    return verborgen


@dataclass
class Cel:
    """One column of one question: the answers counted, and what may be shown."""

    verdeling: Counter = field(default_factory=Counter)

    @property
    def beantwoord(self) -> int:
        """Answers that count (not 'do not know')."""
        return sum(n for w, n in self.verdeling.items() if w != Schaal.WEET_NIET)

    @property
    def positief(self) -> int:
        return sum(self.verdeling[w] for w in POSITIEF)


@dataclass
class Kolom:
    sleutel: str
    titel: str
    uitgenodigd: int = 0
    ingevuld: int = 0
    cellen: dict[str, Cel] = field(default_factory=dict)


@dataclass
class Resultaten:
    onderzoek: Ervaringsonderzoek
    kolommen: list[Kolom]

    def tabel(self) -> list[dict]:
        """Per question, per column: the share agreeing (%) or '.' when suppressed."""
        minimum = self.onderzoek.minimum_aantal
        rijen = []
        for code, tekst in VRAGEN:
            waarden = []
            cellen = [kolom.cellen.get(code, Cel()) for kolom in self.kolommen]
            verborgen = te_onderdrukken([c.beantwoord for c in cellen], minimum)
            for index, cel in enumerate(cellen):
                if index in verborgen:
                    waarden.append({"tekst": ONDERDRUKT, "n": ONDERDRUKT})
                elif cel.beantwoord == 0:
                    waarden.append({"tekst": "–", "n": "0"})
                else:
                    procent = round(cel.positief * 100 / cel.beantwoord)
                    waarden.append({"tekst": f"{procent} %", "n": str(cel.beantwoord)})
            rijen.append({"code": code, "vraag": tekst, "waarden": waarden})
        return rijen

    def respons(self) -> list[dict]:
        minimum = self.onderzoek.minimum_aantal
        uit = te_onderdrukken([k.uitgenodigd for k in self.kolommen], minimum)
        in_ = te_onderdrukken([k.ingevuld for k in self.kolommen], minimum)
        return [
            {
                "titel": k.titel,
                "uitgenodigd": ONDERDRUKT if i in uit else str(k.uitgenodigd),
                "ingevuld": ONDERDRUKT if i in in_ else str(k.ingevuld),
            }
            for i, k in enumerate(self.kolommen)
        ]


def resultaten(onderzoek, *, gemeenten, overeenkomsten: frozenset[int] | None = None) -> Resultaten:
    """Columns: the total (of the scope), running and closed trajectories, and each of the
    ``gemeenten`` (the municipalities whose own figures the user may see)."""
    uitnodigingen = onderzoek.uitnodigingen.all()
    if overeenkomsten is not None:
        uitnodigingen = uitnodigingen.filter(
            traject__aanmelding__overeenkomst_id__in=overeenkomsten
        )
    totaal = Kolom("totaal", _("Totaal"))
    lopend = Kolom("lopend", _("Lopende trajecten"))
    afgesloten = Kolom("afgesloten", _("Afgesloten trajecten"))
    per_gemeente = {g.pk: Kolom(g.code, g.naam) for g in gemeenten}

    def kolommen_van(gemeente_id, is_afgesloten):
        gekozen = [totaal, afgesloten if is_afgesloten else lopend]
        if gemeente_id in per_gemeente:
            gekozen.append(per_gemeente[gemeente_id])
        return gekozen

    for gemeente_id, is_afgesloten, ingevuld in uitnodigingen.values_list(
        "gemeente_id", "afgesloten", "ingevuld_op"
    ):
        for kolom in kolommen_van(gemeente_id, is_afgesloten):
            kolom.uitgenodigd += 1
            kolom.ingevuld += ingevuld is not None
    for gemeente_id, is_afgesloten, vraag, waarde in Antwoord.objects.filter(
        uitnodiging__in=uitnodigingen
    ).values_list("uitnodiging__gemeente_id", "uitnodiging__afgesloten", "vraag", "waarde"):
        for kolom in kolommen_van(gemeente_id, is_afgesloten):
            kolom.cellen.setdefault(vraag, Cel()).verdeling[waarde] += 1
    return Resultaten(onderzoek, [totaal, lopend, afgesloten, *per_gemeente.values()])
