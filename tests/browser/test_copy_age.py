"""The home page warns, computed in the browser without network, when the copy is older than the policy allows."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SAMPLE

from macros.labels import labels_for

from .conftest import screenshot

LABELS = labels_for("en")


def built_at_and_limit(tab) -> tuple[dt.datetime, int]:
    stamp = tab.page.locator(".build-stamp")
    built_at = dt.datetime.fromisoformat(stamp.get_attribute("data-built-at"))
    return built_at, int(stamp.get_attribute("data-max-age-days"))


@pytest.mark.parametrize("days_after_limit, shown", [(-1, False), (1, True)])
def test_out_of_date_notice_appears_only_after_the_policy_limit(tab, days_after_limit, shown):
    """A day inside the limit: no notice; a day past it: the catalogue's notice is visible on the home page."""
    tab.open("index.html")
    built_at, limit = built_at_and_limit(tab)
    assert limit == 30 and f"copy_max_age_days: {limit}" in (SAMPLE / "organisation.yml").read_text(encoding="utf-8")
    notice = tab.page.locator("#copy-age-notice")
    # The browser's clock is set: the copy was built on a fixed day, and the tests run on any later day.
    tab.page.clock.set_fixed_time(built_at + dt.timedelta(hours=1))
    tab.open("index.html")
    assert not notice.is_visible(), "a copy built an hour ago is not out of date"
    tab.page.clock.set_fixed_time(built_at + dt.timedelta(days=limit + days_after_limit))
    tab.open("index.html")
    assert notice.is_visible() == shown
    if shown:
        assert LABELS("usb.out_of_date_title") in notice.inner_text()
        assert LABELS("usb.out_of_date_text", days=limit) in notice.inner_text()
        screenshot(tab.page, f"home-out-of-date-{tab.site.origin}")


def test_edition_and_build_time_are_on_the_home_page(tab):
    """The home page names the edition, the version and the build time of this copy; every page its marking."""
    tab.open("index.html")
    built_at, _ = built_at_and_limit(tab)
    stamp = tab.page.locator(".build-stamp").inner_text().replace("\u00a0", " ")
    assert stamp.startswith("Staff · version 2026.3 · built ")
    assert f"{built_at.day} {built_at:%b %Y, %H:%M}" in stamp
    assert tab.page.locator(".handbook-classification").inner_text().startswith("INTERNAL")
