"""A section's lines of text as HTML: paragraphs, bullet lists (•, -, –, *; indented ones nest),
numbered lists (1), a), 1.), tab-separated tables (the first row their header), links and
emphasis as the case systems' text export writes them."""

import html
import re

from klmeetings.dates import MONTHS

BULLET_RE = re.compile(r"^(\s*)([-•–*·▪◦])\s+(.*)$")
NUMBERED_RE = re.compile(r"^(\s*)(?:(\d{1,2})[).]|([a-zæøå])\))\s+(.*)$")
MONTH_START_RE = re.compile(rf"^\s*\d{{1,2}}\.\s+({'|'.join(MONTHS)})\b", re.I)
LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")
STRONG_RE = re.compile(r"\*\*([^*\n]+)\*\*")
EMPHASIS_RE = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")


def inline(text):
    text = html.escape(text, quote=True)
    text = LINK_RE.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', text)
    text = STRONG_RE.sub(r"<strong>\1</strong>", text)
    return EMPHASIS_RE.sub(r"<em>\1</em>", text)


def _list_entry(line):
    """(nested, ordered type or None, text) of a list line, or None."""
    if m := BULLET_RE.match(line):
        return len(m.group(1)) > 0 or m.group(2) == "◦", None, m.group(3)
    if (m := NUMBERED_RE.match(line)) and not MONTH_START_RE.match(line):
        return len(m.group(1)) > 0, "a" if m.group(3) else "1", m.group(4)
    return None


def text_to_html(lines):
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "\t" in line.strip("\t ") or line.startswith("\t") and "\t" in line[1:]:
            rows = []
            while i < len(lines):
                if "\t" in lines[i]:
                    rows.append(lines[i].split("\t"))
                    i += 1
                elif not lines[i].strip() and i + 1 < len(lines) and "\t" in lines[i + 1]:
                    i += 1  # a blank line inside a table
                else:
                    break
            out.append(table(rows))
            continue
        if _list_entry(line):
            block = []
            while i < len(lines) and (entry := _list_entry(lines[i])):
                block.append(list(entry))
                i += 1
                # a line after a list line that is neither blank nor a list line continues it
                while i < len(lines) and lines[i].strip() and not _list_entry(lines[i]):
                    if "\t" in lines[i]:
                        break
                    block[-1][2] = f"{block[-1][2]}\n{lines[i].strip()}"
                    i += 1
                # a blank line between list lines does not end the list
                if i + 1 < len(lines) and not lines[i].strip() and _list_entry(lines[i + 1]):
                    i += 1
            out.append(_lists(block))
            continue
        out.append(f"<p>{inline(line.strip())}</p>")
        i += 1
    return "".join(out)


def _open(kind):
    return "<ul>" if kind is None else ("<ol>" if kind == "1" else '<ol type="a">')


def _close(kind):
    return "</ul>" if kind is None else "</ol>"


def _lists(block):
    """Consecutive list lines as lists: a change of kind at the outer level starts a new list,
    nested lines go into the item before them."""
    parts = []
    outer = nested_kind = None
    open_item = False
    started = False
    for nested, kind, text in block:
        content = "<br>".join(inline(t) for t in text.split("\n"))
        if nested and open_item:
            if nested_kind is None or nested_kind[0] != kind:
                if nested_kind is not None:
                    parts.append(_close(nested_kind[0]))
                parts.append(_open(kind))
                nested_kind = (kind,)
            parts.append(f"<li><p>{content}</p></li>")
            continue
        if nested_kind is not None:
            parts.append(_close(nested_kind[0]))
            nested_kind = None
        if open_item:
            parts.append("</li>")
        if not started or kind != outer:
            if started:
                parts.append(_close(outer))
            parts.append(_open(kind))
            outer, started = kind, True
        parts.append(f"<li><p>{content}</p>")
        open_item = True
    if nested_kind is not None:
        parts.append(_close(nested_kind[0]))
    if open_item:
        parts.append("</li>")
    if started:
        parts.append(_close(outer))
    return "".join(parts)


def cell_html(text):
    """A cell's text; the paragraphs of a Word cell (kept apart by U+2028) on lines of their own."""
    return "<br>".join(inline(part.strip()) for part in text.split("\u2028"))


def table(rows):
    """A table from rows of cells; a column empty in every row at either edge (a leading or
    trailing tab) is dropped, and the first row is the header."""
    rows = [[c.strip() for c in row] for row in rows]
    while rows and all(row and row[0] == "" for row in rows) and max(map(len, rows)) > 1:
        rows = [row[1:] for row in rows]
    width = max(len(r) for r in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    while width > 1 and all(row[-1] == "" for row in rows):
        rows = [row[:-1] for row in rows]
        width -= 1

    def row_html(row, cell):
        return "<tr>" + "".join(f"<{cell}><p>{cell_html(c)}</p></{cell}>" for c in row) + "</tr>"

    head = row_html(rows[0], "th")
    body = "".join(row_html(row, "td") for row in rows[1:])
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"
