"""Search in German and Swedish, from file:// and over HTTP: the language's stemmer loads from the copy, umlauts
and ß typed any way find the same, typos are tolerated, and "Who to call" is one tap from the home page."""

from __future__ import annotations

import json

import pytest

from .conftest import Site, screenshot
from .searching import in_language, pages_of, search_for

# The same thing spelt the ways people type it; every spelling must give the same first results, and the
# page (and section) named.
FOLDED = {
    "de": [
        (("Großmann", "Grossmann", "Grosmann"), "contacts.html", "auwald-contact-gmbh"),
        (("Krüger", "Krueger", "Kruger"), "contacts.html", "lindenblatt-mobile-gmbh"),
        (("Störung", "Stoerung", "stoerung", "Storung"), "faq.html", "faq-business-line"),
        (("Malmö", "Malmoe", "Malmo"), "who-to-call.html", "role-team-lead-malmo"),
        (("Räumung", "Raeumung", "Raumung"), "checklists/site-evacuation.html", ""),
    ],
    "sv": [
        (("Malmö", "Malmo"), "who-to-call.html", "role-team-lead-malmo"),
        (("hemifrån", "hemifran"), "checklists/work-from-home.html", ""),
        (("strömavbrott", "stromavbrott"), "scenarios/power-outage.html", ""),
        (("övertid", "overtid"), "faq.html", "faq-overtime-during-absence"),
    ],
}
# Found only through the language's stemmer: an inflected form the text does not contain.
STEMMED = {"de": ("Störungen", "faq.html"), "sv": ("extrapassen", "faq.html")}


@pytest.mark.parametrize("language", ["de", "sv"])
def test_search_works_offline_in_the_language_with_its_stemmer(browser, site, language):
    """Material's lunr stemmer for the language loads from the copy (no failed request, no console error, nothing
    from elsewhere), the index is in that language, and an inflected form finds its word."""
    context, browsing = in_language(browser, site, language)
    try:
        browsing.open("index.html")
        word, page = STEMMED[language]
        assert page in pages_of(search_for(browsing, word, groups=5))
        stemmers = [url for url in browsing.watch.requests if "/assets/javascripts/lunr/min/" in url]
        assert [url.rsplit("/", 1)[1] for url in stemmers] == ["lunr.stemmer.support.min.js", f"lunr.{language}.min.js"]
        assert all(browsing.site.is_own(url) for url in stemmers)
        assert browsing.watch.problems() == []
    finally:
        context.close()
    index = site.folder / language / "search" / "search_index.json"
    assert json.loads(index.read_text(encoding="utf-8"))["config"]["lang"] == [language]


@pytest.mark.parametrize("language", ["de", "sv"])
def test_folded_spellings_find_the_same_from_file(browser, handbook_copy, language):
    """ae/oe/ue/ss and a/o/u/s for ä/ö/ü/ß/å, from file://: every spelling, the same first results, the named page."""
    site = Site("file", handbook_copy.as_uri() + "/", handbook_copy)
    context, browsing = in_language(browser, site, language)
    try:
        browsing.open("index.html")
        for spellings, page, section in FOLDED[language]:
            found = {spelling: search_for(browsing, spelling) for spelling in spellings}
            first = found[spellings[0]]
            assert any(group[0].page == page and (not section or section in {r.section for r in group})
                       for group in first), f"{spellings[0]!r}: {first}"
            assert {spelling: pages_of(groups) for spelling, groups in found.items()} == {
                spelling: pages_of(first) for spelling in spellings}
        assert browsing.watch.problems() == []
    finally:
        context.close()


# The search worker on made-up pages, both ways round: a text written "Stoerung" is found by "Störung" too.
WORKER_SEARCH = """async ([docs, queries, config]) => {
  const worker = new Worker(JSON.parse(document.getElementById('__config').textContent).search);
  const answers = [];
  const next = () => new Promise(done => worker.addEventListener('message', event => done(event.data), {once: true}));
  let answer = next();
  worker.postMessage({type: 0, data: {config, docs, options: {suggest: false}}});
  await answer;
  for (const query of queries) {
    answer = next();
    worker.postMessage({type: 2, data: query});
    const result = await answer;
    answers.push(result.data.items.map(group => group[0].location));
  }
  worker.terminate();
  return answers;
}"""


