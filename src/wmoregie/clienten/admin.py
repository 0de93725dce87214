"""Functional administration of the client administration: only the configurable lists.

Client data itself (clients, referrals, trajectories) is not in the admin: every read of it goes
through the pages and the API, which check scope and write the audit log.
"""

from django.contrib import admin

from .models import Levensdomein, Meetinstrument, Verwijsbron, Wachttijdnorm, Weigerreden


@admin.register(Verwijsbron)
class VerwijsbronAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "verwijzertype", "actief", "volgorde"]
    list_editable = ["actief", "volgorde"]


@admin.register(Weigerreden)
class WeigerredenAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "actief", "volgorde"]
    list_editable = ["actief", "volgorde"]


class LevensdomeinInline(admin.TabularInline):
    model = Levensdomein
    extra = 0


@admin.register(Meetinstrument)
class MeetinstrumentAdmin(admin.ModelAdmin):
    list_display = ["naam", "laagste", "hoogste", "actief"]
    inlines = [LevensdomeinInline]


@admin.register(Wachttijdnorm)
class WachttijdnormAdmin(admin.ModelAdmin):
    list_display = ["__str__", "regio", "product", "dagen", "bron"]
