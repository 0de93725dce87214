"""Business actions of contracten: each runs in one transaction, validates fully and is audited.

Wrong input raises ``ValidationError`` with a stable code and a Dutch message (per field where
there is one); nothing is stored then. Errors of the calculation core (``BerekeningFout``) are
turned into ``ValidationError`` with the same code.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from .berekeningen import BerekeningFout, split_budget
from .bestanden import controleer_pdf
from .constants import (
    GVA_GELDIGHEID_MAANDEN,
    Documentsoort,
    Onderaannemersoort,
    OnderaannemerStatus,
    Opdrachtnemersvorm,
    OvereenkomstStatus,
    PrijsbladStatus,
)
from .datums import plus_maanden
from .models import (
    Budget,
    Budgetaandeel,
    Budgetbetaling,
    Combinant,
    Indexering,
    Nalevingsdocument,
    NietProductieveTijdregel,
    Onderaanneemcontract,
    Onderaannemer,
    Overeenkomst,
    Prijsblad,
    Statuswijziging,
    Tarief,
    Verlengingsoptie,
)
from .state import mag_overgaan


def _als_validatiefout(fout: BerekeningFout, veld: str | None = None) -> ValidationError:
    error = ValidationError(fout.melding, code=fout.code)
    return ValidationError({veld: error}) if veld else error


# ---------------------------------------------------------------------------------------------
# Overeenkomst
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CombinantInvoer:
    organisatie: object  # accounts.Organisatie
    penvoerder: bool = False


@transaction.atomic
def maak_overeenkomst(
    *,
    gebruiker,
    nummer: str,
    naam: str,
    perceel,
    opdrachtnemersvorm: str,
    opdrachtnemer,
    ingangsdatum: date,
    einddatum: date,
    artikelen: Sequence[str] = (),
    combinanten: Sequence[CombinantInvoer] = (),
    verlengingsopties: Sequence[int] = (),
    weging_personeel: Decimal = Decimal("0.8"),
    weging_materieel: Decimal = Decimal("0.2"),
    indexcijfer_personeel: str = "OVA",
    indexcijfer_materieel: str = "CPI",
    waarschuwingstermijn_dagen: int = 60,
    bron: str = "handmatig",
) -> Overeenkomst:
    """Create an agreement in status *concept*, by hand or from a definitive award (``bron``)."""
    overeenkomst = Overeenkomst(
        nummer=nummer,
        naam=naam,
        regio=perceel.regio,
        perceel=perceel,
        bekostigingsvariant=perceel.bekostigingsvariant,
        opdrachtnemersvorm=opdrachtnemersvorm,
        opdrachtnemer=opdrachtnemer,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        artikelen=list(artikelen),
        weging_personeel=weging_personeel,
        weging_materieel=weging_materieel,
        indexcijfer_personeel=indexcijfer_personeel,
        indexcijfer_materieel=indexcijfer_materieel,
        waarschuwingstermijn_dagen=waarschuwingstermijn_dagen,
    )
    overeenkomst.full_clean()
    _controleer_combinanten(opdrachtnemersvorm, opdrachtnemer, combinanten)
    overeenkomst.save()
    for invoer in combinanten:
        Combinant.objects.create(
            overeenkomst=overeenkomst, organisatie=invoer.organisatie, penvoerder=invoer.penvoerder
        )
    for volgnummer, maanden in enumerate(verlengingsopties, start=1):
        optie = Verlengingsoptie(overeenkomst=overeenkomst, volgnummer=volgnummer, maanden=maanden)
        optie.full_clean()
        optie.save()
    Statuswijziging.objects.create(
        overeenkomst=overeenkomst,
        van="",
        naar=OvereenkomstStatus.CONCEPT,
        gewijzigd_door=gebruiker,
        toelichting=_("Aangemaakt (%(bron)s).") % {"bron": bron},
    )
    record(
        "overeenkomst.aangemaakt",
        gebruiker=gebruiker,
        obj=overeenkomst,
        omschrijving=str(overeenkomst),
        gegevens={"perceel": perceel.code, "opdrachtnemer": opdrachtnemer.kvk_nummer, "bron": bron},
    )
    return overeenkomst


def _controleer_combinanten(vorm, opdrachtnemer, combinanten: Sequence[CombinantInvoer]) -> None:
    if vorm == Opdrachtnemersvorm.HOOFDAANNEMER:
        if combinanten:
            raise ValidationError(
                {
                    "combinanten": ValidationError(
                        _("Een hoofdaannemer heeft geen combinanten; kies ‘combinatie’."),
                        code="combinanten-bij-hoofdaannemer",
                    )
                }
            )
        return
    organisaties = [c.organisatie.pk for c in combinanten]
    if len(combinanten) < 2:
        raise ValidationError(
            {
                "combinanten": ValidationError(
                    _("Een combinatie bestaat uit ten minste twee combinanten."),
                    code="combinatie-te-klein",
                )
            }
        )
    if len(set(organisaties)) != len(organisaties) or opdrachtnemer.pk in organisaties:
        raise ValidationError(
            {
                "combinanten": ValidationError(
                    _("Elke combinant komt één keer voor en is niet de combinatie zelf."),
                    code="combinant-dubbel",
                )
            }
        )
    if sum(1 for c in combinanten if c.penvoerder) != 1:
        raise ValidationError(
            {
                "penvoerder": ValidationError(
                    _("Een combinatie heeft precies één penvoerder."),
                    code="penvoerder-niet-een",
                )
            }
        )


@transaction.atomic
def wijzig_status(overeenkomst: Overeenkomst, naar: str, *, gebruiker, toelichting: str = ""):
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    van = overeenkomst.status
    if not mag_overgaan(van, naar):
        raise ValidationError(
            _("Een overeenkomst met status ‘%(van)s’ kan niet naar ‘%(naar)s’."),
            code="statusovergang-niet-toegestaan",
            params={
                "van": OvereenkomstStatus(van).label,
                "naar": OvereenkomstStatus(naar).label
                if naar in OvereenkomstStatus.values
                else naar,
            },
        )
    overeenkomst.status = naar
    overeenkomst.save(update_fields=["status"])
    Statuswijziging.objects.create(
        overeenkomst=overeenkomst,
        van=van,
        naar=naar,
        gewijzigd_door=gebruiker,
        toelichting=toelichting,
    )
    record(
        "overeenkomst.status_gewijzigd",
        gebruiker=gebruiker,
        obj=overeenkomst,
        omschrijving=f"{van} → {naar}",
        gegevens={"van": van, "naar": naar, "toelichting": toelichting},
    )
    return overeenkomst


@transaction.atomic
def benut_verlengingsoptie(optie: Verlengingsoptie, *, gebruiker, op: date) -> Verlengingsoptie:
    optie = Verlengingsoptie.objects.select_for_update().get(pk=optie.pk)
    eerder = optie.overeenkomst.verlengingsopties.filter(volgnummer__lt=optie.volgnummer)
    if optie.benut_op or eerder.filter(benut_op__isnull=True).exists():
        raise ValidationError(
            _("Verlengingsopties worden één voor één en op volgorde benut."),
            code="verlenging-volgorde",
        )
    optie.benut_op = op
    optie.save(update_fields=["benut_op"])
    record(
        "overeenkomst.verlengd",
        gebruiker=gebruiker,
        obj=optie.overeenkomst,
        gegevens={"optie": optie.volgnummer, "maanden": optie.maanden},
    )
    return optie


# ---------------------------------------------------------------------------------------------
# Taakgericht budget and indexation
# ---------------------------------------------------------------------------------------------


def _verdeel(budget: Budget, sleutelwaarden: Mapping[object, Decimal]) -> None:
    """Split ``budget.totaal`` over the municipalities (largest remainder) and store the shares."""
    gemeenten = {gemeente.code: gemeente for gemeente in sleutelwaarden}
    try:
        verdeling = split_budget(
            budget.totaal, {gemeente.code: waarde for gemeente, waarde in sleutelwaarden.items()}
        )
    except BerekeningFout as fout:
        raise _als_validatiefout(fout) from None
    Budgetaandeel.objects.bulk_create(
        Budgetaandeel(
            budget=budget,
            gemeente=gemeenten[aandeel.sleutel],
            sleutelwaarde=aandeel.verdeelsleutel,
            bedrag=aandeel.bedrag,
            extra_cent=aandeel.extra_cent,
        )
        for aandeel in verdeling.aandelen
    )


def _controleer_taakgericht(overeenkomst: Overeenkomst) -> None:
    if not overeenkomst.is_taakgericht:
        raise ValidationError(
            _("Alleen een taakgerichte overeenkomst heeft een taakgericht budget."),
            code="budget-niet-taakgericht",
        )


@transaction.atomic
def stel_budget_vast(
    overeenkomst: Overeenkomst,
    *,
    gebruiker,
    jaar: int,
    totaal: Decimal,
    verdeelsleutel: str,
    sleutelwaarden: Mapping[object, Decimal],
    aantal_termijnen: int = 12,
) -> Budget:
    """Fix the yearly budget and split it over the municipalities by ``sleutelwaarden``.

    ``sleutelwaarden`` maps each ``catalogi.Gemeente`` to its key value (e.g. inhabitants).
    """
    _controleer_taakgericht(overeenkomst)
    budget = Budget(
        overeenkomst=overeenkomst,
        jaar=jaar,
        totaal=totaal,
        verdeelsleutel=verdeelsleutel,
        aantal_termijnen=aantal_termijnen,
        vastgesteld_door=gebruiker,
    )
    budget.full_clean()
    budget.save()
    _verdeel(budget, sleutelwaarden)
    record(
        "budget.vastgesteld",
        gebruiker=gebruiker,
        obj=budget,
        omschrijving=f"{overeenkomst.nummer} {jaar}",
        gegevens={"jaar": jaar, "totaal": str(budget.totaal), "verdeelsleutel": verdeelsleutel},
    )
    return budget


@dataclass(frozen=True)
class Indexcijfers:
    """The figures entered for one indexation (in per cent)."""

    personeel_prognose_volgend_jaar: Decimal
    materieel_prognose_volgend_jaar: Decimal
    personeel_prognose_lopend_jaar: Decimal | None = None
    personeel_definitief_lopend_jaar: Decimal | None = None
    materieel_prognose_lopend_jaar: Decimal | None = None
    materieel_definitief_lopend_jaar: Decimal | None = None
    eerste_contractjaar: bool = False
    bron: str = ""


def _nieuwe_indexering(overeenkomst: Overeenkomst, jaar: int, cijfers, gebruiker) -> Indexering:
    """An unsaved indexation for ``jaar`` (t+1) with the agreement's weights and series."""
    return Indexering(
        overeenkomst=overeenkomst,
        jaar=jaar,
        eerste_contractjaar=cijfers.eerste_contractjaar,
        weging_personeel=overeenkomst.weging_personeel,
        weging_materieel=overeenkomst.weging_materieel,
        indexcijfer_personeel=overeenkomst.indexcijfer_personeel,
        indexcijfer_materieel=overeenkomst.indexcijfer_materieel,
        personeel_prognose_volgend_jaar=cijfers.personeel_prognose_volgend_jaar,
        personeel_prognose_lopend_jaar=cijfers.personeel_prognose_lopend_jaar,
        personeel_definitief_lopend_jaar=cijfers.personeel_definitief_lopend_jaar,
        materieel_prognose_volgend_jaar=cijfers.materieel_prognose_volgend_jaar,
        materieel_prognose_lopend_jaar=cijfers.materieel_prognose_lopend_jaar,
        materieel_definitief_lopend_jaar=cijfers.materieel_definitief_lopend_jaar,
        bron=cijfers.bron,
        vastgesteld_door=gebruiker,
    )


