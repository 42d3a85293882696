"""Searching the copy like a person, in any of its languages, and reading the results as they are shown."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .conftest import Browsing, Site, open_tab

# The first groups of Material's result list (one group per page: the page, then its best sections), each as
# the direct links a reader sees without unfolding "more".
RESULT_GROUPS = """(items, count) => items.slice(0, count).map(item =>
  Array.from(item.querySelectorAll(':scope > a.md-search-result__link')).map(link => {
    const url = new URL(link.href);
    return [url.href.split('#')[0].split('?')[0], url.hash.slice(1), link.querySelector('h1, h2').textContent];
  }))"""


@dataclass(frozen=True)
class Result:
    """One link of a result group: its page (relative to the language's folder), its section ('' for the page)."""

    page: str
    section: str
    title: str


def in_language(browser: Any, site: Site, language: str, **context_options: Any) -> tuple[Any, Browsing]:
    """A new tab on the copy's handbook in `language` (every request watched, as for every tab)."""
    options = {"viewport": {"width": 1280, "height": 900}, **context_options}
    return open_tab(browser, dataclasses.replace(site, language=language), **options)


def placeholder(page: Any) -> str:
    """Material's "type to start searching" in the page's language: shown once the index is ready and the box empty."""
    return page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                         ".translations['search.result.placeholder']")


def search_for(browsing: Browsing, query: str, groups: int = 3) -> list[list[Result]]:
    """Empty the search box, wait until search is ready, paste `query`; the first `groups` result groups."""
    page = browsing.page
    ready = placeholder(page)
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    box.fill("")
    # Material reads the box on key-up, which filling alone does not cause: hence the End key.
    box.press("End")
    meta.filter(has_text=ready).wait_for()
    box.fill(query)
    box.press("End")
    meta.filter(has_not_text=ready).wait_for()
    found = page.locator("li.md-search-result__item").evaluate_all(RESULT_GROUPS, groups)
    return [[Result(browsing.site.page_of(url), section, title) for url, section, title in group] for group in found]


def pages_of(groups: list[list[Result]]) -> list[str]:
    return [group[0].page for group in groups]
