"""Functional management of contracten. Day-to-day changes go through the pages and services;
the admin is for inspection and repairs by functional management."""

from django.contrib import admin

from .models import (
    Budget,
    Budgetaandeel,
    Combinant,
    Indexering,
    Nalevingsdocument,
    NietProductieveTijdregel,
    Onderaanneemcontract,
    Onderaannemer,
    Overeenkomst,
    Prijsblad,
    Statuswijziging,
    Tarief,
    Verlengingsoptie,
)


class CombinantInline(admin.TabularInline):
    model = Combinant
    extra = 0


class VerlengingsoptieInline(admin.TabularInline):
    model = Verlengingsoptie
    extra = 0


class StatuswijzigingInline(admin.TabularInline):
    model = Statuswijziging
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "gewijzigd_op", "gewijzigd_door", "toelichting"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Overeenkomst)
class OvereenkomstAdmin(admin.ModelAdmin):
    list_display = ["nummer", "naam", "perceel", "opdrachtnemer", "status"]
    list_filter = ["status", "perceel"]
    search_fields = ["nummer", "naam", "opdrachtnemer__naam"]
    readonly_fields = ["status"]
    inlines = [CombinantInline, VerlengingsoptieInline, StatuswijzigingInline]


class BudgetaandeelInline(admin.TabularInline):
    model = Budgetaandeel
    extra = 0
    readonly_fields = ["gemeente", "sleutelwaarde", "bedrag", "extra_cent"]
    can_delete = False


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["overeenkomst", "jaar", "totaal"]
    readonly_fields = ["totaal", "indexering", "vorig_budget"]
    inlines = [BudgetaandeelInline]


@admin.register(Indexering)
class IndexeringAdmin(admin.ModelAdmin):
    list_display = ["overeenkomst", "jaar", "indexpercentage"]


class NietProductieveTijdInline(admin.TabularInline):
    model = NietProductieveTijdregel
    extra = 0


@admin.register(Prijsblad)
class PrijsbladAdmin(admin.ModelAdmin):
    list_display = ["product", "kwalificatieniveau", "versie", "status", "tarief", "overeenkomst"]
    list_filter = ["status", "overeenkomst"]
    readonly_fields = ["tarief", "status", "gepubliceerd_op"]
    inlines = [NietProductieveTijdInline]


class NalevingsdocumentInline(admin.TabularInline):
    model = Nalevingsdocument
    extra = 0


@admin.register(Onderaannemer)
class OnderaannemerAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "soort", "status", "overeenkomst"]
    list_filter = ["soort", "status"]
    search_fields = ["organisatie__naam", "organisatie__kvk_nummer"]
    inlines = [NalevingsdocumentInline]


@admin.register(Onderaanneemcontract)
class OnderaanneemcontractAdmin(admin.ModelAdmin):
    list_display = ["nummer", "onderaannemer", "prijsblad", "ingangsdatum", "einddatum"]


@admin.register(Tarief)
class TariefAdmin(admin.ModelAdmin):
    list_display = ["overeenkomst", "product", "eenheid", "bedrag", "geldig_van", "geldig_tot"]
    list_filter = ["overeenkomst"]
    raw_id_fields = ["vorig_tarief", "indexering"]
