"""Admin of monitoring: the dashboards' data here, the steering cycle's in ``sturing/admin.py``."""

from django.contrib import admin

from .models import Bestedingsopgave, Cijferinstelling, Inwonertal
from .sturing import admin as sturing_admin  # noqa: F401 - registers the steering models


@admin.register(Inwonertal)
class InwonertalAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "jaar", "inwoners", "huishoudens", "bron"]
    list_filter = ["jaar", "gemeente"]


@admin.register(Bestedingsopgave)
class BestedingsopgaveAdmin(admin.ModelAdmin):
    list_display = [
        "overeenkomst",
        "gemeente",
        "jaar",
        "kwartaal",
        "eigen_personeel",
        "onderaannemers",
    ]
    list_filter = ["jaar", "kwartaal", "gemeente"]
    readonly_fields = ["opgegeven_op", "opgegeven_door"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.opgegeven_door = request.user
        super().save_model(request, obj, form, change)


@admin.register(Cijferinstelling)
class CijferinstellingAdmin(admin.ModelAdmin):
    list_display = ["regio", "drempel", "afronding"]
