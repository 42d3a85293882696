"""The anchors of a handbook page, found as MkDocs finds them, for `check` to judge links to a page's headings.

A page's anchors are the ids of its elements: the heading ids Python-Markdown's toc extension makes from the
heading's words, the ids written as `{#id}` after a heading (record anchors such as `faq-<id>`, fixed ones such
as `restart`), and the ids in the page's raw HTML (`<span id="contact-<id>">`). Many headings carry data (an FAQ
topic, a role's title, an escalation level's name) and differ by language and edition, so the page is rendered
to Markdown and converted with the site's own Markdown settings, one page at a time, only when a link needs it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import markdown
from markdown.extensions.toc import slugify

from .pages import built_pages

if TYPE_CHECKING:
    from .edition import Edition
    from .model import Handbook

# mkdocs.yml's `markdown_extensions` with the three MkDocs always adds (toc, tables, fenced_code): they decide which
# lines become headings and which ids the elements get. Heading ids are made by toc's default slugify, the one
# mkdocs.yml leaves in place. tests/test_build.py holds these settings to mkdocs.yml.
SITE_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "pymdownx.superfences",
                   "pymdownx.tasklist"]
SITE_EXTENSION_SETTINGS: dict[str, dict[str, Any]] = {
    "toc": {"permalink": True, "toc_depth": 3, "slugify": slugify},
    "pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": True},
}


class _Ids(HTMLParser):
    """Every id in an HTML page, and the name of every <a name=…>: what MkDocs counts as an anchor."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


def anchors_in(page_markdown: str) -> set[str]:
    """The anchors of a page written in `page_markdown`, as the site's Markdown turns it into HTML."""
    converted = markdown.Markdown(extensions=SITE_EXTENSIONS,
                                  extension_configs=SITE_EXTENSION_SETTINGS).convert(page_markdown)
    parser = _Ids()
    parser.feed(converted)
    parser.close()
    return parser.ids


def page_anchors(handbook: Handbook, edition: Edition, path: str) -> set[str] | None:
    """The anchors of the page at the Markdown path `path` in `edition` (`handbook` as that edition renders it),
    or None when the edition has no such page."""
    built = next((built for built in built_pages(handbook, edition) if built.path == path), None)
    if built is None:
        return None
    return anchors_in(built.page.render(handbook, edition, built.record_id))
