"""The code passes the project's lint rules (pyproject.toml [tool.ruff.lint])."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_nothing():
    """ruff reports no error in macros/, tests/ and benchmarks/."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "macros", "tests", "benchmarks"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
