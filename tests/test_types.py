"""The package type-checks: mypy in strict mode over macros/ ([tool.mypy] in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _mypy(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", *arguments], cwd=ROOT, capture_output=True, text=True)


def test_mypy_finds_nothing():
    """mypy (strict for the core, as configured in pyproject.toml) reports no error in macros/."""
    result = _mypy()
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_sees_the_core_s_types(tmp_path: Path):
    """Negative control: a caller passing a number as a contact id and an untyped function are both reported."""
    caller = tmp_path / "caller.py"
    caller.write_text("from macros.model import Handbook\n\n\n"
                      "def first(handbook: Handbook) -> str:\n    return handbook.contact(1).name\n\n\n"
                      "def untyped(value):\n    return value\n", encoding="utf-8")
    result = _mypy(str(caller))
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Argument 1 to "contact" of "Handbook" has incompatible type "int"; expected "str"' in result.stdout
    assert "Function is missing a type annotation" in result.stdout
