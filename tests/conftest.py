"""Shared fixtures: copies of the small fixture handbook that a test may break on purpose."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
SAMPLE = ROOT / "handbook_data"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal fixture handbook, named handbook_data like the real one."""
    target = tmp_path / "handbook_data"
    shutil.copytree(MINIMAL, target)
    return target


def messages_after_edit(data_dir: Path, file: str, old: str | None, new: str) -> list[str]:
    """Replace `old` by `new` in one fixture file (the whole file when `old` is None); the messages of the load."""
    from macros.errors import DataError
    from macros.loader import load_handbook

    target = data_dir / file
    if old is None:
        target.write_text(new, encoding="utf-8")
    else:
        edit(target, old, new)
    with pytest.raises(DataError) as raised:
        load_handbook(data_dir, today=TODAY)
    return [str(problem) for problem in raised.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a data file (fails loudly if it is not there)."""
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
