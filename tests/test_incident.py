"""Incident mode on the worked running incident (tests/fixtures/incident/): the banner's words per edition, the
timeline page, `new-update` and `close-incident`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILT_AT, ROOT, SAMPLE, TODAY, edit
from editions import prepared

from macros.errors import DataError
from macros.incident_log import add_update, close_incident
from macros.labels import labels_for
from macros.loader import load_handbook
from macros.pages import built_pages
from macros.render.incident import render_incident_banner, render_incident_page

INCIDENT = ROOT / "tests" / "fixtures" / "incident" / "situation.yml"
# Planted in every internal text of the situation: it must never reach the public edition.
MARKER = "INTERNAL-ONLY-7f3a"
NOW = dt.datetime(2026, 11, 23, 10, 45)


@pytest.fixture
def incident_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample with the running incident."""
    target = tmp_path / "handbook_data"
    shutil.copytree(SAMPLE, target)
    shutil.copy(INCIDENT, target / "situation.yml")
    return target


def load(data: Path):
    return load_handbook(data, today=TODAY, built_at=BUILT_AT)


def plant_marker(data: Path) -> None:
    """The marker in the summary, what agents tell customers, and every update's internal text."""
    situation = data / "situation.yml"
    text = situation.read_text(encoding="utf-8")
    for internal in ("In Leipzig kommen seit 07:40 Uhr keine Anrufe an", "Wir haben gerade längere Wartezeiten",
                     "Leipzig erhält keine Anrufe", "Warteschlangen nach Malmö umgeschaltet",
                     "Plattformanbieter vermutet einen Fehler"):
        assert internal in text, internal
        text = text.replace(internal, f"{MARKER} {internal}")
    situation.write_text(text, encoding="utf-8")


def test_public_banner_and_pages_carry_no_internal_wording(incident_copy):
    """The public edition's banner, timeline page and every other page show only the public wording."""
    plant_marker(incident_copy)
    handbook = load(incident_copy)
    public, edition = prepared(handbook, "public")
    banner = render_incident_banner(public, edition, "index.md")
    assert "Unsere Hotline ist gerade nur eingeschränkt erreichbar." in banner
    assert "23.11.2026, 11:00" in banner.replace("\u00a0", " ")
    pages = {built.path: built.page.render(public, edition, built.record_id) for built in built_pages(public, edition)}
    assert "incident.md" in pages
    assert "Wir arbeiten an der Störung und melden uns bis 11:00 Uhr wieder." in pages["incident.md"]
    for name, markdown in [("banner", banner), *pages.items()]:
        assert MARKER not in markdown, name
        for internal in ("telephony-outage", "Ausfall der Telefonieplattform", "P1-4711", "team-lead-leipzig"):
            assert internal not in markdown, (name, internal)
    # Negative control: the staff edition shows the internal words the public one must not.
    staff, staff_edition = prepared(handbook, "staff")
    assert MARKER in render_incident_banner(staff, staff_edition, "index.md")


def test_staff_banner_names_scenario_level_and_what_to_tell_customers(incident_copy):
    """Staff read what is happening, the scenario and level (linked), what to tell customers and the next update."""
    staff, edition = prepared(load(incident_copy), "staff", "en")
    banner = render_incident_banner(staff, edition, "bia/inbound-hotline.md").replace("\u00a0", " ")
    assert "No calls have reached Leipzig since 07:40" in banner
    assert '<a href="../scenarios/telephony-outage.html#level-one-site">Telephony platform outage</a>' in banner
    assert "One site cannot take calls" in banner
    assert "Our hotline has longer waiting times right now." in banner
    assert '<a href="../incident.html">all updates</a>' in banner
    assert "overdue" not in banner


def test_banner_marks_an_overdue_update(incident_copy):
    """Built after next_update, the banner says the update is overdue."""
    handbook = load_handbook(incident_copy, today=TODAY, built_at=BUILT_AT + dt.timedelta(hours=2))
    staff, edition = prepared(handbook, "staff", "en")
    assert 'class="stale-badge">overdue</strong>' in render_incident_banner(staff, edition, "index.md")


def test_no_banner_and_no_timeline_without_an_incident():
    """Without situation.yml nothing changes: no banner, no incident page."""
    staff, edition = prepared(load(SAMPLE), "staff")
    assert render_incident_banner(staff, edition, "index.md") == ""
    assert "incident.md" not in [built.path for built in built_pages(staff, edition)]


