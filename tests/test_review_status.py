"""The review status (macros/render/review.py) of small handbooks, word for word: every kind of duty with its status,
link and place, the exercise report, single points of failure and translations, as a page and as the text of the
weekly reminder; and the badges, which only staff see."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import BUILT_AT, ROOT, TODAY, edit
from editions import prepared

from macros.freshness import CONTACT, stale_entries
from macros.labels import labels_for
from macros.loader import load_handbook
from macros.model import Handbook
from macros.render.review import duty_status, render_review_page, render_review_text, stale_badge

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual"

# The minimal fixture with a duty of every kind due or overdue on TODAY, the chain exercised too long ago, and the
# customer database and the provider counted as single points of failure from two processes on.
BUSY_EDITS = [
    ("organisation.yml", "unacceptable_from: 10", "unacceptable_from: 10\n  single_point_from: 2"),
    ("organisation.yml", "exercise_interval_days: 365", "exercise_interval_days: 100"),
    ("contacts.yml", "verified_on: 2026-08-01", "verified_on: 2025-11-23"),
    ("contacts.yml", "verified_on: 2026-09-15", "verified_on: 2025-06-01"),
    ("exercises.yml", "      owner: communication-lead\n      due: 2027-02-01", "      owner: clara-cruz\n      due: 2026-11-01"),
    ("escalation.yml", "reviewed_on: 2026-03-01", "reviewed_on: 2025-03-01"),
    ("processes/hotline.yml", "reviewed_on: 2026-09-01", "reviewed_on: 2025-12-01"),
    ("checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2025-12-10"),
]

# A tabletop exercise of the scenario that also tests the report form: nothing left to exercise.
EXERCISED = """- id: tabletop-2026
  date: 2026-10-01
  kind: tabletop
  scenario: outage
  checklist: escalation-report
  participants: [anna-adler]
  findings: [The form works.]
"""


def plain(text: str) -> str:
    """Dates are written with no-break spaces; the expected texts below with plain ones."""
    return text.replace("\u00a0", " ")


@pytest.fixture
def busy(data_copy: Path) -> Handbook:
    for file, old, new in BUSY_EDITS:
        edit(data_copy / file, old, new)
    return load_handbook(data_copy, today=TODAY, built_at=BUILT_AT)


@pytest.fixture
def exercised(data_copy: Path) -> Handbook:
    with (data_copy / "exercises.yml").open("a", encoding="utf-8") as log:
        log.write(EXERCISED)
    return load_handbook(data_copy, today=TODAY, built_at=BUILT_AT)


BUSY_PAGE = """# Review status

Everything that is overdue or due within 30 days, as of 23 Nov 2026: grouped by who looks after it, the oldest first. \
Each line names the file and line to change; the dates come from the handbook data.

**4 overdue, 5 due within 30 days.**

## Emergency officer (role emergency-officer)

