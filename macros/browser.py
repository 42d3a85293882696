"""Debian's Chromium driven by Playwright: for printing PDFs and for the browser tests.

Never a downloaded browser build: those cannot be fetched on the machines this runs on.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from typing import Iterator

from .errors import HandbookError

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Without these, Chromium phones home at start-up; on a closed network that means errors and delays.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
]


class BrowserMissing(HandbookError):
    """Chromium or Playwright is not installed."""


def chromium_path() -> str | None:
    """The system Chromium, or the one named by HANDBOOK_CHROMIUM; None when there is none."""
    configured = os.environ.get("HANDBOOK_CHROMIUM")
    if configured:
        return configured if os.path.exists(configured) else None
    return next((path for path in CHROMIUM_CANDIDATES if os.path.exists(path)), shutil.which("chromium"))


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Playwright Browser on the system Chromium, closed afterwards."""
    executable = chromium_path()
    if executable is None:
        raise BrowserMissing("Chromium not found: install the Debian package chromium (sudo apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissing("Playwright not installed: run 'make site' or pip install playwright") from None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def check_chromium() -> None:
    """Start and stop Chromium once, so that a missing browser or library is reported before a build starts."""
    with chromium():
        pass
