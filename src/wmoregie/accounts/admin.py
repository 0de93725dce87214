from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from wmoregie.audit.services import record

from . import roltoekenningen, tokens
from .models import ApiToken, Organisatie, Roltoekenning, User

#: What a user may never change of their own account in the admin: it would grant rights.
EIGEN_RECHTEN = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")


class RoltoekenningFormSet(BaseInlineFormSet):
    """Refuses any change to the roles of the signed-in administrator's own account."""

    beheerder = None

    def clean(self):
        super().clean()
        eigen = self.beheerder is not None and self.instance.pk == self.beheerder.pk
        gewijzigd = any(
            form.has_changed() or (self.can_delete and self._should_delete_form(form))
            for form in self.forms
        )
        if eigen and gewijzigd:
            raise ValidationError(
                "U kunt uzelf geen rol toekennen en uw eigen rollen niet wijzigen of intrekken: "
                "laat een andere beheerder dit doen.",
                code="eigen-rol",
            )


class RoltoekenningInline(admin.TabularInline):
    model = Roltoekenning
    fk_name = "gebruiker"
    formset = RoltoekenningFormSet
    extra = 0
    readonly_fields = ["toegekend_door", "toegekend_op"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"beheerder": request.user})


@admin.register(User)
class GebruikerAdmin(UserAdmin):
    """Role grants go through ``roltoekenningen`` (audited, never to oneself); every other
    change to an account made here is copied into the audit log as well."""

    inlines = [RoltoekenningInline]

    def get_readonly_fields(self, request, obj=None):
        velden = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            velden += EIGEN_RECHTEN
        return velden

    def save_formset(self, request, form, formset, change):
        if formset.model is not Roltoekenning:
            return super().save_formset(request, form, formset, change)
        gewijzigd = formset.save(commit=False)
        for toekenning in formset.deleted_objects:
            roltoekenningen.trek_rol_in(toekenning, door=request.user, request=request)
        for toekenning in gewijzigd:
            if toekenning.pk is None:
                roltoekenningen.ken_rol_toe(toekenning, door=request.user, request=request)
            else:
                roltoekenningen.wijzig_roltoekenning(toekenning, door=request.user, request=request)
        return None

    def log_addition(self, request, obj, message):
        record(
            "gebruiker.aangemaakt-in-beheer",
            obj=obj,
            gegevens={"wijziging": message},
            request=request,
        )
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        record(
            "gebruiker.gewijzigd-in-beheer",
            obj=obj,
            gegevens={"wijziging": message},
            request=request,
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for gebruiker in queryset:
            record(
                "gebruiker.verwijderd-in-beheer",
                obj=gebruiker,
                omschrijving=gebruiker.get_username(),
                request=request,
            )
        return super().log_deletions(request, queryset)


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "kvk_nummer", "soort"]
    search_fields = ["naam", "kvk_nummer"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made through the API; here a beheerder sees them and can revoke them."""

    list_display = (
        "voorvoegsel",
        "gebruiker",
        "naam",
        "aangemaakt_op",
        "verloopt_op",
        "laatst_gebruikt_op",
        "ingetrokken_op",
    )
    list_filter = ("ingetrokken_op",)
    search_fields = ("gebruiker__username", "naam", "voorvoegsel")
    readonly_fields = list_display
    fields = list_display
    actions = ["intrekken"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Geselecteerde tokens intrekken")
    def intrekken(self, request, queryset):
        for token in queryset.filter(ingetrokken_op__isnull=True):
            tokens.trek_in(token, request=request)
