from django.contrib import admin

from .models import Gebiedsteam, Gemeente, Perceel, Product, Regio


class GemeenteInline(admin.TabularInline):
    model = Gemeente
    extra = 0


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    inlines = [GemeenteInline]


class GebiedsteamInline(admin.TabularInline):
    model = Gebiedsteam
    extra = 0


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "regio", "kvk_nummer", "nuts_code"]
    search_fields = ["naam", "code"]
    inlines = [GebiedsteamInline]


@admin.register(Gebiedsteam)
class GebiedsteamAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente", "werkgebied"]
    list_filter = ["gemeente"]


@admin.register(Perceel)
class PerceelAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "cpv_code", "bekostigingsvariant", "inkooproute", "volgorde"]
    prepopulated_fields = {"code": ["naam"]}


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["naam", "perceel", "was_2025", "productcategorie", "productcode", "eenheid"]
    list_filter = ["perceel", "productcategorie"]
    search_fields = ["naam", "code", "productcode"]
    prepopulated_fields = {"code": ["naam"]}
