"""What belongs to one politician alone: her private notes on agenda items and the secret
address of her calendar feed. Neither is in the admin, an export or a search: only she sees
them, on her own pages (mypages.views), except the personal-data export and erase of her
address (personal_data.py)."""

from django.conf import settings
from django.db import models

from agendas.models import Item
from registrations.models import SecretLink

NOTE_MAX_LENGTH = 10_000


class ItemNote(models.Model):
    """A user's private note on an agenda item. It hangs on the item's row, not on a
    published version, so it stays through every new version while the item exists."""

    item = models.ForeignKey(Item, models.CASCADE, related_name="+", verbose_name="punkt")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name="bruger"
    )
    text = models.TextField("note", max_length=NOTE_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField("gemt", auto_now=True)

    class Meta:
        verbose_name = "personlig note"
        verbose_name_plural = "personlige noter"
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="item_note_one_per_user")
        ]

    def __str__(self):
        # Never the text: the admin names related rows when an item is deleted.
        return "Personlig note"


class CalendarFeed(SecretLink):
    """The secret address of a user's calendar of her meetings; renewing it gives a new
    secret, and the old address stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name="bruger"
    )
    created_at = models.DateTimeField("oprettet", auto_now=True)

    class Meta:
        verbose_name = "personlig kalender"
        verbose_name_plural = "personlige kalendere"

    def __str__(self):
        return "Personlig kalender"
