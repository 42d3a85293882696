"""The print-only pages of the emergency folder, as standalone HTML: cover, contents, alerting plan,
wallet cards, the running header and footer, and the sheets that carry them over the site's pages.

Pure functions of the handbook and the labels (section `print:` of the catalogue); they import
nothing from MkDocs and no browser. `macros/print_outputs.py` turns them into PDFs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from ..edition import Edition
from ..labels import Labels
from ..model import Contact, Handbook, PhoneKind
from .home import build_stamp
from .markup import emergency_holders, party_name

# Page geometry shared by every printed page, in millimetres (A4 portrait).
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_SIDE_MM = 18, 16, 15
# Where the running header laid over a page starts: where Chromium puts its own header template.
HEADER_TOP_MM = 5.0
# ISO/IEC 7810 ID-1, the size of a bank card: fits every wallet.
CARD_WIDTH_MM, CARD_HEIGHT_MM = 85.6, 54.0
CARD_COLUMNS, CARD_ROWS = 2, 5
CUT_MARK_MM, CUT_MARK_GAP_MM = 5.0, 1.5

# Chromium fills elements with these classes in its header and footer templates.
_PAGE_NUMBER = '<span class="pageNumber"></span>'
_TOTAL_PAGES = '<span class="totalPages"></span>'
# Placeholders that survive html.escape, replaced by markup afterwards.
_PAGE_MARK, _TOTAL_MARK = "\x00page\x00", "\x00total\x00"
_RUNNING_FONT = "font-family: Helvetica, Arial, 'Liberation Sans', sans-serif; font-size: 7.5pt; color: #000;"
# No background colour anywhere: Chromium paints it even without print_background, and the page-number
# sheets laid over the folder must not cover it.
_BODY_FONT = "font-family: Helvetica, Arial, 'Liberation Sans', sans-serif; color: #000;"


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the table of contents: the page's title, its menu section (if any) and first page."""

    title: str
    section: str | None
    page: int


@dataclass(frozen=True)
class NumberToCarry:
    """A number worth having on paper: who it reaches (role or contact) and the number itself."""

    who: str
    name: str
    number: str


def _escape(value: object) -> str:
    return html.escape(str(value))


def _document(title: str, style: str, body: str, language: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{_escape(language)}"><head><meta charset="utf-8">'
            f"<title>{_escape(title)}</title><style>{style}</style></head>\n<body>{body}</body></html>\n")


def _page_style(margins: str = f"{MARGIN_TOP_MM}mm {MARGIN_SIDE_MM}mm {MARGIN_BOTTOM_MM}mm") -> str:
    return (f"@page {{ size: A4; margin: {margins}; }}\n"
            f"html, body {{ margin: 0; padding: 0; {_BODY_FONT} }}\n"
            "* { box-sizing: border-box; }\n")


def page_of(labels: Labels, page: int | None = None, total: int | None = None) -> str:
    """'Page 3 of 40' as HTML; without numbers, with the spans Chromium fills in when it prints."""
    text = _escape(labels("print.page_of", page=_PAGE_MARK, total=_TOTAL_MARK))
    return (text.replace(_PAGE_MARK, _PAGE_NUMBER if page is None else str(page))
                .replace(_TOTAL_MARK, _TOTAL_PAGES if total is None else str(total)))


def render_running_header(handbook: Handbook, edition: Edition, section_title: str,
                          stamp_room_mm: float | None = None) -> str:
    """Chromium's header template: handbook title and page title left, edition and build time right,
    and above them the edition's classification ("CONFIDENTIAL: crisis team only") when it has one.

    With `stamp_room_mm`, the right holds empty room of that width instead of the stamp: the stamp is printed
    apart (render_stamp_sheet) and laid over it, so the header does not change from one build to the next."""
    title = handbook.organisation.handbook_title
    left = _escape(title)
    if section_title and section_title != title:
        left += f" — {_escape(section_title)}"
    stamp = (f'<span style="flex: none; width: {stamp_room_mm:g}mm;"></span>' if stamp_room_mm is not None else
             f'<span style="white-space: nowrap;">{_escape(build_stamp(handbook, edition))}</span>')
    return _header_rows(edition, f"<span>{left}</span>{stamp}")


