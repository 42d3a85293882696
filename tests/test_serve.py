"""`make serve`: an edit builds again only the pages it changed, and the preview then equals a fresh one."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit
from tests.previews import ANSWER, Preview, free_port, preview, sample_copy


def _written(preview: Preview) -> dict[str, int]:
    """Every HTML page of the preview with the time it was last written."""
    return {path.relative_to(preview.site).as_posix(): path.stat().st_mtime_ns for path in preview.site.rglob("*.html")}


def _rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {page for page, written in after.items() if before.get(page) != written}


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_an_edit_builds_only_what_it_changed_and_the_preview_equals_a_fresh_one(tmp_path: Path):
    data = sample_copy(tmp_path)
    port = free_port()
    with preview(data, tmp_path, port) as served:
        first = _written(served)
        assert "faq.html" in first and "contacts.html" in first

        # One FAQ answer: the FAQ page is written again, and the review page, which now lists the English answer as
        # older than the German one; no other page. The search finds the new words.
        edit(data / "faq" / "sim-blocked.yml", ANSWER, f"Zebra42 {ANSWER}")
        served.wait_for(lambda: "Zebra42" in (served.fetch("faq.html") or ""), "the edited answer")
        assert _rewritten(first, _written(served)) == {"faq.html", "review.html", "404.html"}
        index = served.fetch("search/search_index.json") or ""
        assert index.count("Zebra42") == 1 and index.count('"location":"contacts.html"') == 1

        # A new scenario changes the menu every page shows: every page is written again.
        before = _written(served)
        scenario = (data / "scenarios" / "power-outage.yml").read_text(encoding="utf-8")
        (data / "scenarios" / "zebra-outage.yml").write_text(
            scenario.replace("id: power-outage", "id: zebra-outage"), encoding="utf-8")
        served.wait_for(lambda: served.fetch("scenarios/zebra-outage.html") is not None, "the new scenario's page")
        assert _rewritten(before, _written(served)) == set(_written(served))

        # Taken out again: its page leaves the preview.
        (data / "scenarios" / "zebra-outage.yml").unlink()
        served.wait_for(lambda: "zebra-outage" not in (served.fetch("risk-matrix.html") or "zebra-outage"),
                        "the scenario gone from the menu")
        assert not (served.site / "scenarios" / "zebra-outage.html").exists()
        after_edits = _files(served.site)

    # A preview started afresh on the edited data writes the very same site, search index included.
    with preview(data, tmp_path, port) as fresh:
        assert _files(fresh.site) == after_edits