@transaction.atomic
def indexeer_budget(budget: Budget, cijfers: Indexcijfers, *, gebruiker) -> Budget:
    """Index ``budget`` (year t) to year t+1 with the entered figures (OW art. 3.2).

    Stores the indexation and the budget for t+1, split with the same key values.
    """
    overeenkomst = budget.overeenkomst
    _controleer_taakgericht(overeenkomst)
    jaar = budget.jaar + 1
    if Budget.objects.filter(overeenkomst=overeenkomst, jaar=jaar).exists():
        raise ValidationError(
            _("Er is al een budget voor %(jaar)s."), code="budget-bestaat", params={"jaar": jaar}
        )
    indexering = _nieuwe_indexering(overeenkomst, jaar, cijfers, gebruiker)
    try:
        berekening = indexering.bereken(budget.totaal)
    except BerekeningFout as fout:
        raise _als_validatiefout(fout) from None
    indexering.indexpercentage = berekening.indexpercentage
    indexering.full_clean()
    indexering.save()
    nieuw = Budget(
        overeenkomst=overeenkomst,
        jaar=jaar,
        totaal=berekening.nieuw_bedrag,
        verdeelsleutel=budget.verdeelsleutel,
        aantal_termijnen=budget.aantal_termijnen,
        vorig_budget=budget,
        indexering=indexering,
        vastgesteld_door=gebruiker,
    )
    nieuw.full_clean()
    nieuw.save()
    _verdeel(
        nieuw, {a.gemeente: a.sleutelwaarde for a in budget.aandelen.select_related("gemeente")}
    )
    record(
        "budget.geindexeerd",
        gebruiker=gebruiker,
        obj=nieuw,
        omschrijving=f"{overeenkomst.nummer} {budget.jaar} → {jaar}",
        gegevens={
            "van": str(budget.totaal),
            "naar": str(nieuw.totaal),
            "indexpercentage": str(berekening.indexpercentage),
        },
    )
    return nieuw