def _header_rows(edition: Edition, row: str, hidden: bool = False) -> str:
    """The classification line (when the edition has one) above the row of the running header; `hidden` keeps
    their room and prints neither them nor the rule under the row."""
    ink = " visibility: hidden;" if hidden else ""
    marking = (f'<div style="font-weight: 700; text-align: center; letter-spacing: 0.04em;{ink}">'
               f'{_escape(edition.classification)}</div>') if edition.classification else ""
    rule = "transparent" if hidden else "#000"
    return (f'<div style="{_RUNNING_FONT} box-sizing: border-box; width: 100%; margin: 0 {MARGIN_SIDE_MM}mm;">'
            f'{marking}<div style="padding: 0 0 1mm; border-bottom: 0.5pt solid {rule}; display: flex; '
            f'justify-content: space-between; gap: 4mm;">{row}</div></div>')


STAMP_ID = "build-stamp"


def render_stamp_sheet(handbook: Handbook, edition: Edition) -> str:
    """One A4 page with nothing but the build stamp, exactly where the running header of the overlay sheets leaves
    room for it (render_running_header with `stamp_room_mm`). It is the one part of those sheets that changes
    with every build: printed on its own, it spares reprinting the sheets of a folder whose pages are unchanged."""
    # an empty first span: the row is spread apart, so the stamp alone lands at the right end like in the header
    row = (f'<span></span><span id="{STAMP_ID}" style="white-space: nowrap;">'
           f"{_escape(build_stamp(handbook, edition))}</span>")
    style = (_page_style("0") + f".header {{ position: absolute; top: {HEADER_TOP_MM}mm; left: 0; "
             f"width: {PAGE_WIDTH_MM}mm; display: flex; }}\n")
    return _document(edition.labels("print.page_numbers_title"), style,
                     f'<div class="header">{_header_rows(edition, row, hidden=True)}</div>', edition.language)


def render_running_footer(handbook: Handbook, edition: Edition, page: int | None = None,
                          total: int | None = None) -> str:
    """Chromium's footer template: organisation left, the 24/7 number in the middle (on every sheet, so any page
    picked up in a crisis says whom to call), 'Page X of Y' right (Chromium's numbers unless given)."""
    number = handbook.organisation.emergency_number
    emergency = (f'<strong style="white-space: nowrap;">{_escape(edition.labels("print.footer_emergency", number=number))}'
                 f"</strong>") if number else "<span></span>"
    return (f'<div style="{_RUNNING_FONT} box-sizing: border-box; width: 100%; margin: 0 {MARGIN_SIDE_MM}mm; '
            f'display: flex; justify-content: space-between; gap: 4mm;"><span>{_escape(handbook.organisation.name)}'
            f'</span>{emergency}<span style="white-space: nowrap;">{page_of(edition.labels, page, total)}</span></div>')


@dataclass(frozen=True)
class PageReference:
    """'(p. 12)' to print at a place of a folder page: where (points from the page's top left), how large."""

    left: float
    top: float
    size: float
    words: str


@dataclass(frozen=True)
class SheetRun:
    """The sheets laid over one PDF: how many pages it has, the first that gets a footer (the cover gets none), the
    '(p. 12)' marks by page and the title in each page's running header (pages without one get no header)."""

    total: int
    first: int = 1
    references: dict[int, list[PageReference]] = field(default_factory=dict)
    headers: dict[int, str] = field(default_factory=dict)


