"""Search in the copy, from file:// and over HTTP: it finds the right page, the result lands there, no Graphviz ids."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE, TODAY
from editions import prepared

from macros.loader import load_handbook
from macros.render.diagrams import alerting_chain_dot, escalation_classification_dot, escalation_ladder_dot
from macros.render.markup import party_name

from .conftest import SEARCH_NOTHING_FOUND, SEARCH_READY, screenshot

# (what a person types, the data file it comes from, the page and section the result must lead to);
# Erik Lindqvist works for Sundvik Kundservice AB and is listed under that heading in the directory.
SEARCHES = {
    "faq-answer-word": ("headset", "faq/first-day-at-home.yml", "faq.html", "faq-first-day-at-home"),
    "contact-surname": ("Lindqvist", "contacts.yml", "contacts.html", "sundvik-kundservice-ab"),
    "word-next-to-punctuation": ("esim", "faq/esim-new-phone.yml", "faq.html", "faq-esim-new-phone"),
}


def search(page, query: str, typing: bool = True) -> None:
    """Type into the search box like a person, or paste the whole query at once (`typing=False`)."""
    # Material reads the query on key-up, which filling alone does not cause: hence the End key.
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    page.locator(".md-search-result__meta").filter(has_text=SEARCH_READY).wait_for()
    if typing:
        box.press_sequentially(query)
    else:
        box.fill(query)
        box.press("End")


def graphviz_node_ids() -> set[str]:
    """The node ids in the DOT source of every diagram of the sample that are made up, not words (party1)."""
    handbook, edition = prepared(load_handbook(SAMPLE, today=TODAY), "staff", "en")
    labels = edition.labels
    sources = [alerting_chain_dot(chain, lambda party: party_name(handbook, party), labels)
               for chain in handbook.alerting_chains]
    sources += [escalation_classification_dot(handbook.escalation, labels),
                escalation_ladder_dot(handbook.escalation, labels)]
    node_ids = {match for source in sources for match in re.findall(r"^\s+([A-Za-z_]\w*) \[", source, re.M)}
    # Ids that are plain words (classify, escalate) may rightly be found: the diagrams' labels say them.
    return {node_id for node_id in node_ids if re.search(r"\d", node_id)} | {"node1", "edge1", "graph0"}


@pytest.mark.parametrize("case", list(SEARCHES))
def test_search_finds_the_page_and_the_result_lands_there(tab, case):
    """Searching finds the expected page (and section); clicking the result opens it with the word on screen."""
    query, data_file, target_page, target_section = SEARCHES[case]
    assert query.lower() in (SAMPLE / data_file).read_text(encoding="utf-8").lower(), "the sample data changed"
    page, site = tab.page, tab.site
    tab.open("index.html")
    search(page, query)
    results = page.locator("a.md-search-result__link")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(link => link.href)")
    matching = [index for index, href in enumerate(hrefs)
                if site.page_of(href) == target_page and href.endswith("#" + target_section)]
    assert matching, f"{query!r} did not find {target_page}#{target_section} in {hrefs}"
    if case == "word-next-to-punctuation":
        assert "(eSIM!)" in results.nth(matching[0]).inner_text()
        screenshot(page, f"search-result-{site.origin}")
    results.nth(matching[0]).click()
    page.wait_for_url(lambda url: site.page_of(url) == target_page)
    assert page.url.endswith("#" + target_section)
    page.locator("mark").first.wait_for()
    height = page.viewport_size["height"]
    marks = page.locator("mark").evaluate_all(
        "marks => marks.map(mark => [mark.textContent, mark.getBoundingClientRect().top])")
    assert any(word.lower() == query.lower() and 0 <= top < height for word, top in marks), marks


def test_graphviz_node_ids_are_not_found(tab):
    """Node ids that Graphviz writes into SVG (party1, severity2, node1) are not in the index, nor found."""
    node_ids = graphviz_node_ids()
    assert {"party1", "severity1", "level1"} <= node_ids
    index = (tab.site.folder / tab.site.language / "search" / "search_index.js").read_text(encoding="utf-8")
    assert [node_id for node_id in sorted(node_ids) if re.search(rf"\b{node_id}\b", index)] == []
    page = tab.page
    tab.open("alerting.html")
    found = {}
    for node_id in sorted(node_ids):
        # Pasted whole: while typing, "l" of "level3" rightly finds pages, and the count would be read too early.
        search(page, node_id, typing=False)
        meta = page.locator(".md-search-result__meta")
        meta.filter(has_not_text=SEARCH_READY).wait_for()
        if meta.inner_text().strip() != SEARCH_NOTHING_FOUND:
            found[node_id] = meta.inner_text()
    assert found == {}


def test_search_index_is_inlined_for_file_urls(handbook_copy):
    """The offline plugin inlines the index as a script, which is what lets search work from file://."""
    index = (handbook_copy / "en" / "search" / "search_index.js").read_text(encoding="utf-8")
    assert index.startswith("var __index = ") and "faq-esim-new-phone" in index
