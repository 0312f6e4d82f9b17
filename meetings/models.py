"""The base of the portal: regions, municipalities, organisers (KL's committees and the five
KKR), people, and meetings with their parallel sessions."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

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

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["name"]
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return self.name

    @property
    def is_politician(self):
        return self.role in POLITICIAN_ROLES


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


class ParallelSession(models.Model):
    """One of the numbered sessions that run at the same time at a conference."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="sessions", verbose_name="møde"
    )
    number = models.PositiveSmallIntegerField("nummer")
    title = models.CharField("titel", max_length=300)
    description = models.TextField("beskrivelse", blank=True)

    class Meta:
        verbose_name = "session"
        verbose_name_plural = "sessioner"
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="session_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"
