from django.contrib import admin

from .models import Meeting, Municipality, Organiser, ParallelSession, Person, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]


@admin.register(Organiser)
class OrganiserAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "role", "municipality", "party_letter", "email"]
    list_filter = ["role", "municipality__region", "party_letter", "municipality"]
    search_fields = ["name", "email", "title", "organisation", "municipality__name"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


class ParallelSessionInline(admin.StackedInline):
    model = ParallelSession
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "organiser", "kind", "starts_at"]
    list_filter = ["organiser__kind", "organiser", "kind"]
    search_fields = ["title", "case_number", "venue_name"]
    date_hierarchy = "starts_at"
    list_select_related = ["organiser"]
    filter_horizontal = ["invited_municipalities"]
    inlines = [ParallelSessionInline]
