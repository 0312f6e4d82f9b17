"""The secretariat's side of registration, in Django's admin: settings per meeting with the
sessions' seats, the registrations with filters and exports, manual registration of ones that
came by e-mail or phone, a per-meeting overview, and the participant list PDF.

Status is never edited here: cancelling and manual registration go through services.py."""

from types import SimpleNamespace

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from klmeetings.admin_widgets import TolerantAutocompleteMixin
from meetings.access import OrganiserScopedAdmin
from meetings.models import Meeting, ParallelSession

from . import mailings, reports, services
from .forms import ManualRegistrationForm
from .models import Invitation, Registration, RegistrationSettings, SessionCapacity, StaffOverride


class SessionCapacityInline(admin.TabularInline):
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
class RegistrationSettingsAdmin(OrganiserScopedAdmin, admin.ModelAdmin):
    scoped_fields = {"meeting": ""}
    list_display = ["meeting", "capacity", "closes", "confirmed", "waiting", "tools"]
    list_select_related = ["meeting"]
    search_fields = ["meeting__title"]
    inlines = [SessionCapacityInline]
    actions = ["create_invitations"]
    fieldsets = [
        (None, {"fields": ["meeting", "opens_at", "closes_at", "capacity", "dinner_label"]}),
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
        registrations = "meeting__registrations__status"
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_confirmed=Count(
                    "meeting__registrations", filter=Q(**{registrations: "confirmed"})
                ),
                n_waiting=Count("meeting__registrations", filter=Q(**{registrations: "waiting"})),
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            kwargs["queryset"] = Meeting.objects.exclude(registration_slug=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["meeting"] if obj else []

    @admin.display(description="lukker")
    def closes(self, obj):
        return obj.effective_closes_at

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
        made = sum(services.create_invitations(s.meeting) for s in queryset)
        self.message_user(request, f"{made} personlige invitationslinks oprettet.")

    def save_related(self, request, form, formsets, change):
        """More seats (for the meeting or a session) go to the waiting list at once."""
        super().save_related(request, form, formsets, change)
        try:
            promoted = services.promote_waiting(form.instance.meeting)
        except services.Busy as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        if promoted:
            self.message_user(
                request, f"{len(promoted)} er rykket op fra ventelisten og har fået besked."
            )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/overblik/", wrap(self.overview_view), name="registrations_overview"),
            path(
                "<int:pk>/deltagerliste.pdf",
                wrap(self.participant_list_view),
                name="registrations_participant_list",
            ),
            path("<int:pk>/udsendelser/", wrap(self.mailings_view), name="registrations_mailings"),
            path(
                "<int:pk>/udsendelser/<slug:slug>/",
                wrap(self.mailing_preview_view),
                name="registrations_mailing_preview",
            ),
            path(
                "<int:pk>/udsendelser/<slug:slug>/send-test/",
                wrap(self.mailing_test_view),
                name="registrations_mailing_test",
            ),
            path(
                "<int:pk>/manuel-tilmelding/",
                wrap(self.manual_registration_view),
                name="registrations_manual",
            ),
        ] + super().get_urls()

    def _settings(self, request, pk):
        reg_settings = get_object_or_404(
            RegistrationSettings.objects.select_related("meeting__organiser"), pk=pk
        )
        if not self.has_view_permission(request, reg_settings):
            raise PermissionDenied
        return reg_settings

    def overview_view(self, request, pk):
        reg_settings = self._settings(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Overblik: {reg_settings.meeting}",
            "meeting": reg_settings.meeting,
            "opts": self.model._meta,
            **reports.overview(reg_settings.meeting),
        }
        return TemplateResponse(request, "registrations/admin/overview.html", context)

    def mailings_view(self, request, pk):
        """The meeting's planned mailings with their times and status, and what the outbox
        holds for each (sent, waiting, failed) with links to the rows."""
        reg_settings = self._settings(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Udsendelser: {reg_settings.meeting}",
            "meeting": reg_settings.meeting,
            "opts": self.model._meta,
            "outbox_url": reverse("admin:outbox_message_changelist"),
            **mailings.overview(reg_settings.meeting),
        }
        return TemplateResponse(request, "registrations/admin/mailings.html", context)

    def _mailing(self, request, pk, slug):
        meeting = self._settings(request, pk).meeting
        reg_settings, mailing = mailings.find(meeting, slug)
        if mailing is None:
            raise Http404("Udsendelsen findes ikke for mødet.")
        return meeting, reg_settings, mailing

    def mailing_preview_view(self, request, pk, slug):
        """One mailing's e-mail as its first recipient gets it."""
        meeting, reg_settings, mailing = self._mailing(request, pk, slug)
        recipient = mailings.sample_recipient(meeting, reg_settings, mailing)
        files = mailings.attachments(meeting, mailing)
        subject, body_text, body_html = mailings.render(mailing, recipient, files)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{mailing.label}: {meeting}",
            "meeting": meeting,
            "mailing": mailing,
            "opts": self.model._meta,
            "message": SimpleNamespace(
                subject=subject, to=recipient.email, body_text=body_text, body_html=body_html
            ),
            "attachments": [filename for filename, _content, _mimetype in files],
        }
        return TemplateResponse(request, "registrations/admin/mailing_preview.html", context)

    def mailing_test_view(self, request, pk, slug):
        """Send the mailing's e-mail, as its first recipient would get it, to oneself."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting, _reg_settings, mailing = self._mailing(request, pk, slug)
        target = reverse("admin:registrations_mailings", args=[pk])
        if not request.user.email:
            self.message_user(
                request,
                "Din bruger har ingen e-mailadresse. Tilføj den under brugere og prøv igen.",
                messages.ERROR,
            )
            return redirect(target)
        mailings.send_test(meeting, slug, request.user.email)
        self.message_user(
            request,
            f"En prøve på '{mailing.label}' er lagt i kø til {request.user.email}.",
            messages.SUCCESS,
        )
        return redirect(target)

    def participant_list_view(self, request, pk):
        meeting = self._settings(request, pk).meeting
        response = HttpResponse(reports.participant_list_pdf(meeting), "application/pdf")
        filename = f"deltagerliste-{meeting.registration_slug or meeting.pk}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response

    def manual_registration_view(self, request, pk):
        """A registration that came by e-mail or phone. Staff may pass the deadline and, when
        they tick it, the capacity; services.register() logs both."""
        if not request.user.has_perm("registrations.add_registration"):
            raise PermissionDenied
        reg_settings = self._settings(request, pk)
        meeting = reg_settings.meeting
        form = ManualRegistrationForm(
            request.POST or None,
            reg_settings=reg_settings,
            seats=services.seats_left(reg_settings),
        )
        if request.method == "POST" and form.is_valid():
            try:
                outcome = services.register(
                    meeting,
                    form.cleaned_data,
                    source=Registration.Source.STAFF,
                    staff_user=request.user,
                    pass_capacity=form.cleaned_data["pass_capacity"],
                    note=form.cleaned_data["note"],
                )
            except services.RegistrationError as error:
                form.add_error(None, str(error))
            else:
                registration = outcome.registration
                self.message_user(
                    request,
                    f"{registration.name} er registreret: "
                    f"{registration.get_status_display().lower()}.",
                    messages.SUCCESS,
                )
                changelist = reverse("admin:registrations_registration_changelist")
                return redirect(f"{changelist}?meeting__id__exact={meeting.pk}")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Tilføj tilmelding: {meeting}",
            "meeting": meeting,
            "form": form,
            "opts": self.model._meta,
            "past_deadline": not reg_settings.is_open(),
        }
        return TemplateResponse(request, "registrations/admin/manual.html", context)


class StaffOverrideInline(admin.TabularInline):
    model = StaffOverride
    extra = 0
    can_delete = False
    fields = ["created_at", "user", "passed_deadline", "passed_capacity", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(OrganiserScopedAdmin, admin.ModelAdmin):
    list_display = [
        "name",
        "meeting",
        "municipality",
        "region",
        "status",
        "session",
        "waiting_reason",
        "queued_at",
    ]
    list_filter = [
        ("meeting", admin.RelatedOnlyFieldListFilter),
        "municipality__region",
        "municipality",
        "status",
        ("session", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "email", "municipality__name"]
    list_select_related = ["meeting", "municipality__region", "session"]
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

    @admin.display(description="region", ordering="municipality__region__name")
    def region(self, obj):
        return obj.municipality.region if obj.municipality else ""

    def has_add_permission(self, request):
        # Manual registrations go through the meeting's settings ("Tilføj tilmelding"), where
        # the form follows the meeting and the service decides the status.
        return False

    @admin.action(description="Afmeld de valgte (ventelisten rykker op)")
    def cancel_selected(self, request, queryset):
        promoted = []
        try:
            for registration in queryset.select_related("meeting"):
                promoted += services.cancel(registration)
        except services.Busy as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            f"{queryset.count()} afmeldt; {len(promoted)} rykket op fra ventelisten.",
        )

    @admin.action(description="Eksportér som CSV")
    def export_csv(self, request, queryset):
        return _download(reports.export_csv(queryset), "text/csv; charset=utf-8", "csv")

    @admin.action(description="Eksportér som Excel")
    def export_xlsx(self, request, queryset):
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return _download(reports.export_xlsx(queryset), mimetype, "xlsx")


def _download(content, content_type, extension, name="tilmeldinger"):
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{extension}"'
    return response


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
        return services.invitation_url(obj)


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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
