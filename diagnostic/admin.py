from django.contrib import admin

from .models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "version", "score", "obliged", "created_by"]
    list_filter = ["year", "obliged", "organisation__kind"]
    search_fields = ["organisation__name", "organisation__siren"]
    raw_id_fields = ["organisation", "created_by"]
