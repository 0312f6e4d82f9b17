"""The programme of a conference: days, timed slots grouped under themes, speakers, and the
numbered parallel sessions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from klmeetings.dates import danish_long_date

from .meeting import Meeting


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
