"""The forms of the secretariat's meeting pages, which admin.py registers: who is invited
(MeetingForm), the inlines of the meeting's letter and programme, and those of a programme day,
slot or session."""

from django import forms
from django.contrib import admin
from django.db import models

from klmeetings.admin_widgets import TolerantAutocompleteSelect

from .models import (
    Attachment,
    LetterSection,
    Meeting,
    ParallelSession,
    Person,
    PreliminaryAgendaItem,
    ProgrammeDay,
    ProgrammeSlot,
    Region,
    Role,
    Signatory,
    Speaker,
)

# Headings and titles are long sentences: give them a line wide enough to read them.
WIDE_TEXT = {models.CharField: {"widget": forms.TextInput(attrs={"size": 90})}}


class LetterSectionInline(admin.StackedInline):
    model = LetterSection
    add_text = "Tilføj endnu et afsnit"
    extra = 0
    formfield_overrides = WIDE_TEXT
    fields = [("position", "kind"), "heading", "body", "opener"]


class KnownChoicesAutocomplete(TolerantAutocompleteSelect):
    """An autocomplete that takes the chosen row's label from `known` ({str(pk): object}, one
    query for the whole inline) instead of one query per row (tests/checks/test_query_counts.py)."""

    known = None

    def optgroups(self, name, value, attr=None):
        empty = self.choices.field.empty_values
        chosen = [str(v) for v in value if str(v) not in empty]
        if self.known is None or not all(pk in self.known for pk in chosen):
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for pk in chosen:
            label = self.choices.field.label_from_instance(self.known[pk])
            options.append(self.create_option(name, pk, label, set(chosen), len(options)))
        return [(None, options, 0)]


class SignatoryInline(admin.TabularInline):
    classes = ["collapse"]
    model = Signatory
    add_text = "Tilføj endnu en underskriver"
    extra = 0
    fields = ["position", "name", "title", "memberships", "person"]
    autocomplete_fields = ["person"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["widget"] = KnownChoicesAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        people = Person.objects.filter(signatures__meeting=obj) if obj else Person.objects.none()
        widget = formset.form.base_fields["person"].widget
        # Shared by every row's copy of the widget (widgets copy their attributes shallowly).
        getattr(widget, "widget", widget).known = {
            str(person.pk): person for person in people.distinct()
        }
        return formset


class PreliminaryAgendaItemInline(admin.TabularInline):
    classes = ["collapse"]
    model = PreliminaryAgendaItem
    add_text = "Tilføj endnu et punkt"
    extra = 0
    fields = ["position", "text"]


class AttachmentInline(admin.TabularInline):
    classes = ["collapse"]
    model = Attachment
    add_text = "Tilføj endnu et bilag"
    extra = 0
    fields = ["position", "title", "file"]


class ProgrammeDayInline(admin.TabularInline):
    classes = ["collapse"]
    model = ProgrammeDay
    add_text = "Tilføj endnu en programdag"
    extra = 0
    show_change_link = True
    verbose_name_plural = "programdage (klik 'Ret' for dagens programpunkter)"


class ParallelSessionInline(admin.StackedInline):
    classes = ["collapse"]
    model = ParallelSession
    add_text = "Tilføj endnu en session"
    extra = 0
    show_change_link = True
    fields = ["number", "title", "description"]
    verbose_name_plural = "sessioner (klik 'Ret' for sessionens oplægsholdere)"


class RegionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"Hele {obj.name} ({obj.municipalities.count()} kommuner)"


class MeetingForm(forms.ModelForm):
    """Who is invited is always said: whole regions in one click each, single municipalities,
    or every municipality ticked as such; an empty choice is an error, never "everyone"."""

    invite_regions = RegionChoiceField(
        Region.objects.all(),
        label="Hele regioner",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Inviterer alle regionens kommuner, sammen med dem, der er valgt nedenfor.",
    )
    invite_all = forms.BooleanField(label="Alle landets kommuner", required=False)
    # Check boxes instead of the JSON list the field stores.
    invited_roles = forms.MultipleChoiceField(
        label="Inviterede roller",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Ingen valgt: alle roller.",
    )

    class Meta:
        model = Meeting
        # The admin passes the fields of MeetingAdmin.fieldsets; this names the ones overridden.
        fields = ["invited_roles", "invited_municipalities"]
        # the format, seen before saving
        widgets = {"case_number": forms.TextInput(attrs={"placeholder": "SAG-2026-01234"})}
        # the admin shows help texts as HTML: the model's "<kortnavn>" would vanish
        help_texts = {
            "registration_slug": "Giver adressen /tilmeld/kortnavn/, fx /tilmeld/kkr-sjaelland/. "
            "Tom: ingen tilmelding på portalen."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "invite_all" in self.fields:
            self.fields["invite_all"].initial = self.instance.invites_all_municipalities

    def clean(self):
        cleaned = super().clean()
        if "invite_all" not in self.fields:  # read-only for this user
            return cleaned
        chosen = set(cleaned.get("invited_municipalities") or [])
        for region in cleaned.get("invite_regions") or []:
            chosen.update(region.municipalities.all())
        # "everyone" is the flag, with no list beside it to contradict it
        self.instance.invites_all_municipalities = bool(cleaned.get("invite_all"))
        if self.instance.invites_all_municipalities:
            chosen = set()
        elif not chosen:
            self.add_error(
                "invited_municipalities",
                "Vælg hvem der inviteres: en hel region, enkelte kommuner eller alle kommuner.",
            )
        cleaned["invited_municipalities"] = sorted(chosen, key=lambda m: m.name)
        return cleaned


class ProgrammeSlotInline(admin.StackedInline):
    model = ProgrammeSlot
    add_text = "Tilføj endnu et programpunkt"
    extra = 0
    formfield_overrides = WIDE_TEXT
    show_change_link = True
    fields = [
        ("starts_at", "ends_at", "position", "kind", "theme"),
        "title",
        "description",
        "speakers_intro",
    ]
    verbose_name_plural = "programpunkter (klik 'Ret' for punktets oplægsholdere)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A slot can only belong to a theme of the same day.
        if db_field.name == "theme":
            day_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = ProgrammeSlot.objects.filter(
                day_id=day_id, kind=ProgrammeSlot.Kind.THEME
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SpeakerInline(admin.TabularInline):
    model = Speaker
    add_text = "Tilføj endnu en oplægsholder"
    extra = 1
    fields = ["position", "name", "party_letter", "title", "organisation"]
