"""Where meetings happen and who takes part: regions, municipalities, organisers (KL's
committees and the five KKR) and people, with the one rule for who is a politician."""

from django.conf import settings
from django.db import models


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
    # The login a politician gets by signing in with an e-mail link (mypages.signin), so
    # that memberships, which hang on users, apply to her; one person, one user.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="bruger",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["name"]
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return self.name
