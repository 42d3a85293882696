"""Planted payloads in Chromium, from file:// and over HTTP: an `onerror` (raw HTML and attr_list), a `javascript:`
link, a remote image and a title that tries to leave its attribute neither run nor request anything."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from conftest import MINIMAL, ROOT, SOURCE_DATE_EPOCH, edit
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import serving

# Each payload, if it ran, would say so here.
RAN = "() => window.__pwned || null"
PLANTED_ANSWER = """\
  Look ![pixel](https://evil.example/pixel.png) and <img src=x onerror="window.__pwned='raw html'">

  ![diagram](missing.png){: onerror="window.__pwned='attr_list'"}

  [click me](javascript:window.__pwned='javascript-link') or [our status page](https://status.example.com/)
"""
PLANTED_TITLE = "handbook_title: 'Handbook\" autofocus onfocus=\"window.__pwned=1'\n"


@pytest.fixture(scope="module")
def hostile_site(browser, tmp_path_factory) -> Path:
    """The minimal handbook with the payloads planted, built as `mkdocs build` previews it."""
    work = tmp_path_factory.mktemp("hostile")
    data = work / "handbook_data"
    shutil.copytree(MINIMAL, data)
    edit(data / "faq/phone-down.yml", "  Our phone line has a fault. Please use the **chat**.\n", PLANTED_ANSWER)
    edit(data / "organisation.yml", "handbook_title: Example emergency handbook\n", PLANTED_TITLE)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("HANDBOOK_DATA", str(data))
        monkeypatch.setenv("HANDBOOK_LANGUAGE", "en")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(work / "site"), strict=True))
    return work / "site"


@pytest.fixture(params=["file", "http"])
def base(request, hostile_site: Path) -> Iterator[str]:
    """The hostile site from file:// and from a web server on 127.0.0.1."""
    if request.param == "file":
        yield hostile_site.as_uri() + "/"
        return
    with serving(hostile_site) as served:
        yield served


def visit(browser: Any, base: str, page: str) -> tuple[Any, Any, list[str], list[str]]:
    """A tab on `page` with every request recorded (and any to another place aborted) and every console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(lambda url: not url.startswith(base), lambda route: route.abort())
    tab = context.new_page()
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    tab.goto(base + page, wait_until="load")
    tab.wait_for_timeout(300)
    return context, tab, requests, errors


def test_planted_payloads_neither_run_nor_request_anything(browser, base):
    """On the FAQ page no payload runs, on load, on hovering, on clicking the link or on focusing; the only requests
    are to the site itself (the remote image is never even asked for), and the browser logs no error."""
    context, tab, requests, errors = visit(browser, base, "faq.html")
    try:
        answer = tab.locator(".faq-answer")
        answer.hover()
        tab.get_by_text("click me").click()
        tab.keyboard.press("Tab")
        tab.wait_for_timeout(300)
        assert tab.evaluate(RAN) is None
        assert tab.url == base + "faq.html"
        outside = [url for url in requests if not url.startswith(base) and not url.startswith("data:")]
        assert outside == []
        assert len([url for url in requests if "evil.example" in url]) == 0
        # The payloads are shown as text: the reader sees what was written, nothing is hidden.
        assert "onerror=\"window.__pwned='raw html'\"" in answer.inner_text()
        assert answer.locator("img[onerror], [onerror], [onmouseover], a[href^='javascript']").count() == 0
        outside_link = answer.locator("a.outside-link")
        assert outside_link.get_attribute("rel") == "noopener" and outside_link.count() == 1
        assert [error for error in errors if "missing.png" not in error and "404" not in error
                and "ERR_FILE_NOT_FOUND" not in error] == []
    finally:
        context.close()


def test_a_title_cannot_leave_its_attribute(browser, base):
    """The handbook title with a quote and an onfocus handler stays one attribute value on every page kind."""
    for page in ("index.html", "contacts.html", "faq.html"):
        context, tab, requests, errors = visit(browser, base, page)
        try:
            tab.keyboard.press("Tab")
            tab.keyboard.press("Tab")
            assert tab.evaluate(RAN) is None, page
            assert tab.locator("[onfocus], [autofocus]").count() == 0, page
            assert 'Handbook" autofocus' in tab.title() or 'Handbook" autofocus' in tab.content(), page
        finally:
            context.close()
