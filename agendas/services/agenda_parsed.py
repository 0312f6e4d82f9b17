"""What the agenda parser (`agenda_text`) reads and what it gives: the document's lines, each
with its place (`Line`; `text_lines` for a text file, `docx_import` for Word), and the
`ParsedDocument`: the front matter (`agenda_front`), the items, what was noted or not placed, and
the account of every non-empty line."""

from dataclasses import dataclass, field

from .agenda_front import FrontMatter


@dataclass
class Line:
    text: str
    place: str  # "linje 12"; "afsnit 4"; "tabel 2, række 1, celle 2"; "sidefod"
    # what the source already knows it is: "toc", "header", "heading", "list:<Word's numId>",
    # "table-head"
    kind: str = ""


def text_lines(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(line, f"linje {n}") for n, line in enumerate(text.split("\n"), start=1)]


@dataclass
class ParsedDocument(FrontMatter):
    items: list = field(default_factory=list)
    unplaced: list = field(default_factory=list)  # "<place>: what", in the order read
    notes: list = field(default_factory=list)  # placed, but said: gaps, probably closed, ...
    account: list = field(default_factory=list)  # (place, text, where), one per non-empty line

    @property
    def left_out(self):
        """What was read and deliberately left out, summarised by why."""
        groups = {}
        for _place, text, where in self.account:
            if where.endswith("udeladt"):
                groups.setdefault(where, []).append(text)
        return [
            f"{where.removesuffix(' – udeladt').capitalize()}: {len(texts)} "
            f"{'linje' if len(texts) == 1 else 'linjer'} udeladt "
            f"({', '.join(repr(' '.join(t.split())[:40]) for t in list(dict.fromkeys(texts))[:4])})"
            for where, texts in groups.items()
        ]

    @property
    def line_count(self):
        return len(self.account)
