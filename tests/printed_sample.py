"""The sample handbook built once per test session with `python -m macros build`, for the print and export tests.

The build prints with Debian's Chromium. Without it the tests that need the build are skipped loudly,
except with CI=true, where they must run and so fail.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH

from macros.browser import chromium_path

ROOT = Path(__file__).resolve().parent.parent
# The date every printed page must carry: the build runs at conftest's BUILT_AT, 10:30 in Europe/Berlin
# (as the English catalogue writes dates).
BUILD_DATE = "23 Nov 2026"
BUILD_EPOCH = SOURCE_DATE_EPOCH


@dataclass(frozen=True)
class BuiltSample:
    """Where the sample's build went (every edition in every language), what it printed and how long it took.

    `site` and `dist` are the staff edition in English, which the print tests read (the English catalogue's
    words are easy to assert); `site_root` and `dist_root` hold every edition.
    """

    site_root: Path
    dist_root: Path
    output: str

    def site_of(self, edition: str = "staff", language: str = "en") -> Path:
        return self.site_root / edition / language

    def dist_of(self, edition: str = "staff", language: str = "en") -> Path:
        return self.dist_root / edition / language

    @property
    def site(self) -> Path:
        return self.site_of()

    @property
    def dist(self) -> Path:
        return self.dist_of()

    @property
    def print_seconds(self) -> float:
        """The time the build reports for printing the staff edition's English PDFs."""
        found = re.search(r"^staff/en: .* printed in ([0-9.]+) s", self.output, re.M)
        assert found, self.output
        return float(found.group(1))


_built: BuiltSample | None = None


def require_chromium(tests: str = "print tests") -> None:
    """Skip loudly without Chromium or Playwright, unless CI=true, where that is a failure."""
    missing = None
    if chromium_path() is None:
        missing = "Chromium not found: sudo apt-get install chromium (or set HANDBOOK_CHROMIUM)"
    elif importlib.util.find_spec("playwright") is None:
        missing = "Playwright not installed: pip install -e '.[test]'"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true, so the {tests} must run, but: {missing}")
        pytest.skip(f"{tests.upper()} NOT RUN: {missing}")


def built_sample(tmp_path_factory: pytest.TempPathFactory) -> BuiltSample:
    """The sample built into a temporary site/ and dist/ (once per session, shared by every test module)."""
    global _built
    require_chromium()
    if _built is None:
        work = tmp_path_factory.mktemp("printed-sample")
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
        result = subprocess.run([sys.executable, "-m", "macros", "build", "--site", str(work / "site"),
                                 "--dist", str(work / "dist")], cwd=ROOT, env=environment, capture_output=True,
                                text=True, timeout=900)
        assert result.returncode == 0, result.stdout + result.stderr
        _built = BuiltSample(work / "site", work / "dist", result.stdout)
    return _built
