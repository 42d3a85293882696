"""The emergency folder on paper: PDFs printed from the finished site by Debian's Chromium.

`write` puts into dist/:

- `emergency-folder.pdf`: cover, table of contents with page numbers, then every page of the site in
  menu order (every diagram and checklist included), numbered "Page X of Y" across the whole folder;
- `checklists/<id>.pdf`: each checklist and form (the escalation report form too) on its own pages;
- `alerting-plan.pdf`: one page with every alerting chain and the numbers of everyone in them;
- `wallet-card.pdf`: an A4 sheet of credit-card-sized cards with the numbers to carry, with cut marks.

Chromium prints through Playwright (a trial found it more faithful to Material's HTML and about 3.5×
faster than WeasyPrint). Only this writer needs a browser: `mkdocs build` and `mkdocs serve` do not.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from . import pages
from .browser import BrowserMissing, chromium
from .edition import Edition
from .errors import HandbookError
from .model import Handbook
from .render.print_pages import (
    MARGIN_BOTTOM_MM,
    MARGIN_SIDE_MM,
    MARGIN_TOP_MM,
    ContentsEntry,
    render_alerting_plan,
    render_contents,
    render_cover,
    render_page_number_sheets,
    render_running_footer,
    render_running_header,
    render_wallet_cards,
)

FOLDER_FILE = "emergency-folder.pdf"
ALERTING_PLAN_FILE = "alerting-plan.pdf"
WALLET_CARD_FILE = "wallet-card.pdf"
CHECKLIST_FOLDER = "checklists"
PAGE_MARGINS = {"top": f"{MARGIN_TOP_MM}mm", "bottom": f"{MARGIN_BOTTOM_MM}mm",
                "left": f"{MARGIN_SIDE_MM}mm", "right": f"{MARGIN_SIDE_MM}mm"}
NO_MARGINS = {"top": "0", "bottom": "0", "left": "0", "right": "0"}
# print.css numbers pages and shows the edition banner for browser printing; here the running header
# and footer carry both instead.
_ENGINE_PRINT_STYLE = "@page { @bottom-right { content: none; } } .md-banner { display: none !important; }"
# What the printer may load: the built site from disk, inline data and the empty page.
LOCAL_URLS = ("file:", "data:", "about:", "blob:")
# How far the alerting plan may shrink to stay on one page before the data has to get shorter.
_SMALLEST_SCALE = 0.6


class PrintError(HandbookError):
    """A printed file cannot be made as promised (for example, the alerting plan is longer than one page)."""


@dataclass(frozen=True)
class SitePage:
    """A page of the built site in reading order: its file, its menu title and its menu section."""

    path: str
    title: str
    section: str | None


def reading_order(site_dir: Path) -> list[SitePage]:
    """The site's pages in menu order, read from the built home page's navigation (what readers see)."""
    reader = _MenuReader()
    reader.feed((site_dir / "index.html").read_text(encoding="utf-8"))
    pages, seen = [], set()
    for page in reader.pages:
        if page.path not in seen and (site_dir / page.path).is_file():
            seen.add(page.path)
            pages.append(page)
    if not pages:
        raise PrintError(f"{site_dir}/index.html: no navigation found, so the folder has no pages to print")
    return pages


# Elements that never have an end tag in HTML.
_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                            "track", "wbr"})


class _MenuReader(HTMLParser):
    """Collects the page links of Material's primary navigation with the section each sits in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pages: list[SitePage] = []
        self._depth = 0
        self._primary_depth: int | None = None
        self._secondary_depth: int | None = None
        self._sections: list[tuple[int, str]] = []
        self._capture: tuple[str, str] | None = None
        self._capture_depth = 0
        self._text: list[str] = []
        self._section_pending: int | None = None
        # Only the first primary navigation counts (the page has one; a second would be a theme change).
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag not in _VOID_ELEMENTS:
            self._depth += 1
        if tag == "nav" and "md-nav--primary" in classes and self._primary_depth is None and not self._done:
            self._primary_depth = self._depth
        if self._primary_depth is None:
            return
        if tag == "nav" and "md-nav--secondary" in classes and self._secondary_depth is None:
            self._secondary_depth = self._depth
        if self._secondary_depth is not None:
            return
        if tag == "li" and "md-nav__item--section" in classes:
            self._section_pending = self._depth
        elif tag == "label" and "md-nav__link" in classes and self._section_pending is not None:
            self._start_capture("section", "")
        elif tag == "a" and "md-nav__link" in classes:
            href = attributes.get("href") or ""
            if href and not href.startswith("#"):
                self._start_capture("link", href.split("#", 1)[0])

    def _start_capture(self, kind: str, value: str) -> None:
        self._capture, self._capture_depth, self._text = (kind, value), self._depth, []

    def handle_data(self, data: str) -> None:
        if self._capture is not None and self._primary_depth is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_ELEMENTS:
            return
        if self._capture is not None and self._depth == self._capture_depth:
            kind, value = self._capture
            words = " ".join("".join(self._text).split())
            if kind == "section":
                self._sections.append((self._section_pending or 0, words))
                self._section_pending = None
            else:
                section = " › ".join(name for _, name in self._sections) or None
                self.pages.append(SitePage(value, words, section))
            self._capture = None
        if self._sections and self._depth == self._sections[-1][0]:
            self._sections.pop()
        if self._secondary_depth == self._depth:
            self._secondary_depth = None
        if self._primary_depth == self._depth:
            self._primary_depth, self._done = None, True
        self._depth -= 1


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


