"""Golden files under tests/golden/: compared, and rewritten only by `make golden` (UPDATE_GOLDEN=1)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def updating() -> bool:
    """True under `make golden`; CI must never rewrite the files it is meant to check against."""
    if os.environ.get("UPDATE_GOLDEN") != "1":
        return False
    if os.environ.get("CI") == "true":
        pytest.fail("UPDATE_GOLDEN=1 under CI=true: golden files are never rewritten in CI", pytrace=False)
    return True


def assert_golden(path: Path, actual: str) -> None:
    """`actual` must equal the golden file at `path`; only `make golden` writes it."""
    root = GOLDEN.parent.parent
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != actual:
            path.write_text(actual, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"golden file {shown} is missing: create it with `make golden` and review it before committing",
                    pytrace=False)
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            fromfile=str(shown), tofile="generated"))
        pytest.fail(f"generated text differs from {shown} (if the change is intended: `make golden`, then review "
                    f"the diff):\n{diff}", pytrace=False)
