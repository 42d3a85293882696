"""The "Who to call" page: every role, its people in calling order, tap-to-call numbers; one tap from home."""

from __future__ import annotations

import re

import pytest
from conftest import BUILT_AT, SAMPLE, TODAY, load_on_test_day
from editions import prepared
from test_editions import editions_fixture

from macros.loader import load_handbook
from macros.pages import has_page, pages_for
from macros.render.home import render_home, render_public_home
from macros.render.people import render_who_to_call


@pytest.fixture(scope="module")
def german():
    return prepared(load_on_test_day(SAMPLE), "staff", "de")


def sections(markdown: str) -> dict[str, str]:
    """The page's role sections by role id."""
    return dict(re.findall(r"^## .*? \{#role-([a-z0-9-]+)\}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M))


def test_every_role_with_its_people_in_calling_order(german):
    """Each role of the edition has a section listing its holders 1., 2., … in the order of roles.yml."""
    handbook, edition = german
    page = render_who_to_call(handbook, edition)
    assert page.startswith("# Wen anrufen?\n")
    found = sections(page)
    assert list(found) == [role.id for role in handbook.roles]
    for role in handbook.roles:
        listed = re.findall(r"^(\d+)\. \*\*\[([^\]]+)\]\(contacts\.md#contact-([a-z0-9-]+)\)\*\*", found[role.id], re.M)
        assert [(int(n), contact_id) for n, _, contact_id in listed] == list(enumerate(role.holders, start=1)), role.id


def test_every_number_is_a_tap_to_call_link_that_does_not_break(german):
    """Each holder's every number is a tel: link marked to stay on one line, with its kind in words."""
    handbook, edition = german
    page = render_who_to_call(handbook, edition)
    holders = {holder for role in handbook.roles for holder in role.holders}
    for contact_id in holders:
        for phone in handbook.contact(contact_id).phones:
            assert (f'<a class="phone call-number" href="{phone.tel_uri}">{phone.number}</a> '
                    f'({edition.labels("common.phone_kind." + phone.kind.value)})') in page
    number = handbook.organisation.emergency_number
    assert f'href="tel:{number.replace(" ", "")}">{number}</a>' in page.split("\n## ")[0], "the 24/7 number first"


def test_a_holder_without_a_number_in_the_edition_is_reached_through_the_emergency_officer(tmp_path):
    """Dora Dahl has only a private number: the staff page sends the reader to the emergency officer instead."""
    handbook = load_handbook(editions_fixture(tmp_path / "data"), today=TODAY, built_at=BUILT_AT)
    staff = sections(render_who_to_call(*prepared(handbook, "staff")))["communication-lead"]
    crisis = sections(render_who_to_call(*prepared(handbook, "crisis-team")))["communication-lead"]
    assert "Dora Dahl" in staff and "via [Emergency officer](contacts.md#role-emergency-officer)" in staff
    assert 'href="tel:+493055570202"' in crisis and 'href="tel:+493055570202"' not in staff


def test_the_page_is_one_tap_from_home_right_under_the_emergency_number(german):
    """Staff and crisis-team editions have the page, linked right after the emergency number; the public one has neither."""
    handbook, edition = german
    home = render_home(handbook, edition)
    after_number = home.split("</div>\n\n", 1)[1]
    assert after_number.startswith("[Wen anrufen? Alle Rollen, alle Nummern](who-to-call.md){ .who-to-call-link }")
    sample = load_on_test_day(SAMPLE)
    assert [edition.id for edition in (prepared(sample, e)[1] for e in ("staff", "crisis-team", "public"))
            if has_page(edition, "who-to-call")] == ["staff", "crisis-team"]
    public = prepared(sample, "public", "en")
    assert "who-to-call" not in render_public_home(*public)
    staff_pages = [entry.key for entry in pages_for(edition.audience)]
    assert staff_pages.index("who-to-call") == staff_pages.index("home") + 1, "second in the menu"
