"""The USB copy in every language: the chooser opens each handbook, and switching language lands on the same
section of the same page, from file:// and over HTTP."""

from __future__ import annotations

import dataclasses

import pytest

from .conftest import SEARCH_INDEX, open_tab


@pytest.fixture
def german(browser, site):
    """A tab on the copy's German handbook; the test fails if anything went wrong behind the page."""
    german_site = dataclasses.replace(site, language="de")
    context, browsing = open_tab(browser, german_site, viewport={"width": 1280, "height": 900})
    try:
        yield browsing
        assert browsing.watch.problems() == [], f"{site.origin}: problems behind the page"
    finally:
        context.close()


def test_the_chooser_at_the_top_of_the_copy_opens_each_language(german):
    """The copy's own index.html lists Deutsch, English and svenska, each opening its home page."""
    page, site = german.page, german.site
    page.goto(site.root + "index.html")
    names = page.locator("a[hreflang]").all_inner_texts()
    assert [name.split(":")[0] for name in names] == ["Deutsch", "English", "svenska"]
    with page.context.expect_event("requestfinished", lambda request: SEARCH_INDEX in request.url):
        page.locator('a[hreflang="sv"]').click()
    assert page.url == site.root + "sv/index.html"
    assert page.locator("html").get_attribute("lang") == "sv"


@pytest.mark.parametrize(("page_name", "anchor"), [("contacts.html", "role-it-lead"),
                                                    ("faq.html", "faq-hotline-unreachable")])
def test_switching_language_lands_on_the_same_section(german, page_name, anchor):
    """From a German section, the language menu's English leads to the same page and section in English."""
    page, site = german.page, german.site
    german.open(f"{page_name}#{anchor}")
    page.locator(".md-header__option .md-select").hover()
    with page.context.expect_event("requestfinished", lambda request: SEARCH_INDEX in request.url):
        page.locator('a[data-handbook-language][hreflang="en"]').click()
    assert page.url == f"{site.root}en/{page_name}#{anchor}"
    assert page.locator("html").get_attribute("lang") == "en"
    target = page.locator(f"#{anchor}")
    target.wait_for()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, f"#{anchor} is not on screen after the switch: {box}"
