"""Referral and acceptance: a resident is referred, the contract partner accepts or refuses."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.contracten.constants import OvereenkomstStatus
from wmoregie.contracten.models import Overeenkomst

from .. import inzage
from ..berichtafspraak import afspraak_voor
from ..constants import AFGESLOTEN, AanmeldingStatus, Gebeurtenissoort, TrajectStatus
from ..models import Aanmelding, Client, Traject
from ..state import controleer_aanmelding
from ..validators import normaliseer_bsn, normaliseer_postcode
from ._basis import bewaakt, fout, gebeurtenis, vandaag


@dataclass
class Clientgegevens:
    """What a referral says about the resident (the fields of :class:`~..models.Client`)."""

    bsn: str
    achternaam: str
    geboortedatum: date
    gemeente: object  # catalogi.Gemeente
    straat: str
    huisnummer: int
    postcode: str
    woonplaats: str
    voorletters: str = ""
    voornamen: str = ""
    voorvoegsel: str = ""
    geslacht: str = "0"
    huisletter: str = ""
    huisnummer_toevoeging: str = ""
    telefoon: str = ""


_ADRESVELDEN = (
    "straat",
    "huisnummer",
    "huisletter",
    "huisnummer_toevoeging",
    "postcode",
    "woonplaats",
    "gemeente",
    "telefoon",
)


def overeenkomst_voor(product, datum: date) -> Overeenkomst | None:
    """The active agreement of the product's lot on ``datum``: who receives the client."""
    kandidaten = Overeenkomst.objects.filter(
        perceel_id=product.perceel_id,
        status=OvereenkomstStatus.ACTIEF,
        ingangsdatum__lte=datum,
    ).select_related("opdrachtnemer")
    for overeenkomst in kandidaten.order_by("-ingangsdatum"):
        if datum <= overeenkomst.huidige_einddatum:
            return overeenkomst
    return None


def _clientwaarden(gegevens: Clientgegevens) -> dict:
    waarden = {f.name: getattr(gegevens, f.name) for f in fields(gegevens)}
    waarden["bsn"] = normaliseer_bsn(waarden["bsn"])
    waarden["postcode"] = normaliseer_postcode(waarden["postcode"])
    waarden["voorletters"] = waarden["voorletters"].replace(".", "").replace(" ", "")
    return waarden


def _client(
    gegevens: Clientgegevens, gebruiker, *, _opnieuw: bool = True
) -> tuple[Client, list[str]]:
    """The client with this BSN (updated address) or a new one; and the fields that changed.

    One client per BSN: a second referral finds the first client. A BSN with another birth date
    or surname is almost always a typing error, so it is refused rather than merged.

    That holds for a client the referrer may see. A client with this BSN outside the referrer's
    scope (another municipality's, another area team's) is neither shown, nor compared, nor
    changed: the referral gets a client of its own, marked ``identiteit_onbevestigd``, and the
    back office decides whether it is the same person (:func:`stel_identiteit_vast`). The answer
    to the referrer is the same as for an unknown BSN, so a referral reveals nothing.
    """
    from ..selectors import clienten_voor

    waarden = _clientwaarden(gegevens)
    # Without a user (the demo, a system) every client is in sight.
    zichtbaar = clienten_voor(gebruiker) if gebruiker is not None else Client.objects.all()
    bestaand = zichtbaar.filter(bsn=waarden["bsn"]).order_by("identiteit_onbevestigd", "pk").first()
    if bestaand is None:
        client = Client(
            **waarden,
            identiteit_onbevestigd=Client.objects.filter(bsn=waarden["bsn"]).exists(),
        )
        client.full_clean()
        try:
            with transaction.atomic():
                client.save()
        except IntegrityError:
            # Another referral saved this BSN's client between our look-up and our save (one
            # confirmed client per BSN): look again, and find that client as if it came first.
            if not _opnieuw:
                raise
            return _client(gegevens, gebruiker, _opnieuw=False)
        return client, []
    if bestaand.geboortedatum != waarden["geboortedatum"] or (
        bestaand.achternaam.casefold() != waarden["achternaam"].strip().casefold()
    ):
        raise fout(
            "bsn-andere-client",
            _(
                "Dit BSN is bekend bij een cliënt met een andere achternaam of geboortedatum. "
                "Controleer het BSN en de gegevens."
            ),
            "bsn",
        )
    gewijzigd = _neem_adres_over(bestaand, waarden)
    return bestaand, gewijzigd


def _neem_adres_over(client: Client, waarden: dict) -> list[str]:
    """Give the client the address of ``waarden``; the fields that changed."""
    gewijzigd = [veld for veld in _ADRESVELDEN if getattr(client, veld) != waarden[veld]]
    for veld in gewijzigd:
        setattr(client, veld, waarden[veld])
    if gewijzigd:
        client.full_clean()
        client.save()
    return gewijzigd


