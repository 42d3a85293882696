"""Browser fixtures: the sample handbook's USB copy, opened in Debian's Chromium from file:// and over HTTP.

The copy under test is the real artefact: `python -m macros build` writes dist/handbook-….zip, which is
unpacked as a person would unpack it onto a stick. Every page a test opens is watched: console errors,
failed requests and any request to a host other than the copy itself are recorded (and blocked).
"""

from __future__ import annotations

import contextlib
import functools
import json
import threading
import zipfile
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
from printed_sample import built_sample, require_chromium

from macros.browser import chromium
from macros.usb_copy import MANIFEST_NAME

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
# The copy's language most tests read (the English catalogue's words are easy to assert).
LANGUAGE = "en"
# Schemes that never leave the machine: inline data, object URLs, the empty page.
LOCAL_SCHEMES = ("data:", "blob:", "about:")
# From file:// the offline plugin's search_index.js is loaded, over HTTP the worker fetches search_index.json.
SEARCH_INDEX = "/search/search_index."
# Material's own English texts in the search box (partials/languages/en.html), not the handbook's catalogue.
SEARCH_READY = "Type to start searching"
SEARCH_NOTHING_FOUND = "No matching documents"
# The top-3 rate of the query list and its misses (test_search_queries.py), printed at the end of the run.
SEARCH_REPORT = pytest.StashKey[list[str]]()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """The search query list's top-3 rate and misses, after every run that ran it."""
    report = config.stash.get(SEARCH_REPORT, None)
    if report:
        terminalreporter.write_sep("-", "search queries")
        for line in report:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright; skipped loudly without it, except with CI=true where it must run."""
    require_chromium("browser tests")
    with chromium() as running:
        yield running


@pytest.fixture(scope="session")
def handbook_copy(browser, tmp_path_factory) -> Path:
    """The sample's USB copy from the session's one build, unpacked: the folder a person opens."""
    work = tmp_path_factory.mktemp("usb-copy")
    (archive,) = (built_sample(tmp_path_factory).dist_root / "staff").glob("handbook-*.zip")
    with zipfile.ZipFile(archive) as copy:
        copy.extractall(work / "stick")
    (folder,) = (work / "stick").iterdir()
    return folder


@pytest.fixture(scope="session")
def html_pages(handbook_copy: Path) -> list[str]:
    """Every HTML page of the copy's English handbook, as listed in its manifest (relative to en/)."""
    manifest = json.loads((handbook_copy / MANIFEST_NAME).read_text(encoding="utf-8"))
    return [name.removeprefix(f"{LANGUAGE}/") for name in manifest["files"]
            if name.endswith(".html") and name.startswith(f"{LANGUAGE}/")]


class _QuietHandler(SimpleHTTPRequestHandler):
    # A stalled connection must not hang the test run.
    timeout = 30

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served by a local web server on 127.0.0.1 (a free port) while the block runs; its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)


@pytest.fixture(scope="session")
def http_base(handbook_copy: Path) -> Iterator[str]:
    """The copy served by a local web server, stopped after the session."""
    with serving(handbook_copy) as base:
        yield base


@dataclass
class Site:
    """Where the copy is opened from: `root` is the copy's folder and `base` one language in it (both end in '/');
    `origin` is 'file' or 'http'."""

    origin: str
    root: str
    folder: Path
    language: str = LANGUAGE

    @property
    def base(self) -> str:
        return f"{self.root}{self.language}/"

    def url(self, page: str) -> str:
        return self.base + page

    def page_of(self, url: str) -> str:
        """The page path of a URL inside the copy, without query or fragment ('' when outside)."""
        if not url.startswith(self.base):
            return ""
        return url[len(self.base):].split("#", 1)[0].split("?", 1)[0]

    def is_own(self, url: str) -> bool:
        return url.startswith(self.root) or url.startswith(LOCAL_SCHEMES)


@pytest.fixture(params=["file", "http"])
def site(request, handbook_copy: Path) -> Site:
    """The copy from file:// (a USB stick) and from http://127.0.0.1 (a file share behind a web server)."""
    if request.param == "file":
        return Site("file", handbook_copy.as_uri() + "/", handbook_copy)
    return Site("http", request.getfixturevalue("http_base"), handbook_copy)


@dataclass
class Watch:
    """What happened behind the page: console errors, uncaught errors, failed and outside requests."""

    site: Site
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"request to another host: {url}" for url in self.outside]
                + [f"failed request: {failure}" for failure in self.failed]
                + [f"console error: {error}" for error in self.errors])

    def clear(self) -> None:
        for record in (self.requests, self.outside, self.failed, self.errors):
            record.clear()


@dataclass
class Browsing:
    """A fresh browser tab on the copy with its Watch."""

    page: Any
    watch: Watch
    site: Site

    def open(self, page: str) -> None:
        """Open a page of the copy and wait until it has loaded its search index too (search/search_index.*)."""
        with self.page.context.expect_event("requestfinished", lambda request: SEARCH_INDEX in request.url):
            self.page.goto(self.site.url(page), wait_until="load")


def open_tab(browser: Any, site: Site, **context_options: Any) -> tuple[Any, Browsing]:
    """A new browser context and tab whose every request is recorded; requests to other hosts are blocked."""
    context = browser.new_context(**context_options)
    # Everything here happens within a second or two; a broken page should fail fast, not after 30 s.
    context.set_default_timeout(10_000)
    watch = Watch(site)

    def on_request(request: Any) -> None:
        watch.requests.append(request.url)
        if not site.is_own(request.url):
            watch.outside.append(request.url)

    def on_failure(request: Any) -> None:
        # Opening the next page cancels what the last one still loads (its favicon): not a fault of the site.
        if request.failure != "net::ERR_ABORTED":
            watch.failed.append(f"{request.url} ({request.failure})")

    context.on("request", on_request)
    context.on("requestfailed", lambda request: on_failure(request))
    # Nothing may leave the machine, even if a page tried: such requests are recorded above, then aborted.
    context.route(lambda url: not site.is_own(url), lambda route: route.abort())
    page = context.new_page()
    page.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
    return context, Browsing(page, watch, site)


@pytest.fixture
def tab(browser, site: Site) -> Iterator[Browsing]:
    """A desktop-sized tab (1280 × 900) on the copy; the test fails if anything went wrong behind it."""
    context, browsing = open_tab(browser, site, viewport={"width": 1280, "height": 900})
    try:
        yield browsing
        assert browsing.watch.problems() == [], f"{site.origin}: problems behind the page"
    finally:
        context.close()


def screenshot(page: Any, name: str, **options: Any) -> Path:
    """Save a screenshot into test-artifacts/ (kept for people to look at, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), **options)
    assert path.stat().st_size > 1000, f"{path} is empty"
    return path
