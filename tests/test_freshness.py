"""Freshness: every review rule, its boundary, its message, the review page and text, badges and strict checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILT_AT, MINIMAL, ROOT, SAMPLE, SOURCE_DATE_EPOCH, TODAY, edit
from editions import prepared
from mkdocs.commands.build import build
from mkdocs.config import load_config

from macros.freshness import (
    ACTION,
    CHAIN,
    CHECKLIST,
    CHECKLIST_TEST,
    CONTACT,
    ESCALATION,
    FAQ,
    PROCESS,
    SCENARIO,
    exercise_gaps,
    freshness_problems,
    overdue_entries,
    review_duties,
    stale_entries,
)
from macros.labels import labels_for
from macros.loader import load_handbook
from macros.render import lists, people, processes
from macros.render.review import render_review_page, render_review_text

LABELS = labels_for("en")
# The escalation report form in the fixture says it is tested yearly but was never tested: log one test.
TEST_OF_THE_FORM = """
- id: form-test
  date: 2026-10-01
  kind: tabletop
  checklist: escalation-report
  participants: [anna-adler]
  findings: [The form works.]
"""


def load(data: Path, today: dt.date = TODAY):
    return load_handbook(data, today=today, built_at=BUILT_AT)


def kinds_and_ids(duties) -> list[tuple[str, str]]:
    return [(duty.kind, duty.id) for duty in duties]


@pytest.fixture
def fresh_copy(data_copy: Path) -> Path:
    """The fixture with every duty on time on TODAY (the form's test logged)."""
    with (data_copy / "exercises.yml").open("a", encoding="utf-8") as log:
        log.write(TEST_OF_THE_FORM)
    return data_copy


def test_fixture_with_the_form_tested_has_nothing_overdue(fresh_copy):
    """Negative control: the rules below fail because of their edit alone."""
    handbook = load(fresh_copy)
    assert overdue_entries(handbook, TODAY) == []
    assert handbook.warnings == []


@pytest.mark.parametrize("verified_on,overdue,days", [
    ("2025-11-23", False, 0),   # due today: still on time
    ("2025-11-22", True, 1),    # one day past 365 days
    ("2025-06-01", True, 175),
])
def test_contact_is_overdue_after_the_verification_days(fresh_copy, verified_on, overdue, days):
    """contact_verification_days (365) after verified_on the contact is due; a day later it is overdue."""
    edit(fresh_copy / "contacts.yml", "verified_on: 2026-08-01", f"verified_on: {verified_on}")
    duty = next(d for d in stale_entries(load(fresh_copy), TODAY) if d.kind == CONTACT)
    assert (duty.id, duty.overdue, duty.days_overdue, duty.owner) == ("clara-cruz", overdue, days, "emergency-officer")
    assert (duty.file, duty.line, duty.field) == ("handbook_data/contacts.yml", 41, "verified_on")


def test_faq_answer_is_overdue_after_the_answer_days(fresh_copy):
    """faq_answer_days (30) after last_updated the answer is due; its owner role is responsible."""
    edit(fresh_copy / "faq/phone-down.yml", '"2026-11-20 08:30"', '"2026-10-20 17:45"')
    duty = next(d for d in overdue_entries(load(fresh_copy), TODAY) if d.kind == FAQ)
    assert (duty.id, duty.last_done, duty.due, duty.days_overdue) == (
        "phone-down", dt.date(2026, 10, 20), dt.date(2026, 11, 19), 4)
    assert (duty.owner, duty.title, duty.line) == ("communication-lead", "Why can't I get through?", 9)


def test_alerting_chain_is_overdue_after_the_test_days(fresh_copy):
    """chain_test_days (180) after last_tested the chain is due; it is due soon before that."""
    assert kinds_and_ids(stale_entries(load(fresh_copy), TODAY)) == [(CHAIN, "outage"), (FAQ, "phone-down")]
    edit(fresh_copy / "alerting.yml", "last_tested: 2026-06-01", "last_tested: 2026-05-20")
    duty = overdue_entries(load(fresh_copy), TODAY)[0]
    assert (duty.kind, duty.id, duty.due, duty.days_overdue, duty.line) == (
        CHAIN, "outage", dt.date(2026, 11, 16), 7, 5)


def test_checklist_review_is_overdue_after_the_review_days(fresh_copy):
    """checklist_review_days (365) after reviewed_on the checklist is due; the checklist's owner reviews it."""
    edit(fresh_copy / "checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2025-11-01")
    duty = overdue_entries(load(fresh_copy), TODAY)[0]
    assert (duty.kind, duty.id, duty.days_overdue, duty.owner, duty.field) == (
        CHECKLIST, "first-hour", 22, "emergency-officer", "reviewed_on")


def test_escalation_uses_its_own_cycle_when_written(fresh_copy):
    """review_cycle_days on the process wins over the policy; without it the policy's escalation_review_days counts."""
    edit(fresh_copy / "organisation.yml", "escalation_review_days: 365", "escalation_review_days: 100")
    assert overdue_entries(load(fresh_copy), TODAY) == []
    edit(fresh_copy / "escalation.yml", "review_cycle_days: 365\n", "")
    duty = overdue_entries(load(fresh_copy), TODAY)[0]
    assert (duty.kind, duty.due, duty.limit_days, duty.line) == (ESCALATION, dt.date(2026, 6, 9), 100, 3)
    assert str(duty.record_label) == "escalation"


@pytest.mark.parametrize("language", ["en", "sv"])
def test_escalation_falls_back_to_the_policy_in_every_language(fresh_copy, language):
    """Translating the handbook (a second language) keeps the policy's cycle where escalation.yml names none:
    the overdue duty and the escalation page both count 100 days, in the primary language and the other."""
    edit(fresh_copy / "organisation.yml", "language: en\n", "language: en\nlanguages: [en, sv]\n")
    edit(fresh_copy / "organisation.yml", "escalation_review_days: 365", "escalation_review_days: 100")
    edit(fresh_copy / "escalation.yml", "review_cycle_days: 365\n", "")
    handbook, edition = prepared(load(fresh_copy), "staff", language)
    assert [d.limit_days for d in overdue_entries(handbook, TODAY) if d.kind == ESCALATION] == [100]
    page = processes.render_escalation_page(handbook, edition)
    assert edition.labels("escalation.review_cycle", days=100) in page


def test_checklist_test_counts_from_the_latest_exercise(data_copy):
    """testing.every_days runs from the latest exercise naming the checklist; never tested is overdue at once."""
    never = next(d for d in overdue_entries(load(data_copy), TODAY) if d.kind == CHECKLIST_TEST)
    assert (never.id, never.last_done, never.due, never.days_overdue) == ("escalation-report", None, None, None)
    with (data_copy / "exercises.yml").open("a", encoding="utf-8") as log:
        log.write(TEST_OF_THE_FORM.replace("2026-10-01", "2025-06-01").replace("tabletop", "work-from-home-test"))
        log.write(TEST_OF_THE_FORM.replace("form-test", "form-test-2").replace("2026-10-01", "2025-11-01"))
    duty = next(d for d in overdue_entries(load(data_copy), TODAY) if d.kind == CHECKLIST_TEST)
    assert (duty.last_done, duty.due, duty.days_overdue) == (dt.date(2025, 11, 1), dt.date(2026, 11, 1), 22)


def test_due_soon_window(fresh_copy):
    """within_days sets how far ahead 'due soon' reaches; 0 keeps only what is due today or overdue."""
    handbook = load(fresh_copy)
    assert kinds_and_ids(stale_entries(handbook, TODAY, within_days=4)) == []
    assert kinds_and_ids(stale_entries(handbook, TODAY, within_days=5)) == [(CHAIN, "outage")]
    assert kinds_and_ids(stale_entries(handbook, TODAY)) == [(CHAIN, "outage"), (FAQ, "phone-down")]
    assert kinds_and_ids(stale_entries(handbook, dt.date(2026, 11, 28), within_days=0)) == [(CHAIN, "outage")]


def test_oldest_first_never_done_first(data_copy):
    """Never-done duties come first, then the oldest due date."""
    edit(data_copy / "contacts.yml", "verified_on: 2026-08-01", "verified_on: 2025-08-01")
    edit(data_copy / "alerting.yml", "last_tested: 2026-06-01", "last_tested: 2025-01-01")
    assert kinds_and_ids(overdue_entries(load(data_copy), TODAY)) == [
        (CHECKLIST_TEST, "escalation-report"), (CHAIN, "outage"), (CONTACT, "clara-cruz")]


def test_overdue_records_are_warnings_with_file_line_and_fix(data_copy):
    """Loading warns (never fails) once per overdue duty, in plain words with the line to change."""
    edit(data_copy / "contacts.yml", "verified_on: 2026-08-01", "verified_on: 2025-06-01")
    handbook = load(data_copy)
    assert [str(w) for w in handbook.warnings] == [
        "handbook_data/checklists/escalation-report.yml:10: checklist 'escalation-report', field 'testing.every_days': "
        "never tested in practice; it is to be tested every 365 days "
        "(test the checklist in practice and add the test to exercises.yml with 'checklist: escalation-report')",
        "handbook_data/contacts.yml:41: contact 'clara-cruz', field 'verified_on': last verified on 2025-06-01, "
        "overdue since 2026-06-01 (the review policy allows 365 days) "
        "(check the numbers and details with the contact, then set verified_on to the day you checked)",
    ]
    assert all(warning.warning for warning in handbook.warnings)


@pytest.mark.parametrize("file,old,new,expected", [
    ("faq/phone-down.yml", '"2026-11-20 08:30"', '"2026-10-01 08:30"',
     "handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'last_updated': last updated on 2026-10-01, "
     "overdue since 2026-10-31 (the review policy allows 30 days) "
     "(check that the answer is still right, then set last_updated to the date and time you checked)"),
    ("alerting.yml", "last_tested: 2026-06-01", "last_tested: 2026-01-01",
     "handbook_data/alerting.yml:5: alerting chain 'outage', field 'last_tested': last tested on 2026-01-01, "
     "overdue since 2026-06-30 (the review policy allows 180 days) "
     "(test the chain, add the test to exercises.yml and set last_tested to the day of the test)"),
    ("checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2025-01-01",
     "handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': last reviewed on "
     "2025-01-01, overdue since 2026-01-01 (the review policy allows 365 days) "
     "(go through the checklist with its owner, then set reviewed_on to the day of the review)"),
    ("escalation.yml", "reviewed_on: 2026-03-01", "reviewed_on: 2025-03-01",
     "handbook_data/escalation.yml:3: escalation, field 'reviewed_on': last reviewed on 2025-03-01, overdue since "
     "2026-03-01 (the review policy allows 365 days) "
     "(review the process with the client, then set reviewed_on to the day of the review)"),
], ids=["faq", "alerting chain", "checklist", "escalation"])
def test_every_kind_has_its_exact_message(fresh_copy, file, old, new, expected):
    """Each kind of overdue record names what the date means and what to do."""
    edit(fresh_copy / file, old, new)
    assert [str(w) for w in load(fresh_copy).warnings] == [expected]


def run(*arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "macros", *arguments], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=300)


