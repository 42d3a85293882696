"""Benchmark: time and peak memory of loading, validating and rendering a handbook as it grows.

Not a test: it prints figures (`python benchmarks/scale.py 1 5 20`; `make bench` runs benchmarks/bench.py). Each
factor copies the sample's contacts, FAQ entries, scenarios and checklists that many times (with new ids) into a
temporary data folder, then measures `load_handbook` and every page of the staff edition rendered from it.
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

from macros.edition import editions_to_build
from macros.loader import load_handbook
from macros.pages import built_pages
from macros.redaction import edition_handbook

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


class _InFull(yaml.SafeDumper):
    """Writes every copy out in full: the copies share lists with their originals, and the loader refuses the
    aliases PyYAML would write for them."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def grown_copy(factor: int, target: Path, counts: dict[str, int] | None = None) -> Path:
    """The sample with its contacts, FAQ entries, scenarios and checklists repeated `factor` times (new ids), or
    grown to `counts` records per domain ("contacts", "faq", "scenarios", "checklists")."""
    data = target / "handbook_data"
    shutil.copytree(ROOT / "handbook_data", data)

    def copies(records: list, domain: str) -> list:
        wanted = (counts or {}).get(domain, len(records) * factor)
        grown = list(records)
        for copy in range(1, wanted // max(1, len(records)) + 2):
            grown += [{**record, "id": f"{record['id']}-{copy}"} for record in records]
        return grown[:max(wanted, len(records))]

    contacts = yaml.safe_load((data / "contacts.yml").read_text(encoding="utf-8"))
    (data / "contacts.yml").write_text(yaml.dump(copies(contacts, "contacts"), Dumper=_InFull, allow_unicode=True),
                                       encoding="utf-8")
    for folder in ("faq", "scenarios", "checklists"):
        records = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((data / folder).glob("*.yml"))]
        for record in copies(records, folder)[len(records):]:
            (data / folder / f"{record['id']}.yml").write_text(yaml.dump(record, Dumper=_InFull, allow_unicode=True),
                                                               encoding="utf-8")
    return data


def measure(factor: int) -> str:
    with tempfile.TemporaryDirectory() as work:
        data = grown_copy(factor, Path(work))
        tracemalloc.start()
        started = time.perf_counter()
        handbook = load_handbook(data, today=TODAY)
        loaded = time.perf_counter()
        edition = editions_to_build(handbook, TODAY, handbook.built_at, "staff", [handbook.organisation.language])[0]
        prepared = edition_handbook(handbook, edition)
        pages = [b.page.render(prepared, edition, b.record_id) for b in built_pages(prepared, edition)]
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
