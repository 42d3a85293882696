"""The GitHub Actions workflows: valid against the Actions schema, and doing what CONTRIBUTING.md promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))


def lint(*paths: Path) -> subprocess.CompletedProcess:
    """check-jsonschema with its bundled GitHub workflow schema: no network needed."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           *map(str, paths)], capture_output=True, text=True, timeout=120)


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as the word "on".
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def runs(job: dict) -> list[str]:
    return [step["run"].strip() for step in steps(job) if "run" in step]


def test_there_are_three_workflows():
    """Pull request, publishing from main, and the weekly reminder."""
    assert [path.name for path in FILES] == ["publish.yml", "pull-request.yml", "weekly-review.yml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflow_is_valid(path):
    """Each workflow file passes the GitHub Actions workflow schema."""
    result = lint(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_linter_catches_a_broken_workflow(tmp_path):
    """Negative control: a misspelt key (`run-on`) and a step with neither `run` nor `uses` fail the lint."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    run-on: ubuntu-latest\n    steps:\n      - name: nothing\n",
                      encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1 and "broken.yml" in result.stdout


def test_pull_request_runs_check_strict_build_tests_and_keeps_the_files():
    """On a pull request: install, `make check`, the strict build, the tests, then the zip and PDFs as artefacts."""
    flow = workflow("pull-request.yml")
    assert "pull_request" in flow["on"]
    job = flow["jobs"]["check-build-test"]
    assert runs(job) == ["make install", "make check STRICT=--strict", "make site STRICT=--strict", "make test"]
    assert job["env"]["CI"] == "true"  # browser tests run instead of skipping
    upload = next(step for step in steps(job) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].split() == ["dist/handbook-*.zip", "dist/*.pdf", "dist/checklists/*.pdf"]
    assert upload["with"]["if-no-files-found"] == "error"
    assert flow["permissions"] == {"contents": "read"}


def test_main_checks_freshness_strictly_and_publishes():
    """On main: the same steps, `check --strict-freshness`, the artefacts kept, and the site deployed to Pages."""
    flow = workflow("publish.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    build, freshness, deploy = flow["jobs"]["build"], flow["jobs"]["freshness"], flow["jobs"]["deploy"]
    assert runs(build)[:4] == ["make install", "make check", "make site", "make test"]
    assert ".venv/bin/python -m macros check --strict-freshness" in runs(freshness)
    uses = [step.get("uses", "") for step in steps(build)]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"] for step in steps(deploy)] == ["actions/deploy-pages@v4"]


def test_weekly_reminder_prints_the_review():
    """Every Monday the review list goes into the run's summary."""
    flow = workflow("weekly-review.yml")
    assert flow["on"]["schedule"] == [{"cron": "0 6 * * 1"}]
    assert any("-m macros review" in command and "GITHUB_STEP_SUMMARY" in command
               for command in runs(flow["jobs"]["review"]))


def _makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {match.group(1) for match in re.finditer(r"^([A-Za-z0-9_.$()/-]+):", text, re.M)}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_make_target_and_action_exists_and_is_pinned(path):
    """`make X` names a real target (or the venv file), and every action is pinned to a major version."""
    text = path.read_text(encoding="utf-8")
    targets = _makefile_targets() | {".venv/.installed"}
    assert {t for t in re.findall(r"\bmake ([\w./-]+)", text)} <= targets
    for action in re.findall(r"uses: (\S+)", text):
        assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", action), action


def test_contributing_names_the_workflow_steps():
    """CONTRIBUTING.md explains every step name a person sees on a pull request."""
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    names = [step["name"] for step in steps(workflow("pull-request.yml")["jobs"]["check-build-test"])]
    names.remove("Get the files of the pull request")
    assert [name for name in names if name not in contributing] == []
    assert workflow("publish.yml")["jobs"]["freshness"]["name"] in contributing
