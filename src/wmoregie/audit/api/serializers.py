from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from ..inzage import actie_label
from ..models import AuditEntry


class InzageregelSerializer(serializers.ModelSerializer):
    """One read or change of the client's data: who, role, organisation, when, what, from where."""

    wat = serializers.SerializerMethodField(help_text=_("De handeling in woorden."))
    vanaf = serializers.IPAddressField(source="ip_adres", read_only=True, allow_null=True)

    class Meta:
        model = AuditEntry
        fields = [
            "tijdstip",
            "gebruikersnaam",
            "rol",
            "organisatie",
            "actie",
            "wat",
            "omschrijving",
            "object_type",
            "object_id",
            "vanaf",
        ]
        read_only_fields = fields

    def get_wat(self, regel) -> str:
        return actie_label(regel.actie)
