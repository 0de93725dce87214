"""Serializers of the client API: they parse and present; the services decide and store.

Field rules that exist elsewhere are reused, not copied: the BSN's elfproef is
``validators.validate_bsn``, everything else the services check (and answer with a field and a
stable code). The BSN is shown masked, as on the pages; ``POST …/clienten/{id}/bsn/`` shows it
in full and is logged on its own.
"""

from __future__ import annotations

import re

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wmoregie.catalogi.models import Gebiedsteam, Gemeente, Product

from ..constants import (
    AanmeldingStatus,
    Antwoordstatus,
    Doelresultaat,
    Frequentie,
    Geslacht,
    RedenBeeindiging,
    TrajectStatus,
)
from ..models import Aanmelding, Client, Traject, Trajectbericht, Verwijsbron, Weigerreden
from ..validators import normaliseer_bsn, validate_bsn


def _keuze(keuzes, **kwargs):
    """A choice field whose schema is a pattern, not a named enum (see contracten.api)."""

    class Keuze(serializers.ChoiceField):
        pass

    extend_schema_field(
        {
            "type": "string",
            "pattern": "^(" + "|".join(re.escape(k) for k in keuzes.values) + ")$",
            "description": "; ".join(f"`{k}`: {label}" for k, label in keuzes.choices),
        }
    )(Keuze)
    return Keuze(choices=keuzes.choices, **kwargs)


@extend_schema_field({"type": "string"})
class CodeVeld(serializers.Field):
    """An object named by its code (a CBS code, a catalogue code): an unknown code is a 400
    with a stable code and a Dutch message."""

    def __init__(self, *, queryset, veld: str, foutcode: str, melding, **kwargs):
        self.queryset, self.veld, self.foutcode, self.melding = queryset, veld, foutcode, melding
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        try:
            return self.queryset.get(**{self.veld: str(data).strip()})
        except (ObjectDoesNotExist, ValueError, TypeError):
            raise serializers.ValidationError(
                str(self.melding) % {"waarde": data}, code=self.foutcode
            ) from None

    def to_representation(self, value):
        return getattr(value, self.veld)


# --- reading ---------------------------------------------------------------------------------


class ClientSerializer(serializers.ModelSerializer):
    bsn = serializers.CharField(
        source="bsn_gemaskeerd",
        read_only=True,
        help_text=_("Gemaskeerd; het volledige BSN met POST …/clienten/{id}/bsn/ (gelogd)."),
    )
    naam = serializers.CharField(read_only=True)
    gemeente = serializers.CharField(source="gemeente.code", read_only=True)

    class Meta:
        model = Client
        fields = ["id", "bsn", "naam", "achternaam", "geboortedatum", "woonplaats", "gemeente"]
        read_only_fields = fields


class VolledigBsnSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    bsn = serializers.CharField(read_only=True)


class AanmeldingSerializer(serializers.ModelSerializer):
    client = ClientSerializer(read_only=True)
    gemeente = serializers.CharField(source="gemeente.code", read_only=True)
    gebiedsteam = serializers.CharField(source="gebiedsteam.naam", read_only=True, default=None)
    product = serializers.CharField(source="product.code", read_only=True)
    bron = serializers.CharField(source="bron.code", read_only=True)
    status = _keuze(AanmeldingStatus, read_only=True)
    opdrachtnemer = serializers.CharField(source="overeenkomst.opdrachtnemer.naam", read_only=True)
    weigerreden = serializers.CharField(source="weigerreden.code", read_only=True, default=None)
    traject = serializers.SerializerMethodField()
    identiteit_vaststellen = serializers.SerializerMethodField(
        help_text=_(
            "Alleen voor de backoffice: het BSN hoort al bij een bekende cliënt die de aanmelder "
            "niet mag zien. Stel eerst vast of het dezelfde persoon is (…/identiteit/); daarna "
            "kan de aanmelding worden geaccepteerd. Voor anderen altijd false."
        )
    )

    class Meta:
        model = Aanmelding
        fields = [
            "id",
            "client",
            "identiteit_vaststellen",
            "gemeente",
            "gebiedsteam",
            "product",
            "bron",
            "urgent",
            "vraag",
            "aangemeld_op",
            "status",
            "opdrachtnemer",
            "besloten_op",
            "weigerreden",
            "weigering_toelichting",
            "traject",
        ]
        read_only_fields = fields

    def get_traject(self, aanmelding) -> int | None:
        traject = getattr(aanmelding, "traject", None)
        return traject.pk if traject is not None else None

    def get_identiteit_vaststellen(self, aanmelding) -> bool:
        from .. import rechten, services

        request = self.context.get("request")
        return bool(
            aanmelding.client.identiteit_onbevestigd
            and aanmelding.status == AanmeldingStatus.AANGEMELD
            and request is not None
            and rechten.mag_besluiten(request.user, aanmelding)
            and services.bekende_client(aanmelding.client) is not None
        )


