"""Debian's Chromium driven by Playwright: for printing PDFs and for the browser tests.

Never a downloaded browser build: those cannot be fetched on the machines this runs on.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING, AsyncIterator, Iterator

from .errors import HandbookError

# Playwright is imported where a browser starts, so that a missing Playwright is a clear message.
if TYPE_CHECKING:
    from playwright.async_api import Browser as AsyncBrowser
    from playwright.sync_api import Browser

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Without these, Chromium phones home at start-up; on a closed network that means errors and delays.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
]


# Libraries a minimal Debian may lack, and the package that brings each (Chromium does not pull in libatomic1,
# which Playwright's bundled node needs).
LIBRARY_PACKAGES = {
    "libatomic.so.1": "libatomic1", "libnss3.so": "libnss3", "libnspr4.so": "libnspr4",
    "libasound.so.2": "libasound2", "libgbm.so.1": "libgbm1", "libdrm.so.2": "libdrm2",
    "libcups.so.2": "libcups2", "libxkbcommon.so.0": "libxkbcommon0", "libatk-1.0.so.0": "libatk1.0-0",
    "libatk-bridge-2.0.so.0": "libatk-bridge2.0-0", "libgtk-3.so.0": "libgtk-3-0", "libpango-1.0.so.0": "libpango-1.0-0",
    "libcairo.so.2": "libcairo2", "libdbus-1.so.3": "libdbus-1-3", "libexpat.so.1": "libexpat1",
}
MISSING_LIBRARY = re.compile(r"error while loading shared libraries: ([^:\s]+)")
# What Chromium wrote to its standard error while starting, as Playwright quotes it.
BROWSER_ERROR_LINE = re.compile(r"\[pid=\d+\]\[err\] (.+)")


class BrowserMissing(HandbookError):
    """Chromium or Playwright is not installed, or cannot start; the message is one line saying what to install."""


def _install_hint(library: str) -> str:
    package = LIBRARY_PACKAGES.get(library)
    return f"as root: apt-get install {package}" if package else f"install the Debian package that provides {library}"


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"


def _driver_problem() -> str | None:
    """Why Playwright's bundled node driver cannot start (a missing library, say), or None when it can."""
    try:
        from playwright._impl._driver import compute_driver_executable

        executable = compute_driver_executable()
    except Exception:
        # Not the layout this check knows: Playwright itself will say what is wrong.
        return None
    node = executable[0] if isinstance(executable, tuple) else executable
    try:
        result = subprocess.run([str(node), "--version"], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return None
    except OSError as error:
        return f"Playwright's browser driver {node} cannot start: {error.strerror}"
    if result.returncode == 0:
        return None
    missing = MISSING_LIBRARY.search(result.stderr)
    if missing:
        return f"Playwright's browser driver cannot start: {missing.group(1)} is missing ({_install_hint(missing.group(1))})"
    return f"Playwright's browser driver {node} cannot start: {_one_line(result.stderr) or f'exit code {result.returncode}'}"


def _launch_problem(executable: str, error: Exception) -> str:
    """One line on why Chromium did not start, from the error Playwright raised."""
    message = str(error)
    missing = MISSING_LIBRARY.search(message)
    if missing:
        return f"Chromium ({executable}) cannot start: {missing.group(1)} is missing ({_install_hint(missing.group(1))})"
    said = BROWSER_ERROR_LINE.search(message)
    return f"Chromium ({executable}) cannot start: {_one_line(said.group(1) if said else message)}"


def chromium_path() -> str | None:
    """The system Chromium, or the one named by HANDBOOK_CHROMIUM; None when there is none."""
    configured = os.environ.get("HANDBOOK_CHROMIUM")
    if configured:
        return configured if os.path.exists(configured) else None
    return next((path for path in CHROMIUM_CANDIDATES if os.path.exists(path)), shutil.which("chromium"))


def _installed_chromium() -> str:
    """The Chromium to start; BrowserMissing when there is none."""
    executable = chromium_path()
    if executable is None:
        raise BrowserMissing("Chromium not found: install the Debian package chromium (as root: apt-get install chromium)")
    return executable


def _check_driver() -> None:
    """BrowserMissing when Playwright's driver cannot start."""
    problem = _driver_problem()
    if problem:
        raise BrowserMissing(problem)


_PLAYWRIGHT_MISSING = "Playwright not installed: run 'make site' or pip install playwright"


def _driver_failed(error: Exception) -> BrowserMissing:
    return BrowserMissing(f"Playwright's browser driver did not start: {_one_line(str(error))}")


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Playwright Browser on the system Chromium, closed afterwards.

    Raises BrowserMissing, with one line saying what to install, when Chromium, Playwright or a library
    either of them needs is missing; never a traceback for those.
    """
    executable = _installed_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissing(_PLAYWRIGHT_MISSING) from None
    _check_driver()
    try:
        playwright = sync_playwright().start()
    except Exception as error:
        raise _driver_failed(error) from None
    try:
        try:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        except Exception as error:
            raise BrowserMissing(_launch_problem(executable, error)) from None
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@asynccontextmanager
async def async_chromium() -> AsyncIterator[AsyncBrowser]:
    """chromium() for Playwright's async API, whose tabs can print at the same time; the same BrowserMissing lines."""
    executable = _installed_chromium()
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        raise BrowserMissing(_PLAYWRIGHT_MISSING) from None
    _check_driver()
    try:
        playwright = await async_playwright().start()
    except Exception as error:
        raise _driver_failed(error) from None
    try:
        try:
            browser = await playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        except Exception as error:
            raise BrowserMissing(_launch_problem(executable, error)) from None
        try:
            yield browser
        finally:
            await browser.close()
    finally:
        await playwright.stop()
