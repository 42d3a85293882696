"""axe-core (bundled, no network) on every page of the copy: no serious or critical violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}


# Over HTTP: axe-core reads the stylesheets with XMLHttpRequest, which Chromium refuses for file:// pages.
# The pages are the same files either way.
@pytest.mark.parametrize("site", ["http"], indirect=True)
def test_no_serious_or_critical_accessibility_violations(tab, html_pages):
    """Every page (so every page type: home, lists, diagrams, matrix, checklists, forms) passes axe-core."""
    axe = Axe()
    violations, checked = [], 0
    for page_name in html_pages:
        tab.open(page_name)
        for violation in axe.run(tab.page).response["violations"]:
            checked += 1
            if violation["impact"] in BLOCKING_IMPACTS:
                targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                violations.append(f"{page_name}: {violation['id']} ({violation['impact']}): {violation['help']} "
                                  f"at {targets}")
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("site", ["http"], indirect=True)
def test_axe_finds_a_planted_violation(tab):
    """Negative control: an unnamed form field planted on the home page is reported as critical."""
    tab.open("index.html")
    tab.page.evaluate("() => document.querySelector('article').append(document.createElement('input'))")
    found = {(v["id"], v["impact"]) for v in Axe().run(tab.page).response["violations"]}
    assert ("label", "critical") in found
