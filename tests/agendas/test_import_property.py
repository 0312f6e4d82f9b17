"""Issue 24, the property: agendas generated in the family's shapes (numbering depth and width,
gaps, three levels, "Punkt N:", "Pkt. N", "Ad N.", "N)", "N Title", the number on a line of its
own, Word's automatic numbering ("%1." and "%1)"), headings in a table
beside their Sags ID, bullets, numbered lists, tables, bilag lists, front matter as lines or as
a table, letterhead and page numbers; as .txt and as .docx) are imported, and every generated
item comes back with its number, title, Sags ID with initials and closed flag, every line of
text under its item, and every line of the file is accounted for.

IMPORT_PROPERTY_EXAMPLES sets the number of examples per file type (40 by default, which
keeps the run under a minute; raise it for a thorough run)."""

import html
import io
import os
import re

import pytest
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from agendas.models import Item as ItemRow
from agendas.services.agenda_text import parse_agenda_text
from agendas.services.text_import import import_agenda_text, read_document
from tests.checks.fuzz_helpers import budget, rolled_back

from .agenda_shapes import LETTERHEAD, Agenda, Item, Shape, write_docx, write_text

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("IMPORT_PROPERTY_EXAMPLES", "40"))

WORDS = [
    "praksisplan", "budget", "sundhedsklynger", "kollektiv", "trafik", "uddannelse", "rammeaftale",
    "klima", "beskæftigelse", "erhvervsfremme", "ældre", "børn", "socialområdet", "psykiatri",
    "udpegning", "høring", "strategi", "status", "orientering", "aftale", "kommunerne",
    "regionen", "vækst", "borgere", "sygehus", "plan", "indsats", "samarbejde", "økonomien",
    "pladser", "praktik", "forebyggelse", "digitalisering", "affald", "vand", "energi",
]  # fmt: skip
word = st.sampled_from(WORDS)
title = st.lists(word, min_size=2, max_size=5).map(lambda w: " ".join(w).capitalize())
sentence = st.lists(word, min_size=4, max_size=10).map(lambda w: " ".join(w).capitalize() + ".")
initials = st.lists(
    st.sampled_from(["akr", "jhp", "udy", "mnb", "lsm", "kbn"]), min_size=1, max_size=2
).map("/".join)
case = st.one_of(
    st.integers(1, 99999).map(lambda n: f"SAG-2024-{n:05d}"),
    st.integers(1, 99999).map(lambda n: f"24/{n:05d}"),  # another ESDH's format
)
bullets = st.lists(sentence, min_size=1, max_size=3).map(lambda xs: [f"- {x}" for x in xs])
numbered = st.lists(sentence, min_size=2, max_size=5).map(
    lambda xs: [f"{n}. {x}" for n, x in enumerate(xs, start=1)]
)
table = st.lists(st.lists(word, min_size=2, max_size=3), min_size=2, max_size=3).map(
    lambda rows: ["\t".join(r + ["x"] * (3 - len(r))) for r in rows]
)
paragraph = sentence.map(lambda s: [s])
section_text = st.lists(
    st.one_of(paragraph, paragraph, bullets, numbered, table), min_size=1, max_size=3
).map(lambda blocks: [line for b in blocks for line in b])
section = st.tuples(
    st.sampled_from(
        ["Baggrund", "Indstilling", "Sagsfremstilling", "Resumé", "Økonomi", "Beslutning"]
    ),
    section_text,
)


@st.composite
def leaf(draw, number):
    """An item with its case line (as the case systems write every item that is not a
    heading), sections in any order, maybe a bilag list, maybe closed."""
    sections = draw(st.lists(section, max_size=3, unique_by=lambda s: s[0]))
    return Item(
        number,
        draw(title),
        draw(case),
        draw(initials),
        draw(st.booleans()),
        sections,
        draw(st.lists(title, max_size=3)),
    )


@st.composite
def agendas(draw, word_shape=False):
    shape = Shape(
        numbering=draw(
            st.sampled_from(
                ["typed", "punkt", "pkt", "ad", "paren", "bare", "alone"]
                + (["auto", "auto-paren"] if word_shape else [])
            )
        ),
        front=draw(st.sampled_from(["lines", "split"] + (["table"] if word_shape else []))),
        venue_lines=draw(st.sampled_from([1, 2])),
        case_style=draw(st.sampled_from(["line", "labels"])),
        closed_style=draw(st.sampled_from(["title", "line"])),
        heading_in_table=word_shape and draw(st.booleans()),
        pages=draw(st.sampled_from([0, 2, 3])),
    )
    # Word's own numbers have no gaps; "3 Title" without its full stop is an item only as the
    # next number (a line of text may start with a number too)
    gaps = shape.numbering not in ("auto", "auto-paren", "bare")
    step = st.integers(1, 3) if gaps else st.just(1)
    items, top = [], 0
    for _ in range(draw(st.integers(1, 6))):
        top += draw(step) if items or not gaps else draw(st.integers(1, 2))
        children = draw(st.integers(0, 3))
        if not children:
            items.append(draw(leaf((top,))))
            continue
        heading = Item((top,), draw(title), closed=draw(st.booleans()))
        items.append(heading)
        sub = 0
        for _ in range(children):
            sub += draw(step)
            parent = draw(leaf((top, sub)))
            parent.closed |= heading.closed  # what is under a closed item is closed
            items.append(parent)
            for third in range(1, draw(st.integers(0, 2)) + 1):
                items.append(draw(leaf((top, sub, third))))
                items[-1].closed |= parent.closed  # what is under a closed item is closed
    attendance = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["Deltagere", "Afbud", "Referent"]),
                st.lists(
                    st.sampled_from(
                        ["Allan S. Andersen", "Birgit Hansen", "Jens Møller", "Anne Kristensen"]
                    ),
                    min_size=1,
                    max_size=3,
                ),  # fmt: skip
            ),
            max_size=3,
            unique_by=lambda row: row[0],
        )
    )
    return Agenda(attendance=attendance, items=items), shape


