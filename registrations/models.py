"""Registration for meetings: the settings of a meeting's tilmelding, the capacities of its
parallel sessions, the registrations themselves, personal invitations, and the log of what
staff did past the rules.

A registration's status (confirmed / waiting / cancelled) is decided by `services.py` under a
lock, never by a form or the admin.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from meetings.models import Meeting, Municipality, ParallelSession, Person, Role

DEFAULT_CONSENT_TEXT = (
    "Jeg giver samtykke til, at KL opbevarer mine oplysninger til brug for planlægningen af "
    "mødet. Oplysningerne slettes senest et år efter mødet."
)
# What a secret in a link looks like: token_urlsafe(32) gives 43 characters (256 bits).
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_secret():
    return secrets.token_urlsafe(32)


def secret_digest(secret):
    """The keyed digest a secret is looked up by. Looking up the digest rather than the secret
    means the database's comparison can leak nothing useful about a secret through timing."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"tilmeld:{secret}".encode(), hashlib.sha256
    ).hexdigest()


def find_by_secret(queryset, secret):
    """The one row of `queryset` whose secret is `secret`, or None. The single place where a
    secret from a link is checked: its shape, then its digest, compared in constant time."""
    if not isinstance(secret, str) or not SECRET_PATTERN.match(secret):
        return None
    digest = secret_digest(secret)
    row = queryset.filter(secret_digest=digest).first()
    if row is None or not hmac.compare_digest(row.secret_digest, digest):
        return None
    return row


class SecretDigestField(models.CharField):
    """The digest of the row's `secret`, made as the row is written, however it is written."""

    def pre_save(self, model_instance, add):
        digest = secret_digest(model_instance.secret)
        setattr(model_instance, self.attname, digest)
        return digest


class SecretLink(models.Model):
    """A row that a personal link opens: a random secret and its digest."""

    secret = models.CharField("hemmelig nøgle", max_length=43, default=new_secret, editable=False)
    secret_digest = SecretDigestField(max_length=64, unique=True, editable=False)

    class Meta:
        abstract = True


class FieldMode(models.TextChoices):
    HIDDEN = "hidden", "Vises ikke"
    OPTIONAL = "optional", "Frivilligt"
    REQUIRED = "required", "Skal udfyldes"


def parse_reminder_days(value):
    """'7, 2' -> [7, 2]: whole days before the deadline, largest first, each once."""
    parts = [part.strip() for part in (value or "").replace(";", ",").split(",")]
    parts = [part for part in parts if part]
    if not all(part.isdigit() and 0 < int(part) <= 365 for part in parts):
        raise ValidationError(
            "Skriv antal dage før fristen som hele tal mellem 1 og 365, adskilt af komma, "
            "fx '7, 2'."
        )
    return sorted({int(part) for part in parts}, reverse=True)


def _mode_field(label, default=FieldMode.OPTIONAL):
    return models.CharField(label, max_length=10, choices=FieldMode.choices, default=default)


