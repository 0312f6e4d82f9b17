"""The secretariat's admin: an agenda and all its items on one page (drag and drop to reorder,
the main sections in the editor), each item's own page (admin_item.py) for other sections,
bilag, a .docx import and moving or copying it to a later meeting; publishing, minutes and PDF
previews."""

from functools import cached_property, partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join
from django_prose_editor.fields import ProseEditorFormField
from simple_history.admin import SimpleHistoryAdmin

from klmeetings.admin_site import admin_urls
from klmeetings.admin_widgets import InlineAddTextMixin
from klmeetings.dates import numeric_datetime
from klmeetings.richtext import RICH_TEXT_EXTENSIONS, sanitize_html
from meetings.access import ORGANISER, OrganiserScopedAdmin

from . import admin_documents, admin_import
from .admin_item import warn_if_opened_after_closed
from .admin_page import AgendaPageViews, SubItemFormSet
from .models import Agenda, AgendaVersion, Item, Section, StandardItem
from .services import editing, minutes_review, publishing

MAIN_KINDS = [
    Section.Kind.BACKGROUND,
    Section.Kind.RECOMMENDATION,
    Section.Kind.PRESENTATION,
    Section.Kind.DECISION,
]


def rich_text_field(label):
    return ProseEditorFormField(
        label=label,
        required=False,
        config={"extensions": RICH_TEXT_EXTENSIONS},
        sanitize=sanitize_html,
    )


