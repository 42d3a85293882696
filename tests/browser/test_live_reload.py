"""`make serve` in a browser: a saved edit shows in the open page by itself (MkDocs' live reload is allowed by the
pages' Content-Security-Policy)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.conftest import edit
from tests.previews import ANSWER, PATIENCE, preview, sample_copy


def test_a_saved_answer_shows_in_the_open_page_without_reloading_by_hand(browser, tmp_path: Path):
    data = sample_copy(tmp_path)
    with preview(data, tmp_path) as served:
        context = browser.new_context()
        try:
            tab = context.new_page()
            refused: list[str] = []
            tab.on("console", lambda message: refused.append(message.text)
                   if "Content Security Policy" in message.text else None)
            tab.goto(served.base + "faq.html", wait_until="load")
            edit(data / "faq" / "sim-blocked.yml", ANSWER, f"Zebra42 {ANSWER}")
            # A locator reads the page without evaluating script text, which the policy forbids ('unsafe-eval').
            expect(tab.locator("article")).to_contain_text("Zebra42", timeout=PATIENCE * 1000)
            assert refused == []
        finally:
            context.close()
