"""The emergency folder on paper: PDFs printed from the finished site by Debian's Chromium.

`write` puts into dist/:

- `emergency-folder.pdf`: cover, table of contents with page numbers, then every page of the site in
  menu order (every diagram and checklist included), numbered "Page X of Y" across the whole folder;
- `checklists/<id>.pdf`: each checklist and form (the escalation report form too) on its own pages;
- `alerting-plan.pdf`: one page with every alerting chain and the numbers of everyone in them;
- `wallet-card.pdf`: an A4 sheet of credit-card-sized cards with the numbers to carry, with cut marks.

Chromium prints through Playwright (a trial found it more faithful to Material's HTML and about 3.5×
faster than WeasyPrint). Only this writer needs a browser: `mkdocs build` and `mkdocs serve` do not.
One browser prints in several tabs at once (one per core, at least two); each tab prints about ten site pages in
one call, and the PDF is cut back into one per page (see print_site_pages); reading the PDFs back and merging them
(pikepdf) runs beside the printing.

A site page is printed bare: without the menus, the edition's banner or any running header. Its running
header and footer (with the edition's classification and build time) are printed on sheets laid over it
once the folder is merged. So a page's print depends only on what it shows: a rebuild reprints only the pages
that changed, and two editions share the print of a page they show alike (printed pages are kept in the cache
by a hash of that part of their HTML).
"""

from __future__ import annotations

import asyncio
import io
import json
import math
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any, AsyncIterator, Coroutine, Iterator, TypeVar
from urllib.parse import urljoin

from . import cache
from .browser import BrowserMissing, async_chromium
from .cache import content_key
from .edition import Edition
from .errors import HandbookError
from .model import Handbook
from .pages import BuiltPage, built_pages
from .pdf_files import DocumentInfo, PdfJob, link_address, ready, write_pdfs
from .render.print_pages import (
    MARGIN_BOTTOM_MM,
    MARGIN_SIDE_MM,
    MARGIN_TOP_MM,
    STAMP_ID,
    ContentsEntry,
    PageReference,
    SheetRun,
    render_alerting_plan,
    render_contents,
    render_cover,
    render_overlay_sheets,
    render_running_footer,
    render_running_header,
    render_stamp_sheet,
    render_wallet_cards,
)

# Playwright is imported only where the browser starts (macros.browser).
if TYPE_CHECKING:
    import pikepdf
    from playwright.async_api import Browser, BrowserContext, Page, PdfMargins, Route

FOLDER_FILE = "emergency-folder.pdf"
ALERTING_PLAN_FILE = "alerting-plan.pdf"
WALLET_CARD_FILE = "wallet-card.pdf"
REVIEW_FILE = "review.pdf"
CHECKLIST_FOLDER = "checklists"
PAGE_MARGINS: PdfMargins = {"top": f"{MARGIN_TOP_MM}mm", "bottom": f"{MARGIN_BOTTOM_MM}mm",
                "left": f"{MARGIN_SIDE_MM}mm", "right": f"{MARGIN_SIDE_MM}mm"}
NO_MARGINS: PdfMargins = {"top": "0", "bottom": "0", "left": "0", "right": "0"}
# What a site page shows on screen only, between these marks (overrides/main.html): the header, menus, footer and
# the edition's banner. The printer loads each page without it (print.css would hide it anyway), and the page's
# print does not depend on it.
_NOT_PRINTED = re.compile(r"<!--handbook:not-printed-->.*?<!--/handbook:not-printed-->", re.S)
# The build stamp in the home page's text: the running header carries it on paper.
_BUILD_STAMP = re.compile(r'<p class="build-stamp"[^>]*>.*?</p>', re.S)
# print.css numbers pages and shows the edition banner for browser printing; here the running header and footer,
# laid over each page afterwards, carry both instead. So a page two editions show alike is printed once (see
# Printer.page_key).
_ENGINE_PRINT_STYLE = ("@page { @bottom-right { content: none; } } .md-banner, .build-stamp { display: none !important; }")
# Shows site pages, one after the other from a new sheet each, in the tab's loaded document (see
# Printer.load_site_pages): Chromium prints many pages in one call in about half the time it takes one call each. Each
# page's body (with every address in it made absolute) is parsed apart and put in a block of its own in place of what
# the document showed, so the head's styles stay parsed; the first page's <html> and <body> attributes are taken
# (all pages of one call share them, see PrintTabs.look); then it waits for images and fonts. Ids are prefixed by
# the page's place in the call, so that each page's links to its own sections stay within it. Links, in a hidden
# block, to each element with an id and to the start of each page: Chromium names in the PDF the sheet each target of
# a link is printed on, so where a page starts, and the sheet of a section (or of an empty anchor before a contact),
# are read without reading the text. Returns for each page the names of those destinations. It also reserves after
# every link to another page of the site an empty slot that is itself a link to the same target: Chromium writes each
# link's box into the PDF, so the slot's place tells where "(p. 12)" goes.
_SHOW_PAGES_AND_RESERVE = """async ([pages, marker]) => {
  const body = document.createElement('body');
  const targets = document.createElement('div');
  targets.style.display = 'none';
  // The name of the destination Chromium gives the element with this id: a link to it makes one.
  const destination = (id) => {
    const link = document.createElement('a');
    link.href = '#' + id;
    targets.append(link);
    return link.hash.slice(1);
  };
  const shown = [];
  const parts = [];
  for (const [index, [html, address]] of pages.entries()) {
    const next = new DOMParser().parseFromString(html, 'text/html');
    if (index === 0) {
      const root = document.documentElement;
      for (const name of root.getAttributeNames()) root.removeAttribute(name);
      for (const name of next.documentElement.getAttributeNames()) {
        root.setAttribute(name, next.documentElement.getAttribute(name));
      }
      for (const name of next.body.getAttributeNames()) body.setAttribute(name, next.body.getAttribute(name));
    }
    const prefix = `page${index}-`;
    for (const element of next.body.querySelectorAll('*')) {
      if (element.id) element.id = prefix + element.id;
      for (const attribute of [...element.attributes]) {
        const value = attribute.value;
        if (['href', 'src'].includes(attribute.localName)) {
          // The loaded document's address is not the page's: its links and images point where they point from
          // the page; a link to a section of the page itself stays one (within the PDF too).
          attribute.value = value.startsWith('#') ? '#' + prefix + value.slice(1) : new URL(value, address).href;
        } else if (value.includes('url(#')) {
          attribute.value = value.replaceAll('url(#', 'url(#' + prefix);
        }
      }
    }
    const part = document.createElement('div');
    part.className = 'printed-page';
    part.id = prefix;
    part.append(...next.body.childNodes);
    body.append(part);
    parts.push(part);
    const anchors = {};
    for (const element of part.querySelectorAll('.md-content [id]')) {
      anchors[element.id.slice(prefix.length)] = destination(element.id);
    }
    for (const link of [...part.querySelectorAll('.md-content a[href]')]) {
      if (link.getAttribute('href').startsWith('#')) continue;
      const target = new URL(link.getAttribute('href'), address);
      if (target.protocol !== 'file:') continue;
      if (target.href.split('#')[0] === address) {
        if (target.hash) link.setAttribute('href', '#' + prefix + target.hash.slice(1));
        continue;
      }
      const slot = document.createElement('a');
      slot.className = 'page-reference-slot';
      slot.href = target.href.split('#')[0] + marker + (target.hash || '');
      link.after(slot);
    }
    shown.push({start: destination(part.id), anchors});
  }
  body.append(targets);
  document.body.replaceWith(body);
  await Promise.all([...document.images].filter((image) => !image.complete).map(
    (image) => new Promise((done) => { image.onload = image.onerror = done; })));
  await document.fonts.ready;
  // A page wider than the sheet makes Chromium print the whole document smaller: it leaves the call, to be printed
  // alone (the tab is as wide as the sheet, see PrintTabs._new_tab).
  for (const [index, page] of shown.entries()) {
    page.wide = shown.length > 1 && parts[index].scrollWidth > parts[index].clientWidth;
    if (page.wide) parts[index].remove();
  }
  return shown;
}"""
# What in a page's head decides how its body looks: its stylesheets, linked or inline.
_HEAD_STYLES = re.compile(r'<link\b[^>]*\brel="?stylesheet"?[^>]*\bhref="([^"]*)"[^>]*>|(<style\b.*?</style>)', re.S)
# A page's <html> tag, with its language (hyphenation follows it).
_ROOT_TAG = re.compile(r"<html\b[^>]*>")
# The address, in a page's folder, at which a tab loads the head it shows pages of that folder in; no page has it.
_SHELL_FILE = ".print-shell-{tab}.html"
# The query that marks a slot's link in the PDF; a slot is as wide as "(p. 123)" in the text around it.
_SLOT_MARKER = "?page-reference"
_SLOT_STYLE = ".page-reference-slot { display: inline-block; width: 3.6em; height: 0.9em; }"
# Each page shown in a tab starts on a sheet of its own (see _SHOW_PAGES_AND_RESERVE).
_PAGE_STYLE = ".printed-page { break-before: page; }"
# A last page holding less than this share of a page's height is reprinted a little smaller to save it.
NEAR_EMPTY = 0.15
_SMALLEST_PAGE_SCALE = 0.85
# What the printer may load: the built site from disk, inline data and the empty page.
LOCAL_URLS = ("file:", "data:", "about:", "blob:")
# How far the alerting plan may shrink to stay on one page before the data has to get shorter.
_SMALLEST_SCALE = 0.6
# The first of `scales` (largest first) at which the document, laid out that much wider, fits that much more height;
# the last when none does. Chromium prints at scale s what it lays out at the printed area's width / s.
_LARGEST_SCALE_THAT_FITS = """([width, height, scales]) => {
  const root = document.documentElement;
  const fits = (scale) => {
    root.style.width = (width / scale) + 'px';
    return root.getBoundingClientRect().height <= height / scale;
  };
  const found = scales.find(fits) ?? scales[scales.length - 1];
  root.style.width = '';
  return found;
}"""
# CSS pixels are 1/96 inch
_MM_PER_PX = 25.4 / 96
# The part of an A4 sheet a site page is printed on, in CSS pixels.
_PRINTED_WIDTH_PX = round((210 - 2 * MARGIN_SIDE_MM) / _MM_PER_PX)
_PRINTED_HEIGHT_PX = round((297 - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) / _MM_PER_PX)
T = TypeVar("T")


