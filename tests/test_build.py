"""Whole builds through MkDocs: every page exists with its key content, strictly, and offline."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, ROOT, SAMPLE, SOURCE_DATE_EPOCH, edit, load_on_test_day
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


def build_site(data_dir: Path, site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Build the handbook in `data_dir` with the project's mkdocs.yml, strictly, into `site_dir`."""
    monkeypatch.setenv("HANDBOOK_DATA", str(data_dir))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    build(config)
    return site_dir


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return build_site(SAMPLE, tmp_path_factory.mktemp("sample") / "site", monkeypatch)


def test_sample_builds_every_page(sample_site):
    """The strict build of the sample writes the fixed pages plus one page per scenario and checklist."""
    handbook = load_on_test_day(SAMPLE)
    pages = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html")}
    expected = {"index.html", "contacts.html", "alerting.html", "escalation.html", "crisis-group.html",
                "communication.html", "risk-matrix.html", "faq.html", "tasks.html", "checklists/index.html",
                "exercises.html"}
    expected |= {f"scenarios/{s.id}.html" for s in handbook.scenarios}
    expected |= {f"checklists/{c.id}.html" for c in handbook.checklists}
    assert expected <= pages


def test_home_puts_the_emergency_number_first(sample_site):
    """The 24/7 number is the first thing in the content, as a tel: link, before the first-hour checklist."""
    handbook = load_on_test_day(SAMPLE)
    html = read(sample_site, "index.html")
    content = html[html.index('<article'):]
    number = handbook.organisation.emergency_number
    assert content.index(f'href="tel:{number.replace(" ", "")}"') < content.index('id="first-hour"')
    first_hour = handbook.checklist(handbook.organisation.first_hour_checklist)
    for item in first_hour.sections[0].items:
        assert item.text.split()[0] in content
    assert handbook.organisation.edition in content
    for scenario in handbook.scenarios:
        assert f'href="scenarios/{scenario.id}.html"' in content


def test_every_page_shows_edition_and_build_time(sample_site):
    """Each page carries 'Edition … · built …' from the template."""
    handbook = load_on_test_day(SAMPLE)
    stamp = f"Edition {handbook.organisation.edition} · built 2026-11-23 10:30 CET"
    for page in sample_site.rglob("*.html"):
        if page.name != "404.html":
            assert stamp in page.read_text(encoding="utf-8"), page


def test_contacts_have_tel_and_mailto_links(sample_site):
    """Every phone number of every contact is a tel: link, every e-mail a mailto: link."""
    handbook = load_on_test_day(SAMPLE)
    html = read(sample_site, "contacts.html")
    for contact in handbook.contacts:
        assert f'id="contact-{contact.id}"' in html
        for phone in contact.phones:
            assert f'href="{phone.tel_uri}"' in html
        if contact.email:
            assert f'href="mailto:{contact.email}"' in html
    for role in handbook.roles:
        assert f'id="role-{role.id}"' in html


def test_diagrams_are_inline_svg_without_titles(sample_site):
    """Alerting shows one diagram per chain, escalation two; Graphviz titles never reach the page."""
    handbook = load_on_test_day(SAMPLE)
    alerting, escalation = read(sample_site, "alerting.html"), read(sample_site, "escalation.html")
    assert alerting.count('<svg class="handbook-diagram"') == len(handbook.alerting_chains)
    assert escalation.count('<svg class="handbook-diagram"') == 2
    assert "<title>" not in alerting.split("</head>")[1] and "<title>" not in escalation.split("</head>")[1]
    for level in handbook.escalation.levels:
        assert level.name in escalation


