"""Every kind of field mistake pydantic can find gives its own plain-language line: the rule in words, what was
found, and the fix (beyond the common mistakes of tests/test_validation_messages.py)."""

from __future__ import annotations

import pytest
from conftest import TODAY, edit, messages_after_edit

from macros.errors import DataError
from macros.labels import labels_for
from macros.loader import load_handbook
from macros.messages import data_path, field_annotation, model_at
from macros.model import Contact
from macros.model.contacts import Availability, Phone, PhoneKind

AVAILABILITY_24_7 = "  availability:\n    kind: 24/7\n  verified_on: 2026-08-01"
CHECK_IN = 'check_in:\n  time: "09:00"\n  channel: Video call\n  duration_minutes: 15\n  agenda: [Situation]'
CLARA = "handbook_data/contacts.yml:39: contact 'clara-cruz', field 'availability': "
CRISIS_GROUP = "handbook_data/crisis-group.yml"

# (file, text to replace, replacement, the exact messages expected)
CASES = {
    "business hours without days and times": (
        "contacts.yml", AVAILABILITY_24_7, AVAILABILITY_24_7.replace("24/7", "business-hours"),
        [CLARA + "business hours need 'days', 'start' and 'end', or a list of 'shifts' "
         '(add e.g. days: mon-fri, start: "08:00", end: "18:00", or use kind: 24/7)']),
    "hours that start and end at the same time": (
        "contacts.yml", AVAILABILITY_24_7,
        AVAILABILITY_24_7.replace("kind: 24/7", 'kind: business-hours\n    days: mon-fri\n    start: "08:00"\n'
                                  '    end: "08:00"'),
        [CLARA + "the hours start and end at the same time "
         "(an end earlier than the start runs past midnight; for round the clock use kind: 24/7)"]),
    "24/7 with days": (
        "contacts.yml", AVAILABILITY_24_7, AVAILABILITY_24_7.replace("kind: 24/7", "kind: 24/7\n    days: mon-fri"),
        [CLARA + "a contact available 24/7 has no days or hours "
         "(remove 'days', 'start', 'end' and 'shifts', or use kind: business-hours)"]),
    "a time limit with a deadline and a rhythm": (
        "escalation.yml", "        every_hours: 4", "        every_hours: 4\n        within_hours: 3",
        ["handbook_data/escalation.yml:23: escalation, field 'levels[1].time_limits[2]': give exactly one of "
         "'within_hours' (a deadline) or 'every_hours' (a rhythm)"]),
    "e-mail address without @": (
        "contacts.yml", "anna.adler@example.com", "anna.adler",
        ["handbook_data/contacts.yml:12: contact 'anna-adler', field 'email': expected an e-mail address like "
         "name@example.com, found 'anna.adler'"]),
    "id with capitals": (
        "exercises.yml", "- id: alerting-2026", "- id: Alerting_2026",
        ["handbook_data/exercises.yml:2: exercise 'Alerting_2026', field 'id': expected an id of lower-case letters, "
         "digits and hyphens like 'power-outage', found 'Alerting_2026' (use only a-z, 0-9 and -)"]),
    "id too long": (
        "exercises.yml", "- id: alerting-2026", "- id: " + "a" * 81,
        [f"handbook_data/exercises.yml:2: exercise '{'a' * 81}', field 'id': this text is 81 characters long, "
         "at most 80 are allowed here (shorten it; longer explanations belong in a description or a note)"]),
    "placeholder name with capitals and a hyphen": (
        "communication.yml", "- name: incident", "- name: Incident-Name",
        ["handbook_data/communication.yml:25: communication plan, field 'templates[1].placeholders[1].name': "
         "expected a name of lower-case letters and underscores, like next_update, found 'Incident-Name' "
         "(use only the letters a to z and the underscore: no capitals, digits, spaces or hyphens)"]),
    "country code in lower case": (
        "organisation.yml", "    country: DE\n    seats", "    country: de\n    seats",
        ["handbook_data/organisation.yml:25: organisation 'example-service', field 'sites[1].country': "
         "expected a two-letter country code like DE or SE, found 'de'"]),
    "language code of three letters": (
        "organisation.yml", "language: en", "language: eng",
        ["handbook_data/organisation.yml:6: organisation 'example-service', field 'language': "
         "expected a two-letter language code like en or de, found 'eng'"]),
    "empty list where one entry is needed": (
        "crisis-group.yml", "tasks: [Decide on measures.]", "tasks: []",
        [f"{CRISIS_GROUP}:4: crisis group, field 'tasks': expected at least 1 entry, found 0 "
         "(add entries as lines starting with '- ')"]),
    "one member where two are needed": (
        "crisis-group.yml", "members: [emergency-officer, communication-lead]", "members: [emergency-officer]",
        [f"{CRISIS_GROUP}:3: crisis group, field 'members': expected at least 2 entries, found 1 "
         "(add entries as lines starting with '- ')"]),
    "a text where a list belongs": (
        "crisis-group.yml", "tasks: [Decide on measures.]", "tasks: Decide on measures.",
        [f"{CRISIS_GROUP}:4: crisis group, field 'tasks': expected a list, found 'Decide on measures.' "
         "(write each entry on its own line starting with '- ')"]),
    "a block where a list belongs": (
        "crisis-group.yml", "tasks: [Decide on measures.]", "tasks: {a: b}",
        [f"{CRISIS_GROUP}:4: crisis group, field 'tasks': expected a list, found a block of fields "
         "(write each entry on its own line starting with '- ')"]),
    "a list where a text belongs": (
        "crisis-group.yml", "channel: Video call", "channel: [a, b]",
        [f"{CRISIS_GROUP}:7: crisis group, field 'check_in.channel': expected a text, found a list "
         "(put the text in quotes)"]),
    "a number where a text belongs": (
        "crisis-group.yml", "lead: emergency-officer", "lead: 12",
        [f"{CRISIS_GROUP}:2: crisis group, field 'lead': expected a text, found '12' (put the text in quotes)"]),
    "a text where a block belongs": (
        "crisis-group.yml", CHECK_IN, "check_in: daily",
        [f"{CRISIS_GROUP}:5: crisis group, field 'check_in': expected a block of fields, found 'daily' "
         "(indent the fields under this key)"]),
    "a text where a block of values per language belongs": (
        "faq/phone-down.yml", "id: phone-down\n", "id: phone-down\ntranslated: abc\n",
        ["handbook_data/faq/phone-down.yml:3: faq 'phone-down', field 'translated': expected a block of fields, "
         "found 'abc' (indent the fields under this key)"]),
    # No words of the catalogue for this one: pydantic's own, with what was found.
    "an infinite number": (
        "organisation.yml", "seats: 40", "seats: .inf",
        ["handbook_data/organisation.yml:26: organisation 'example-service', field 'sites[1].seats': Input should be "
         "a finite number, found '.inf'"]),
    "a word where true or false belongs": (
        "escalation.yml", "    escalates: false", "    escalates: maybe",
        ["handbook_data/escalation.yml:15: escalation, field 'classification[2].escalates': "
         "expected true or false, found 'maybe'"]),
    "words where a number belongs": (
        "crisis-group.yml", "duration_minutes: 15", "duration_minutes: a quarter",
        [f"{CRISIS_GROUP}:8: crisis group, field 'check_in.duration_minutes': expected a number, found 'a quarter'"]),
    "a fraction where a whole number belongs": (
        "organisation.yml", "seats: 40", "seats: 40.5",
        ["handbook_data/organisation.yml:26: organisation 'example-service', field 'sites[1].seats': "
         "expected a number, found '40.5'"]),
    "a number above the limit": (
        "crisis-group.yml", "duration_minutes: 15", "duration_minutes: 300",
        [f"{CRISIS_GROUP}:8: crisis group, field 'check_in.duration_minutes': expected a number at most 240, "
         "found '300'"]),
    "a number below the limit": (
        "organisation.yml", "seats: 40", "seats: -1",
        ["handbook_data/organisation.yml:26: organisation 'example-service', field 'sites[1].seats': "
         "expected a number at least 0, found '-1'"]),
    # Hours must be more than 0: "at least 0.0" would let 0 look allowed.
    "a number at a limit that is excluded": (
        "escalation.yml", "        every_hours: 4", "        every_hours: 0",
        ["handbook_data/escalation.yml:24: escalation, field 'levels[1].time_limits[2].every_hours': "
         "expected a number above 0, found '0'"]),
    "a fraction at a limit that is excluded": (
        "escalation.yml", "        every_hours: 4", "        every_hours: -0.5",
        ["handbook_data/escalation.yml:24: escalation, field 'levels[1].time_limits[2].every_hours': "
         "expected a number above 0, found '-0.5'"]),
    "an empty text": (
        "crisis-group.yml", "channel: Video call", 'channel: ""',
        [f"{CRISIS_GROUP}:7: crisis group, field 'check_in.channel': this field is empty "
         "(write something, or remove the field if it is optional)"]),
    # The choices are those of the record's block (availability), not those of the record's own `kind`.
    "a misspelt choice in a block": (
        "contacts.yml", AVAILABILITY_24_7, AVAILABILITY_24_7.replace("24/7", "sometimes"),
        ["handbook_data/contacts.yml:40: contact 'clara-cruz', field 'availability.kind': expected one of 24/7, "
         "business-hours, found 'sometimes'"]),
    "a valid day with an impossible hour": (
        "faq/phone-down.yml", 'last_updated: "2026-11-20 08:30"', 'last_updated: "2026-11-20 25:30"',
        ["handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'last_updated': expected a date and time "
         "like 2026-11-22 08:30, found '2026-11-20 25:30' "
         '(write it as YYYY-MM-DD HH:MM in quotes, e.g. "2026-11-22 08:30")']),
    "a choice far from every choice": (
        "faq/phone-down.yml", "audience: customers", "audience: zzz",
        ["handbook_data/faq/phone-down.yml:6: faq 'phone-down', field 'audience': expected one of customers, "
         "agents, found 'zzz'"]),
    "yes where a choice belongs": (
        "faq/phone-down.yml", "audience: customers", "audience: yes",
        ["handbook_data/faq/phone-down.yml:6: faq 'phone-down', field 'audience': expected one of customers, "
         "agents, found 'yes', which YAML reads as true (write one of the choices exactly as listed)"]),
    "an unknown field far from every field": (
        "crisis-group.yml", "lead: emergency-officer", "lead: emergency-officer\nzzzz: 1",
        [f"{CRISIS_GROUP}:3: crisis group, field 'zzzz': unknown field (the known fields are: lead, members, "
         "on_call, tasks, check_in, remote_meeting_rules, communication_rules, confidential, translated)"]),
    "a day that does not exist": (
        "checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2026-02-30",
        ["handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': '2026-02-30' is "
         "not a day of the calendar (check the day and the month: months have 28 to 31 days, and there are 12 of "
         "them)"]),
    "a moment on a day that does not exist": (
        "faq/phone-down.yml", 'last_updated: "2026-11-20 08:30"', 'last_updated: "2026-02-30 08:30"',
        ["handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'last_updated': '2026-02-30 08:30' is not a "
         "day of the calendar (check the day and the month: months have 28 to 31 days, and there are 12 of them)"]),
    "a thirteenth month": (
        "checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2026-13-01",
        ["handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': '2026-13-01' is "
         "not a day of the calendar (check the day and the month: months have 28 to 31 days, and there are 12 of "
         "them)"]),
    # YAML reads 20261122 as a number, which pydantic would take for seconds since 1970.
    "a date written as one number": (
        "checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 20261122",
        ["handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': expected a date "
         "like 2026-11-22, found '20261122' (write the year first: YYYY-MM-DD)"]),
    "a date with a time where only the day belongs": (
        "checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2026-05-01 08:00",
        ["handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': expected a date "
         "like 2026-11-22, found '2026-05-01 08:00' (write the year first: YYYY-MM-DD)"]),
    "a date with a single-digit day is not taken for an impossible day": (
        "checklists/first-hour.yml", "reviewed_on: 2026-05-01", 'reviewed_on: "2026-05-1"',
        ["handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': expected a date "
         "like 2026-11-22, found '2026-05-1' (write the year first: YYYY-MM-DD)"]),
    # Shaped like a day that does not exist, but not in a date field: the field's own rule is what is meant.
    "an impossible day where a phone number belongs": (
        "contacts.yml", '"+49 170 1234567"', '"2026-02-30"',
        ["handbook_data/contacts.yml:8: contact 'anna-adler', field 'phones[1].number': expected a phone number in "
         "international form like +49 40 1234 5678, found '2026-02-30' (start with + and the country code, and "
         "check the digits)"]),
    "an impossible day where a clock time belongs": (
        "crisis-group.yml", 'time: "09:00"', 'time: "2026-02-30"',
        [f"{CRISIS_GROUP}:6: crisis group, field 'check_in.time': expected a time like 08:30, found '2026-02-30' "
         '(write hours and minutes in quotes, e.g. "08:30")']),
    "a quoted no where a choice belongs is a word, not a boolean": (
        "faq/phone-down.yml", "audience: customers", 'audience: "no"',
        ["handbook_data/faq/phone-down.yml:6: faq 'phone-down', field 'audience': expected one of customers, "
         "agents, found 'no'"]),
    "an invisible character": (
        "roles.yml", "  title: Emergency officer", "  title: Emergency\u200bofficer",
        ["handbook_data/roles.yml:3: role 'emergency-officer', field 'title': the text contains the invisible "
         "character U+200B (ZERO WIDTH SPACE), which can make it read differently from what it is "
         "(delete it: retype the text around it, or copy it from a plain-text source)"]),
    "a language the handbook does not have": (
        "faq/phone-down.yml", "topic: Availability", "topic: {en: Availability, fr: Disponibilité}",
        ["handbook_data/faq/phone-down.yml:7: faq 'phone-down', field 'topic': 'fr' is not one of the handbook's "
         "languages (use one of the languages organisation.yml names: en)"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_field_mistake_gives_exact_message(case, data_copy):
    """The broken fixture reports exactly the expected lines."""
    file, old, new, expected = CASES[case]
    assert messages_after_edit(data_copy, file, old, new) == expected


NUMBER_LIMITS = {
    "de": ["handbook_data/crisis-group.yml:8: Krisenstab, Feld 'check_in.duration_minutes': Erwartet wird eine Zahl "
           "bis 240, hier steht '300'",
           "handbook_data/escalation.yml:24: Eskalation, Feld 'levels[1].time_limits[2].every_hours': Erwartet wird "
           "eine Zahl über 0, hier steht '0'",
           "handbook_data/organisation.yml:26: Organisation 'example-service', Feld 'sites[1].seats': Erwartet wird "
           "eine Zahl ab 0, hier steht '-1'"],
    "sv": ["handbook_data/crisis-group.yml:8: krisgrupp, fält 'check_in.duration_minutes': förväntade ett tal på "
           "högst 240, men här står '300'",
           "handbook_data/escalation.yml:24: eskalering, fält 'levels[1].time_limits[2].every_hours': förväntade ett "
           "tal över 0, men här står '0'",
           "handbook_data/organisation.yml:26: organisation 'example-service', fält 'sites[1].seats': förväntade ett "
           "tal på minst 0, men här står '-1'"],
}


@pytest.mark.parametrize("language", list(NUMBER_LIMITS))
def test_number_limits_in_the_handbooks_language(data_copy, language):
    """A number's limit (at most, above, at least) reads in the handbook's language."""
    edit(data_copy / "organisation.yml", "language: en", f"language: {language}")
    edit(data_copy / "crisis-group.yml", "duration_minutes: 15", "duration_minutes: 300")
    edit(data_copy / "escalation.yml", "        every_hours: 4", "        every_hours: 0")
    edit(data_copy / "organisation.yml", "seats: 40", "seats: -1")
    with pytest.raises(DataError) as raised:
        load_handbook(data_copy, today=TODAY)
    assert [problem.text(labels_for(language)) for problem in raised.value.problems] == NUMBER_LIMITS[language]


# (file, text to replace, replacement, the exact messages expected) in the fixture with German as a second language
PER_LANGUAGE = {
    "an empty text in one language": (
        "faq/phone-down.yml", "topic: Availability", 'topic:\n  en: Availability\n  de: ""',
        ["handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'topic.de': this field is empty "
         "(write something, or remove the field if it is optional)"]),
    "a list as the text of one language": (
        "faq/phone-down.yml", "topic: Availability", "topic:\n  en: Availability\n  de: [a]",
        ["handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'topic.de': expected a text, found a list "
         "(put the text in quotes)"]),
    "a title too long in one language": (
        "roles.yml", "  title: Emergency officer", "  title:\n    en: Emergency officer\n    de: " + "x" * 301,
        ["handbook_data/roles.yml:5: role 'emergency-officer', field 'title.de': this text is 301 characters long, "
         "at most 300 are allowed here (shorten it; longer explanations belong in a description or a note)"]),
    "a language the handbook does not have, on its own line": (
        "faq/phone-down.yml", "topic: Availability", "topic:\n  en: Availability\n  fr: Disponibilité",
        ["handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'topic': 'fr' is not one of the handbook's "
         "languages (use one of the languages organisation.yml names: en, de)"]),
    # No words for this rule: the pattern itself is named.
    "a translation mark that is not a fingerprint": (
        "faq/phone-down.yml", "id: phone-down\n", 'id: phone-down\ntranslated: {de: "not-hex"}\n',
        ["handbook_data/faq/phone-down.yml:3: faq 'phone-down', field 'translated.de': expected text matching "
         "^[0-9a-f]{8}$, found 'not-hex'"]),
    "a misspelt choice in a list of records": (
        "alerting.yml", "channel: phone", "channel: smss",
        ["handbook_data/alerting.yml:9: alerting chain 'outage', field 'steps[1].channel': expected one of phone, "
         "sms, email, messenger, video-call, in-person, found 'smss' (did you mean 'sms'?)"]),
    "a misspelt phone kind": (
        "contacts.yml", "      kind: mobile", "      kind: mobil",
        ["handbook_data/contacts.yml:9: contact 'anna-adler', field 'phones[1].kind': expected one of office, "
         "mobile, private, found 'mobil' (did you mean 'mobile'?)"]),
}


@pytest.mark.parametrize("case", list(PER_LANGUAGE))
def test_mistake_in_a_text_per_language_gives_exact_message(case, data_copy):
    """A text written per language is checked per language, at that language's line."""
    file, old, new, expected = PER_LANGUAGE[case]
    edit(data_copy / "organisation.yml", "language: en", "language: en\nlanguages: [de]")
    assert messages_after_edit(data_copy, file, old, new) == expected


@pytest.mark.parametrize(("loc", "data", "expected"), [
    # A union's tag between a list and its item is not in the data.
    (("tasks", "list[str]", 0), {"tasks": ["a"]}, ("tasks", 0)),
    (("check_in", "time"), {"check_in": {"channel": "x"}}, ("check_in", "time")),
    (("steps", 1, "stand_in"), {"steps": [{}, {"sender": "a"}]}, ("steps", 1, "stand_in")),
    (("steps", 5, "stand_in"), {"steps": [{}]}, ("steps",)),
    (("steps", 1), {"steps": [{}]}, ("steps",)),
    (("lead", "str", "x"), {"lead": 5}, ("lead",)),
    ((0, "kind"), [{"kind": "x"}], (0, "kind")),
    ((0,), {"0": "x"}, ()),
])
def test_data_path_keeps_what_is_in_the_data(loc, data, expected):
    """Keys and list positions that exist in the data are kept; a missing key ends the path; tags are dropped."""
    assert data_path(loc, data) == expected


def test_model_at_names_the_block_that_owns_a_field():
    """The owner of `phones[1].kind` is a phone, of `availability.kind` the availability; a text owns nothing."""
    assert model_at(Contact, ("phones", 0, "kind")) is Phone
    assert model_at(Contact, ("availability", "kind")) is Availability
    assert model_at(Contact, ("name", "x")) is None
    assert model_at(Contact, ("nothing", "x")) is None
    assert field_annotation(Contact, ("phones", 0, "kind")) is PhoneKind
    assert field_annotation(Contact, ("phones", 0)) is None
    assert field_annotation(Contact, ()) is None