def print_tabs() -> int:
    """How many tabs print at once: one per core, at least two (while one tab waits, the other prints)."""
    return max(2, os.cpu_count() or 1)


def writer_count() -> int:
    """How many processes write the PDFs: one per core, at least two (the folder in one, the rest beside it)."""
    return max(2, os.cpu_count() or 1)


class PrintError(HandbookError):
    """A printed file cannot be made as promised (for example, the alerting plan is longer than one page)."""


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


class PrintTabs:
    """A browser context with no network and the tabs that print in it, up to `most` at a time. A Printer opens its
    own, or prints in its session's (see one_browser), which the editions printed one after the other in it share:
    a context costs its own renderer process (about 0.8 s of CPU) and each tab warms up on its first print."""

    def __init__(self, browser: Browser, most: int):
        self.browser = browser
        self._free: asyncio.Queue[Page] = asyncio.Queue()
        self._context: asyncio.Future[BrowserContext] | None = None
        self.most, self._opened = most, 0
        # The part of each site page that prints, by its file: URL; the tabs load this instead of the whole file.
        self.printed_parts: dict[str, str] = {}
        # The stylesheets of the head each tab shows site pages in (see show_head).
        self._shells: dict[Page, tuple[str, ...]] = {}
        self._numbers: dict[Page, int] = {}

    async def _new_tab(self) -> Page:
        """A tab in the browser context, which has no network (made with the first tab: a context of its own for
        every tab would cost its own renderer process, about 0.8 s of CPU each)."""
        if self._context is None:
            self._context = asyncio.ensure_future(self._new_context())
        tab = await (await asyncio.shield(self._context)).new_page()
        # Laid out for print from the start: else each print switches the tab to print media and back, and Chromium
        # matches the site's styles anew both ways (about a sixth of the time a page takes to print).
        await tab.emulate_media(media="print")
        # As wide as a sheet's printed area, so that what a page shows is laid out as it will be printed and a page
        # too wide for the sheet is seen before printing (see _SHOW_PAGES_AND_RESERVE).
        await tab.set_viewport_size({"width": _PRINTED_WIDTH_PX, "height": _PRINTED_HEIGHT_PX})
        self._numbers[tab] = len(self._numbers)
        return tab

    async def _new_context(self) -> BrowserContext:
        context = await self.browser.new_context(offline=True, java_script_enabled=True)
        # The printer's browser gets no network: a page may only load the local site (and inline data).
        await context.route(lambda url: not url.startswith(LOCAL_URLS), _abort)
        # The site's own scripts (Material's bundle, the search index) change nothing on paper: skipping them
        # halves the time to load each page.
        await context.route(lambda url: url.startswith("file:") and url.split("?")[0].endswith(".js"), _abort)
        # Without the menus, a page parses and lays out faster (at 20× the sample, a fifth of the printing time).
        await context.route(lambda url: url in self.printed_parts, self._serve_printed_part)
        return context

    async def _serve_printed_part(self, route: Route) -> None:
        await route.fulfill(status=200, content_type="text/html; charset=utf-8",
                            body=self.printed_parts[route.request.url])

    @asynccontextmanager
    async def tab(self) -> AsyncIterator[Page]:
        """A tab of its own for as long as the caller needs it; waits until one is free. Tabs open when first
        needed, so a print taken wholly from the cache opens none."""
        if self._free.empty() and self._opened < self.most:
            # Counted before opening: others asking meanwhile must not open more than the most.
            self._opened += 1
            self._free.put_nowait(await self._new_tab())
        tab = await self._free.get()
        try:
            yield tab
        finally:
            self._free.put_nowait(tab)

    async def show_head(self, tab: Page, file: Path) -> str:
        """Have `tab` show the head of site page `file` (loaded at an address of its own beside the page, with no
        body, unless the tab already shows one with the same stylesheets); returns the page's printed part."""
        part = self.printed_parts[file.as_uri()]
        head = part.split("<body", 1)[0]
        styles = self._styles(file, head)
        if self._shells.get(tab) != styles:
            shell_address = (file.parent / _SHELL_FILE.format(tab=self._numbers[tab])).as_uri()
            self.printed_parts[shell_address] = head + "<body></body></html>"
            await tab.goto(shell_address, wait_until="load")
            await tab.add_style_tag(content=_ENGINE_PRINT_STYLE + _SLOT_STYLE + _PAGE_STYLE)
            self._shells[tab] = styles
        return part

    def look(self, file: Path) -> tuple[str, ...]:
        """What site page `file` is shown with: its stylesheets (see show_head) and its <html> and <body> tags (a tab
        shows the pages of one call with the first one's, see _SHOW_PAGES_AND_RESERVE)."""
        head, _, body = self.printed_parts[file.as_uri()].partition("<body")
        return (*self._styles(file, head), *_ROOT_TAG.findall(head), body.split(">", 1)[0])

    @staticmethod
    def _styles(file: Path, head: str) -> tuple[str, ...]:
        """The stylesheets of a page's `head`: linked ones by their address, inline ones as they are."""
        address = file.as_uri()
        return tuple(urljoin(address, unescape(linked)) if linked else inline
                     for linked, inline in _HEAD_STYLES.findall(head))

    async def show_html(self, tab: Page, document: str) -> None:
        """Load print-only HTML into `tab`, in place of the head it showed site pages with."""
        self._shells.pop(tab, None)
        await tab.set_content(document, wait_until="load")

    async def close(self) -> None:
        """Close the tabs and their browser context."""
        if self._context is None or self._context.cancelled():
            return
        try:
            context = await self._context
        except Exception:
            # It never opened (the error is the caller's to report): nothing to close.
            return
        await context.close()


