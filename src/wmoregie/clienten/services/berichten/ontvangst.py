"""What arrives through the exchange folders: 301, 319, retours and 325, linked to trajectories and claims."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iwmo.berichten import parse
from iwmo.errors import ParseError
from iwmo.retourcodes import afgekeurd

from wmoregie.iwmo.models import Bericht, BerichtStatus

from ...constants import (
    Antwoordstatus,
    Berichtrichting,
    Gebeurtenissoort,
    TrajectStatus,
)
from ...models import Toewijzing, Traject, Trajectbericht
from .._basis import gebeurtenis
from .gemeente import _pas_afwijzing_toe, _pas_toewijzing_toe, _verzoek_beantwoord
from .verzenden import (
    VERWIJDERD,
    _antwoord,
    _registreer,
    antwoord_tekst,
)

_VAN_GEMEENTE = ("wmo301", "wmo319", "wmo325")
_RETOUREN = ("wmo306", "wmo308", "wmo316", "wmo318")


@dataclass
class Koppeling:
    gekoppeld: int = 0
    niet_gekoppeld: list[int] = field(default_factory=list)  # iwmo.Bericht ids

    def __str__(self) -> str:
        return f"gekoppeld: {self.gekoppeld}, niet gekoppeld: {len(self.niet_gekoppeld)}"


def onverwerkte_berichten():
    """Received messages about our providers that nothing in clienten refers to yet."""
    from wmoregie.accounts.models import Organisatie

    agb_codes = list(
        Organisatie.objects.exclude(agb_code="")
        .filter(overeenkomsten__isnull=False)
        .values_list("agb_code", flat=True)
        .distinct()
    )
    return (
        Bericht.objects.filter(
            trajectberichten__isnull=True,
            beantwoordt_trajectberichten__isnull=True,
            declaratie__isnull=True,
            beantwoordt_declaratie__isnull=True,
        )
        .exclude(status__in=[BerichtStatus.VERZONDEN, BerichtStatus.ONLEESBAAR])
        .filter(
            models.Q(berichttype__in=_VAN_GEMEENTE, ontvanger__in=agb_codes)
            | models.Q(berichttype__in=_RETOUREN, afzender__in=agb_codes)
        )
        .order_by("ontvangen_op", "id")
    )


def koppel_ontvangen() -> Koppeling:
    """Link what arrived in the inboxes to trajectories and claims: a 301 or 319 from a
    municipality with its own system, the retour of a message we sent (306, 308, 316, 318) and
    the answer to a claim (325). Idempotent: a message is linked once. What matches nothing is
    returned (and listed on the messages page) for a person to look at."""
    uitkomst = Koppeling()
    for bericht in onverwerkte_berichten():
        with transaction.atomic():
            gelukt = _koppel(bericht)
        if gelukt:
            uitkomst.gekoppeld += 1
        else:
            uitkomst.niet_gekoppeld.append(bericht.pk)
    return uitkomst


def _koppel(bericht: Bericht) -> bool:
    try:
        model = parse(bytes(bericht.inhoud))
    except ParseError:
        return False
    if bericht.berichttype == "wmo301":
        return _koppel_toewijzing(bericht, model)
    if bericht.berichttype == "wmo319":
        return _koppel_afwijzing(bericht, model)
    if bericht.berichttype == "wmo325":
        return _koppel_declaratieantwoord(bericht, model)
    return _koppel_retour(bericht, model)


def _traject_bij_referentie(referentie: str | None) -> Traject | None:
    if not referentie:
        return None
    return (
        Traject.objects.filter(referentie_aanbieder=referentie).first()
        or Traject.objects.filter(referentie_aanbieder=referentie.rsplit("-W", 1)[0]).first()
    )


def _koppel_toewijzing(bericht: Bericht, model) -> bool:
    from wmoregie.catalogi.models import Product as CatalogusProduct

    gemeentecode, aanbieder = model.header.afzender, model.header.ontvanger
    status, codes = _antwoord(bericht)
    gekoppeld = False
    for product in model.client.toegewezen_producten:
        bestaand = Toewijzing.objects.filter(
            gemeentecode=gemeentecode, nummer=product.toewijzing_nummer
        ).first()
        traject = _traject_bij_referentie(product.referentie_aanbieder) or (
            bestaand.traject if bestaand else None
        )
        catalogusproduct = (
            CatalogusProduct.objects.filter(
                productcategorie=product.product.categorie, productcode=product.product.code
            ).first()
            if product.product is not None
            else None
        )
        if traject is None and catalogusproduct is not None:
            traject = (
                Traject.objects.filter(
                    client__bsn=model.client.bsn,
                    product=catalogusproduct,
                    aanmelding__gemeente__code=gemeentecode,
                    aanmelding__overeenkomst__opdrachtnemer__agb_code=aanbieder,
                )
                .exclude(status__in=[TrajectStatus.AFGEWEZEN, TrajectStatus.BEEINDIGD])
                .first()
            )
        if traject is None or catalogusproduct is None or product.omvang is None:
            continue
        if not traject.berichten.filter(bericht=bericht).exists():
            _registreer(
                traject,
                bericht,
                richting=Berichtrichting.NAAR_AANBIEDER,
                antwoordstatus=status,
                retourcodes=codes,
                referentie=product.referentie_aanbieder or "",
            )
        gekoppeld = True
        if status != Antwoordstatus.GOEDGEKEURD:
            continue  # our 302 refused it: the municipality must send it again
        toewijzing = bestaand or Toewijzing(
            traject=traject, gemeentecode=gemeentecode, nummer=product.toewijzing_nummer
        )
        toewijzing.product = catalogusproduct
        toewijzing.ingangsdatum = product.ingangsdatum
        toewijzing.einddatum = product.einddatum
        toewijzing.volume = product.omvang.volume
        toewijzing.eenheid = product.omvang.eenheid
        toewijzing.frequentie = product.omvang.frequentie
        toewijzing.toewijzingsdatum = product.toewijzingsdatum
        toewijzing.reden_wijziging = product.reden_wijziging or ""
        toewijzing.bericht = bericht
        toewijzing.save()
        verzoek = traject.berichten.filter(
            referentie=product.referentie_aanbieder or "-",
            verzoek_afgehandeld=False,
            berichttype__in=("wmo315", "wmo317"),
        ).first()
        if verzoek is not None:
            _verzoek_beantwoord(verzoek)
        if toewijzing.reden_wijziging != VERWIJDERD:
            _pas_toewijzing_toe(traject, toewijzing, gebruiker=None)
    return gekoppeld


def _koppel_afwijzing(bericht: Bericht, model) -> bool:
    referentie = model.antwoord.referentie_aanbieder
    traject = _traject_bij_referentie(referentie)
    if traject is None:
        return False
    status, codes = _antwoord(bericht)
    _registreer(
        traject,
        bericht,
        richting=Berichtrichting.NAAR_AANBIEDER,
        antwoordstatus=status,
        retourcodes=codes,
        referentie=referentie,
    )
    verzoek = traject.berichten.filter(referentie=referentie, verzoek_afgehandeld=False).first()
    if status == Antwoordstatus.GOEDGEKEURD and verzoek is not None:
        _verzoek_beantwoord(verzoek)
        if model.antwoord.verzoek_antwoord == "1":
            _pas_afwijzing_toe(
                traject, verzoek, model.antwoord.reden_afwijzing_verzoek or "", gebruiker=None
            )
    return True


def _koppel_retour(bericht: Bericht, model) -> bool:
    """A retour repeats the header of the message it answers: match on sender, type and
    BerichtIdentificatie of the message we sent."""
    from iwmo.berichten import RETOUR_VAN

    heen = next((h for h, r in RETOUR_VAN.items() if isinstance(model, r)), None)
    if heen is None:
        return False
    verzonden = Bericht.objects.filter(
        status=BerichtStatus.VERZONDEN,
        berichttype=heen.BERICHT,
        afzender=model.header.afzender,
        identificatie=model.header.bericht_identificatie.identificatie,
    ).first()
    if verzonden is None:
        return False
    codes = _retourcodes(model)
    trajectberichten = list(verzonden.trajectberichten.all())
    for trajectbericht in trajectberichten:
        trajectbericht.retour = bericht
        trajectbericht.retourcodes = " ".join(codes)[:400]
        trajectbericht.antwoordstatus = (
            Antwoordstatus.AFGEKEURD if afgekeurd(codes) else Antwoordstatus.GOEDGEKEURD
        )
        trajectbericht.beantwoord_op = timezone.now()
        trajectbericht.save()
        verbetert = Trajectbericht.objects.filter(verbeterd_door=trajectbericht).first()
        if verbetert is not None and trajectbericht.antwoordstatus == Antwoordstatus.GOEDGEKEURD:
            verbetert.antwoordstatus = Antwoordstatus.GECORRIGEERD
            verbetert.save(update_fields=["antwoordstatus"])
        gebeurtenis(
            trajectbericht.traject.aanmelding,
            Gebeurtenissoort.BERICHT,
            _("Retour op %(type)s ontvangen: %(uitkomst)s")
            % {
                "type": trajectbericht.berichttype.upper(),
                "uitkomst": antwoord_tekst(trajectbericht),
            },
            traject=trajectbericht.traject,
            bericht=trajectbericht,
        )
    return bool(trajectberichten)


def _retourcodes(model) -> list[str]:
    from iwmo.retour import retourcodes_van

    return list(dict.fromkeys(retourcodes_van(model)))


def _koppel_declaratieantwoord(bericht: Bericht, model) -> bool:
    from ...models import Declaratie

    # By the claim number (DeclaratieNummer, unique for the aanbieder): the 325 is no retour of
    # the 323 and the standard links them by that number (TR376). A 325 that rejects the claim
    # on its header only has no DeclaratieAntwoord: then by the DeclaratieIdentificatie (TR337).
    aanbieder = model.header.ontvanger
    antwoord = model.declaratie_antwoord
    if antwoord is not None:
        declaratie = Declaratie.objects.filter(
            nummer=antwoord.declaratie_nummer, bericht__afzender=aanbieder
        ).first()
    else:
        declaratie = Declaratie.objects.filter(
            bericht__afzender=aanbieder,
            bericht__identificatie=model.header.declaratie_identificatie.identificatie,
        ).first()
    if declaratie is None or declaratie.antwoord_id is not None:
        return False
    from ..declaraties import verwerk_antwoord

    verwerk_antwoord(declaratie, bytes(bericht.inhoud), antwoord=bericht)
    return True
