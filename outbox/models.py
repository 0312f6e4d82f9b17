"""Every e-mail the portal owes, as a row. It is written in the same transaction as what caused
it, so a lost Celery message or an unreachable Redis delays an e-mail but never loses it."""

from django.db import models
from django.utils import timezone


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "I kø"
        SENDING = "sending", "Sendes"
        SENT = "sent", "Sendt"
        FAILED = "failed", "Fejlet"

    key = models.CharField(
        "nøgle",
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text="Gør afsendelsen entydig: samme nøgle skrives kun én gang.",
    )
    scope = models.CharField(
        "hører til",
        max_length=100,
        blank=True,
        db_index=True,
        help_text="Hvad e-mailen hører til (fx meeting:6), skrevet af den app, der sender den; "
        "persondatasiden viser og sletter kun e-mails inden for sekretariatets møder.",
    )
    to = models.EmailField("modtager")
    subject = models.CharField("emne", max_length=300)
    body_text = models.TextField("tekst")
    body_html = models.TextField("HTML", blank=True)
    attachments = models.JSONField(
        "vedhæftninger",
        default=list,
        blank=True,
        help_text="Liste af {filename, mimetype, content_base64}.",
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField("forsøg", default=0)
    next_attempt_at = models.DateTimeField("næste forsøg", default=timezone.now)
    claimed_at = models.DateTimeField("påbegyndt", null=True, blank=True)
    sent_at = models.DateTimeField("sendt", null=True, blank=True)
    last_error = models.TextField("seneste fejl", blank=True)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)

    class Meta:
        verbose_name = "e-mail"
        verbose_name_plural = "e-mails"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"