class Printer:
    """Tabs of one Chromium that print site pages and print-only HTML to A4 PDFs with the running header and
    footer, as many at a time as there are tabs (its own, or `shared` ones, see PrintTabs)."""

    def __init__(self, browser: Browser, handbook: Handbook, edition: Edition, tabs: int,
                 writers: Executor | None = None, shared: PrintTabs | None = None):
        # The processes that write the PDFs (None: threads of this one).
        self.writers = writers
        self.handbook = handbook
        self.edition = edition
        self.labels = edition.labels
        self.browser_version = str(getattr(browser, "version", ""))
        self.tabs = shared or PrintTabs(browser, tabs)
        self._own_tabs = shared is None
        self._styles: dict[Path, str] = {}
        # Documents being printed now, by cache key: the same document asked for twice is printed once.
        self._printing: dict[str, asyncio.Future[bytes]] = {}

    def tab(self) -> AbstractAsyncContextManager[Page]:
        """A tab of its own for as long as the caller needs it (see PrintTabs.tab)."""
        return self.tabs.tab()

    def page_key(self, site_dir: Path, file: Path) -> str:
        """What a printed site page depends on: its HTML but for the edition's marks (never printed with it), the
        site's styles and images, this module's print settings and the browser; the same key prints the same PDF.
        So a rebuild reprints only the pages that changed, and the editions share the pages they show alike."""
        if site_dir not in self._styles:
            # Scripts are never loaded for printing (see _new_tab): only the rest of the assets counts.
            assets = sorted(path for path in (site_dir / "assets").rglob("*") if path.is_file()
                            and path.suffix not in (".js", ".map"))
            self._styles[site_dir] = content_key(*(part for path in assets for part in (
                path.relative_to(site_dir).as_posix(), path.read_bytes())))
        printed = self.tabs.printed_parts[file.as_uri()] = printed_part(file.read_text(encoding="utf-8"))
        return content_key("print-page", _PRINT_SETTINGS, self.browser_version, self._styles[site_dir],
                           file.relative_to(site_dir).as_posix(), printed)

    def info(self, title: str) -> DocumentInfo:
        """What a PDF of this edition titled `title` says about itself."""
        organisation = self.handbook.organisation
        subject = self.labels("print.subject", title=organisation.handbook_title, edition=self.edition.name,
                              version=organisation.version)
        return DocumentInfo(title, str(organisation.name), subject, self.edition.classification, self.edition.language)

    async def write(self, jobs: list[PdfJob], overlay: list[bytes] | None = None, stamp: bytes | None = None
                    ) -> list[int]:
        """Write the PDFs of `jobs` (see pdf_files.write_pdfs) in a writer process (or a thread, for a small
        handbook); returns their page counts."""
        return await asyncio.get_running_loop().run_in_executor(self.writers, write_pdfs, jobs, overlay, stamp)

    async def close(self) -> None:
        """Stop what is still printing and close the printer's own tabs (shared ones stay for the next printer)."""
        # A document still printing is wanted by nobody now (another job failed): stop it before its tab goes.
        for job in self._printing.values():
            job.cancel()
        if self._own_tabs:
            await self.tabs.close()

    async def load_site_pages(self, tab: Page, files: list[Path]) -> list[dict[str, Any]]:
        """Show pages of the built site (their printed parts, see page_key; all with the same look, see
        PrintTabs.look) in `tab` as they are printed, each from a new sheet: a reserved slot after each link to
        another page, and each element with an id linked from a hidden block. Returns for each page the name of the
        destination at its start and of each of its ids (see cut_printed).

        A tab loads a page's head once, with no body, at an address of its own beside the page, and then shows
        pages with the same stylesheets by putting their bodies in place: a navigation and the parsing of
        Material's styles cost about 0.2 s per page, the swap a third of that."""
        first = await self.tabs.show_head(tab, files[0])
        parts = [first, *(self.tabs.printed_parts[file.as_uri()] for file in files[1:])]
        shown: list[dict[str, Any]] = await tab.evaluate(
            _SHOW_PAGES_AND_RESERVE, [[[part, file.as_uri()] for part, file in zip(parts, files)], _SLOT_MARKER])
        return shown

    async def html(self, document: str, title: str | None = None, scale: float = 1.0) -> bytes:
        """Print-only HTML; without a `title` it prints bare (no running header or footer, no margins of ours).
        The same document printed the same way comes from the cache."""
        chrome = ((render_running_header(self.handbook, self.edition, title),
                   render_running_footer(self.handbook, self.edition)) if title is not None else ())
        key = content_key("print-html", _PRINT_SETTINGS, self.browser_version, document, repr((title, scale)),
                          *chrome)
        if key not in self._printing:
            self._printing[key] = asyncio.ensure_future(self._cached_html(key, document, title, scale))
        return await asyncio.shield(self._printing[key])

    async def _cached_html(self, key: str, document: str, title: str | None, scale: float) -> bytes:
        cached = cache.read("documents", key, ".pdf")
        if cached is None:
            async with self.tab() as tab:
                await self.tabs.show_html(tab, document)
                if title is None:
                    cached = await tab.pdf(format="A4", print_background=False, prefer_css_page_size=True,
                                           margin=NO_MARGINS, scale=scale)
                else:
                    cached = await self.pdf(tab, title, scale)
            cache.write("documents", key, cached, ".pdf")
        return cached

    async def fitting_scale(self, document: str) -> float:
        """The largest step of 5 % (from 100 % down to the smallest the alerting plan may take) at which print-only
        `document`, laid out as wide as the printed area at that scale, is no taller than that area at that scale."""
        async with self.tab() as tab:
            await self.tabs.show_html(tab, document)
            scale: float = await tab.evaluate(_LARGEST_SCALE_THAT_FITS,
                                              [_PRINTED_WIDTH_PX, _PRINTED_HEIGHT_PX,
                                               [1.0, *_smaller_scales(_SMALLEST_SCALE)]])
        return scale

    async def stamp(self) -> Stamp:
        """The build stamp on a sheet of its own, and the room to leave for it in the running header."""
        async with self.tab() as tab:
            await self.tabs.show_html(tab, render_stamp_sheet(self.handbook, self.edition))
            width_px: float = await tab.evaluate(f"document.getElementById({STAMP_ID!r}).getBoundingClientRect().width")
            pdf = await tab.pdf(format="A4", print_background=False, prefer_css_page_size=True, margin=NO_MARGINS)
        # Whole millimetres, rounded up to an even number: the room, and so the cached sheets, stay the same from
        # one build time to the next.
        room = 2 * math.ceil(width_px * _MM_PER_PX / 2)
        return Stamp(pdf, room)

    async def bare_pdf(self, tab: Page, scale: float = 1.0) -> bytes:
        """What `tab` shows, printed within the page margins with no running header or footer (laid over later)."""
        return await tab.pdf(format="A4", print_background=False, margin=PAGE_MARGINS, scale=scale)

    async def pdf(self, tab: Page, title: str, scale: float = 1.0) -> bytes:
        """What `tab` shows, printed with the running header and footer."""
        footer = render_running_footer(self.handbook, self.edition)
        return await tab.pdf(format="A4", print_background=False, display_header_footer=True, margin=PAGE_MARGINS,
                             header_template=render_running_header(self.handbook, self.edition, title),
                             footer_template=footer, scale=scale)


