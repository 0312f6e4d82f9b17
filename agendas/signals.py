"""Keep the search text of a published agenda free of items closed after publishing."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Item
from .services import refresh_search_text


@receiver(post_save, sender=Item, dispatch_uid="agendas_item_closed")
def item_saved(sender, instance, **kwargs):
    if instance.agenda.search_text:  # only published agendas have any
        refresh_search_text(instance.agenda)
