"""The mistakes crisis communicators make in the web editor, beyond tests/test_validation_messages.py:
each gives one plain-language line with file:line and the fix, or is quietly read as meant."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT, SAMPLE, TODAY, edit, messages_after_edit

from macros.errors import DataError
from macros.labels import labels_for
from macros.loader import load_handbook, messages_language

ANSWER_BLOCK = "answer: |\n  Our phone line has a fault. Please use the **chat**.\n"

# (file, text to replace, replacement, the exact messages expected)
CASES = {
    "unquoted colon in an FAQ answer": (
        "faq/phone-down.yml", ANSWER_BLOCK, "answer: Update: the line is down, please use the chat.\n",
        ["handbook_data/faq/phone-down.yml:4: a colon followed by a space inside a text ends the text early "
         "(put the whole text in double quotes, or use '|' and write the text on the next lines)"]),
    "tab inside an FAQ answer": (
        "faq/phone-down.yml", "  Our phone line has a fault.", "\tOur phone line has a fault.",
        ["handbook_data/faq/phone-down.yml:5: this line is indented with a tab "
         "(YAML needs spaces for indentation: replace the tab with spaces)"]),
    "'on' read as a boolean": (
        "faq/phone-down.yml", "topic: Availability", "topic: on",
        ["handbook_data/faq/phone-down.yml:7: faq 'phone-down', field 'topic': expected a text, found 'on', "
         "which YAML reads as true (put it in quotes: \"on\")"]),
    "'yes' read as a boolean": (
        "faq/phone-down.yml", "topic: Availability", "topic: Yes",
        ["handbook_data/faq/phone-down.yml:7: faq 'phone-down', field 'topic': expected a text, found 'Yes', "
         "which YAML reads as true (put it in quotes: \"Yes\")"]),
    "'no' where a choice is expected": (
        "faq/phone-down.yml", "status: answered", "status: no",
        ["handbook_data/faq/phone-down.yml:11: faq 'phone-down', field 'status': expected one of answered, "
         "in-progress, found 'no', which YAML reads as false (write one of the choices exactly as listed)"]),
    "Norway's country code read as a boolean": (
        "organisation.yml", "    country: DE\n    seats: 40", "    country: NO\n    seats: 40",
        ["handbook_data/organisation.yml:25: organisation 'example-service', field 'sites[1].country': expected a "
         "text, found 'NO', which YAML reads as false (put it in quotes: \"NO\")"]),
    "a time alone, unquoted, in last_updated": (
        "faq/phone-down.yml", 'last_updated: "2026-11-20 08:30"', "last_updated: 08:30",
        ["handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'last_updated': expected a date and time like "
         "2026-11-22 08:30, found '08:30' (write it as YYYY-MM-DD HH:MM in quotes, e.g. \"2026-11-22 08:30\")"]),
    "a date without the time in last_updated": (
        "faq/phone-down.yml", 'last_updated: "2026-11-20 08:30"', "last_updated: 2026-11-20",
        ["handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'last_updated': expected a date and time like "
         "2026-11-22 08:30, found '2026-11-20' (write it as YYYY-MM-DD HH:MM in quotes, e.g. \"2026-11-22 08:30\")"]),
    "a day-first date in verified_on": (
        "contacts.yml", "  verified_on: 2026-10-01", "  verified_on: 22.11.2026",
        ["handbook_data/contacts.yml:15: contact 'anna-adler', field 'verified_on': expected a date like 2026-11-22, "
         "found '22.11.2026' (write the year first: YYYY-MM-DD)"]),
    "a person named where a role is needed": (
        "faq/phone-down.yml", "owner: communication-lead", "owner: anna-adler",
        ["handbook_data/faq/phone-down.yml:10: faq 'phone-down', field 'owner': there is no role with the id "
         "'anna-adler' ('anna-adler' is a contact; name a role instead, e.g. 'communication-lead', which they hold)"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_mistake_gives_exact_message(case, data_copy):
    """The broken fixture reports exactly the expected lines."""
    file, old, new, expected = CASES[case]
    assert messages_after_edit(data_copy, file, old, new) == expected


def test_copied_faq_file_gives_duplicate_id_and_file_name_messages(data_copy):
    """Copying an FAQ file to start a new one, and forgetting the id, names both files and both fixes."""
    shutil.copy(data_copy / "faq/phone-down.yml", data_copy / "faq/phone-down-again.yml")
    with pytest.raises(DataError) as raised:
        load_handbook(data_copy, today=TODAY)
    assert [str(problem) for problem in raised.value.problems] == [
        "handbook_data/faq/phone-down-again.yml:2: faq 'phone-down', field 'id': the file name does not match the id "
        "'phone-down' (rename the file to phone-down.yml or change the id to 'phone-down-again')",
        "handbook_data/faq/phone-down.yml:2: faq 'phone-down', field 'id': the id 'phone-down' is used twice "
        "(give each record its own id)",
    ]


@pytest.mark.parametrize("file,old,new,check", [
    ("faq/phone-down.yml", 'last_updated: "2026-11-20 08:30"', "last_updated: 2026-11-20 08:30",
     lambda h: str(h.faq[0].last_updated) == "2026-11-20 08:30:00"),
    ("contacts.yml", 'start: "08:00"', "start: 08:30", lambda h: h.contact("bert-braun").availability.start == "08:30"),
    ("contacts.yml", 'end: "18:00"', "end: 18:30", lambda h: h.contact("bert-braun").availability.end == "18:30"),
    ("tasks.yml", "remote_capable: true", "remote_capable: yes", lambda h: h.tasks[0].remote_capable is True),
    ("faq/phone-down.yml", ANSWER_BLOCK, 'answer: "Update: the line is down, please use the chat."\n',
     lambda h: h.faq[0].answer == "Update: the line is down, please use the chat."),
], ids=["unquoted date and time", "unquoted 08:30", "unquoted 18:30 (a number to YAML 1.1)", "yes for true",
        "quoted colon"])
def test_what_the_editor_meant_is_read_without_complaint(data_copy, file, old, new, check):
    """Unquoted times and dates, yes for true, and a quoted colon load as meant: no false alarms."""
    edit(data_copy / file, old, new)
    assert check(load_handbook(data_copy, today=TODAY))


# The examples CONTRIBUTING.md shows: (file, the edit in the sample: text to replace, replacement).
CONTRIBUTING_EXAMPLES = [
    ("faq/hotline-unreachable.yml", "  de: Ich komme bei der Hotline nicht durch. Was kann ich tun?",
     "  de: Aktuell: Ich komme bei der Hotline nicht durch. Was kann ich tun?"),
    ("faq/hotline-unreachable.yml", 'last_updated: "2026-11-20 08:30"', "last_updated: 20.11.2026 08:30"),
    ("faq/hotline-unreachable.yml", "owner: communication-lead", "owner: comunication-lead"),
    ("faq/hotline-unreachable.yml", "    - **Chat in der Lindenblatt-App**", "\t- **Chat in der Lindenblatt-App**"),
    ("faq/hotline-unreachable.yml", "topic:\n  de: Erreichbarkeit\n  en: Reaching us", "topic: yes"),
    ("faq/hotline-unreachable.yml", "id: hotline-unreachable", "id: hotline-down"),
]


@pytest.fixture(scope="module")
def contributing() -> str:
    return (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def english_gloss(problem) -> str:
    """What CONTRIBUTING.md writes after "In English:": the English message and hint, without the place."""
    english = labels_for("en")
    return problem.message.text(english) + (f" ({problem.hint.text(english)})" if problem.hint else "")


@pytest.mark.parametrize("file,old,new", CONTRIBUTING_EXAMPLES, ids=[e[2].strip() for e in CONTRIBUTING_EXAMPLES])
def test_contributing_quotes_real_messages(file, old, new, tmp_path, contributing):
    """Every error message CONTRIBUTING.md shows is exactly what the tool prints for that edit of the German
    sample, in German, and its English gloss is the tool's English wording of the same problem."""
    data = tmp_path / "handbook_data"
    shutil.copytree(SAMPLE, data)
    edit(data / file, old, new)
    with pytest.raises(DataError) as raised:
        load_handbook(data, today=TODAY)
    assert messages_language(data) == "de"
    problems = raised.value.problems
    assert len(problems) == 1
    assert f"\n{problems[0].text(labels_for('de'))}\n" in contributing
    assert f"*In English:* {english_gloss(problems[0])}\n" in contributing


def test_contributing_quotes_real_warnings(contributing):
    """The warnings CONTRIBUTING.md shows (out of date, outdated translation) are ones the sample really
    produces, as `check` prints them in German, each with its English gloss."""
    handbook = load_handbook(SAMPLE, today=TODAY)
    german = labels_for("de")
    warnings = handbook.warnings + [duty.problem(handbook.organisation.language)
                                    for duty in handbook.translation_duties if duty.kind != "missing"]
    printed = {german("messages.cli.warning", problem=warning.text(german)): warning for warning in warnings}
    # Warnings about answers are quoted from an edited sample (tests/test_hostile_input.py checks those).
    quoted = [line for line in re.findall(r"^Warnung: .+$", contributing, re.M) if "Feld 'answer" not in line]
    assert len(quoted) == 2 and all(line in printed for line in quoted)
    assert all(f"*In English:* {english_gloss(printed[line])}\n" in contributing for line in quoted)


def test_pull_request_template_names_the_checks():
    """The pull-request template asks the questions a reviewer needs and names every check that runs."""
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for words in ("Check the handbook data", "Build the handbook (strict)", "Run the tests", "last_updated",
                  "CONTRIBUTING.md"):
        assert words in template
