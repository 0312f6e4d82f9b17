"""The base of the portal: regions, municipalities, organisers (KL's committees and the five
KKR), people, and meetings with their invitation letter (sections, signatories, preliminary
agenda, background, attachments) and conference programme (days, slots, speakers, parallel
sessions); and who belongs to an organiser (members and secretariat, see access.py)."""

import html
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import signals
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django_prose_editor.fields import ProseEditorField

from klmeetings import uploads
from klmeetings.richtext import RICH_TEXT_EXTENSIONS, safe_rich_text, sanitize_html

case_number_validator = RegexValidator(
    r"^SAG-\d{4}-\d{5}$", "Sags ID skal have formen SAG-ÅÅÅÅ-NNNNN, fx SAG-2021-03487."
)


class Region(models.Model):
    name = models.CharField("navn", max_length=100, unique=True)

    class Meta:
        verbose_name = "region"
        verbose_name_plural = "regioner"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    name = models.CharField("navn", max_length=100, unique=True)
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="municipalities", verbose_name="region"
    )

    class Meta:
        verbose_name = "kommune"
        verbose_name_plural = "kommuner"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} Kommune"


class Organiser(models.Model):
    """Who holds a meeting: one of KL's political committees, or a KKR (one per region)."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", "KL-udvalg"
        KKR = "kkr", "KKR"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    name = models.CharField("navn", max_length=150, unique=True)
    slug = models.SlugField("kortnavn", max_length=80, unique=True)
    region = models.OneToOneField(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="kkr",
        verbose_name="region",
        help_text="Kun for KKR: den region, rådet dækker.",
    )

    class Meta:
        verbose_name = "arrangør"
        verbose_name_plural = "arrangører"
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="kkr", region__isnull=False)
                    | models.Q(kind="committee", region__isnull=True)
                ),
                name="organiser_kkr_has_region",
            )
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    """The titles that decide who may be invited; what a person is called in a letter is
    their free-text `title`."""

    MAYOR = "borgmester", "Borgmester"
    ALDERMAN = "raadmand", "Rådmand"
    COMMITTEE_CHAIR = "udvalgsformand", "Udvalgsformand"
    COUNCILLOR = "kommunalbestyrelsesmedlem", "Kommunalbestyrelsesmedlem"
    REGIONAL_COUNCILLOR = "regionsraadsmedlem", "Regionsrådsmedlem"
    MEMBER_OF_PARLIAMENT = "folketingsmedlem", "Folketingsmedlem"
    OFFICIAL = "embedsperson", "Embedsperson"
    OTHER = "andet", "Andet"


POLITICIAN_ROLES = {
    Role.MAYOR,
    Role.ALDERMAN,
    Role.COMMITTEE_CHAIR,
    Role.COUNCILLOR,
    Role.REGIONAL_COUNCILLOR,
    Role.MEMBER_OF_PARLIAMENT,
}


def is_politician_role(role):
    """The one rule for who counts as a politician: meetings "only for politicians" admit
    these roles, and their invitations go to these people."""
    return role in POLITICIAN_ROLES


class PersonQuerySet(models.QuerySet):
    def politicians(self):
        return self.filter(role__in=POLITICIAN_ROLES)


class Person(models.Model):
    """A politician or other contact: invitees, signatories, speakers."""

    name = models.CharField("navn", max_length=200)
    role = models.CharField("rolle", max_length=40, choices=Role.choices, default=Role.OTHER)
    title = models.CharField(
        "titel", max_length=250, blank=True, help_text="Som i brevene, fx 'formand for KKR'."
    )
    municipality = models.ForeignKey(
        Municipality,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name="kommune",
    )
    organisation = models.CharField(
        "organisation", max_length=250, blank=True, help_text="For andre end kommunale."
    )
    party_letter = models.CharField("partibogstav", max_length=3, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("telefon", max_length=40, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["name"]
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return self.name

    @property
    def is_politician(self):
        return is_politician_role(self.role)


class MeetingQuerySet(models.QuerySet):
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

    organiser = models.ForeignKey(
        Organiser, models.PROTECT, related_name="meetings", verbose_name="arrangør"
    )
    kind = models.CharField("mødetype", max_length=20, choices=Kind.choices)
    title = models.CharField("titel", max_length=300)
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
    invited_roles = models.JSONField(
        "inviterede roller",
        default=list,
        blank=True,
        help_text="Tom liste: alle roller.",
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

    @property
    def background_html(self):
        return safe_rich_text(self.background)

    @property
    def place(self):
        """'Golf Hotel Viborg, Hans Tausens Alle 2, 8800 Viborg'."""
        return ", ".join(part for part in (self.venue_name, self.address) if part)

    @property
    def registration_url(self):
        """The portal's tilmeld page, printed in the invitation; None without a slug."""
        if not self.registration_slug:
            return None
        return f"{settings.SITE_URL}/tilmeld/{self.registration_slug}/"

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