def test_check_warns_and_strict_freshness_fails(data_copy):
    """`check` prints 'warning:' lines and exits 0; with --strict-freshness the same lines are errors, exit 1."""
    relaxed = run("check", "--data", str(data_copy), "--today", "2026-11-23")
    assert relaxed.returncode == 0
    assert relaxed.stderr.splitlines() == [
        "warning: handbook_data/checklists/escalation-report.yml:10: checklist 'escalation-report', field "
        "'testing.every_days': never tested in practice; it is to be tested every 365 days (test the checklist in "
        "practice and add the test to exercises.yml with 'checklist: escalation-report')"]
    # The hint names the command for the data folder checked.
    assert (f"1 record is past the review date (see the warnings); `make review DATA={data_copy}` lists them by "
            "owner.") in relaxed.stdout
    strict = run("check", "--data", str(data_copy), "--today", "2026-11-23", "--strict-freshness")
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == [
        relaxed.stderr.splitlines()[0].removeprefix("warning: "),
        "1 record is past its review date (--strict-freshness)."]
    assert "Traceback" not in strict.stderr


def test_strict_freshness_passes_on_current_data(fresh_copy):
    """--strict-freshness exits 0 when nothing is overdue; 'due soon' is not an error."""
    result = run("check", "--data", str(fresh_copy), "--today", "2026-11-23", "--strict-freshness")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_today_is_injectable(fresh_copy):
    """The same data is current on one day and overdue on a later one: dates come from the data and `today`."""
    assert run("check", "--data", str(fresh_copy), "--today", "2026-11-28", "--strict-freshness").returncode == 0
    later = run("check", "--data", str(fresh_copy), "--today", "2026-11-29", "--strict-freshness")
    assert later.returncode == 1 and "alerting chain 'outage'" in later.stderr