def test_search_index_has_no_graphviz_ids(sample_site):
    """Node and edge ids such as 'node1' or 'party2' do not end up searchable."""
    index = json.loads(read(sample_site, "search/search_index.json"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert not re.search(r"\b(node|edge|graph|party|level|severity)\d+\b", text)
    assert not re.search(r"\w+-&gt;\w+|\w+->\w+", text)


def test_search_separator_splits_at_punctuation(sample_site):
    """The search configuration splits '(eSIM!)' into the word 'eSIM'."""
    index = json.loads(read(sample_site, "search/search_index.json"))
    separator = re.compile(index["config"]["separator"])
    assert "eSIM" in separator.split("(eSIM!)")


def test_risk_matrix_links_every_scenario_and_names_classes(sample_site):
    """Each scenario sits in its cell as a link; acceptable/unacceptable is written, not only coloured."""
    handbook = load_on_test_day(SAMPLE)
    html = read(sample_site, "risk-matrix.html")
    for scenario in handbook.scenarios:
        assert f'href="scenarios/{scenario.id}.html"' in html
    assert "(U)" in html and "(A)" in html and "unacceptable risk" in html


def test_scenario_pages_show_measures_by_area_with_owners(sample_site):
    """Every scenario page has its levels, the three areas and owner links to roles."""
    handbook = load_on_test_day(SAMPLE)
    for scenario in handbook.scenarios:
        html = read(sample_site, f"scenarios/{scenario.id}.html")
        for level in scenario.levels:
            assert f'id="level-{level.id}"' in html
        for area in ("Communication", "Staffing and tasks", "Technology"):
            assert f">{area}<" in html
        assert 'href="../contacts.html#role-' in html


def test_faq_shows_stamps_and_in_progress_notice(sample_site):
    """Answered entries carry 'Last updated'; entries being worked on say so with the time last checked."""
    handbook = load_on_test_day(SAMPLE)
    html = read(sample_site, "faq.html")
    for entry in handbook.faq:
        assert f'id="faq-{entry.id}"' in html
        stamp = f"{entry.last_updated:%Y-%m-%d %H:%M}"
        if entry.status.value == "answered":
            assert f"Last updated {stamp}" in html
        else:
            assert f"last checked {stamp}" in html
    assert "Still being worked on" in html


def test_checklists_have_tick_boxes(sample_site):
    """Checklist items are task-list check boxes; the form shows fields with room to write."""
    handbook = load_on_test_day(SAMPLE)
    for checklist in handbook.checklists:
        html = read(sample_site, f"checklists/{checklist.id}.html")
        items = sum(len(section.items) for section in checklist.sections)
        if checklist.kind.value == "checklist":
            assert html.count('class="task-list-item"') == items
        else:
            assert html.count('class="form-blank"') == items


def test_task_inventory_orders_by_priority(sample_site):
    """Critical tasks come before high, high before normal."""
    html = read(sample_site, "tasks.html")
    positions = [html.index(f">{name}<") for name in ("Critical", "High", "Normal")]
    assert positions == sorted(positions)


def test_no_page_references_an_external_host(sample_site):
    """No src or href in any page points at another host (the copy must work offline)."""
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        external = re.findall(r'(?:src|href)="(https?:)?//[^"]+"', html)
        assert not external, (page, external)
    assert (sample_site / "assets/javascripts/iframe-worker-shim.js").is_file()
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in read(sample_site, "index.html")


def test_navigation_follows_the_data(tmp_path, monkeypatch):
    """A new scenario or checklist file adds a page and a menu entry with no change to docs/ or mkdocs.yml."""
    data = tmp_path / "handbook_data"
    shutil.copytree(MINIMAL, data)
    text = (data / "scenarios/outage.yml").read_text(encoding="utf-8")
    (data / "scenarios/flood.yml").write_text(
        text.replace("id: outage", "id: flood").replace("title: Telephony outage", "title: Flooded basement"),
        encoding="utf-8")
    site = build_site(data, tmp_path / "site", monkeypatch)
    assert "Flooded basement" in read(site, "scenarios/flood.html")
    assert 'href="scenarios/flood.html"' in read(site, "index.html")


def test_build_on_bad_data_stops_with_the_messages(data_copy, tmp_path, monkeypatch, caplog):
    """A plain mkdocs build on broken data aborts, logging the same file:line messages."""
    edit(data_copy / "faq/phone-down.yml", "owner: communication-lead", "owner: comms-lead")
    with pytest.raises(Abort):
        build_site(data_copy, tmp_path / "site", monkeypatch)
    assert ("handbook_data/faq/phone-down.yml:10: faq 'phone-down', field 'owner': there is no role with the id "
            "'comms-lead' (did you mean 'communication-lead'?)") in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()