class Printer:
    """One Chromium tab that prints site pages and print-only HTML to A4 PDFs with the running header and footer."""

    def __init__(self, browser: Any, handbook: Handbook, edition: Edition):
        self.handbook = handbook
        self.edition = edition
        self.labels = edition.labels
        # The printer's browser gets no network: a page may only load the local site (and inline data).
        self.blocked: list[str] = []
        self.context = browser.new_context(offline=True, java_script_enabled=True)
        self.context.route(lambda url: not url.startswith(LOCAL_URLS), self._block)
        self.tab = self.context.new_page()

    def _block(self, route: Any) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def close(self) -> None:
        """Close the tab and its browser context."""
        self.context.close()

    def site_page(self, file: Path, title: str, numbered: bool = True) -> bytes:
        """A page of the built site, with its print stylesheet; `numbered=False` leaves the footer to the caller."""
        self.tab.goto(file.as_uri(), wait_until="load")
        self.tab.add_style_tag(content=_ENGINE_PRINT_STYLE)
        return self._pdf(title, numbered)

    def html(self, document: str, title: str | None = None, numbered: bool = True, scale: float = 1.0) -> bytes:
        """Print-only HTML; without a `title` it prints bare (no running header or footer, no margins of ours)."""
        self.tab.set_content(document, wait_until="load")
        if title is None:
            return self.tab.pdf(format="A4", print_background=False, prefer_css_page_size=True, margin=NO_MARGINS,
                                scale=scale)
        return self._pdf(title, numbered, scale)

    def _pdf(self, title: str, numbered: bool, scale: float = 1.0) -> bytes:
        footer = render_running_footer(self.handbook, self.edition) if numbered else "<span></span>"
        return self.tab.pdf(format="A4", print_background=False, display_header_footer=True, margin=PAGE_MARGINS,
                            header_template=render_running_header(self.handbook, self.edition, title),
                            footer_template=footer, scale=scale)


