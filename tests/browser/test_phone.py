"""On a 390 × 844 phone, in every edition and language of the sample: the home page shows the emergency number and
the first three first-hour steps without scrolling, also with the "may be out of date" notice, and no page scrolls
sideways."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from printed_sample import built_sample

from .conftest import Site, open_tab, screenshot

PHONE = {"width": 390, "height": 844}
PHONE_OPTIONS = {"viewport": PHONE, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
# Bottom edges of the number box and of the first three steps of the first hour, in page coordinates.
FIRST_SCREEN = """() => {
  const number = document.getElementById('emergency-number').getBoundingClientRect();
  const steps = [...document.querySelectorAll('#first-hour ~ ul.task-list > li.task-list-item')].slice(0, 3);
  return {number: number.bottom + window.scrollY,
          steps: steps.map(step => step.getBoundingClientRect().bottom + window.scrollY)};
}"""


def edition_site(tmp_path_factory: pytest.TempPathFactory, edition: str, language: str) -> Site:
    """One edition's built site from file://, in `language`."""
    folder = built_sample(tmp_path_factory).site_root / edition
    return Site("file", folder.as_uri() + "/", folder, language)


def built_at_and_limit(page) -> tuple[dt.datetime, int]:
    stamp = page.locator(".build-stamp")
    return dt.datetime.fromisoformat(stamp.get_attribute("data-built-at")), int(stamp.get_attribute("data-max-age-days"))


@pytest.mark.parametrize("edition", ["staff", "crisis-team"])
@pytest.mark.parametrize("language", ["de", "en", "sv"])
@pytest.mark.parametrize("out_of_date", [False, True], ids=["current", "out-of-date"])
def test_home_shows_the_number_and_three_first_steps_on_the_first_screen(browser, tmp_path_factory, edition,
                                                                         language, out_of_date):
    """The number and three steps fit the first 844 px; with the notice showing they still do."""
    context, browsing = open_tab(browser, edition_site(tmp_path_factory, edition, language), **PHONE_OPTIONS)
    try:
        page = browsing.page
        browsing.open("index.html")
        built_at, limit = built_at_and_limit(page)
        page.clock.set_fixed_time(built_at + dt.timedelta(days=limit + 1 if out_of_date else 0, hours=1))
        browsing.open("index.html")
        assert page.locator("#copy-age-notice").is_visible() == out_of_date
        found = page.evaluate(FIRST_SCREEN)
        assert len(found["steps"]) == 3, "the first hour has fewer than three steps"
        assert found["number"] <= PHONE["height"], found
        assert max(found["steps"]) <= PHONE["height"], f"a first-hour step is below the first screen: {found}"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"home-390px-{edition}-{language}-{'old' if out_of_date else 'current'}")
        assert browsing.watch.problems() == []
    finally:
        context.close()


def pages_of(folder: Path) -> list[str]:
    """The pages a reader opens: 404.html is only ever served by a web server (its links start at the root)."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html") if path.name != "404.html")


@pytest.mark.parametrize("edition, language", [("staff", "de"), ("public", "de"), ("crisis-team", "sv")])
def test_no_page_scrolls_sideways_on_a_phone(browser, tmp_path_factory, edition, language):
    """Every page of the edition is at most 390 px wide on a 390 px phone (tables become cards, diagrams
    scroll inside their own box)."""
    site = edition_site(tmp_path_factory, edition, language)
    pages = pages_of(site.folder / language)
    assert len(pages) >= (2 if edition == "public" else 20)
    context, browsing = open_tab(browser, site, **PHONE_OPTIONS)
    try:
        wide = {}
        for name in pages:
            browsing.page.goto(site.url(name), wait_until="load")
            width = browsing.page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide[name] = width
        assert wide == {}, f"pages wider than the phone: {wide}"
        assert browsing.watch.problems() == []
    finally:
        context.close()
