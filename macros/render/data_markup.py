"""Markdown written by editors (FAQ answers), turned into HTML that can run nothing and fetch nothing.

FAQ answers arrive by pull request and are read by every agent, so they are the main way in for an
attacker. The Markdown is converted here, in the core, with a small set of extensions (no attr_list,
no raw HTML: that is shown as text), and the result goes through nh3, the allow-list sanitiser (Rust's
ammonia): only the tags and attributes below survive; links may go to https:, mailto: (a plain
address), tel: or a page of this edition; images only to the site itself; no event handler, no style,
no iframe, object, embed or form. The page gets the sanitised HTML as a raw block, which MkDocs'
Markdown leaves as it is.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Callable

import markdown
import nh3

# What an answer may contain: text structure, emphasis, lists, tables, code, quotes, links, images.
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code", "pre", "blockquote", "hr",
                "table", "thead", "tbody", "tr", "th", "td", "img", "del", "sub", "sup", "small"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
# Removed with everything inside them, not only their tags (a script's text is no answer).
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "form", "template", "textarea", "select",
                        "noscript", "svg", "math"}
# Schemes a link may use; relative links are checked against the edition's pages below.
LINK_SCHEMES = {"https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Python-Markdown's own extensions that add no way to set attributes or write raw HTML.
_EXTENSIONS = ["tables", "sane_lists", "fenced_code"]


@dataclass
class Sanitised:
    """The HTML of one piece of data text, and what was taken out of it (for `check`'s warnings)."""

    html: str
    removed: list[str] = field(default_factory=list)


def _plain_mail(value: str) -> bool:
    # A mailto: link to one plain address: a ?cc=/bcc=/body= header would copy mails to a stranger.
    address = value[len("mailto:"):]
    return bool(re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", address))


class _Targets(HTMLParser):
    """The link and image targets of an HTML fragment, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (tag, name) in (("a", "href"), ("img", "src")) and value is not None:
                self.found.append((tag, value))


def _targets(fragment: str) -> list[tuple[str, str]]:
    parser = _Targets()
    parser.feed(fragment)
    return parser.found


def render_data_markdown(text: str, page_link: Callable[[str], str | None]) -> Sanitised:
    """Editor's Markdown → safe HTML. `page_link` maps a relative target (`contacts.md#role-it-lead`) to the link
    to write (`contacts.html#role-it-lead`), or None when it names no page of this edition."""
    # Raw HTML typed into an answer is shown as text: escape it before Markdown sees it.
    converted = markdown.markdown(html.escape(text, quote=False), extensions=_EXTENSIONS, output_format="html")
    rewritten: dict[str, str] = {}

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("href", "src"):
            return value
        scheme = _SCHEME.match(value)
        if value.startswith("//") or (scheme and tag == "img"):
            # Only the site's own images, and no link without a scheme to another host.
            return None
        if scheme:
            name = scheme.group(1).lower()
            return value if name in LINK_SCHEMES and (name != "mailto" or _plain_mail(value)) else None
        if value.startswith("#") or tag == "img":
            return value
        target = page_link(value)
        if target is not None:
            rewritten[target] = value
        return target

    cleaned = nh3.clean(converted, tags=ALLOWED_TAGS, clean_content_tags=DROPPED_WITH_CONTENT,
                        attributes=ALLOWED_ATTRIBUTES, attribute_filter=keep, url_schemes=LINK_SCHEMES,
                        link_rel="noopener", strip_comments=True)
    kept = [(tag, rewritten.get(value, value)) for tag, value in _targets(cleaned)]
    removed = [f"{'image' if tag == 'img' else 'link'}: {value}" for tag, value in _targets(converted)
               if (tag, value) not in kept]
    # Links that leave the handbook say so: the reader may be offline.
    cleaned = cleaned.replace('<a href="https://', '<a class="outside-link" href="https://')
    return Sanitised(cleaned, removed)


def relative_page_link(current_page: str, markdown_paths: set[str]) -> Callable[[str], str | None]:
    """A `page_link` for render_data_markdown: targets are relative to `current_page` (a Markdown path) and must
    be one of `markdown_paths`; the link is written to the built .html page, its #anchor kept."""
    def link(target: str) -> str | None:
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(current_page), path))
        if resolved not in markdown_paths:
            return None
        built = path.removesuffix(".md") + ".html"
        return f"{built}#{anchor}" if anchor else built
    return link