def test_file_times_do_not_matter(fresh_copy):
    """Freshness never looks at file modification times (or Git history): old files stay current."""
    for path in fresh_copy.rglob("*.yml"):
        os.utime(path, (0, 0))
    assert overdue_entries(load(fresh_copy), TODAY) == []


SAMPLE_OVERDUE = [("contact", "civil-protection-leipzig"), ("contact", "vastkust-support"),
                  ("faq", "long-waiting-times"), ("alerting-chain", "site-unavailable"),
                  ("checklist", "site-evacuation"), ("action", "2026-09-tabletop-telephony"),
                  ("action", "2026-10-alerting-absence")]


@pytest.fixture(scope="module")
def sample():
    return load_handbook(SAMPLE, today=TODAY, built_at=BUILT_AT)


@pytest.fixture(scope="module")
def english(sample):
    """The sample's staff edition in English: (handbook, edition)."""
    return prepared(sample, "staff", "en")


def nbsp(text: str) -> str:
    """Dates are written with no-break spaces (they never wrap); tests write them with plain ones."""
    return text.replace(" ", "\u00a0")


def test_sample_contains_the_deliberately_overdue_records(sample):
    """The sample shows the feature: five records past their date, two open actions from exercises past their due date, plus the
    first-hour checklist never tested."""
    overdue = kinds_and_ids(overdue_entries(sample, TODAY))
    assert sorted(overdue) == sorted(SAMPLE_OVERDUE + [(CHECKLIST_TEST, "first-hour")])


