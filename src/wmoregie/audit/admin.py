from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "tijdstip",
        "gebruikersnaam",
        "rol",
        "actie",
        "object_type",
        "object_id",
        "omschrijving",
    ]
    list_filter = ["actie", "object_type", "rol"]
    search_fields = ["gebruikersnaam", "actie", "object_id", "omschrijving", "betreft_client"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
