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
from functools import lru_cache
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


@dataclass(frozen=True)
class Removal:
    """One construct of an answer that does not reach the page as written: `kind` names why (a key under
    `messages.rules.removed`), `what` is the construct as written, `offset` where it starts in the text."""

    kind: str
    what: str
    offset: int = 0


@dataclass
class Sanitised:
    """The HTML of one piece of data text, and what was taken out of it (for `check`'s warnings)."""

    html: str
    removed: list[Removal] = field(default_factory=list)
    # Relative link targets that name no page of the edition (`check` reports them as errors).
    unknown_pages: list[str] = field(default_factory=list)
    # (tag, target) of every link and image in `html`, in order: what link_targets(html) finds, without parsing
    # the HTML again (the visible outside-link mark adds no link).
    links: list[tuple[str, str]] = field(default_factory=list)


# Longest piece of a construct quoted in a message: enough to recognise it.
_QUOTE_CHARS = 60
# Python-Markdown's attr_list syntax ({: onerror=…}, {#id}, {.class}): shown as text, since attr_list is off.
_ATTR_LIST = re.compile(r"\{[:#.][^}\n]*\}|\{[^}\n]*=[^}\n]*\}")
# Template code as Jinja writes it: shown as text, never run (pages are rendered before the data is put in).
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


def _plain_mail(value: str) -> bool:
    # A mailto: link to one plain address: a ?cc=/bcc=/body= header would copy mails to a stranger.
    address = value[len("mailto:"):]
    return bool(re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", address))


class _Elements(HTMLParser):
    """The tags of an HTML fragment, and its link and image targets, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if (tag, name) in (("a", "href"), ("img", "src")) and value is not None:
                self.found.append((tag, value))


def _elements(fragment: str) -> _Elements:
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser


def link_targets(fragment: str) -> list[tuple[str, str]]:
    """(tag, target) of every link and image of an HTML fragment, in order."""
    return _elements(fragment).found


@lru_cache(maxsize=None)
def _text_converter() -> markdown.Markdown:
    """Python-Markdown reading raw HTML and entities as the words typed: Markdown escapes them itself, once, so
    code spans and `> quotes` come out as written. Kept and reset: setting one up costs more than an answer."""
    converter = markdown.Markdown(extensions=_EXTENSIONS)
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.inlinePatterns.deregister("entity")
    return converter


@lru_cache(maxsize=None)
def _html_finder() -> markdown.Markdown:
    """Python-Markdown as it reads raw HTML, to find what an editor typed; without fenced_code, which stashes the
    code blocks it makes too (a fenced block is code, not HTML)."""
    return markdown.Markdown(extensions=[name for name in _EXTENSIONS if name != "fenced_code"])


def _raw_html(text: str) -> list[str]:
    """Every piece of raw HTML Python-Markdown stashes from `text` (blocks, inline tags, comments, entities)."""
    finder = _html_finder().reset()
    finder.convert(text)
    return [str(piece) for piece in finder.htmlStash.rawHtmlBlocks]


def _shown_as_text(text: str) -> list[Removal]:
    """Raw HTML, attr_list and template code in the editor's text: each is shown as text on the page."""
    found = []
    # A piece of raw HTML is a piece of the text: a text without "<" has none to show as text.
    for piece in _raw_html(text) if "<" in text else []:
        if piece.startswith("<") and not piece.startswith("</"):
            found.append(Removal("raw_html", _quoted(piece), max(text.find(piece.strip()), 0)))
    found += [Removal("attr_list", _quoted(m.group()), m.start()) for m in _ATTR_LIST.finditer(text)]
    found += [Removal("template", _quoted(m.group()), m.start()) for m in _TEMPLATE.finditer(text)]
    return found


def shown_as_text(text: str) -> list[Removal]:
    """The raw HTML, attr_list and template code of `text` that the page shows as text, in the order written."""
    return sorted(_shown_as_text(text), key=lambda r: r.offset)


# Python-Markdown with _EXTENSIONS makes links and images only from `[` and `<`, and the only tags an answer may not
# use (headings) only from `#` or from a line of `=` or `-` under another (in a quote or list item too); STX and ETX
# mark its own placeholders.
_LINK_OR_HEADING_MARK = re.compile(r"[\[<#\x02\x03]")
_UNDERLINE = re.compile(r"[\s>]*(?:=+|-+)\s*")


def may_make_links_or_headings(text: str) -> bool:
    """Whether the Markdown of `text` can hold a link, an image or a heading. When it cannot, all render_data_markdown
    reports of it is shown_as_text(text): nothing removed from the HTML, no unknown page, no link kept."""
    return bool(_LINK_OR_HEADING_MARK.search(text)) or any(_UNDERLINE.fullmatch(line) for line in text.splitlines())


@lru_cache(maxsize=1024)
def _converted(text: str) -> str:
    """The text through Markdown, raw HTML typed into it shown as text. The same answer is converted once for the
    check, its page and every edition built in the process, and for each rebuild of a preview."""
    return _text_converter().reset().convert(text)


def render_data_markdown(text: str, page_link: Callable[[str], str | None], outside_label: str = "") -> Sanitised:
    """Editor's Markdown → safe HTML. `page_link` maps a relative target (`contacts.md#role-it-lead`) to the link
    to write (`contacts.html#role-it-lead`), or None when it names no page of this edition. Outside links carry
    a visible mark and `outside_label` for screen readers ("outside the handbook")."""
    converted = _converted(text)
    rewritten: dict[str, str] = {}
    unknown_pages: list[str] = []

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
        if target is None:
            unknown_pages.append(value)
        else:
            rewritten[target] = value
        return target

    # Defence in depth: raw HTML is escaped before Markdown sees it, so Markdown's own output never holds what the
    # content, attribute and scheme settings remove (nh3 strips comments by default), and no test can tell them from
    # nh3's defaults.
    cleaned = nh3.clean(converted, tags=ALLOWED_TAGS, clean_content_tags=DROPPED_WITH_CONTENT,  # pragma: no mutate
                        attributes=ALLOWED_ATTRIBUTES, attribute_filter=keep, url_schemes=LINK_SCHEMES,  # pragma: no mutate
                        link_rel="noopener")  # pragma: no mutate
    before, after = _elements(converted), _elements(cleaned)
    kept = [(tag, rewritten.get(value, value)) for tag, value in after.found]
    removed = _shown_as_text(text)
    for tag, value in before.found:
        if (tag, value) in kept or (tag == "a" and value in unknown_pages):
            continue
        removed.append(Removal("image" if tag == "img" else "link", _quoted(value), max(text.find(value), 0)))
    # Markdown the answer may not use (a `# heading` makes an <h1>): the tag goes, its words stay.
    for tag in dict.fromkeys(tag for tag in before.tags if tag not in ALLOWED_TAGS):
        removed.append(Removal("tag", f"<{tag}>"))
    # Links that leave the handbook say so, visibly and to screen readers: the reader may be offline. A scheme is
    # the same in any case (HTTPS://); nh3 writes the tag and attribute names in lower case.
    mark = f'<span class="visually-hidden"> ({html.escape(outside_label)})</span>' if outside_label else ""
    cleaned = re.sub(r'(<a href="(?i:https)://[^"]*"[^>]*>)(.*?)</a>',
                     lambda m: m.group(1).replace("<a ", '<a class="outside-link" ') + m.group(2) + mark + "</a>",
                     cleaned, flags=re.S)
    return Sanitised(cleaned, sorted(removed, key=lambda r: r.offset), unknown_pages, after.found)


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
