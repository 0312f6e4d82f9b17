"""A meeting: when and where, who is invited, its tilmelding, and the fields its invitation
letter and programme print around their own rows (letter.py, programme.py)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django_prose_editor.fields import ProseEditorField

from klmeetings.dates import danish_long_date
from klmeetings.richtext import RICH_TEXT_EXTENSIONS, safe_rich_text, sanitize_html

from .. import contributions
from .places import Municipality, Organiser, is_politician_role

case_number_validator = RegexValidator(
    r"^SAG-\d{4}-\d{5}$", "Sags ID skal have formen SAG-ÅÅÅÅ-NNNNN, fx SAG-2021-03487."
)


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: every meeting but drafts (cancelled ones show "Aflyst").
        The one rule: every public page, PDF, feed, .ics and search asks it, directly or
        through Agenda.objects.public() and AgendaVersion.objects.public()."""
        return self.exclude(status=Meeting.Status.DRAFT)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")


class Meeting(models.Model):
    class Kind(models.TextChoices):
        POLITICAL = "politisk", "Politisk møde"
        DIALOGUE = "dialog", "Dialogmøde"
        DEBATE = "debat", "Debatmøde"
        CONFERENCE = "konference", "Konference"
        COMMITTEE = "udvalg", "Udvalgsmøde"
        KKR = "kkr", "KKR-møde"

    class Status(models.TextChoices):
        # "Afholdt" is not stored: a published meeting that has ended is held (see `state`).
        DRAFT = "draft", "Kladde"
        PUBLISHED = "published", "Offentliggjort"
        CANCELLED = "cancelled", "Aflyst"

    organiser = models.ForeignKey(
        Organiser, models.PROTECT, related_name="meetings", verbose_name="arrangør"
    )
    kind = models.CharField("mødetype", max_length=20, choices=Kind.choices)
    title = models.CharField("titel", max_length=300)
    # Every way of making a meeting (the admin, the agenda import, a copy, the shell) makes
    # a draft: nobody sees it until the secretary publishes it.
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    starts_at = models.DateTimeField("starter")
    ends_at = models.DateTimeField("slutter")
    venue_name = models.CharField("sted", max_length=200, blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)

    invited_text = models.CharField(
        "inviterede (som i brevet)",
        max_length=500,
        blank=True,
        help_text="Fx 'kommunalpolitikere fra Ikast-Brande, Herning ... kommuner'.",
    )
    invited_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="invited_to", verbose_name="inviterede kommuner"
    )
    # "Everyone" is said, never read from an empty list: without it nobody chosen is nobody.
    invites_all_municipalities = models.BooleanField(
        "alle landets kommuner inviteret", default=False
    )
    invited_roles = models.JSONField(
        "inviterede roller", default=list, blank=True, help_text="Tom liste: alle roller."
    )
    only_for_politicians = models.BooleanField("kun for kommunalpolitikere", default=False)

    case_number = models.CharField(
        "Sags ID", max_length=20, blank=True, validators=[case_number_validator]
    )
    document_number = models.CharField("Dok. ID", max_length=20, blank=True)
    letter_date = models.DateField("brevets dato", null=True, blank=True)
    contact_name = models.CharField("kontaktperson", max_length=200, blank=True)
    contact_email = models.EmailField("kontaktpersonens e-mail", blank=True)
    contact_phone = models.CharField("kontaktpersonens direkte telefon", max_length=40, blank=True)

    registration_slug = models.SlugField(
        "tilmeldingslink",
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text="Giver adressen /tilmeld/<kortnavn>/.",
    )
    registration_deadline = models.DateTimeField("tilmeldingsfrist", null=True, blank=True)
    registration_email = models.EmailField(
        "tilmelding pr. e-mail til",
        blank=True,
        help_text="Når tilmelding sker pr. e-mail i stedet for via link.",
    )

    co_organisers = models.ManyToManyField(
        Organiser,
        blank=True,
        related_name="co_organised_meetings",
        verbose_name="medarrangører",
        help_text="Fx når to udvalg holder en konference sammen.",
    )

    # The letter: what the invitation PDF prints around the sections below.
    letter_recipient = models.CharField(
        "modtagere (brevets overlinje)",
        max_length=200,
        blank=True,
        help_text="Fx 'Udvalgspolitikere'.",
    )
    letter_heading = models.CharField(
        "brevets overskrift", max_length=300, blank=True, help_text="Tom: mødets titel."
    )
    salutation = models.CharField(
        "indledende hilsen",
        max_length=200,
        blank=True,
        help_text="Fx 'Kære borgmester og udvalgsformand'.",
    )
    sender_email = models.EmailField(
        "afsenderens e-mail (brevhoved)",
        blank=True,
        help_text="Står under 'E-mail:' i brevhovedet.",
    )
    sender_phone = models.CharField(
        "afsenderens direkte telefon (brevhoved)", max_length=40, blank=True
    )
    signature_lead = models.CharField(
        "linje før hilsenen",
        max_length=200,
        blank=True,
        help_text="Fx 'På vegne af KL's Socialudvalg'.",
    )
    signature_greeting = models.CharField(
        "hilsen", max_length=100, blank=True, default="Med venlig hilsen"
    )
    preliminary_agenda_heading = models.CharField(
        "overskrift på foreløbig dagsorden",
        max_length=200,
        blank=True,
        default="Foreløbig dagsorden for mødet",
    )
    background_heading = models.CharField("overskrift på baggrund", max_length=200, blank=True)
    background = ProseEditorField(
        "baggrund",
        extensions=RICH_TEXT_EXTENSIONS,
        sanitize=sanitize_html,
        blank=True,
        help_text="Vises efter underskrifterne og den foreløbige dagsorden.",
    )

    # The programme of a conference.
    moderator_name = models.CharField("ordstyrer", max_length=200, blank=True)
    moderator_title = models.CharField(
        "ordstyrerens titel", max_length=200, blank=True, help_text="Fx 'journalist'."
    )

    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    updated_at = models.DateTimeField("ændret", auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "møde"
        verbose_name_plural = "møder"
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @property
    def heading(self):
        return self.letter_heading or self.title

    @cached_property
    def sessions_when(self):
        """When the parallel sessions run, from their slot in the programme ("torsdag den 5.
        marts 2026 kl. 13.30-15.00"), or "" without one. One query."""
        from .programme import ProgrammeSlot  # programme.py imports this module

        slot = (
            ProgrammeSlot.objects.filter(day__meeting=self, kind=ProgrammeSlot.Kind.SESSIONS)
            .select_related("day")
            .order_by("day__date", "starts_at")
            .first()
        )
        if slot is None:
            return ""
        end = f"-{slot.ends_at:%H.%M}" if slot.ends_at else ""
        return f"{danish_long_date(slot.day.date)} kl. {slot.starts_at:%H.%M}{end}"

    @property
    def background_html(self):
        return safe_rich_text(self.background)

    def eligibility_error(self, municipality, role):
        """Why someone of `municipality` and `role` may not come, in Danish; None when they
        may (the meeting's invited municipalities and roles, and "only for politicians")."""
        if self.only_for_politicians and not is_politician_role(role):
            return "Mødet er kun for kommunalpolitikere."
        if self.invited_roles and role not in self.invited_roles:
            return "Mødet er kun for inviterede roller, og din rolle er ikke blandt dem."
        if self.invites_all_municipalities:
            return None
        invited = list(self.invited_municipalities.all())
        if not invited:
            return "Ingen kommuner er inviteret til mødet endnu, så man kan ikke tilmelde sig."
        if municipality is None or municipality not in invited:
            names = ", ".join(m.name for m in invited)
            return f"Mødet er kun for de inviterede kommuner: {names}."
        return None

    @property
    def nobody_invited(self):
        """True when no municipality is invited: neither every one nor any chosen."""
        # .all(): no query when the tilmeld page has them prefetched
        return not self.invites_all_municipalities and not self.invited_municipalities.all()

    @property
    def state(self):
        """'Kladde', 'Offentliggjort', 'Afholdt' or 'Aflyst', as the secretariat says it."""
        if self.status == self.Status.PUBLISHED and self.ends_at < timezone.now():
            return "Afholdt"
        return self.get_status_display()

    @property
    def place(self):
        """'Golf Hotel Viborg, Hans Tausens Alle 2, 8800 Viborg'."""
        return ", ".join(part for part in (self.venue_name, self.address) if part)

    @property
    def registration_path(self):
        """Where one signs up on the portal, as an app contributes it; None: nowhere."""
        return contributions.registration_path(self)

    @property
    def registration_url(self):
        """The tilmeld page as an absolute link, printed in the invitation and the .ics."""
        path = self.registration_path
        return f"{settings.SITE_URL}{path}" if path else None

    @property
    def calendar_url(self):
        """The meeting's .ics as an absolute link, for e-mails."""
        return settings.SITE_URL + reverse("meetings:ics", args=[self.pk])

    @property
    def letterhead(self):
        """The `letterhead` context of templates/pdf/base.html."""
        return {
            "date": self.letter_date,
            "case_number": self.case_number,
            "document_number": self.document_number,
            "email": self.sender_email,
            "direct_phone": self.sender_phone,
        }
