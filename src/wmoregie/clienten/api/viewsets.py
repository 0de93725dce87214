"""The client API: the same roles, scopes, rules and audit entries as the pages.

* Objects are fetched only through the scoped selectors: outside the scope is a 404.
* An action the user may not take on an object it sees is a 403 (``rechten``), as on the pages.
* The services decide and store; their ValidationError becomes a 400 with the field, a stable
  code and the Dutch message, and nothing is stored (each service is one transaction).
* Every read writes one audit entry per client shown (the pages' actions, ``kanaal: api``);
  every change is logged by its service.
"""

from __future__ import annotations

from dataclasses import fields

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from wmoregie.api import fouten_met_codes
from wmoregie.audit.services import record
from wmoregie.catalogi.models import Gebiedsteam
from wmoregie.contracten.models import Onderaannemer
from wmoregie.invoer import als_id

from .. import inzage, rechten, selectors, services
from ..berichtafspraak import afspraak_voor
from ..constants import AanmeldingStatus, TrajectStatus
from ..forms import ZoekForm
from ..models import Inzet, Ondersteuningsplan, Traject, Trajectbericht
from ..services import berichten
from ..validators import normaliseer_bsn
from ..views._basis import AANMELDERS, BACKOFFICE, CLIENTROLLEN, TOEGANG, UITVOERDERS
from . import serializers

KANAAL = {"kanaal": "api"}
MAX_ZOEKRESULTATEN = 50


def _foutdetails(fout: DjangoValidationError) -> dict:
    """A service's ValidationError as DRF's error details: per field the message and code."""
    if hasattr(fout, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if veld == NON_FIELD_ERRORS else veld): [
                _detail(e) for e in fouten
            ]
            for veld, fouten in fout.error_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: [_detail(e) for e in fout.error_list]}


def _detail(fout: DjangoValidationError) -> ErrorDetail:
    melding = fout.message % fout.params if fout.params else fout.message
    return ErrorDetail(str(melding), code=fout.code or "invalid")


def voer_uit(doe, *args, **kwargs):
    """Run a service; its refusal is a 400 with field, code and message."""
    try:
        return doe(*args, **kwargs)
    except DjangoValidationError as fout:
        raise ValidationError(_foutdetails(fout)) from None


def _fout(veld: str, melding: str, code: str) -> ValidationError:
    """A 400 for one field, in the format of the rest: the Dutch message and the rule's code."""
    return ValidationError({veld: [ErrorDetail(str(melding), code=code)]})