@transaction.atomic
def meld_aan(
    *,
    gebruiker,
    client: Clientgegevens,
    gemeente,
    product,
    bron,
    vraag: str,
    urgent: bool = False,
    gebiedsteam=None,
    aangemeld_op: date | None = None,
    vorig_traject: Traject | None = None,
    request=None,
) -> Aanmelding:
    """Refer a resident for a product. Finds the existing client by BSN (one client, many
    trajectories) and refuses a second open referral or trajectory for the same product."""
    datum = aangemeld_op or vandaag()
    if datum > vandaag():
        raise fout("datum-in-toekomst", _("De aanmelddatum ligt in de toekomst."), "aangemeld_op")
    if gebiedsteam is not None and gebiedsteam.gemeente_id != gemeente.pk:
        raise fout(
            "gebiedsteam-andere-gemeente",
            _("Het gebiedsteam hoort bij een andere gemeente dan %(gemeente)s.")
            % {"gemeente": gemeente.naam},
            "gebiedsteam",
        )
    if not bron.actief:
        raise fout(
            "verwijsbron-niet-actief",
            _("De regio staat aanmeldingen via ‘%(bron)s’ niet toe.") % {"bron": bron.naam},
            "bron",
        )
    if not (vraag or "").strip():
        raise fout("vraag-ontbreekt", _("Beschrijf de hulpvraag."), "vraag")
    overeenkomst = overeenkomst_voor(product, datum)
    if overeenkomst is None:
        raise fout(
            "geen-overeenkomst",
            _("Voor %(product)s is op %(datum)s geen actieve overeenkomst.")
            % {"product": product.naam, "datum": datum.strftime("%d-%m-%Y")},
            "product",
        )
    client_obj, gewijzigd = _client(client, gebruiker)
    if _open_voor_product(client_obj, product):
        raise fout(
            "al-aangemeld",
            _("Deze cliënt heeft al een open aanmelding of traject voor %(product)s.")
            % {"product": product.naam},
            "product",
        )
    aanmelding = Aanmelding.objects.create(
        client=client_obj,
        gemeente=gemeente,
        gebiedsteam=gebiedsteam,
        product=product,
        overeenkomst=overeenkomst,
        bron=bron,
        vraag=vraag.strip(),
        urgent=urgent,
        aangemeld_op=datum,
        aangemeld_door=gebruiker,
        vorig_traject=vorig_traject,
    )
    gebeurtenis(
        aanmelding,
        Gebeurtenissoort.AANGEMELD,
        _("Aangemeld voor %(product)s door %(door)s%(urgent)s.")
        % {
            "product": product.naam,
            "door": gebiedsteam or gemeente.naam,
            "urgent": _(" (urgent)") if urgent else "",
        },
        datum=datum,
        door=gebruiker,
    )
    inzage.log(
        "aanmelding.aangemaakt",
        [client_obj],
        request=request,
        gebruiker=gebruiker,
        obj=aanmelding,
        omschrijving=_("Aanmelding voor %(product)s") % {"product": product.naam},
        gegevens={"gewijzigde_clientgegevens": gewijzigd} if gewijzigd else None,
    )
    return aanmelding


def bekende_client(client: Client) -> Client | None:
    """For a client whose identity is not yet confirmed: the known client with its BSN, which
    the back office must compare it with (None: nothing to decide)."""
    if not client.identiteit_onbevestigd:
        return None
    return Client.objects.filter(bsn=client.bsn, identiteit_onbevestigd=False).first()


VERGELEKEN = ("achternaam", "voorletters", "geboortedatum", "geslacht", *_ADRESVELDEN)


def vergelijking(client: Client, bekend: Client) -> dict[str, bool]:
    """Per field whether the referral's client and the known client agree: what the back office
    sees of a known client outside its own scope (never the values)."""
    return {
        veld: str(getattr(client, veld)).casefold().strip()
        == str(getattr(bekend, veld)).casefold().strip()
        for veld in VERGELEKEN
    }