@dataclass(frozen=True)
class Stamp:
    """The build stamp printed on a sheet of its own, laid over every page with a running header, and the
    width (mm) the header leaves for it."""

    pdf: bytes
    room_mm: int


def printed_part(page: str) -> str:
    """A site page's HTML without what is not printed (menus, banner, build stamp): what decides how it prints."""
    return _BUILD_STAMP.sub("", _NOT_PRINTED.sub("", page))


async def _abort(route: Route) -> None:
    await route.abort()


@dataclass
class Slot:
    """Room left after a link to another page: on which page of the PDF (from 0), where, and what it points at."""

    page: int
    left: float
    top: float
    height: float
    target: str


@dataclass
class PrintedPage:
    """One page of the site printed for the folder: its file, its PDF, where its sections fall, its slots."""

    built: BuiltPage
    file: Path
    pdf: bytes
    scale: float
    pages: int
    # The page of this PDF (from 0) on which each element with an id is printed.
    anchors: dict[str, int]
    slots: list[Slot]

    def page_of(self, anchor: str) -> int:
        """The page (from 0) of this PDF on which the element with id `anchor` is printed (0 when unknown)."""
        return self.anchors.get(anchor, 0)


@dataclass
class Piece:
    """One site page cut from what a tab printed: its PDF, its sheet count, the sheet (from 0) of each id, its slots,
    and whether it runs onto a last sheet that holds only a few lines (see NEAR_EMPTY)."""

    pdf: bytes
    pages: int
    anchors: dict[str, int]
    slots: list[Slot]
    near_empty: bool


def cut_printed(pdf: bytes, shown: list[dict[str, Any]]) -> list[Piece]:
    """The pages a tab showed (see _SHOW_PAGES_AND_RESERVE) and printed as one PDF, cut apart: where each starts,
    and the sheet of each id, from the destinations Chromium named for them; the reserved slots with their places
    from the PDF's link annotations."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers = {page.obj.objgen: number for number, page in enumerate(document.pages)}
        named = {}
        for name, destination in _named_destinations(document):
            # A destination is [page /XYZ left top zoom], or a dictionary holding one under /D.
            target = destination.get("/D") if isinstance(destination, pikepdf.Dictionary) else destination
            if isinstance(target, pikepdf.Array) and len(target) and target[0].objgen in numbers:
                named[str(name).lstrip("/")] = numbers[target[0].objgen]
        starts = [named[page["start"]] for page in shown]
        pieces = []
        for page, start, end in zip(shown, starts, [*starts[1:], len(document.pages)]):
            piece = pikepdf.Pdf.new()
            # The page's own links to its sections come along with the destinations they lead to.
            piece.add_pages_from(document, range(start, end), outlines="ignore")
            anchors = {anchor: named[name] - start for anchor, name in page["anchors"].items() if name in named}
            slots = []
            for number in range(start, end):
                sheet = document.pages[number]
                height = float(sheet.mediabox[3])
                for link in sheet.obj.get("/Annots") or []:
                    uri = link_address(link)
                    if _SLOT_MARKER in uri:
                        left, bottom, _right, top = (float(value) for value in link.Rect)
                        slots.append(Slot(number - start, left, height - top, top - bottom,
                                          uri.replace(_SLOT_MARKER, "")))
            output = io.BytesIO()
            piece.save(output)
            near_empty = end - start > 1 and _share(document.pages[end - 1]) < NEAR_EMPTY
            pieces.append(Piece(output.getvalue(), end - start, anchors, slots, near_empty))
        return pieces


def _named_destinations(document: pikepdf.Pdf) -> list[tuple[Any, pikepdf.Object]]:
    """Every named destination: in the catalogue's /Dests (where Chromium writes them) or its /Names tree."""
    import pikepdf

    legacy = document.Root.get("/Dests")
    found = list(legacy.items()) if isinstance(legacy, pikepdf.Dictionary) else []
    names = document.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/Dests" in names:
        found += list(pikepdf.NameTree(names.Dests).items())
    return found


