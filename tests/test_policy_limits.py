"""The organisation's limits as the pages state them, on both sides of each boundary.

The sample sets faq_answer_days and copy_max_age_days both to 30, and its cyber attack scores exactly the
risk threshold; these fixtures pull the values apart so that reading the wrong one shows.
"""

from __future__ import annotations

import re

from conftest import edit, load_on_test_day
from editions import prepared

from macros.labels import labels_for
from macros.render import home, risk

LABELS = labels_for("en")


def test_risk_exactly_at_the_threshold_is_unacceptable_just_below_is_not(data_copy):
    """With unacceptable_from 10, a score of 10 (2 × 5) is unacceptable everywhere it is shown, 9 (3 × 3) is not."""
    scenarios = data_copy / "scenarios"
    original = (scenarios / "outage.yml").read_text(encoding="utf-8")
    edit(scenarios / "outage.yml", "likelihood: 3\nimpact: 4", "likelihood: 2\nimpact: 5")
    (scenarios / "flood.yml").write_text(original.replace("id: outage", "id: flood").replace(
        "title: Telephony outage", "title: Flood").replace("likelihood: 3\nimpact: 4", "likelihood: 3\nimpact: 3"),
        encoding="utf-8")
    assert "unacceptable_from: 10" in (data_copy / "organisation.yml").read_text(encoding="utf-8")
    handbook = prepared(load_on_test_day(data_copy))

    matrix = risk.render_risk_matrix(*handbook)
    cells = re.findall(r'<td class="risk-cell (risk-\w+)"><span class="risk-score">(\d+) ', matrix)
    assert {css for css, score in cells if score == "10"} == {"risk-unacceptable"}
    assert {css for css, score in cells if score == "9"} == {"risk-acceptable"}
    rows = {line.split("|")[1].strip(): line for line in matrix.splitlines() if line.startswith("| [")}
    assert LABELS("risk.unacceptable") in next(row for name, row in rows.items() if "Telephony outage" in name)
    assert LABELS("risk.unacceptable") not in next(row for name, row in rows.items() if "Flood" in name)
    assert LABELS("risk.acceptable") in next(row for name, row in rows.items() if "Flood" in name)

    assert risk.render_scenario_page(*handbook, "outage").count(LABELS("risk.unacceptable")) >= 1
    assert LABELS("risk.unacceptable") not in risk.render_scenario_page(*handbook, "flood")
    page = home.render_home(*handbook)
    assert re.search(r"Telephony outage\]\([^)]*\) — " + LABELS("risk.unacceptable"), page)
    assert re.search(r"Flood\]\([^)]*\) — " + LABELS("risk.acceptable"), page)


def test_home_page_warns_after_copy_max_age_days_not_the_faq_limit(data_copy):
    """The out-of-date limit on the home page is copy_max_age_days (45 here), not faq_answer_days (30)."""
    edit(data_copy / "organisation.yml", "copy_max_age_days: 30", "copy_max_age_days: 45")
    assert "faq_answer_days: 30" in (data_copy / "organisation.yml").read_text(encoding="utf-8")
    page = home.render_home(*prepared(load_on_test_day(data_copy)))
    assert re.findall(r'data-max-age-days="(\d+)"', page) == ["45"]
    assert LABELS("usb.out_of_date_text", days=45) in page
    assert LABELS("usb.out_of_date_text", days=30) not in page
