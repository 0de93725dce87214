from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Organisatie, Roltoekenning, User


class RoltoekenningInline(admin.TabularInline):
    model = Roltoekenning
    extra = 0


@admin.register(User)
class GebruikerAdmin(UserAdmin):
    inlines = [RoltoekenningInline]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "kvk_nummer", "soort"]
    search_fields = ["naam", "kvk_nummer"]
