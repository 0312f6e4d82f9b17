"""Agendas (dagsordener) and minutes (referater).

An agenda belongs to one meeting. Its items form a two-level tree (headings "1." with sub-items
"1.1."), ordered by `position` among siblings; numbers are derived from that order, never typed.
An item's text is a list of ordered sections of a kind (Baggrund, Indstilling, Sagsfremstilling,
Beslutning, or another title), each with its own closed flag, as the case systems send them.

Publishing freezes the agenda into an `AgendaVersion` (a JSON document of what was published);
the live rows stay editable, and publishing again makes the next version ("Rettet dagsorden")
with the list of what changed. Who changed which row and when is kept by django-simple-history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from klmeetings import uploads
from klmeetings.richtext import RICH_TEXT_EXTENSIONS, sanitize_html
from meetings.models import Meeting, Organiser


class AgendaQuerySet(models.QuerySet):
    def public(self):
        """Agendas of public meetings (Meeting.objects.public()): what public pages, feed and
        search may show of them."""
        return self.filter(meeting__in=Meeting.objects.public())


class Agenda(models.Model):
    meeting = models.OneToOneField(
        Meeting, models.CASCADE, related_name="agenda", verbose_name="møde"
    )
    mission = models.TextField("mission", blank=True)
    vision = models.TextField("vision", blank=True)
    attendance = models.TextField(
        "fremmøde",
        blank=True,
        help_text="En linje pr. gruppe, fx 'Fraværende: Anne Hansen, Bo Jensen'.",
    )
    minutes_approved_at = models.DateTimeField("referat godkendt", null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="referat godkendt af",
    )
    minutes_document = models.JSONField("godkendt referat", null=True, blank=True, editable=False)
    # The members approve or comment from Mine møder (services/minutes_review.py) before the
    # secretariat marks the referat approved.
    minutes_sent_for_approval_at = models.DateTimeField(
        "referat sendt til godkendelse", null=True, blank=True, editable=False
    )
    # The public text of the latest published version, for search; closed items never in it.
    search_text = models.TextField("søgetekst", blank=True, editable=False)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    updated_at = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords()

    objects = AgendaQuerySet.as_manager()

    class Meta:
        verbose_name = "dagsorden"
        verbose_name_plural = "dagsordener"
        ordering = ["-meeting__starts_at"]

    def __str__(self):
        return f"Dagsorden: {self.meeting}"

    def get_absolute_url(self):
        return reverse("agendas:detail", args=[self.pk])

    def latest_version(self):
        """The latest published version, or None while the agenda is a draft."""
        return self.versions.order_by("-number").first()

    def numbered_items(self, items=None):
        """[(item, number)] in reading order, from one query (or the items given)."""
        if items is None:
            items = list(self.items.all())
        return number_items(items)


def number_items(items):
    """Derive "1", "1.1", ... from the tree and the positions; returns [(item, number)]."""
    children = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    for siblings in children.values():
        siblings.sort(key=lambda i: (i.position, i.pk or 0))
    result = []
    for n, heading in enumerate(children.get(None, []), start=1):
        result.append((heading, str(n)))
        for m, child in enumerate(children.get(heading.pk, []), start=1):
            result.append((child, f"{n}.{m}"))
    return result


class Item(models.Model):
    agenda = models.ForeignKey(
        Agenda, models.CASCADE, related_name="items", verbose_name="dagsorden"
    )
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="under overskrift",
        help_text="Tom for en overskrift (1., 2., ...); ellers overskriften, punktet hører under.",
    )
    position = models.PositiveIntegerField("rækkefølge", default=0)
    title = models.CharField("titel", max_length=400)
    case_number = models.CharField("Sags ID", max_length=20, blank=True)
    case_initials = models.CharField(
        "initialer", max_length=40, blank=True, help_text="Sagsbehandlerens initialer, fx udy/jhp."
    )
    closed = models.BooleanField(
        "lukket punkt",
        default=False,
        help_text="Lukkede punkter vises hverken offentligt eller i den offentlige PDF.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "punkt"
        verbose_name_plural = "punkter"
        ordering = ["agenda", "position", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Once closed, always closed: remembered apart from the row, which may move or go.
        if self.closed:
            ClosedRecord.remember(
                ClosedRecord.Kind.ITEM, [self.pk, *self.children.values_list("pk", flat=True)]
            )
        elif self.parent_id and self.parent.closed:
            ClosedRecord.remember(ClosedRecord.Kind.ITEM, [self.pk])

    def opened_after_closed(self):
        """Whether the item is open now but was closed once: it stays out of every public
        edition all the same (ClosedRecord), which the secretariat must be told."""
        return (
            not self.closed
            and ClosedRecord.objects.filter(kind=ClosedRecord.Kind.ITEM, object_id=self.pk).exists()
        )

    def clean(self):
        if self.parent_id:
            if self.parent.parent_id:
                raise ValidationError({"parent": "Et punkt kan kun ligge under en overskrift."})
            if self.parent.agenda_id != self.agenda_id:
                raise ValidationError({"parent": "Overskriften hører til en anden dagsorden."})
            if self.pk and self.parent_id == self.pk:
                raise ValidationError({"parent": "Et punkt kan ikke ligge under sig selv."})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": "En overskrift med underpunkter kan ikke selv ligge under en anden."}
                )

    @property
    def case_line(self):
        return " ".join(part for part in (self.case_number, self.case_initials) if part)


class Section(models.Model):
    class Kind(models.TextChoices):
        BACKGROUND = "background", "Baggrund"
        RECOMMENDATION = "recommendation", "Indstilling"
        PRESENTATION = "case_presentation", "Sagsfremstilling"
        DECISION = "decision", "Beslutning"
        OTHER = "other", "Anden overskrift"

    item = models.ForeignKey(Item, models.CASCADE, related_name="sections", verbose_name="punkt")
    kind = models.CharField("afsnit", max_length=20, choices=Kind.choices)
    title = models.CharField(
        "overskrift", max_length=200, blank=True, help_text="Kun for 'Anden overskrift'."
    )
    body = ProseEditorField(
        "tekst", extensions=RICH_TEXT_EXTENSIONS, sanitize=sanitize_html, blank=True
    )
    position = models.PositiveIntegerField("rækkefølge", default=0)
    closed = models.BooleanField("lukket afsnit", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "afsnit"
        verbose_name_plural = "afsnit"
        ordering = ["item", "position", "pk"]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        # Every way in (admin, import, .docx, shell) passes the same allow-list.
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)
        if self.closed:
            ClosedRecord.remember(ClosedRecord.Kind.SECTION, [self.pk])

    def clean(self):
        if self.kind == self.Kind.OTHER and not self.title.strip():
            raise ValidationError({"title": "Skriv en overskrift til afsnittet."})

    @property
    def heading(self):
        return self.title if self.kind == self.Kind.OTHER else self.get_kind_display()


def attachment_path(instance, filename):
    return f"bilag/{instance.item.agenda_id}/{uploads.safe_filename(filename)}"


class Attachment(models.Model):
    """A bilag, referred to by "./." in the text."""

    item = models.ForeignKey(Item, models.CASCADE, related_name="attachments", verbose_name="punkt")
    title = models.CharField("titel", max_length=300)
    file = models.FileField(
        "fil", upload_to=attachment_path, validators=[uploads.validate_document]
    )
    position = models.PositiveIntegerField("rækkefølge", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bilag"
        verbose_name_plural = "bilag"
        ordering = ["item", "position", "pk"]

    def __str__(self):
        return self.title


class AgendaVersionQuerySet(models.QuerySet):
    def public(self):
        """Versions of agendas of public meetings (Meeting.objects.public())."""
        return self.filter(agenda__meeting__in=Meeting.objects.public())


class AgendaVersion(models.Model):
    """A published, frozen agenda: version 1 is the dagsorden, later ones "Rettet dagsorden"."""

    agenda = models.ForeignKey(
        Agenda, models.CASCADE, related_name="versions", verbose_name="dagsorden"
    )
    number = models.PositiveIntegerField("version")
    document = models.JSONField("indhold")
    changes = models.JSONField(
        "ændringer", default=list, help_text="Hvad der er ændret siden forrige version."
    )
    published_at = models.DateTimeField("offentliggjort", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="offentliggjort af",
    )

    objects = AgendaVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "offentliggjort version"
        verbose_name_plural = "offentliggjorte versioner"
        ordering = ["agenda", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agenda", "number"], name="agenda_version_unique")
        ]

    def __str__(self):
        return f"{self.label} (version {self.number})"

    @property
    def label(self):
        return "Dagsorden" if self.number == 1 else "Rettet dagsorden"


class StandardItem(models.Model):
    """An item that an organiser's agendas usually have (Godkendelse af referat, Eventuelt ...)."""

    organiser = models.ForeignKey(
        Organiser, models.CASCADE, related_name="standard_items", verbose_name="arrangør"
    )
    heading = models.CharField("overskrift", max_length=300)
    title = models.CharField(
        "punkt", max_length=400, blank=True, help_text="Tomt: overskriften står alene."
    )
    recommendation = models.TextField("indstilling", blank=True)
    position = models.PositiveIntegerField("rækkefølge", default=0)

    class Meta:
        verbose_name = "standardpunkt"
        verbose_name_plural = "standardpunkter"
        ordering = ["organiser", "position", "pk"]

    def __str__(self):
        return f"{self.heading}: {self.title}" if self.title else self.heading


