"""A Word document (.docx) as the lines `agenda_text` reads: Word's heading styles and bold
paragraphs become headings (numbered when Word numbers them itself), lists list lines, real
tables tab-separated rows. So .txt and .docx go through the one parser."""

import re
from html.parser import HTMLParser

from django.core.exceptions import ValidationError

from .agenda_text import HEADING_RE, LONG_DATE_RE, SUBITEM_RE

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"}


class _Lines(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lines = []
        self.text = []
        self.tags = []
        self.lists = []  # "ul" or "ol", innermost last
        self.row = None
        self.cell = None
        self.bold_only = True
        self.href = None
        self.counters = [0, 0]

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            if self.lists and "".join(self.text).strip():
                self._block("li", " ".join("".join(self.text).split()))  # before its sub-list
                self.text = []
            self.lists.append(tag)
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.text.append("[")
        elif tag == "br":
            self.text.append(" ")
        if tag in BLOCKS and tag not in ("td", "th") and self.cell is None:
            self.text, self.bold_only = [], True
        self.tags.append(tag)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
            return
        if data.strip() and "strong" not in self.tags and "b" not in self.tags:
            self.bold_only = False
        self.text.append(data)

    def handle_endtag(self, tag):
        while self.tags and self.tags.pop() != tag:
            pass
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "a":
            self.text.append(f"]({self.href or '#'})")
        elif tag in ("td", "th") and self.row is not None:
            self.row.append(" ".join("".join(self.cell or []).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.lines.append("\t".join(self.row))
            self.row = None
        elif tag == "table":
            self.lines.append("")
        elif tag in BLOCKS and self.cell is None:
            self._block(tag, " ".join("".join(self.text).split()))
            self.text = []

    def _block(self, tag, text):
        text = text.replace("[](#)", "").strip()
        if not text:
            return
        if tag == "li":
            depth = len(self.lists) - 1
            marker = "-" if (self.lists or ["ul"])[-1] == "ul" else "1)"
            self.lines += ["  " * depth + f"{marker} {text}", ""]
            return
        if tag in ("h1", "h2"):
            text = self._numbered(tag, text)
            self.lines += [text, ""]
        elif tag.startswith("h") or (self.bold_only and len(text) <= 120):
            self.lines += [f"### {text}" if not HEADING_RE.match(text) else text, ""]
        else:
            self.lines += [text, ""]

    def _numbered(self, tag, text):
        """Word numbers its headings itself: the text has no "1." then."""
        if m := SUBITEM_RE.match(text):
            self.counters = [int(m.group(1)), int(m.group(2))]
            return text
        if m := HEADING_RE.match(text):
            self.counters = [int(m.group(1)), 0]
            return text
        if not self.seen_date:
            return text
        if tag == "h1":
            self.counters = [self.counters[0] + 1, 0]
            return f"{self.counters[0]}. {text}"
        self.counters[1] += 1
        return f"{self.counters[0]}.{self.counters[1]}. {text}"

    @property
    def seen_date(self):
        return any(
            re.search(r"^(dato|tid)\b", line, re.I) or LONG_DATE_RE.search(line)
            for line in self.lines
        )


def docx_to_text(file):
    """The text of a .docx as lines for `parse_agenda_text`; ValidationError when it is not
    a Word document."""
    import mammoth

    try:
        result = mammoth.convert_to_html(file)
    except Exception as error:  # mammoth raises zip, XML and key errors for a damaged file
        raise ValidationError(
            "Filen kan ikke læses som et Word-dokument (.docx). Gem den som .docx og prøv igen."
        ) from error
    parser = _Lines()
    parser.feed(result.value)
    parser.close()
    return "\n".join(parser.lines)