class UitvoerderSerializer(serializers.Serializer):
    soort = serializers.CharField(help_text=_("`eigen` of `onderaannemer`"))
    onderaannemer = serializers.IntegerField(allow_null=True)
    naam = serializers.CharField()
    team = serializers.CharField()
    van = serializers.DateField()


class BerichtSerializer(serializers.ModelSerializer):
    antwoordstatus = _keuze(Antwoordstatus, read_only=True)
    retourcodes = serializers.SerializerMethodField()
    antwoord = serializers.SerializerMethodField()

    class Meta:
        model = Trajectbericht
        fields = [
            "id",
            "berichttype",
            "richting",
            "verzonden_op",
            "antwoordstatus",
            "retourcodes",
            "antwoord",
            "beantwoord_op",
        ]
        read_only_fields = fields

    def get_retourcodes(self, bericht) -> list[str]:
        return bericht.retourcodes.split()

    def get_antwoord(self, bericht) -> str:
        from ..services import berichten

        return berichten.antwoord_tekst(bericht)


class TrajectSerializer(serializers.ModelSerializer):
    client = ClientSerializer(read_only=True)
    aanmelding = serializers.IntegerField(source="aanmelding_id", read_only=True)
    product = serializers.CharField(source="product.code", read_only=True)
    gemeente = serializers.CharField(source="aanmelding.gemeente.code", read_only=True)
    status = _keuze(TrajectStatus, read_only=True)
    uitvoerder = serializers.SerializerMethodField()
    wachtdagen = serializers.SerializerMethodField(
        help_text=_("Dagen van aanmelding tot start (of tot vandaag als er nog niet is gestart).")
    )
    berichten = BerichtSerializer(many=True, read_only=True)

    class Meta:
        model = Traject
        fields = [
            "id",
            "client",
            "aanmelding",
            "product",
            "gemeente",
            "status",
            "uitvoerder",
            "geopend_op",
            "startdatum",
            "einddatum",
            "reden_beeindiging",
            "wachtdagen",
            "berichten",
        ]
        read_only_fields = fields

    @extend_schema_field(UitvoerderSerializer(allow_null=True))
    def get_uitvoerder(self, traject):
        inzet = next((i for i in traject.inzetten.all() if i.tot is None), None)
        if inzet is None:
            return None
        return {
            "soort": "onderaannemer" if inzet.onderaannemer_id else "eigen",
            "onderaannemer": inzet.onderaannemer_id,
            "naam": str(inzet.uitvoerder),
            "team": inzet.team,
            "van": inzet.van.isoformat(),
        }

    def get_wachtdagen(self, traject) -> int | None:
        from .. import selectors
        from ..services._basis import vandaag

        wachttijd = selectors.wachttijd(traject, vandaag(), self.context.get("normen"))
        return wachttijd.dagen if wachttijd is not None else None


# --- writing: the input of each action -----------------------------------------------------


class AanmeldingInvoerSerializer(serializers.Serializer):
    """A referral: the resident, the question and the product asked for."""

    bsn = serializers.CharField(
        max_length=11, help_text=_("Negen cijfers; spaties en punten mogen.")
    )
    voorletters = serializers.CharField(max_length=12, required=False, default="", allow_blank=True)
    voorvoegsel = serializers.CharField(max_length=10, required=False, default="", allow_blank=True)
    achternaam = serializers.CharField(max_length=200)
    geboortedatum = serializers.DateField()
    geslacht = _keuze(Geslacht, required=False, default=Geslacht.ONBEKEND)
    straat = serializers.CharField(max_length=24)
    huisnummer = serializers.IntegerField(min_value=1, max_value=99999)
    huisletter = serializers.CharField(max_length=1, required=False, default="", allow_blank=True)
    huisnummer_toevoeging = serializers.CharField(
        max_length=4, required=False, default="", allow_blank=True
    )
    postcode = serializers.CharField(max_length=7)
    woonplaats = serializers.CharField(max_length=80)
    telefoon = serializers.CharField(max_length=15, required=False, default="", allow_blank=True)
    gemeente = CodeVeld(
        queryset=Gemeente.objects.all(),
        veld="code",
        foutcode="gemeente-onbekend",
        melding=_("Onbekende CBS-gemeentecode ‘%(waarde)s’."),
        help_text=_("CBS-code van de woongemeente, bijvoorbeeld 0307."),
    )
    gebiedsteam = serializers.PrimaryKeyRelatedField(
        queryset=Gebiedsteam.objects.all(), required=False, allow_null=True, default=None
    )
    product = CodeVeld(
        queryset=Product.objects.select_related("perceel"),
        veld="code",
        foutcode="product-onbekend",
        melding=_("Onbekende productcode ‘%(waarde)s’: gebruik de code uit de catalogus."),
        help_text=_("Code van het product in de catalogus."),
    )
    bron = CodeVeld(
        queryset=Verwijsbron.objects.all(),
        veld="code",
        foutcode="verwijsbron-onbekend",
        melding=_("Onbekende verwijsbron ‘%(waarde)s’."),
    )
    urgent = serializers.BooleanField(required=False, default=False)
    vraag = serializers.CharField(max_length=4000)

    def validate_bsn(self, waarde):
        waarde = normaliseer_bsn(waarde)
        validate_bsn(waarde)
        return waarde


