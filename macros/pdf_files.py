"""Writing the printed PDFs: the parts merged, the overlay sheets and the build stamp laid over, the metadata set.

Plain data in, files out, and nothing of the handbook: it runs in worker processes of its own, because pikepdf
holds Python's lock while it works, so threads would take turns (the 20× folder and its 100 checklists took
8 s in threads, against 3 s of work).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

# pikepdf is imported where it is used: the command line loads print_outputs, and so this, without printing.
if TYPE_CHECKING:
    import pikepdf


@dataclass(frozen=True)
class DocumentInfo:
    """What a PDF says about itself (its document information and language)."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str


@dataclass(frozen=True)
class PdfJob:
    """One PDF to write: its parts in order, and which of the shared overlay sheets and stamp go over it."""

    target: Path
    parts: list[bytes]
    info: DocumentInfo
    outline: list[tuple[str, int]] | None = None
    # The overlay sheet laid over this PDF's first page (the following sheets go over the following pages).
    overlay_from: int = 0
    # The pages (from 0) that carry the build stamp.
    stamped: frozenset[int] = field(default_factory=frozenset)


def ready() -> None:
    """Nothing: submitted first, so that a worker process has started and imported pikepdf before it is needed."""


def write_pdfs(jobs: list[PdfJob], overlay: list[bytes] | None = None, stamp: bytes | None = None) -> list[int]:
    """Write each job's PDF, the sheets of `overlay` (printed in parts, one after the other) and `stamp`'s one sheet
    opened once for all of them; returns each one's page count.

    pikepdf (qpdf) lays each sheet over its page as a form, without rewriting the page's content: the folder
    merges in a tenth of a second where a page-by-page merge in pure Python took seconds."""
    import pikepdf

    with contextlib.ExitStack() as opened:
        parts = [opened.enter_context(pikepdf.open(io.BytesIO(part))) for part in overlay or []]
        sheets = [sheet for part in parts for sheet in part.pages] if overlay is not None else None
        stamp_sheet = opened.enter_context(_opened(stamp))
        return [_write(job, sheets, stamp_sheet) for job in jobs]


def _write(job: PdfJob, sheets: list[pikepdf.Page] | None, stamp_sheet: pikepdf.Pdf | None) -> int:
    import pikepdf

    merged = pikepdf.Pdf.new()
    # Kept open until the merged file is saved: its pages still read their content from them.
    sources = [pikepdf.Pdf.open(io.BytesIO(part)) for part in job.parts]
    for source in sources:
        # Dropped first: there are thousands at 20× the sample, and pikepdf looks at every link it copies.
        drop_local_links(source)
        # Links within a page lead to its named destinations: they come along, renamed where two pages share a name.
        merged.add_pages_from(source, outlines="ignore")
    share_font_programs(merged)
    if sheets is not None:
        if len(sheets) < job.overlay_from + len(merged.pages):
            raise ValueError(f"{len(sheets)} overlay sheets for {len(merged.pages)} pages from {job.overlay_from}")
        for number, page in enumerate(merged.pages):
            page.add_overlay(sheets[job.overlay_from + number], rect=None)
    if stamp_sheet is not None and job.stamped:
        # One form for all pages: the stamp's text is in the file once.
        stamp_form = merged.copy_foreign(stamp_sheet.pages[0].as_form_xobject())
        for number in sorted(job.stamped):
            merged.pages[number].add_overlay(stamp_form, rect=None)
    if job.outline:
        with merged.open_outline() as bookmarks:
            bookmarks.root.extend(pikepdf.OutlineItem(bookmark, page_index) for bookmark, page_index in job.outline)
    info = job.info
    merged.docinfo.update({"/Title": info.title, "/Author": info.author, "/Subject": info.subject,
                           "/Keywords": info.keywords, "/Lang": info.language,
                           "/Creator": "emergency-handbook (Chromium via Playwright, pikepdf)"})
    # The document's language for screen readers, where PDF readers look for it.
    merged.Root.Lang = pikepdf.String(info.language)
    job.target.parent.mkdir(parents=True, exist_ok=True)
    merged.save(job.target)
    for source in sources:
        source.close()
    return len(merged.pages)


def _opened(pdf: bytes | None) -> contextlib.AbstractContextManager[pikepdf.Pdf | None]:
    import pikepdf

    return pikepdf.open(io.BytesIO(pdf)) if pdf is not None else contextlib.nullcontext()


def drop_local_links(document: pikepdf.Pdf) -> None:
    """Remove the links Chromium kept to the site's files (and the reference slots): on paper and in a PDF passed
    around they lead nowhere, and they would name the folder the site was built in."""
    import pikepdf

    for page in document.pages:
        annotations = page.obj.get("/Annots")
        if not annotations:
            continue
        kept = [annotation for annotation in annotations if not link_address(annotation).startswith("file:")]
        if len(kept) != len(annotations):
            page.obj["/Annots"] = document.make_indirect(pikepdf.Array(kept))


def share_font_programs(merged: pikepdf.Pdf) -> None:
    """Keep one copy of each embedded font program: the site pages cut from one print (see
    print_outputs.cut_printed) each carry that print's fonts, byte for byte the same."""
    import pikepdf

    kept: dict[bytes, pikepdf.Object] = {}
    for found in merged.objects:
        if not isinstance(found, pikepdf.Dictionary) or found.get("/Type") != "/FontDescriptor":
            continue
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            program = found.get(key)
            if isinstance(program, pikepdf.Stream):
                found[key] = kept.setdefault(hashlib.sha256(program.read_raw_bytes()).digest(), program)


def link_address(annotation: pikepdf.Object) -> str:
    """The address a link annotation opens ("" for any other annotation or action)."""
    import pikepdf

    action = annotation.get("/A")
    return str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