# A PDF transformation matrix (a b c d e f).
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# The content stream operators that move text or the coordinate system, or show text.
_TEXT_OPERATORS = "q Q cm BT Tm Td TD T* TL Tj TJ ' \" Do"


def _times(first: Matrix, second: Matrix) -> Matrix:
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2)


def _matrix(values: Any) -> Matrix:
    a, b, c, d, e, f = (float(value) for value in values)
    return (a, b, c, d, e, f)


def text_heights(content: Any, resources: Any, ctm: Matrix = _IDENTITY) -> list[float]:
    """The height (points above the page's foot) of every piece of text `content` shows (a page, or a form it
    draws, with their resources), read from the content stream: the text's origin placed by the transformation
    in force (Chromium flips the y axis there)."""
    import pikepdf

    saved: list[Matrix] = []
    line, leading = _IDENTITY, 0.0
    heights: list[float] = []
    forms = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    for instruction in pikepdf.parse_content_stream(content, _TEXT_OPERATORS):
        operands, name = instruction.operands, str(instruction.operator)
        if name == "q":
            saved.append(ctm)
        elif name == "Q":
            ctm = saved.pop() if saved else _IDENTITY
        elif name == "cm":
            ctm = _times(_matrix(operands), ctm)
        elif name == "BT":
            line = _IDENTITY
        elif name == "Tm":
            line = _matrix(operands)
        elif name in ("Td", "TD"):
            right, up = (float(value) for value in operands)
            leading = -up if name == "TD" else leading
            line = _times((1.0, 0.0, 0.0, 1.0, right, up), line)
        elif name == "TL":
            leading = float(operands[0])
        elif name in ("T*", "'", '"'):
            line = _times((1.0, 0.0, 0.0, 1.0, 0.0, -leading), line)
        elif name == "Do" and isinstance(forms, pikepdf.Dictionary):
            form = forms.get(str(operands[0]))
            if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form":
                heights += text_heights(form, form.get("/Resources", resources),
                                        _times(_matrix(form.get("/Matrix", _IDENTITY)), ctm))
        if name in ("Tj", "TJ", "'", '"'):
            heights.append(line[4] * ctm[1] + line[5] * ctm[3] + ctm[5])
    return heights


def _share(page: pikepdf.Page) -> float:
    """How much of `page` its body fills (0 to 1), from where its lowest text line is printed."""
    height = float(page.mediabox[3])
    points_per_mm = 72 / 25.4
    top, bottom = height - MARGIN_TOP_MM * points_per_mm, MARGIN_BOTTOM_MM * points_per_mm
    # Text between the running header and footer is the page's own.
    lowest = [y for y in text_heights(page, page.obj.get("/Resources")) if bottom < y < top]
    return (top - min(lowest)) / (top - bottom) if lowest else 0.0


def _smaller_scales(smallest: float = _SMALLEST_PAGE_SCALE) -> list[float]:
    """0.95, 0.9, … down to `smallest`: by default, the scales a page is tried at when its last sheet would be nearly
    empty."""
    scales, scale = [], 1.0
    while scale > smallest:
        scale = round(scale - 0.05, 2)
        scales.append(scale)
    return scales


# About how many site pages a tab shows and prints in one call: enough to save most of what a call per page costs
# (at 20× the sample the pages print in 40 % less time), few enough that the tabs share the work and the pages of
# one call are cut apart while the next prints.
PAGES_PER_CALL = 10


async def print_site_pages(printer: Printer, site_dir: Path, pages: list[BuiltPage]) -> list[PrintedPage]:
    """Print the pages (or take each from the cache when nothing it depends on changed), several in each call of a
    tab (see _SHOW_PAGES_AND_RESERVE); the pages whose last sheet would hold only a few lines are printed again,
    together, slightly smaller."""
    files = [site_dir / built.html_path for built in pages]
    keys = [printer.page_key(site_dir, file) for file in files]
    printed: dict[int, PrintedPage] = {}
    for index, (built, file, key) in enumerate(zip(pages, files, keys)):
        cached = _cached_page(key, site_dir)
        if cached is not None:
            printed[index] = PrintedPage(built, file, *cached)
    waiting = [index for index in range(len(pages)) if index not in printed]

    async def print_together(call: list[int], scale: float) -> dict[int, Piece]:
        """The pages of `call` printed in one call of a tab: each page's piece; a page too wide to print with others
        (see _SHOW_PAGES_AND_RESERVE) leaves at once for a call of its own, which another tab may take meanwhile."""
        async with printer.tab() as tab:
            shown = await printer.load_site_pages(tab, [files[index] for index in call])
            together = [(index, page) for index, page in zip(call, shown) if not page["wide"]]
            for index, page in zip(call, shown):
                if page["wide"]:
                    group.create_task(print_call([index]))
            pdf = await printer.bare_pdf(tab, scale) if together else b""
        pieces = await asyncio.to_thread(cut_printed, pdf, [page for _, page in together]) if together else []
        return dict(zip((index for index, _ in together), pieces))

    async def print_call(call: list[int]) -> None:
        pieces = await print_together(call, 1.0)
        scales = dict.fromkeys(pieces, 1.0)
        near_empty = [index for index, piece in pieces.items() if piece.near_empty]
        for scale in _smaller_scales():
            if not near_empty:
                break
            for index, piece in (await print_together(near_empty, scale)).items():
                if piece.pages < pieces[index].pages:
                    pieces[index], scales[index] = piece, scale
            near_empty = [index for index in near_empty if scales[index] == 1.0]
        for index, piece in pieces.items():
            printed[index] = PrintedPage(pages[index], files[index], piece.pdf, scales[index], piece.pages,
                                         piece.anchors, piece.slots)
            _keep_page(keys[index], site_dir, printed[index])

    async with _jobs() as group:
        for call in calls_of(waiting, [printer.tabs.look(files[index]) for index in waiting], printer.tabs.most):
            group.create_task(print_call(call))
    return [printed[index] for index in range(len(pages))]


def calls_of(waiting: list[int], looks: list[tuple[str, ...]], tabs: int) -> list[list[int]]:
    """The pages `waiting` to print shared into calls: in order, at most PAGES_PER_CALL each, as even as that allows
    and at least one per tab while pages last; a call holds pages that look alike (`looks`: a tab shows the pages of
    one call with one head)."""
    count = min(len(waiting), max(tabs, math.ceil(len(waiting) / PAGES_PER_CALL)))
    calls: list[list[int]] = []
    for number, (index, look) in enumerate(zip(waiting, looks)):
        if not calls or number * count // len(waiting) != (number - 1) * count // len(waiting) \
                or look != looks[number - 1]:
            calls.append([])
        calls[-1].append(index)
    return calls


