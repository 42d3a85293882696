"""Incident mode in Chromium: the sample with the worked running incident (tests/fixtures/incident/) shows its banner
on every page of every edition, and on a phone above the emergency number."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, SOURCE_DATE_EPOCH

from macros.labels import labels_for

from .conftest import screenshot

INCIDENT = ROOT / "tests" / "fixtures" / "incident" / "situation.yml"
EDITIONS = ("public", "staff", "crisis-team")
PHONE = {"width": 390, "height": 844}
LABELS = labels_for("de")


@pytest.fixture(scope="module")
def incident_sites(browser, tmp_path_factory) -> dict[str, Path]:
    """The sample with the running incident, each edition in German built by `mkdocs build` (the preview path)."""
    work = tmp_path_factory.mktemp("incident")
    data = work / "handbook_data"
    shutil.copytree(SAMPLE, data)
    shutil.copy(INCIDENT, data / "situation.yml")
    sites = {}
    for edition in EDITIONS:
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
                       "HANDBOOK_DATA": str(data), "HANDBOOK_EDITION": edition, "HANDBOOK_LANGUAGE": "de"}
        sites[edition] = work / edition
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(sites[edition])],
                                cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
    return sites


def _pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "assets" not in path.parts)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_banner_shows_on_every_page(browser, incident_sites, edition):
    """Every page of the edition, 404 page included, shows the banner first, with when the next update is due."""
    pages = _pages(incident_sites[edition])
    assert len(pages) > (3 if edition == "public" else 40)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        missing = []
        for path in pages:
            tab.goto(path.as_uri(), wait_until="load")
            banner = tab.locator("#incident-banner")
            if banner.count() != 1 or not banner.is_visible() \
                    or LABELS("incident.next_update") not in banner.inner_text() \
                    or not tab.evaluate("document.querySelector('#incident-banner').getBoundingClientRect().top < "
                                        "document.querySelector('article h1').getBoundingClientRect().top"):
                missing.append(path.relative_to(incident_sites[edition]).as_posix())
        assert missing == []
    finally:
        context.close()


@pytest.mark.parametrize("edition", ("public", "staff"))
def test_on_a_phone_the_banner_stands_above_the_emergency_number(browser, incident_sites, edition):
    """At 390 × 844 the home page shows the banner on the first screen, above the emergency number (itself on the
    first screen too) or the public channels, with no sideways scrolling."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        tab = context.new_page()
        tab.goto((incident_sites[edition] / "index.html").as_uri(), wait_until="load")
        banner = tab.locator("#incident-banner").bounding_box()
        assert banner is not None and banner["y"] >= 0 and banner["y"] + banner["height"] <= PHONE["height"]
        assert banner["x"] >= 0 and banner["x"] + banner["width"] <= PHONE["width"]
        below = tab.locator("#emergency-number" if edition == "staff" else "article h1 ~ *").first.bounding_box()
        assert below is not None and banner["y"] + banner["height"] <= below["y"]
        if edition == "staff":
            assert below["y"] + below["height"] <= PHONE["height"], "the emergency number is below the first screen"
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(tab, f"incident-banner-390px-{edition}", full_page=False)
    finally:
        context.close()