def test_review_page_lists_the_sample_overdue_items_by_owner_oldest_first(english):
    """The Review status page names every overdue item under its owner, oldest first, with the file:line."""
    page = render_review_page(*english).replace("\u00a0", " ")
    assert page.startswith("# Review status\n")
    assert "**8 overdue, 12 due within 30 days.**" in page
    officer = page.index("## Emergency officer (role emergency-officer)")
    lines = [line for line in page[officer:].split("\n## ")[0].splitlines() if line.startswith("| **")]
    assert [line.split("|")[1].strip() for line in lines] == [
        "**never done**", "**overdue since 2 Jun 2026 (174 days)**", "**overdue since 15 Sept 2026 (69 days)**",
        "**overdue since 11 Oct 2026 (43 days)**"]
    for _kind, record_id in SAMPLE_OVERDUE:
        assert record_id in page, record_id
    assert "[Civil protection information line Leipzig](contacts.md#contact-civil-protection-leipzig)" in page
    assert "`handbook_data/contacts.yml:530`" in page
    assert "[Why do I have to wait so long on the hotline?](faq.md#faq-long-waiting-times)" in page
    assert "[Site evacuation](checklists/site-evacuation.md)" in page
    assert page.index("## Emergency officer") < page.index("## Team lead on site") < page.index("## Communication lead")


def test_review_text_is_the_same_list(english):
    """The text for the weekly reminder has the same groups and items as the page."""
    handbook, edition = english
    report = render_review_text(handbook, edition.labels, TODAY).replace("\u00a0", " ")
    assert report.splitlines()[:2] == ["Review status: Emergency handbook — Customer Service, 23 Nov 2026",
                                       "8 overdue, 12 due within 30 days."]
    assert ("  - overdue since 2 Jun 2026 (174 days): contact details to verify \"Civil protection information line "
            "Leipzig\" — handbook_data/contacts.yml:530") in report.splitlines()
    assert ("  - overdue since 30 Oct 2026 (24 days): FAQ answer to check \"Why do I have to wait so long on the "
            "hotline?\" — handbook_data/faq/long-waiting-times.yml:34") in report.splitlines()
    page = render_review_page(handbook, edition)
    owners = [line[3:] for line in page.split("## Translations")[0].splitlines()
              if line.startswith("## ") and "Exercise" not in line]
    assert [line[:-1] for line in report.split("Translations:")[0].splitlines() if line.endswith("):")] == owners