# Part of every printed page's cache key: change it when the way pages are printed or read back changes.
_PRINT_SETTINGS = repr((_ENGINE_PRINT_STYLE, _SLOT_STYLE, _PAGE_STYLE, _SHOW_PAGES_AND_RESERVE, _NOT_PRINTED.pattern,
                        _SLOT_MARKER, PAGE_MARGINS, NEAR_EMPTY, _SMALLEST_PAGE_SCALE, 5))
# Slots point at pages of the site; the site is built in a new staging folder each time.
_SITE = "{site}"


def _cached_page(key: str, site_dir: Path) -> tuple[bytes, float, int, dict[str, int], list[Slot]] | None:
    described, pdf = cache.read("pages", key, ".json"), cache.read("pages", key, ".pdf")
    if described is None or pdf is None:
        return None
    try:
        entry = json.loads(described)
        site = site_dir.as_uri()
        slots = [Slot(slot["page"], slot["left"], slot["top"], slot["height"], slot["target"].replace(_SITE, site, 1))
                 for slot in entry["slots"]]
        return pdf, entry["scale"], entry["pages"], entry["anchors"], slots
    except (ValueError, KeyError, TypeError):
        return None


def _keep_page(key: str, site_dir: Path, page: PrintedPage) -> None:
    site = site_dir.as_uri()
    entry = {"scale": page.scale, "pages": page.pages, "anchors": page.anchors,
             "slots": [{"page": slot.page, "left": slot.left, "top": slot.top, "height": slot.height,
                        "target": slot.target.replace(site, _SITE, 1)} for slot in page.slots]}
    # The PDF first: an entry counts only once its description is there.
    cache.write("pages", key, page.pdf, ".pdf")
    cache.write("pages", key, json.dumps(entry).encode("utf-8"), ".json")


def reference_numbers(printed: list[PrintedPage], first_page: int) -> dict[str, int]:
    """The folder page of every printed page and of every section on it, keyed by its file: URL."""
    numbers: dict[str, int] = {}
    start = first_page
    for page in printed:
        url = page.file.as_uri()
        numbers[url] = start
        for anchor in page.anchors:
            numbers[f"{url}#{anchor}"] = start + page.page_of(anchor)
        start += page.pages
    return numbers


def references_by_page(printed: list[PrintedPage], first_page: int, words: str) -> dict[int, list[PageReference]]:
    """'(p. 12)' for every slot whose target is in the folder, by folder page; `words` has a {page} placeholder."""
    numbers = reference_numbers(printed, first_page)
    marks: dict[int, list[PageReference]] = {}
    start = first_page
    for page in printed:
        for slot in page.slots:
            number = numbers.get(slot.target) or numbers.get(slot.target.split("#")[0])
            if number is not None:
                # The slot is 0.9 em of the text around it high and stands on its baseline: the reference gets the
                # same size, its baseline (about 0.9 em below its top at line-height 1) on the slot's bottom.
                size = slot.height / 0.9
                marks.setdefault(start + slot.page, []).append(PageReference(
                    slot.left, slot.top + slot.height - 0.9 * size, size, f"\u00a0({words.format(page=number)})"))
        start += page.pages
    return marks


def page_titles(printed: list[PrintedPage], first_page: int) -> dict[int, str]:
    """The title each sheet of the printed pages shows in its running header, by page number from `first_page`."""
    titles: dict[int, str] = {}
    start = first_page
    for page in printed:
        titles.update(dict.fromkeys(range(start, start + page.pages), page.built.title))
        start += page.pages
    return titles


def folder_pages(handbook: Handbook, edition: Edition) -> list[BuiltPage]:
    """The pages of the edition that go into the folder, in menu order (the review has a PDF of its own)."""
    return [built for built in built_pages(handbook, edition) if built.page.printed]


@asynccontextmanager
async def _jobs() -> AsyncIterator[asyncio.TaskGroup]:
    """Jobs that run at the same time; the first to fail cancels the others and is raised as it is (a PrintError
    stays a PrintError, not a group of one)."""
    try:
        async with asyncio.TaskGroup() as group:
            yield group
    except BaseExceptionGroup as failed:
        raise failed.exceptions[0] from None


async def _all(jobs: list[Coroutine[Any, Any, T]]) -> list[T]:
    """The results of `jobs` run at the same time, in their order."""
    async with _jobs() as group:
        tasks = [group.create_task(job) for job in jobs]
    return [task.result() for task in tasks]


@dataclass
class Overlaid:
    """A PDF to write once the sheets laid over its pages are printed: its printed parts, its sheets, its title
    (in the PDF's metadata) and bookmarks."""

    target: Path
    parts: list[bytes]
    sheets: SheetRun
    title: str
    outline: list[tuple[str, int]] | None = None


async def lay_out_folder(printer: Printer, site_dir: Path, target: Path, pages: list[BuiltPage]
                         ) -> tuple[Overlaid, list[PrintedPage]]:
    """The whole handbook: cover, contents with page numbers, every page of `pages` (folder_pages: the menu's
    order) with the page number after each cross-reference, numbered as one. Returns the folder to write and each page as printed.

    Every page is printed once: the page numbers of its cross-references are laid over the room it left for them,
    on the same sheets that carry the running header and number the folder."""
    handbook, edition, labels = printer.handbook, printer.edition, printer.labels
    async with _jobs() as group:
        cover_job = group.create_task(printer.html(render_cover(handbook, edition)))
        pages_job = group.create_task(print_site_pages(printer, site_dir, pages))
    cover, printed = cover_job.result(), pages_job.result()
    contents_title = labels("print.contents.title")
    contents_length, contents = 1, b""
    # The contents' own length moves every page number after it; settle it (it converges at once in practice).
    for _ in range(5):
        first_page = page_count(cover) + contents_length + 1
        numbers = reference_numbers(printed, first_page)
        entries = [ContentsEntry(page.built.title, page.built.section, numbers[page.file.as_uri()])
                   for page in printed]
        # Printed bare like the site's pages (its header comes with the sheets): unchanged unless a page number is.
        contents = await printer.html(render_contents(handbook, edition, entries))
        if page_count(contents) == contents_length:
            break
        contents_length = page_count(contents)
    total = page_count(cover) + contents_length + sum(page.pages for page in printed)
    marks = references_by_page(printed, first_page, labels("print.page_reference", page="{page}"))
    headers = dict.fromkeys(range(page_count(cover) + 1, first_page), contents_title) | page_titles(printed, first_page)
    outline = [(labels("print.contents.cover"), 0), (contents_title, page_count(cover))]
    outline += [(entry.title, entry.page - 1) for entry in entries]
    folder = Overlaid(target, [cover, contents, *(page.pdf for page in printed)],
                      SheetRun(total, page_count(cover) + 1, marks, headers), handbook.organisation.handbook_title,
                      outline)
    return folder, printed