class ClosedRecord(models.Model):
    """An item or a section that was closed at some time. Published versions are frozen JSON
    that name items and sections by id; whatever was ever closed stays out of every public
    rendering of every version (agendas.services.document.closed_now), also after the item is
    opened again, moved to another meeting or deleted: so no foreign key, and never deleted."""

    class Kind(models.TextChoices):
        ITEM = "item", "punkt"
        SECTION = "section", "afsnit"

    kind = models.CharField("slags", max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField("id")
    closed_at = models.DateTimeField("lukket", auto_now_add=True)

    class Meta:
        verbose_name = "lukket punkt eller afsnit"
        verbose_name_plural = "lukkede punkter og afsnit"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="closed_record_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id}"

    @classmethod
    def remember(cls, kind, ids):
        cls.objects.bulk_create([cls(kind=kind, object_id=pk) for pk in ids], ignore_conflicts=True)


class MinutesResponse(models.Model):
    """A member's answer to a referat sent "til godkendelse": approved, or a comment, or both.
    Sending the referat again (corrected) asks for new approvals; comments stay."""

    agenda = models.ForeignKey(
        Agenda, models.CASCADE, related_name="minutes_responses", verbose_name="dagsorden"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name="medlem"
    )
    approved_at = models.DateTimeField("godkendt", null=True, blank=True)
    comment = models.TextField("bemærkning", max_length=5000, blank=True)
    answered_at = models.DateTimeField("svaret", auto_now=True)

    class Meta:
        verbose_name = "svar på referat"
        verbose_name_plural = "svar på referat"
        ordering = ["agenda", "answered_at"]
        constraints = [
            models.UniqueConstraint(fields=["agenda", "user"], name="minutes_response_once")
        ]

    def __str__(self):
        return f"{self.user}: {'godkendt' if self.approved_at else 'bemærkning'}"
