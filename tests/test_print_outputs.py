"""The emergency folder on paper: the PDFs `python -m macros build` prints, read back page by page.

One build of the sample per session (tests/printed_sample.py). Text comes out of the PDFs with pypdf,
NFKC-normalised; what a person sees is checked on images of the pages made by pdftoppm (Debian's poppler-utils).
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
import subprocess
import sys
import unicodedata
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

import pytest
from conftest import ROOT, SAMPLE, load_on_test_day
from editions import prepared
from hypothesis import given
from hypothesis import strategies as st
from printed_sample import BUILD_DATE, built_sample
from pypdf import PdfReader

from macros.labels import labels_for
from macros.model import Role
from macros.pdf_files import DocumentInfo, PdfJob
from macros.print_outputs import _share, folder_pages, writer_shares
from macros.render.home import build_stamp
from macros.render.print_pages import (
    MARGIN_SIDE_MM,
    MARGIN_TOP_MM,
    PAGE_WIDTH_MM,
    ContentsEntry,
    dialable_numbers,
    numbers_to_carry,
    page_of,
    render_contents,
    render_wallet_cards,
)

# A4 is 595.3 × 841.9 points; Chromium rounds to whole pixels, so allow a point either way.
A4_POINTS = (595.3, 841.9)
MM = 72 / 25.4


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return built_sample(tmp_path_factory)


@pytest.fixture(scope="module")
def loaded():
    return load_on_test_day(SAMPLE)


@pytest.fixture(scope="module")
def english(loaded):
    """The staff edition in English (handbook, edition): what the PDFs under test were printed from."""
    return prepared(loaded, "staff", "en")


@pytest.fixture(scope="module")
def handbook(english):
    return english[0]


@pytest.fixture(scope="module")
def extracted(sample) -> dict[Path, list[str]]:
    """The text of every page of every PDF in dist/, extracted once (pypdf takes seconds on the folder), NFKC."""
    return {pdf: [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(pdf).pages]
            for pdf in sorted(sample.dist.rglob("*.pdf"))}


@pytest.fixture(scope="module")
def pages_text(extracted):
    """pages_text(pdf): the text of every page of `pdf`, whitespace collapsed to single spaces."""
    return lambda pdf: [squash(text) for text in extracted[pdf]]


def squash(value: str) -> str:
    """Whitespace collapsed and NFKC: fonts without ligatures (DejaVu only) print "fi" as one glyph, "ﬁ"."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def laid_out_text(pdf: Path) -> list[str]:
    """The text of every page in reading position (pdftotext -layout), whitespace collapsed: the page numbers of
    cross-references are printed on a sheet laid over the page, so plain extraction lists them after the page."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    return [squash(page) for page in pages]


def contents_text(folder: list[str]) -> str:
    """The text of the contents pages (from page 2 on, as long as the running header says Contents)."""
    pages = []
    for text in folder[1:]:
        # The running header reads "<marking> <handbook title> — Contents <edition> · version … · built …".
        if not re.search(r"— Contents \w", text):
            break
        pages.append(text)
    assert pages, "no contents page after the cover"
    return " ".join(pages)


def heading_of(site: Path, page: str) -> str:
    """The text of a built page's first <h1>, without its permalink sign."""
    found = re.search(r"<h1[^>]*>(.*?)(?:<a class=\"headerlink\"|</h1>)", (site / page).read_text(encoding="utf-8"),
                      re.S)
    assert found, page
    return squash(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))))


def grey_image(pdf: Path, page: int, dpi: int) -> tuple[int, int, bytes]:
    """A page of the PDF as a greyscale image (width, height, one byte per pixel) made by pdftoppm."""
    assert shutil.which("pdftoppm"), "pdftoppm missing: sudo apt-get install poppler-utils"
    result = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                            capture_output=True, check=True, timeout=120)
    magic, width, height, maximum, pixels = result.stdout.split(maxsplit=4)
    assert magic == b"P5" and maximum == b"255"
    width, height = int(width), int(height)
    return width, height, pixels[-width * height:]