# A long agenda: items 1. to 120., so 100. and more are items too.
LONG = Agenda(
    items=[Item((n,), f"Sag om emne nummer {n}", f"SAG-2024-{n:05d}", "akr") for n in range(1, 121)]
)


def portal_numbers(items):
    """The numbers the portal gives the generated items: by their order, on two levels."""
    numbers, top, sub = [], 0, 0
    for item in items:
        if len(item.number) == 1:
            top, sub = top + 1, 0
            numbers.append(str(top))
        else:
            sub += 1
            numbers.append(f"{top}.{sub}")
    return numbers


def expected_gaps(items):
    """How many jumps the typed numbers make (a top-level number more than one past the one
    before, or a sub-item's past the sibling before it, or the first past 1)."""
    gaps, top, sub = 0, 0, 0
    for item in items:
        if len(item.number) == 1:
            gaps += item.number[0] != top + 1
            top, sub = item.number[0], 0
        elif len(item.number) == 2:
            gaps += item.number[1] != sub + 1
            sub = item.number[1]
    return gaps


def plain(html_text):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def check_round_trip(agenda, shape, source):
    """The import of `source` holds every generated item and line, and accounts for every
    line of the file."""
    parsed = parse_agenda_text(source)
    assert parsed.unplaced == []
    lines = (
        [line for line in source if line.text.strip()]
        if not isinstance(source, str)
        else [line for line in source.split("\n") if line.strip()]
    )
    assert len(parsed.account) == len(lines)  # every non-empty line once
    for _place, text, where in parsed.account:
        if text in (LETTERHEAD,) or text.startswith("Side "):
            assert where == "sidehoved/sidefod – udeladt", text
    with rolled_back():
        result = import_agenda_text(source)  # a draft meeting made from the header
        meeting = result.agenda.meeting
        rows = [item for item, _number in result.agenda.numbered_items()]
        got = [
            (number, i.title, i.case_number, i.case_initials, i.closed)
            for i, number in result.agenda.numbered_items()
        ]
        want = [
            (n, g.title, g.case, g.initials, g.closed)
            for n, g in zip(portal_numbers(agenda.items), agenda.items, strict=True)
        ]
        assert got == want
        for generated, row in zip(agenda.items, rows, strict=True):
            text = plain(" ".join(s.body for s in row.sections.order_by("position")))
            expected = [line for _h, body in generated.sections for line in body]
            expected += [f"{n}. {t}" for n, t in enumerate(generated.bilag, start=1)]
            position = 0
            for line in expected:
                for cell in re.sub(r"^(- |\d+\. )", "", line).split("\t"):
                    found = text.find(cell, position)
                    assert found >= 0, f"'{cell}' of {generated.number} is not in '{text}'"
                    position = found + len(cell)
        assert [meeting.venue_name, meeting.address] == list(agenda.venue)
        starts, ends = (timezone.localtime(t) for t in (meeting.starts_at, meeting.ends_at))
        assert starts.replace(tzinfo=None) == agenda.starts_at
        assert ends.hour == (agenda.ends_hour if shape.front != "lines" else 12)
        assert result.agenda.attendance.splitlines() == [
            f"{label}: {', '.join(names)}" for label, names in agenda.attendance
        ]
    gaps = [n for n in parsed.notes if "springer fra" in n]
    assert len(gaps) == expected_gaps(agenda.items), gaps
    assert ItemRow.objects.count() == 0  # rolled back


@budget(EXAMPLES)
@example(generated=(LONG, Shape()))
@example(generated=(LONG, Shape(numbering="pkt")))
@given(generated=agendas())
def test_a_generated_text_agenda_comes_back_item_for_item_and_line_for_line(generated):
    agenda, shape = generated
    check_round_trip(agenda, shape, write_text(agenda, shape))


@budget(EXAMPLES)
@given(generated=agendas(word_shape=True))
def test_a_generated_word_agenda_comes_back_item_for_item_and_line_for_line(generated):
    agenda, shape = generated
    source = read_document("dagsorden.docx", io.BytesIO(write_docx(agenda, shape)))
    check_round_trip(agenda, shape, source)
