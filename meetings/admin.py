"""The secretariat's tool: meetings with their letter and programme edited on one page,
slots and sessions (with their speakers) one click further, and the PDFs a button away."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse

from klmeetings.admin_site import admin_urls
from klmeetings.admin_widgets import InlineAddTextMixin, TolerantAutocompleteMixin
from klmeetings.downloads import file_response

from . import services
from .access import ORGANISER, OrganiserScopedAdmin, is_administrator, secretariat_organiser_ids
from .admin_forms import (
    AttachmentInline,
    LetterSectionInline,
    MeetingForm,
    ParallelSessionInline,
    PreliminaryAgendaItemInline,
    ProgrammeDayInline,
    ProgrammeSlotInline,
    SignatoryInline,
    SpeakerInline,
)
from .admin_workspace import MeetingWorkspaceViews
from .models import (
    Meeting,
    Membership,
    Municipality,
    Organiser,
    ParallelSession,
    Person,
    ProgrammeDay,
    ProgrammeSlot,
    Region,
)


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
class PersonAdmin(TolerantAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "title", "role", "municipality", "party_letter", "email"]
    list_filter = ["role", "municipality__region", "party_letter", "municipality"]
    search_fields = ["name", "email", "title", "organisation", "municipality__name"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]
    # Made when the person first signs in by an e-mail link (mypages.signin).
    readonly_fields = ["user"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Who is a member or in the secretariat of which organiser: administrators only, so no
    secretary can give themselves another organiser's meetings."""

    list_display = ["user", "organiser", "kind"]
    list_filter = ["kind", "organiser"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    list_select_related = ["user", "organiser"]
    autocomplete_fields = ["user"]

    def _administrators_only(self, request, obj=None):
        return is_administrator(request.user)

    has_module_permission = has_view_permission = has_add_permission = _administrators_only
    has_change_permission = has_delete_permission = _administrators_only


@admin.register(Meeting)
class MeetingAdmin(
    InlineAddTextMixin, MeetingWorkspaceViews, OrganiserScopedAdmin, admin.ModelAdmin
):
    meeting_prefix = ""
    scoped_fields = {"organiser": ORGANISER}
    form = MeetingForm
    list_display = ["title", "organiser", "starts_at", "state_shown", "workspace_link"]
    list_filter = ["status", "organiser__kind", "organiser", "kind"]
    search_fields = ["title", "case_number", "venue_name"]
    date_hierarchy = "starts_at"
    list_select_related = ["organiser"]
    filter_horizontal = ["invited_municipalities", "co_organisers"]
    # Opens short: the basics, who is invited and the tilmelding; the letterhead, the letter's
    # own fields, the programme and co-organisers are one click away (opened on an error).
    fieldsets = [
        (None, {"fields": ["state_shown", "organiser", "kind", "title", ("starts_at", "ends_at")]}),
        ("Sted", {"fields": ["venue_name", "address"]}),
        (
            "Inviterede",
            {
                "fields": [
                    "invite_regions",
                    "invited_municipalities",
                    "invite_all",
                    "invited_roles",
                    "only_for_politicians",
                    "invited_text",
                ]
            },
        ),
        (
            "Tilmelding og kontakt",
            {
                "fields": [
                    "registration_slug",
                    "registration_deadline",
                    "registration_email",
                    ("contact_name", "contact_email", "contact_phone"),
                ]
            },
        ),
        (
            "Brevhoved",
            {
                "classes": ["collapse"],
                "fields": [
                    ("case_number", "document_number", "letter_date"),
                    ("sender_email", "sender_phone"),
                ],
            },
        ),
        (
            "Brevets overskrift, hilsner og baggrund",
            {
                "classes": ["collapse"],
                "fields": [
                    "letter_recipient",
                    "letter_heading",
                    "salutation",
                    "signature_lead",
                    "signature_greeting",
                    "preliminary_agenda_heading",
                    "background_heading",
                    "background",
                ],
                "description": "Brevets afsnit, underskrivere, foreløbige dagsorden og bilag "
                "redigeres nedenfor. Afsnittene vises i rækkefølgens orden.",
            },
        ),
        ("Program", {"classes": ["collapse"], "fields": [("moderator_name", "moderator_title")]}),
        ("Medarrangører", {"classes": ["collapse"], "fields": ["co_organisers"]}),
    ]
    inlines = [
        LetterSectionInline,
        SignatoryInline,
        PreliminaryAgendaItemInline,
        AttachmentInline,
        ProgrammeDayInline,
        ParallelSessionInline,
    ]

    def get_changeform_initial_data(self, request):
        """A new meeting of the secretary's one organiser (or ?organiser=): a KKR's meeting is
        a KKR meeting and starts with the whole of its region invited."""
        initial = super().get_changeform_initial_data(request)
        organisers = secretariat_organiser_ids(request.user)
        if "organiser" not in initial and len(organisers) == 1:
            initial["organiser"] = next(iter(organisers))
        chosen = str(initial.get("organiser", ""))
        organiser = Organiser.objects.filter(pk=chosen).first() if chosen.isdigit() else None
        # the secretary is the contact person of the meetings they make
        initial.setdefault("contact_name", request.user.get_full_name())
        initial.setdefault("contact_email", request.user.email)
        if organiser and organiser.kind == Organiser.Kind.KKR:
            initial.setdefault("kind", Meeting.Kind.KKR)
            initial.setdefault("invite_regions", [organiser.region_id])
            initial.setdefault("only_for_politicians", True)
        return initial

    def get_readonly_fields(self, request, obj=None):
        # A co-organiser's secretariat edits the meeting but cannot take it over (nor save
        # it at all, were the holder missing from its choice of organisers), nor decide who
        # else holds it: a read-only field is not in the form, so a forged POST changes nothing.
        if (
            obj
            and not is_administrator(request.user)
            and obj.organiser_id not in secretariat_organiser_ids(request.user)
        ):
            return ["state_shown", "organiser", "co_organisers"]
        return ["state_shown"]

    def get_urls(self):
        routes = [("<int:pk>/pdf/<str:document>/", self.pdf_view, "meetings_meeting_pdf")]
        return admin_urls(self, routes) + super().get_urls()

    def pdf_view(self, request, pk, document):
        """The meeting's invitation or programme as a PDF download (the change page's buttons)."""
        if not self.has_view_permission(request):
            return redirect("admin:index")
        try:
            # another organiser's meeting is answered as if it did not exist
            if not self.get_queryset(request).filter(pk=pk).exists():
                raise Meeting.DoesNotExist
            meeting = services.meeting_for_documents(pk)
        except Meeting.DoesNotExist:
            messages.error(request, "Mødet findes ikke.")
            return redirect("admin:meetings_meeting_changelist")
        makers = {"invitation": services.invitation_pdf, "program": services.programme_pdf}
        if document not in makers:
            messages.error(request, "Ukendt dokument.")
            return redirect(reverse("admin:meetings_meeting_change", args=[pk]))
        filename = services.document_filename(meeting, document)
        return file_response(makers[document](meeting), "application/pdf", filename)


@admin.register(ProgrammeDay)
class ProgrammeDayAdmin(InlineAddTextMixin, OrganiserScopedAdmin, admin.ModelAdmin):
    scoped_fields = {"meeting": ""}
    list_display = ["__str__", "meeting"]
    list_select_related = ["meeting"]
    inlines = [ProgrammeSlotInline]


@admin.register(ProgrammeSlot)
class ProgrammeSlotAdmin(InlineAddTextMixin, OrganiserScopedAdmin, admin.ModelAdmin):
    meeting_prefix = "day__meeting__"
    scoped_fields = {"day": "meeting__", "theme": "day__meeting__"}
    list_display = ["__str__", "day", "kind"]
    list_select_related = ["day"]
    fields = [
        "day",
        ("starts_at", "ends_at", "position", "kind", "theme"),
        "title",
        "description",
        "speakers_intro",
    ]
    inlines = [SpeakerInline]


@admin.register(ParallelSession)
class ParallelSessionAdmin(InlineAddTextMixin, OrganiserScopedAdmin, admin.ModelAdmin):
    scoped_fields = {"meeting": ""}
    list_display = ["__str__", "meeting"]
    list_select_related = ["meeting"]
    inlines = [SpeakerInline]
