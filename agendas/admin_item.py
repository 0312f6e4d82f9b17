"""An agenda item's own page in the admin (the agenda's page, admin.py, edits the main
sections of its items inline): the item's other sections and bilag, a section's text read from
Word (.docx), and moving or copying the item to the agenda of a later meeting. admin.py imports
this module, which registers ItemAdmin."""

import zipfile
from xml.parsers.expat import ExpatError

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from simple_history.admin import SimpleHistoryAdmin

from klmeetings.admin_widgets import InlineAddTextMixin
from meetings.access import OrganiserScopedAdmin, meeting_choice_label, scoped_choices

from .models import Agenda, Attachment, Item, Section
from .services import editing, publishing


class SectionInline(admin.StackedInline):
    add_text = "Tilføj endnu et afsnit"
    model = Section
    extra = 0
    fields = [("kind", "title", "position", "closed"), "body"]


class AttachmentInline(admin.TabularInline):
    add_text = "Tilføj endnu et bilag"
    model = Attachment
    extra = 0
    fields = ["title", "file", "position"]


def warn_if_opened_after_closed(model_admin, request, item):
    if item.opened_after_closed():
        model_admin.message_user(
            request,
            f"«{item.title}» har været lukket og vises derfor stadig ikke offentligt: hvad der "
            "én gang har været lukket, forbliver lukket. Skal punktet være offentligt, så "
            "opret det som et nyt punkt.",
            messages.WARNING,
        )


class ItemAdminForm(forms.ModelForm):
    docx = forms.FileField(
        label="Indlæs tekst fra Word (.docx)",
        required=False,
        help_text="Teksten erstatter det valgte afsnit.",
    )
    docx_kind = forms.ChoiceField(
        label="Til afsnittet", choices=Section.Kind.choices[:4], required=False
    )
    move_to = forms.ModelChoiceField(
        label="Flyt eller kopiér til dagsordenen for",
        queryset=Agenda.objects.none(),
        required=False,
    )
    copy = forms.BooleanField(label="Kopiér i stedet for at flytte", required=False)

    class Meta:
        model = Item
        fields = ["agenda", "parent", "position", "title", "case_number", "case_initials", "closed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["move_to"].queryset = Agenda.objects.filter(
                meeting__starts_at__gt=self.instance.agenda.meeting.starts_at
            ).select_related("meeting__organiser")
            self.fields["move_to"].label_from_instance = lambda agenda: meeting_choice_label(
                agenda.meeting
            )
            self.fields["parent"].queryset = Item.objects.filter(
                agenda=self.instance.agenda, parent=None
            ).exclude(pk=self.instance.pk)

    def clean_docx(self):
        """Read the Word file while the form is checked, so a broken file saves nothing."""
        file = self.cleaned_data.get("docx")
        if not file:
            return None
        if not file.name.lower().endswith(".docx"):
            raise ValidationError("Vælg en Word-fil (.docx).")
        try:
            body, warnings = editing.import_docx(file)
        except (zipfile.BadZipFile, KeyError, ValueError, ExpatError) as error:
            raise ValidationError("Word-filen kunne ikke læses.") from error
        return {"name": file.name, "body": body, "warnings": warnings}


@admin.register(Item)
class ItemAdmin(InlineAddTextMixin, OrganiserScopedAdmin, SimpleHistoryAdmin):
    meeting_prefix = "agenda__meeting__"
    scoped_fields = {"agenda": "meeting__", "parent": "agenda__meeting__"}
    form = ItemAdminForm
    list_display = ["title", "agenda", "closed"]
    list_filter = ["closed"]
    list_select_related = ["agenda__meeting"]
    search_fields = ["title", "case_number"]
    inlines = [SectionInline, AttachmentInline]
    fieldsets = [
        (None, {"fields": ["agenda", "parent", "position", "title"]}),
        (None, {"fields": [("case_number", "case_initials"), "closed"]}),
        ("Indlæs fra Word", {"fields": ["docx", "docx_kind"]}),
        ("Flyt eller kopiér", {"fields": ["move_to", "copy"]}),
    ]

    # "Gem" goes back to the item's agenda, where the secretary came from.
    def response_post_save_add(self, request, obj):
        return redirect("admin:agendas_agenda_change", obj.agenda_id)

    response_post_save_change = response_post_save_add

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        user = request.user

        class ScopedItemForm(form):
            """Moves and copies go only to agendas of the secretariat's own meetings."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                move_to = self.fields["move_to"]
                move_to.queryset = scoped_choices(move_to.queryset, user, "meeting__")

        return ScopedItemForm

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        item = form.instance
        # An item or section closed here leaves the public search at once.
        publishing.refresh_search_text(item.agenda)
        if "closed" in form.changed_data:
            warn_if_opened_after_closed(self, request, item)
        if docx := form.cleaned_data.get("docx"):
            kind = form.cleaned_data.get("docx_kind") or Section.Kind.PRESENTATION
            editing.set_sections(item, {kind: docx["body"]})
            note = (
                f" ({len(docx['warnings'])} advarsler fra Word-læseren)" if docx["warnings"] else ""
            )
            self.message_user(request, f"Teksten fra {docx['name']} er indlæst{note}.")
        if target := form.cleaned_data.get("move_to"):
            try:
                new = editing.move_item(item, target, copy=form.cleaned_data.get("copy"))
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                verb = "kopieret" if form.cleaned_data.get("copy") else "flyttet"
                self.message_user(request, f"Punktet er {verb} til {new.agenda}.")
