"""The secretariat's page for one person's data (GDPR): look up by e-mail, download everything
held as JSON, or erase it after a confirmation that shows what will go."""

from django import forms
from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify

from . import privacy

VIEW_PERMISSION = "registrations.view_registration"
ERASE_PERMISSIONS = ("registrations.change_registration", "meetings.delete_person")


class LookupForm(forms.Form):
    email = forms.EmailField(label="E-mail")


class EraseForm(LookupForm):
    confirm = forms.BooleanField(
        label="Ja, slet personens oplysninger. Det kan ikke fortrydes.",
        error_messages={"required": "Bekræft sletningen ved at sætte flueben."},
    )


def personal_data(request):
    """GET ?email=…: what is held; POST action=export: the JSON file; POST action=erase with
    the confirmation ticked: anonymise and delete."""
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    action = request.POST.get("action")
    erase_errors = None
    if action == "erase":
        if not request.user.has_perms(ERASE_PERMISSIONS):
            raise PermissionDenied
        form = EraseForm(request.POST)
        if form.is_valid():
            counts = privacy.erase(form.cleaned_data["email"])
            messages.success(
                request,
                f"Slettet: {counts['people']} personer, {counts['invitations']} invitationer og "
                f"{counts['messages']} e-mails; {counts['registrations']} tilmeldinger "
                "anonymiseret.",
            )
            return redirect("admin-personal-data")
        erase_errors = form.errors.get("confirm")
        form = LookupForm(request.POST)
    elif action == "export":
        form = LookupForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            response = HttpResponse(privacy.export(email), "application/json; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="persondata-{slugify(email)}.json"'
            )
            return response
    else:
        form = LookupForm(request.GET or None)
    held = None
    if form.is_valid():
        found = privacy.held_about(form.cleaned_data["email"])
        held = {name: rows.count() for name, rows in found.items()}
    context = {
        **site.each_context(request),
        "title": "Persondata: indsigt og sletning",
        "form": form,
        "confirm_label": EraseForm.base_fields["confirm"].label,
        "erase_errors": erase_errors,
        "held": held,
        "can_erase": request.user.has_perms(ERASE_PERMISSIONS),
    }
    return TemplateResponse(request, "registrations/admin/personal_data.html", context)