class RegistrationSettings(models.Model):
    """How one meeting takes registrations. A meeting with a registration link but no row here
    uses the defaults (the row is made when first needed)."""

    meeting = models.OneToOneField(
        Meeting,
        models.CASCADE,
        primary_key=True,
        related_name="registration_settings",
        verbose_name="møde",
    )
    opens_at = models.DateTimeField(
        "åbner", null=True, blank=True, help_text="Tom: åben fra mødet er oprettet."
    )
    capacity = models.PositiveIntegerField(
        "antal pladser", null=True, blank=True, help_text="Tom: ingen grænse."
    )
    municipality_mode = _mode_field("kommune", FieldMode.REQUIRED)
    role_mode = _mode_field("rolle eller titel", FieldMode.REQUIRED)
    party_mode = _mode_field("parti")
    phone_mode = _mode_field("telefon")
    dietary_mode = _mode_field("kosthensyn")
    session_mode = _mode_field("valg af session")
    comment_mode = _mode_field("kommentar")
    dinner_label = models.CharField(
        "aftenarrangement",
        max_length=200,
        blank=True,
        help_text="Fx 'Aftenarrangement – middag og underholdning'. Tom: intet valg.",
    )
    consent_text = models.TextField("samtykketekst", default=DEFAULT_CONSENT_TEXT)

    # The meeting's mailings (registrations/mailings.py), timed from the meeting.
    invitations_at = models.DateTimeField(
        "invitationer sendes",
        null=True,
        blank=True,
        help_text="Sendes med personligt link til alle med en personlig invitation. "
        "Tom: sendes ikke.",
    )
    reminder_days = models.CharField(
        "påmindelser, dage før fristen",
        max_length=50,
        blank=True,
        default="7, 2",
        validators=[parse_reminder_days],
        help_text="Til inviterede, der ikke har tilmeldt sig, fx '7, 2'. Tom: ingen påmindelser.",
    )
    programme_days = models.PositiveSmallIntegerField(
        "program sendes, dage før mødet",
        null=True,
        blank=True,
        default=7,
        help_text="Programmet (eller invitationen) som PDF til de tilmeldte. Tom: sendes ikke.",
    )
    summary_email = models.EmailField(
        "deltagerliste sendes til",
        blank=True,
        help_text="Når fristen er passeret. Tom: mødets kontaktperson.",
    )

    class Meta:
        verbose_name = "tilmeldingsindstillinger"
        verbose_name_plural = "tilmeldingsindstillinger"

    def __str__(self):
        return f"Tilmelding til {self.meeting}"

    @property
    def closes_at(self):
        """The meeting's deadline (its one deadline, `Meeting.registration_deadline`), or its
        start when it has none."""
        return self.meeting.registration_deadline or self.meeting.starts_at

    def is_open(self, now=None):
        """Open from `opens_at` up to, not including, the closing instant, and only while the
        meeting is published (a draft or a cancelled meeting takes no registrations)."""
        if self.meeting.status != self.meeting.Status.PUBLISHED:
            return False
        now = now or timezone.now()
        return self.has_opened(now) and now < self.closes_at

    def has_opened(self, now=None):
        return not self.opens_at or (now or timezone.now()) >= self.opens_at

    @property
    def reminder_day_list(self):
        return parse_reminder_days(self.reminder_days)

    @property
    def summary_recipient(self):
        return self.summary_email or self.meeting.contact_email


class SessionCapacity(models.Model):
    """The number of seats of one parallel session; a session without a row has no limit."""

    settings = models.ForeignKey(
        RegistrationSettings,
        models.CASCADE,
        related_name="session_capacities",
        verbose_name="tilmeldingsindstillinger",
    )
    session = models.OneToOneField(
        ParallelSession, models.CASCADE, related_name="capacity", verbose_name="session"
    )
    capacity = models.PositiveIntegerField("antal pladser")

    class Meta:
        verbose_name = "sessionens pladser"
        verbose_name_plural = "sessionernes pladser"

    def __str__(self):
        return f"{self.session}: {self.capacity} pladser"

    def clean(self):
        if self.session_id and self.settings_id and self.session.meeting_id != self.settings_id:
            raise ValidationError({"session": "Sessionen hører til et andet møde."})


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("queued_at", "pk")