@transaction.atomic
def registreer_betaling(
    aandeel: Budgetaandeel, *, gebruiker, termijn: int, bedrag: Decimal, betaald_op: date
) -> Budgetbetaling:
    if termijn > aandeel.budget.aantal_termijnen:
        raise ValidationError(
            {
                "termijn": ValidationError(
                    _("Dit budget kent %(aantal)s termijnen."),
                    code="termijn-bestaat-niet",
                    params={"aantal": aandeel.budget.aantal_termijnen},
                )
            }
        )
    betaling = Budgetbetaling(
        aandeel=aandeel,
        termijn=termijn,
        bedrag=bedrag,
        betaald_op=betaald_op,
        vastgelegd_door=gebruiker,
    )
    betaling.full_clean()
    betaling.save()
    record(
        "budgetbetaling.vastgelegd",
        gebruiker=gebruiker,
        obj=betaling,
        gegevens={"gemeente": aandeel.gemeente.code, "termijn": termijn, "bedrag": str(bedrag)},
    )
    return betaling


# ---------------------------------------------------------------------------------------------
# Tariffs per product and unit (inspanningsgericht / outputgericht)
# ---------------------------------------------------------------------------------------------


def _controleer_tarieven_mogelijk(overeenkomst: Overeenkomst) -> None:
    if overeenkomst.is_taakgericht:
        raise ValidationError(
            _(
                "Een taakgerichte overeenkomst kent geen tarieven per product; "
                "zij heeft een taakgericht budget."
            ),
            code="tarief-bij-taakgericht",
        )
    if overeenkomst.status == OvereenkomstStatus.BEEINDIGD:
        raise ValidationError(
            _("De overeenkomst is beëindigd; er kunnen geen tarieven bij."),
            code="overeenkomst-beeindigd",
        )


