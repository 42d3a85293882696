"""The queries people type in an outage (search_queries.py) find the right page in the first three results.

Run against the staff edition's USB copy from file://, German queries in the German handbook and English
ones in the English handbook. At least 95 % must hit; the rate and every miss are printed at the end of the
test run and written to test-artifacts/search-queries.txt.
"""

from __future__ import annotations

from .conftest import ARTIFACTS, SEARCH_REPORT, Site
from .search_queries import QUERIES, Query
from .searching import Result, in_language, search_for

REQUIRED_RATE = 0.95


def hits(query: Query, groups: list[list[Result]]) -> bool:
    """A target page among the first three groups; with a section, that section shown in the page's group."""
    for group in groups:
        sections = {result.section for result in group}
        if any(group[0].page == target.page and (not target.section or target.section in sections)
               for target in query.targets):
            return True
    return False


def describe(groups: list[list[Result]]) -> str:
    return "; ".join(" | ".join(f"{r.page}#{r.section}" if r.section else r.page for r in group) for group in groups)


def test_queries_people_type_find_the_right_page_in_the_top_three(browser, handbook_copy, pytestconfig):
    """At least 95 % of the queries put a relevant page (and section) among the first three results, from file://."""
    site = Site("file", handbook_copy.as_uri() + "/", handbook_copy)
    assert [(q.language, t.page) for q in QUERIES for t in q.targets
            if not (handbook_copy / q.language / t.page).is_file()] == [], "a target page the copy does not have"
    outcomes: list[tuple[Query, bool, str]] = []
    for language in ("en", "de"):
        context, browsing = in_language(browser, site, language)
        try:
            browsing.open("index.html")
            for query in (q for q in QUERIES if q.language == language):
                groups = search_for(browsing, query.text)
                outcomes.append((query, hits(query, groups), describe(groups)))
            assert browsing.watch.problems() == [], f"{language}: problems behind the page"
        finally:
            context.close()
    missed = [(query, shown) for query, hit, shown in outcomes if not hit]
    rate = 1 - len(missed) / len(outcomes)
    report = [f"search queries: {len(outcomes) - len(missed)} of {len(outcomes)} in the top 3 ({rate:.0%}); "
              f"missed: {len(missed) or 'none'}"]
    report.extend(f"  missed [{query.language}] {query.text!r} ({query.why}): top 3 were {shown}" for query, shown in missed)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-queries.txt").write_text(
        "\n".join(report + [f"{'ok  ' if hit else 'MISS'} [{q.language}] {q.text!r}: {shown}" for q, hit, shown in outcomes])
        + "\n", encoding="utf-8")
    pytestconfig.stash[SEARCH_REPORT] = report
    print("\n".join(report))
    assert len(outcomes) >= 40 and {q.language for q, _, _ in outcomes} == {"de", "en"}
    assert rate >= REQUIRED_RATE, "\n".join(report)


def test_the_query_list_is_written_as_people_type():
    """At least 40 queries, in German and English, with typos, names without umlauts and "who do I call"."""
    texts = {query.text for query in QUERIES}
    assert len(QUERIES) == len(texts) >= 40
    assert {"who do I call", "wen anrufen", "escalaton", "headst", "vpm", "Kruger", "Malmo team lead"} <= texts
    assert all(query.targets for query in QUERIES)

