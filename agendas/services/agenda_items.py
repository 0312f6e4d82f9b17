"""The part of the parser that tells an item's heading from the text around it (mixed into
`agenda_text._Parser`): its number in any of the family's shapes, a number alone above its
title, a title carried onto the next line, lettered sub-items, gaps in the numbering, closed
markers in the title, and a numbered list under an item that goes on rather than an item."""

import re

from .agenda_front import heading_text
from .agenda_layout import (
    BARE_CASE_RE,
    CASE_RE,
    CLOSED_LINE_RE,
    HANDLER_RE,
    ITEM_RE,
    NUMBER_ALONE_RE,
    OTHER_CASE_RE,
    OTHER_HEADINGS,
    SECTION_HEADINGS,
    clean_title,
    is_structure,
    item_number,
)

LIST_ENTRY_RE = re.compile(r"^\s*(\d{1,3})[.)]\s+\S")
MAX_GAP = 20  # a jump in the numbering further than this is text, not an item
LETTERED_RE = re.compile(r"^([a-h])[.)]\s+(\S.*)$")  # "a) Nyt fra KL" under an item: a sub-item
CLOSED_TITLE_RE = re.compile(
    r"\s*(?:[(\[]\s*lukket(?:\s+punkt)?\s*[)\]]|[-–:]\s*lukket(?:\s+punkt)?)\s*$", re.I
)
CLOSED_PREFIX_RE = re.compile(r"^lukket(?:\s+punkt)?\s*[:–-]\s*", re.I)
CLOSED_GROUP_RE = re.compile(r"^lukkede\s+(sager|punkter|dagsordenspunkter)\b", re.I)
UNSURE_CLOSED_RE = re.compile(r"\b(lukket|lukkede|fortrolig\w*)\b", re.I)


