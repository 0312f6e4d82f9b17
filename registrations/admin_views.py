"""The registrations admin's own pages, mixed into its ModelAdmins (admin.py): per meeting an
overview, the mailings with a preview and a test send, the participant list PDF and manual
registration; and the personal-data page (GDPR) for one e-mail address.

Status is never edited here: manual registration goes through services/registration.py."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from klmeetings.admin_site import admin_page, admin_urls
from klmeetings.downloads import file_response
from meetings.access import editable, is_administrator
from meetings.models import Meeting
from meetings.services import StateError

from .forms import EraseForm, InvitationSendForm, LookupForm, ManualRegistrationForm
from .models import Registration
from .services import invitation_step, mailing_overview, mailings, privacy, registration, reports

VIEW_PERMISSION = "registrations.view_registration"
ERASE_PERMISSIONS = ("registrations.change_registration", "meetings.delete_person")
WORKSPACE = "admin:meetings_meeting_workspace"


class SettingsViews:
    """The pages of one meeting's registration settings, for RegistrationSettingsAdmin."""

    def get_urls(self):
        pages = [
            ("overblik/", self.overview_view, "registrations_overview"),
            ("deltagerliste.pdf", self.participant_list_view, "registrations_participant_list"),
            ("udsendelser/", self.mailings_view, "registrations_mailings"),
            (
                "udsendelser/<slug:slug>/",
                self.mailing_preview_view,
                "registrations_mailing_preview",
            ),
            (
                "udsendelser/<slug:slug>/send-test/",
                self.mailing_test_view,
                "registrations_mailing_test",
            ),
            ("invitationer/send/", self.send_invitations_view, "registrations_send_invitations"),
            (
                "invitationer/paamind/",
                self.remind_unanswered_view,
                "registrations_remind_unanswered",
            ),
            (
                "offentliggoer-uden-udsendelser/",
                self.publish_without_mailings_view,
                "registrations_publish_without_mailings",
            ),
            ("manuel-tilmelding/", self.manual_registration_view, "registrations_manual"),
        ]
        routes = [(f"<int:pk>/{route}", view, name) for route, view, name in pages]
        return admin_urls(self, routes) + super().get_urls()

    def _settings(self, request, pk):
        """The settings of meeting `pk` (made with the defaults if it has none yet, as the
        meeting's page links here before any are saved), if the user may see them."""
        meeting = get_object_or_404(Meeting.objects.select_related("organiser"), pk=pk)
        in_scope = editable(Meeting.objects.filter(pk=pk), request.user).exists()
        if not (self.has_view_permission(request) and in_scope):
            raise PermissionDenied
        return registration.settings_for(meeting)

    def overview_view(self, request, pk):
        reg_settings = self._settings(request, pk)
        context = {
            "title": f"Overblik: {reg_settings.meeting}",
            "meeting": reg_settings.meeting,
            **reports.overview(reg_settings.meeting),
        }
        return admin_page(self, request, "registrations/admin/overview.html", context)

    def mailings_view(self, request, pk):
        """The meeting's planned mailings with their times and status, and what the outbox
        holds for each (sent, waiting, failed) with links to the rows."""
        reg_settings = self._settings(request, pk)
        context = {
            "title": f"Udsendelser: {reg_settings.meeting}",
            "meeting": reg_settings.meeting,
            "outbox_url": reverse("admin:outbox_message_changelist"),
            **mailing_overview.overview(reg_settings.meeting),
        }
        return admin_page(self, request, "registrations/admin/mailings.html", context)

    def _mailing(self, request, pk, slug):
        meeting = self._settings(request, pk).meeting
        reg_settings, mailing = mailing_overview.find(meeting, slug)
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
            "title": f"{mailing.label}: {meeting}",
            "meeting": meeting,
            "mailing": mailing,
            "message": SimpleNamespace(
                subject=subject, to=recipient.email, body_text=body_text, body_html=body_html
            ),
            "attachments": [filename for filename, _content, _mimetype in files],
        }
        return admin_page(self, request, "registrations/admin/mailing_preview.html", context)

    @method_decorator(require_POST)
    def mailing_test_view(self, request, pk, slug):
        """Send the mailing's e-mail, as its first recipient would get it, to oneself."""
        meeting, _reg_settings, mailing = self._mailing(request, pk, slug)
        target = reverse("admin:registrations_mailings", args=[pk])
        if not request.user.email:
            messages.error(
                request,
                "Din bruger har ingen e-mailadresse. Tilføj den under brugere og prøv igen.",
            )
            return redirect(target)
        mailing_overview.send_test(meeting, slug, request.user.email)
        messages.success(
            request, f"En prøve på '{mailing.label}' er lagt i kø til {request.user.email}."
        )
        return redirect(target)

    def _changing(self, request, pk):
        """The meeting of settings the user may change, for a POST from the meeting's page."""
        reg_settings = self._settings(request, pk)
        if not self.has_change_permission(request, reg_settings):
            raise PermissionDenied
        return reg_settings.meeting

    @method_decorator(require_POST)
    def send_invitations_view(self, request, pk):
        """The invitation step: personal links made, and the invitation sent now or set for a
        time; back to the meeting's page with what happened."""
        meeting = self._changing(request, pk)
        form = InvitationSendForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        else:
            try:
                done = invitation_step.send_invitations(meeting, at=form.cleaned_data["at"])
            except (invitation_step.NothingToSend, registration.Busy) as error:
                messages.error(request, str(error))
            else:
                messages.success(request, done)
        return redirect(WORKSPACE, meeting.pk)

    @method_decorator(require_POST)
    def remind_unanswered_view(self, request, pk):
        meeting = self._changing(request, pk)
        try:
            count = invitation_step.remind_unanswered(meeting)
        except (invitation_step.NothingToSend, registration.Busy) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"En påmindelse er sendt til {count}, der ikke har svaret.")
        return redirect(WORKSPACE, meeting.pk)

    @method_decorator(require_POST)
    def publish_without_mailings_view(self, request, pk):
        """The publish confirmation's other answer: publish, and pass over the mailings whose
        time went by while the meeting was a draft."""
        meeting = self._changing(request, pk)
        try:
            passed = mailing_overview.publish_without_due_mailings(meeting)
        except StateError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, f"Mødet er offentliggjort. {passed} forfaldne udsendelser er ikke sendt."
            )
        return redirect(WORKSPACE, meeting.pk)

    def participant_list_view(self, request, pk):
        meeting = self._settings(request, pk).meeting
        filename = f"deltagerliste-{meeting.registration_slug or meeting.pk}.pdf"
        pdf = reports.participant_list_pdf(meeting)
        return file_response(pdf, "application/pdf", filename, inline=True)

    def manual_registration_view(self, request, pk):
        """A registration that came by e-mail or phone. Staff may pass the deadline and, when
        they tick it, the capacity; registration.register() logs both."""
        if not request.user.has_perm("registrations.add_registration"):
            raise PermissionDenied
        reg_settings = self._settings(request, pk)
        meeting = reg_settings.meeting
        form = ManualRegistrationForm(
            request.POST or None,
            reg_settings=reg_settings,
            seats=registration.seats_left(reg_settings),
        )
        if request.method == "POST" and form.is_valid():
            try:
                outcome = registration.register(
                    meeting,
                    form.cleaned_data,
                    source=Registration.Source.STAFF,
                    staff_user=request.user,
                    pass_capacity=form.cleaned_data["pass_capacity"],
                    note=form.cleaned_data["note"],
                )
            except registration.RegistrationError as error:
                form.add_error(None, str(error))
            else:
                made = outcome.registration
                messages.success(
                    request, f"{made.name} er registreret: {made.get_status_display().lower()}."
                )
                changelist = reverse("admin:registrations_registration_changelist")
                return redirect(f"{changelist}?meeting__id__exact={meeting.pk}")
        context = {
            "title": f"Tilføj tilmelding: {meeting}",
            "meeting": meeting,
            "form": form,
            "past_deadline": not reg_settings.is_open(),
        }
        return admin_page(self, request, "registrations/admin/manual.html", context)


