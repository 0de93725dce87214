"""Building blocks of the messages and the two ways of sending them (to a municipality, to a provider)."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from iwmo.berichten import build
from iwmo.berichten.basis import (
    Achternaam,
    Product,
    VerkorteNaam,
    maak_header,
)
from iwmo.retourcodes import afgekeurd, betekenis

from wmoregie.iwmo.intern import controleer_als_afzender, ontvang, verstuur_extern
from wmoregie.iwmo.models import Bericht, BerichtStatus
from wmoregie.iwmo.uitwisseling import NietVerzonden

from ...berichtafspraak import Berichtafspraak, afspraak_voor
from ...constants import (
    Antwoordstatus,
    Berichtrichting,
    Gebeurtenissoort,
)
from ...models import Traject, Trajectbericht
from .._basis import fout, gebeurtenis, vandaag

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VERWIJDERD = "13"  # RedenWijziging: the toewijzing was sent in error


# --- building blocks ------------------------------------------------------------------------------


def nieuwe_identificatie() -> str:
    """A BerichtIdentificatie (at most 12 characters), unique per sender and message type."""
    return uuid.uuid4().hex[:12].upper()


def _aanbieder(afspraak: Berichtafspraak, traject: Traject) -> str:
    if not afspraak.aanbieder:
        raise fout(
            "geen-agb-code",
            _(
                "%(organisatie)s heeft geen AGB-code; zonder AGB-code kunnen geen iWmo-berichten "
                "worden verstuurd. Vraag de contractmanager die vast te leggen."
            )
            % {"organisatie": traject.aanmelding.overeenkomst.opdrachtnemer},
        )
    return afspraak.aanbieder


def _header(cls, *, afzender: str, ontvanger: str):
    return maak_header(
        cls,
        afzender=afzender,
        ontvanger=ontvanger,
        identificatie=nieuwe_identificatie(),
        dagtekening=vandaag(),
    )


def _achternaam(client) -> Achternaam:
    return Achternaam(achternaam=client.achternaam, voorvoegsel=client.voorvoegsel or None)


def _verkorte_naam(client) -> VerkorteNaam:
    return VerkorteNaam(geslachtsnaam=_achternaam(client), voorletters=client.voorletters or None)


def _product(product) -> Product:
    return Product(categorie=product.productcategorie, code=product.productcode or None)


def _bevindingen_tekst(bevindingen) -> str:
    fouten = [b for b in bevindingen if str(b.severity) == "fout"] or list(bevindingen)
    return "; ".join(f"{b.message}" for b in fouten[:3])


def _antwoord(bericht: Bericht) -> tuple[str, str]:
    """(answer status, retour codes) of a message its receiver assessed in wmoregie."""
    codes = bericht.retourcodes.split()
    if bericht.status == BerichtStatus.GEACCEPTEERD and not afgekeurd(codes):
        return Antwoordstatus.GOEDGEKEURD, bericht.retourcodes
    return Antwoordstatus.AFGEKEURD, bericht.retourcodes or "0001"


def antwoord_tekst(trajectbericht: Trajectbericht) -> str:
    """The answer in Dutch, for the timeline and the message list (codes stay in details)."""
    status = Antwoordstatus(trajectbericht.antwoordstatus)
    if status != Antwoordstatus.AFGEKEURD:
        return str(status.label)
    codes = [c for c in trajectbericht.retourcodes.split() if c not in ("0200", "0233")]
    redenen = " ".join(dict.fromkeys(betekenis(c) for c in codes))
    return _("Afgekeurd: %(redenen)s") % {"redenen": redenen} if redenen else str(status.label)


def _registreer(
    traject: Traject,
    bericht: Bericht,
    *,
    richting: str,
    antwoordstatus: str,
    retourcodes: str = "",
    referentie: str = "",
    gebruiker=None,
) -> Trajectbericht:
    trajectbericht = Trajectbericht.objects.create(
        traject=traject,
        bericht=bericht,
        berichttype=bericht.berichttype,
        richting=richting,
        antwoordstatus=antwoordstatus,
        retourcodes=retourcodes,
        referentie=referentie,
        beantwoord_op=timezone.now() if antwoordstatus != Antwoordstatus.WACHT else None,
        verzonden_door=gebruiker if gebruiker is not None and gebruiker.is_authenticated else None,
    )
    if antwoordstatus == Antwoordstatus.WACHT:
        uitkomst = _("verstuurd via de uitwisselmap, wacht op de retour")
    else:
        uitkomst = antwoord_tekst(trajectbericht)
    gebeurtenis(
        traject.aanmelding,
        Gebeurtenissoort.BERICHT,
        f"{bericht.berichttype.upper()} ({_BERICHTNAMEN.get(bericht.berichttype, '')}): {uitkomst}",
        traject=traject,
        door=gebruiker,
        bericht=trajectbericht,
    )
    return trajectbericht


_BERICHTNAMEN = {
    "wmo301": _("toewijzing"),
    "wmo305": _("start ondersteuning"),
    "wmo307": _("stop ondersteuning"),
    "wmo315": _("verzoek om toewijzing"),
    "wmo317": _("verzoek om wijziging"),
    "wmo319": _("antwoord op verzoek"),
    "wmo323": _("declaratie"),
}


def _niet_verstuurd(fout_: NietVerzonden) -> ValidationError:
    return ValidationError(
        _("Het bericht is niet verstuurd, want het zou worden afgekeurd: %(redenen)s")
        % {"redenen": _bevindingen_tekst(fout_.bevindingen) or _("onleesbaar")},
        code="bericht-ongeldig",
    )


def verstuur_naar_gemeente(
    traject: Traject, model, *, gebruiker, referentie: str = ""
) -> Trajectbericht:
    """Send a provider's message about ``traject`` through the municipality's channel."""
    afspraak = afspraak_voor(traject)
    xml = build(model)
    try:
        if afspraak.in_wmoregie:
            controleer_als_afzender(xml, variant=afspraak.variant, vandaag=vandaag())
            bericht = ontvang(
                afspraak.gemeentecode, xml, variant=afspraak.variant, vandaag=vandaag()
            )
            status, codes = _antwoord(bericht)
        else:
            bericht = verstuur_extern(
                settings.IWMO_UITWISSELMAP,
                afspraak.gemeentecode,
                xml,
                variant=afspraak.variant,
                vandaag=vandaag(),
            )
            status, codes = Antwoordstatus.WACHT, ""
    except NietVerzonden as fout_:
        raise _niet_verstuurd(fout_) from None
    return _registreer(
        traject,
        bericht,
        richting=Berichtrichting.NAAR_GEMEENTE,
        antwoordstatus=status,
        retourcodes=codes,
        referentie=referentie,
        gebruiker=gebruiker,
    )


def _verstuur_naar_aanbieder(
    traject: Traject, model, *, gebruiker, referentie: str = ""
) -> Trajectbericht:
    """A municipality in wmoregie sends a 301/319: its own checks first (layers 1-3, its
    history read-only), then the provider's engine receives it and makes the retour."""
    afspraak = afspraak_voor(traject)
    xml = build(model)
    try:
        controleer_als_afzender(xml, variant=afspraak.variant, historie=True, vandaag=vandaag())
        bericht = ontvang(afspraak.gemeentecode, xml, variant=afspraak.variant, vandaag=vandaag())
    except NietVerzonden as fout_:
        raise _niet_verstuurd(fout_) from None
    status, codes = _antwoord(bericht)
    return _registreer(
        traject,
        bericht,
        richting=Berichtrichting.NAAR_AANBIEDER,
        antwoordstatus=status,
        retourcodes=codes,
        referentie=referentie,
        gebruiker=gebruiker,
    )
