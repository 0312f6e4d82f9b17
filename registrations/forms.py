"""The tilmeld form, built from the meeting's registration settings: which fields are shown and
which must be filled in. Status is not a field: the service decides it."""

import functools
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from meetings.models import Municipality, ParallelSession, Role, is_politician_role

from .models import FieldMode

# Optional fields and the setting that says whether each is hidden, optional or required.
CONFIGURABLE_FIELDS = {
    "municipality": "municipality_mode",
    "role": "role_mode",
    "party_letter": "party_mode",
    "phone": "phone_mode",
    "dietary_needs": "dietary_mode",
    "session": "session_mode",
    "comment": "comment_mode",
}


# A comment is read by the secretariat, not stored as a document.
COMMENT_MAX_LENGTH = 2000


def single_line(value):
    """Refuses a line break: these fields reach e-mail texts and the participant list, where
    a line break would start a line the form never offered. Not only CR and LF: every
    control character (Unicode Cc: VT, FF, NEL, 0x1C-0x1E, tab ...) and the line and
    paragraph separators (Zl, Zp, U+2028/U+2029), which mail programs, spreadsheets and
    Python's own splitlines() take as line breaks."""
    if any(unicodedata.category(character) in ("Cc", "Zl", "Zp") for character in value):
        raise ValidationError("Feltet skal stå på én linje uden linjeskift eller kontroltegn.")


class ModelChoiceFromRows(forms.ModelChoiceField):
    """A ModelChoiceField that finds the chosen row among `rows` (by primary key) when it is
    given them, already read, rather than querying for it: a registration in an invitation's
    rush then reads only what it locks and writes."""

    rows = None

    def to_python(self, value):
        if self.rows is None or value in self.empty_values:
            return super().to_python(value)
        try:
            return self.rows[int(value)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label="Navn",
        max_length=200,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail",
        help_text="Bekræftelsen sendes hertil.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    municipality = forms.ModelChoiceField(
        label="Kommune", queryset=Municipality.objects.all(), empty_label="Vælg kommune"
    )
    role = forms.ChoiceField(label="Rolle eller titel", choices=[("", "Vælg")] + Role.choices)
    party_letter = forms.CharField(label="Parti (bogstav)", max_length=3, validators=[single_line])
    phone = forms.CharField(
        label="Telefon",
        max_length=40,
        validators=[single_line],
        widget=forms.TelInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    dietary_needs = forms.CharField(
        label="Kosthensyn eller allergier", max_length=300, validators=[single_line]
    )
    session = ModelChoiceFromRows(
        label="Session",
        queryset=ParallelSession.objects.none(),
        empty_label="Vælg session",
        widget=forms.RadioSelect,
    )
    dinner = forms.BooleanField(required=False)
    comment = forms.CharField(
        label="Kommentar",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"Kommentaren må højst være {COMMENT_MAX_LENGTH} tegn "
            "(den er %(show_value)d)."
        },
    )
    consent = forms.BooleanField(
        error_messages={"required": "Du skal give samtykke for at kunne tilmelde dig."}
    )

    # Offer only the municipalities and roles the meeting admits. Only the offer is narrowed:
    # a value sent anyway is refused by the service's one rule, with its Danish reason.
    only_invited = True

    def __init__(self, *args, reg_settings, seats=None, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = reg_settings.meeting
        for name, setting in CONFIGURABLE_FIELDS.items():
            mode = getattr(reg_settings, setting)
            if mode == FieldMode.HIDDEN:
                del self.fields[name]
            else:
                self.fields[name].required = mode == FieldMode.REQUIRED
        if "session" in self.fields:
            if not meeting.sessions.all():  # no query when prefetched
                del self.fields["session"]
            else:
                self.fields["session"].queryset = meeting.sessions.all()
                self.fields["session"].rows = {s.pk: s for s in meeting.sessions.all()}
                self.fields["session"].label_from_instance = lambda s: _session_label(s, seats)
        if reg_settings.dinner_label:
            event = reg_settings.dinner_label
            self.fields["dinner"].label = f"Jeg deltager i {event[:1].lower()}{event[1:]}"
        else:
            del self.fields["dinner"]
        self.fields["consent"].label = reg_settings.consent_text
        self.fields["consent"].help_text = format_html(
            '<a href="{}">Læs om KL\'s behandling af dine oplysninger</a>', reverse("privacy")
        )
        if self.only_invited:
            self._offer_only_the_invited(meeting)

    def _offer_only_the_invited(self, meeting):
        if "municipality" in self.fields:
            field = self.fields["municipality"]
            every_municipality = field.widget.choices

            @functools.cache  # read when the form is shown (once), not when one is saved
            def offered():
                if meeting.invites_all_municipalities:
                    return every_municipality
                invited = list(meeting.invited_municipalities.all())
                if not invited:
                    return [("", "Ingen kommuner er inviteret")]
                return [("", field.empty_label)] + [(m.pk, str(m)) for m in invited]

            field.widget.choices = offered
        if "role" in self.fields:
            self.fields["role"].widget.choices = [("", "Vælg")] + [
                (value, label)
                for value, label in Role.choices
                if (not meeting.only_for_politicians or is_politician_role(value))
                and (not meeting.invited_roles or value in meeting.invited_roles)
            ]

    def clean_party_letter(self):
        return self.cleaned_data["party_letter"].strip().upper()


def _session_label(session, seats):
    """'3. Dør borgerne godt i din kommune? (fuld – du kommer på venteliste)' when there is no
    seat left; `seats` is what services.seats_left() returns."""
    label = str(session)
    if seats is not None and 0 in (seats[0], seats[1].get(session.pk)):
        label += " (fuld – du kommer på venteliste)"
    return label


class ManualRegistrationForm(RegistrationForm):
    """The secretariat's form for a registration that came by e-mail or phone: staff register
    whom they decide, so every municipality and role is offered."""

    only_invited = False

    pass_capacity = forms.BooleanField(
        label="Giv plads selv om mødet eller sessionen er fuld", required=False
    )
    note = forms.CharField(
        label="Begrundelse", max_length=300, required=False, validators=[single_line]
    )

    def __init__(self, *args, reg_settings, **kwargs):
        super().__init__(*args, reg_settings=reg_settings, **kwargs)
        self.fields["consent"].required = False
        self.fields["consent"].label = "Deltageren har givet samtykke"
        for name in ["municipality", "role"]:
            if name in self.fields:
                self.fields[name].required = False


class LookupForm(forms.Form):
    """The personal-data page's e-mail address to look up."""

    email = forms.EmailField(label="E-mail")


class EraseForm(LookupForm):
    confirm = forms.BooleanField(
        label="Ja, slet personens oplysninger. Det kan ikke fortrydes.",
        error_messages={"required": "Bekræft sletningen ved at sætte flueben."},
    )


class InvitationSendForm(forms.Form):
    """The invitation step's "send nu" or a time (the meeting's page)."""

    when = forms.ChoiceField(
        label="Hvornår",
        choices=[("now", "Send nu"), ("at", "Send på et tidspunkt")],
        initial="now",
        widget=forms.RadioSelect,
    )
    at = forms.DateTimeField(
        label="Tidspunkt",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") != "at":
            cleaned["at"] = None
        elif not cleaned.get("at"):
            self.add_error("at", "Skriv tidspunktet, eller vælg Send nu.")
        elif cleaned["at"] <= timezone.now():
            self.add_error("at", "Tidspunktet er passeret. Vælg et senere, eller vælg Send nu.")
        return cleaned
