"""The invitation letter of a meeting: its sections, signatories, preliminary agenda and
the attachments sent with it."""

from django.db import models
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from klmeetings import uploads
from klmeetings.richtext import RICH_TEXT_EXTENSIONS, plain_text, safe_rich_text, sanitize_html

from .meeting import Meeting
from .places import Person


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
        return plain_text(self.body)


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