class PersonalDataViews:
    """The personal-data page, for RegistrationAdmin: at /admin/registrations/registration/
    persondata/."""

    def get_urls(self):
        routes = [("persondata/", self.personal_data_view, "registrations_personal_data")]
        return admin_urls(self, routes) + super().get_urls()

    def personal_data_view(self, request):
        """GET ?email=…: what is held; POST action=export: the JSON file; POST action=erase
        with the confirmation ticked: anonymise and delete. All within the meetings the user
        may edit (privacy.held_about); administrators: everything."""
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        scope = (
            None
            if is_administrator(request.user)
            else editable(Meeting.objects.all(), request.user)
        )
        action = request.POST.get("action")
        erase_errors = None
        if action == "erase":
            if not request.user.has_perms(ERASE_PERMISSIONS):
                raise PermissionDenied
            form = EraseForm(request.POST)
            if form.is_valid():
                counts = privacy.erase(form.cleaned_data["email"], scope)
                other = "".join(f", {n} {heading}" for heading, n in counts["other"].items())
                messages.success(
                    request,
                    f"Slettet: {counts['people']} personer, {counts['invitations']} invitationer"
                    f"{other} og {counts['messages']} e-mails; {counts['registrations']} "
                    "tilmeldinger anonymiseret.",
                )
                return redirect("admin:registrations_personal_data")
            erase_errors = form.errors.get("confirm")
            form = LookupForm(request.POST)
        elif action == "export":
            form = LookupForm(request.POST)
            if form.is_valid():
                email = form.cleaned_data["email"]
                return file_response(
                    privacy.export(email, scope),
                    "application/json; charset=utf-8",
                    f"persondata-{slugify(email)}.json",
                )
        else:
            form = LookupForm(request.GET or None)
        held = None
        if form.is_valid():
            found = privacy.held_about(form.cleaned_data["email"], scope)
            other = found.pop("other")
            held = {name: rows.count() for name, rows in found.items()}
            held["other"] = {heading: rows.count() for heading, rows in other.items()}
        context = {
            "title": "Persondata: indsigt og sletning",
            "form": form,
            "confirm_label": EraseForm.base_fields["confirm"].label,
            "erase_errors": erase_errors,
            "held": held,
            "can_erase": request.user.has_perms(ERASE_PERMISSIONS),
        }
        return admin_page(self, request, "registrations/admin/personal_data.html", context)
