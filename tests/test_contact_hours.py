"""Hours in shifts (also past midnight) and plain e-mail addresses: the rules, their messages, and the words
readers see in each language."""

from __future__ import annotations

import pytest
from conftest import load_on_test_day, messages_after_edit
from editions import prepared

from macros.labels import labels_for
from macros.model.contacts import day_numbers
from macros.render.hours import availability_words, days_words

BERT_HOURS = '''  availability:
    kind: business-hours
    days: mon-fri
    start: "08:00"
    end: "18:00"
'''


@pytest.mark.parametrize(("written", "numbers"), [
    ("mon-fri", [0, 1, 2, 3, 4]), ("sat", [5]), ("mon,wed,fri", [0, 2, 4]), ("fri-mon", [4, 5, 6, 0]),
    ("sun-sun", [6]), ("mon-tue,thu", [0, 1, 3])])
def test_days_are_read_as_weekdays(written, numbers):
    """Ranges and lists of English weekday abbreviations; a range may run across the weekend."""
    assert day_numbers(written) == numbers


@pytest.mark.parametrize(("language", "days", "words"), [
    ("en", "mon-fri", "Mon–Fri"), ("de", "mon-fri", "Mo–Fr"), ("sv", "mon-fri", "mån–fre"),
    ("de", "sat-sun", "Sa, So"), ("en", "mon,wed,fri", "Mon, Wed, Fri"), ("de", "fri-mon", "Fr–Mo"),
    ("sv", "mon-tue,thu-sun", "mån, tis, tors–sön")])
def test_days_in_the_readers_language(language, days, words):
    """Weekdays as readers of the language abbreviate them (Babel's stand-alone forms), ranges with a dash."""
    assert days_words(days, labels_for(language)) == words


def test_several_shifts_and_a_shift_past_midnight(data_copy):
    """A contact with a day shift and a night shift that ends the next morning reads as both, in order."""
    path = data_copy / "contacts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(BERT_HOURS, '''  availability:
    kind: business-hours
    shifts:
      - days: mon-fri
        start: "08:00"
        end: "18:00"
      - days: fri-sat
        start: "19:30"
        end: "07:30"
'''), encoding="utf-8")
    handbook, edition = prepared(load_on_test_day(data_copy), "staff")
    bert = next(contact for contact in handbook.contacts if contact.id == "bert-braun")
    assert availability_words(bert.availability, edition.labels) == "Mon–Fri 08:00–18:00; Fri, Sat 19:30–07:30"
    assert availability_words(bert.availability, labels_for("de")) == "Mo–Fr 08:00–18:00; Fr, Sa 19:30–07:30"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("days: mon-fri", "days: Mon–Fri",
     "handbook_data/contacts.yml:28: contact 'bert-braun', field 'availability.days': expected days like mon-fri, "
     "sat or mon,wed,fri, found 'Mon–Fri' (write the first three letters of each English weekday, a hyphen for "
     "a range)"),
    ('end: "18:00"', 'end: "08:00"',
     "handbook_data/contacts.yml:26: contact 'bert-braun', field 'availability': the hours start and end at the "
     "same time (an end earlier than the start runs past midnight; for round the clock use kind: 24/7)"),
    ('end: "18:00"', 'end: "18:00"\n    shifts:\n      - days: sat\n        start: "08:00"\n        end: "12:00"',
     "handbook_data/contacts.yml:26: contact 'bert-braun', field 'availability': give either 'days', 'start' and "
     "'end' (one shift) or 'shifts' (several), not both"),
    ("kind: business-hours\n    days: mon-fri", "kind: 24/7\n    days: mon-fri",
     "handbook_data/contacts.yml:26: contact 'bert-braun', field 'availability': a contact available 24/7 has no "
     "days or hours (remove 'days', 'start', 'end' and 'shifts', or use kind: business-hours)"),
])
def test_hours_mistakes_name_the_fix(data_copy, old, new, message):
    """Each mistake in a contact's hours is one line with the place and the fix."""
    assert messages_after_edit(data_copy, "contacts.yml", old, new) == [message]


@pytest.mark.parametrize("address", ["name@example?bcc=spy%40evil.example&subject=fwd", "a@b@example.com",
                                     "anna adler@example.com", "anna@example", "anna@example.com,spy@evil.example",
                                     "javascript:alert(1)@example.com"])
def test_an_email_is_a_plain_address(data_copy, address):
    """Anything a mail program would read as more than one plain address (a ?bcc= header, a second address) is
    refused, so no mailto: link can copy mails to a stranger."""
    (message,) = messages_after_edit(data_copy, "contacts.yml", "email: anna.adler@example.com",
                                     f'email: "{address}"')
    assert message == (f"handbook_data/contacts.yml:12: contact 'anna-adler', field 'email': expected an e-mail "
                       f"address like name@example.com, found '{address}'")
