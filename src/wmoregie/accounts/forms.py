from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class InlogForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord is onjuist. Let op hoofdletters."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")
        self.fields["username"].widget = forms.TextInput(
            attrs={"autocomplete": "username", "autofocus": True}
        )
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class OrganisatieForm(forms.ModelForm):
    class Meta:
        from .models import Organisatie

        model = Organisatie
        fields = ["kvk_nummer", "naam", "soort", "adres"]
        widgets = {
            "kvk_nummer": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        }
        help_texts = {"kvk_nummer": _("Acht cijfers, zoals in het Handelsregister.")}


class TweestapsForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        help_text=_("Zes cijfers; de app maakt elke 30 seconden een nieuwe code."),
        max_length=12,
        error_messages={"required": _("Vul de code van zes cijfers in.")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "pattern": "[0-9 ]*",
                "aria-describedby": "id_code-hulp",
            }
        ),
    )
