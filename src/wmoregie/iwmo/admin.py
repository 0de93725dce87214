from django.contrib import admin

from .models import Bericht, Berichtafspraak, Bevinding, Feit


class BevindingInline(admin.TabularInline):
    model = Bevinding
    extra = 0
    can_delete = False
    fields = ["regel", "retourcode", "ernst", "xpath", "melding"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin):
    list_display = [
        "ontvangen_op",
        "gemeente",
        "berichttype",
        "afzender",
        "identificatie",
        "status",
        "retourcodes",
    ]
    list_filter = ["status", "berichttype", "gemeente", "variant"]
    search_fields = ["afzender", "identificatie", "bestandsnaam", "sleutel"]
    date_hierarchy = "ontvangen_op"
    inlines = [BevindingInline]
    exclude = ["inhoud", "retour_xml"]
    readonly_fields = [
        f.name
        for f in Bericht._meta.get_fields()
        if f.concrete and f.name not in ("inhoud", "retour_xml")
    ] + ["inhoud_tekst", "retour_tekst"]

    @admin.display(description="inhoud")
    def inhoud_tekst(self, obj):
        return bytes(obj.inhoud).decode("utf-8", "replace")

    @admin.display(description="retourbericht")
    def retour_tekst(self, obj):
        return bytes(obj.retour_xml).decode("utf-8", "replace") if obj.retour_xml else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Berichtafspraak)
class BerichtafspraakAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "aanbieder", "perceel", "variant"]
    list_filter = ["variant"]
    search_fields = ["gemeente", "aanbieder"]


@admin.register(Feit)
class FeitAdmin(admin.ModelAdmin):
    list_display = ["soort", "sleutel", "gemeente", "aanbieder"]
    list_filter = ["soort"]
    search_fields = ["sleutel", "bsn"]

    def has_change_permission(self, request, obj=None):
        return False