def render_overlay_sheets(handbook: Handbook, edition: Edition, runs: list[SheetRun], stamp_room_mm: float,
                          only: slice = slice(None)) -> str:
    """One A4 page per page of each PDF in `runs`, one PDF after the other: blank but for its running header, its
    footer with 'Page X of Y' within its PDF and the page numbers of its cross-references, each in the room its
    page left for it. With `only`, just those of the sheets (counted from 0 over all runs): a long run is printed
    in parts side by side.

    The folder is printed page by page, so Chromium only knows each page's own numbers; these sheets are
    laid over the merged folder to number it as a whole. The site's pages and the contents are printed bare,
    without the edition's header, so that a page's print depends only on what it shows. The headers leave
    `stamp_room_mm` for the build stamp, laid over them from a sheet of its own (render_stamp_sheet).
    """
    footer_top = PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM + 5
    sheets = []
    numbered = [(run, page) for run in runs for page in range(1, run.total + 1)]
    for run, page in numbered[only]:
        title = run.headers.get(page)
        header = (f'<div class="header">{render_running_header(handbook, edition, title, stamp_room_mm)}</div>'
                  if title is not None else "")
        footer = render_running_footer(handbook, edition, page, run.total) if page >= run.first else ""
        marks = "".join(f'<span class="reference" style="left: {mark.left:.2f}pt; top: {mark.top:.2f}pt; '
                        f'font-size: {mark.size:.2f}pt;">{_escape(mark.words)}</span>'
                        for mark in run.references.get(page, []))
        sheets.append(f'<section class="sheet">{marks}{header}<div class="footer">{footer}</div></section>')
    style = (_page_style("0") + f".sheet {{ position: relative; width: {PAGE_WIDTH_MM}mm; height: {PAGE_HEIGHT_MM}mm; "
             f"overflow: hidden; break-after: page; }}\n.sheet:last-child {{ break-after: auto; }}\n"
             f".header {{ position: absolute; top: {HEADER_TOP_MM}mm; left: 0; width: {PAGE_WIDTH_MM}mm; "
             "display: flex; }\n"
             f".footer {{ position: absolute; top: {footer_top}mm; left: 0; width: {PAGE_WIDTH_MM}mm; "
             "display: flex; }\n"
             f".reference {{ position: absolute; white-space: nowrap; line-height: 1; {_BODY_FONT} }}\n")
    return _document(edition.labels("print.page_numbers_title"), style, "".join(sheets), edition.language)


def render_cover(handbook: Handbook, edition: Edition) -> str:
    """The folder's first page: organisation, title, edition and build date, the 24/7 number to call."""
    labels = edition.labels
    organisation = handbook.organisation
    officer = handbook.emergency_officer
    style = _page_style() + (
        "body { display: flex; flex-direction: column; min-height: 255mm; }\n"
        ".organisation { font-size: 14pt; margin: 20mm 0 4mm; }\n"
        "h1 { font-size: 28pt; line-height: 1.15; margin: 0 0 8mm; }\n"
        ".edition { font-size: 13pt; margin: 0 0 2mm; }\n"
        ".emergency { border: 2.5pt solid #000; padding: 6mm 8mm; margin: 24mm 0 0; }\n"
        ".emergency p { margin: 0 0 2mm; font-size: 13pt; }\n"
        ".emergency .number { font-size: 30pt; font-weight: 700; letter-spacing: 0.02em; margin: 2mm 0 3mm; }\n"
        ".note { margin-top: auto; font-size: 10pt; border-top: 0.75pt solid #000; padding-top: 3mm; }\n"
        ".classification { font-size: 14pt; font-weight: 700; border: 1.5pt solid #000; padding: 2mm 4mm; }\n")
    marking = f'<p class="classification">{_escape(edition.classification)}</p>' if edition.classification else ""
    which = labels("print.cover.edition", edition=edition.name, version=organisation.version)
    built = labels("print.cover.built", built_at=labels.datetime(edition.built_at, zone=True))
    body = (f'{marking}<p class="organisation">{_escape(organisation.name)}</p>'
            f"<h1>{_escape(organisation.handbook_title)}</h1>"
            f'<p class="edition">{_escape(which)}</p><p class="edition">{_escape(built)}</p>'
            f'<div class="emergency">'
            f'<p><strong>{_escape(labels("print.cover.call_first", role=officer.title))}</strong></p>'
            f'<p class="number">{_escape(organisation.emergency_number)}</p>'
            f'<p>{_escape(labels("print.cover.answered_by", names=emergency_holders(handbook)))}</p></div>'
            f'<p class="note">{_escape(labels("print.cover.note"))}</p>')
    return _document(organisation.handbook_title, style, body, edition.language)