def empty_squares(image: tuple[int, int, bytes], smallest: int, largest: int) -> list[tuple[int, int]]:
    """Top-left corners of dark square outlines with a white inside: printed tick boxes, not letters or tables."""
    width, height, pixels = image
    dark = bytearray(1 if value < 128 else 0 for value in pixels)
    seen = bytearray(len(dark))
    boxes = []
    for start in range(len(dark)):
        if not dark[start] or seen[start]:
            continue
        seen[start] = 1
        stack, members = [start], []
        while stack:
            here = stack.pop()
            members.append(here)
            x, y = here % width, here // width
            for there in ((here - 1) if x else -1, (here + 1) if x + 1 < width else -1,
                          here - width if y else -1, here + width if y + 1 < height else -1):
                if there >= 0 and dark[there] and not seen[there]:
                    seen[there] = 1
                    stack.append(there)
        xs = [m % width for m in members]
        ys = [m // width for m in members]
        left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
        side_x, side_y = right - left + 1, bottom - top + 1
        if not (smallest <= side_x <= largest and abs(side_x - side_y) <= 2):
            continue
        # An outline: every edge row and column mostly dark, the inside (two pixels in) entirely white.
        edges = [sum(dark[top * width + x] for x in range(left, right + 1)),
                 sum(dark[bottom * width + x] for x in range(left, right + 1)),
                 sum(dark[y * width + left] for y in range(top, bottom + 1)),
                 sum(dark[y * width + right] for y in range(top, bottom + 1))]
        inside = sum(dark[y * width + x] for y in range(top + 2, bottom - 1) for x in range(left + 2, right - 1))
        if min(edges) >= 0.8 * side_x and inside == 0:
            boxes.append((left, top))
    return boxes


def test_build_writes_every_printed_file(sample, handbook):
    """dist/ holds the folder, a PDF per checklist and form (the report form too), the plan, the cards, the exports."""
    expected = {"emergency-folder.pdf", "alerting-plan.pdf", "wallet-card.pdf", "review.pdf", "contacts.vcf",
                "contacts.csv"}
    expected |= {f"checklists/{checklist.id}.pdf" for checklist in handbook.checklists}
    assert f"checklists/{handbook.escalation.report_form}.pdf" in expected
    written = {path.relative_to(sample.dist).as_posix() for path in sample.dist.rglob("*") if path.is_file()}
    assert expected <= written
    for name in expected:
        assert (sample.dist / name).stat().st_size > 500, name
    assert {path for path in written if path.endswith(".pdf")} <= expected
    assert sample.print_seconds > 0


def test_every_pdf_page_is_a4_and_carries_edition_and_build_date(sample, handbook, pages_text):
    """Every page of every PDF is A4 and shows the edition and the build date."""
    edition = handbook.organisation.version
    for pdf in sorted(sample.dist.rglob("*.pdf")):
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert all(abs(got - want) < 1.5 for got, want in zip(size, A4_POINTS)), f"{pdf.name} page {number}: {size}"
        for number, text in enumerate(pages_text(pdf), start=1):
            assert edition in text and BUILD_DATE in text, f"{pdf.name} page {number}: {text[:200]}"


def test_folder_starts_with_cover_and_contents(sample, handbook, english, pages_text):
    """Page 1 names organisation, edition, date and the 24/7 number; page 2 lists every page of the menu."""
    organisation = handbook.organisation
    text = pages_text(sample.dist / "emergency-folder.pdf")
    cover = text[0]
    for fact in (organisation.name, organisation.version, BUILD_DATE, organisation.emergency_number,
                 handbook.emergency_officer.title):
        assert squash(fact) in cover
    contents = contents_text(text)
    for page in folder_pages(*english):
        assert squash(page.title) in contents, page.title


def test_contents_page_numbers_point_at_each_page(sample, english, pages_text):
    """Each page listed in the contents starts on the page number given there, in menu order, numbered as one."""
    text = pages_text(sample.dist / "emergency-folder.pdf")
    total = len(text)
    contents = contents_text(text)
    starts = []
    for page in folder_pages(*english):
        found = re.search(re.escape(squash(page.title)) + r" (\d+)", contents)
        assert found, f"{page.title} not in the contents"
        start = int(found.group(1))
        starts.append(start)
        assert heading_of(sample.site, page.html_path) in text[start - 1], \
            f"{page.html_path} does not start on page {start}"
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for number, page_text in enumerate(text[1:], start=2):
        assert f"Page {number} of {total}" in page_text


def test_folder_holds_every_diagram_and_checklist(sample, handbook, pages_text):
    """The folder contains each alerting chain, both escalation diagrams and every checklist item."""
    labels = labels_for("en")
    folder = " ".join(pages_text(sample.dist / "emergency-folder.pdf"))
    assert folder.count(squash(labels("diagram.classify"))) >= 1
    assert folder.count(squash(labels("diagram.level_number", number=len(handbook.escalation.levels)))) >= 1
    # Each chain's diagram labels its edges "1. phone", "2. …"; the step tables do not.
    chains_with_first_step = [squash(labels("diagram.step", number=1,
                                            channel=labels(f"common.channel_kind.{chain.steps[0].channel.value}")))
                              for chain in handbook.alerting_chains]
    for step_label in set(chains_with_first_step):
        assert folder.count(step_label) >= chains_with_first_step.count(step_label)
    for checklist in handbook.checklists:
        assert squash(checklist.title) in folder
        for section in checklist.sections:
            for item in section.items:
                assert squash(item.text) in folder, item.text


def test_checklist_pdfs_have_their_natural_length_and_no_blank_last_page(sample, handbook, english, pages_text):
    """A checklist's own PDF has as many pages as it takes in the folder, and its last item is on its last page."""
    folder = pages_text(sample.dist / "emergency-folder.pdf")
    order = folder_pages(*english)
    starts = [int(re.search(re.escape(squash(p.title)) + r" (\d+)", contents_text(folder)).group(1)) for p in order]
    ends = starts[1:] + [len(folder) + 1]
    lengths = {page.html_path: end - start for page, start, end in zip(order, starts, ends)}
    for checklist in handbook.checklists:
        text = pages_text(sample.dist / "checklists" / f"{checklist.id}.pdf")
        assert len(text) == lengths[f"checklists/{checklist.id}.html"], checklist.id
        assert squash(checklist.sections[-1].items[-1].text) in text[-1]
        for number, page_text in enumerate(text, start=1):
            assert f"Page {number} of {len(text)}" in page_text


def test_no_printed_page_is_blank(extracted):
    """Every page of every PDF has more on it than the running header and footer."""
    for pdf, texts in extracted.items():
        for number, text in enumerate(texts, start=1):
            lines = [line for line in text.splitlines() if line.strip()]
            assert len(lines) > 3, f"{pdf.name} page {number} is (nearly) blank: {lines}"


def test_printed_checklist_shows_an_empty_box_per_item(sample, handbook):
    """On the image of a printed checklist every item has an empty square; the contents page has none."""
    checklist = handbook.checklist(handbook.organisation.first_hour_checklist)
    pdf = sample.dist / "checklists" / f"{checklist.id}.pdf"
    items = sum(len(section.items) for section in checklist.sections)
    # 10 pt boxes at 100 dpi are about 14 pixels wide.
    boxes = [box for page in range(1, len(PdfReader(pdf).pages) + 1)
             for box in empty_squares(grey_image(pdf, page, 100), 10, 20)]
    assert len(boxes) == items
    assert len({left for left, _ in boxes}) <= 2, "the boxes stand in one column"
    assert empty_squares(grey_image(sample.dist / "emergency-folder.pdf", 2, 100), 10, 20) == []


def test_alerting_plan_is_one_page_with_chains_and_numbers(sample, handbook, loaded, pages_text):
    """One page with the 24/7 number, every chain with every recipient, and the numbers of everyone in them."""
    (text,) = pages_text(sample.dist / "alerting-plan.pdf")
    assert handbook.organisation.emergency_number in text
    for chain in handbook.alerting_chains:
        assert squash(chain.name) in text
    for chain in handbook.alerting_chains:
        for step in chain.steps:
            party = handbook.party(step.recipient)
            for holder in party.holders if isinstance(party, Role) else [party.id]:
                assert dialable_numbers(handbook.contact(holder))[0] in text, holder
    private = [p.number for c in loaded.contacts for p in c.phones if p.kind.value == "private"]
    assert private
    assert not any(number in text for number in private)


# Grey values below 128 count as ink.
DARK = bytes(1 if value < 128 else 0 for value in range(256))


def dark_runs(values: list[bool]) -> list[float]:
    """The middle of each run of consecutive True values (a printed line a pixel or two thick)."""
    middles, start = [], None
    for index, dark in enumerate([*values, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            middles.append((start + index - 1) / 2)
            start = None
    return middles


def test_writer_processes_write_what_the_threads_write(sample, english, tmp_path, monkeypatch):
    """A large handbook's PDFs are written by processes of their own (the sample's by threads): printed that way,
    the sample's every PDF has the pages and words of the build's own."""
    from concurrent.futures import ProcessPoolExecutor

    from macros import print_outputs

    started = []

    class Started(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(print_outputs, "ProcessPoolExecutor", Started)
    monkeypatch.setattr(print_outputs, "WRITER_PROCESSES_FROM", 0)
    # Four writers as on a four-core machine: the checklists are shared out among three.
    monkeypatch.setattr(print_outputs, "writer_count", lambda: 4)
    report = print_outputs.write(*english, sample.site, tmp_path)
    assert started
    # The page counts reported are the build's (each file's count comes back in order from its writer).
    built = re.search(r"^staff/en: .*(emergency-folder\.pdf .*), printed in", sample.output, re.M)
    assert built and report.startswith(built.group(1)), (report, sample.output)
    written = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*.pdf"))
    assert written == sorted(path.relative_to(sample.dist) for path in sample.dist.rglob("*.pdf"))
    assert len(written) >= 9
    for name in written:
        assert laid_out_text(tmp_path / name) == laid_out_text(sample.dist / name), name


def test_sheets_printed_in_parts_number_the_pages_as_sheets_printed_whole(sample, english, tmp_path, monkeypatch):
    """The sheets laid over a long document (running headers, page numbers, page references) are printed in parts
    side by side; in parts of seven, the sample's every PDF has the pages and words, in their places, of the build's
    own, where its 69-page folder's sheets print whole."""
    from macros import print_outputs

    monkeypatch.setattr(print_outputs, "SHEETS_PER_PRINT", 7)
    print_outputs.write(*english, sample.site, tmp_path)
    written = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*.pdf"))
    assert written == sorted(path.relative_to(sample.dist) for path in sample.dist.rglob("*.pdf"))
    for name in written:
        assert laid_out_text(tmp_path / name) == laid_out_text(sample.dist / name), name


def test_the_editions_of_a_language_print_in_one_chromium_closed_after_them(sample, loaded, tmp_path, monkeypatch):
    """The editions a language worker builds share one Chromium (starting one costs about 1.5 s of CPU) and its tabs
    (a browser context costs a renderer process); it is closed when they are done, and each edition gets all its
    files, the second as it prints alone, in a Chromium of its own."""
    from macros import print_outputs

    started, contexts = [], []
    real = print_outputs.async_chromium

    @asynccontextmanager
    async def counted() -> AsyncIterator[Any]:
        async with real() as browser:
            started.append(browser)
            real_new_context = browser.new_context

            async def new_context(**options: Any) -> Any:
                contexts.append(options)
                return await real_new_context(**options)

            browser.new_context = new_context
            yield browser

    monkeypatch.setattr(print_outputs, "async_chromium", counted)
    # Nothing printed before: the crisis team's own pages are printed in the tabs the staff edition left.
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    with print_outputs.one_browser():
        for edition_id in ("staff", "crisis-team"):
            handbook, edition = prepared(loaded, edition_id, "en")
            print_outputs.write(handbook, edition, sample.site_of(edition_id, "en"), tmp_path / edition_id)
    assert len(started) == 1 and len(contexts) == 1, (started, contexts)
    assert not started[0].is_connected()
    for edition_id in ("staff", "crisis-team"):
        written = sorted(path.relative_to(tmp_path / edition_id).as_posix()
                         for path in (tmp_path / edition_id).rglob("*.pdf"))
        assert written == sorted(path.relative_to(sample.dist_of(edition_id, "en")).as_posix()
                                 for path in sample.dist_of(edition_id, "en").rglob("*.pdf")), edition_id
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache-alone"))
    print_outputs.write(*prepared(loaded, "crisis-team", "en"), sample.site_of("crisis-team", "en"), tmp_path / "alone")
    assert len(started) == 2
    for name in written:
        assert laid_out_text(tmp_path / "crisis-team" / name) == laid_out_text(tmp_path / "alone" / name), name


@pytest.mark.parametrize("start", [None, 1.0, 0.95, 0.6])
def test_alerting_plan_takes_the_largest_scale_that_fits_wherever_the_search_starts(
        sample, english, tmp_path, monkeypatch, start):
    """The plan's layout only says where the search starts (None: as laid out; else forced there): too small or too
    large, the plan still comes out on one page at the largest scale that fits: 5 % larger, it takes two."""
    from macros.browser import async_chromium
    from macros.print_outputs import Printer, _run, page_count, print_alerting_plan
    from macros.render.print_pages import render_alerting_plan

    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))

    async def plan() -> tuple[float, int]:
        async with async_chromium() as browser:
            printer = Printer(browser, *english, tabs=2)
            if start is not None:
                async def forced(document: str) -> float:
                    return start
                monkeypatch.setattr(printer, "fitting_scale", forced)
            try:
                scale = await print_alerting_plan(printer, tmp_path / "plan.pdf")
                larger = await printer.html(render_alerting_plan(*english), printer.labels("print.alerting_plan.title"),
                                            scale=round(scale + 0.05, 2))
                return scale, page_count(larger)
            finally:
                await printer.close()

    scale, pages_when_larger = _run(plan())
    shown = re.search(r"^staff/en: .*alerting-plan\.pdf \(1 page at (\d+)% size\)", sample.output, re.M)
    assert page_count((tmp_path / "plan.pdf").read_bytes()) == 1
    assert pages_when_larger > 1, scale
    assert shown and scale == int(shown.group(1)) / 100 < 1, (scale, sample.output)


@pytest.mark.parametrize("language", ["de", "en", "sv"])
def test_alerting_plan_laid_out_first_prints_twice(loaded, tmp_path, monkeypatch, language):
    """With an empty print cache each edition's plan is printed twice, side by side: at the scale its layout fits
    and 5 % larger (which takes two pages), not step by step down from full size."""
    from macros.browser import async_chromium
    from macros.print_outputs import Printer, _run, print_alerting_plan

    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    prints: dict[str, list[float]] = {}

    async def plans() -> dict[str, float]:
        scales = {}
        async with async_chromium() as browser:
            for edition_id in ("staff", "crisis-team"):
                printer = Printer(browser, *prepared(loaded, edition_id, language), tabs=2)
                real_html = printer.html

                async def counted(document: str, title: str | None = None, scale: float = 1.0,
                                  edition_id: str = edition_id, real_html: Any = real_html) -> bytes:
                    prints.setdefault(edition_id, []).append(scale)
                    return await real_html(document, title, scale)

                monkeypatch.setattr(printer, "html", counted)
                try:
                    scales[edition_id] = await print_alerting_plan(printer, tmp_path / f"{edition_id}.pdf")
                finally:
                    await printer.close()
        return scales

    scales = _run(plans())
    assert all(scale < 1 for scale in scales.values()), scales
    assert {edition_id: sorted(scales_printed) for edition_id, scales_printed in prints.items()} == {
        edition_id: [scale, round(scale + 0.05, 2)] for edition_id, scale in scales.items()}, prints


def test_wallet_card_sheet_carries_the_numbers_on_every_card(sample, handbook, pages_text):
    """One A4 sheet of ten cards, each with the emergency number and the 24/7 roles' numbers."""
    (text,) = pages_text(sample.dist / "wallet-card.pdf")
    for carried in numbers_to_carry(handbook):
        assert text.count(squash(carried.number)) >= 10, carried


def test_wallet_cards_measured_on_paper_are_id1_cards(sample):
    """The cut marks printed in the margins stand 85.6 mm apart across and 54 mm apart down (ISO/IEC 7810 ID-1).

    Measured on a 300 dpi image of the PDF: the topmost marks are the vertical ones above the cards, the
    leftmost the horizontal ones beside them.
    """
    dpi = 300
    width, height, pixels = grey_image(sample.dist / "wallet-card.pdf", 1, dpi)
    mm = 25.4 / dpi
    # Each row as bytes of 1 (dark) and 0 (light).
    rows = [pixels[y * width:(y + 1) * width].translate(DARK) for y in range(height)]
    first_row = next(y for y, row in enumerate(rows) if 1 in row)
    band = rows[first_row:first_row + round(2 / mm)]
    across = dark_runs([any(row[x] for row in band) for x in range(width)])
    first_column = min(row.find(1) for row in rows if 1 in row)
    down = dark_runs([1 in row[first_column:first_column + round(2 / mm)] for row in rows])
    # Two cards across need three vertical marks, five cards down six horizontal ones.
    assert len(across) == 3 and len(down) == 6, (across, down)
    widths = [round((b - a) * mm, 2) for a, b in zip(across, across[1:])]
    heights = [round((b - a) * mm, 2) for a, b in zip(down, down[1:])]
    assert all(abs(value - 85.6) <= 0.3 for value in widths), widths
    assert all(abs(value - 54.0) <= 0.3 for value in heights), heights
    # Chromium snaps each edge to its pixel grid; across the whole sheet that rounding does not add up.
    assert abs((across[-1] - across[0]) * mm - 2 * 85.6) <= 0.3 and abs((down[-1] - down[0]) * mm - 5 * 54.0) <= 0.3
    # The sheet is centred on A4 (210 × 297 mm), so the cards are cut with equal margins.
    assert abs(across[0] * mm - (210 - across[-1] * mm)) <= 0.5
    assert abs(down[0] * mm - (297 - down[-1] * mm)) <= 0.5


def test_wallet_card_carries_no_private_number(sample, loaded, pages_text):
    """No number of kind private in the sample appears on the staff card, however the PDF spaces its digits."""
    private = [phone.number for contact in loaded.contacts for phone in contact.phones if phone.kind.value == "private"]
    assert private, "the sample must have private numbers for this test to mean anything"
    holders = {loaded.contact(role.primary).id for role in loaded.roles if role.reachable_24_7}
    assert any(phone.kind.value == "private" for holder in holders for phone in loaded.contact(holder).phones), \
        "a 24/7 holder on the card should have a private number for this test to mean anything"
    (text,) = pages_text(sample.dist / "wallet-card.pdf")
    for number in private:
        digits = re.sub(r"\D", "", number)
        assert not re.search(r"\s*".join(digits), text), number


def test_site_pages_link_the_print_stylesheet(sample):
    """Every page of the site carries print.css, so printing from the browser gets the paper layout too."""
    pages = [p for p in sample.site.rglob("*.html") if p.name != "404.html"]
    assert pages
    for page in pages:
        assert "assets/stylesheets/print.css" in page.read_text(encoding="utf-8"), page


def test_the_folder_follows_the_menu_readers_see(sample, english):
    """The folder's pages come in the order of the built site's menu (read from its HTML); only the review
    status, which has a PDF of its own, and the planning pages (exercise plan, tabletop scripts, standards coverage),
    printed from the browser when needed, are left out."""
    def menu_on(page: str) -> list[str]:
        html = (sample.site / page).read_text(encoding="utf-8")
        # The primary menu, up to the page's own content (its table of contents links only to "#…" sections).
        primary = html[html.index("md-nav--primary"):html.index('class="md-content"')]
        links = re.findall(r'<a href="([^"#][^"]*)" class="md-nav__link', primary)
        # Links are relative to the page; the menu is compared by the pages' paths in the site.
        return list(dict.fromkeys(posixpath.normpath(posixpath.join(posixpath.dirname(page), link)) for link in links))

    # The menu is pruned: a closed section is one link to its first page, on which the section is open.
    top = menu_on("index.html")
    menu: list[str] = []
    for link in top:
        menu += [link] + [path for path in menu_on(link) if path not in top and path not in menu and path != link]
    printed = [page.html_path for page in folder_pages(*english)]
    planning = ("exercise-plan.html", "coverage.html", "tabletop/")
    assert [path for path in menu if path != "review.html" and not path.startswith(planning)] == printed
    assert "coverage.html" in menu and "coverage.html" not in printed
    assert "review.html" in menu and "review.html" not in printed


def test_contents_renderer_groups_by_section():
    """The contents list pages in the given order, a section heading once before its pages, with page numbers."""
    document = render_contents(*prepared(load_on_test_day(SAMPLE), "staff", "en"), [
        ContentsEntry("In an emergency", None, 3), ContentsEntry("Risk matrix", "Scenarios", 9),
        ContentsEntry("Power <outage>", "Scenarios", 11), ContentsEntry("FAQ", None, 14)])
    body = re.sub(r"<[^>]+>", " ", document[document.index("<body>"):])
    assert squash(body) == "Contents In an emergency 3 Scenarios Risk matrix 9 Power &lt;outage&gt; 11 FAQ 14"


def test_page_numbers_use_chromium_fields_or_given_numbers():
    """Without numbers the footer leaves Chromium's pageNumber/totalPages fields; with numbers it writes them."""
    labels = labels_for("en")
    assert page_of(labels) == 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>'
    assert page_of(labels, 3, 40) == "Page 3 of 40"


def test_wallet_cards_are_laid_out_at_card_size():
    """The sheet places 10 cards 85.6 mm apart across and 54 mm apart down, centred on A4."""
    document = render_wallet_cards(*prepared(load_on_test_day(SAMPLE), "staff", "en"))
    positions = re.findall(r'class="card" style="left: ([0-9.]+)mm; top: ([0-9.]+)mm;"', document)
    assert len(positions) == 10
    lefts = sorted({float(left) for left, _ in positions})
    tops = sorted({float(top) for _, top in positions})
    # ISO/IEC 7810 ID-1 is 85.6 × 54 mm: written out here, never read from the code under test.
    assert [round(b - a, 2) for a, b in zip(lefts, lefts[1:])] == [85.6]
    assert [round(b - a, 2) for a, b in zip(tops, tops[1:])] == [54.0] * 4
    assert round(lefts[0] * 2 + 2 * 85.6, 1) == 210


def test_printing_modules_import_neither_mkdocs_nor_a_browser():
    """The print and export code loads without MkDocs, and Playwright only when it prints (serve never needs it)."""
    modules = ["macros.cli", "macros.print_outputs", "macros.contact_exports", "macros.render.print_pages"]
    code = (f"import sys; [__import__(m) for m in {modules!r}]; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'playwright', 'pypdf', 'pikepdf'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- Paper that reads well (headings kept with their text, no spill pages, numbers and references) ----------

def body_lines(page) -> list[tuple[float, str]]:
    """(height on the page, text) of every text run between the running header and footer, top first.

    Measured here, from the PDF's text positions (Chromium writes a flipped y axis into the transformation)."""
    height = float(page.mediabox.height)
    top, bottom = height - 18 * 72 / 25.4, 16 * 72 / 25.4
    runs = []

    def visit(text, cm, tm, _font, _size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and bottom < y < top:
            runs.append((round(y, 1), squash(text)))

    page.extract_text(visitor_text=visit)
    return sorted(runs, key=lambda run: -run[0])


def headings_of(site: Path, pages) -> set[str]:
    """The text of every h2, h3 and h4 of the built pages (what could be left alone at a page's foot)."""
    found = set()
    for page in pages:
        html_text = (site / page.html_path).read_text(encoding="utf-8")
        for heading in re.findall(r"<h[234][^>]*>(.*?)</h[234]>", html_text, re.S):
            words = squash(html.unescape(re.sub(r"<[^>]+>", " ", heading.split('<a class="headerlink"')[0])))
            if words:
                found.add(words)
    return found


def test_no_heading_is_the_last_line_of_a_folder_page(sample, english):
    """A heading always has some of its text under it on the same sheet (none is left alone at a page's foot)."""
    headings = headings_of(sample.site, folder_pages(*english))
    reader = PdfReader(sample.dist / "emergency-folder.pdf")
    orphans = []
    for number, page in enumerate(reader.pages[2:], start=3):
        lines = body_lines(page)
        if lines and lines[-1][1] in headings:
            orphans.append((number, lines[-1][1]))
    assert headings and orphans == []


def test_no_page_of_the_folder_is_a_nearly_empty_spill_page(sample, english, pages_text):
    """A page that continues the one before it holds at least 15 % of a sheet's height of text."""
    text = pages_text(sample.dist / "emergency-folder.pdf")
    contents = contents_text(text)
    starts = {int(re.search(re.escape(squash(p.title)) + r" (\d+)", contents).group(1)) for p in folder_pages(*english)}
    reader = PdfReader(sample.dist / "emergency-folder.pdf")
    body = (297 - 18 - 16) * 72 / 25.4
    spills = []
    for number, page in enumerate(reader.pages[2:], start=3):
        lines = body_lines(page)
        share = (lines[0][0] - lines[-1][0]) / body if lines else 0
        if number not in starts and share < 0.15:
            spills.append((number, round(share, 2)))
    assert len(starts) > 10 and spills == []


def test_the_share_of_a_sheet_its_body_fills_matches_its_lowest_printed_line(sample):
    """The printer's own measure (which decides when a last sheet is nearly empty) agrees with the sheet's text."""
    import pikepdf

    reader = PdfReader(sample.dist / "emergency-folder.pdf")
    lines = body_lines(reader.pages[2])
    measured = (reader.pages[2].mediabox.height - 18 * 72 / 25.4 - lines[-1][0]) / ((297 - 34) * 72 / 25.4)
    with pikepdf.open(sample.dist / "emergency-folder.pdf") as folder:
        assert abs(_share(folder.pages[2]) - float(measured)) < 0.05


def test_every_printed_page_carries_the_24_7_number(sample, handbook, pages_text):
    """The footer of every page of every PDF (the folder, each checklist, the review) names the 24/7 number."""
    number = handbook.organisation.emergency_number
    for pdf in sorted(sample.dist.rglob("*.pdf")):
        if pdf.name == "wallet-card.pdf":
            continue
        # The folder's cover shows the number in large type instead of a footer.
        first = 2 if pdf.name == "emergency-folder.pdf" else 1
        for page_number, page_text in enumerate(pages_text(pdf)[first - 1:], start=first):
            assert f"Emergency 24/7: {number}" in page_text, f"{pdf.name} page {page_number}"


def test_review_has_a_pdf_of_its_own_and_stays_out_of_the_folder(sample, pages_text):
    """The review status (file paths, dates due) goes to review.pdf, not into the folder on every floor."""
    review = pages_text(sample.dist / "review.pdf")
    assert review and "Review status" in review[0] and "handbook_data/" in " ".join(review)
    folder = " ".join(pages_text(sample.dist / "emergency-folder.pdf"))
    assert "Review status" not in folder and "handbook_data/" not in folder


def test_cross_references_in_the_folder_carry_page_numbers(sample, english, pages_text):
    """A link to another page reads "(p. N)" on paper, N being where that page starts in the folder; a link to a
    role's section names the page the role is printed on."""
    text = laid_out_text(sample.dist / "emergency-folder.pdf")
    contents = contents_text(pages_text(sample.dist / "emergency-folder.pdf"))
    handbook, _ = english
    first_hour = handbook.checklist(handbook.organisation.first_hour_checklist)
    start = int(re.search(re.escape(squash(first_hour.title)) + r" (\d+)", contents).group(1))
    home_start = int(re.search(r"In an emergency (\d+)", contents).group(1))
    assert f"{squash(first_hour.title)} (p. {start})" in text[home_start - 1]
    officer = squash(handbook.emergency_officer.title)
    references = [int(n) for page in text for n in re.findall(re.escape(officer) + r" \(p\. (\d+)\)", page)]
    assert references, "no reference to the emergency officer's role"
    for number in set(references):
        assert officer in text[number - 1], f"the emergency officer's role is not on page {number}"
    # The links Chromium leaves on paper point into the build's staging folder: none may reach the PDF.
    links = [annotation.get_object().get("/A", {}).get("/URI", "")
             for page in PdfReader(sample.dist / "emergency-folder.pdf").pages
             for annotation in page.get("/Annots", [])]
    assert not [link for link in links if str(link).startswith("file:")], links


def test_a_tab_shows_each_page_with_its_own_images_links_and_language(sample, english, tmp_path):
    """A tab loads one document and shows page after page in it: a page from another folder of the site still
    finds its images and links where the page itself would, and keeps its own language (hyphenation follows it)."""
    from macros.browser import async_chromium
    from macros.print_outputs import Printer, _run

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    shutil.copy(sample.site / "assets" / "images" / "favicon.png", site / "assets" / "picture.png")
    (site / "assets" / "style.css").write_text("img { width: 20px; }", encoding="utf-8")
    page = ('<!doctype html><html lang="{language}"><head><link rel="stylesheet" href="{up}assets/style.css"></head>'
            '<body><article class="md-content"><img src="{up}assets/picture.png"><a href="{up}faq.html">FAQ</a>'
            '</article></body></html>')
    (site / "scenarios").mkdir()
    files = [site / "index.html", site / "scenarios" / "power.html"]
    files[0].write_text(page.format(language="de", up=""), encoding="utf-8")
    files[1].write_text(page.format(language="sv", up="../"), encoding="utf-8")

    async def shown() -> list[list[Any]]:
        async with async_chromium() as browser:
            printer = Printer(browser, *english, tabs=1)
            seen = []
            try:
                async with printer.tab() as tab:
                    for file in files:
                        printer.page_key(site, file)
                        await printer.load_site_pages(tab, [file])
                        seen.append(await tab.evaluate(
                            "() => [document.images[0].naturalWidth, document.querySelector('.md-content a').href, "
                            "document.documentElement.lang]"))
            finally:
                await printer.close()
            return seen

    faq = (site / "faq.html").as_uri()
    assert _run(shown()) == [[48, faq, "de"], [48, faq, "sv"]]


def test_a_tab_that_printed_other_html_loads_the_pages_head_again(sample, english, tmp_path):
    """A tab that showed site pages and then printed print-only HTML (the cover, say) has lost the pages' head: the
    next site page it shows gets its own stylesheets again, not the other document's."""
    from macros.browser import async_chromium
    from macros.print_outputs import Printer, _run

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    shutil.copy(sample.site / "assets" / "images" / "favicon.png", site / "assets" / "picture.png")
    (site / "assets" / "style.css").write_text("img { width: 20px; }", encoding="utf-8")
    page = ('<!doctype html><html lang="en"><head><link rel="stylesheet" href="assets/style.css"></head>'
            '<body><article class="md-content"><img src="assets/picture.png"></article></body></html>')
    file = site / "index.html"
    file.write_text(page, encoding="utf-8")

    async def widths() -> list[str]:
        async with async_chromium() as browser:
            printer = Printer(browser, *english, tabs=1)
            seen = []
            try:
                for other in ("", f"<html><body><p>{tmp_path.name}</p></body></html>"):
                    if other:
                        await printer.html(other)
                    async with printer.tab() as tab:
                        printer.page_key(site, file)
                        await printer.load_site_pages(tab, [file])
                        seen.append(await tab.evaluate("() => getComputedStyle(document.images[0]).width"))
            finally:
                await printer.close()
            return seen

    assert _run(widths()) == ["20px", "20px"]


def test_references_to_a_section_name_the_page_the_section_is_on(sample, handbook):
    """A link to a section of a long page (a role, a person in the directory: the contacts run over several sheets)
    reads "(p. N)" with N the sheet that section is printed on, not the sheet its page starts on."""
    text = laid_out_text(sample.dist / "emergency-folder.pdf")
    names = [squash(role.title) for role in handbook.roles] + [squash(contact.name) for contact in handbook.contacts]
    referenced: set[int] = set()
    for name in names:
        for number in {int(n) for page in text for n in re.findall(re.escape(name) + r" \(p\. (\d+)\)", page)}:
            assert name in text[number - 1], f"{name} is not on page {number}"
            referenced.add(number)
    # The sections are spread over the contacts' sheets, not all sent to the first.
    assert len(referenced) > 2, referenced


def test_the_escalation_report_gives_room_to_write_by_field(sample, handbook):
    """A form field asking for many lines gets that much room on paper: the space down to the next field is at
    least its lines × 9 mm (measured between the two labels in the printed form)."""
    form = handbook.checklist(handbook.escalation.report_form)
    items = [item for section in form.sections for item in section.items]
    big = max(range(len(items) - 1), key=lambda index: items[index].lines)
    assert items[big].lines >= 4, "the sample sizes some fields"
    pdf = PdfReader(sample.dist / "checklists" / f"{form.id}.pdf")
    positions = {}
    for number, page in enumerate(pdf.pages):
        for y, words in body_lines(page):
            positions.setdefault(words, (number, y))
    label, following = squash(items[big].text), squash(items[big + 1].text)
    assert label in positions and following in positions, positions
    (page_a, y_a), (page_b, y_b) = positions[label], positions[following]
    if page_a == page_b:
        assert y_a - y_b >= items[big].lines * 9 * 72 / 25.4 * 0.95, (y_a, y_b)
    else:
        assert page_b > page_a


def placed_words(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Each page's words as (left, right, top, text) in points, from pdftotext -bbox."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [[(float(x0), float(x1), float(y0), html.unescape(text)) for x0, y0, x1, text in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page)]
            for page in boxes.split("<page ")[1:]]


def header_lines(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Each page's running-header line as words (left, right, top, text) in points: of the lines above the top
    margin (the classification, the header, a title's second line), the one reaching furthest right."""
    lines = []
    for words in placed_words(pdf):
        top = [word for word in words if word[2] < MARGIN_TOP_MM * MM]
        line = max(top, key=lambda word: word[1])[2] if top else None
        lines.append(sorted(word for word in top if line is not None and abs(word[2] - line) < 1))
    return lines


def test_the_build_stamp_ends_the_header_line_clear_of_the_title(sample, english):
    """The build stamp is printed on a sheet of its own and laid over every page with a running header: on the
    header's line, ending at the right margin, with room between it and the page's title."""
    handbook, edition = english
    stamp = build_stamp(handbook, edition).split()
    right_margin = (PAGE_WIDTH_MM - MARGIN_SIDE_MM) * MM
    pages = header_lines(sample.dist / "emergency-folder.pdf")[1:] + header_lines(sample.dist / "review.pdf")
    assert len(pages) > 20
    for number, line in enumerate(pages, start=2):
        title, stamped = line[:-len(stamp)], line[-len(stamp):]
        assert [word[3] for word in stamped] == stamp, f"page {number}: {line}"
        assert title and title[0][3] == handbook.organisation.handbook_title.split()[0], f"page {number}: {line}"
        assert abs(stamped[-1][1] - right_margin) < 2, f"page {number}: the stamp ends at {stamped[-1][1]:.1f} pt"
        assert stamped[0][0] - title[-1][1] >= 3 * MM, f"page {number}: the title runs into the stamp: {line}"


@given(st.lists(st.integers(1, 40), min_size=1, max_size=60), st.integers(1, 8))
def test_the_writers_share_the_documents_in_order_with_about_as_many_pages_each(pages, writers):
    """Each writer process gets a run of the documents: none lost, none twice, the order kept (the page counts
    come back in it), no writer idle while another has more than its part and one document more."""
    info = DocumentInfo("t", "a", "s", "k", "de")
    jobs = [PdfJob(Path(f"{number}.pdf"), [], info) for number in range(len(pages))]
    shares = writer_shares(jobs, pages, writers)
    assert [job for share in shares for job in share] == jobs
    assert 1 <= len(shares) <= writers and all(shares)
    length = {job.target: count for job, count in zip(jobs, pages)}
    for share in shares:
        assert sum(length[job.target] for job in share) < sum(pages) / writers + max(pages)


def words_in_place(pdf: bytes, tmp_path: Path) -> list[list[tuple[float, float, str]]]:
    """Each sheet's words with where they are printed (left and top, in points, to a tenth), from pdftotext -bbox."""
    file = tmp_path / "words.pdf"
    file.write_bytes(pdf)
    return [[(round(left, 1), round(top, 1), text) for left, _, top, text in sheet] for sheet in placed_words(file)]


def test_pages_printed_together_come_out_as_each_printed_alone(sample, loaded, tmp_path, monkeypatch):
    """A tab prints many site pages in one call and cuts the PDF apart; each page comes out as it prints alone: the
    same sheets and scale, every word in the same place, its sections on the same sheets, the same room left for its
    page references. The German pages share ids (each page's title has one, every page links to its own sections)
    and a few hold tables wider than the sheet, which make Chromium print the whole document smaller: those go
    into calls of their own."""
    from macros import print_outputs
    from macros.browser import async_chromium

    handbook, edition = prepared(loaded, "staff", "de")
    site = sample.site_of("staff", "de")
    pages = folder_pages(handbook, edition)
    shown: list[dict[str, Any]] = []
    real_load = print_outputs.Printer.load_site_pages

    async def recorded(printer: Any, tab: Any, files: list[Path]) -> list[dict[str, Any]]:
        found = await real_load(printer, tab, files)
        shown.extend(found)
        return found

    monkeypatch.setattr(print_outputs.Printer, "load_site_pages", recorded)

    async def printed(per_call: int) -> list[Any]:
        monkeypatch.setattr(print_outputs, "PAGES_PER_CALL", per_call)
        async with async_chromium() as browser:
            printer = print_outputs.Printer(browser, handbook, edition, tabs=2)
            try:
                return await print_outputs.print_site_pages(printer, site, pages)
            finally:
                await printer.close()

    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "together"))
    together = print_outputs._run(printed(len(pages)))
    assert any(page["wide"] for page in shown), "no page of the sample is wider than the sheet"
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "alone"))
    alone = print_outputs._run(printed(1))
    assert sum(page.pages for page in together) > len(pages)
    for one, other in zip(together, alone):
        name = one.built.html_path
        assert (one.pages, one.scale, one.anchors) == (other.pages, other.scale, other.anchors), name
        assert [(slot.page, round(slot.left), round(slot.top), slot.target) for slot in one.slots] == \
            [(slot.page, round(slot.left), round(slot.top), slot.target) for slot in other.slots], name
        assert words_in_place(one.pdf, tmp_path) == words_in_place(other.pdf, tmp_path), name


@given(st.lists(st.sampled_from("ab"), max_size=40), st.integers(1, 4))
def test_pages_go_to_the_tabs_in_order_in_calls_of_one_look(looks, tabs):
    """The pages waiting to print are shared into calls: none lost, none twice, the order kept; the pages of a call
    look alike (one head shows them); about PAGES_PER_CALL each, and at least one call per tab while pages last."""
    from macros.print_outputs import PAGES_PER_CALL, calls_of

    waiting = list(range(100, 100 + len(looks)))
    calls = calls_of(waiting, [(look,) for look in looks], tabs)
    assert [index for call in calls for index in call] == waiting
    assert all(len({looks[index - 100] for index in call}) == 1 for call in calls)
    assert all(len(call) <= PAGES_PER_CALL for call in calls)
    assert len(calls) >= min(tabs, len(waiting))


def test_the_folder_keeps_one_copy_of_each_embedded_font(sample):
    """The site pages printed in one call each carry that call's embedded fonts, byte for byte the same; the folder
    keeps one copy of each (the sample's German folder: 1.86 MB → 1.14 MB)."""
    import hashlib

    import pikepdf

    with pikepdf.open(sample.dist / "emergency-folder.pdf") as folder:
        programs = [found[key] for found in folder.objects
                    if isinstance(found, pikepdf.Dictionary) and found.get("/Type") == "/FontDescriptor"
                    for key in ("/FontFile", "/FontFile2", "/FontFile3") if isinstance(found.get(key), pikepdf.Stream)]
        digests = {hashlib.sha256(program.read_raw_bytes()).digest() for program in programs}
        objects = {program.objgen for program in programs}
    assert len(programs) > len(digests), "no two pages of the folder share a font"
    assert len(objects) == len(digests)
