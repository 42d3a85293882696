"""Phone numbers in data text become tel: links, so a phone dials them with one tap; nothing else does."""

from __future__ import annotations

import pytest

from macros.render.markup import text


@pytest.mark.parametrize("data, shown", [
    ("dial-in +49 30 1234 5699 as backup",
     'dial-in <a href="tel:+493012345699">+49 30 1234 5699</a> as backup'),
    ("the duty phone (+49 30 1234 5600) in even weeks",
     'the duty phone (<a href="tel:+493012345600">+49 30 1234 5600</a>) in even weeks'),
    ("Sundvik: +46 31 123 45 67, then *mail*",
     'Sundvik: <a href="tel:+46311234567">+46 31 123 45 67</a>, then \\*mail\\*'),
    ("In danger to life, call 112 first.", 'In danger to life, call <a href="tel:112">112</a> first.'),
    ("In Sweden, 112 as well.", 'In Sweden, <a href="tel:112">112</a> as well.'),
])
def test_numbers_in_text_become_tel_links(data, shown):
    """International numbers (E.164 in the link, as written on screen) and the emergency number 112."""
    assert text(data) == shown


@pytest.mark.parametrize("data", [
    "Last updated 2026-11-20 08:45", "room 1120, version 1.112, 112.5 litres, 3,112 calls, 1-112",
    "call the IT hotline on the card in your laptop bag", "+49 is the code for Germany",
])
def test_dates_and_other_digits_stay_text(data):
    """Dates, times, versions, longer numbers and a bare country code are not phone numbers."""
    assert "tel:" not in text(data)


def test_html_around_a_number_stays_escaped():
    """Only the link is HTML; markup written in the data around it is shown as text."""
    assert text("<b>+49 30 1234 5699</b>") == '&lt;b&gt;<a href="tel:+493012345699">+49 30 1234 5699</a>&lt;/b&gt;'
