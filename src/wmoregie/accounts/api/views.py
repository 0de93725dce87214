"""Tokens for the API: ask one with a username and password, list and revoke your own."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from wmoregie.accounts.access import PUBLIC, SIGNED_IN
from wmoregie.api import fouten_met_codes

from .. import tokens, tweestaps
from ..blokkade import blokkade_antwoord
from ..models import ApiToken
from . import serializers


def _fout(melding: str, code: str, veld: str = api_settings.NON_FIELD_ERRORS_KEY):
    return ValidationError({veld: [ErrorDetail(melding, code=code)]})


class TokenAanvraagView(APIView):
    """Anyone may ask; the password check is django-axes' (a locked username gets a 429)."""

    access = PUBLIC
    authentication_classes = []  # a password in the body; no session, so no CSRF either

    def get_exception_handler(self):
        return fouten_met_codes

    @extend_schema(
        operation_id="accounts_token_create",
        request=serializers.TokenAanvraagSerializer,
        responses={
            201: serializers.NieuwTokenSerializer,
            400: OpenApiResponse(
                description=_(
                    "Onjuiste gebruikersnaam of wachtwoord (inloggegevens-onjuist), of de code "
                    "van de tweede stap ontbreekt of klopt niet: per veld de melding en de code."
                )
            ),
            429: OpenApiResponse(
                description=_(
                    "Te veel mislukte pogingen: de gebruikersnaam is tijdelijk geblokkeerd."
                )
            ),
        },
        description=_(
            "Maakt een API-token voor de gebruiker. Gebruik het als 'Authorization: Bearer "
            "<token>'. Het token wordt maar één keer getoond; alleen een hash wordt bewaard."
        ),
    )
    def post(self, request):
        invoer = serializers.TokenAanvraagSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = invoer.validated_data
        gebruiker = authenticate(
            request._request, username=gegevens["username"], password=gegevens["password"]
        )
        if gebruiker is None:
            if getattr(request._request, "axes_locked_out", False):
                return blokkade_antwoord(request._request)
            raise _fout(
                _("De combinatie van gebruikersnaam en wachtwoord is onjuist."),
                "inloggegevens-onjuist",
            )
        if tweestaps.vereist(gebruiker):
            if tweestaps.bevestigd_apparaat(gebruiker) is None:
                raise _fout(
                    _(
                        "Stel eerst tweestapsverificatie in: log in op de website, die u er "
                        "daarna doorheen leidt."
                    ),
                    "tweede-stap-niet-ingesteld",
                    "otp",
                )
            if not gegevens.get("otp"):
                raise _fout(
                    _("Vul de code uit uw authenticator-app in (zes cijfers)."),
                    "tweede-stap-ontbreekt",
                    "otp",
                )
            if not tweestaps.code_klopt_voor(gebruiker, gegevens["otp"]):
                raise _fout(
                    _("Deze code klopt niet. Gebruik de nieuwste code uit uw authenticator-app."),
                    "tweede-stap-onjuist",
                    "otp",
                )
        token, sleutel = tokens.maak_token(
            gebruiker, naam=gegevens.get("naam", ""), request=request
        )
        token.token = sleutel
        return Response(
            serializers.NieuwTokenSerializer(token).data, status=status.HTTP_201_CREATED
        )


@extend_schema(
    description=_("Uw eigen API-tokens (zonder de sleutels); intrekken met DELETE."),
)
class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    access = SIGNED_IN
    serializer_class = serializers.ApiTokenSerializer
    queryset = ApiToken.objects.none()

    def get_queryset(self):
        return ApiToken.objects.filter(gebruiker=self.request.user)

    @extend_schema(
        description=_(
            "Trekt het token in: het werkt daarna niet meer. Alleen uw eigen tokens; het "
            "intrekken wordt vastgelegd."
        )
    )
    def destroy(self, request, *args, **kwargs):
        tokens.trek_in(self.get_object(), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