class AccepterenSerializer(serializers.Serializer):
    """Only for a per-client lot: what to ask the municipality to assign (WMO315). Left out,
    the product's usual request is sent, as the page proposes."""

    volume = serializers.IntegerField(min_value=1, required=False)
    frequentie = _keuze(Frequentie, required=False)
    ingangsdatum = serializers.DateField(required=False)
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)

    def validate(self, data):
        gegeven = [v for v in ("volume", "frequentie", "ingangsdatum") if v in data]
        if gegeven and len(gegeven) < 3:
            ontbreekt = next(v for v in ("volume", "frequentie", "ingangsdatum") if v not in data)
            raise serializers.ValidationError(
                {ontbreekt: _("Geef omvang, frequentie en ingangsdatum samen op.")},
                code="aanvraag-onvolledig",
            )
        return data


class IdentiteitSerializer(serializers.Serializer):
    zelfde = serializers.BooleanField(
        help_text=_(
            "true: dezelfde persoon als de bekende cliënt (de aanmelding gaat naar die cliënt); "
            "false: een andere persoon (het BSN klopt niet; de aanmelding vervalt)."
        )
    )
    toelichting = serializers.CharField(max_length=4000)


class IdentiteitVergelijkingSerializer(serializers.Serializer):
    """The referral's client next to the known client with its BSN."""

    aanmelding = ClientSerializer(read_only=True)
    bekende_client = ClientSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("null als de bekende cliënt buiten uw eigen cliënten valt."),
    )
    komt_overeen = serializers.DictField(
        child=serializers.BooleanField(),
        read_only=True,
        help_text=_("Per gegeven of de aanmelding en de bekende cliënt overeenkomen."),
    )


class WeigerenSerializer(serializers.Serializer):
    reden = CodeVeld(
        queryset=Weigerreden.objects.filter(actief=True),
        veld="code",
        foutcode="weigerreden-ongeldig",
        melding=_("Kies een reden uit de lijst van de regio (onbekend: ‘%(waarde)s’)."),
    )
    toelichting = serializers.CharField(max_length=4000)


class ToewijzenSerializer(serializers.Serializer):
    uitvoerder = serializers.CharField(
        help_text=_("`eigen` (eigen medewerkers) of het id van een onderaannemer.")
    )
    team = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    datum = serializers.DateField(required=False, allow_null=True, default=None)


class StartenSerializer(serializers.Serializer):
    datum = serializers.DateField()


class StartdatumSerializer(serializers.Serializer):
    datum = serializers.DateField(help_text=_("De juiste startdatum."))
    toelichting = serializers.CharField(
        max_length=1000, help_text=_("Waarom de datum niet klopte.")
    )


class ResultaatSerializer(serializers.Serializer):
    doel = serializers.IntegerField()
    resultaat = _keuze(Doelresultaat)


class ScoreSerializer(serializers.Serializer):
    levensdomein = serializers.CharField(help_text=_("Code van het levensdomein."))
    waarde = serializers.IntegerField()


class BeeindigenSerializer(serializers.Serializer):
    datum = serializers.DateField()
    reden = _keuze(RedenBeeindiging)
    toelichting = serializers.CharField(
        max_length=4000, required=False, default="", allow_blank=True
    )
    resultaten = ResultaatSerializer(many=True, required=False, default=list)
    scores = ScoreSerializer(many=True, required=False, default=list)


class ZoekSerializer(serializers.Serializer):
    bsn = serializers.CharField(max_length=11, required=False, default="", allow_blank=True)
    naam = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    geboortedatum = serializers.DateField(required=False, allow_null=True, default=None)