def test_timeline_lists_updates_newest_first_with_their_authors(incident_copy):
    """The timeline page lists every update with its time, newest first; staff see who gave it."""
    staff, edition = prepared(load(incident_copy), "staff", "en")
    page = render_incident_page(staff, edition).replace("\u00a0", " ")
    rows = [line for line in page.splitlines() if line.startswith("| 23 Nov 2026")]
    assert [row.split("|")[1].strip() for row in rows] == ["23 Nov 2026, 10:00", "23 Nov 2026, 08:20",
                                                          "23 Nov 2026, 07:55"]
    assert "Emergency officer" in rows[0]


def test_new_update_stamps_the_update_and_moves_next_update(incident_copy):
    """new-update appends the stamped update, keeps the file's comments and sets the next update."""
    added = add_update(incident_copy, "Rollback done: calls reach Leipzig again.", NOW,
                       public_text="Unsere Hotline ist wieder erreichbar.", by="it-lead", next_in_minutes=30)
    assert added.next_update == dt.datetime(2026, 11, 23, 11, 15)
    text = (incident_copy / "situation.yml").read_text(encoding="utf-8")
    assert text.startswith(INCIDENT.read_text(encoding="utf-8").split("\n")[0])
    assert 'next_update: "2026-11-23 11:15"' in text
    situation = load(incident_copy).situation
    assert situation is not None and len(situation.updates) == 4
    last = situation.updates[-1]
    assert (last.at, str(last.text), str(last.public_text), last.by) == (
        dt.datetime(2026, 11, 23, 10, 45), "Rollback done: calls reach Leipzig again.",
        "Unsere Hotline ist wieder erreichbar.", "it-lead")


def test_new_update_refuses_an_unknown_author_and_changes_nothing(incident_copy):
    """An update that would not load (an unknown role) is refused and the file is left as it was."""
    before = (incident_copy / "situation.yml").read_text(encoding="utf-8")
    with pytest.raises(DataError):
        add_update(incident_copy, "x", NOW, by="nobody-here")
    assert (incident_copy / "situation.yml").read_text(encoding="utf-8") == before


def test_close_incident_moves_the_timeline_into_the_exercise_log(incident_copy):
    """Closing removes situation.yml and adds an `incident` entry with the whole timeline to exercises.yml."""
    closed = close_incident(incident_copy, NOW)
    assert closed.exercise_id == "2026-11-23-incident-telephony-outage" and closed.updates == 3
    assert not (incident_copy / "situation.yml").exists()
    handbook = load(incident_copy)
    assert handbook.situation is None
    entry = next(exercise for exercise in handbook.exercises if exercise.id == closed.exercise_id)
    assert (entry.kind.value, entry.scenario, entry.date) == ("incident", "telephony-outage", dt.date(2026, 11, 23))
    assert [moment.at.strftime("%H:%M") for moment in entry.timeline] == ["07:55", "08:20", "10:00"]
    assert "Leipzig erhält keine Anrufe" in str(entry.timeline[0].text)
    # The findings start as the reminder, in the handbook's language, that the after-action review is to come.
    assert [str(finding) for finding in entry.findings] == [labels_for("de")("incident.review_pending")]


def run(*arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "macros", *arguments], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=300)


def test_new_update_without_an_incident_is_a_usage_error(data_copy):
    """Without situation.yml there is nothing to update: exit 2 with one line saying so."""
    result = run("new-update", "--data", str(data_copy), "--text", "Calls are back.")
    assert result.returncode == 2
    assert "situation.yml" in result.stderr and "Traceback" not in result.stderr


def test_make_targets_take_the_data_folder():
    """check, review, serve, new-faq, site, new-update and close-incident all pass DATA on to the command."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("check", "review", "new-faq", "site", "new-update", "close-incident"):
        recipe = makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]
        assert "--data $(call shell_word,DATA)" in recipe, target
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "HANDBOOK_DATA=$(call shell_word,DATA)" in serve


def test_readme_tells_the_truth_about_exit_codes(tmp_path):
    """make turns every failure into its own exit code 2; the command exits 1 on data problems. The README says so."""
    broken = tmp_path / "handbook_data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", broken)
    edit(broken / "roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun]")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    through_make = subprocess.run(["make", "--no-print-directory", "check", f"DATA={broken}"], cwd=ROOT,
                                  env=environment, capture_output=True, text=True, timeout=300)
    assert through_make.returncode == 2, through_make.stdout + through_make.stderr
    assert run("check", "--data", str(broken)).returncode == 1
    row = next(line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| `make check"))
    assert "`make` itself exits 2 on any failure" in row and "1 data problems" in row
