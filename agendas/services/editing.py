"""Changing an agenda's items: their main sections, the organiser's standard items, moving or
copying an item to a later meeting, and text from Word."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from klmeetings.richtext import sanitize_html

from ..models import Item, Section, StandardItem

LINES_HELP = (
    "Ét punkt pr. linje, tilføjes efter de andre ved gem. Et underpunkt begynder med "
    "'-' og hører til overskriften over; et lukket punkt slutter med '(lukket)'. Sags ID og "
    "initialer kan stå sidst på linjen, fx 'Sundhedsaftalen SAG-2026-01234 jhp'."
)
CLOSED_MARK = "(lukket)"
# "... SAG-2026-01234 udy/jhp" at the end of a line: the item's Sags ID and initials.
CASE_AT_END = re.compile(r"\s+(SAG-\d{4}-\d{5})(?:\s+([\w/]+))?$", re.IGNORECASE)


@transaction.atomic
def add_items_from_lines(agenda, text):
    """Items typed one a line (LINES_HELP) added after the agenda's items; the number added."""
    position = (agenda.items.aggregate(top=Max("position"))["top"] or 0) + 1
    heading = agenda.items.filter(parent=None).order_by("-position", "-pk").first()
    added = 0
    for line in text.splitlines():
        title = line.strip()
        sub_item = title.startswith("-")
        title = title.lstrip("-").strip()
        closed = title.lower().endswith(CLOSED_MARK)
        if closed:
            title = title[: -len(CLOSED_MARK)].strip()
        case_number, case_initials = "", ""
        if case := CASE_AT_END.search(title):
            case_number, case_initials = case[1].upper(), case[2] or ""
            title = title[: case.start()].strip()
        if not title:
            continue
        item = Item.objects.create(
            agenda=agenda,
            parent=heading if sub_item else None,
            position=position,
            title=title[:400],
            closed=closed,
            case_number=case_number,
            case_initials=case_initials[:40],
        )
        if not sub_item or heading is None:
            heading = item
        position += 1
        added += 1
    return added


def place_sub_items(items):
    """`items`: (item, wants to be a sub-item) in page order, all saved. A sub-item without a
    heading chosen goes under the nearest heading above it, so a new heading and its new
    sub-items are made in one save."""
    heading = None
    for item, sub_item in items:
        if item.parent_id is not None:
            continue
        if sub_item and heading is not None and not item.children.exists():
            item.parent = heading
            item.save(update_fields=["parent"])
        else:
            heading = item


def set_sections(item, texts):
    """Write the main sections of an item from {kind: html}; an empty text removes it."""
    existing = {s.kind: s for s in item.sections.all() if s.kind != Section.Kind.OTHER}
    order = list(Section.Kind.values)
    for kind, text in texts.items():
        body = sanitize_html(text)
        section = existing.get(kind)
        if not body:
            if section:
                section.delete()
            continue
        if section is None:
            Section.objects.create(item=item, kind=kind, body=body, position=order.index(kind))
        elif section.body != body:
            section.body = body
            section.save()


def next_position(agenda, parent=None):
    """The position after the last of the parent's sub-items (of the headings without one)."""
    top = agenda.items.filter(parent=parent).aggregate(m=Max("position"))["m"]
    return 0 if top is None else top + 1


@transaction.atomic
def add_standard_items(agenda):
    """Add the organiser's standard items that the agenda lacks; returns how many."""
    added = 0
    for standard in StandardItem.objects.filter(organiser=agenda.meeting.organiser):
        heading = agenda.items.filter(parent=None, title=standard.heading).first()
        if heading is None:
            heading = Item.objects.create(
                agenda=agenda, title=standard.heading, position=next_position(agenda)
            )
            added += 1
        if standard.title and not heading.children.filter(title=standard.title).exists():
            item = Item.objects.create(
                agenda=agenda,
                parent=heading,
                title=standard.title,
                position=next_position(agenda, heading),
            )
            if standard.recommendation:
                set_sections(
                    item, {Section.Kind.RECOMMENDATION: f"<p>{standard.recommendation}</p>"}
                )
            added += 1
    return added


@transaction.atomic
def move_item(item, target_agenda, *, copy=False):
    """Move (or copy) an item with its sections and bilag to the agenda of a later meeting.

    It goes under a heading of the same title there, made at the end when missing; a heading
    moves with its sub-items."""
    source = item.agenda
    if target_agenda.meeting.starts_at <= source.meeting.starts_at:
        raise ValidationError("Et punkt kan kun flyttes eller kopieres til et senere møde.")
    parent = None
    if item.parent_id:
        parent = target_agenda.items.filter(parent=None, title=item.parent.title).first()
        if parent is None:
            parent = Item.objects.create(
                agenda=target_agenda, title=item.parent.title, position=next_position(target_agenda)
            )
    new = _place(item, target_agenda, parent, copy)
    for child in list(item.children.all()):
        _place(child, target_agenda, new, copy)
    return new


def _place(item, agenda, parent, copy):
    position = next_position(agenda, parent)
    if not copy:
        item.agenda, item.parent, item.position = agenda, parent, position
        item.save()
        return item
    new = Item.objects.create(
        agenda=agenda,
        parent=parent,
        position=position,
        title=item.title,
        case_number=item.case_number,
        case_initials=item.case_initials,
        closed=item.closed,
    )
    for row in [*item.sections.all(), *item.attachments.all()]:
        row.pk = None
        row.item = new
        row.save()
    return new


def import_docx(file):
    """The text of a Word document as sanitised HTML, and mammoth's warnings."""
    import mammoth

    result = mammoth.convert_to_html(file)
    return sanitize_html(result.value), [m.message for m in result.messages]
