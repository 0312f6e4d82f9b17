"""Personal data that the apps built on registrations hold about a person, for the
personal-data page (services.privacy), which never names them (django.dispatch).

- `personal_data_requested(people)`: sent with `sender=Person` by `privacy.held_about` with
  `people`, the address's person records within the secretary's scope (empty when they are out
  of it). A receiver returns `{Danish heading: queryset}` of what its app holds about those
  people, each queryset made with `values()` so its dicts are what the export lists (no
  secrets); the page counts the rows, the export lists them under the heading, and erasing
  deletes them (inside erase's transaction, before the person and her login go). Mypages
  answers with her notes and her calendar feed.
"""

from django.dispatch import Signal

personal_data_requested = Signal()
