"""Generated Markdown for every page of the fixture handbook matches its golden file."""

from __future__ import annotations

import re
import shutil

import golden_files
import pytest
from conftest import BUILT_AT, MINIMAL, ROOT, SAMPLE, TODAY, edit
from editions import prepared
from golden_files import assert_golden

from macros.loader import load_handbook
from macros.pages import PAGES, built_pages, page
from macros.render import lists, people

GOLDEN = golden_files.GOLDEN / "pages"
BILINGUAL_DATA = ROOT / "tests" / "fixtures" / "bilingual"
# Diagram SVG depends on the Graphviz version; its DOT source has golden files of its own.
SVG = re.compile(r'(<div class="diagram" id="[^"]+" tabindex="0">).*?</svg>\s*</div>', re.S)

def golden_name(built) -> str:
    """`home`, `contacts`, `scenario-outage`, `checklist-first-hour`: the page key, then the record id."""
    return built.page.key + (f"-{built.record_id}" if built.record_id else "")


FIXTURE = load_handbook(MINIMAL, today=TODAY, built_at=BUILT_AT)
# Every page of the staff edition and of the public edition, as the registry lists them.
EDITION_PAGES = [(edition_id, built) for edition_id in ("staff", "public")
                 for built in built_pages(*prepared(FIXTURE, edition_id))]


def assert_page_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/pages/<name>.md (`make golden` rewrites it)."""
    assert_golden(GOLDEN / f"{name}.md", actual)


@pytest.mark.golden
@pytest.mark.parametrize(("edition_id", "built"), EDITION_PAGES,
                         ids=[f"{edition_id}-{golden_name(built)}" for edition_id, built in EDITION_PAGES])
def test_page_markdown_matches_golden(edition_id, built):
    """Each page's Markdown for the fixture handbook, in each edition, is exactly the reviewed golden text."""
    markdown = built.page.render(*prepared(FIXTURE, edition_id), built.record_id)
    name = golden_name(built)
    name = name if edition_id == "staff" or name.startswith(edition_id) else f"{edition_id}-{name}"
    assert_page_golden(name, SVG.sub(r"\1<svg>…</svg></div>", markdown))


BILINGUAL = load_handbook(BILINGUAL_DATA, today=TODAY, built_at=BUILT_AT)
# The pages whose words come most from the catalogue and the data, in each language of the bilingual fixture.
LANGUAGE_PAGES = ("home", "contacts", "alerting", "escalation", "scenario", "faq", "checklist", "review")
LANGUAGE_CASES = [(language, built) for language in ("de", "en", "sv")
                  for built in built_pages(*prepared(BILINGUAL, "staff", language))
                  if built.page.key in LANGUAGE_PAGES and built.record_id in (None, "outage", "first-hour")]


@pytest.mark.golden
@pytest.mark.parametrize(("language", "built"), LANGUAGE_CASES,
                         ids=[f"{language}-{golden_name(built)}" for language, built in LANGUAGE_CASES])
def test_page_markdown_in_each_language_matches_golden(language, built):
    """German (primary), English and Swedish pages of the bilingual fixture: labels, dates and numbers in the
    language; texts missing in a language shown in German with the "not yet translated" mark."""
    markdown = built.page.render(*prepared(BILINGUAL, "staff", language), built.record_id)
    assert_golden(GOLDEN.parent / "languages" / language / f"{golden_name(built)}.md",
                  SVG.sub(r"\1<svg>…</svg></div>", markdown))


INCIDENT_DATA = ROOT / "tests" / "fixtures" / "incident"


@pytest.fixture(scope="module")
def running_incident(tmp_path_factory):
    """The sample with the worked running incident (the incident page exists only while one is declared)."""
    target = tmp_path_factory.mktemp("incident") / "handbook_data"
    shutil.copytree(SAMPLE, target)
    shutil.copy(INCIDENT_DATA / "situation.yml", target / "situation.yml")
    return load_handbook(target, today=TODAY, built_at=BUILT_AT)


@pytest.mark.golden
@pytest.mark.parametrize(("edition_id", "language"), [("staff", "en"), ("public", "de")])
def test_incident_page_matches_golden(running_incident, edition_id, language):
    """The timeline page of the running incident: staff see everything in English, the public its wording in German."""
    handbook, edition = prepared(running_incident, edition_id, language)
    assert_page_golden(f"incident-{edition_id}-{language}", page("incident").render(handbook, edition))


def test_every_page_of_the_registry_has_a_golden():
    """The goldens cover every page key of the registry (per-record pages by one record each)."""
    # The incident page has goldens of its own, from the running incident.
    covered = {built.page.key for _, built in EDITION_PAGES} | {"incident"}
    assert covered == {page.key for page in PAGES}


def test_hostile_text_is_shown_literally(data_copy):
    """HTML, Markdown and table syntax in data text can neither inject markup nor break a table."""
    edit(data_copy / "contacts.yml", "name: Bert Braun", "name: \"Bert <script>alert(1)</script> | *Braun* [x](y)\"")
    edit(data_copy / "roles.yml", "purpose: Speaks for the organisation.",
         "purpose: \"<img src=x onerror=alert(1)> {{ config }} # not a heading\"")
    handbook = load_handbook(data_copy, today=TODAY, built_at=BUILT_AT)
    page = people.render_contacts_page(*prepared(handbook))
    assert "<script>" not in page and "<img" not in page
    assert "Bert &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*Braun\\* \\[x\\](y)" in page
    assert "&lt;img src=x onerror=alert(1)&gt; \\{\\{ config \\}\\} \\# not a heading" in page


def test_faq_answer_html_is_not_executed(data_copy):
    """Raw HTML in an FAQ answer is escaped while its Markdown still renders."""
    edit(data_copy / "faq/phone-down.yml", "Please use the **chat**.", "Please use the **chat**. <script>x()</script>")
    handbook = load_handbook(data_copy, today=TODAY, built_at=BUILT_AT)
    page = lists.render_faq_page(*prepared(handbook))
    assert "Please use the <strong>chat</strong>. &lt;script&gt;x()&lt;/script&gt;" in page
