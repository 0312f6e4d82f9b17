"""The secretariat's side of registration in Django's admin; its own pages are in admin_views.py.
Status is never edited here: cancelling and manual registration go through the services."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from klmeetings.admin_widgets import InlineAddTextMixin, TolerantAutocompleteMixin
from klmeetings.downloads import file_response
from meetings.access import OrganiserScopedAdmin
from meetings.models import Meeting, ParallelSession

from .admin_views import PersonalDataViews, SettingsViews
from .models import Invitation, Registration, RegistrationSettings, SessionCapacity, StaffOverride
from .services import invitations, registration, reports, waiting_list


class SessionCapacityInline(admin.TabularInline):
    add_text = "Tilføj endnu en session"
    model = SessionCapacity
    extra = 0
    fields = ["session", "capacity"]

    def get_formset(self, request, obj=None, **kwargs):
        self.parent_meeting_id = obj.pk if obj else None
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "session":
            kwargs["queryset"] = ParallelSession.objects.filter(meeting_id=self.parent_meeting_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(
    InlineAddTextMixin, SettingsViews, OrganiserScopedAdmin, admin.ModelAdmin
):
    scoped_fields = {"meeting": ""}
    list_display = ["meeting", "capacity", "closes", "confirmed", "waiting", "tools"]
    list_select_related = ["meeting"]
    search_fields = ["meeting__title"]
    inlines = [SessionCapacityInline]
    actions = ["create_invitations"]
    fieldsets = [
        (None, {"fields": ["meeting", "opens_at", "capacity", "dinner_label"]}),
        (
            "Felter i formularen",
            {
                "fields": [
                    "municipality_mode",
                    "role_mode",
                    "party_mode",
                    "phone_mode",
                    "dietary_mode",
                    "session_mode",
                    "comment_mode",
                    "consent_text",
                ]
            },
        ),
        (
            "Udsendelser",
            {
                "fields": ["invitations_at", "reminder_days", "programme_days", "summary_email"],
                "description": "Tidspunkterne regnes fra mødet og fristen, hver gang der "
                "sendes: flyttes mødet eller fristen, flytter udsendelserne med.",
            },
        ),
    ]

    def get_queryset(self, request):
        reg_settings = super().get_queryset(request)
        status = "meeting__registrations__status"
        return reg_settings.annotate(
            n_confirmed=Count("meeting__registrations", filter=Q(**{status: "confirmed"})),
            n_waiting=Count("meeting__registrations", filter=Q(**{status: "waiting"})),
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            kwargs["queryset"] = Meeting.objects.exclude(registration_slug=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["meeting"] if obj else []

    # "Gem" goes back to the meeting's page, where the secretary came from.
    def response_post_save_add(self, request, obj):
        return redirect("admin:meetings_meeting_workspace", obj.meeting_id)

    response_post_save_change = response_post_save_add

    @admin.display(description="lukker")
    def closes(self, obj):
        return obj.closes_at

    @admin.display(description="tilmeldt", ordering="n_confirmed")
    def confirmed(self, obj):
        return obj.n_confirmed

    @admin.display(description="venteliste", ordering="n_waiting")
    def waiting(self, obj):
        return obj.n_waiting

    @admin.display(description="")
    def tools(self, obj):
        return format_html(
            '<a href="{}">Overblik</a> · <a href="{}">Udsendelser</a> · '
            '<a href="{}">Deltagerliste (PDF)</a> · <a href="{}">Tilføj tilmelding</a>',
            reverse("admin:registrations_overview", args=[obj.pk]),
            reverse("admin:registrations_mailings", args=[obj.pk]),
            reverse("admin:registrations_participant_list", args=[obj.pk]),
            reverse("admin:registrations_manual", args=[obj.pk]),
        )

    @admin.action(description="Opret personlige invitationslinks til de inviterede")
    def create_invitations(self, request, queryset):
        made = sum(invitations.create_invitations(s.meeting) for s in queryset)
        messages.info(request, f"{made} personlige invitationslinks oprettet.")

    def save_related(self, request, form, formsets, change):
        """More seats (for the meeting or a session) go to the waiting list at once."""
        super().save_related(request, form, formsets, change)
        try:
            promoted = waiting_list.promote_waiting(form.instance.meeting)
        except registration.Busy as error:
            messages.error(request, str(error))
            return
        if promoted:
            messages.info(
                request, f"{len(promoted)} er rykket op fra ventelisten og har fået besked."
            )


class StaffOverrideInline(admin.TabularInline):
    model = StaffOverride
    extra = 0
    can_delete = False
    fields = ["created_at", "user", "passed_deadline", "passed_capacity", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(PersonalDataViews, OrganiserScopedAdmin, admin.ModelAdmin):
    # Region is a filter and the reason for waiting goes under the status: the list fits
    # 1280 px (tests/meetings/test_workspace_browser.py).
    list_display = ["name", "meeting_short", "municipality", "status_shown", "session", "queued_at"]
    list_filter = [
        ("meeting", admin.RelatedOnlyFieldListFilter),
        "municipality__region",
        "municipality",
        "status",
        ("session", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "email", "municipality__name"]
    list_select_related = ["meeting", "municipality", "session"]
    date_hierarchy = "queued_at"
    readonly_fields = [
        "meeting",
        "person",
        "session",
        "status",
        "waiting_reason",
        "source",
        "queued_at",
        "confirmed_at",
        "cancelled_at",
        "consent_at",
    ]
    fields = [
        "meeting",
        "status",
        "waiting_reason",
        "name",
        "email",
        "municipality",
        "role",
        "party_letter",
        "phone",
        "session",
        "dinner",
        "dietary_needs",
        "comment",
        "person",
        "source",
        "queued_at",
        "confirmed_at",
        "cancelled_at",
        "consent_at",
    ]
    inlines = [StaffOverrideInline]
    actions = ["cancel_selected", "export_csv", "export_xlsx"]

    @admin.display(description="status", ordering="status")
    def status_shown(self, obj):
        if not obj.waiting_reason:
            return obj.get_status_display()
        return format_html(
            '{}<br><span class="help">{}</span>', obj.get_status_display(), obj.waiting_reason
        )

    @admin.display(description="møde", ordering="meeting__starts_at")
    def meeting_short(self, obj):
        return Truncator(obj.meeting.title).chars(40)

    def has_add_permission(self, request):
        # Manual registrations go through the meeting's settings ("Tilføj tilmelding"), where
        # the form follows the meeting and the service decides the status.
        return False

    @admin.action(description="Afmeld de valgte (ventelisten rykker op)")
    def cancel_selected(self, request, queryset):
        promoted = []
        try:
            for chosen in queryset.select_related("meeting"):
                # Staff may cancel also once the meeting has begun.
                promoted += waiting_list.cancel(chosen, by_staff=True)
        except registration.Busy as error:
            messages.error(request, str(error))
            return
        messages.info(
            request, f"{queryset.count()} afmeldt; {len(promoted)} rykket op fra ventelisten."
        )

    @admin.action(description="Eksportér som CSV")
    def export_csv(self, request, queryset):
        return _download(reports.export_csv(queryset), "text/csv; charset=utf-8", "csv")

    @admin.action(description="Eksportér som Excel")
    def export_xlsx(self, request, queryset):
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return _download(reports.export_xlsx(queryset), mimetype, "xlsx")


def _download(content, content_type, extension, name="tilmeldinger"):
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    return file_response(content, content_type, f"{name}-{stamp}.{extension}")


@admin.register(Invitation)
class InvitationAdmin(OrganiserScopedAdmin, TolerantAutocompleteMixin, admin.ModelAdmin):
    scoped_fields = {"meeting": ""}
    list_display = ["person", "meeting", "created_at"]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__name", "person__email"]
    autocomplete_fields = ["person"]
    readonly_fields = ["link"]
    list_select_related = ["person__municipality", "meeting"]
    actions = ["export_links"]

    @admin.action(description="Eksportér links som CSV (til brevfletning)")
    def export_links(self, request, queryset):
        content = reports.invitation_links_csv(queryset)
        return _download(content, "text/csv; charset=utf-8", "csv", name="invitationslinks")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            kwargs["queryset"] = Meeting.objects.exclude(registration_slug=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="personligt link")
    def link(self, obj):
        if not obj.pk:
            return "Vises, når invitationen er gemt."
        return invitations.invitation_url(obj)


@admin.register(StaffOverride)
class StaffOverrideAdmin(OrganiserScopedAdmin, admin.ModelAdmin):
    meeting_prefix = "registration__meeting__"
    list_display = [
        "created_at",
        "registration",
        "user",
        "passed_deadline",
        "passed_capacity",
        "note",
    ]
    list_filter = [
        "passed_deadline",
        "passed_capacity",
        ("registration__meeting", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["registration", "user"]

    def _never(self, request, obj=None):
        return False

    has_add_permission = has_change_permission = _never
