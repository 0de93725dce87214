from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from ..models import ApiToken


class TokenAanvraagSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, label=_("Gebruikersnaam"))
    password = serializers.CharField(
        max_length=128, label=_("Wachtwoord"), style={"input_type": "password"}, write_only=True
    )
    otp = serializers.RegexField(
        r"^\d{6}$",
        required=False,
        allow_blank=True,
        label=_("Code uit de authenticator-app"),
        help_text=_("Zes cijfers; verplicht voor wie tweestapsverificatie heeft."),
        error_messages={"invalid": _("De code bestaat uit zes cijfers.")},
    )
    naam = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        label=_("Naam"),
        help_text=_("Waarvoor het token dient, bv. de naam van het koppelende systeem."),
    )


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = [
            "id",
            "naam",
            "voorvoegsel",
            "aangemaakt_op",
            "verloopt_op",
            "laatst_gebruikt_op",
            "ingetrokken_op",
        ]
        read_only_fields = fields


class NieuwTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(
        read_only=True, help_text=_("De sleutel. Wordt maar één keer getoond; bewaar hem veilig.")
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = ["token", *ApiTokenSerializer.Meta.fields]
        read_only_fields = fields
