"""Shared fixtures: copies of the small fixture handbook that a test may break on purpose."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
SAMPLE = ROOT / "handbook_data"
# Every test reads "today" from here, never from the clock: the suite must pass on any day (make clock-check).
TODAY = dt.date(2026, 11, 23)
# 2026-11-23 09:30 UTC, 10:30 in the sample's Europe/Berlin: the moment every test loads and builds at.
BUILT_AT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.timezone.utc)
# The same moment for `python -m macros build` and MkDocs builds run by the tests.
SOURCE_DATE_EPOCH = str(int(BUILT_AT.timestamp()))


def load_on_test_day(data_dir: Path):
    """A handbook loaded as on TODAY at BUILT_AT, whatever the machine's clock says."""
    from macros.loader import load_handbook

    return load_handbook(data_dir, today=TODAY, built_at=BUILT_AT)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "golden: compares with a file under tests/golden/ (`make golden` rewrites them)")
    # The suite starts with an empty cache of its own (diagram layouts, printed pages): every layout and print is
    # made at least once in the run, and the project's .cache/ is left alone. Set before any test runs.
    if "HANDBOOK_CACHE" not in os.environ:
        os.environ["HANDBOOK_CACHE"] = config.stash[_OWN_CACHE] = tempfile.mkdtemp(prefix="handbook-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    # The suite's own cache goes with the run (only the one this session made).
    if _OWN_CACHE in config.stash:
        shutil.rmtree(config.stash[_OWN_CACHE], ignore_errors=True)


_OWN_CACHE = pytest.StashKey[str]()


@pytest.fixture(autouse=True)
def environment_unchanged():
    """Fails a test that leaves the environment changed (say HANDBOOK_INCLUDE_PRIVATE_NUMBERS=1): use monkeypatch."""
    before = dict(os.environ)
    yield
    # pytest itself names the running phase in PYTEST_CURRENT_TEST.
    changed = sorted(name for name in before.keys() | os.environ.keys()
                     if before.get(name) != os.environ.get(name) and name != "PYTEST_CURRENT_TEST")
    assert not changed, f"the test left these environment variables changed for the rest of the session: {changed}"


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