def _vergrendel(overeenkomst: Overeenkomst) -> Overeenkomst:
    """Lock the agreement row: tariff writes of one agreement run one after the other, so two
    concurrent requests cannot both pass the overlap check."""
    return Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)


@transaction.atomic
def stel_tarief_vast(
    overeenkomst: Overeenkomst,
    *,
    gebruiker,
    product,
    bedrag: Decimal,
    geldig_van: date,
    geldig_tot: date | None = None,
    bron: str = "",
) -> Tarief:
    """A tariff per unit of ``product`` for a period that overlaps no other tariff of it."""
    overeenkomst = _vergrendel(overeenkomst)
    _controleer_tarieven_mogelijk(overeenkomst)
    if product.perceel_id != overeenkomst.perceel_id:
        raise ValidationError(
            {
                "product": ValidationError(
                    _("Dit product hoort niet bij het perceel van de overeenkomst."),
                    code="product-ander-perceel",
                )
            }
        )
    if not product.eenheid:
        raise ValidationError(
            {
                "product": ValidationError(
                    _("Dit product heeft geen eenheid in de catalogus; een tarief kan niet."),
                    code="product-zonder-eenheid",
                )
            }
        )
    tarief = Tarief(
        overeenkomst=overeenkomst,
        product=product,
        eenheid=product.eenheid,
        bedrag=bedrag,
        geldig_van=geldig_van,
        geldig_tot=geldig_tot,
        bron=bron,
        vastgesteld_door=gebruiker,
    )
    tarief.full_clean()
    tarief.save()
    record(
        "tarief.vastgesteld",
        gebruiker=gebruiker,
        obj=tarief,
        omschrijving=f"{overeenkomst.nummer} {product.code}",
        gegevens={
            "product": product.code,
            "eenheid": tarief.eenheid,
            "bedrag": str(tarief.bedrag),
            "geldig_van": geldig_van.isoformat(),
            "geldig_tot": geldig_tot.isoformat() if geldig_tot else None,
        },
    )
    return tarief


@transaction.atomic
def indexeer_tarieven(
    overeenkomst: Overeenkomst, *, jaar: int, cijfers: Indexcijfers, gebruiker
) -> list[Tarief]:
    """Index the tariff list valid on 31 December of ``jaar`` (t) to ``jaar + 1`` (OW art. 3.2).

    Stores the indexation once and per product a new tariff for 1 January – 31 December t+1,
    computed by ``calculate_indexering`` from the old amount (rounded half up to cents per
    tariff). A tariff of t without an end date (or running into t+1) is closed on 31 December t.
    """
    overeenkomst = _vergrendel(overeenkomst)
    _controleer_tarieven_mogelijk(overeenkomst)
    einde_t, begin, einde = date(jaar, 12, 31), date(jaar + 1, 1, 1), date(jaar + 1, 12, 31)
    if Indexering.objects.filter(overeenkomst=overeenkomst, jaar=jaar + 1).exists():
        raise ValidationError(
            _("Er is al een indexering voor %(jaar)s."),
            code="indexering-bestaat",
            params={"jaar": jaar + 1},
        )
    oude = list(
        overeenkomst.tarieven.filter(Tarief.overlap_filter(einde_t, einde_t))
        .select_related("product")
        .order_by("product__volgorde", "product__naam")
    )
    if not oude:
        raise ValidationError(
            {
                "jaar": ValidationError(
                    _("Op 31-12-%(jaar)s geldt geen enkel tarief; er is niets te indexeren."),
                    code="geen-tarieven",
                    params={"jaar": jaar},
                )
            }
        )
    al_volgend_jaar = overeenkomst.tarieven.filter(
        product__in=[t.product for t in oude], geldig_van__gt=einde_t
    )
    if al_volgend_jaar.exists():
        raise ValidationError(
            _("Voor %(product)s is al een tarief vanaf %(jaar)s vastgesteld."),
            code="tarief-volgend-jaar-bestaat",
            params={"product": al_volgend_jaar.first().product, "jaar": jaar + 1},
        )
    indexering = _nieuwe_indexering(overeenkomst, jaar + 1, cijfers, gebruiker)
    try:
        berekeningen = [indexering.bereken(tarief.bedrag) for tarief in oude]
    except BerekeningFout as fout:
        raise _als_validatiefout(fout) from None
    indexering.indexpercentage = berekeningen[0].indexpercentage
    indexering.full_clean()
    indexering.save()
    afgesloten = []
    nieuw = []
    for tarief, berekening in zip(oude, berekeningen, strict=True):
        if tarief.geldig_tot is None or tarief.geldig_tot > einde_t:
            tarief.geldig_tot = einde_t
            tarief.save(update_fields=["geldig_tot"])
            afgesloten.append(tarief.pk)
        volgend = Tarief(
            overeenkomst=overeenkomst,
            product=tarief.product,
            eenheid=tarief.eenheid,
            bedrag=berekening.nieuw_bedrag,
            geldig_van=begin,
            geldig_tot=einde,
            vorig_tarief=tarief,
            indexering=indexering,
            bron=_("Geïndexeerd vanuit %(jaar)s (art. 3.2).") % {"jaar": jaar},
            vastgesteld_door=gebruiker,
        )
        volgend.full_clean()
        volgend.save()
        nieuw.append(volgend)
    record(
        "tarief.geindexeerd",
        gebruiker=gebruiker,
        obj=overeenkomst,
        omschrijving=f"{overeenkomst.nummer} {jaar} → {jaar + 1}",
        gegevens={
            "indexpercentage": str(indexering.indexpercentage),
            "tarieven": [
                {
                    "product": t.product.code,
                    "van": str(t.vorig_tarief.bedrag),
                    "naar": str(t.bedrag),
                }
                for t in nieuw
            ],
            "afgesloten": afgesloten,
        },
    )
    return nieuw


