"""Functional administration of the steering cycle: the configurable goals, indicators with their
yearly norms, and contract obligations. Survey answers are client data and stay out of the admin;
meetings are kept through the pages (their frozen figures are never edited)."""

from django.contrib import admin

from ..models import Doel, Ervaringsonderzoek, Indicator, Indicatornorm, Verplichting


@admin.register(Doel)
class DoelAdmin(admin.ModelAdmin):
    list_display = ["titel", "regio", "volgorde"]
    list_editable = ["volgorde"]


class IndicatornormInline(admin.TabularInline):
    model = Indicatornorm
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "naam",
        "code",
        "regio",
        "doel",
        "berekening",
        "verantwoordelijke_rol",
        "actief",
    ]
    list_filter = ["regio", "actief", "berekening"]
    inlines = [IndicatornormInline]


@admin.register(Verplichting)
class VerplichtingAdmin(admin.ModelAdmin):
    list_display = ["omschrijving", "overeenkomst", "soort", "termijn", "nagekomen_op", "indicator"]
    list_filter = ["soort", "overeenkomst"]


@admin.register(Ervaringsonderzoek)
class ErvaringsonderzoekAdmin(admin.ModelAdmin):
    list_display = ["__str__", "regio", "status", "minimum_aantal"]
    readonly_fields = ["status", "geopend_op", "gesloten_op"]
