"""Keep the search text of a published agenda free of items and sections closed after
publishing."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Item, Section
from .services import refresh_search_text


@receiver(post_save, sender=Item, dispatch_uid="agendas_item_saved")
def item_saved(sender, instance, **kwargs):
    if instance.agenda.search_text:  # only published agendas have any
        refresh_search_text(instance.agenda)


@receiver(post_save, sender=Section, dispatch_uid="agendas_section_saved")
def section_saved(sender, instance, **kwargs):
    if instance.closed and instance.item.agenda.search_text:
        refresh_search_text(instance.item.agenda)