class Registration(SecretLink):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Tilmeldt"
        WAITING = "waiting", "På venteliste"
        CANCELLED = "cancelled", "Afmeldt"

    class Source(models.TextChoices):
        WEB = "web", "Tilmeldingslink"
        INVITATION = "invitation", "Personlig invitation"
        STAFF = "staff", "Sekretariatet"

    # No index of its own: (meeting, status, queued_at) serves every look-up by meeting, so
    # the seats are counted through it even when a rush has left the statistics behind.
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="registrations", verbose_name="møde", db_index=False
    )
    person = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name="person",
    )
    name = models.CharField("navn", max_length=200)
    email = models.EmailField("e-mail")
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name="kommune",
    )
    role = models.CharField("rolle", max_length=40, choices=Role.choices, blank=True)
    party_letter = models.CharField("parti", max_length=3, blank=True)
    phone = models.CharField("telefon", max_length=40, blank=True)
    dietary_needs = models.CharField("kosthensyn", max_length=300, blank=True)
    session = models.ForeignKey(
        ParallelSession,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name="session",
    )
    dinner = models.BooleanField("deltager i aftenarrangement", default=False)
    comment = models.TextField("kommentar", blank=True)
    consent_at = models.DateTimeField("samtykke givet", null=True, blank=True)

    status = models.CharField("status", max_length=10, choices=Status.choices, editable=False)
    waiting_reason = models.CharField("venter fordi", max_length=200, blank=True, editable=False)
    source = models.CharField(
        "kilde", max_length=12, choices=Source.choices, default=Source.WEB, editable=False
    )
    queued_at = models.DateTimeField(
        "tilmeldt", default=timezone.now, editable=False, help_text="Rækkefølgen på ventelisten."
    )
    confirmed_at = models.DateTimeField("bekræftet", null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField("afmeldt", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    updated_at = models.DateTimeField("ændret", auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "tilmelding"
        verbose_name_plural = "tilmeldinger"
        ordering = ["meeting", "queued_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "meeting", name="registration_email_unique_per_meeting"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["confirmed", "waiting", "cancelled"]),
                name="registration_status_known",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "status", "queued_at"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display().lower()})"

    def changes_public_pages(self, created):
        """Public pages show free seats, never who registered (klmeetings.page_cache): a new
        registration that holds no seat changes none of them. In an invitation's rush, once
        the seats are taken, the pages then stay cached."""
        return not created or self.status == self.Status.CONFIRMED


class Invitation(SecretLink):
    """A personal invitation link: opens the form filled in from the person's record."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="invitations", verbose_name="møde"
    )
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="invitations", verbose_name="person"
    )
    created_at = models.DateTimeField("oprettet", auto_now_add=True)

    class Meta:
        verbose_name = "personlig invitation"
        verbose_name_plural = "personlige invitationer"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="invitation_unique")
        ]

    def __str__(self):
        return f"{self.person} til {self.meeting}"


class StaffOverride(models.Model):
    """What a member of staff let through past the deadline or the capacity, and why."""

    registration = models.ForeignKey(
        Registration, models.CASCADE, related_name="overrides", verbose_name="tilmelding"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="medarbejder",
    )
    passed_deadline = models.BooleanField("efter fristen", default=False)
    passed_capacity = models.BooleanField("ud over pladserne", default=False)
    note = models.CharField("begrundelse", max_length=300, blank=True)
    created_at = models.DateTimeField("tidspunkt", auto_now_add=True)

    class Meta:
        verbose_name = "undtagelse ved sekretariatet"
        verbose_name_plural = "undtagelser ved sekretariatet"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.registration} – {self.user}"


class MailingRun(models.Model):
    """That one of a meeting's mailings has been done (or passed over), and for which due
    time. Unique per meeting and mailing: the sweep writes it in the transaction that writes
    the e-mails, so a mailing is never done twice."""

    class Status(models.TextChoices):
        SENT = "sent", "Sendt"
        SKIPPED = "skipped", "Sprunget over"

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="mailing_runs", verbose_name="møde"
    )
    mailing = models.CharField("udsendelse", max_length=40)
    due_at = models.DateTimeField("planlagt til")
    status = models.CharField("status", max_length=10, choices=Status.choices)
    recipients = models.PositiveIntegerField("modtagere", default=0)
    note = models.CharField("bemærkning", max_length=300, blank=True)
    created_at = models.DateTimeField("udført", auto_now_add=True)

    class Meta:
        verbose_name = "udført udsendelse"
        verbose_name_plural = "udførte udsendelser"
        ordering = ["meeting", "due_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "mailing"], name="mailing_run_unique")
        ]

    def __str__(self):
        return f"{self.mailing} til {self.meeting}"
