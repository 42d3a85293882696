"""Every data mistake gives exactly one plain-language line naming file, line, record, field and the fix."""

from __future__ import annotations

import pytest
from conftest import TODAY, edit, messages_after_edit

from macros.errors import DataError
from macros.loader import load_handbook

# (file, text to replace, replacement, the exact messages expected)
CASES = {
    "syntax: unclosed quote": (
        "faq/phone-down.yml", "status: answered", 'status: "answered',
        ["handbook_data/faq/phone-down.yml:11: a quote opened on this line is never closed "
         "(add the closing quote at the end of the text)"]),
    "syntax: quote opened at the start of a text and never closed": (
        "faq/phone-down.yml", "question: Why can't I get through?", "question: \"Why can't I get through?",
        ["handbook_data/faq/phone-down.yml:3: a quote opened on this line is never closed "
         "(add the closing quote at the end of the text)"]),
    "syntax: tab indentation": (
        "roles.yml", "  reachable_24_7: true", "\treachable_24_7: true",
        ["handbook_data/roles.yml:8: this line is indented with a tab "
         "(YAML needs spaces for indentation: replace the tab with spaces)"]),
    "syntax: unquoted colon in a text": (
        "faq/phone-down.yml", "question: Why can't I get through?", "question: Update: why can't I get through?",
        ["handbook_data/faq/phone-down.yml:3: a colon followed by a space inside a text ends the text early "
         "(put the whole text in double quotes, or use '|' and write the text on the next lines)"]),
    "syntax: wrong indentation": (
        "roles.yml", "  purpose: Leads the response.", "   purpose: Leads the response.",
        ["handbook_data/roles.yml:4: this line is indented differently from the lines around it "
         "(fields of one record start in the same column; use spaces, two per level)"]),
    "syntax: duplicate key": (
        "tasks.yml", "  can_defer: false", "  can_defer: false\n  can_defer: true",
        ["handbook_data/tasks.yml:9: the key 'can_defer' appears twice in the same block "
         "(keep one of them and delete the other)"]),
    "unknown key with a suggestion": (
        "contacts.yml", "  verified_on: 2026-10-01", "  verifed_on: 2026-10-01",
        ["handbook_data/contacts.yml:2: contact 'anna-adler', field 'verified_on': this field is missing "
         "(add 'verified_on:' to the record)",
         "handbook_data/contacts.yml:15: contact 'anna-adler', field 'verifed_on': unknown field "
         "(did you mean 'verified_on'?)"]),
    "dangling role id": (
        "faq/phone-down.yml", "owner: communication-lead", "owner: comms-lead",
        ["handbook_data/faq/phone-down.yml:10: faq 'phone-down', field 'owner': there is no role with the id "
         "'comms-lead' (did you mean 'communication-lead'?)"]),
    "date written day first": (
        "checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 22.11.2026",
        ["handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': expected a date "
         "like 2026-11-22, found '22.11.2026' (write the year first: YYYY-MM-DD)"]),
    "date and time written day first": (
        "faq/phone-down.yml", 'last_updated: "2026-11-20 08:30"', "last_updated: 20.11.2026 08:30",
        ["handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'last_updated': expected a date and time "
         "like 2026-11-22 08:30, found '20.11.2026 08:30' "
         "(write it as YYYY-MM-DD HH:MM in quotes, e.g. \"2026-11-22 08:30\")"]),
    "date in the future": (
        "alerting.yml", "last_tested: 2026-06-01", "last_tested: 2027-01-05",
        ["handbook_data/alerting.yml:5: alerting chain 'outage', field 'last_tested': the date 2027-01-05 is in "
         "the future (today is 2026-11-23) (record the day it actually happened)"]),
    "duplicate id": (
        "contacts.yml", "- id: clara-cruz", "- id: bert-braun",
        ["handbook_data/contacts.yml:32: contact 'bert-braun', field 'id': the id 'bert-braun' is used twice "
         "(give each record its own id)",
         "handbook_data/tasks.yml:12: task 'hotline', field 'overflow_partner': there is no contact with the id "
         "'clara-cruz' (use one of the contact ids defined in the data)"]),
    "role without deputy": (
        "roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun]",
        ["handbook_data/roles.yml:15: role 'communication-lead', field 'holders': the role has no deputy "
         "(list a second contact id under 'holders': the first holder is primary, the rest deputies)"]),
    # The message's {record} once collided with the checker's own parameter of that name: a TypeError, no message.
    "a whole role marked confidential below its other fields": (
        "roles.yml", "  reachable_24_7: true\n", "  reachable_24_7: true\n  confidential: true\n",
        ["handbook_data/roles.yml:9: role 'emergency-officer', field 'confidential': a whole role cannot be "
         "confidential (list the confidential fields instead, e.g. confidential: [note])"]),
    "alerting step without stand-in": (
        "alerting.yml", "      stand_in: communication-lead\n", "",
        ["handbook_data/alerting.yml:7: alerting chain 'outage', field 'steps[1].stand_in': this field is "
         "missing (add 'stand_in:' to the record)"]),
    "yes/no read as a boolean": (
        "faq/phone-down.yml", "topic: Availability", "topic: no",
        ["handbook_data/faq/phone-down.yml:7: faq 'phone-down', field 'topic': expected a text, found 'no', "
         "which YAML reads as false (put it in quotes: \"no\")"]),
    "file name differs from id": (
        "faq/phone-down.yml", "id: phone-down", "id: phone-fault",
        ["handbook_data/faq/phone-down.yml:2: faq 'phone-fault', field 'id': the file name does not match the id "
         "'phone-fault' (rename the file to phone-fault.yml or change the id to 'phone-down')"]),
    "phone number not international": (
        "contacts.yml", '"+49 170 1234567"', '"0170 1234567"',
        ["handbook_data/contacts.yml:8: contact 'anna-adler', field 'phones[1].number': expected a phone number "
         "in international form like +49 40 1234 5678, found '0170 1234567' "
         "(start with + and the country code, and check the digits)"]),
    "misspelt choice": (
        "faq/phone-down.yml", "audience: customers", "audience: customer",
        ["handbook_data/faq/phone-down.yml:6: faq 'phone-down', field 'audience': expected one of customers, "
         "agents, found 'customer' (did you mean 'customers'?)"]),
    "clock time not a time": (
        "crisis-group.yml", 'time: "09:00"', 'time: "9 am"',
        ["handbook_data/crisis-group.yml:6: crisis group, field 'check_in.time': expected a time like 08:30, "
         "found '9 am' (write hours and minutes in quotes, e.g. \"08:30\")"]),
    "markup in a title that reaches the menu": (
        "scenarios/outage.yml", "title: Telephony outage", "title: Outage <img src=x onerror=alert(1)> {{ 7*7 }}",
        ["handbook_data/scenarios/outage.yml:3: scenario 'outage', field 'title': expected a title without < > { }, "
         "found 'Outage <img src=x onerror=alert(1)> {{ 7*7 }}' "
         "(these characters would be read as page code in the menu: leave them out)"]),
    "empty file": (
        "exercises.yml", None, "",
        ["handbook_data/exercises.yml:1: the file is empty (fill it in, or delete the file if the record is gone)"]),
    "a whole role marked confidential": (
        "roles.yml", "  title: Emergency officer\n", "  title: Emergency officer\n  confidential: true\n",
        ["handbook_data/roles.yml:4: role 'emergency-officer', field 'confidential': a whole role cannot be "
         "confidential (list the confidential fields instead, e.g. confidential: [note])"]),
    "placeholder not explained": (
        "communication.yml", "Next update at {next_update}.", "Next update at {next_update}. Call {hotline}.",
        ["handbook_data/communication.yml:23: communication plan, field 'templates[1].text': the placeholder "
         "{hotline} is not explained (add '- name: hotline' with its meaning under 'placeholders')"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_mistake_gives_exact_message(case, data_copy):
    """The broken fixture reports exactly the expected lines, sorted by file and line."""
    file, old, new, expected = CASES[case]
    assert messages_after_edit(data_copy, file, old, new) == expected


def test_unquoted_clock_time_is_read_as_time(data_copy):
    """YAML 1.1 reads 9:00 as a number of seconds; the loader keeps the time that was meant."""
    edit(data_copy / "crisis-group.yml", 'time: "09:00"', "time: 9:00")
    assert load_handbook(data_copy, today=TODAY).crisis_group.check_in.time == "09:00"


def test_all_problems_of_a_run_are_reported_together(data_copy):
    """Four mistakes in four files give four lines in one run, not only the first."""
    edit(data_copy / "faq/phone-down.yml", "status: answered", 'status: "answered')
    edit(data_copy / "contacts.yml", "  verified_on: 2026-09-15", "  verifyed_on: 2026-09-15")
    edit(data_copy / "scenarios/outage.yml", "owner: communication-lead", "owner: nobody")
    edit(data_copy / "checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 22.11.2026")
    with pytest.raises(DataError) as raised:
        load_handbook(data_copy, today=TODAY)
    files = [problem.file for problem in raised.value.problems]
    assert files == ["handbook_data/checklists/first-hour.yml", "handbook_data/contacts.yml",
                     "handbook_data/contacts.yml", "handbook_data/faq/phone-down.yml",
                     "handbook_data/scenarios/outage.yml"]


def test_missing_data_file_is_an_error(data_copy):
    """A deleted domain file is named, not silently skipped."""
    (data_copy / "tasks.yml").unlink()
    with pytest.raises(DataError) as raised:
        load_handbook(data_copy, today=TODAY)
    assert [str(p) for p in raised.value.problems] == [
        "handbook_data/tasks.yml: this file is missing (create it; the README describes its fields)"]


def test_fixture_is_valid():
    """The unbroken fixture loads: the cases above fail because of their edit alone."""
    from conftest import MINIMAL
    handbook = load_handbook(MINIMAL, today=TODAY)
    assert [role.id for role in handbook.roles] == ["emergency-officer", "communication-lead"]


@pytest.mark.parametrize("old, new, expected", [
    ("alerting_chain: outage\n", "",
     "handbook_data/scenarios/outage.yml:2: scenario 'outage': no alerting chain is named for this scenario "),
    ("    first_steps:\n      - text: Call the emergency officer.\n        owner: communication-lead\n"
     "        within_minutes: 10\n      - text: Switch on the IVR notice.\n        owner: communication-lead\n"
     "        within_minutes: 20\n", "",
     "handbook_data/scenarios/outage.yml:10: scenario 'outage', field 'levels[1]': the level 'partial' has no first "
     "steps (list what to do first under 'first_steps', each with 'text', 'owner' and 'within_minutes')"),
])
def test_a_scenario_that_does_not_lead_is_warned_about(data_copy, old, new, expected):
    """A scenario page should say what to do first and whom to alert: without either, `check` warns."""
    edit(data_copy / "scenarios/outage.yml", old, new)
    warnings = [str(problem) for problem in load_handbook(data_copy, today=TODAY).warnings
                if problem.file.endswith("outage.yml")]
    assert len(warnings) == 1 and warnings[0].startswith(expected), warnings