def _write_pdf(target: Path, parts: list[bytes], title: str, handbook: Handbook, edition: Edition,
               outline: list[tuple[str, int]] | None = None, overlay: bytes | None = None) -> int:
    """Merge `parts` into one PDF at `target`, with metadata, optional bookmarks and page-number overlay."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)), import_outline=False)
    if overlay is not None:
        sheets = PdfReader(io.BytesIO(overlay)).pages
        for page, sheet in zip(writer.pages, sheets, strict=True):
            page.merge_page(sheet)
    for bookmark, page_index in outline or []:
        writer.add_outline_item(title=bookmark, page_number=page_index)
    organisation = handbook.organisation
    labels = edition.labels
    subject = labels("print.subject", title=organisation.handbook_title, edition=edition.name,
                     version=organisation.version)
    writer.add_metadata({"/Title": title, "/Author": str(organisation.name), "/Subject": subject,
                         "/Keywords": edition.classification, "/Lang": edition.language,
                         "/Creator": "emergency-handbook (Chromium via Playwright, pypdf)"})
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as output:
        writer.write(output)
    return len(writer.pages)


def print_folder(printer: Printer, site_dir: Path, target: Path) -> int:
    """The whole handbook: cover, contents with page numbers, every page in menu order, numbered as one."""
    handbook, edition, labels = printer.handbook, printer.edition, printer.labels
    pages = reading_order(site_dir)
    printed = [printer.site_page(site_dir / page.path, page.title, numbered=False) for page in pages]
    counts = [page_count(pdf) for pdf in printed]
    cover = printer.html(render_cover(handbook, edition))
    contents_title = labels("print.contents.title")
    contents_length, contents = 1, b""
    # The contents' own length moves every page number after it; settle it (it converges at once in practice).
    for _ in range(5):
        first_page = page_count(cover) + contents_length + 1
        starts = [first_page + sum(counts[:index]) for index in range(len(pages))]
        entries = [ContentsEntry(page.title, page.section, start) for page, start in zip(pages, starts)]
        contents = printer.html(render_contents(handbook, edition, entries), contents_title, numbered=False)
        if page_count(contents) == contents_length:
            break
        contents_length = page_count(contents)
    total = page_count(cover) + contents_length + sum(counts)
    numbers = printer.html(render_page_number_sheets(handbook, edition, total, first=page_count(cover) + 1))
    outline = [(labels("print.contents.cover"), 0), (contents_title, page_count(cover))]
    outline += [(page.title, start - 1) for page, start in zip(pages, starts)]
    return _write_pdf(target, [cover, contents, *printed], handbook.organisation.handbook_title, handbook, edition,
                      outline, numbers)


def print_checklists(printer: Printer, site_dir: Path, folder: Path) -> dict[str, int]:
    """One PDF per checklist and form (the escalation report form among them); page counts by id."""
    for stale in folder.glob("*.pdf"):
        stale.unlink()
    counts = {}
    checklist_page = pages.page("checklist")
    for checklist in printer.handbook.checklists:
        html = site_dir / checklist_page.path_for(checklist.id).removesuffix(".md")
        pdf = printer.site_page(html.with_suffix(".html"), checklist.title)
        counts[checklist.id] = _write_pdf(folder / f"{checklist.id}.pdf", [pdf], checklist.title, printer.handbook,
                                          printer.edition)
    return counts


def print_alerting_plan(printer: Printer, target: Path) -> float:
    """The alerting plan on exactly one page, shrunk as far as needed (and allowed); returns the scale used."""
    handbook, labels = printer.handbook, printer.labels
    title = labels("print.alerting_plan.title")
    document = render_alerting_plan(handbook, printer.edition)
    scale = 1.0
    while True:
        pdf = printer.html(document, title, scale=scale)
        if page_count(pdf) == 1:
            _write_pdf(target, [pdf], title, handbook, printer.edition)
            return scale
        scale = round(scale - 0.05, 2)
        if scale < _SMALLEST_SCALE:
            raise PrintError(f"the alerting plan does not fit on one A4 page even at {_SMALLEST_SCALE:.0%} size: "
                             f"shorten the triggers in alerting.yml or split long chains")


def write(handbook: Handbook, edition: Edition, site_dir: Path, dist_dir: Path) -> str:
    """Write the emergency folder, the checklist PDFs, the alerting plan and the wallet cards into dist_dir."""
    labels = edition.labels
    started = time.perf_counter()
    try:
        with chromium() as browser:
            printer = Printer(browser, handbook, edition)
            try:
                folder_pages = print_folder(printer, site_dir, dist_dir / FOLDER_FILE)
                checklists = print_checklists(printer, site_dir, dist_dir / CHECKLIST_FOLDER)
                scale = print_alerting_plan(printer, dist_dir / ALERTING_PLAN_FILE)
                card = printer.html(render_wallet_cards(handbook, edition))
                _write_pdf(dist_dir / WALLET_CARD_FILE, [card], labels("print.wallet_card.title"), handbook, edition)
            finally:
                printer.close()
    except BrowserMissing as error:
        raise BrowserMissing(f"the PDFs need Chromium: {error}") from None
    seconds = time.perf_counter() - started
    shrunk = f" at {scale:.0%} size" if scale < 1 else ""
    return (f"{FOLDER_FILE} ({folder_pages} pages), {len(checklists)} checklist PDFs ({sum(checklists.values())} "
            f"pages), {ALERTING_PLAN_FILE} (1 page{shrunk}) and {WALLET_CARD_FILE}, printed in {seconds:.1f} s")
