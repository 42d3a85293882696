"""Tables that still read on a phone: each cell carries its column's header, so that below 600 px a row can
stand as a card of "header: value" lines instead of hiding columns off to the right (handbook.css).

Works on the HTML that Python-Markdown writes for Markdown tables (`<table><thead><tr><th>…`); tables
with a class of their own (the risk matrix) are left as they are (the pattern matches a bare <table> only).
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL_START = re.compile(r"<td([^>]*)>")
_TAG = re.compile(r"<[^>]+>")


def _words(cell: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", cell)).split())


def _label_row(row: str, labels: list[str]) -> str:
    cells = iter(labels)

    def label(match: re.Match[str]) -> str:
        return f'<td{match.group(1)} data-label="{next(cells, "")}">'

    return _CELL_START.sub(label, row)


def _label_table(match: re.Match[str]) -> str:
    head, head_end, rest = match.group(1).partition("</thead>")
    if not head_end:
        return match.group(0)
    # html.escape escapes quotes too: each label stays inside its attribute. Escaped once per table, not per cell.
    labels = [html.escape(_words(cell)) for cell in _HEADER_CELL.findall(head)]
    rows = _ROW.sub(lambda row: f"<tr>{_label_row(row.group(1), labels)}</tr>", head_end + rest)
    return f"<table>{head}{rows}</table>"


def label_table_cells(page_html: str) -> str:
    """Every plain table of the page with each body cell carrying its column header in data-label."""
    return _TABLE.sub(_label_table, page_html)