# ---------------------------------------------------------------------------------------------
# Price sheets
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NietProductieveTijdInvoer:
    omschrijving: str
    percentage: Decimal | None = None
    uren: Decimal | None = None
    bron: str = ""


PRIJSBLADVELDEN = (
    "geldig_vanaf",
    "cao",
    "schaal",
    "trede",
    "maandsalaris",
    "maanden_per_jaar",
    "vakantietoeslag_percentage",
    "eindejaarsuitkering_percentage",
    "werkgeverslasten_percentage",
    "jaaruren_per_fte",
    "overhead_percentage",
    "risico_winst_percentage",
    "materiele_kosten_per_uur",
    "eenheid",
    "uren_per_eenheid",
    "materiele_kosten_per_eenheid",
    "ontvangen_tarief",
    "bronnen",
)


@transaction.atomic
def maak_prijsblad(
    overeenkomst: Overeenkomst,
    *,
    gebruiker,
    product,
    kwalificatieniveau: str,
    niet_productieve_tijd: Iterable[NietProductieveTijdInvoer] = (),
    **velden,
) -> Prijsblad:
    """A new concept version of the standard price sheet for a product and qualification level."""
    onbekend = set(velden) - set(PRIJSBLADVELDEN)
    if onbekend:
        raise TypeError(f"onbekende velden: {sorted(onbekend)}")
    if product.perceel_id != overeenkomst.perceel_id:
        raise ValidationError(
            {
                "product": ValidationError(
                    _("Dit product hoort niet bij het perceel van de overeenkomst."),
                    code="product-ander-perceel",
                )
            }
        )
    laatste = (
        Prijsblad.objects.filter(
            overeenkomst=overeenkomst, product=product, kwalificatieniveau=kwalificatieniveau
        )
        .order_by("-versie")
        .values_list("versie", flat=True)
        .first()
    )
    prijsblad = Prijsblad(
        overeenkomst=overeenkomst,
        product=product,
        kwalificatieniveau=kwalificatieniveau,
        versie=(laatste or 0) + 1,
        **velden,
    )
    prijsblad.full_clean()
    prijsblad.save()
    for volgorde, regel in enumerate(niet_productieve_tijd, start=1):
        rij = NietProductieveTijdregel(
            prijsblad=prijsblad,
            volgorde=volgorde,
            omschrijving=regel.omschrijving,
            percentage=regel.percentage,
            uren=regel.uren,
            bron=regel.bron,
        )
        rij.full_clean()
        rij.save()
    try:
        prijsblad.tarief = prijsblad.berekening().tarief
    except BerekeningFout as fout:
        raise _als_validatiefout(fout) from None
    prijsblad.save(update_fields=["tarief"])
    record(
        "prijsblad.aangemaakt",
        gebruiker=gebruiker,
        obj=prijsblad,
        omschrijving=str(prijsblad),
        gegevens={"tarief": str(prijsblad.tarief), "versie": prijsblad.versie},
    )
    return prijsblad


@transaction.atomic
def nieuwe_prijsbladversie(prijsblad: Prijsblad, *, gebruiker) -> Prijsblad:
    """A concept copy of ``prijsblad`` with the next version number, to change and publish."""
    return maak_prijsblad(
        prijsblad.overeenkomst,
        gebruiker=gebruiker,
        product=prijsblad.product,
        kwalificatieniveau=prijsblad.kwalificatieniveau,
        niet_productieve_tijd=[
            NietProductieveTijdInvoer(r.omschrijving, r.percentage, r.uren, r.bron)
            for r in prijsblad.niet_productieve_tijd.all()
        ],
        **{veld: getattr(prijsblad, veld) for veld in PRIJSBLADVELDEN},
    )


