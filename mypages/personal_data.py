"""Her notes and calendar feed on the admin's personal-data page (registrations.services.privacy
asks through `registrations.signals.personal_data_requested`): they hang on the login of her
person records, so they are shown, exported and erased exactly when those records are."""

from django.db.models import F

from .models import CalendarFeed, ItemNote


def held_about(sender, people, **kwargs):
    """Her notes with the item and meeting they belong to, and her feed without its secret."""
    notes = (
        ItemNote.objects.filter(user__person__in=people)
        .order_by("item__agenda__meeting__starts_at", "item__position", "pk")
        .values(
            "text",
            "updated_at",
            item_title=F("item__title"),
            meeting_title=F("item__agenda__meeting__title"),
            meeting_starts_at=F("item__agenda__meeting__starts_at"),
        )
    )
    feeds = CalendarFeed.objects.filter(user__person__in=people).values("created_at")
    return {"personlige noter": notes, "personlige kalendere": feeds}
