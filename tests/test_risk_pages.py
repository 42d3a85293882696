"""The risk matrix and the scenario pages: what each cell lists and how a first step reaches its owner."""

from __future__ import annotations

import re

from conftest import SAMPLE, edit, load_on_test_day
from editions import prepared

from macros.render import risk


def test_scenarios_sharing_a_cell_are_listed_one_per_line_by_title(data_copy):
    """Two scenarios with the same likelihood and impact share a cell, one link per line, in title order."""
    scenarios = data_copy / "scenarios"
    original = (scenarios / "outage.yml").read_text(encoding="utf-8")
    (scenarios / "flood.yml").write_text(
        original.replace("id: outage", "id: flood").replace("title: Telephony outage", "title: Flood"), encoding="utf-8")
    matrix = risk.render_risk_matrix(*prepared(load_on_test_day(data_copy)))
    assert [cell for cell in re.findall(r'<td class="risk-cell[^>]*>.*?</td>', matrix) if "<a " in cell] == [
        '<td class="risk-cell risk-unacceptable"><span class="risk-score">12 (U)</span><br>'
        '<a href="scenarios/flood.html">Flood</a><br><a href="scenarios/outage.html">Telephony outage</a></td>']


def test_a_first_step_whose_owner_has_no_number_in_the_edition_ends_with_the_role(data_copy):
    """The crisis team's copy gives the owner's private number to tap; the staff copy, which has none, ends the
    line with the role (no dangling comma)."""
    edit(data_copy / "contacts.yml", '"+49 30 90182001"\n      kind: office', '"+49 30 90182001"\n      kind: private')
    handbook = load_on_test_day(data_copy)
    step = "1. **within 10 min**: Call the emergency officer. — " \
           "[Communication lead](../contacts.md#role-communication-lead)"
    staff = risk.render_scenario_page(*prepared(handbook, "staff"), "outage")
    crisis = risk.render_scenario_page(*prepared(handbook, "crisis-team"), "outage")
    assert step in staff.splitlines()
    assert f'{step}, <a class="phone" href="tel:+493090182001">+49 30 90182001</a>' in crisis.splitlines()


def test_steps_checklists_and_questions_are_one_per_line():
    """The telephony outage's three first steps, two checklists and three questions each stand on a line of
    their own, in order, with nothing between them (one Markdown list each)."""
    lines = risk.render_scenario_page(*prepared(load_on_test_day(SAMPLE), "staff", "en"), "telephony-outage").splitlines()
    first = lines.index(next(line for line in lines if line.startswith("1. **within 5 min**")))
    assert [line[:18] for line in lines[first:first + 3]] == ["1. **within 5 min*", "2. **within 10 min", "3. **within 20 min"]
    checklists = lines.index("- [The first hour](../checklists/first-hour.md)")
    assert lines[checklists + 1] == "- [Escalation report](../checklists/escalation-report.md)"
    questions = lines.index("- [We are a business customer. How do we reach you during the outage?](../faq.md#faq-business-line)")
    assert lines[questions + 1] == "- [I cannot get through to the hotline. What can I do?](../faq.md#faq-hotline-unreachable)"
    assert lines[questions + 2].startswith("- [What do I tell customers in the chat while the phone system is down?]")
