"""The copy in Chromium, from file:// and over HTTP: clean pages, menu, table of contents, phones, diagrams."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from conftest import SAMPLE, TODAY
from editions import prepared

from macros.labels import labels_for
from macros.loader import load_handbook

from .conftest import open_tab, screenshot

LABELS = labels_for("en")
# Any number written with its country code (+49 30 …) or a trunk zero (030 …, not the 09 inside a date),
# and the emergency number 112 standing on its own.
FIND_UNLINKED_PHONE_NUMBERS = r"""() => {
  const phoneNumber = /(?:\+|(?<![\w\/.:-])0)\d[\d\u00a0 ()\/-]{5,}\d|(?<![\w+\/.,-])112(?![\w\/-]|[.,]\d)/g;
  const unlinked = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('script, style, a[href^="tel:"]')) continue;
    for (const match of node.textContent.matchAll(phoneNumber)) unlinked.push(match[0]);
  }
  return unlinked;
}"""


@dataclass
class PageFindings:
    """What one page showed and did, collected in a single visit."""

    requests: int
    problems: list[str]
    unlinked_numbers: list[str]
    tel_links: list[tuple[str, str]]
    diagrams: list[tuple[bool, float, float]]


@pytest.fixture(scope="module")
def sample():
    """The sample as the copy under test holds it: the staff edition, in English."""
    return prepared(load_handbook(SAMPLE, today=TODAY), "staff", "en")[0]


@pytest.fixture(scope="module")
def visits() -> dict[str, dict[str, PageFindings]]:
    return {}


@pytest.fixture
def every_page(browser, site, html_pages, visits) -> dict[str, PageFindings]:
    """Every page of the copy, opened once per origin; several tests below judge what was found."""
    if site.origin not in visits:
        context, browsing = open_tab(browser, site, viewport={"width": 1280, "height": 900})
        findings = {}
        try:
            for page_name in html_pages:
                browsing.watch.clear()
                browsing.open(page_name)
                page = browsing.page
                findings[page_name] = PageFindings(
                    requests=len(browsing.watch.requests),
                    problems=browsing.watch.problems(),
                    unlinked_numbers=page.evaluate(FIND_UNLINKED_PHONE_NUMBERS),
                    tel_links=[tuple(link) for link in page.locator('a[href^="tel:"]').evaluate_all(
                        "links => links.map(link => [link.getAttribute('href'), link.textContent])")],
                    diagrams=[(diagram.is_visible(), *_size(diagram.bounding_box()))
                              for diagram in page.locator(".diagram svg").all()],
                )
            # What a page still loads after its checks counts for the next page; the last one gets a moment.
            browsing.page.wait_for_load_state("networkidle")
            findings[html_pages[-1]].problems = browsing.watch.problems()
        finally:
            context.close()
        visits[site.origin] = findings
    return visits[site.origin]


def _size(box: dict | None) -> tuple[float, float]:
    return (box["width"], box["height"]) if box else (0.0, 0.0)


def test_every_page_loads_without_errors_and_nothing_leaves_the_copy(every_page, html_pages):
    """Each page loads, its search index loads, no console error, no failed request, no request elsewhere."""
    assert len(html_pages) >= 20 and "index.html" in html_pages and "404.html" not in html_pages
    assert all(found.requests for found in every_page.values()), "no request seen: the listener is not working"
    assert {page: found.problems for page, found in every_page.items() if found.problems} == {}


def test_the_watch_catches_a_request_to_another_host(browser, site):
    """Negative control: a page that asks another host is recorded (and the request never leaves)."""
    context, browsing = open_tab(browser, site)
    try:
        browsing.open("index.html")
        browsing.page.evaluate("() => new Promise(done => { const image = new Image(); image.onerror = done; "
                               "image.src = 'https://outside.invalid/pixel.png'; })")
        assert browsing.watch.outside == ["https://outside.invalid/pixel.png"]
    finally:
        context.close()


def test_menu_leads_to_each_page_and_back_returns(tab, sample):
    """Through the menu to contacts, the scenarios section, a scenario in a subfolder and home again; Back retraces
    every step. The menu is pruned: a closed section is one link to its first page, where the section opens."""
    page, site = tab.page, tab.site
    scenario = sample.scenarios_by_risk()[0]
    menu = page.locator(".md-sidebar--primary nav.md-nav--primary")
    steps = [
        (LABELS("nav.contacts"), "contacts.html", LABELS("contacts.title")),
        (LABELS("nav.scenarios"), "risk-matrix.html", LABELS("nav.risk_matrix")),
        (scenario.title, f"scenarios/{scenario.id}.html", scenario.title),
        (LABELS("nav.home"), "index.html", LABELS("home.title")),
    ]
    tab.open("index.html")
    for link, target, heading in steps:
        # By name and target: the tabletop scripts' menu names the scenarios too.
        menu.get_by_role("link", name=link, exact=True).and_(menu.locator(f'a[href$="{target}"]')).click()
        page.wait_for_url(site.url(target))
        # The heading's first text, without Material's permalink sign after it.
        assert page.locator("article h1").evaluate("h1 => h1.firstChild.textContent") == heading
    for expected in ["scenarios/" + scenario.id + ".html", "risk-matrix.html", "contacts.html", "index.html"]:
        page.go_back(wait_until="load")
        assert site.page_of(page.url) == expected


@pytest.mark.parametrize("page_name", ["contacts.html", "escalation.html", "scenarios/telephony-outage.html"])
def test_table_of_contents_links_scroll_to_their_section(tab, page_name):
    """Every link in the table of contents lands on its section, which is then on screen."""
    page = tab.page
    tab.open(page_name)
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")
    hrefs = toc.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert len(hrefs) >= 3 and all(href.startswith("#") for href in hrefs)
    off_screen = []
    for index, href in enumerate(hrefs):
        toc.nth(index).click()
        page.wait_for_url(re.compile(re.escape(href) + "$"))
        box = page.locator(f"[id='{href[1:]}']").bounding_box()
        if box is None or not 0 <= box["y"] < page.viewport_size["height"]:
            off_screen.append((href, box))
    assert off_screen == []


def test_every_phone_number_is_a_tel_link_that_dials_the_number_shown(every_page, sample):
    """No page shows a phone number that is not a tel: link, and each link dials the digits it shows."""
    assert {page: found.unlinked_numbers for page, found in every_page.items() if found.unlinked_numbers} == {}
    links = [(page, href, shown) for page, found in every_page.items() for href, shown in found.tel_links]
    assert [link for link in links
            if re.sub(r"\D", "", link[1]) != re.sub(r"\D", "", link[2].replace("(0)", ""))] == []
    every_number = {phone.tel_uri for contact in sample.contacts for phone in contact.phones}
    assert every_number <= {href for _, href, _ in links}
    assert ("index.html", "tel:112", "112") in links, "the first-hour checklist says: call 112"


def test_every_diagram_is_visible_with_a_size(every_page):
    """Each diagram's SVG is visible and has a width and height on the page."""
    diagrams = {f"{page} #{number}": diagram for page, found in every_page.items()
                for number, diagram in enumerate(found.diagrams, start=1)}
    assert len(diagrams) >= 3, "the sample has alerting chains and two escalation diagrams"
    assert {name: d for name, d in diagrams.items() if not (d[0] and d[1] > 10 and d[2] > 10)} == {}


def test_risk_matrix_shows_every_scenario(tab, sample):
    """The risk matrix links every scenario from its cell; its screenshot is kept."""
    tab.open("risk-matrix.html")
    matrix = tab.page.locator("table.risk-matrix")
    assert matrix.is_visible()
    linked = matrix.locator("td.risk-cell a").evaluate_all("links => links.map(link => link.textContent)")
    assert sorted(linked) == sorted(scenario.title for scenario in sample.scenarios)
    screenshot(tab.page, f"risk-matrix-{tab.site.origin}", full_page=True)
