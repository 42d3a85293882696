"""Benchmark: time and peak memory of loading, validating and rendering a handbook as it grows.

Not a test: it prints figures. Run with `make bench` (or `python benchmarks/scale.py 1 5 20`): each
factor copies the sample's contacts, FAQ entries and scenarios that many times (with new ids) into a
temporary data folder, then measures `load_handbook` and every page renderer on it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

from macros.labels import labels_for
from macros.loader import load_handbook
from macros.render import home, lists, people, processes, risk

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


def grown_copy(factor: int, target: Path) -> Path:
    """The sample with its contacts, FAQ entries and scenarios repeated `factor` times."""
    data = target / "handbook_data"
    shutil.copytree(ROOT / "handbook_data", data)
    contacts = yaml.safe_load((data / "contacts.yml").read_text(encoding="utf-8"))
    extra = [{**contact, "id": f"{contact['id']}-{copy}"} for copy in range(1, factor) for contact in contacts]
    (data / "contacts.yml").write_text(yaml.safe_dump(contacts + extra, allow_unicode=True), encoding="utf-8")
    for folder in ("faq", "scenarios"):
        for path in sorted((data / folder).glob("*.yml")):
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            for copy in range(1, factor):
                new_id = f"{record['id']}-{copy}"
                (data / folder / f"{new_id}.yml").write_text(
                    yaml.safe_dump({**record, "id": new_id}, allow_unicode=True), encoding="utf-8")
    return data


def measure(factor: int) -> str:
    with tempfile.TemporaryDirectory() as work:
        data = grown_copy(factor, Path(work))
        tracemalloc.start()
        started = time.perf_counter()
        handbook = load_handbook(data, today=TODAY)
        loaded = time.perf_counter()
        labels = labels_for("en")
        pages = [people.render_contacts_page(handbook, labels), lists.render_faq_page(handbook, labels),
                 risk.render_risk_matrix(handbook, labels), home.render_home(handbook, labels),
                 lists.render_task_inventory(handbook, labels), processes.render_alerting_page(handbook, labels),
                 processes.render_escalation_page(handbook, labels)]
        pages += [risk.render_scenario_page(handbook, labels, s.id) for s in handbook.scenarios]
        rendered = time.perf_counter()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        size = sum(len(page) for page in pages)
        return (f"x{factor:<3} {len(handbook.contacts):5} contacts {len(handbook.faq):5} FAQ "
                f"{len(handbook.scenarios):4} scenarios | load+validate {loaded - started:6.2f} s | "
                f"render {rendered - loaded:6.2f} s ({size / 1e6:.1f} MB Markdown) | peak {peak / 1e6:6.1f} MB")


if __name__ == "__main__":
    for factor in [int(argument) for argument in sys.argv[1:]] or [1, 5, 20]:
        print(measure(factor), flush=True)
