"""Who belongs to an organiser, as member or secretariat (the rules are in access.py)."""

from django.conf import settings
from django.db import models

from .places import Organiser


class Membership(models.Model):
    """A user's place at an organiser, which decides what they may see and do.

    A member (a politician on the committee or KKR, a plain non-staff login) reads the
    organiser's closed agenda items. The secretariat (KL staff) edits the organiser's meetings
    and what hangs on them in the admin, and reads the closed items too. Rights to a meeting
    come from its organiser and its co-organisers; superusers need no membership."""

    class Kind(models.TextChoices):
        MEMBER = "member", "Medlem (læser lukkede punkter)"
        SECRETARIAT = "secretariat", "Sekretariat (redigerer i administrationen)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships", verbose_name="bruger"
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
