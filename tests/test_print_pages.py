"""The print-only pages as HTML (cover, contents, alerting plan, wallet cards, running header and footer, page-number
sheets), rendered in-process from the fixture handbook: no browser, no PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import golden_files
import pytest
from conftest import MINIMAL, edit, load_on_test_day
from editions import prepared
from golden_files import assert_golden

from macros.render.home import build_stamp
from macros.render.print_pages import (
    ContentsEntry,
    PageReference,
    SheetRun,
    dialable_numbers,
    numbers_to_carry,
    render_alerting_plan,
    render_contents,
    render_cover,
    render_overlay_sheets,
    render_running_footer,
    render_running_header,
    render_stamp_sheet,
    render_wallet_cards,
)

GOLDEN = golden_files.GOLDEN / "print"
MARKING = "CONFIDENTIAL: crisis team only"


@pytest.fixture(scope="module")
def staff():
    """The minimal fixture's staff edition, marked like a confidential edition (the fixture defines no editions)."""
    handbook, edition = prepared(load_on_test_day(MINIMAL), "staff")
    return handbook, dataclasses.replace(edition, classification=MARKING)


@pytest.fixture(scope="module")
def unmarked():
    """The minimal fixture's staff edition as the fixture defines it: no marking."""
    return prepared(load_on_test_day(MINIMAL), "staff")


def _contents(handbook, edition):
    return render_contents(handbook, edition, [
        ContentsEntry("In an emergency", None, 3), ContentsEntry("Contacts", "People", 4),
        ContentsEntry('"Roles" & <duties>', "People", 6), ContentsEntry("FAQ", None, 8),
        ContentsEntry("Crisis group", "People", 9)])


def _sheets(handbook, edition):
    return render_overlay_sheets(handbook, edition, [SheetRun(3, first=2, references={
        2: [PageReference(72.0, 100.456, 9.5, "(p. 3)")],
        3: [PageReference(36.5, 700.0, 8.0, "(p. 2)"), PageReference(300.0, 12.25, 10.125, "(p. <1>)")]},
        headers={2: "Contacts", 3: "Roles & duties"})], stamp_room_mm=46)


PAGES = {
    "cover": render_cover,
    "contents": _contents,
    "alerting-plan": render_alerting_plan,
    "wallet-cards": render_wallet_cards,
    "page-number-sheets": _sheets,
    "running-header": lambda handbook, edition: render_running_header(handbook, edition, "Contacts"),
    "running-footer": lambda handbook, edition: render_running_footer(handbook, edition),
    "stamp-sheet": render_stamp_sheet,
}


@pytest.mark.golden
@pytest.mark.parametrize("name", PAGES)
def test_print_page_matches_golden(staff, name):
    """Each print-only page of the marked fixture edition is exactly the reviewed HTML: A4 geometry, fonts, the
    marking, the 24/7 number, the chain table and the numbers of everyone in it, card positions and cut marks."""
    assert_golden(GOLDEN / f"{name}.html", PAGES[name](*staff))


def test_unmarked_edition_prints_no_marking(unmarked):
    """Without a classification neither the header, the cover nor the wallet card carries a marking line."""
    handbook, edition = unmarked
    header = render_running_header(handbook, edition, "Contacts")
    assert "letter-spacing: 0.04em" not in header
    assert 'margin: 0 15mm;"><div style="padding: 0 0 1mm;' in header
    assert '<p class="classification">' not in render_cover(handbook, edition)
    assert '<p class="marking">' not in render_wallet_cards(handbook, edition)
    cover_body = render_cover(handbook, edition).split("<body>")[1]
    assert cover_body.startswith('<p class="organisation">Example Service Ltd</p>')
    card = re.search(r'<div class="card-inner">(.*?)</p>', render_wallet_cards(handbook, edition)).group(1)
    assert card == '<p class="title">Emergency card · Example Service Ltd'


def test_header_names_the_page_only_when_it_is_not_the_handbook(unmarked):
    """The header's left side is the handbook title, with ' — page title' unless that is empty or the title itself."""
    handbook, edition = unmarked
    for section in ("", "Example emergency handbook"):
        assert "<span>Example emergency handbook</span>" in render_running_header(handbook, edition, section)
    assert ("<span>Example emergency handbook — Roles &amp; duties</span>"
            in render_running_header(handbook, edition, "Roles & duties"))