class ItemInlineForm(forms.ModelForm):
    # named after the section kinds they edit (MAIN_KINDS)
    background = rich_text_field("Baggrund")
    recommendation = rich_text_field("Indstilling")
    case_presentation = rich_text_field("Sagsfremstilling")
    decision = rich_text_field("Beslutning (referat)")
    sub_item = forms.BooleanField(label="Underpunkt til overskriften over", required=False)

    class Meta:
        model = Item
        fields = ["title", "parent", "case_number", "case_initials", "closed", "position"]
        widgets = {
            "position": forms.NumberInput(attrs={"class": "agenda-position vIntegerField"}),
            # the format, seen before saving
            "case_number": forms.TextInput(attrs={"placeholder": "SAG-2026-01234", "size": 16}),
            "case_initials": forms.TextInput(attrs={"placeholder": "udy/jhp", "size": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # sections are prefetched by the inline's queryset: no query per item
            for section in self.instance.sections.all():
                if section.kind in MAIN_KINDS:
                    self.fields[section.kind].initial = section.body


class ItemFormSet(SubItemFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # One list of headings for every form, instead of a query per item.
        form.fields["parent"].choices = self.heading_choices

    @cached_property
    def heading_choices(self):
        choices = [("", "---------")]
        if self.instance.pk:
            choices += [
                (item.pk, f"{number}. {item.title}")
                for item, number in self.instance.numbered_items()
                if item.parent_id is None
            ]
        return choices


class ItemInline(admin.StackedInline):
    add_text = "Tilføj endnu et punkt"
    model = Item
    form = ItemInlineForm
    formset = ItemFormSet
    fk_name = "agenda"
    extra = 0
    readonly_fields = ["number"]
    fields = [
        "number",
        ("title", "sub_item", "parent"),
        ("case_number", "case_initials", "closed", "position"),
        "background",
        "recommendation",
        "case_presentation",
        "decision",
    ]
    show_change_link = True
    classes = ["agenda-items"]

    class Media:
        js = ["agendas/reorder.js"]
        css = {"all": ["agendas/admin.css"]}

    def get_queryset(self, request):
        # Reading order (1, 1.1, 1.2, 2, ...) in SQL, with the sections in one more query.
        return (
            super()
            .get_queryset(request)
            .annotate(
                top=Coalesce(F("parent__position"), F("position")),
                group=Coalesce(F("parent_id"), F("id")),
                is_child=Case(When(parent__isnull=True, then=Value(0)), default=Value(1)),
            )
            .order_by("top", "group", "is_child", "position", "id")
            .prefetch_related("sections")
        )

    def get_formset(self, request, obj=None, **kwargs):
        self._numbers = {item.pk: n for item, n in obj.numbered_items()} if obj else {}
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description="Nummer")
    def number(self, obj):
        return self._numbers.get(obj.pk, "(nyt)") if obj.pk else "(nyt)"


class AgendaVersionInline(admin.TabularInline):
    model = AgendaVersion
    extra = 0
    can_delete = False
    fields = ["number", "published_at", "published_by", "change_list"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("published_by")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Ændringer")
    def change_list(self, obj):
        if not obj.changes:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}{}</li>",
                ((c["text"], " (lukket)" if c.get("closed") else "") for c in obj.changes),
            ),
        )


@admin.register(Agenda)
class AgendaAdmin(InlineAddTextMixin, AgendaPageViews, OrganiserScopedAdmin, SimpleHistoryAdmin):
    scoped_fields = {"meeting": ""}
    list_display = ["meeting", "starts_at", "published", "minutes_approved_at"]
    list_select_related = ["meeting"]
    search_fields = ["meeting__title", "meeting__organiser__name"]
    fields = [
        "meeting",
        "mission",
        "vision",
        "documents",
        "minutes_sent_for_approval_at",
        "minutes_review",
        "minutes_approved_at",
    ]
    readonly_fields = [
        "documents",
        "minutes_sent_for_approval_at",
        "minutes_review",
        "minutes_approved_at",
    ]
    inlines = [ItemInline, AgendaVersionInline]
    actions = ["publish", "approve_minutes", "add_standard_items"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting__organiser")

    # "Gem" goes back to the meeting's page, where the secretary came from.
    def response_post_save_add(self, request, obj):
        return redirect("admin:meetings_meeting_workspace", obj.meeting_id)

    response_post_save_change = response_post_save_add

    @admin.display(description="Møde", ordering="meeting__starts_at")
    def starts_at(self, obj):
        return obj.meeting.starts_at

    @admin.display(description="Offentliggjort", boolean=True)
    def published(self, obj):
        return bool(obj.search_text)

    @admin.display(description="PDF og side")
    def documents(self, obj):
        if not obj.pk:
            return "Gem dagsordenen først."
        links = [*admin_documents.links(obj), (obj.get_absolute_url(), "Offentlig side")]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.display(description="Medlemmernes godkendelse")
    def minutes_review(self, obj):
        """Who of the members has approved the referat sent til godkendelse, and when."""
        if not obj.pk or not obj.minutes_sent_for_approval_at:
            return "Referatet er ikke sendt til godkendelse."
        rows = [
            (
                name,
                f"godkendt {numeric_datetime(r.approved_at)}"
                if r and r.approved_at
                else "ikke godkendt",
                f": {r.comment}" if r and r.comment else "",
            )
            for name, r in minutes_review.review(obj)
        ]
        if not rows:
            return "Mødet har ingen medlemmer med login."
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} ({}){}</li>", rows))

    def get_urls(self):
        routes = [
            ("importer/", admin_import.import_view, "agendas_agenda_import"),
            ("<int:pk>/pdf/<str:audience>/", admin_documents.pdf_view, "agendas_agenda_pdf"),
            (
                "<int:pk>/referat.pdf",
                admin_documents.minutes_pdf_view,
                "agendas_agenda_minutes_pdf",
            ),
            (
                "<int:pk>/word/<str:kind>/<str:audience>/",
                admin_documents.word_view,
                "agendas_agenda_word",
            ),
        ]
        routes = [(route, partial(view, self), name) for route, view, name in routes]
        return admin_urls(self, routes) + super().get_urls()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # An item closed here leaves the public search at once, not at the next publishing.
        publishing.refresh_search_text(form.instance)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is not Item:
            return
        for item_form in formset.forms:
            item = item_form.instance
            if item.pk is None or item_form in formset.deleted_forms:
                continue
            if "closed" in item_form.changed_data:
                warn_if_opened_after_closed(self, request, item)
            if any(kind in item_form.changed_data for kind in MAIN_KINDS):
                editing.set_sections(
                    item, {kind: item_form.cleaned_data.get(kind, "") for kind in MAIN_KINDS}
                )

    @admin.action(description="Offentliggør (ny version ved ændringer)")
    def publish(self, request, queryset):
        for agenda in queryset:
            try:
                version = publishing.publish_agenda(agenda, request.user)
            except ValidationError as error:
                self.message_user(request, f"{agenda}: {error.messages[0]}", messages.WARNING)
            else:
                self.message_user(request, f"{agenda}: {version.label} (version {version.number})")

    @admin.action(description="Godkend referat")
    def approve_minutes(self, request, queryset):
        for agenda in queryset:
            try:
                publishing.approve_minutes(agenda, request.user)
            except ValidationError as error:
                self.message_user(request, f"{agenda}: {error.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, f"{agenda}: referatet er godkendt.")

    @admin.action(description="Tilføj arrangørens standardpunkter")
    def add_standard_items(self, request, queryset):
        for agenda in queryset:
            added = editing.add_standard_items(agenda)
            self.message_user(request, f"{agenda}: {added} punkter tilføjet.")


@admin.register(StandardItem)
class StandardItemAdmin(OrganiserScopedAdmin, admin.ModelAdmin):
    meeting_prefix = ORGANISER
    scoped_fields = {"organiser": ORGANISER}
    list_display = ["heading", "title", "organiser", "position"]
    list_filter = ["organiser"]
    list_select_related = ["organiser"]