@pytest.mark.parametrize("language, docs, expected", [
    ("de", {"a.html": "Stoerung der Telefonanlage", "b.html": "Herr Grossmann", "c.html": "Krueger und Soehne"},
     {"Störung": ["a.html"], "Störungen": ["a.html"], "Großmann": ["b.html"], "Grosmann": ["b.html"],
      "Krüger": ["c.html"], "Söhne": ["c.html"]}),
    ("sv", {"a.html": "Kontoret i Malmo", "b.html": "Vasteras och Goteborg", "c.html": "Strommen ar borta"},
     {"Malmö": ["a.html"], "Västerås": ["b.html"], "Göteborg": ["b.html"], "strömmen": ["c.html"]}),
])
def test_folding_works_both_ways_round(browser, handbook_copy, language, docs, expected):
    """Texts written without umlauts or ß are found by the spelling with them, through the worker from file://."""
    site = Site("file", handbook_copy.as_uri() + "/", handbook_copy)
    context, browsing = in_language(browser, site, language)
    try:
        browsing.open("index.html")
        config = json.loads((handbook_copy / language / "search" / "search_index.json").read_text(encoding="utf-8"))
        index = [{"location": location, "title": title, "text": ""} for location, title in docs.items()]
        answers = browsing.page.evaluate(WORKER_SEARCH, [index, list(expected), config["config"]])
        assert dict(zip(expected, answers)) == expected
        assert browsing.watch.problems() == []
    finally:
        context.close()


def test_typos_are_tolerated_from_four_letters_and_three_letter_words_only_when_nothing_matches(tab):
    """"escalaton" and "headst" find their word; "vpm" finds VPN; "ivr" finds only pages that say IVR."""
    tab.open("index.html")
    assert "escalation.html" in pages_of(search_for(tab, "escalaton"))
    assert "checklists/work-from-home.html" in pages_of(search_for(tab, "headst"))
    assert pages_of(search_for(tab, "vpm"))[0] == "checklists/work-from-home.html"
    search_for(tab, "ivr", groups=10)
    results = tab.page.locator("li.md-search-result__item > a.md-search-result__link")
    marked = results.evaluate_all("links => links.map(link => Array.from(link.querySelectorAll('mark'))"
                                  ".map(mark => mark.textContent.toLowerCase()))")
    assert marked and all(any(word.startswith("ivr") for word in words) for words in marked if words)


def test_result_titles_are_not_garbled(tab):
    """A word matched with its stem or its compound parts is marked once: titles read as written."""
    tab.open("index.html")
    for query in ("IT lead", "work from home", "escalation report", "e-mail"):
        search_for(tab, query, groups=10)
        titles = tab.page.locator(".md-search-result__article h1, .md-search-result__article h2").all_inner_texts()
        assert titles and [title for title in titles if "<" in title or ">" in title] == [], query


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", ["de", "en"])
def test_who_to_call_is_one_tap_from_home_and_every_number_dials(browser, site, language):
    """On a phone, the link under the emergency number is on the first screen; one tap opens every role with
    tap-to-call numbers, none broken across lines, and nothing scrolls sideways."""
    context, browsing = in_language(browser, site, language, viewport=PHONE, is_mobile=True, has_touch=True,
                                    device_scale_factor=2)
    try:
        page = browsing.page
        browsing.open("index.html")
        link = page.locator("a.who-to-call-link")
        box, number = link.bounding_box(), page.locator("#emergency-number").bounding_box()
        assert number["y"] + number["height"] <= box["y"] and box["y"] + box["height"] <= PHONE["height"]
        link.tap()
        page.wait_for_url(browsing.site.url("who-to-call.html"))
        tel = page.locator('article a[href^="tel:"]')
        assert tel.count() >= 10
        lines = tel.evaluate_all("links => links.map(link => [link.textContent, link.getClientRects().length])")
        assert [text for text, rects in lines if rects != 1] == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"who-to-call-390px-{language}-{site.origin}", full_page=True)
        assert browsing.watch.problems() == []
    finally:
        context.close()


@pytest.mark.parametrize("language, query", [("en", "who do I call"), ("de", "wen anrufen"), ("sv", "vem ringer jag")])
def test_who_to_call_answers_the_question(browser, site, language, query):
    """"who do I call", "wen anrufen", "vem ringer jag": the "Who to call" page is the first result."""
    context, browsing = in_language(browser, site, language)
    try:
        browsing.open("index.html")
        assert pages_of(search_for(browsing, query))[0] == "who-to-call.html"
        assert browsing.watch.problems() == []
    finally:
        context.close()