def test_footer_without_an_emergency_number_keeps_its_three_places():
    """The public edition has no 24/7 number: the footer's middle is an empty span, the page number stays right."""
    handbook, edition = prepared(load_on_test_day(MINIMAL), "public")
    footer = render_running_footer(handbook, edition, 2, 7)
    assert footer.endswith('<span>Example Service Ltd</span><span></span>'
                           '<span style="white-space: nowrap;">Page 2 of 7</span></div>')


def test_dialable_numbers_put_mobile_before_office_before_private(data_copy):
    """Whatever order the data lists them in; private numbers only reach the crisis team's copy."""
    edit(data_copy / "contacts.yml", '''    - number: "+49 30 90182001"
      kind: office
    - number: "+49 171 7654321"
      kind: private''', '''    - number: "+49 171 7654321"
      kind: private
    - number: "+49 30 90182001"
      kind: office
    - number: "+49 160 5550000"
      kind: mobile''')
    loaded = load_on_test_day(data_copy)
    crisis, _ = prepared(loaded, "crisis-team")
    assert dialable_numbers(crisis.contact("bert-braun")) == ["+49 160 5550000", "+49 30 90182001", "+49 171 7654321"]
    staff, _ = prepared(loaded, "staff")
    assert dialable_numbers(staff.contact("bert-braun")) == ["+49 160 5550000", "+49 30 90182001"]


def test_numbers_to_carry_are_the_emergency_number_then_each_other_24_7_role(data_copy):
    """The officer's line carries the emergency number and all holders; every other 24/7 role its primary holder's
    first number, as a row of the wallet card under the emergency number; roles not around the clock stay off."""
    edit(data_copy / "roles.yml", "  holders: [bert-braun, anna-adler]\n  reachable_24_7: false",
         "  holders: [anna-adler, bert-braun]\n  reachable_24_7: true")
    with (data_copy / "roles.yml").open("a", encoding="utf-8") as roles:
        roles.write("- id: overflow-lead\n  title: Overflow lead\n  purpose: Takes the calls.\n  tasks:\n"
                    "    - Opens the queues.\n  holders: [clara-cruz, anna-adler]\n  reachable_24_7: true\n"
                    "- id: archivist\n  title: Archivist\n  purpose: Keeps the records.\n  tasks:\n"
                    "    - Files the log.\n  holders: [bert-braun, anna-adler]\n  reachable_24_7: false\n")
    handbook, edition = prepared(load_on_test_day(data_copy), "staff")
    carried = numbers_to_carry(handbook)
    assert [(n.who, n.name, n.number) for n in carried] == [
        ("Emergency officer", "Anna Adler, Bert Braun", "+49 30 90182000"),
        ("Communication lead", "Anna Adler", "+49 170 1234567"), ("Overflow lead", "Clara Cruz", "+46 8 123 456 78")]
    assert ('<p class="emergency-number">+49 30 90182000</p><table><tr><td class="who">Communication lead '
            '<span class="name">Anna Adler</span></td><td class="number">+49 170 1234567</td></tr>'
            '<tr><td class="who">Overflow lead <span class="name">Clara Cruz</span></td>'
            '<td class="number">+46 8 123 456 78</td></tr></table>' in render_wallet_cards(handbook, edition))


def test_numbers_to_carry_skip_a_24_7_role_whose_holder_has_no_number_in_the_edition(data_copy):
    """A 24/7 role held by someone with only a private number has no line on the staff card."""
    edit(data_copy / "roles.yml", "  reachable_24_7: false", "  reachable_24_7: true")
    edit(data_copy / "contacts.yml", '''    - number: "+49 30 90182001"
      kind: office
''', "")
    carried = numbers_to_carry(prepared(load_on_test_day(data_copy), "staff")[0])
    assert [n.who for n in carried] == ["Emergency officer"]


