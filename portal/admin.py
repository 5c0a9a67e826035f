from django.contrib import admin

from .models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "job_title", "in_directory")
    list_select_related = ("user", "organisation")
    search_fields = ("user__email", "user__last_name", "organisation__name")
    raw_id_fields = ("user", "organisation")