def alone(page: PrintedPage, target: Path) -> Overlaid:
    """One printed page as a PDF of its own, numbered "Page X of Y" within it."""
    return Overlaid(target, [page.pdf], SheetRun(page.pages, headers=page_titles([page], 1)), page.built.title)


def checklist_pages(printed: list[PrintedPage]) -> list[tuple[str, PrintedPage]]:
    """Each checklist and form (the escalation report form among them) of the folder's printing, by id: each gets
    a PDF of its own, cut from that printing (without the folder's page references)."""
    return [(page.built.record_id, page) for page in printed
            if page.built.page.key == "checklist" and page.built.record_id]


async def write_overlaid(printer: Printer, documents: list[Overlaid], stamp: Stamp) -> list[int]:
    """Print the sheets of the documents, lay them and the stamp over the documents' pages and write them;
    returns each document's page count.

    The folder's sheets change with its page numbers, the others' (review, checklists) seldom: printed as two
    documents, each comes from the cache while its pages stay as they were. The folder is written by one writer
    process, the others by the rest, in shares of about as many pages."""
    groups = [group for group in (documents[:1], documents[1:]) if group]
    printed = await _all([print_sheets(printer, [document.sheets for document in group], stamp) for group in groups])
    batches: list[tuple[list[PdfJob], list[bytes]]] = []
    for group, sheets in zip(groups, printed):
        jobs, start = [], 0
        for document in group:
            jobs.append(PdfJob(document.target, document.parts, printer.info(document.title), document.outline,
                               start, frozenset(page - 1 for page in document.sheets.headers)))
            start += document.sheets.total
        # Threads of this process take turns anyway: one batch for them.
        shares = max(1, writer_count() - 1) if printer.writers is not None else 1
        pages = [document.sheets.total for document in group]
        batches += [(share, sheets) for share in writer_shares(jobs, pages, shares)]
    written = await _all([printer.write(jobs, sheets, stamp.pdf) for jobs, sheets in batches])
    return [length for lengths in written for length in lengths]


# Sheets printed in one tab at most: about 0.6 s of Chromium's work, long enough that a print's own cost (a tab,
# the document's fonts) is small beside it.
SHEETS_PER_PRINT = 150


async def print_sheets(printer: Printer, runs: list[SheetRun], stamp: Stamp) -> list[bytes]:
    """The sheets laid over the PDFs of `runs`, printed in parts of at most SHEETS_PER_PRINT side by side: one
    print of the 20× folder's 554 sheets took 2.4 s in one tab while the other had nothing left to print."""
    total = sum(run.total for run in runs)
    each = max(1, math.ceil(total / math.ceil(total / SHEETS_PER_PRINT)))
    return await _all([printer.html(render_overlay_sheets(printer.handbook, printer.edition, runs, stamp.room_mm,
                                                          slice(start, start + each)))
                       for start in range(0, total, each)])


def writer_shares(jobs: list[PdfJob], pages: list[int], count: int) -> list[list[PdfJob]]:
    """`jobs` in at most `count` runs, in order, of about as many `pages` each."""
    each = sum(pages) / count
    shares: list[list[PdfJob]] = [[]]
    done = 0
    for job, length in zip(jobs, pages):
        if shares[-1] and done >= each * len(shares):
            shares.append([])
        shares[-1].append(job)
        done += length
    return shares


async def review_page(printer: Printer, site_dir: Path) -> PrintedPage | None:
    """The review status, printed for a PDF of its own: it is for the emergency officer's desk, not the folder on
    every floor."""
    review = next((built for built in built_pages(printer.handbook, printer.edition) if built.page.key == "review"),
                  None)
    return (await print_site_pages(printer, site_dir, [review]))[0] if review else None


async def print_alerting_plan(printer: Printer, target: Path) -> float:
    """The alerting plan on exactly one page at the largest scale that fits (down to the smallest allowed);
    returns the scale used."""
    handbook, labels = printer.handbook, printer.labels
    title = labels("print.alerting_plan.title")
    document = render_alerting_plan(handbook, printer.edition)

    async def one_page(scale: float) -> bytes | None:
        pdf = await printer.html(document, title, scale=scale)
        return pdf if page_count(pdf) == 1 else None

    # Laid out first at the width each scale prints at (the tabs lay out for print), the plan's height tells the
    # scale; the two prints side by side confirm it, and the loops below correct it should the print disagree.
    scale = await printer.fitting_scale(document)
    pdf, larger = await asyncio.gather(one_page(scale), one_page(_larger(scale)) if scale < 1 else _nothing())
    while pdf is None:
        scale = round(scale - 0.05, 2)
        if scale < _SMALLEST_SCALE:
            raise PrintError(f"the alerting plan does not fit on one A4 page even at {_SMALLEST_SCALE:.0%} size: "
                             f"shorten the triggers in alerting.yml or split long chains")
        pdf = await one_page(scale)
    while larger is not None:
        scale, pdf = _larger(scale), larger
        larger = await one_page(_larger(scale)) if scale < 1 else None
    await printer.write([PdfJob(target, [pdf], printer.info(title))])
    return scale


def _larger(scale: float) -> float:
    return round(scale + 0.05, 2)


async def _nothing() -> None:
    return None


async def print_wallet_cards(printer: Printer, target: Path) -> None:
    """The wallet cards on their A4 sheet."""
    card = await printer.html(render_wallet_cards(printer.handbook, printer.edition))
    await printer.write([PdfJob(target, [card], printer.info(printer.labels("print.wallet_card.title")))])


# From about this many site pages on, the folder is written by processes of their own: at 20× the sample (240 pages)
# they save 0.7 s of 6.5; at the sample's size (31) starting them costs more than they save.
WRITER_PROCESSES_FROM = 100


@contextmanager
def _writers(site_pages: int) -> Iterator[Executor | None]:
    """The processes that write the PDFs, started now so that they are ready when Chromium has printed (None: the
    writing is small enough for threads of this process)."""
    if site_pages < WRITER_PROCESSES_FROM:
        yield None
        return
    # A fresh interpreter per writer ("spawn"): nothing of this process's browser or threads is copied.
    with ProcessPoolExecutor(writer_count(), mp_context=multiprocessing.get_context("spawn")) as pool:
        for _ in range(writer_count()):
            pool.submit(ready)
        yield pool


