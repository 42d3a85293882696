"""Generated Markdown for every page of the fixture handbook matches its golden file."""

from __future__ import annotations

import re

import golden_files
import pytest
from conftest import BUILT_AT, MINIMAL, TODAY, edit
from golden_files import assert_golden

from macros.labels import labels_for
from macros.loader import load_handbook
from macros.render import home, lists, people, processes, risk

GOLDEN = golden_files.GOLDEN / "pages"
# Diagram SVG depends on the Graphviz version; its DOT source has golden files of its own.
SVG = re.compile(r'(<div class="diagram" id="[^"]+">).*?</svg>\s*</div>', re.S)

PAGES = {
    "home": lambda h, l: home.render_home(h, l),
    "contacts": lambda h, l: people.render_contacts_page(h, l),
    "alerting": lambda h, l: processes.render_alerting_page(h, l),
    "escalation": lambda h, l: processes.render_escalation_page(h, l),
    "crisis-group": lambda h, l: processes.render_crisis_group_page(h, l),
    "communication": lambda h, l: processes.render_communication_page(h, l),
    "risk-matrix": lambda h, l: risk.render_risk_matrix(h, l),
    "scenario-outage": lambda h, l: risk.render_scenario_page(h, l, "outage"),
    "faq": lambda h, l: lists.render_faq_page(h, l),
    "tasks": lambda h, l: lists.render_task_inventory(h, l),
    "checklists": lambda h, l: lists.render_checklist_overview(h, l),
    "checklist-first-hour": lambda h, l: lists.render_checklist_page(h, l, "first-hour"),
    "checklist-escalation-report": lambda h, l: lists.render_checklist_page(h, l, "escalation-report"),
    "exercises": lambda h, l: lists.render_exercise_log(h, l),
}


def assert_page_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/pages/<name>.md (`make golden` rewrites it)."""
    assert_golden(GOLDEN / f"{name}.md", actual)


@pytest.fixture(scope="module")
def fixture_handbook():
    return load_handbook(MINIMAL, today=TODAY, built_at=BUILT_AT)


@pytest.mark.golden
@pytest.mark.parametrize("page", list(PAGES))
def test_page_markdown_matches_golden(page, fixture_handbook):
    """Each renderer's Markdown for the fixture handbook is exactly the reviewed golden text."""
    markdown = PAGES[page](fixture_handbook, labels_for("en"))
    assert_page_golden(page, SVG.sub(r"\1<svg>…</svg></div>", markdown))


def test_hostile_text_is_shown_literally(data_copy):
    """HTML, Markdown and table syntax in data text can neither inject markup nor break a table."""
    edit(data_copy / "contacts.yml", "name: Bert Braun", "name: \"Bert <script>alert(1)</script> | *Braun* [x](y)\"")
    edit(data_copy / "roles.yml", "purpose: Speaks for the organisation.",
         "purpose: \"<img src=x onerror=alert(1)> {{ config }} # not a heading\"")
    handbook = load_handbook(data_copy, today=TODAY, built_at=BUILT_AT)
    page = people.render_contacts_page(handbook, labels_for("en"))
    assert "<script>" not in page and "<img" not in page
    assert "Bert &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*Braun\\* \\[x\\](y)" in page
    assert "&lt;img src=x onerror=alert(1)&gt; \\{\\{ config \\}\\} \\# not a heading" in page


def test_faq_answer_html_is_not_executed(data_copy):
    """Raw HTML in an FAQ answer is escaped while its Markdown still renders."""
    edit(data_copy / "faq/phone-down.yml", "Please use the **chat**.", "Please use the **chat**. <script>x()</script>")
    handbook = load_handbook(data_copy, today=TODAY, built_at=BUILT_AT)
    page = lists.render_faq_page(handbook, labels_for("en"))
    assert "Please use the **chat**. &lt;script&gt;x()&lt;/script&gt;" in page