| Status | What | Record | Last done | Where to change it |
| --- | --- | --- | --- | --- |
| **never done** | checklist to test in practice | [Escalation report](checklists/escalation-report.md) | never \
| `handbook_data/checklists/escalation-report.yml:10` |
| **overdue since 1 Mar 2026 (267 days)** | process to review | [Escalation process](escalation.md) | 1 Mar 2025 \
| `handbook_data/escalation.yml:3` |
| **overdue since 1 Jun 2026 (175 days)** | contact details to verify | [Bert Braun](contacts.md#contact-bert-braun) \
| 1 Jun 2025 | `handbook_data/contacts.yml:31` |
| due today | contact details to verify | [Clara Cruz](contacts.md#contact-clara-cruz) | 23 Nov 2025 \
| `handbook_data/contacts.yml:41` |
| due on 28 Nov 2026 (in 5 days) | alerting chain to test | [Telephony outage](alerting.md#chain-outage) | 1 Jun 2026 \
| `handbook_data/alerting.yml:5` |
| due on 1 Dec 2026 (in 8 days) | process figures to confirm | [Customer hotline](bia/hotline.md) | 1 Dec 2025 \
| `handbook_data/processes/hotline.yml:27` |
| due on 10 Dec 2026 (in 17 days) | checklist to review | [First hour](checklists/first-hour.md) | 10 Dec 2025 \
| `handbook_data/checklists/first-hour.yml:6` |

## Clara Cruz (contact clara-cruz)

| Status | What | Record | Last done | Where to change it |
| --- | --- | --- | --- | --- |
| **overdue since 1 Nov 2026 (22 days)** | action from an exercise to finish \
| [Print the chain for the night shift.](exercises.md#exercise-alerting-2026) | 1 Jun 2026 \
| `handbook_data/exercises.yml:14` |

## Communication lead (role communication-lead)

| Status | What | Record | Last done | Where to change it |
| --- | --- | --- | --- | --- |
| due on 20 Dec 2026 (in 27 days) | FAQ answer to check | [Why can't I get through?](faq.md#faq-phone-down) \
| 20 Nov 2026 | `handbook_data/faq/phone-down.yml:9` |

## Exercise report {#exercises}

Scenarios and alerting chains not exercised in the last 100 days (the exercise interval), or never. Every exercise \
goes into the exercise log.

| Status | What | Record | Where to change it |
| --- | --- | --- | --- |
| never exercised | scenario | [Telephony outage](scenarios/outage.md) | `handbook_data/scenarios/outage.yml:2` |
| last exercised 1 Jun 2026 (175 days ago) | alerting chain | [Telephony outage](alerting.md#chain-outage) \
| `handbook_data/alerting.yml:2` |

## Single points of failure {#single-points-of-failure}

Systems and service providers that 2 or more processes of the business impact analysis depend on and that have no \
fallback: if one of them fails, all those processes stop together.

| Record | What | Processes | Where to change it |
| --- | --- | --- | --- |
| [CallHelp GmbH](contacts.md#provider-callhelp) | Service provider \
| [Written complaints](bia/complaints.md), [Customer hotline](bia/hotline.md) | `handbook_data/organisation.yml:29` |
| [Customer database](bia/index.md#system-crm) | System \
| [Written complaints](bia/complaints.md), [Customer hotline](bia/hotline.md) | `handbook_data/systems.yml:7` |"""


def test_review_page_shows_every_kind_of_duty(busy):
    """Overdue duties in bold before those due soon, grouped under their owner (a role or a contact), each with its
    status, kind, link, last date and file:line; then the exercise gaps and the single points of failure."""
    assert plain(render_review_page(*prepared(busy))) == BUSY_PAGE


def test_review_text_shows_every_kind_of_duty(busy):
    """The reminder's text lists the same duties, gaps and single points of failure, one line each."""
    assert plain(render_review_text(busy, labels_for("en"), TODAY)) == """\
Review status: Example emergency handbook, 23 Nov 2026
4 overdue, 5 due within 30 days.

Emergency officer (role emergency-officer):
  - never done: checklist to test in practice "Escalation report" — handbook_data/checklists/escalation-report.yml:10
  - overdue since 1 Mar 2026 (267 days): process to review "Escalation process" — handbook_data/escalation.yml:3
  - overdue since 1 Jun 2026 (175 days): contact details to verify "Bert Braun" — handbook_data/contacts.yml:31
  - due today: contact details to verify "Clara Cruz" — handbook_data/contacts.yml:41
  - due on 28 Nov 2026 (in 5 days): alerting chain to test "Telephony outage" — handbook_data/alerting.yml:5
  - due on 1 Dec 2026 (in 8 days): process figures to confirm "Customer hotline" — handbook_data/processes/hotline.yml:27
  - due on 10 Dec 2026 (in 17 days): checklist to review "First hour" — handbook_data/checklists/first-hour.yml:6

Clara Cruz (contact clara-cruz):
  - overdue since 1 Nov 2026 (22 days): action from an exercise to finish "Print the chain for the night shift." \
— handbook_data/exercises.yml:14

Communication lead (role communication-lead):
  - due on 20 Dec 2026 (in 27 days): FAQ answer to check "Why can't I get through?" — handbook_data/faq/phone-down.yml:9

Exercise report: Scenarios and alerting chains not exercised in the last 100 days (the exercise interval), or never. \
Every exercise goes into the exercise log.
  - never exercised: scenario "Telephony outage" — handbook_data/scenarios/outage.yml:2
  - last exercised 1 Jun 2026 (175 days ago): alerting chain "Telephony outage" — handbook_data/alerting.yml:2

Single points of failure: Systems and service providers that 2 or more processes of the business impact analysis \
depend on and that have no fallback: if one of them fails, all those processes stop together.
  - Service provider "CallHelp GmbH": Processes complaints, hotline — handbook_data/organisation.yml:29
  - System "Customer database": Processes complaints, hotline — handbook_data/systems.yml:7
"""


def test_review_page_with_nothing_due(exercised):
    """Nothing due, nothing to exercise, no single point of failure: each section says so in a sentence."""
    assert plain(render_review_page(*prepared(exercised), within_days=0)) == """# Review status

Everything that is overdue or due within 0 days, as of 23 Nov 2026: grouped by who looks after it, the oldest first. \
Each line names the file and line to change; the dates come from the handbook data.

**0 overdue, 0 due within 0 days.**

Nothing is overdue or due within 0 days.

## Exercise report {#exercises}

Scenarios and alerting chains not exercised in the last 365 days (the exercise interval), or never. Every exercise \
goes into the exercise log.

Every scenario and alerting chain was exercised in the last 365 days.

## Single points of failure {#single-points-of-failure}

Systems and service providers that 3 or more processes of the business impact analysis depend on and that have no \
fallback: if one of them fails, all those processes stop together.

No system or service provider is a single point of failure."""


def test_review_text_with_nothing_due(exercised):
    """The reminder says the same in its own lines."""
    assert plain(render_review_text(exercised, labels_for("en"), TODAY, within_days=0)) == """\
Review status: Example emergency handbook, 23 Nov 2026
0 overdue, 0 due within 0 days.
Nothing is overdue or due within 0 days.

Exercise report: Scenarios and alerting chains not exercised in the last 365 days (the exercise interval), or never. \
Every exercise goes into the exercise log.
  Every scenario and alerting chain was exercised in the last 365 days.

Single points of failure: Systems and service providers that 3 or more processes of the business impact analysis \
depend on and that have no fallback: if one of them fails, all those processes stop together.
  No system or service provider is a single point of failure.
"""


@pytest.fixture
def translated(tmp_path: Path) -> Handbook:
    """The bilingual fixture with the FAQ entry's English never confirmed and the contact's changed since."""
    data = tmp_path / "handbook_data"
    shutil.copytree(BILINGUAL, data)
    edit(data / "faq/phone-down.yml", 'translated: {en: "e98dc0f6"}\n', "")
    edit(data / "contacts.yml", 'translated: {en: "bce98ee1"}', 'translated: {en: "bce98ee2"}')
    return load_handbook(data, today=TODAY, built_at=BUILT_AT)


def test_review_page_lists_translations_by_owner(translated):
    """Texts missing, not confirmed or changed since confirmed, under the owner of their record, in the reader's
    language; a record without a title (the crisis group) is named by its kind."""
    page = plain(render_review_page(*prepared(translated, "staff", "en")))
    section = page[page.index("## Translations {#translations}"):page.index("## Exercise report")]
    lines = section.splitlines()
    assert lines[:7] == [
        "## Translations {#translations}", "",
        "Texts not yet translated (shown in the primary language, marked on the pages), translations not yet "
        "confirmed, and translations whose source text changed since they were confirmed.", "",
        "### Emergency officer (role emergency-officer)", "",
        "| Language | Status | Record | Where to change it |"]
    assert "| English | source changed since it was confirmed | Anna Adler | `handbook_data/contacts.yml:3` |" in lines
    assert "| Swedish | 5 of 5 texts missing | crisis group | `handbook_data/crisis-group.yml:2` |" in lines
    assert section.split("### Communication lead (role communication-lead)\n\n")[1] == (
        "| Language | Status | Record | Where to change it |\n| --- | --- | --- | --- |\n"
        "| English | not confirmed | Warum komme ich nicht durch? | `handbook_data/faq/phone-down.yml:2` |\n"
        "| Swedish | 2 of 3 texts missing | Warum komme ich nicht durch? | `handbook_data/faq/phone-down.yml:2` |\n\n")


def test_review_text_lists_translations_by_owner(translated):
    """The reminder lists the same translations, each language named in the reminder's language; a handbook
    without an impact analysis has no section on single points of failure."""
    report = plain(render_review_text(translated, labels_for("en"), TODAY))
    assert report.split("Translations:")[0].endswith("— handbook_data/faq/phone-down.yml:17\n\n")
    section = report[report.index("Translations:"):]
    assert section.startswith(
        "Translations: Texts not yet translated (shown in the primary language, marked on the pages), translations "
        "not yet confirmed, and translations whose source text changed since they were confirmed.\n"
        "Notfallbeauftragte:r (role emergency-officer):\n"
        "  - Swedish: 2 of 3 texts missing: \"Beispiel Service GmbH\" — handbook_data/organisation.yml:4\n"
        "  - English: source changed since it was confirmed: \"Anna Adler\" — handbook_data/contacts.yml:3\n")
    assert "  - Swedish: 5 of 5 texts missing: \"crisis group\" — handbook_data/crisis-group.yml:2\n" in section
    assert section.endswith(
        "Kommunikationsverantwortliche:r (role communication-lead):\n"
        "  - English: not confirmed: \"Warum komme ich nicht durch?\" — handbook_data/faq/phone-down.yml:2\n"
        "  - Swedish: 2 of 3 texts missing: \"Warum komme ich nicht durch?\" — handbook_data/faq/phone-down.yml:2\n"
        "\nExercise report: Scenarios and alerting chains not exercised in the last 365 days (the exercise interval), "
        "or never. Every exercise goes into the exercise log.\n"
        "  - never exercised: scenario \"Ausfall der Telefonie\" — handbook_data/scenarios/outage.yml:2\n")


def test_a_handbook_in_one_language_has_no_translations_section(busy):
    """With one language there is nothing to translate: neither the page nor the reminder has the section."""
    assert "Translations" not in render_review_page(*prepared(busy))
    assert "Translations" not in render_review_text(busy, labels_for("en"), TODAY)


def test_badges_are_for_staff_only(busy):
    """Staff see 'overdue since …' or 'never tested' after a date; the public edition shows no badge at all."""
    handbook, staff = prepared(busy, "staff")
    public = prepared(busy, "public")[1]
    contact = handbook.contact("bert-braun")
    form = next(checklist for checklist in handbook.checklists if checklist.id == "escalation-report")
    assert plain(stale_badge(handbook, contact, CONTACT, staff)) == \
        ' <strong class="stale-badge">overdue since 1 Jun 2026</strong>'
    assert stale_badge(handbook, form, "checklist-test", staff) == \
        ' <strong class="stale-badge">overdue: never tested</strong>'
    assert stale_badge(handbook, handbook.contact("anna-adler"), CONTACT, staff) == ""
    # The same overdue contact, in the public edition.
    assert stale_badge(handbook, contact, CONTACT, public) == ""


def test_an_owner_left_out_of_the_edition_is_named_by_id(data_copy):
    """A confidential contact who owns a duty is not named in an edition without them: the heading keeps the id."""
    for file, old, new in BUSY_EDITS:
        edit(data_copy / file, old, new)
    edit(data_copy / "contacts.yml", "  name: Clara Cruz\n", "  name: Clara Cruz\n  confidential: true\n")
    page = render_review_page(*prepared(load_handbook(data_copy, today=TODAY, built_at=BUILT_AT)))
    assert [line for line in page.splitlines() if line.startswith("## ") and "clara" in line] == [
        "## not in this edition (contact clara-cruz)"]


def test_a_record_built_by_hand_has_no_place_to_change(busy):
    """A system not loaded from a file (built by a test or a tool) is listed without a file:line."""
    systems = [type(system).model_validate(system.model_dump()) for system in busy.systems]
    handbook = dataclasses.replace(busy, systems=systems)
    page = plain(render_review_page(*prepared(handbook)))
    assert page.endswith("\n| [Customer database](bia/index.md#system-crm) | System "
                         "| [Written complaints](bia/complaints.md), [Customer hotline](bia/hotline.md) | — |")
    assert render_review_text(handbook, labels_for("en"), TODAY).endswith(
        "\n  - System \"Customer database\": Processes complaints, hotline\n")


def test_nothing_to_translate_is_said_in_a_sentence():
    """A handbook in several languages with every translation done says so under the heading."""
    handbook = load_handbook(BILINGUAL, today=TODAY, built_at=BUILT_AT)
    page = render_review_page(*prepared(dataclasses.replace(handbook, translation_duties=[]), "staff", "en"))
    section = page[page.index("## Translations {#translations}"):page.index("## Exercise report")]
    assert section.endswith("confirmed.\n\nEvery translation is complete and confirmed.\n\n")


def test_two_languages_are_enough_for_a_translations_section(data_copy):
    """A handbook in its primary language and one more has the section; in one language it has none (above)."""
    edit(data_copy / "organisation.yml", "language: en\n", "language: en\nlanguages: [de]\n")
    page = render_review_page(*prepared(load_handbook(data_copy, today=TODAY, built_at=BUILT_AT)))
    assert "\n## Translations {#translations}\n" in page


def test_records_on_pages_the_edition_lacks_are_named_without_a_link(busy):
    """Rendered for an edition without the staff pages, the escalation process and an exercise's action are plain
    words instead of links to pages that are not there."""
    handbook, _staff = prepared(busy, "staff")
    public = prepared(busy, "public")[1]
    rows = [line for line in plain(render_review_page(handbook, public)).splitlines()
            if "Escalation process" in line or "night shift" in line]
    assert rows == [
        "| **overdue since 1 Mar 2026 (267 days)** | process to review | Escalation process | 1 Mar 2025 "
        "| `handbook_data/escalation.yml:3` |",
        "| **overdue since 1 Nov 2026 (22 days)** | action from an exercise to finish "
        "| Print the chain for the night shift. | 1 Jun 2026 | `handbook_data/exercises.yml:14` |"]


@pytest.mark.parametrize("today, status", [
    (dt.date(2026, 11, 22), "due on 23 Nov 2026 (in 1 "),
    (dt.date(2026, 11, 23), "due today"),
    (dt.date(2026, 11, 24), "overdue since 23 Nov 2026 (1 "),
])
def test_a_duty_is_overdue_from_the_day_after_it_is_due(busy, today, status):
    """Clara Cruz's details are due on 23 Nov 2026: the day before they are due in a day, on the day due today,
    the day after overdue by one day."""
    (duty,) = [duty for duty in stale_entries(busy, today) if duty.id == "clara-cruz"]
    assert plain(duty_status(duty, labels_for("en"))).startswith(status)