async def _write_folder_and_parts(printer: Printer, site_dir: Path, dist_dir: Path, pages: list[BuiltPage]
                                  ) -> tuple[list[str], dict[Path, int]]:
    """The folder, the review and each checklist's PDF (all cut from one printing of the pages), written; returns
    the checklists' ids and each written file's page count."""
    async with _jobs() as group:
        stamp_job = group.create_task(printer.stamp())
        folder_job = group.create_task(lay_out_folder(printer, site_dir, dist_dir / FOLDER_FILE, pages))
        review_job = group.create_task(review_page(printer, site_dir))
    (folder, printed), review = folder_job.result(), review_job.result()
    checklists = checklist_pages(printed)
    documents = [folder, *([alone(review, dist_dir / REVIEW_FILE)] if review else []),
                 *(alone(page, dist_dir / CHECKLIST_FOLDER / f"{record_id}.pdf") for record_id, page in checklists)]
    lengths = await write_overlaid(printer, documents, stamp_job.result())
    return [record_id for record_id, _ in checklists], dict(zip((document.target for document in documents), lengths))


async def _print_everything(handbook: Handbook, edition: Edition, site_dir: Path,
                            dist_dir: Path) -> tuple[int, dict[str, int], int, float]:
    pages = folder_pages(handbook, edition)
    with _writers(len(pages)) as writers:
        async with _browser() as (browser, shared_tabs):
            printer = Printer(browser, handbook, edition, print_tabs(), writers, shared_tabs)
            try:
                # The plan and the wallet cards are files of their own: the folder is written without waiting for
                # them.
                async with _jobs() as group:
                    # Created first, so that the folder's pages are the first to get a tab.
                    written = group.create_task(_write_folder_and_parts(printer, site_dir, dist_dir, pages))
                    plan = group.create_task(print_alerting_plan(printer, dist_dir / ALERTING_PLAN_FILE))
                    group.create_task(print_wallet_cards(printer, dist_dir / WALLET_CARD_FILE))
                checklists, lengths = written.result()
            finally:
                await printer.close()
    return (lengths[dist_dir / FOLDER_FILE],
            {record_id: lengths[dist_dir / CHECKLIST_FOLDER / f"{record_id}.pdf"] for record_id in checklists},
            lengths.get(dist_dir / REVIEW_FILE, 0), plan.result())


class _BrowserSession:
    """One Chromium for every print of a block (see one_browser), held by an event loop in a thread of its own:
    Playwright's objects belong to the loop that made them."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="printing browser", daemon=True)
        self.thread.start()
        self._started = AsyncExitStack()
        self._browser: asyncio.Task[Browser] | None = None
        self._tabs: PrintTabs | None = None
        # The prints running in the loop now (see run).
        self._prints: set[asyncio.Task[Any]] = set()

    def run(self, job: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(self._tracked(job), self.loop).result()

    async def _tracked(self, job: Coroutine[Any, Any, T]) -> T:
        running = asyncio.current_task()
        assert running is not None
        self._prints.add(running)
        try:
            return await job
        finally:
            self._prints.discard(running)

    async def browser(self) -> Browser:
        """The session's Chromium, started by start_browser or the first print that needs it."""
        if self._browser is None:
            self._browser = asyncio.ensure_future(self._started.enter_async_context(async_chromium()))
        return await asyncio.shield(self._browser)

    async def tabs(self) -> PrintTabs:
        """The tabs the session's printers print in, one after the other (see PrintTabs)."""
        browser = await self.browser()
        if self._tabs is None:
            self._tabs = PrintTabs(browser, print_tabs())
        return self._tabs

    async def _stop(self) -> None:
        # A print still running (the block was left by an error or Ctrl-C) is wanted by nobody: end it first.
        running = [task for task in self._prints if task is not asyncio.current_task()]
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        if self._browser is not None:
            # A start nobody waited for: let it end (its failure was no print's), so that its browser is closed too.
            await asyncio.gather(self._browser, return_exceptions=True)
        if self._tabs is not None:
            await self._tabs.close()
        await self._started.aclose()

    def close(self) -> None:
        try:
            self.run(self._stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join()
            self.loop.close()


_session: _BrowserSession | None = None


@contextmanager
def one_browser() -> Iterator[None]:
    """Every edition printed inside the block (the editions of one language, in its worker) shares one Chromium:
    starting one, with Playwright's driver, costs about 1.5 s of CPU."""
    global _session
    if _session is not None:
        yield
        return
    _session = _BrowserSession()
    try:
        yield
    finally:
        session, _session = _session, None
        session.close()


def start_browser() -> None:
    """Start the block's Chromium (inside one_browser) without waiting for it (it takes about 0.8 s): the work before
    the first print goes on meanwhile; that print waits for it, and a missing browser or library shows there."""
    if _session is None:
        raise RuntimeError("start_browser() belongs inside print_outputs.one_browser()")
    asyncio.run_coroutine_threadsafe(_session.browser(), _session.loop)


@asynccontextmanager
async def _browser() -> AsyncIterator[tuple[Browser, PrintTabs | None]]:
    """The block's shared Chromium and tabs (see one_browser), or a Chromium of this print's own."""
    if _session is not None:
        yield await _session.browser(), await _session.tabs()
        return
    async with async_chromium() as browser:
        yield browser, None


def _run(job: Coroutine[Any, Any, T]) -> T:
    """Run `job` to its end: in the shared browser's loop (see one_browser), here, or in a thread of its own when this
    thread already runs an event loop (Playwright's sync API, say, in a test session)."""
    if _session is not None:
        return _session.run(job)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(job)
    results: list[T] = []
    failures: list[BaseException] = []

    def run_apart() -> None:
        try:
            results.append(asyncio.run(job))
        except BaseException as error:
            failures.append(error)

    worker = threading.Thread(target=run_apart)
    worker.start()
    worker.join()
    if failures:
        raise failures[0]
    return results[0]


def write(handbook: Handbook, edition: Edition, site_dir: Path, dist_dir: Path) -> str:
    """Write the emergency folder, the checklist PDFs, the review, the alerting plan and the wallet cards."""
    started = time.perf_counter()
    try:
        folder_length, checklists, review, scale = _run(_print_everything(handbook, edition, site_dir, dist_dir))
    except BrowserMissing as error:
        raise BrowserMissing(f"the PDFs need Chromium: {error}") from None
    seconds = time.perf_counter() - started
    shrunk = f" at {scale:.0%} size" if scale < 1 else ""
    review_pages = f"{review} page{'s' if review != 1 else ''}"
    return (f"{FOLDER_FILE} ({folder_length} pages), {len(checklists)} checklist PDFs ({sum(checklists.values())} "
            f"pages), {REVIEW_FILE} ({review_pages}), {ALERTING_PLAN_FILE} (1 page{shrunk}) and {WALLET_CARD_FILE}, "
            f"printed in {seconds:.1f} s")
