"""The command line: exit codes 0/1/2, one line per problem, no traceback, the previous site kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, ROOT, SOURCE_DATE_EPOCH, edit


def run(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    return subprocess.run([sys.executable, "-m", "macros", *arguments], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


def test_check_valid_data_exits_0():
    """`check` on valid data says so and exits 0."""
    result = run("check", "--data", str(MINIMAL), "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert "the handbook data is valid (3 contacts, 2 roles, 1 scenarios, 1 FAQ entries, 2 checklists)" in result.stdout


def test_check_bad_data_exits_1_with_one_line_per_problem(data_copy):
    """Three mistakes give three file:line lines plus a count, exit 1 and no traceback."""
    edit(data_copy / "faq/phone-down.yml", "owner: communication-lead", "owner: comms-lead")
    edit(data_copy / "checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 22.11.2026")
    edit(data_copy / "contacts.yml", "  verified_on: 2026-08-01", "  verified_on: 2026-08-01\n  colour: red")
    result = run("check", "--data", str(data_copy), "--today", "2026-11-23")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': expected a date "
        "like 2026-11-22, found '22.11.2026' (write the year first: YYYY-MM-DD)",
        "handbook_data/contacts.yml:42: contact 'clara-cruz', field 'colour': unknown field (the known fields are: "
        "id, name, kind, organisation, job_title, provider, phones, email, availability, verified_on, note, "
        "person, confidential, translated)",
        "handbook_data/faq/phone-down.yml:10: faq 'phone-down', field 'owner': there is no role with the id "
        "'comms-lead' (did you mean 'communication-lead'?)",
        "3 problems in the handbook data.",
    ]
    assert "Traceback" not in result.stderr + result.stdout


def test_usage_errors_exit_2():
    """A missing data folder or an unknown command is a usage error, exit 2."""
    missing = run("check", "--data", "/nonexistent/handbook_data")
    assert missing.returncode == 2
    assert "no such data folder" in missing.stderr and "Traceback" not in missing.stderr
    assert run("frobnicate").returncode == 2
    assert run("check", "--today", "22.11.2026").returncode == 2


def test_failed_build_leaves_previous_site_untouched(data_copy, tmp_path):
    """Broken data: exit 1, the messages, and site/ exactly as it was."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous edition", encoding="utf-8")
    edit(data_copy / "roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun]")
    result = run("build", "--data", str(data_copy), "--site", str(site), "--dist", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert "handbook_data/roles.yml:15: role 'communication-lead', field 'holders': the role has no deputy" in result.stderr
    assert "unchanged" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous edition"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_successful_build_replaces_the_site(tmp_path):
    """Valid data: the new site replaces the old one and no staging folder is left behind."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old", encoding="utf-8")
    result = run("build", "--data", str(MINIMAL), "--site", str(site), "--dist", str(tmp_path / "dist"))
    assert result.returncode == 0, result.stderr
    assert (site / "staff" / "en" / "index.html").is_file() and not (site / "stale.html").exists()
    # Only the build's lock file stays beside the output (kept, so that a waiting build never locks a stale file).
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".handbook-build.lock"]