@transaction.atomic
def publiceer_prijsblad(prijsblad: Prijsblad, *, gebruiker) -> Prijsblad:
    """Publish a concept; the version published before it for the same line is retired."""
    prijsblad = Prijsblad.objects.select_for_update().get(pk=prijsblad.pk)
    if prijsblad.status != PrijsbladStatus.CONCEPT:
        raise ValidationError(
            _("Alleen een concept kan worden gepubliceerd."), code="prijsblad-geen-concept"
        )
    vervallen = list(
        Prijsblad.objects.filter(
            overeenkomst=prijsblad.overeenkomst,
            product=prijsblad.product,
            kwalificatieniveau=prijsblad.kwalificatieniveau,
            status=PrijsbladStatus.GEPUBLICEERD,
        ).values_list("pk", flat=True)
    )
    Prijsblad.objects.filter(pk__in=vervallen).update(status=PrijsbladStatus.VERVALLEN)
    prijsblad.tarief = prijsblad.berekening().tarief
    prijsblad.status = PrijsbladStatus.GEPUBLICEERD
    prijsblad.gepubliceerd_op = timezone.now()
    prijsblad.save(update_fields=["status", "gepubliceerd_op", "tarief"])
    record(
        "prijsblad.gepubliceerd",
        gebruiker=gebruiker,
        obj=prijsblad,
        omschrijving=str(prijsblad),
        gegevens={"tarief": str(prijsblad.tarief), "vervallen": vervallen},
    )
    return prijsblad


# ---------------------------------------------------------------------------------------------
# Subcontractors
# ---------------------------------------------------------------------------------------------


def toestemming_vereist(overeenkomst: Overeenkomst, *, is_zzp: bool) -> bool:
    """OW art. 3.9: during the term a new subcontractor needs the region's written consent,
    except a self-employed person without staff. Before the term starts (status concept) the
    subcontractors are those named in the procedure and need none."""
    return overeenkomst.status != OvereenkomstStatus.CONCEPT and not is_zzp


@transaction.atomic
def registreer_onderaannemer(
    overeenkomst: Overeenkomst,
    *,
    gebruiker,
    organisatie,
    soort: str,
    expertise: str,
    producten: Iterable,
    ingangsdatum: date | None = None,
    einddatum: date | None = None,
    is_zzp: bool = False,
) -> Onderaannemer:
    producten = list(producten)
    overeenkomst.refresh_from_db(fields=["status"])  # consent depends on the current status
    if overeenkomst.status == OvereenkomstStatus.BEEINDIGD:
        raise ValidationError(
            _("De overeenkomst is beëindigd; er kunnen geen onderaannemers bij."),
            code="overeenkomst-beeindigd",
        )
    if soort == Onderaannemersoort.DERDE:
        if overeenkomst.status != OvereenkomstStatus.CONCEPT:
            raise ValidationError(
                {
                    "soort": ValidationError(
                        _(
                            "Een derde is vanaf de inschrijving bekend en kan tijdens de looptijd "
                            "niet meer worden toegevoegd; registreer een vaste of incidentele "
                            "onderaannemer."
                        ),
                        code="derde-tijdens-looptijd",
                    )
                }
            )
        ingangsdatum, einddatum = overeenkomst.ingangsdatum, None
    if not producten:
        raise ValidationError(
            {"producten": ValidationError(_("Kies ten minste één product."), code="geen-producten")}
        )
    if any(p.perceel_id != overeenkomst.perceel_id for p in producten):
        raise ValidationError(
            {
                "producten": ValidationError(
                    _("Kies alleen producten van het perceel van de overeenkomst."),
                    code="product-ander-perceel",
                )
            }
        )
    vereist = toestemming_vereist(overeenkomst, is_zzp=is_zzp)
    onderaannemer = Onderaannemer(
        overeenkomst=overeenkomst,
        organisatie=organisatie,
        soort=soort,
        expertise=expertise,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        is_zzp=is_zzp,
        toestemming_vereist=vereist,
        status=OnderaannemerStatus.AANGEMELD if vereist else OnderaannemerStatus.ACTIEF,
        aangemeld_op=timezone.localdate(),
    )
    if Onderaannemer.objects.filter(overeenkomst=overeenkomst, organisatie=organisatie).exists():
        raise _al_in_register()
    onderaannemer.full_clean()
    try:
        with transaction.atomic():
            onderaannemer.save()
    except IntegrityError:  # a concurrent registration of the same organisation
        raise _al_in_register() from None
    onderaannemer.producten.set(producten)
    record(
        "onderaannemer.geregistreerd",
        gebruiker=gebruiker,
        obj=onderaannemer,
        omschrijving=str(onderaannemer),
        gegevens={
            "overeenkomst": overeenkomst.nummer,
            "kvk": organisatie.kvk_nummer,
            "soort": soort,
            "toestemming_vereist": vereist,
        },
    )
    return onderaannemer


