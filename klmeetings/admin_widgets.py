"""Admin widgets shared by the apps.

Django's AutocompleteSelect looks the submitted value up when it redraws a refused form; a value
that is not a valid key (typed into the request by hand, or garbled) then raises ValueError and
the page answers 500 instead of showing the form's error. The widget here drops such values
before the lookup; the form field still reports them in Danish.

And the inlines' "add another" link in Danish with the noun's gender (InlineAddTextMixin).
"""

import json

from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError


class TolerantAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.model._meta.pk
        valid = []
        for item in value:
            try:
                key.to_python(item)
            except ValidationError:
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class TolerantAutocompleteMixin:
    """For a ModelAdmin or inline with autocomplete_fields (foreign keys)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = TolerantAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AddTextInlineFormSet(helpers.InlineAdminFormSet):
    """An inline whose "add another" link says the inline's `add_text`: Danish nouns have a
    gender that Django's "Tilføj endnu en %(verbose_name)s" cannot know ("et afsnit")."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        if text := getattr(self.opts, "add_text", None):
            data["options"]["addText"] = text
        return json.dumps(data)


class InlineAddTextMixin:
    """For a ModelAdmin whose inlines set `add_text`."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in inline_formsets:
            inline_formset.__class__ = AddTextInlineFormSet
        return inline_formsets