class ItemReader:
    def _new_item(self, n, number, title):
        title, closed, unsure = self._closed_title(title)
        entry = {
            "number": number,
            "title": title,
            "case_number": "",
            "case_initials": "",
            "closed": closed or bool(self.heading and "." in number and self.heading["closed"]),
            "sections": [],
            "children": [],
            "place": self.lines[n].place,
        }
        if unsure:
            self.note(n, f"punkt {number} '{title}' er indlæst som lukket: titlen tyder på det")
        self.item, self.section, self.list_next = entry, None, None
        self.place(n, f"punkt {number}: titel")
        return entry

    def _closed_title(self, title):
        if CLOSED_GROUP_RE.match(title):
            return title, True, False
        if CLOSED_TITLE_RE.search(title) or CLOSED_PREFIX_RE.match(title):
            title = CLOSED_PREFIX_RE.sub("", CLOSED_TITLE_RE.sub("", title)).strip()
            return title, True, False
        if UNSURE_CLOSED_RE.search(title):
            return title, True, True
        return title, False, False

    def _item_line(self, n, line):
        text, _ = heading_text(line)
        title_at = self._title_below(n, text)
        if title_at is not None:
            text = f"{text} {heading_text(self.lines[title_at].text)[0]}"
        if len(text) > 300 or not self._item(n, text, alone=title_at is not None):
            return False
        if title_at is not None:
            self.taken.add(title_at)
            self.place(title_at, f"punkt {self.item['number']}: titel")
        elif (more := self._title_goes_on(n)) is not None:
            self.item["title"] = f"{self.item['title']} {self.lines[more].text.strip()}"
            self.taken.add(more)
            self.place(more, f"punkt {self.item['number']}: titel")
        return True

    def _title_goes_on(self, n):
        """The line right under a title that carries it on (a long title wrapped in a text
        file: no blank line between, and it starts in lower case), or None."""
        following = self.lines[n + 1].text.strip() if n + 1 < len(self.lines) else ""
        title = self.item["title"]
        if following[:1].islower() and title[-1:].isalnum() and not LETTERED_RE.match(following):
            return n + 1
        return None

    def _title_below(self, n, text):
        """The line holding the title of a number that stands alone on line n, or None."""
        if not NUMBER_ALONE_RE.match(text) or (k := self._next_index(n)) is None:
            return None
        title = heading_text(self.lines[k].text)[0]
        if (
            not title[0].isupper()
            or len(title) > 200
            or item_number(title)
            or is_structure(title.casefold())
        ):
            return None
        return k

    def _number(self, text):
        """The item number of a line; "3 Title" only as the next item of an agenda that numbers
        its items so from the first (a line of text may start with a number too)."""
        if parts := item_number(text):
            return parts, False
        if self.bare_numbers is False or not (parts := item_number(text, bare=True)):
            return None, False
        last = int(self.heading["number"]) if self.heading else 0
        return (parts, True) if parts == [last + 1] else (None, False)

    def _item(self, n, text, alone):
        """An item from line n; `alone`: its number stands on a line of its own, as no list
        entry does."""
        parts, bare = self._number(text)
        if not parts:
            return False
        title = clean_title(ITEM_RE.match(text)["title"])
        if len(parts) == 1:
            last = int(self.heading["number"]) if self.heading else 0
            if parts[0] > last + MAX_GAP and self.item is not None and len(title) > 2:
                self.note(
                    n,
                    f"'{text[:60]}' er læst som tekst under punkt {self.item['number']}: "
                    f"nummeret springer mere end {MAX_GAP} frem fra {last}",
                )
            in_range = last < parts[0] <= last + MAX_GAP
            if not in_range or (not alone and self._in_list(n, parts[0], last)):
                return False
            self._gap(n, str(last) if last else "begyndelsen", last + 1, parts[0], "")
            entry = self._new_item(n, str(parts[0]), title)
            self.doc.items.append(entry)
            self.heading, self.sub = entry, None
            if self.bare_numbers is None:
                self.bare_numbers = bare
            return True
        parent = self.heading
        if parent is None or parts[0] != int(parent["number"]):
            return False
        if len(parts) == 2:
            last = int(self.sub["number"].split(".")[1]) if self.sub else 0
            if not last < parts[1] <= last + MAX_GAP:
                return False
            self._gap(n, f"{parts[0]}.{last}" if last else parent["number"], last + 1, parts[1],
                      f"{parts[0]}.")  # fmt: skip
            entry = self._new_item(n, f"{parts[0]}.{parts[1]}", title)
            self.sub = entry
        else:
            if self.sub is None or self.sub["number"] != f"{parts[0]}.{parts[1]}":
                return False
            prefix = self.sub["number"] + "."
            third = [c for c in parent["children"] if c["number"].startswith(prefix)]
            last = int(third[-1]["number"].split(".")[2]) if third else 0
            if not last < parts[2] <= last + MAX_GAP:
                return False
            entry = self._new_item(n, ".".join(map(str, parts)), title)
            entry["closed"] = entry["closed"] or self.sub["closed"]
            self.note(
                n,
                f"punkt {entry['number']} '{entry['title']}' er indlæst som underpunkt under "
                f"{parent['number']}, efter {self.sub['number']}: portalen har to niveauer",
            )
        del entry["children"]
        parent["children"].append(entry)
        return True

    def _gap(self, n, after, expected, got, prefix):
        if got != expected:
            missing = f"{prefix}{expected}" + (f"-{prefix}{got - 1}" if got - 1 > expected else "")
            self.note(
                n,
                f"nummereringen springer fra {after} til {prefix}{got}: punkt {missing} findes "
                "ikke i dokumentet. Punkterne nummereres i rækkefølge i portalen.",
            )

    def _in_list(self, n, number, last):
        """Whether a numbered line goes on with a numbered list (a bilag list "1. Referat ...")
        in the current section rather than starting an item. Said when it could be either."""
        if self.section is None or self.list_next != number or self.lines[n].kind == "heading":
            return False  # a Word heading is never an entry of a list
        if self._leaves_the_list(n) or self._item_follows(n, number):
            return False
        following = self._next_text(n)
        if number == last + 1 and not (
            following and (m := LIST_ENTRY_RE.match(following)) and int(m.group(1)) == number + 1
        ):
            self.note(
                n,
                f"'{self.lines[n].text.strip()[:60]}' er læst som det næste punkt i listen under "
                f"punkt {self.item['number']}, ikke som punkt {number}: intet Sags ID eller afsnit "
                "følger det",
            )
        return True

    def _leaves_the_list(self, n):
        """Whether line n stands apart from the list before it: a typed line, or one of another
        list, after entries Word numbered itself; or a line after a blank one where the entries
        stood line after line."""
        lines, first, last = self.lines, self.list_at[0], self.list_at[-1]
        if lines[last].kind.startswith("list:") and lines[n].kind != lines[last].kind:
            return True  # typed, or in another of Word's lists
        tight = first < last and all(lines[k].text.strip() for k in range(first, last))
        return tight and any(not lines[k].text.strip() for k in range(last, n))

    def _next_text(self, n):
        """The next line with text after line n, page furniture skipped."""
        k = self._next_index(n)
        return "" if k is None else heading_text(self.lines[k].text)[0]

    def _next_index(self, n):
        for k in range(n + 1, len(self.lines)):
            if self.lines[k].text.strip() and k not in self.furniture:
                return k
        return None

    def _item_follows(self, n, number):
        """A case line, a closed marker or a sub-item of it right after; or a section heading
        the current item already has (a heading it has not would go on with the item)."""
        text = self._next_text(n)
        key = text.rstrip(":").strip().casefold()
        had = {(s["title"] or s["kind"].label).casefold() for s in self.item["sections"]}
        return bool(
            CASE_RE.match(text)
            or BARE_CASE_RE.match(text)
            or OTHER_CASE_RE.match(text)
            or HANDLER_RE.match(text)
            or ((key in SECTION_HEADINGS or key in OTHER_HEADINGS) and key in had)
            or CLOSED_LINE_RE.match(text)
            or (len(parts := item_number(text) or []) == 2 and parts[0] == number)
        )

    def _lettered_sub_item(self, n, text):
        """ "a) Nyt fra KL", "b) ..." right under an agenda's item, before any section: its
        sub-items, numbered on by the portal (said)."""
        m = LETTERED_RE.match(text)
        heading = self.heading
        if not m or self.doc.kind != "dagsorden" or heading is None or heading["sections"]:
            return False
        letters = [c["letter"] for c in heading["children"] if "letter" in c]
        if ord(m.group(1)) - ord("a") != len(letters) or len(letters) != len(heading["children"]):
            return False
        number = f"{heading['number']}.{len(letters) + 1}"
        if not self._item(n, f"{number} {m.group(2)}", alone=False):
            return False
        self.item["letter"] = m.group(1)
        self.note(n, f"'{text[:60]}' er indlæst som underpunkt {number}")
        return True