@transaction.atomic
def stel_identiteit_vast(
    aanmelding: Aanmelding, *, gebruiker, zelfde: bool, toelichting: str, request=None
) -> Aanmelding:
    """The back office's decision on a referral with the BSN of a known client the referrer
    could not see (see :func:`_client`).

    ``zelfde``: the same person. The referrals of the referral's client move to the known
    client, which takes their address (the newest, as with any second referral); the referral's
    own client is removed. Otherwise another person (a wrong BSN): its open referrals are
    withdrawn, for the referrer to check the BSN and refer again. The reason is in the audit
    log; the timeline, which the referrer reads, says only what happened and never what the
    known client's data are.
    """
    # Only the referral's row: its client may be merged away by a decision on a sibling.
    aanmelding = Aanmelding.objects.select_for_update(of=("self",)).get(pk=aanmelding.pk)
    with bewaakt():
        controleer_aanmelding("accepteren", aanmelding.status)
    voorlopig = aanmelding.client
    bekend = bekende_client(voorlopig)
    if bekend is None:
        raise fout(
            "identiteit-al-vastgesteld",
            _("Voor deze aanmelding hoeft de identiteit niet (meer) te worden vastgesteld."),
        )
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise fout("toelichting-ontbreekt", _("Zeg waarop u uw besluit baseert."), "toelichting")
    if not zelfde:
        ingetrokken = []
        for open_ in voorlopig.aanmeldingen.select_for_update().filter(
            status=AanmeldingStatus.AANGEMELD
        ):
            _besluit(open_, AanmeldingStatus.INGETROKKEN, gebruiker)
            gebeurtenis(
                open_,
                Gebeurtenissoort.IDENTITEIT,
                _(
                    "De aanmelding vervalt: de backoffice kon de cliënt niet vaststellen. "
                    "Controleer het BSN met de cliënt en meld zo nodig opnieuw aan."
                ),
                door=gebruiker,
            )
            ingetrokken.append(open_.pk)
        inzage.log(
            "aanmelding.identiteit-andere-persoon",
            [voorlopig],
            request=request,
            gebruiker=gebruiker,
            obj=aanmelding,
            omschrijving=_("Identiteit: een andere persoon dan de bekende cliënt"),
            gegevens={
                "bekende_client": bekend.pk,
                "ingetrokken": ingetrokken,
                "toelichting": toelichting,
            },
        )
        aanmelding.refresh_from_db()
        return aanmelding
    for open_ in voorlopig.aanmeldingen.filter(status=AanmeldingStatus.AANGEMELD):
        if _open_voor_product(bekend, open_.product):
            raise fout(
                "al-aangemeld",
                _("De bekende cliënt heeft al een open aanmelding of traject voor %(product)s.")
                % {"product": open_.product.naam},
            )
    aanmeldingen = list(voorlopig.aanmeldingen.values_list("pk", flat=True))
    Aanmelding.objects.filter(pk__in=aanmeldingen).update(client=bekend)
    gewijzigd = _neem_adres_over(bekend, {veld: getattr(voorlopig, veld) for veld in _ADRESVELDEN})
    voorlopig_id = voorlopig.pk
    voorlopig.delete()
    aanmelding.refresh_from_db()
    gebeurtenis(
        aanmelding,
        Gebeurtenissoort.IDENTITEIT,
        _("De backoffice heeft de cliënt vastgesteld."),
        door=gebruiker,
    )
    inzage.log(
        "aanmelding.identiteit-zelfde-persoon",
        [bekend, voorlopig_id],
        request=request,
        gebruiker=gebruiker,
        obj=aanmelding,
        omschrijving=_("Identiteit: dezelfde persoon als de bekende cliënt"),
        gegevens={
            "samengevoegd": voorlopig_id,
            "aanmeldingen": aanmeldingen,
            "gewijzigde_clientgegevens": gewijzigd,
            "toelichting": toelichting,
        },
    )
    return aanmelding


def _open_voor_product(client: Client, product) -> bool:
    """Whether the client has an open referral or trajectory for the product."""
    open_trajectstatussen = [s for s in TrajectStatus.values if s not in AFGESLOTEN]
    return (
        Aanmelding.objects.filter(client=client, product=product)
        .filter(
            Q(status=AanmeldingStatus.AANGEMELD)
            | Q(status=AanmeldingStatus.GEACCEPTEERD, traject__status__in=open_trajectstatussen)
        )
        .exists()
    )


def _besluit(aanmelding: Aanmelding, status: str, gebruiker) -> None:
    """Store a decision on a referral: its new status, when and by whom."""
    aanmelding.status = status
    aanmelding.besloten_op = timezone.now()
    aanmelding.besloten_door = gebruiker
    aanmelding.save(update_fields=["status", "besloten_op", "besloten_door"])


def _referentie() -> str:
    return f"WR-{uuid.uuid4().hex[:20].upper()}"