def test_alerting_plan_lists_every_step_and_withholds_confidential_parties(data_copy):
    """Steps that reach, or come from, a confidential contact: every row in order, the contact shown as withheld in
    the table (as sender, recipient or stand-in) and once in the numbers, without a number."""
    edit(data_copy / "contacts.yml", "- id: clara-cruz\n", "- id: clara-cruz\n  confidential: true\n")
    with (data_copy / "alerting.yml").open("a", encoding="utf-8") as alerting:
        alerting.write("    - sender: emergency-officer\n      recipient: clara-cruz\n      channel: phone\n"
                       "      within_minutes: 30\n      stand_in: anna-adler\n      message: Open the overflow.\n"
                       "    - sender: clara-cruz\n      recipient: communication-lead\n      channel: phone\n"
                       "      within_minutes: 45\n      stand_in: anna-adler\n      message: Overflow is open.\n"
                       "    - sender: communication-lead\n      recipient: bert-braun\n      channel: phone\n"
                       "      within_minutes: 60\n      stand_in: clara-cruz\n      message: Overflow runs.\n")
    plan = render_alerting_plan(*prepared(load_on_test_day(data_copy), "staff"))
    assert ("<tbody><tr><td>1</td><td>Anna Adler</td><td>Emergency officer</td><td class=\"nowrap\">phone</td>"
            '<td class="nowrap">15 min</td><td>Communication lead</td></tr>'
            '<tr><td>2</td><td>Emergency officer</td><td>not in this edition</td><td class="nowrap">phone</td>'
            '<td class="nowrap">30 min</td><td>Anna Adler</td></tr>'
            '<tr><td>3</td><td>not in this edition</td><td>Communication lead</td><td class="nowrap">phone</td>'
            '<td class="nowrap">45 min</td><td>Anna Adler</td></tr>'
            '<tr><td>4</td><td>Communication lead</td><td>Bert Braun</td><td class="nowrap">phone</td>'
            '<td class="nowrap">60 min</td><td>not in this edition</td></tr></tbody>' in plan)
    numbers = plan.split('<div class="numbers">')[1]
    assert re.findall(r'<span class="who">([^<]*)</span>', numbers) == [
        "Anna Adler", "Emergency officer", "Communication lead", "not in this edition", "Bert Braun"]
    assert ('<div class="party"><span class="who">not in this edition</span></div><div class="party">'
            '<span class="who">Bert Braun</span><span class="holder"><span>Bert Braun</span>'
            "<strong>+49 30 90182001</strong></span></div></div></body></html>\n") in numbers


def test_overlay_sheets_number_each_pdf_on_its_own_and_every_page_unless_told_where_to_start():
    """The sheets of several PDFs printed together: each is numbered within itself; without `first` (a checklist
    printed alone) every sheet has its footer, from page 1; only the pages given a title get a running header."""
    handbook, edition = prepared(load_on_test_day(MINIMAL), "staff")
    sheets = render_overlay_sheets(handbook, edition, [SheetRun(3, first=2, headers={3: "Contacts"}),
                                                       SheetRun(2, headers={1: "First hour", 2: "First hour"})], 40)
    assert re.findall(r'<span style="white-space: nowrap;">(Page \d of \d)</span>', sheets) == [
        "Page 2 of 3", "Page 3 of 3", "Page 1 of 2", "Page 2 of 2"]
    assert re.findall(r"<span>Example emergency handbook — ([^<]+)</span>", sheets) == [
        "Contacts", "First hour", "First hour"]


def test_the_build_stamp_is_on_its_own_sheet_and_the_overlay_sheets_do_not_change_with_the_build_time(staff):
    """The sheets laid over the folder leave room for the stamp instead of printing it, so a rebuild an hour later
    takes them from the print cache; the stamp's own sheet carries the new time."""
    handbook, edition = staff
    later = dataclasses.replace(edition, built_at=edition.built_at + dt.timedelta(hours=1, minutes=7))
    runs = [SheetRun(2, first=1, headers={1: "Contacts", 2: "Roles"})]
    assert render_overlay_sheets(handbook, edition, runs, 44) == render_overlay_sheets(handbook, later, runs, 44)
    assert render_overlay_sheets(handbook, edition, runs, 44).count('<span style="flex: none; width: 44mm;"></span>') == 2
    stamps = [render_stamp_sheet(handbook, each) for each in (edition, later)]
    assert stamps[0] != stamps[1]
    for each, stamp in zip((edition, later), stamps):
        assert f'id="build-stamp" style="white-space: nowrap;">{html.escape(build_stamp(handbook, each))}</span>' in stamp
