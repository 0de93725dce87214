"""Retention of client data: after its term, what identifies a person goes, the counts stay.

Two record types, each with its own term in years (settings, docs/configuratie.md):

- **Cliëntdossier** (``WMOREGIE_BEWAARTERMIJN_DOSSIER_JAREN``): a client whose referrals and
  trajectories are all closed, counted from the last day anything happened in them (end date,
  decision or referral date). The person is anonymised: BSN replaced by a placeholder, name,
  address and telephone removed, birth date reduced to 1 January of its year (monitoring counts
  age bands), postcode to its four digits; and every free text about them (question, refusal
  and closing notes, plan agreements, goals) replaced by a fixed note. Their trajectories, dates, products,
  messages' metadata and outcome scores stay, so the region's figures do not change.
- **Afgewezen aanmelding** (``WMOREGIE_BEWAARTERMIJN_AANMELDING_JAREN``): a referral refused or
  withdrawn without a trajectory, counted from the decision. Its question and notes are replaced
  by the fixed note sooner than the dossier, because no support followed.

The content of stored iWmo messages has its own term and function (``wmoregie.iwmo.bewaren``);
the command ``bewaartermijnen`` runs all three. The audit log keeps the client's number, never
their data, and stays append-only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from wmoregie.audit.services import record
from wmoregie.iwmo.models import Feit

from .constants import AFGESLOTEN, AanmeldingStatus
from .models import Aanmelding, Client, Doel, Ondersteuningsplan, Traject

GEANONIMISEERD = "Geanonimiseerd"
# Free text after its term (a refusal keeps a non-empty note: its check constraint asks one).
VERWIJDERD = "Verwijderd na de bewaartermijn."
_AFGEROND = (AanmeldingStatus.GEWEIGERD, AanmeldingStatus.INGETROKKEN)


@dataclass
class Bewaarrapport:
    """What a run anonymised or emptied (or, as a dry run, would)."""

    dossiergrens: date
    aanmeldinggrens: date
    uitgevoerd: bool
    dossiers: Counter = field(default_factory=Counter)  # gemeente code -> clients
    aanmeldingen: Counter = field(default_factory=Counter)  # gemeente code -> referrals

    def regels(self) -> list[str]:
        wat = "geanonimiseerd" if self.uitgevoerd else "te anonimiseren (proefdraai)"
        leeg = "geleegd" if self.uitgevoerd else "te legen (proefdraai)"
        n, m = sum(self.dossiers.values()), sum(self.aanmeldingen.values())
        regels = [
            f"Cliëntdossiers afgesloten vóór {self.dossiergrens:%d-%m-%Y}: "
            f"{n} {'cliënt' if n == 1 else 'cliënten'} {wat}."
        ]
        regels += [f"  gemeente {g}: {aantal}" for g, aantal in sorted(self.dossiers.items())]
        regels.append(
            f"Afgewezen of ingetrokken aanmeldingen, besloten vóór {self.aanmeldinggrens:%d-%m-%Y}: "
            f"{m} {'aanmelding' if m == 1 else 'aanmeldingen'} {leeg}."
        )
        regels += [f"  gemeente {g}: {aantal}" for g, aantal in sorted(self.aanmeldingen.items())]
        return regels


def jaren_terug(jaren: int, vandaag: date) -> date:
    """The date ``jaren`` years before ``vandaag`` (29 February becomes 28 February)."""
    try:
        return vandaag.replace(year=vandaag.year - jaren)
    except ValueError:
        return vandaag.replace(year=vandaag.year - jaren, day=28)


def verlopen_dossiers(grens: date):
    """Clients not yet anonymised, with nothing open, whose last event lies before ``grens``."""
    open_aanmelding = Aanmelding.objects.filter(
        client=OuterRef("pk"), status=AanmeldingStatus.AANGEMELD
    )
    open_traject = Traject.objects.filter(client=OuterRef("pk")).exclude(status__in=AFGESLOTEN)
    recent_traject = Traject.objects.filter(client=OuterRef("pk")).filter(
        Q(einddatum__gte=grens) | Q(einddatum__isnull=True, geopend_op__gte=grens)
    )
    return (
        Client.objects.filter(geanonimiseerd_op__isnull=True)
        .exclude(Exists(open_aanmelding))
        .exclude(Exists(open_traject))
        .exclude(Exists(recent_traject))
        .annotate(laatste_aanmelding=Max("aanmeldingen__aangemeld_op"))
        .filter(laatste_aanmelding__lt=grens)
    )


def verlopen_aanmeldingen(grens: date):
    """Refused or withdrawn referrals without a trajectory, decided before ``grens``, with text."""
    return (
        Aanmelding.objects.filter(status__in=_AFGEROND, traject__isnull=True)
        .filter(
            Q(besloten_op__date__lt=grens) | Q(besloten_op__isnull=True, aangemeld_op__lt=grens)
        )
        .exclude(vraag=VERWIJDERD)
    )


def pas_bewaartermijnen_toe(
    *, dossier_jaren: int, aanmelding_jaren: int, uitvoeren: bool, vandaag: date | None = None
) -> Bewaarrapport:
    """Anonymise expired dossiers and empty expired referrals; with ``uitvoeren=False`` only
    report what would change. One transaction, one audit entry per client and one in all."""
    if dossier_jaren < 1 or aanmelding_jaren < 1:
        raise ValueError("Een bewaartermijn is minstens 1 jaar.")
    vandaag = vandaag or timezone.localdate()
    rapport = Bewaarrapport(
        dossiergrens=jaren_terug(dossier_jaren, vandaag),
        aanmeldinggrens=jaren_terug(aanmelding_jaren, vandaag),
        uitgevoerd=uitvoeren,
    )
    dossiers = verlopen_dossiers(rapport.dossiergrens)
    aanmeldingen = verlopen_aanmeldingen(rapport.aanmeldinggrens)
    rapport.dossiers.update(dossiers.values_list("gemeente__code", flat=True))
    rapport.aanmeldingen.update(aanmeldingen.values_list("gemeente__code", flat=True))
    if not uitvoeren:
        return rapport
    with transaction.atomic():
        ids = list(dossiers.values_list("pk", flat=True))
        for client in Client.objects.filter(pk__in=ids).select_for_update():
            _anonimiseer(client)
        aantal = _leeg(aanmeldingen)
        record(
            "clienten.bewaartermijn",
            omschrijving=(
                f"Bewaartermijn: {sum(rapport.dossiers.values())} cliëntdossiers geanonimiseerd, "
                f"{aantal} afgewezen aanmeldingen geleegd."
            ),
            gegevens={
                "dossiergrens": rapport.dossiergrens.isoformat(),
                "aanmeldinggrens": rapport.aanmeldinggrens.isoformat(),
                "dossiers": sum(rapport.dossiers.values()),
                "aanmeldingen": aantal,
            },
        )
    return rapport


def _leeg(aanmeldingen) -> int:
    geweigerd = Q(status=AanmeldingStatus.GEWEIGERD)
    return aanmeldingen.filter(geweigerd).update(
        vraag=VERWIJDERD, weigering_toelichting=VERWIJDERD
    ) + aanmeldingen.exclude(geweigerd).update(vraag=VERWIJDERD, weigering_toelichting="")


def _anonimiseer(client: Client) -> None:
    bsn = client.bsn
    Client.objects.filter(pk=client.pk).update(
        # Not a BSN (it fails the elfproef and starts with a letter), unique per client.
        bsn=f"X{client.pk:08d}"[-9:],
        voornamen="",
        voorletters="",
        voorvoegsel="",
        achternaam=GEANONIMISEERD,
        geboortedatum=client.geboortedatum.replace(month=1, day=1),
        straat="",
        huisnummer=1,
        huisletter="",
        huisnummer_toevoeging="",
        postcode=client.postcode[:4],
        telefoon="",
        geanonimiseerd_op=timezone.now(),
    )
    _leeg(Aanmelding.objects.filter(client=client))
    Traject.objects.filter(client=client).update(toelichting_beeindiging="")
    Ondersteuningsplan.objects.filter(traject__client=client).update(afspraken="")
    Doel.objects.filter(plan__traject__client=client).update(omschrijving=GEANONIMISEERD)
    # The iWmo layer-3 facts keep the BSN for later cross-message checks; none will follow,
    # unless another client still holds the BSN (a referral's client not yet merged into it).
    if not Client.objects.filter(bsn=bsn).exclude(pk=client.pk).exists():
        Feit.objects.filter(bsn=bsn).update(bsn="")
    record(
        "clienten.geanonimiseerd",
        obj=client,
        omschrijving="Cliëntdossier geanonimiseerd na de bewaartermijn.",
        betreft_client=client.pk,
    )