def render_contents(handbook: Handbook, edition: Edition, entries: list[ContentsEntry]) -> str:
    """The table of contents: every page in reading order under its menu section, with its first page."""
    style = _page_style() + (
        "h1 { font-size: 18pt; margin: 0 0 6mm; }\n"
        "h2 { font-size: 11pt; margin: 4mm 0 1mm; }\n"
        "ol { list-style: none; margin: 0; padding: 0; }\n"
        "li { display: flex; align-items: baseline; font-size: 11pt; line-height: 1.5; break-inside: avoid; }\n"
        "li.in-section { padding-left: 6mm; }\n"
        "li .title { flex: 0 1 auto; }\n"
        "li .leader { flex: 1 1 auto; border-bottom: 0.75pt dotted #000; margin: 0 2mm; min-width: 8mm; }\n"
        "li .page { flex: 0 0 auto; font-variant-numeric: tabular-nums; }\n")
    lines, current_section = [], None
    for entry in entries:
        if entry.section and entry.section != current_section:
            lines.append(f'<li class="section"><strong class="title">{_escape(entry.section)}</strong></li>')
        current_section = entry.section
        css = ' class="in-section"' if entry.section else ""
        lines.append(f'<li{css}><span class="title">{_escape(entry.title)}</span><span class="leader"></span>'
                     f'<span class="page">{entry.page}</span></li>')
    labels = edition.labels
    body = f'<h1>{_escape(labels("print.contents.title"))}</h1><ol>{"".join(lines)}</ol>'
    return _document(labels("print.contents.title"), style, body, edition.language)


def dialable_numbers(contact: Contact) -> list[str]:
    """The contact's numbers for paper and cards in the edition's copy: mobile first, then office, then private
    (which only the crisis team's edition still holds)."""
    order = (PhoneKind.mobile, PhoneKind.office, PhoneKind.private)
    return [phone.number for phone in sorted(contact.phones, key=lambda p: order.index(p.kind))]


def numbers_to_carry(handbook: Handbook) -> list[NumberToCarry]:
    """The few numbers for the wallet card: the emergency number, then every 24/7 role's primary holder."""
    officer = handbook.emergency_officer
    carried = [NumberToCarry(officer.title, emergency_holders(handbook), handbook.organisation.emergency_number)]
    for role in handbook.roles:
        if role.reachable_24_7 and role.id != officer.id and role.holders:
            holder = handbook.contact(role.primary)
            numbers = dialable_numbers(holder)
            if numbers:
                carried.append(NumberToCarry(role.title, holder.name, numbers[0]))
    return carried


def _party_numbers(handbook: Handbook, party_id: str) -> list[tuple[str, str]]:
    """(name, number) for a contact, or for a role's holders in calling order (first number each)."""
    if handbook.has("roles", party_id):
        holders = [handbook.contact(h) for h in handbook.role(party_id).holders]
    else:
        holders = [handbook.contact(party_id)] if handbook.has("contacts", party_id) else []
    return [(holder.name, dialable_numbers(holder)[0]) for holder in holders if dialable_numbers(holder)]