@transaction.atomic
def accepteer(aanmelding: Aanmelding, *, gebruiker, aanvraag=None, request=None) -> Traject:
    """Accept a referral: the trajectory opens. Under a per-client lot the provider asks the
    municipality for a toewijzing (WMO315, with ``aanvraag`` or a sensible default) and the
    trajectory waits for its answer."""
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    with bewaakt():
        controleer_aanmelding("accepteren", aanmelding.status)
    if aanmelding.client.identiteit_onbevestigd:
        if bekende_client(aanmelding.client) is not None:
            raise fout(
                "identiteit-onbevestigd",
                _(
                    "Er is al een cliënt met dit BSN. Stel eerst vast of dit dezelfde persoon is; "
                    "daarna kunt u accepteren."
                ),
            )
        # The known client is gone meanwhile (anonymised at the end of its retention term):
        # the BSN is this client's now.
        Client.objects.filter(pk=aanmelding.client_id).update(identiteit_onbevestigd=False)
    afspraak = afspraak_voor(aanmelding)
    _besluit(aanmelding, AanmeldingStatus.GEACCEPTEERD, gebruiker)
    try:
        traject = Traject.objects.create(
            aanmelding=aanmelding,
            client=aanmelding.client,
            product=aanmelding.product,
            status=TrajectStatus.AANGEVRAAGD if afspraak.toewijzing else TrajectStatus.WACHTEND,
            geopend_op=vandaag(),
            referentie_aanbieder=_referentie(),
        )
    except IntegrityError:  # pragma: no cover - the row lock above makes this unreachable
        raise fout("al-geaccepteerd", _("Deze aanmelding is al geaccepteerd.")) from None
    gebeurtenis(
        aanmelding,
        Gebeurtenissoort.GEACCEPTEERD,
        _("Geaccepteerd door %(organisatie)s.")
        % {"organisatie": aanmelding.overeenkomst.opdrachtnemer},
        traject=traject,
        door=gebruiker,
    )
    inzage.log(
        "aanmelding.geaccepteerd",
        [aanmelding.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=aanmelding,
        omschrijving=_("Aanmelding geaccepteerd, traject geopend"),
    )
    if afspraak.toewijzing:
        from . import berichten

        berichten.vraag_toewijzing_aan(traject, gebruiker=gebruiker, aanvraag=aanvraag)
    return traject


@transaction.atomic
def weiger(
    aanmelding: Aanmelding, *, gebruiker, reden, toelichting: str, request=None
) -> Aanmelding:
    """Refuse a referral. Under the duty to accept (OW 3.1.1) only with a reason from the
    region's list and a motivation; both are visible to the municipality and the region."""
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    with bewaakt():
        controleer_aanmelding("weigeren", aanmelding.status)
    if reden is None or not reden.actief:
        raise fout("weigerreden-ongeldig", _("Kies een reden uit de lijst van de regio."), "reden")
    toelichting = (toelichting or "").strip()
    if len(toelichting) < 20:
        raise fout(
            "onderbouwing-te-kort",
            _(
                "Onderbouw waarom u deze cliënt niet de juiste ondersteuning kunt bieden "
                "(minstens twintig tekens): de acceptatieplicht geldt, tenzij dat aantoonbaar "
                "niet kan."
            ),
            "toelichting",
        )
    aanmelding.status = AanmeldingStatus.GEWEIGERD
    aanmelding.weigerreden = reden
    aanmelding.weigering_toelichting = toelichting
    aanmelding.besloten_op = timezone.now()
    aanmelding.besloten_door = gebruiker
    aanmelding.full_clean(exclude=["client", "gemeente", "product", "overeenkomst", "bron"])
    aanmelding.save()
    gebeurtenis(
        aanmelding,
        Gebeurtenissoort.GEWEIGERD,
        _("Geweigerd: %(reden)s.") % {"reden": reden.naam},
        door=gebruiker,
    )
    inzage.log(
        "aanmelding.geweigerd",
        [aanmelding.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=aanmelding,
        omschrijving=_("Aanmelding geweigerd: %(reden)s") % {"reden": reden.naam},
        gegevens={"reden": reden.code},
    )
    return aanmelding


@transaction.atomic
def trek_in(aanmelding: Aanmelding, *, gebruiker, toelichting: str, request=None) -> Aanmelding:
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    with bewaakt():
        controleer_aanmelding("intrekken", aanmelding.status)
    if not (toelichting or "").strip():
        raise fout("toelichting-ontbreekt", _("Zeg waarom de aanmelding vervalt."), "toelichting")
    _besluit(aanmelding, AanmeldingStatus.INGETROKKEN, gebruiker)
    gebeurtenis(
        aanmelding,
        Gebeurtenissoort.INGETROKKEN,
        _("Ingetrokken: %(toelichting)s") % {"toelichting": toelichting.strip()},
        door=gebruiker,
    )
    inzage.log(
        "aanmelding.ingetrokken",
        [aanmelding.client_id],
        request=request,
        gebruiker=gebruiker,
        obj=aanmelding,
        omschrijving=_("Aanmelding ingetrokken"),
    )
    return aanmelding
