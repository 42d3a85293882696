"""Golden files change only through `make golden`: never by a test run, never in CI, and .ci/run checks that."""

from __future__ import annotations

import os
import shutil
import subprocess

import golden_files
import pytest
from conftest import ROOT


def test_missing_golden_fails_and_says_make_golden(tmp_path, monkeypatch):
    """Without the file the comparison fails, names the command that creates it and writes nothing."""
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    path = tmp_path / "page.md"
    with pytest.raises(pytest.fail.Exception, match="missing: create it with `make golden`"):
        golden_files.assert_golden(path, "text")
    assert not path.exists()


def test_differing_golden_fails_and_is_left_alone(tmp_path, monkeypatch):
    """A difference fails with the diff; the golden file keeps its reviewed text."""
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    path = tmp_path / "page.md"
    path.write_text("reviewed\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="-reviewed\n\\+generated"):
        golden_files.assert_golden(path, "generated\n")
    assert path.read_text(encoding="utf-8") == "reviewed\n"


def test_update_golden_writes_only_outside_ci(tmp_path, monkeypatch):
    """UPDATE_GOLDEN=1 rewrites the file; with CI=true as well it fails and writes nothing."""
    path = tmp_path / "page.md"
    path.write_text("old\n", encoding="utf-8")
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="never rewritten in CI"):
        golden_files.assert_golden(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    monkeypatch.setenv("CI", "false")
    golden_files.assert_golden(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"


def test_make_golden_refuses_under_ci(monkeypatch):
    """`make golden` with CI=true stops before running anything, with exit code 2."""
    environment = {**os.environ, "CI": "true"}
    environment.pop("MAKEFLAGS", None)
    result = subprocess.run(["make", "--no-print-directory", "golden"], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "refuses to run under CI=true" in result.stderr


@pytest.mark.parametrize(("fake_make", "exit_code", "complaint"), [
    ("exit 0", 0, False),
    ("exit 3", 3, False),
    ("echo rewritten > tests/golden/pages/home.md", 1, True),
    ("echo new > tests/golden/pages/extra.md", 1, True),
])
def test_ci_run_fails_when_the_run_changes_golden_files(tmp_path, fake_make, exit_code, complaint):
    """.ci/run passes make's exit code through, and fails when `make test` left tests/golden/ changed."""
    repository = tmp_path / "repository"
    (repository / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repository / ".ci" / "run")
    (repository / "tests" / "golden" / "pages").mkdir(parents=True)
    (repository / "tests" / "golden" / "pages" / "home.md").write_text("reviewed\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    subprocess.run(git + ["add", "."], cwd=repository, check=True)
    subprocess.run(git + ["commit", "-qm", "start"], cwd=repository, check=True)
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "make").write_text(f"#!/bin/sh\n{fake_make}\n", encoding="utf-8")
    (tools / "make").chmod(0o755)
    environment = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", str(repository / ".ci" / "run")], env=environment, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == exit_code, result.stderr
    assert ("changed files under tests/golden/" in result.stderr) == complaint