def render_alerting_plan(handbook: Handbook, edition: Edition) -> str:
    """One page: the emergency number, every alerting chain step by step, and the numbers of everyone in them."""
    labels = edition.labels
    withheld = labels("common.withheld")
    organisation = handbook.organisation
    officer = handbook.emergency_officer
    style = _page_style() + (
        "body { font-size: 8.5pt; line-height: 1.3; }\n"
        "h1 { font-size: 15pt; margin: 0 0 1mm; }\n"
        ".stamp { font-size: 8pt; margin: 0 0 3mm; }\n"
        ".emergency { border: 2pt solid #000; padding: 2mm 4mm; margin: 0 0 3mm; font-size: 11pt; }\n"
        ".emergency strong.number { font-size: 16pt; margin-left: 3mm; }\n"
        "h2 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }\n"
        ".trigger { margin: 0 0 1mm; }\n"
        "table { width: 100%; border-collapse: collapse; margin: 0 0 2mm; }\n"
        "th, td { border: 0.5pt solid #000; padding: 0.6mm 1.5mm; text-align: left; vertical-align: top; }\n"
        "th { font-weight: 700; }\n"
        "tr { break-inside: avoid; }\n"
        "td.nowrap { white-space: nowrap; }\n"
        # Everyone named in a chain, with the number of each holder in calling order, in three columns.
        ".numbers { columns: 3; column-gap: 5mm; }\n"
        ".party { break-inside: avoid; margin: 0 0 1.5mm; }\n"
        ".party .who { display: block; font-weight: 700; border-bottom: 0.5pt solid #000; }\n"
        ".holder { display: flex; justify-content: space-between; gap: 2mm; }\n"
        ".holder strong { white-space: nowrap; }\n")
    blocks = [f"<h1>{_escape(labels('print.alerting_plan.title'))}</h1>",
              f'<p class="stamp">{_escape(organisation.handbook_title)} · '
              f'{_escape(build_stamp(handbook, edition))}</p>',
              f'<p class="emergency">{_escape(labels("print.cover.call_first", role=officer.title))}'
              f'<strong class="number">{_escape(organisation.emergency_number)}</strong></p>']
    parties: list[str] = []
    for chain in handbook.alerting_chains:
        rows = []
        for number, step in enumerate(chain.steps, start=1):
            parties += [step.sender, step.recipient, step.stand_in]
            rows.append(f"<tr><td>{number}</td><td>{_escape(party_name(handbook, step.sender, withheld))}</td>"
                        f"<td>{_escape(party_name(handbook, step.recipient, withheld))}</td>"
                        f'<td class="nowrap">{_escape(labels("common.channel_kind." + step.channel.value))}</td>'
                        f'<td class="nowrap">{_escape(labels("alerting.minutes", minutes=step.within_minutes))}</td>'
                        f"<td>{_escape(party_name(handbook, step.stand_in, withheld))}</td></tr>")
        headers = [labels("alerting.step"), labels("alerting.sender"), labels("alerting.recipient"),
                   labels("common.channel"), labels("alerting.within"), labels("alerting.stand_in")]
        blocks += [f"<h2>{_escape(chain.name)}</h2>",
                   f'<p class="trigger"><strong>{_escape(labels("alerting.trigger"))}:</strong> '
                   f'{_escape(chain.trigger)}</p>',
                   "<table><thead><tr>" + "".join(f"<th>{_escape(h)}</th>" for h in headers) + "</tr></thead><tbody>"
                   + "".join(rows) + "</tbody></table>"]
    party_blocks = []
    for party_id in dict.fromkeys(parties):
        holders = "".join(f'<span class="holder"><span>{_escape(name)}</span><strong>{_escape(number)}</strong></span>'
                          for name, number in _party_numbers(handbook, party_id))
        party_blocks.append(f'<div class="party"><span class="who">{_escape(party_name(handbook, party_id, withheld))}'
                            f"</span>{holders}</div>")
    blocks += [f"<h2>{_escape(labels('print.alerting_plan.numbers'))}</h2>",
               f'<div class="numbers">{"".join(party_blocks)}</div>']
    return _document(labels("print.alerting_plan.title"), style, "".join(blocks), edition.language)


