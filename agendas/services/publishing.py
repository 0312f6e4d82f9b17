"""Publishing an agenda as a frozen version, what changed between versions, the text the
search reads, and approving the referat."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from klmeetings.richtext import plain_text

from ..models import Agenda, AgendaVersion
from .document import PUBLIC, build_document, closed_now, for_audience, item_text


def diff_documents(old, new):
    """What changed between two published versions, as [{"text", "closed"}] in Danish.

    Entries about closed items carry closed=True so that the public never reads their titles."""
    changes = []
    old_items = {i["id"]: i for i in old["items"]}
    new_ids = {i["id"] for i in new["items"]}
    for key, label in (("starts_at", "Tidspunkt"), ("venue", "Sted")):
        if old.get(key) != new.get(key):
            changes.append({"text": f"{label} er ændret.", "closed": False})
    for item in new["items"]:
        name = f"{item['number']}. {item['title']}"
        before = old_items.get(item["id"])
        closed = item["closed"] or bool(before and before["closed"])
        entry = partial(_entry, closed=closed, item=item)
        if before is None:
            changes.append(entry(f"Nyt punkt: {name}"))
            continue
        if before["number"] != item["number"]:
            changes.append(entry(f"Punkt {before['number']} er nu {name}"))
        if before["title"] != item["title"]:
            changes.append(entry(f"Ny titel: {name}"))
        if item_text(before) != item_text(item) or before["case_line"] != item["case_line"]:
            changes.append(entry(f"Teksten er ændret: {name}"))
        if before["attachments"] != item["attachments"]:
            changes.append(entry(f"Bilag er ændret: {name}"))
    for item in old["items"]:
        if item["id"] not in new_ids:
            gone = f"Punkt udgået: {item['number']}. {item['title']}"
            changes.append(_entry(gone, item["closed"], item))
    return changes


def _entry(text, closed, item):
    return {"text": text, "closed": closed, "item": item["id"]}


def compare_versions(old, new, audience=PUBLIC, hidden=frozenset()):
    """The items that differ between two versions, as (before, after) pairs of items as the
    audience may see them; an item is None on the side where it does not exist."""
    old, new = for_audience(old, audience, hidden), for_audience(new, audience, hidden)
    before = {i["id"]: i for i in old["items"]}
    pairs = []
    for item in new["items"]:
        previous = before.pop(item["id"], None)
        if previous is None or any(
            previous[key] != item[key]
            for key in ("number", "title", "case_line", "sections", "attachments")
        ):
            pairs.append((previous, item))
    pairs += [(item, None) for item in before.values()]
    return pairs


def search_text(document, hidden=frozenset()):
    public = for_audience(document, PUBLIC, hidden)
    parts = [public["meeting"], public["organiser"]]
    for item in public["items"]:
        parts.append(f"{item['number']}. {item['title']}")
        for section in item["sections"]:
            parts.append(plain_text(section["html"]))
    return "\n".join(parts)


@transaction.atomic
def publish_agenda(agenda, user=None):
    """Freeze the agenda as its next version. Raises ValidationError when nothing changed."""
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    document = build_document(agenda)
    if not document["items"]:
        raise ValidationError("Dagsordenen har ingen punkter.")
    last = agenda.latest_version()
    if last and last.document == document:
        raise ValidationError(f"Intet er ændret siden version {last.number}.")
    version = AgendaVersion.objects.create(
        agenda=agenda,
        number=(last.number + 1) if last else 1,
        document=document,
        changes=diff_documents(last.document, document) if last else [],
        published_by=user,
    )
    # What was ever closed stays out, also an item opened again since (ClosedRecord).
    agenda.search_text = search_text(document, closed_now([agenda.pk])[agenda.pk])
    agenda.save(update_fields=["search_text", "updated_at"])
    return version


def refresh_search_text(agenda):
    """Bring the search text in line with what the public sees now: items and sections closed
    since the last publishing are out of it at once. Call it wherever an item or a section may
    have been closed or moved; a draft has no search text."""
    version = agenda.latest_version()
    if version is not None:
        text = search_text(version.document, closed_now([agenda.pk])[agenda.pk])
        Agenda.objects.filter(pk=agenda.pk).update(search_text=text)


def missing_decisions(agenda, document=None):
    """The items ("3.1. Title") of the referat without a Beslutning: every sub-item, and
    every heading without any, needs one."""
    document = document or build_document(agenda, minutes=True)
    parents = {i["id"] for i in document["items"]} & set(
        agenda.items.filter(parent__isnull=False).values_list("parent_id", flat=True)
    )
    return [
        f"{i['number']}. {i['title']}"
        for i in document["items"]
        if not i["sections"] and i["id"] not in parents
    ]


@transaction.atomic
def approve_minutes(agenda, user=None):
    """Approve the referat: every sub-item (and every heading without any) needs a Beslutning."""
    document = build_document(agenda, minutes=True)
    if missing := missing_decisions(agenda, document):
        raise ValidationError("Disse punkter mangler en beslutning: " + "; ".join(missing))
    agenda.minutes_document = document
    agenda.minutes_approved_at = timezone.now()
    agenda.minutes_approved_by = user
    agenda.save()
    return agenda