def _al_in_register() -> ValidationError:
    return ValidationError(
        {
            "organisatie": ValidationError(
                _("Deze organisatie staat al in het register van deze overeenkomst."),
                code="onderaannemer-bestaat",
            )
        }
    )


@transaction.atomic
def besluit_toestemming(
    onderaannemer: Onderaannemer, *, gebruiker, verleend: bool, datum: date, kenmerk: str
) -> Onderaannemer:
    """Record the region's written decision on a subcontractor that needs consent."""
    onderaannemer = Onderaannemer.objects.select_for_update().get(pk=onderaannemer.pk)
    if onderaannemer.status != OnderaannemerStatus.AANGEMELD:
        raise ValidationError(
            _("Over deze onderaannemer is al besloten."), code="toestemming-al-besloten"
        )
    if not kenmerk.strip():
        raise ValidationError(
            {
                "kenmerk": ValidationError(
                    _("Vermeld het kenmerk van de brief waarin de regio besluit."),
                    code="kenmerk-ontbreekt",
                )
            }
        )
    onderaannemer.toestemming_kenmerk = kenmerk.strip()
    onderaannemer.toestemming_vastgelegd_door = gebruiker
    if verleend:
        onderaannemer.toestemming_op = datum
        onderaannemer.status = OnderaannemerStatus.ACTIEF
    else:
        onderaannemer.status = OnderaannemerStatus.GEWEIGERD
    onderaannemer.save()
    record(
        "onderaannemer.toestemming_verleend" if verleend else "onderaannemer.toestemming_geweigerd",
        gebruiker=gebruiker,
        obj=onderaannemer,
        omschrijving=str(onderaannemer),
        gegevens={"kenmerk": kenmerk, "datum": datum.isoformat()},
    )
    return onderaannemer


@transaction.atomic
def beeindig_onderaannemer(
    onderaannemer: Onderaannemer,
    *,
    gebruiker,
    einddatum: date,
    reden: str,
    toestemming_op: date | None = None,
    toestemming_kenmerk: str = "",
) -> Onderaannemer:
    """End a subcontractor on ``einddatum`` for ``reden``.

    The end date lies within the subcontractor's period (at the latest its own end date or the
    agreement's last possible end). A derde is bound for the full term: ending it before the
    agreement's (current) end needs the region's written consent, recorded here with the date
    and reference of the letter.
    """
    onderaannemer = (
        Onderaannemer.objects.select_for_update()
        .select_related("overeenkomst", "organisatie")
        .get(pk=onderaannemer.pk)
    )
    ovk = onderaannemer.overeenkomst
    if not onderaannemer.is_beeindigbaar:
        raise ValidationError(
            _("Een onderaannemer met status ‘%(status)s’ kan niet worden beëindigd."),
            code="onderaannemer-niet-beeindigbaar",
            params={"status": onderaannemer.get_status_display()},
        )
    errors: dict[str, ValidationError] = {}
    if not (reden or "").strip():
        errors["reden"] = ValidationError(
            _("Vermeld de reden van de beëindiging."), code="reden-ontbreekt"
        )
    uiterst = onderaannemer.einddatum or ovk.uiterste_einddatum
    if einddatum < onderaannemer.ingangsdatum or einddatum > uiterst:
        errors["einddatum"] = ValidationError(
            _("De einddatum valt buiten de periode van de onderaannemer (%(van)s – %(tot)s)."),
            code="einde-buiten-periode",
            params={
                "van": onderaannemer.ingangsdatum.strftime("%d-%m-%Y"),
                "tot": uiterst.strftime("%d-%m-%Y"),
            },
        )
    vroegtijdig = (
        onderaannemer.soort == Onderaannemersoort.DERDE and einddatum < ovk.huidige_einddatum
    )
    if vroegtijdig and not (toestemming_op and (toestemming_kenmerk or "").strip()):
        errors["toestemming_kenmerk"] = ValidationError(
            _(
                "Een derde is verbonden voor de hele looptijd (tot %(einde)s). Vóór die datum "
                "beëindigen kan alleen met schriftelijke toestemming van de regio; de "
                "contractmanager legt de datum en het kenmerk van die brief vast."
            ),
            code="derde-zonder-toestemming",
            params={"einde": ovk.huidige_einddatum.strftime("%d-%m-%Y")},
        )
    if errors:
        raise ValidationError(errors)
    onderaannemer.status = OnderaannemerStatus.BEEINDIGD
    onderaannemer.einddatum = einddatum
    onderaannemer.beeindiging_reden = reden.strip()
    onderaannemer.beeindiging_vastgelegd_op = timezone.now()
    onderaannemer.beeindigd_door = gebruiker
    if vroegtijdig:
        onderaannemer.beeindiging_toestemming_op = toestemming_op
        onderaannemer.beeindiging_toestemming_kenmerk = toestemming_kenmerk.strip()
    onderaannemer.full_clean()
    onderaannemer.save()
    record(
        "onderaannemer.beeindigd",
        gebruiker=gebruiker,
        obj=onderaannemer,
        omschrijving=str(onderaannemer),
        gegevens={
            "overeenkomst": ovk.nummer,
            "kvk": onderaannemer.organisatie.kvk_nummer,
            "einddatum": einddatum.isoformat(),
            "reden": onderaannemer.beeindiging_reden,
            "toestemming_op": toestemming_op.isoformat() if vroegtijdig else None,
            "toestemming_kenmerk": onderaannemer.beeindiging_toestemming_kenmerk or None,
        },
    )
    return onderaannemer


