"""The incident banner and the timeline page, rendered in-process from the minimal fixture with a declared incident."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import BUILT_AT, TODAY, edit, load_on_test_day
from editions import prepared

from macros.loader import load_handbook
from macros.render.incident import render_incident_banner, render_incident_page

# Times without a zone are Berlin time (the fixture's zone); 09:20Z is 10:20 and 10:00Z is 11:00 in Berlin, where
# the tests build at 10:30.
SITUATION = """\
status: declared
summary: Calls stop arriving in Berlin since 07:40 <b>now</b>.
since: "2026-11-23 07:40"
scenario: outage
level: partial
customer_message: We have longer waiting times & call you back.
public_message: Our hotline is only partly reachable.
next_update: "2026-11-23T10:00:00Z"
updates:
  - at: "2026-11-23 07:55"
    text: Berlin gets no calls; alerting chain started.
    by: communication-lead
  - at: "2026-11-23T09:20:00+00:00"
    text: Queues switched to Overflow AB.
    public_text: Please use the chat.
    by: emergency-officer
  - at: "2026-11-23 08:10"
    text: Supplier informed.
"""
NBSP = "\u00a0"
BANNER_START = ('<div class="incident-banner" id="incident-banner" role="region" aria-label="Incident in progress">'
                '<p class="incident-banner__title"><strong>Incident in progress</strong> since 23 Nov 2026, 07:40</p>')
UPDATES_INTRO = ("## Updates\n\nNewest first. No new information is also information: the next update comes at the "
                 "time announced, even if nothing has changed.\n\n")


@pytest.fixture
def incident(data_copy):
    """The minimal fixture with a declared incident in its one scenario (situation.yml written as above)."""
    (data_copy / "situation.yml").write_text(SITUATION, encoding="utf-8")
    return data_copy


def spaced(text: str) -> str:
    return text.replace(NBSP, " ")


def test_staff_banner_says_what_when_which_scenario_and_what_to_tell(incident):
    """The whole staff banner: internal summary (escaped), scenario and level linked to the level's anchor, what to
    tell customers, the next update in Berlin time and a link to every update, links relative to the page."""
    staff, edition = prepared(load_on_test_day(incident), "staff")
    assert spaced(render_incident_banner(staff, edition, "checklists/first-hour.md")) == BANNER_START + (
        "<p>Calls stop arriving in Berlin since 07:40 &lt;b&gt;now&lt;/b&gt;.</p>"
        '<p><strong>Scenario:</strong> <a href="../scenarios/outage.html#level-partial">Telephony outage</a> · Level: Partial '
        "outage</p><p><strong>Tell customers now:</strong> We have longer waiting times &amp; call you back.</p>"
        '<p><strong>Next update due:</strong> 23 Nov 2026, 11:00 · <a href="../incident.html">all updates</a></p>'
        "</div>")


def test_banner_without_a_page_has_no_links(incident):
    """On a page that has no place for links (the 404 page) the banner names the scenario and the updates as text."""
    staff, edition = prepared(load_on_test_day(incident), "staff")
    banner = spaced(render_incident_banner(staff, edition))
    assert "<a " not in banner
    assert "<p><strong>Scenario:</strong> Telephony outage · Level: Partial outage</p>" in banner
    assert banner.endswith("23 Nov 2026, 11:00 · all updates</p></div>")


def test_public_banner_shows_only_the_public_wording(incident):
    """Customers read the public message, since when and the next update; no scenario, no internal words."""
    public, edition = prepared(load_on_test_day(incident), "public")
    assert spaced(render_incident_banner(public, edition, "index.md")) == BANNER_START + (
        "<p>Our hotline is only partly reachable.</p>"
        '<p><strong>Next update due:</strong> 23 Nov 2026, 11:00 · <a href="incident.html">all updates</a></p></div>')


def test_banner_without_level_links_the_scenario_page_itself(incident):
    """A situation that names a scenario but no level links the scenario's page without an anchor and names no
    level; one without a scenario has no scenario line at all."""
    edit(incident / "situation.yml", "level: partial\n", "")
    staff, edition = prepared(load_on_test_day(incident), "staff")
    assert ('<p><strong>Scenario:</strong> <a href="scenarios/outage.html">Telephony outage</a></p>'
            in render_incident_banner(staff, edition, "index.md"))
    assert "- **Scenario:** [Telephony outage](scenarios/outage.md)\n" in render_incident_page(staff, edition)
    edit(incident / "situation.yml", "scenario: outage\n", "")
    staff, edition = prepared(load_on_test_day(incident), "staff")
    assert "Scenario" not in render_incident_banner(staff, edition, "index.md")
    assert "Scenario" not in render_incident_page(staff, edition)


@pytest.mark.parametrize(("next_update", "overdue"), [("2026-11-23 10:30", False), ("2026-11-23 10:29", True),
                                                      ("2026-11-23T09:30:00Z", False), ("2026-11-23T09:29:00Z", True)])
def test_update_is_overdue_only_once_its_time_has_passed(incident, next_update, overdue):
    """Built at 10:30 Berlin time: an update due at 10:30 (or 09:30 UTC) is not yet overdue, one due a minute earlier
    is, on the banner and on the timeline page."""
    edit(incident / "situation.yml", '"2026-11-23T10:00:00Z"', f'"{next_update}"')
    staff, edition = prepared(load_on_test_day(incident), "staff")
    badge = ' <strong class="stale-badge">overdue</strong>'
    due = "23 Nov 2026, 10:29" if overdue else "23 Nov 2026, 10:30"
    assert (f"<p><strong>Next update due:</strong> {due}{badge if overdue else ''} · "
            in spaced(render_incident_banner(staff, edition, "index.md")))
    assert f"- **Next update due:** {due}{badge if overdue else ''}\n" in spaced(render_incident_page(staff, edition))


def test_closed_incident_shows_no_banner(incident):
    """Once the incident is closed, no page carries the banner."""
    edit(incident / "situation.yml", "status: declared", "status: closed")
    staff, edition = prepared(load_on_test_day(incident), "staff")
    assert render_incident_banner(staff, edition, "index.md") == ""


def test_staff_timeline_lists_every_update_newest_first_with_its_author(incident):
    """The whole staff page: facts in order (since, scenario and level, next update, what to tell customers), then
    every update newest first in Berlin time, with the role that gave it or a dash."""
    staff, edition = prepared(load_on_test_day(incident), "staff")
    assert spaced(render_incident_page(staff, edition)) == (
        "# Current incident\n\nCalls stop arriving in Berlin since 07:40 &lt;b&gt;now&lt;/b&gt;.\n\n"
        "- **Since:** 23 Nov 2026, 07:40\n- **Scenario:** [Telephony outage](scenarios/outage.md) · Partial outage\n"
        "- **Next update due:** 23 Nov 2026, 11:00\n"
        "- **Tell customers now:** We have longer waiting times &amp; call you back.\n\n" + UPDATES_INTRO +
        "| Time | Update | By |\n| --- | --- | --- |\n"
        "| 23 Nov 2026, 10:20 | Queues switched to Overflow AB. | Emergency officer |\n"
        "| 23 Nov 2026, 08:10 | Supplier informed. | — |\n"
        "| 23 Nov 2026, 07:55 | Berlin gets no calls; alerting chain started. | Communication lead |")


def test_public_timeline_shows_only_public_updates_without_authors(incident):
    """The whole public page: the public message, since when and the next update, and only the updates with public
    wording, without a column for who gave them."""
    public, edition = prepared(load_on_test_day(incident), "public")
    assert spaced(render_incident_page(public, edition)) == (
        "# Current incident\n\nOur hotline is only partly reachable.\n\n"
        "- **Since:** 23 Nov 2026, 07:40\n- **Next update due:** 23 Nov 2026, 11:00\n\n" + UPDATES_INTRO +
        "| Time | Update |\n| --- | --- |\n| 23 Nov 2026, 10:20 | Please use the chat. |")


def test_timeline_orders_updates_by_their_moment_whatever_zone_they_are_written_in(incident):
    """09:20 UTC is 10:20 in Berlin: after 10:00 Berlin time, though 09:20 reads earlier."""
    edit(incident / "situation.yml", '  - at: "2026-11-23 08:10"', '  - at: "2026-11-23 10:00"')
    handbook = load_handbook(incident, today=TODAY, built_at=BUILT_AT + dt.timedelta(minutes=5))
    staff, edition = prepared(handbook, "staff")
    rows = [line.split(" | ")[0] for line in spaced(render_incident_page(staff, edition)).splitlines()
            if line.startswith("| 23 Nov")]
    assert rows == ["| 23 Nov 2026, 10:20", "| 23 Nov 2026, 10:00", "| 23 Nov 2026, 07:55"]


def test_confidential_scenario_is_withheld_from_the_staff_edition(incident):
    """The staff edition leaves out a confidential scenario: no scenario line on the banner, "not in this edition"
    on the timeline page, no level."""
    edit(incident / "scenarios/outage.yml", "title: Telephony outage", "confidential: true\ntitle: Telephony outage")
    staff, edition = prepared(load_on_test_day(incident), "staff")
    assert "Scenario" not in render_incident_banner(staff, edition, "index.md")
    assert "\n- **Scenario:** *not in this edition*\n- **Next update due:**" in render_incident_page(staff, edition)


def test_no_banner_without_situation(data_copy):
    """Without situation.yml no page carries a banner."""
    staff, edition = prepared(load_on_test_day(data_copy), "staff")
    assert render_incident_banner(staff, edition, "index.md") == ""
