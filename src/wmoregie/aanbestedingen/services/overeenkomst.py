"""Definitive award: the hand-over to an agreement in ``contracten``."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..constants import Inschrijvingsoort, PartijRol, Status
from ..models import Aanbesteding, Partij
from ._helpers import _vergrendeld
from .procedure import wijzig_status


def _organisatie_van(partij: Partij):
    """The accounts.Organisatie of a party, by KvK-nummer (created when new)."""
    from wmoregie.accounts.models import Organisatie

    if not partij.kvk_nummer:
        raise ValidationError(
            _("%(naam)s heeft geen KvK-nummer; leg de overeenkomst met deze partij handmatig vast.")
            % {"naam": partij.naam},
            code="partij-zonder-kvk",
        )
    organisatie, _nieuw = Organisatie.objects.get_or_create(
        kvk_nummer=partij.kvk_nummer, defaults={"naam": partij.naam, "adres": partij.adres}
    )
    return organisatie


@transaction.atomic
def gun_definitief(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    nummer: str,
    einddatum,
    verlengingsopties=(),
    combinatie_kvk: str = "",
    nu: datetime | None = None,
):
    """Definitive award after the standstill without open objection, then the agreement in
    ``contracten`` with the winner's combinanten, derden and vaste onderaannemers carried over."""
    from wmoregie.contracten import services as contracten
    from wmoregie.contracten.constants import Onderaannemersoort, Opdrachtnemersvorm

    aanbesteding = _vergrendeld(aanbesteding.pk)
    percelen = list(aanbesteding.percelen.all())
    if len(percelen) != 1:
        raise ValidationError(
            _(
                "Een overeenkomst uit de gunning kan nu alleen voor een aanbesteding met één perceel."
            ),
            code="meerdere-percelen",
        )
    wijzig_status(aanbesteding, Status.DEFINITIEF_GEGUND, gebruiker=gebruiker, nu=nu)
    winnaar = aanbesteding.winnaar
    partijen = list(winnaar.partijen.prefetch_related("producten"))
    perceel = percelen[0]
    if winnaar.soort == Inschrijvingsoort.COMBINATIE:
        from wmoregie.accounts.constants import Organisatiesoort
        from wmoregie.accounts.models import Organisatie
        from wmoregie.accounts.validators import validate_kvk_nummer

        # the combination as a whole is the contract partner: its own registration (e.g. the
        # VOF formed after the award), distinct from its members
        try:
            validate_kvk_nummer(combinatie_kvk)
        except ValidationError:
            raise ValidationError(
                {
                    "combinatie_kvk": ValidationError(
                        _("Geef het KvK-nummer (acht cijfers) van de combinatie als geheel."),
                        code="combinatie-kvk-ontbreekt",
                    )
                }
            ) from None
        if combinatie_kvk in {p.kvk_nummer for p in partijen}:
            raise ValidationError(
                {
                    "combinatie_kvk": ValidationError(
                        _("Het KvK-nummer van de combinatie is niet dat van een van de leden."),
                        code="combinatie-kvk-is-lid",
                    )
                }
            )
        vorm = Opdrachtnemersvorm.COMBINATIE
        opdrachtnemer, _nieuw = Organisatie.objects.get_or_create(
            kvk_nummer=combinatie_kvk,
            defaults={"naam": winnaar.combinatienaam, "soort": Organisatiesoort.CONSORTIUM},
        )
        combinanten = [
            contracten.CombinantInvoer(
                _organisatie_van(p), penvoerder=p.rol == PartijRol.PENVOERDER
            )
            for p in partijen
            if p.rol in (PartijRol.PENVOERDER, PartijRol.COMBINANT)
        ]
    else:
        vorm = Opdrachtnemersvorm.HOOFDAANNEMER
        opdrachtnemer = winnaar.organisatie
        combinanten = []
    overeenkomst = contracten.maak_overeenkomst(
        gebruiker=gebruiker,
        nummer=nummer,
        naam=f"{aanbesteding.naam} — {winnaar.weergavenaam}",
        perceel=perceel,
        opdrachtnemersvorm=vorm,
        opdrachtnemer=opdrachtnemer,
        ingangsdatum=aanbesteding.contractstart,
        einddatum=einddatum,
        combinanten=combinanten,
        verlengingsopties=verlengingsopties,
        bron=f"aanbesteding {aanbesteding.kenmerk}",
    )
    soort_van = {
        PartijRol.DERDE: Onderaannemersoort.DERDE,
        PartijRol.VASTE_ONDERAANNEMER: Onderaannemersoort.VAST,
    }
    for partij in partijen:
        if partij.rol not in soort_van:
            continue
        producten = list(partij.producten.filter(perceel=perceel)) or list(perceel.producten.all())
        contracten.registreer_onderaannemer(
            overeenkomst,
            gebruiker=gebruiker,
            organisatie=_organisatie_van(partij),
            soort=soort_van[partij.rol],
            expertise=partij.expertise or partij.taakomschrijving or partij.get_rol_display(),
            producten=producten,
            ingangsdatum=overeenkomst.ingangsdatum,
        )
    aanbesteding.overeenkomst = overeenkomst
    aanbesteding.save(update_fields=["overeenkomst"])
    record(
        "aanbesteding.definitief-gegund",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"overeenkomst {overeenkomst.nummer}",
        gegevens={"winnaar": winnaar.pk, "overeenkomst": overeenkomst.pk},
    )
    return overeenkomst