class ParallelSession(models.Model):
    """One of the numbered sessions that run at the same time at a conference."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="sessions", verbose_name="møde"
    )
    number = models.PositiveSmallIntegerField("nummer")
    title = models.CharField("titel", max_length=300)
    description = models.TextField("beskrivelse", blank=True, help_text="Tom linje mellem afsnit.")

    class Meta:
        verbose_name = "session"
        verbose_name_plural = "sessioner"
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="session_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class LetterSection(models.Model):
    """One part of the invitation letter, in the order the letter shows them.

    Most are text the secretariat writes; a few kinds print the meeting's own data (time and
    place, tilmelding, contact person, the list of themes) so the letter never disagrees with it.
    """

    class Kind(models.TextChoices):
        TEXT = "text", "Tekst"
        THEME = "theme", "Tema (med hvem der indleder)"
        THEME_LIST = "theme_list", "Liste over temaerne (teksten står før listen)"
        TIME_AND_PLACE = "time_place", "Tid og sted (teksten indleder sætningen)"
        REGISTRATION = "registration", "Tilmelding (teksten indleder linket)"
        CONTACT = "contact", "Kontaktperson (teksten indleder sætningen)"

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="letter_sections", verbose_name="møde"
    )
    position = models.PositiveSmallIntegerField("rækkefølge", default=0)
    kind = models.CharField("slags", max_length=20, choices=Kind.choices, default=Kind.TEXT)
    heading = models.CharField("overskrift", max_length=300, blank=True)
    body = ProseEditorField(
        "tekst", extensions=RICH_TEXT_EXTENSIONS, sanitize=sanitize_html, blank=True
    )
    opener = models.CharField(
        "indledes af",
        max_length=300,
        blank=True,
        help_text="For temaer: fx 'Punktet indledes med oplæg fra KL's Sundheds- og Ældreudvalg.'",
    )

    class Meta:
        verbose_name = "afsnit i brevet"
        verbose_name_plural = "brevets afsnit"
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.heading or self.get_kind_display()

    @property
    def body_html(self):
        return safe_rich_text(self.body)

    @property
    def body_text(self):
        """The text alone, for kinds where it only leads into a sentence the letter makes."""
        return html.unescape(strip_tags(self.body_html)).strip()


class Signatory(models.Model):
    """Who signs the letter, in order: 'Steen Christiansen, Formand for KKR Hovedstaden'."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="signatories", verbose_name="møde"
    )
    position = models.PositiveSmallIntegerField("rækkefølge", default=0)
    person = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name="person",
        help_text="Valgfri: navnet nedenfor er det, brevet viser.",
    )
    name = models.CharField("navn", max_length=200)
    title = models.CharField("titel", max_length=250, blank=True)
    memberships = models.CharField(
        "medlemskaber",
        max_length=250,
        blank=True,
        help_text="Fx 'Medlem af Sundhedskoordinationsudvalget'.",
    )

    class Meta:
        verbose_name = "underskriver"
        verbose_name_plural = "underskrivere"
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.name


class PreliminaryAgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="preliminary_agenda", verbose_name="møde"
    )
    position = models.PositiveSmallIntegerField("rækkefølge", default=0)
    text = models.CharField("punkt", max_length=300)

    class Meta:
        verbose_name = "punkt på foreløbig dagsorden"
        verbose_name_plural = "foreløbig dagsorden"
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.text


def attachment_path(instance, filename):
    return f"bilag/{timezone.now():%Y}/{uploads.safe_filename(filename)}"


class Attachment(models.Model):
    """A document sent with the invitation, such as a debate paper."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="attachments", verbose_name="møde"
    )
    position = models.PositiveSmallIntegerField("rækkefølge", default=0)
    title = models.CharField("titel", max_length=300)
    file = models.FileField(
        "fil", upload_to=attachment_path, blank=True, validators=[uploads.validate_document]
    )

    class Meta:
        verbose_name = "bilag"
        verbose_name_plural = "bilag"
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.title


class ProgrammeDay(models.Model):
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="programme_days", verbose_name="møde"
    )
    date = models.DateField("dato")

    class Meta:
        verbose_name = "programdag"
        verbose_name_plural = "programdage"
        ordering = ["meeting", "date"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "date"], name="programme_day_unique")
        ]

    def __str__(self):
        from klmeetings.dates import danish_long_date

        return danish_long_date(self.date)

    def clean(self):
        meeting = self.meeting if self.meeting_id else None
        if meeting and self.date and meeting.starts_at and meeting.ends_at:
            first = timezone.localtime(meeting.starts_at).date()
            last = timezone.localtime(meeting.ends_at).date()
            if not first <= self.date <= last:
                raise ValidationError({"date": "Programdagen skal ligge inden for mødets datoer."})


class ProgrammeSlot(models.Model):
    """A timed line of the programme: a talk, a theme that groups the talks after it, a
    break, the parallel sessions, the evening event."""

    class Kind(models.TextChoices):
        TALK = "talk", "Programpunkt"
        THEME = "theme", "Tema"
        BREAK = "break", "Pause"
        SESSIONS = "sessions", "Sessioner"
        EVENING = "evening", "Aftenarrangement"

    day = models.ForeignKey(ProgrammeDay, models.CASCADE, related_name="slots", verbose_name="dag")
    starts_at = models.TimeField("starter")
    ends_at = models.TimeField("slutter", null=True, blank=True)
    position = models.PositiveSmallIntegerField(
        "rækkefølge", default=0, help_text="Afgør rækkefølgen af punkter, der starter samtidig."
    )
    kind = models.CharField("slags", max_length=20, choices=Kind.choices, default=Kind.TALK)
    theme = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="slots",
        limit_choices_to={"kind": "theme"},
        verbose_name="under tema",
    )
    title = models.CharField("titel", max_length=300)
    description = models.TextField("beskrivelse", blank=True, help_text="Tom linje mellem afsnit.")
    speakers_intro = models.CharField(
        "før oplægsholderne",
        max_length=200,
        blank=True,
        help_text="Fx 'Panelet består foreløbigt af:'.",
    )

    class Meta:
        verbose_name = "programpunkt"
        verbose_name_plural = "programpunkter"
        ordering = ["day", "starts_at", "position", "pk"]

    def __str__(self):
        return f"{self.starts_at:%H.%M} {self.title}"

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Sluttidspunktet skal ligge efter starttidspunktet."})
        if self.theme_id:
            if self.kind == self.Kind.THEME:
                raise ValidationError({"theme": "Et tema kan ikke ligge under et andet tema."})
            if self.theme.day_id != self.day_id:
                raise ValidationError({"theme": "Temaet skal høre til samme dag."})


class Speaker(models.Model):
    """Who speaks at a programme slot or a parallel session."""

    slot = models.ForeignKey(
        ProgrammeSlot,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="speakers",
        verbose_name="programpunkt",
    )
    session = models.ForeignKey(
        ParallelSession,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="speakers",
        verbose_name="session",
    )
    position = models.PositiveSmallIntegerField("rækkefølge", default=0)
    name = models.CharField("navn", max_length=200)
    party_letter = models.CharField("partibogstav", max_length=3, blank=True)
    title = models.CharField("titel", max_length=250, blank=True)
    organisation = models.CharField("organisation", max_length=250, blank=True)

    class Meta:
        verbose_name = "oplægsholder"
        verbose_name_plural = "oplægsholdere"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(slot__isnull=False, session__isnull=True)
                    | models.Q(slot__isnull=True, session__isnull=False)
                ),
                name="speaker_at_slot_or_session",
            )
        ]

    def __str__(self):
        return self.line

    @property
    def line(self):
        """'Villy Søvndal (F), formand Social- og Arbejdsmarkedsudvalget, Kolding Kommune'."""
        name = f"{self.name} ({self.party_letter})" if self.party_letter else self.name
        return ", ".join(part for part in (name, self.title, self.organisation) if part)


# The public pages of meetings are cached (meetings.views.cached_public_page) under a
# generation stamp that every change to the portal's data replaces, at once and again on
# commit (a page rendered between the two from the old rows is dropped by the second). Saves,
# deletes and many-to-many changes send the signals below; a flush of the tables (tests)
# sends post_migrate. The stamp lives in the shared cache; each process reads it at most once
# a PAGE_GENERATION_SECONDS, so another worker's change shows within that second.
logger = logging.getLogger(__name__)
PAGE_GENERATION_KEY = "meetings:page-generation"
PAGE_GENERATION_SECONDS = 1.0
PAGE_DATA_APPS = {"meetings", "registrations", "agendas"}
_local_generation = {"value": None, "read_at": 0.0}


def page_generation():
    now = time.monotonic()
    if now - _local_generation["read_at"] >= PAGE_GENERATION_SECONDS:
        try:
            generation = cache.get(PAGE_GENERATION_KEY) or _new_page_generation()
        except Exception:
            # The shared cache is down: a stamp of its own for every request, so no page is
            # served from the cache until it is back.
            logger.warning("Sidecachen er ikke tilgængelig", exc_info=True)
            return uuid.uuid4().hex
        _local_generation.update(value=generation, read_at=now)
    return _local_generation["value"]


def _new_page_generation():
    generation = uuid.uuid4().hex
    _local_generation.update(value=generation, read_at=time.monotonic())
    try:
        cache.set(PAGE_GENERATION_KEY, generation, None)
    except Exception:
        # A save must not fail for the cache; other workers then wait for PAGE_CACHE_SECONDS.
        logger.warning("Sidecachen er ikke tilgængelig", exc_info=True)
    return generation


def _data_changed(sender, **kwargs):
    if sender._meta.app_label in PAGE_DATA_APPS:
        _new_page_generation()
        transaction.on_commit(_new_page_generation)


for _signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
    _signal.connect(_data_changed, dispatch_uid=f"meetings-page-generation-{_signal}")
signals.post_migrate.connect(
    lambda **kwargs: _new_page_generation(), weak=False, dispatch_uid="meetings-page-flush"
)


class Membership(models.Model):
    """A user's place at an organiser, which decides what they may see and do.

    A member (a politician on the committee or KKR, a plain non-staff login) reads the
    organiser's closed agenda items. The secretariat (KL staff) edits the organiser's meetings,
    agendas and registrations in the admin, and reads its closed items too. Rights to a meeting
    come from its organiser and its co-organisers; superusers need no membership."""

    class Kind(models.TextChoices):
        MEMBER = "member", "Medlem (læser lukkede punkter)"
        SECRETARIAT = "secretariat", "Sekretariat (redigerer i administrationen)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name="bruger",
    )
    organiser = models.ForeignKey(
        Organiser, models.CASCADE, related_name="memberships", verbose_name="arrangør"
    )
    kind = models.CharField("rolle", max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = "medlemskab"
        verbose_name_plural = "medlemskaber og sekretariater"
        ordering = ["organiser", "kind", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organiser"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} · {self.organiser} ({self.get_kind_display().split(' (')[0]})"
