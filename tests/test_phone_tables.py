"""Tables that read on a phone: every body cell of a plain table carries its column's header in data-label."""

from __future__ import annotations

from macros.render.phone_tables import label_table_cells

# As Python-Markdown writes a Markdown table, with markup, an entity and a quote in the headers.
TABLE = ("<table>\n<thead>\n<tr>\n<th>Name</th>\n<th style=\"text-align: left;\"><strong>Phone</strong> &amp;  fax</th>\n"
         "<th>Say \"now\"</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Anna</td>\n<td style=\"text-align: left;\">+49 1</td>\n"
         "<td>yes</td>\n<td>extra</td>\n</tr>\n<tr>\n<td>Bert</td>\n</tr>\n</tbody>\n</table>")


def test_each_cell_carries_its_header_as_plain_words():
    """Headers lose their markup and extra spaces, keep their words (entities re-escaped); a cell past the
    last header gets an empty label; attributes of the cell stay."""
    assert label_table_cells(f"<p>Before</p>{TABLE}<p>After</p>") == (
        "<p>Before</p><table>\n<thead>\n<tr>\n<th>Name</th>\n"
        "<th style=\"text-align: left;\"><strong>Phone</strong> &amp;  fax</th>\n<th>Say \"now\"</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td data-label=\"Name\">Anna</td>\n"
        "<td style=\"text-align: left;\" data-label=\"Phone &amp; fax\">+49 1</td>\n"
        "<td data-label=\"Say &quot;now&quot;\">yes</td>\n<td data-label=\"\">extra</td>\n</tr>\n"
        "<tr>\n<td data-label=\"Name\">Bert</td>\n</tr>\n</tbody>\n</table><p>After</p>")


def test_tables_with_a_class_or_without_a_head_are_left_alone():
    """The risk matrix has a class of its own; a table without <thead> has no headers to give."""
    styled = '<table class="risk-matrix"><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
    headless = "<table><tr><td>no head</td></tr></table>"
    assert label_table_cells(styled + headless) == styled + headless


def test_two_tables_each_use_their_own_headers():
    """The second table's cells are labelled with its own headers, not the first table's."""
    first = "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    second = "<table><thead><tr><th>B</th></tr></thead><tbody><tr><td>2</td></tr></tbody></table>"
    assert label_table_cells(first + second) == (
        '<table><thead><tr><th>A</th></tr></thead><tbody><tr><td data-label="A">1</td></tr></tbody></table>'
        '<table><thead><tr><th>B</th></tr></thead><tbody><tr><td data-label="B">2</td></tr></tbody></table>')
