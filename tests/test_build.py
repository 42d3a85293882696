"""Whole builds through MkDocs: every page exists with its key content, strictly, and offline."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from babel.dates import format_date
from conftest import MINIMAL, ROOT, SAMPLE, SOURCE_DATE_EPOCH, edit, load_on_test_day
from editions import prepared
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


def build_site(data_dir: Path, site_dir: Path, monkeypatch: pytest.MonkeyPatch, language: str = "") -> Path:
    """Build the handbook in `data_dir` with the project's mkdocs.yml (a preview of the staff edition), strictly."""
    monkeypatch.setenv("HANDBOOK_DATA", str(data_dir))
    monkeypatch.setenv("HANDBOOK_LANGUAGE", language)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    build(config)
    return site_dir


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's staff edition in English, as `mkdocs build` previews it."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        return build_site(SAMPLE, tmp_path_factory.mktemp("sample") / "site", monkeypatch, "en")


@pytest.fixture(scope="module")
def handbook():
    """The sample as the previewed edition holds it: staff, in English."""
    return prepared(load_on_test_day(SAMPLE), "staff", "en")[0]


def test_sample_builds_every_page(sample_site, handbook):
    """The strict build of the sample writes the fixed pages plus one page per scenario and checklist."""
    pages = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html")}
    expected = {"index.html", "contacts.html", "alerting.html", "escalation.html", "crisis-group.html",
                "communication.html", "risk-matrix.html", "faq.html", "tasks.html", "checklists/index.html",
                "exercises.html"}
    expected |= {f"scenarios/{s.id}.html" for s in handbook.scenarios}
    expected |= {f"checklists/{c.id}.html" for c in handbook.checklists}
    assert expected <= pages


def test_home_puts_the_emergency_number_first(sample_site, handbook):
    """The 24/7 number is the first thing in the content, as a tel: link, before the first-hour checklist."""
    html = read(sample_site, "index.html")
    content = html[html.index('<article'):]
    number = handbook.organisation.emergency_number
    assert content.index(f'href="tel:{number.replace(" ", "")}"') < content.index('id="first-hour"')
    first_hour = handbook.checklist(handbook.organisation.first_hour_checklist)
    for item in first_hour.sections[0].items:
        assert item.text.split()[0] in content
    assert handbook.organisation.version in content
    for scenario in handbook.scenarios:
        assert f'href="scenarios/{scenario.id}.html"' in content


def test_every_page_shows_edition_and_build_time(sample_site, handbook):
    """Each page carries the edition, its marking, the version and the build time from the template."""
    stamp = f"Staff · version {handbook.organisation.version} · built 23\u00a0Nov\u00a02026,\u00a010:30\u00a0CET"
    for page in sample_site.rglob("*.html"):
        if page.name != "404.html":
            assert stamp in page.read_text(encoding="utf-8"), page


def test_contacts_have_tel_and_mailto_links(sample_site, handbook):
    """Every phone number of every contact is a tel: link, every e-mail a mailto: link."""
    html = read(sample_site, "contacts.html")
    assert all(phone.kind.value != "private" for contact in handbook.contacts for phone in contact.phones)
    for contact in handbook.contacts:
        assert f'id="contact-{contact.id}"' in html
        for phone in contact.phones:
            assert f'href="{phone.tel_uri}"' in html
        if contact.email:
            assert f'href="mailto:{contact.email}"' in html
    for role in handbook.roles:
        assert f'id="role-{role.id}"' in html


def test_diagrams_are_inline_svg_without_titles(sample_site, handbook):
    """Alerting shows one diagram per chain, escalation two; Graphviz titles never reach the page."""
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


def test_risk_matrix_links_every_scenario_and_names_classes(sample_site, handbook):
    """Each scenario sits in its cell as a link; acceptable/unacceptable is written, not only coloured."""
    html = read(sample_site, "risk-matrix.html")
    for scenario in handbook.scenarios:
        assert f'href="scenarios/{scenario.id}.html"' in html
    assert "(U)" in html and "(A)" in html and "unacceptable risk" in html


def test_scenario_pages_show_measures_by_area_with_owners(sample_site, handbook):
    """Every scenario page has its levels, the three areas and owner links to roles."""
    for scenario in handbook.scenarios:
        html = read(sample_site, f"scenarios/{scenario.id}.html")
        for level in scenario.levels:
            assert f'id="level-{level.id}"' in html
        for area in ("Communication", "Staffing and tasks", "Technology"):
            assert f">{area}<" in html
        assert 'href="../contacts.html#role-' in html


def test_faq_shows_stamps_and_in_progress_notice(sample_site, handbook):
    """Answered entries carry 'Last updated'; entries being worked on say so with the time last checked."""
    html = read(sample_site, "faq.html")
    for entry in handbook.faq:
        assert f'id="faq-{entry.id}"' in html
        # "20 Nov 2026, 08:45" as British English writes it (Babel's medium date), never wrapped.
        day = format_date(entry.last_updated, "medium", locale="en_GB")
        stamp = f"{day}, {entry.last_updated:%H:%M}".replace(" ", "\u00a0")
        if entry.status.value == "answered":
            assert f"Last updated {stamp}" in html
        else:
            assert f"last checked {stamp}" in html
    assert "Still being worked on" in html


def test_checklists_have_tick_boxes(sample_site, handbook):
    """Checklist items are task-list check boxes; the form shows fields with room to write."""
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


def test_permalink_title_and_404_page_speak_the_edition_language(sample_site, data_copy, tmp_path, monkeypatch):
    """The title of each heading's ¶ link and the 404 page's heading come from the catalogue (Material writes
    English there); Material's own search texts follow theme.language."""
    assert "<h1>404 - Not found</h1>" in read(sample_site, "404.html")
    assert 'title="Permanent link"' in read(sample_site, "faq.html")
    edit(data_copy / "organisation.yml", "language: en", "language: de")
    site = build_site(data_copy, tmp_path / "site", monkeypatch)
    not_found = read(site, "404.html")
    assert '<html lang="de"' in not_found and "<h1>404 – Seite nicht gefunden</h1>" in not_found
    assert '"search.result.none": "Keine Suchergebnisse"' in not_found and 'placeholder="Suche"' in not_found
    faq = read(site, "faq.html")
    assert 'title="Link zu diesem Abschnitt"' in faq and "Permanent link" not in faq


def test_every_page_carries_a_content_security_policy_without_outside_hosts(sample_site):
    """Each page has the CSP meta in its <head>: only 'self', inline scripts by the SHA-256 of exactly the page's own
    inline scripts, never 'unsafe-inline' for scripts, no http(s) host anywhere."""
    import base64
    import hashlib

    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert len(found) == 1, page
        policy = dict(part.strip().split(" ", 1) for part in found[0].split(";"))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'", page
        assert "http" not in found[0] and "*" not in found[0], page
        script_sources = policy["script-src"].split()
        assert script_sources[0] == "'self'" and "'unsafe-inline'" not in script_sources, page
        inline = re.findall(r"<script>(.*?)</script>", html, re.S)
        expected = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline}
        assert set(script_sources[1:]) == expected, page
        # The meta comes before the first script, so that it governs every one.
        assert head.index("Content-Security-Policy") < html.index("<script")