def _invoer(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _vereis(toegestaan: bool) -> None:
    if not toegestaan:
        raise PermissionDenied(_("Deze handeling hoort niet bij uw rol."))


class ClientenApi(viewsets.GenericViewSet):
    """Shared by the viewsets: per-action roles and the error format with codes.

    ``access`` is the union of the roles (what the router and the access test see); each
    action narrows it to the roles of the matching page in ``access_per_actie``.
    """

    access = CLIENTROLLEN
    access_per_actie: dict = {}

    def check_permissions(self, request):
        self.access = self.access_per_actie.get(self.action, type(self).access)
        super().check_permissions(request)

    def get_exception_handler(self):
        return fouten_met_codes

    def log_inzage(self, actie: str, clienten, *, obj=None, omschrijving: str = "") -> None:
        inzage.log(
            actie,
            clienten,
            request=self.request,
            obj=obj,
            omschrijving=omschrijving,
            gegevens=KANAAL,
        )


_FOUT_400 = OpenApiResponse(description=_("Ongeldige invoer: per veld de melding en de code."))


class AanmeldingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ClientenApi):
    """Referrals: the area team and the municipality refer, the back office accepts or refuses."""

    access = TOEGANG
    access_per_actie = {
        "create": AANMELDERS,
        "accepteren": BACKOFFICE,
        "weigeren": BACKOFFICE,
        "identiteit": BACKOFFICE,
    }
    serializer_class = serializers.AanmeldingSerializer

    def get_queryset(self):
        return (
            selectors.aanmeldingen_voor(self.request.user)
            .select_related("client__gemeente", "overeenkomst__opdrachtnemer", "traject")
            .order_by("-aangemeld_op", "-id")
        )

    def list(self, request, *args, **kwargs):
        qs = self.get_queryset()
        if request.query_params.get("status") in AanmeldingStatus.values:
            qs = qs.filter(status=request.query_params["status"])
        pagina = self.paginate_queryset(qs)
        self.log_inzage(
            "aanmelding.lijst-bekeken",
            [a.client for a in pagina],
            omschrijving=_("Lijst met aanmeldingen"),
        )
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        aanmelding = self.get_object()
        self.log_inzage("aanmelding.bekeken", [aanmelding.client], obj=aanmelding)
        return Response(self.get_serializer(aanmelding).data)

    def _antwoord(self, aanmelding, status_code=status.HTTP_200_OK):
        aanmelding = self.get_queryset().get(pk=aanmelding.pk)
        return Response(self.get_serializer(aanmelding).data, status=status_code)

    @extend_schema(
        request=serializers.AanmeldingInvoerSerializer,
        responses={201: serializers.AanmeldingSerializer, 400: _FOUT_400},
    )
    def create(self, request, *args, **kwargs):
        data = _invoer(serializers.AanmeldingInvoerSerializer, request)
        scope = selectors.scope_van(request.user)
        gebiedsteam = data["gebiedsteam"]
        if gebiedsteam is None and not scope.gemeenten and len(scope.gebiedsteams) == 1:
            # An area-team worker refers for its own team, as the page fills in.
            [team_id] = scope.gebiedsteams
            gebiedsteam = Gebiedsteam.objects.get(pk=team_id)
        if not rechten.mag_aanmelden(
            request.user, gemeente=data["gemeente"], gebiedsteam=gebiedsteam
        ):
            raise _fout(
                "gemeente",
                _("U kunt alleen aanmelden voor uw eigen gemeente of team."),
                "gemeente-buiten-scope",
            )
        clientvelden = [f.name for f in fields(services.Clientgegevens) if f.name in data]
        aanmelding = voer_uit(
            services.meld_aan,
            gebruiker=request.user,
            client=services.Clientgegevens(**{veld: data[veld] for veld in clientvelden}),
            gemeente=data["gemeente"],
            gebiedsteam=gebiedsteam,
            product=data["product"],
            bron=data["bron"],
            vraag=data["vraag"],
            urgent=data["urgent"],
            request=request,
        )
        return self._antwoord(aanmelding, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.AccepterenSerializer,
        responses={200: serializers.TrajectSerializer, 400: _FOUT_400},
        description=_(
            "Accepteren opent het traject. Bij een perceel met toewijzing per cliënt wordt de "
            "gemeente om een toewijzing gevraagd (WMO315), met de opgegeven omvang of de "
            "gebruikelijke van het product."
        ),
    )
    @action(detail=True, methods=["post"])
    def accepteren(self, request, pk=None):
        aanmelding = self.get_object()
        _vereis(rechten.mag_besluiten(request.user, aanmelding))
        data = _invoer(serializers.AccepterenSerializer, request)
        aanvraag = None
        if afspraak_voor(aanmelding).toewijzing and "volume" in data:
            aanvraag = berichten.Aanvraag(
                volume=data["volume"],
                frequentie=data["frequentie"],
                ingangsdatum=data["ingangsdatum"],
                einddatum=data["einddatum"],
            )
        traject = voer_uit(
            services.accepteer,
            aanmelding,
            gebruiker=request.user,
            aanvraag=aanvraag,
            request=request,
        )
        return Response(
            serializers.TrajectSerializer(_trajecten(request.user).get(pk=traject.pk)).data
        )

    @extend_schema(
        request=serializers.WeigerenSerializer,
        responses={200: serializers.AanmeldingSerializer, 400: _FOUT_400},
    )
    @action(detail=True, methods=["post"])
    def weigeren(self, request, pk=None):
        aanmelding = self.get_object()
        _vereis(rechten.mag_besluiten(request.user, aanmelding))
        data = _invoer(serializers.WeigerenSerializer, request)
        voer_uit(
            services.weiger,
            aanmelding,
            gebruiker=request.user,
            reden=data["reden"],
            toelichting=data["toelichting"],
            request=request,
        )
        return self._antwoord(aanmelding)

    @extend_schema(
        methods=["GET"],
        responses={200: serializers.IdentiteitVergelijkingSerializer},
        description=_(
            "De cliënt van de aanmelding naast de bekende cliënt met hetzelfde BSN (404 als er "
            "niets vast te stellen is). Het lezen wordt gelogd, voor beide cliënten."
        ),
    )
    @extend_schema(
        methods=["POST"],
        request=serializers.IdentiteitSerializer,
        responses={200: serializers.AanmeldingSerializer, 400: _FOUT_400},
        description=_(
            "Het besluit van de backoffice: dezelfde persoon (de aanmelding gaat naar de bekende "
            "cliënt, die het adres uit de aanmelding krijgt) of een andere (de aanmelding "
            "vervalt, met de toelichting voor de aanmelder)."
        ),
    )
    @action(detail=True, methods=["get", "post"])
    def identiteit(self, request, pk=None):
        aanmelding = self.get_object()
        _vereis(rechten.mag_besluiten(request.user, aanmelding))
        bekend = services.bekende_client(aanmelding.client)
        if request.method == "GET":
            if bekend is None or aanmelding.status != AanmeldingStatus.AANGEMELD:
                raise Http404
            self.log_inzage(
                "aanmelding.identiteit-bekeken", [aanmelding.client, bekend], obj=aanmelding
            )
            zichtbaar = selectors.clienten_voor(request.user).filter(pk=bekend.pk).exists()
            return Response(
                serializers.IdentiteitVergelijkingSerializer(
                    {
                        "aanmelding": aanmelding.client,
                        "bekende_client": bekend if zichtbaar else None,
                        "komt_overeen": services.vergelijking(aanmelding.client, bekend),
                    }
                ).data
            )
        data = _invoer(serializers.IdentiteitSerializer, request)
        voer_uit(
            services.stel_identiteit_vast,
            aanmelding,
            gebruiker=request.user,
            zelfde=data["zelfde"],
            toelichting=data["toelichting"],
            request=request,
        )
        return self._antwoord(aanmelding)


