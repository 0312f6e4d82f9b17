"""The admin's import of a dagsorden or referat (.txt or .docx): upload, see what goes where
(the meeting, items, sections, closed flags, the account of every line: what could not be
placed and what was left out), then confirm. Nothing is saved before the confirmation; the
confirmed form carries the document's lines and their places, not the file."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import redirect

from klmeetings.admin_site import admin_page
from meetings.access import editable, is_administrator, secretariat_organiser_ids
from meetings.models import Meeting

from .services.agenda_parsed import Line
from .services.agenda_text import parse_agenda_text
from .services.text_import import check_text, import_agenda_text, plan_meeting, read_document

MAX_UPLOAD = 10 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Fil (.txt eller .docx)",
        help_text="Dagsordenen eller referatet som tekst eller Word.",
    )
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(),
        label="Møde",
        required=False,
        help_text="Tomt: mødet findes ud fra arrangør og dato, ellers oprettes det som kladde.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = editable(Meeting.objects.all(), user)

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_UPLOAD:
            raise ValidationError("Filen er for stor (højst 10 MB).")
        return read_document(file.name, file)


class ConfirmForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    places = forms.CharField(widget=forms.HiddenInput, required=False)
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = editable(Meeting.objects.all(), user)

    def clean_text(self):
        text = self.cleaned_data["text"]
        check_text(text)
        return text

    def lines(self):
        """The document's lines with the places they were read from (a text file's lines are
        numbered again; a Word file's paragraphs and cells came with the form)."""
        text = self.cleaned_data["text"]
        try:
            places = json.loads(self.cleaned_data["places"] or "null")
        except ValueError:
            places = None
        rows = text.split("\n")
        if not isinstance(places, list) or len(places) != len(rows):
            return text
        return [
            Line(row, str(place[0]), str(place[1]) if place[1] in ("toc", "header") else "")
            for row, place in zip(rows, places, strict=True)
            if isinstance(place, list) and len(place) == 2
        ] or text

    @staticmethod
    def initial_for(lines, meeting):
        if any("\n" in line.text for line in lines):
            lines = [Line(line.text.replace("\n", " "), line.place, line.kind) for line in lines]
        return {
            "text": "\n".join(line.text for line in lines),
            "places": json.dumps([[line.place, line.kind] for line in lines]),
            "meeting": meeting,
        }


def _preview(parsed, meeting, user):
    """What the import would do, or raise ValidationError; reads, never writes."""
    if not parsed.items:
        raise ValidationError("Teksten indeholder ingen nummererede punkter (1., 1.1., ...).")
    found, new_fields, notes, _fill = plan_meeting(parsed, meeting)
    organiser = found.organiser if found else new_fields["organiser"]
    if not is_administrator(user) and organiser.pk not in secretariat_organiser_ids(user):
        raise ValidationError(f"Du er ikke sekretariat for {organiser}.")
    rows = [e for top in parsed.items for e in [top, *top["children"]]]
    return {
        "meeting": found,
        "new_meeting": new_fields,
        "notes": notes + parsed.notes,
        "rows": rows,
    }


def import_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        return HttpResponseForbidden()
    context = {"title": "Indlæs dagsorden eller referat"}
    user = request.user
    if request.method == "POST" and "confirm" in request.POST:
        form = ConfirmForm(request.POST, user=user)
        if form.is_valid():
            meeting = form.cleaned_data["meeting"]
            try:
                _preview(parse_agenda_text(form.lines()), meeting, user)
                result = import_agenda_text(form.lines(), meeting)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return HttpResponseRedirect(request.path)
            for note in result.notes + result.left_out:
                messages.info(request, note)
            for line in result.unplaced:
                messages.warning(request, f"Ikke placeret: {line}")
            done = (
                f"{result.decisions} beslutninger"
                if result.decisions
                else f"{result.items} punkter"
            )
            messages.success(request, f"{done} indlæst i {result.agenda}.")
            return redirect("admin:agendas_agenda_change", result.agenda.pk)
        messages.error(request, "Indlæsningen kunne ikke bekræftes. Prøv igen.")
        return HttpResponseRedirect(request.path)
    form = UploadForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        lines = form.cleaned_data["file"]
        meeting = form.cleaned_data["meeting"]
        try:
            parsed = parse_agenda_text(lines)
            context["preview"] = _preview(parsed, meeting, user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            context["parsed"] = parsed
            context["confirm"] = ConfirmForm(
                initial=ConfirmForm.initial_for(lines, meeting), user=user
            )
    context["form"] = form
    return admin_page(model_admin, request, "admin/agendas/agenda/import.html", context)