def test_review_command_prints_the_text_and_exits_0():
    """`python -m macros review` prints the reminder for the sample and exits 0 although items are overdue."""
    result = run("review", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    # The reminder speaks the handbook's primary language (German for the sample).
    assert result.stdout == render_review_text(load_handbook(SAMPLE, today=TODAY), labels_for("de"), TODAY)
    assert result.stdout.startswith("Prüfstatus: Notfallhandbuch")
    assert result.stderr == ""


def test_review_command_on_broken_data_exits_1(data_copy):
    """Broken data cannot be reviewed: the problems are listed and the exit code is 1."""
    edit(data_copy / "roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun]")
    result = run("review", "--data", str(data_copy))
    assert result.returncode == 1 and "the role has no deputy" in result.stderr


def test_review_text_when_everything_is_current(fresh_copy):
    """With nothing due the reminder says so instead of printing empty groups."""
    report = render_review_text(load(fresh_copy), LABELS, TODAY, within_days=0)
    assert report.splitlines()[1:3] == ["0 overdue, 0 due within 0 days.", "Nothing is overdue or due within 0 days."]


def test_exercise_report(fresh_copy):
    """Scenarios and chains never exercised, or not within exercise_interval_days, are reported; others not."""
    handbook = load(fresh_copy)
    assert [(g.kind, g.id, g.last_exercised) for g in exercise_gaps(handbook, TODAY)] == [(SCENARIO, "outage", None)]
    edit(fresh_copy / "organisation.yml", "exercise_interval_days: 365", "exercise_interval_days: 100")
    gaps = exercise_gaps(load(fresh_copy), TODAY)
    assert [(g.kind, g.id, g.last_exercised) for g in gaps] == [
        (SCENARIO, "outage", None), (CHAIN, "outage", dt.date(2026, 6, 1))]
    page = render_review_page(*prepared(load(fresh_copy), today=TODAY))
    report = page[page.index("## Exercise report"):]
    assert "| never exercised | scenario | [Telephony outage](scenarios/outage.md) |" in report
    assert (f"| last exercised {nbsp('1 Jun 2026')} (175 days ago) | alerting chain "
            "| [Telephony outage](alerting.md#chain-outage) |") in report


def test_every_duty_of_the_fixture_with_its_title_owner_date_and_limit():
    """Each kind of record gives its duty with the record's title and owner (the escalation process has neither id
    nor title; an exercise's open action is named by the exercise's id and the action's text), its date and the
    policy's limit (an action's: the days from the exercise to its due date), soonest due first."""
    duties = review_duties(load(MINIMAL), TODAY)
    assert [(d.kind, d.id, d.title, d.owner, d.last_done, d.limit_days) for d in duties] == [
        (CHECKLIST_TEST, "escalation-report", "Escalation report", "emergency-officer", None, 365),
        (CHAIN, "outage", "Telephony outage", "emergency-officer", dt.date(2026, 6, 1), 180),
        (FAQ, "phone-down", "Why can't I get through?", "communication-lead", dt.date(2026, 11, 20), 30),
        (ACTION, "alerting-2026", "Print the chain for the night shift.", "communication-lead", dt.date(2026, 6, 1),
         245),
        (ACTION, "alerting-2026", "Add a second number for the overflow partner.", "emergency-officer",
         dt.date(2026, 6, 1), 273),
        (ESCALATION, "", "", "emergency-officer", dt.date(2026, 3, 1), 365),
        (CHECKLIST, "escalation-report", "Escalation report", "emergency-officer", dt.date(2026, 5, 1), 365),
        (CHECKLIST, "first-hour", "First hour", "emergency-officer", dt.date(2026, 5, 1), 365),
        (CONTACT, "clara-cruz", "Clara Cruz", "emergency-officer", dt.date(2026, 8, 1), 365),
        (PROCESS, "complaints", "Written complaints", "communication-lead", dt.date(2026, 9, 1), 365),
        (PROCESS, "hotline", "Customer hotline", "emergency-officer", dt.date(2026, 9, 1), 365),
        (CONTACT, "bert-braun", "Bert Braun", "emergency-officer", dt.date(2026, 9, 15), 365),
        (CONTACT, "anna-adler", "Anna Adler", "emergency-officer", dt.date(2026, 10, 1), 365)]


def test_a_record_made_by_hand_has_no_file_or_line():
    """A record not read from a file (made by a tool or a test) is reviewed without a place: file '' and line 0."""
    handbook = load(MINIMAL)
    made = type(handbook.contacts[0]).model_validate(handbook.contacts[0].model_dump())
    duties = review_duties(dataclasses.replace(handbook, contacts=[made]), TODAY)
    assert [(d.id, d.file, d.line) for d in duties if d.kind == CONTACT] == [("anna-adler", "", 0)]


@pytest.mark.parametrize("interval, gap", [(175, False), (174, True)])
def test_exercise_gap_boundary_is_the_interval_itself(fresh_copy, interval, gap):
    """The chain, last exercised 175 days before TODAY, is on time with a 175-day interval, a gap with 174."""
    edit(fresh_copy / "organisation.yml", "exercise_interval_days: 365", f"exercise_interval_days: {interval}")
    assert ((CHAIN, "outage") in kinds_and_ids(exercise_gaps(load(fresh_copy), TODAY))) is gap


def test_exercise_gaps_name_title_interval_and_the_line_of_the_id(fresh_copy):
    """Each gap carries the record's title, the policy's interval, and the file and line of its id (here not the
    first line of the record)."""
    edit(fresh_copy / "organisation.yml", "exercise_interval_days: 365", "exercise_interval_days: 100")
    edit(fresh_copy / "scenarios/outage.yml", "id: outage\ntitle: Telephony outage", "title: Telephony outage\nid: outage")
    edit(fresh_copy / "alerting.yml", "- id: outage\n  name: Telephony outage", "- name: Telephony outage\n  id: outage")
    gaps = exercise_gaps(load(fresh_copy), TODAY)
    assert [(g.title, g.interval_days, g.file, g.line) for g in gaps] == [
        ("Telephony outage", 100, "handbook_data/scenarios/outage.yml", 3),
        ("Telephony outage", 100, "handbook_data/alerting.yml", 3)]


def test_exercise_gaps_oldest_first_whatever_their_kind(fresh_copy):
    """A scenario exercised before the chain comes before it, though 'alerting-chain' sorts before 'scenario'."""
    edit(fresh_copy / "organisation.yml", "exercise_interval_days: 365", "exercise_interval_days: 100")
    with (fresh_copy / "exercises.yml").open("a", encoding="utf-8") as log:
        log.write("- id: outage-drill\n  date: 2026-05-01\n  kind: tabletop\n  scenario: outage\n"
                  "  participants: [anna-adler]\n  findings: [Slow start.]\n")
    gaps = exercise_gaps(load(fresh_copy), TODAY)
    assert [(g.kind, g.last_exercised) for g in gaps] == [
        (SCENARIO, dt.date(2026, 5, 1)), (CHAIN, dt.date(2026, 6, 1))]


def test_sample_exercise_report_names_the_gaps(sample):
    """The sample's power-outage scenario was never exercised; the cyber-attack tabletop is too old."""
    gaps = {(g.kind, g.id): g.last_exercised for g in exercise_gaps(sample, TODAY)}
    assert gaps[(SCENARIO, "power-outage")] is None
    assert gaps[(SCENARIO, "cyber-attack")] == dt.date(2024, 11, 20)
    assert (SCENARIO, "staff-absence") not in gaps and (CHAIN, "staff-absence") not in gaps


def test_badges_where_stale_records_are_shown(data_copy):
    """Overdue records carry 'overdue since …' in words next to their date on every page that shows it."""
    edit(data_copy / "contacts.yml", "verified_on: 2026-08-01", "verified_on: 2025-08-01")
    edit(data_copy / "faq/phone-down.yml", '"2026-11-20 08:30"', '"2026-10-01 08:30"')
    edit(data_copy / "alerting.yml", "last_tested: 2026-06-01", "last_tested: 2026-01-01")
    edit(data_copy / "checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2025-01-01")
    edit(data_copy / "escalation.yml", "reviewed_on: 2026-03-01", "reviewed_on: 2025-03-01")
    handbook = load(data_copy)
    badge = '<strong class="stale-badge">{}</strong>'
    contacts = people.render_contacts_page(*prepared(handbook))
    assert f"| {nbsp('1 Aug 2025')} " + badge.format(f"overdue since {nbsp('1 Aug 2026')}") + " |" in contacts
    assert contacts.count("stale-badge") == 1  # the two current contacts carry none
    assert f"Last updated {nbsp('1 Oct 2026, 08:30')} " + badge.format(f"overdue since {nbsp('31 Oct 2026')}") in \
        lists.render_faq_page(*prepared(handbook))
    assert f"**Last tested:** {nbsp('1 Jan 2026')} " + badge.format(f"overdue since {nbsp('30 Jun 2026')}") in \
        processes.render_alerting_page(*prepared(handbook))
    assert f"**Reviewed:** {nbsp('1 Jan 2025')} " + badge.format(f"overdue since {nbsp('1 Jan 2026')}") in \
        lists.render_checklist_page(*prepared(handbook), "first-hour")
    assert "every 365 days. " + badge.format("overdue: never tested") in \
        lists.render_checklist_page(*prepared(handbook), "escalation-report")
    assert f"**Reviewed:** {nbsp('1 Mar 2025')} " + badge.format(f"overdue since {nbsp('1 Mar 2026')}") + " · " in \
        processes.render_escalation_page(*prepared(handbook))


def test_in_progress_faq_carries_the_badge_too(data_copy):
    """An answer still being worked on and overdue says both."""
    edit(data_copy / "faq/phone-down.yml", "status: answered", "status: in-progress")
    edit(data_copy / "faq/phone-down.yml", '"2026-11-20 08:30"', '"2026-10-01 08:30"')
    page = lists.render_faq_page(*prepared(load(data_copy)))
    assert (f"last checked {nbsp('1 Oct 2026, 08:30')}. <strong class=\"stale-badge\">overdue since "
            f"{nbsp('31 Oct 2026')}</strong>") in page


def test_no_badge_for_due_soon(fresh_copy):
    """A record that is only due soon is not marked on the pages (the review page lists it)."""
    handbook = load(fresh_copy)
    pages = [people.render_contacts_page(*prepared(handbook)), lists.render_faq_page(*prepared(handbook)),
             processes.render_alerting_page(*prepared(handbook)), processes.render_escalation_page(*prepared(handbook))]
    assert not any("stale-badge" in page for page in pages)


def test_problems_are_pure_and_repeatable(data_copy):
    """freshness_problems is a pure function of the handbook and the day."""
    handbook = load(data_copy)
    assert freshness_problems(handbook, TODAY) == freshness_problems(handbook, TODAY)
    assert freshness_problems(handbook, dt.date(2027, 6, 1)) != freshness_problems(handbook, TODAY)


def test_built_site_has_the_review_page_in_the_menu(data_copy, tmp_path, monkeypatch):
    """A strict MkDocs build writes review.html, links it from the menu, and marks the stale contact."""
    edit(data_copy / "contacts.yml", "verified_on: 2026-08-01", "verified_on: 2025-08-01")
    monkeypatch.setenv("HANDBOOK_DATA", str(data_copy))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path / "site"
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))
    review = (site / "review.html").read_text(encoding="utf-8")
    assert "Review status" in review and f"overdue since {nbsp('1 Aug 2026')} (114 days)" in review
    assert 'href="review.html"' in (site / "index.html").read_text(encoding="utf-8")
    assert f"overdue since {nbsp('1 Aug 2026')}</strong>" in (site / "contacts.html").read_text(encoding="utf-8")


def test_fixture_itself_is_unchanged():
    """The shared fixture keeps its one deliberate gap (the form never tested), which tests above rely on."""
    handbook = load_handbook(MINIMAL, today=TODAY)
    assert kinds_and_ids(overdue_entries(handbook, TODAY)) == [(CHECKLIST_TEST, "escalation-report")]


def test_new_modules_import_no_mkdocs():
    """Freshness, schemas, new-faq and the review renderer stay free of MkDocs like the rest of the core."""
    code = ("import sys, macros.freshness, macros.schema, macros.new_faq, macros.render.review; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