def render_wallet_cards(handbook: Handbook, edition: Edition) -> str:
    """An A4 sheet of identical credit-card-sized cards (85.6 × 54 mm) with the numbers to carry, and cut marks."""
    labels = edition.labels
    organisation = handbook.organisation
    grid_width, grid_height = CARD_COLUMNS * CARD_WIDTH_MM, CARD_ROWS * CARD_HEIGHT_MM
    left, top = (PAGE_WIDTH_MM - grid_width) / 2, (PAGE_HEIGHT_MM - grid_height) / 2
    numbers = numbers_to_carry(handbook)
    first, rest = numbers[0], numbers[1:]
    # The card travels in wallets: it carries the edition's marking like every printed page.
    marking = f'<p class="marking">{_escape(edition.classification)}</p>' if edition.classification else ""
    card = (f'<div class="card-inner">{marking}<p class="title">{_escape(labels("print.wallet_card.title"))} · '
            f'{_escape(organisation.name)}</p>'
            f'<p class="call-first">{_escape(labels("print.wallet_card.call_first", role=first.who))}</p>'
            f'<p class="emergency-number">{_escape(first.number)}</p><table>'
            + "".join(f'<tr><td class="who">{_escape(n.who)} <span class="name">{_escape(n.name)}</span></td>'
                      f'<td class="number">{_escape(n.number)}</td></tr>' for n in rest)
            + f'</table><p class="stamp">{_escape(build_stamp(handbook, edition))}</p></div>')
    cards = []
    for row in range(CARD_ROWS):
        for column in range(CARD_COLUMNS):
            cards.append(f'<div class="card" style="left: {left + column * CARD_WIDTH_MM:.2f}mm; '
                         f'top: {top + row * CARD_HEIGHT_MM:.2f}mm;">{card}</div>')
    marks = []
    # Cut marks sit in the margin, in line with every card edge, so the cards themselves stay clean.
    for column in range(CARD_COLUMNS + 1):
        x = left + column * CARD_WIDTH_MM
        for y in (top - CUT_MARK_GAP_MM - CUT_MARK_MM, top + grid_height + CUT_MARK_GAP_MM):
            marks.append(f'<div class="mark vertical" style="left: {x:.2f}mm; top: {y:.2f}mm;"></div>')
    for row in range(CARD_ROWS + 1):
        y = top + row * CARD_HEIGHT_MM
        for x in (left - CUT_MARK_GAP_MM - CUT_MARK_MM, left + grid_width + CUT_MARK_GAP_MM):
            marks.append(f'<div class="mark horizontal" style="left: {x:.2f}mm; top: {y:.2f}mm;"></div>')
    style = _page_style("0") + (
        f".sheet {{ position: relative; width: {PAGE_WIDTH_MM}mm; height: {PAGE_HEIGHT_MM}mm; overflow: hidden; }}\n"
        f".card {{ position: absolute; width: {CARD_WIDTH_MM}mm; height: {CARD_HEIGHT_MM}mm; padding: 3mm 3.5mm; "
        "overflow: hidden; }\n"
        ".card-inner { height: 100%; display: flex; flex-direction: column; font-size: 6.5pt; line-height: 1.2; }\n"
        ".card p { margin: 0; }\n"
        ".title { font-weight: 700; font-size: 6.5pt; border-bottom: 0.5pt solid #000; padding-bottom: 0.6mm; }\n"
        ".marking { font-weight: 700; font-size: 5.5pt; letter-spacing: 0.03em; }\n"
        ".call-first { margin-top: 1.2mm !important; font-size: 6.5pt; }\n"
        ".emergency-number { font-size: 13pt; font-weight: 700; margin: 0.3mm 0 1mm !important; }\n"
        "table { border-collapse: collapse; width: 100%; }\n"
        "td { padding: 0.15mm 0; vertical-align: top; font-size: 6.5pt; }\n"
        "td.number { white-space: nowrap; text-align: right; font-weight: 700; padding-left: 2mm; }\n"
        "td .name { font-size: 5.5pt; }\n"
        ".stamp { margin-top: auto !important; font-size: 5.5pt; }\n"
        ".mark { position: absolute; border: 0 solid #000; }\n"
        f".mark.vertical {{ width: 0; height: {CUT_MARK_MM}mm; border-left-width: 0.3pt; }}\n"
        f".mark.horizontal {{ width: {CUT_MARK_MM}mm; height: 0; border-top-width: 0.3pt; }}\n")
    body = f'<div class="sheet">{"".join(cards)}{"".join(marks)}</div>'
    return _document(labels("print.wallet_card.title"), style, body, edition.language)