def _trajecten(user):
    return _trajecten_van(selectors.trajecten_voor(user))


def _trajecten_van(qs):
    return qs.select_related("client__gemeente", "aanmelding__product").prefetch_related(
        Prefetch("inzetten", queryset=Inzet.objects.select_related("onderaannemer__organisatie")),
        Prefetch("berichten", queryset=Trajectbericht.objects.order_by("verzonden_op", "id")),
    )


class TrajectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ClientenApi):
    """Trajectories: who carries them out, start, end and the iWmo messages with their answer."""

    access = CLIENTROLLEN
    access_per_actie = {
        "toewijzen": BACKOFFICE,
        "starten": UITVOERDERS,
        "startdatum_corrigeren": UITVOERDERS,
        "beeindigen": UITVOERDERS,
    }
    serializer_class = serializers.TrajectSerializer

    def get_queryset(self):
        return _trajecten(self.request.user).order_by("-geopend_op", "-id")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "normen": selectors.wachttijdnormen()}

    def list(self, request, *args, **kwargs):
        qs = self.get_queryset()
        if request.query_params.get("status") in TrajectStatus.values:
            qs = qs.filter(status=request.query_params["status"])
        pagina = self.paginate_queryset(qs)
        self.log_inzage(
            "traject.lijst-bekeken",
            [t.client for t in pagina],
            omschrijving=_("Lijst met trajecten"),
        )
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        traject = self.get_object()
        self.log_inzage("traject.bekeken", [traject.client], obj=traject)
        return Response(self.get_serializer(traject).data)

    def _antwoord(self, traject):
        bijgewerkt = self.get_queryset().filter(pk=traject.pk).first()
        if bijgewerkt is None:
            # A subcontractor that just closed its trajectory no longer has it in scope; the
            # answer still shows the result of its own change.
            bijgewerkt = _trajecten_van(Traject.objects.filter(pk=traject.pk)).get()
        return Response(self.get_serializer(bijgewerkt).data)

    @extend_schema(
        request=serializers.ToewijzenSerializer,
        responses={200: serializers.TrajectSerializer, 400: _FOUT_400},
        description=_(
            "Wijs het traject toe aan de eigen medewerkers (`eigen`) of aan een onderaannemer "
            "die het register voor dit product toestaat."
        ),
    )
    @action(detail=True, methods=["post"])
    def toewijzen(self, request, pk=None):
        traject = self.get_object()
        _vereis(rechten.mag_regisseren(request.user, traject))
        data = _invoer(serializers.ToewijzenSerializer, request)
        onderaannemer = None
        if data["uitvoerder"].strip() != "eigen":
            onderaannemer = Onderaannemer.objects.filter(
                overeenkomst_id=traject.aanmelding.overeenkomst_id,
                pk=als_id(data["uitvoerder"].strip()),
            ).first()
            if onderaannemer is None:
                raise _fout(
                    "uitvoerder",
                    _(
                        "Onbekende uitvoerder: geef ‘eigen’ of het id van een "
                        "onderaannemer van deze overeenkomst."
                    ),
                    "uitvoerder-onbekend",
                )
        voer_uit(
            services.wijs_uitvoerder_toe,
            traject,
            gebruiker=request.user,
            onderaannemer=onderaannemer,
            team=data["team"],
            datum=data["datum"],
            request=request,
        )
        return self._antwoord(traject)

    @extend_schema(
        request=serializers.StartenSerializer,
        responses={200: serializers.TrajectSerializer, 400: _FOUT_400},
    )
    @action(detail=True, methods=["post"])
    def starten(self, request, pk=None):
        traject = self.get_object()
        _vereis(rechten.mag_uitvoeren(request.user, traject))
        data = _invoer(serializers.StartenSerializer, request)
        voer_uit(
            services.start, traject, gebruiker=request.user, datum=data["datum"], request=request
        )
        return self._antwoord(traject)

    @extend_schema(
        request=serializers.StartdatumSerializer,
        responses={200: serializers.TrajectSerializer, 400: _FOUT_400},
        description=_(
            "Corrigeer een verkeerd vastgelegde startdatum van een lopend traject. Was de start "
            "gemeld (WMO305), dan krijgt de gemeente de intrekking daarvan en de start op de "
            "juiste datum."
        ),
    )
    @action(detail=True, methods=["post"], url_path="startdatum-corrigeren")
    def startdatum_corrigeren(self, request, pk=None):
        traject = self.get_object()
        _vereis(rechten.mag_uitvoeren(request.user, traject))
        data = _invoer(serializers.StartdatumSerializer, request)
        voer_uit(
            services.corrigeer_startdatum,
            traject,
            gebruiker=request.user,
            datum=data["datum"],
            toelichting=data["toelichting"],
            request=request,
        )
        return self._antwoord(traject)

    @extend_schema(
        request=serializers.BeeindigenSerializer,
        responses={200: serializers.TrajectSerializer, 400: _FOUT_400},
        description=_(
            "Sluit het traject af: einddatum, reden, het resultaat per doel (`doel`: id uit het "
            "plan) en de eindscores per levensdomein (code van het meetinstrument van het plan)."
        ),
    )
    @action(detail=True, methods=["post"])
    def beeindigen(self, request, pk=None):
        traject = self.get_object()
        _vereis(rechten.mag_uitvoeren(request.user, traject))
        data = _invoer(serializers.BeeindigenSerializer, request)
        eindscores = None
        if data["scores"]:
            plan = (
                Ondersteuningsplan.objects.filter(traject=traject)
                .select_related("meetinstrument")
                .first()
            )
            domeinen = {d.code: d for d in plan.meetinstrument.domeinen.all()} if plan else {}
            onbekend = [
                s["levensdomein"] for s in data["scores"] if s["levensdomein"] not in domeinen
            ]
            if plan is None or onbekend:
                raise _fout(
                    "scores",
                    _("Onbekend levensdomein: %(codes)s.") % {"codes": ", ".join(onbekend)}
                    if plan
                    else _("Stel eerst het ondersteuningsplan vast."),
                    "levensdomein-onbekend" if plan else "geen-plan",
                )
            eindscores = {domeinen[s["levensdomein"]]: s["waarde"] for s in data["scores"]}
        voer_uit(
            services.beeindig,
            traject,
            gebruiker=request.user,
            datum=data["datum"],
            reden=data["reden"],
            toelichting=data["toelichting"],
            resultaten={r["doel"]: r["resultaat"] for r in data["resultaten"]},
            eindscores=eindscores,
            request=request,
        )
        return self._antwoord(traject)


class ClientViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ClientenApi):
    """Clients within the user's scope: search (logged) and the full BSN (logged on its own)."""

    access = CLIENTROLLEN
    serializer_class = serializers.ClientSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.clienten_voor(self.request.user).order_by("achternaam", "geboortedatum")

    @extend_schema(
        parameters=[
            OpenApiParameter("bsn", str, description=_("BSN (negen cijfers)")),
            OpenApiParameter("naam", str, description=_("Achternaam of een deel ervan")),
            OpenApiParameter("geboortedatum", str, description=_("JJJJ-MM-DD")),
        ],
        responses={200: serializers.ClientSerializer(many=True), 400: _FOUT_400},
        description=_(
            "Zoek een cliënt binnen uw werkgebied op BSN, achternaam of geboortedatum (ten "
            "minste één). Elke zoekvraag wordt vastgelegd, ook zonder resultaat; hoogstens "
            "%(max)s resultaten."
        )
        % {"max": MAX_ZOEKRESULTATEN},
    )
    def list(self, request, *args, **kwargs):
        form = ZoekForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(
                {
                    (api_settings.NON_FIELD_ERRORS_KEY if veld == NON_FIELD_ERRORS else veld): [
                        ErrorDetail(e["message"], code=e["code"] or "invalid") for e in fouten
                    ]
                    for veld, fouten in form.errors.get_json_data().items()
                }
            )
        data = form.cleaned_data
        qs = self.get_queryset()
        if data["bsn"]:
            qs = qs.filter(bsn=normaliseer_bsn(data["bsn"]))
        if data["naam"]:
            qs = qs.filter(achternaam__icontains=data["naam"].strip())
        if data["geboortedatum"]:
            qs = qs.filter(geboortedatum=data["geboortedatum"])
        resultaten = list(qs[:MAX_ZOEKRESULTATEN])
        rol, organisatie = inzage.werkcontext(request.user)
        record(
            "client.gezocht",
            request=request,
            rol=rol,
            organisatie=organisatie,
            omschrijving=_("%(n)s resultaten") % {"n": len(resultaten)},
            gegevens={"zoekterm": {k: str(v) for k, v in data.items() if v}, **KANAAL},
        )
        self.log_inzage("client.gevonden", resultaten, omschrijving=_("Zoekresultaat"))
        return Response(self.get_serializer(resultaten, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        client = self.get_object()
        self.log_inzage("client.bekeken", [client], obj=client)
        return Response(self.get_serializer(client).data)

    @extend_schema(request=None, responses={200: serializers.VolledigBsnSerializer})
    @action(detail=True, methods=["post"])
    def bsn(self, request, pk=None):
        """Show the full BSN: a deliberate act, logged on its own (as on the client page)."""
        client = self.get_object()
        self.log_inzage(
            "client.bsn-getoond", [client], obj=client, omschrijving=_("Volledig BSN getoond")
        )
        return Response({"id": client.pk, "bsn": client.bsn})