@transaction.atomic
def voeg_document_toe(
    onderaannemer: Onderaannemer,
    *,
    gebruiker,
    soort: str,
    kenmerk: str,
    afgegeven_op: date,
    geldig_tot: date | None = None,
    bestand=None,
) -> Nalevingsdocument:
    """A compliance document; a GVA without an end date is usable 24 months after issue.

    ``bestand`` (optional) is the uploaded PDF; it is checked by content (``controleer_pdf``)
    before anything is stored, and a refused file leaves nothing behind.
    """
    if soort == Documentsoort.GEDRAGSVERKLARING and geldig_tot is None and afgegeven_op:
        geldig_tot = plus_maanden(afgegeven_op, GVA_GELDIGHEID_MAANDEN)
    document = Nalevingsdocument(
        onderaannemer=onderaannemer,
        soort=soort,
        kenmerk=kenmerk,
        afgegeven_op=afgegeven_op,
        geldig_tot=geldig_tot,
        toegevoegd_door=gebruiker,
    )
    document.full_clean()
    if bestand is not None:
        document.sha256 = controleer_pdf(bestand)
        document.bestandsnaam = Path(bestand.name).name[:255]
        document.grootte = bestand.size
        document.bestand.save(document.bestandsnaam, bestand, save=False)
    try:
        document.save()
        _record_document(document, gebruiker)
    except Exception:  # nothing of a failed upload stays behind in the storage
        if document.bestand:
            document.bestand.delete(save=False)
        raise
    return document


def _record_document(document: Nalevingsdocument, gebruiker) -> None:
    onderaannemer, soort, geldig_tot = document.onderaannemer, document.soort, document.geldig_tot
    record(
        "nalevingsdocument.toegevoegd",
        gebruiker=gebruiker,
        obj=document,
        omschrijving=str(document),
        gegevens={
            "onderaannemer": onderaannemer.organisatie.kvk_nummer,
            "soort": soort,
            "geldig_tot": geldig_tot.isoformat() if geldig_tot else None,
            "bestand": document.bestandsnaam or None,
            "grootte": document.grootte,
            "sha256": document.sha256 or None,
        },
    )


@transaction.atomic
def maak_onderaanneemcontract(
    onderaannemer: Onderaannemer,
    *,
    gebruiker,
    prijsblad: Prijsblad,
    nummer: str,
    ingangsdatum: date,
    einddatum: date,
    ondertekend_op: date | None = None,
) -> Onderaanneemcontract:
    """A subcontract from the standard template with a published standard price sheet."""
    if onderaannemer.status != OnderaannemerStatus.ACTIEF:
        raise ValidationError(
            _(
                "Alleen met een actieve onderaannemer kan een contract worden gesloten "
                "(status nu: %(status)s)."
            ),
            code="onderaannemer-niet-actief",
            params={"status": onderaannemer.get_status_display()},
        )
    if not onderaannemer.producten.filter(pk=prijsblad.product_id).exists():
        raise ValidationError(
            {
                "prijsblad": ValidationError(
                    _("Het prijsblad is voor een product dat deze onderaannemer niet levert."),
                    code="prijsblad-ander-product",
                )
            }
        )
    contract = Onderaanneemcontract(
        onderaannemer=onderaannemer,
        prijsblad=prijsblad,
        nummer=nummer,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        ondertekend_op=ondertekend_op,
        aangemaakt_door=gebruiker,
    )
    contract.full_clean()
    eind_onderaannemer = onderaannemer.einddatum or onderaannemer.overeenkomst.uiterste_einddatum
    if ingangsdatum < onderaannemer.ingangsdatum or einddatum > eind_onderaannemer:
        raise ValidationError(
            {
                "einddatum": ValidationError(
                    _(
                        "Het contract valt buiten de periode van de onderaannemer (%(van)s – %(tot)s)."
                    ),
                    code="contract-buiten-periode",
                    params={
                        "van": onderaannemer.ingangsdatum.strftime("%d-%m-%Y"),
                        "tot": eind_onderaannemer.strftime("%d-%m-%Y"),
                    },
                )
            }
        )
    contract.save()
    record(
        "onderaanneemcontract.aangemaakt",
        gebruiker=gebruiker,
        obj=contract,
        omschrijving=str(contract),
        gegevens={"prijsblad": prijsblad.pk, "tarief": str(prijsblad.tarief)},
    )
    return contract
