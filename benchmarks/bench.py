"""Benchmark: what the generator costs against MkDocs itself, measured side by side in one run (`make bench`).

Not a test: it prints figures and one summary line. For each size (the sample grown ×N, `BENCH_SIZES`,
default "1 5 20") it measures, alternating the two sides of each ratio and keeping the best of
`BENCH_REPEAT` runs (default 3; the slow ones once):

(a) overhead: one edition in one language (staff, primary language) built without PDFs (load, validate,
    redact, MkDocs with the hook and macros) against a plain `mkdocs build` of the very same pages written
    out as static Markdown (same theme, search, offline plugin, Markdown extensions and inline SVG; no
    macros, no hooks). The MkDocs step alone is shown too;
(b) `check` of 5,000 contacts, 1,000 FAQ entries, 200 scenarios and 50 checklists against the floor:
    libyaml (CSafeLoader) parsing the same files and nothing else (once, not per size);
(c) the PDFs of that edition against its site build: with an empty print cache, again with nothing changed,
    and as a rebuild finds them: one FAQ answer edited and built an hour later (a new build time on every page);
(d) the sample's every edition × language (`python -m macros build`, PDFs included) against one edition in
    one language (`--edition staff --language <primary>`), at 1× only, each build with an empty cache;
(e) `make serve` at the largest size: one FAQ file saved until the served page shows the change, against a
    cold `mkdocs build` of the same preview;
(f) the peak memory of that cold preview build, at every size (with the site's size: both should grow linearly).

The last line is `overhead=… check_vs_floor=… pdf_vs_site=… all_editions_vs_one=… serve_speedup=…
pdf_after_edit_vs_site=…`: overhead and both PDF ratios are the worst over the sizes (pdf_vs_site with an
empty print cache), serve at the largest size.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale import grown_copy  # noqa: E402
from macros import print_outputs  # noqa: E402
from macros.edition import editions_to_build  # noqa: E402
from macros.loader import load_handbook  # noqa: E402
from macros.pages import built_pages  # noqa: E402
from macros.redaction import edition_handbook  # noqa: E402

TODAY = dt.date(2026, 11, 23)
BUILT_AT = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
CONFIG = ROOT / "mkdocs.yml"
PYTHON = sys.executable
CHECK_SIZE = {"contacts": 5000, "faq": 1000, "scenarios": 200, "checklists": 50}
SERVE_TIMEOUT = 600


def sizes() -> list[int]:
    return [int(size) for size in os.environ.get("BENCH_SIZES", "1 5 20").split()]


REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def best(runs: list[float]) -> float:
    # The least disturbed run: on a shared machine every other run only adds someone else's load.
    return min(runs)


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


@contextlib.contextmanager
def quiet():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


# --- (a) the build without PDFs against a plain mkdocs build of the same pages -----------------------


def staff_edition(handbook):
    editions = editions_to_build(handbook, TODAY, BUILT_AT, "staff", [handbook.organisation.language])
    return editions[0]


def handbook_build(data: Path, site: Path, built_at: dt.datetime = BUILT_AT) -> dict[str, float]:
    """Load, validate, redact and build one edition's site as `python -m macros build` does (no PDFs)."""
    from macros.site_build import build_site

    started = time.perf_counter()
    handbook = load_handbook(data, today=TODAY, built_at=built_at)
    edition = staff_edition(handbook)
    prepared = edition_handbook(handbook, edition)
    loaded = time.perf_counter()
    shutil.rmtree(site, ignore_errors=True)
    build_site(prepared, edition, site, CONFIG)
    done = time.perf_counter()
    return {"total": done - started, "mkdocs": done - loaded}


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with each `!ENV [NAME, default]` as its default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def _plain(value: Any) -> Any:
    # Markup (a str subclass) and tuples as the YAML dumper knows them.
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def write_baseline(data: Path, target: Path) -> Path:
    """A plain MkDocs project with the edition's pages as static Markdown, configured as the hook configures it."""
    from mkdocs.config import load_config

    from macros import site_hooks

    handbook = load_handbook(data, today=TODAY, built_at=BUILT_AT)
    edition = staff_edition(handbook)
    prepared = edition_handbook(handbook, edition)
    docs = target / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for built in built_pages(prepared, edition):
        page = docs / built.path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(built.front_matter + built.page.render(prepared, edition, built.record_id), encoding="utf-8")
    # What the hook sets (site name, menu, language, search settings, the templates' extra values), taken from it.
    config = load_config(str(CONFIG), strict=False, watch=[])
    config.extra[site_hooks.HANDBOOK_KEY], config.extra[site_hooks.EDITION_KEY] = prepared, edition
    with quiet():
        site_hooks.on_config(config)
    search = config.plugins["material/search"].config
    raw = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_EnvLoader)
    raw.pop("hooks"), raw.pop("watch")
    raw["plugins"] = [{"search": {"separator": search.separator, "pipeline": list(search.pipeline)}}, "offline"]
    raw["theme"] = {**raw["theme"], "custom_dir": str(ROOT / "overrides"), "language": edition.language}
    raw["site_name"] = str(config.site_name)
    raw["nav"] = _plain(config.nav)
    raw["strict"] = False
    raw["extra"] = _plain({key: value for key, value in config.extra.items()
                           if key.startswith("handbook_") and isinstance(value, (str, list))
                           or key in ("polyfills", "generator", "alternate")})
    toc = next(e for e in raw["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    toc["toc"]["permalink_title"] = config.mdx_configs["toc"]["permalink_title"]
    (target / "mkdocs.yml").write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target / "mkdocs.yml"


def plain_build(baseline: Path, site: Path) -> float:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    shutil.rmtree(site, ignore_errors=True)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    started = time.perf_counter()
    build(load_config(str(baseline), site_dir=str(site)))
    return time.perf_counter() - started


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


# --- (c) PDFs against the site build ----------------------------------------------------------------


def print_pdfs(data: Path, site: Path, dist: Path, built_at: dt.datetime = BUILT_AT) -> float:
    handbook = load_handbook(data, today=TODAY, built_at=built_at)
    edition = staff_edition(handbook)
    prepared = edition_handbook(handbook, edition)
    shutil.rmtree(dist, ignore_errors=True)
    return timed(lambda: print_outputs.write(prepared, edition, site, dist))


# The FAQ answer the edits change (in the sample and in every grown copy).
EDITED_FAQ, EDITED_WORDS = Path("faq") / "sim-blocked.yml", "Ihre Rufnummer und Ihr Vertrag"


@contextlib.contextmanager
def edited_answer(data: Path, token: str):
    """One FAQ answer with `token` written into it, for as long as the block runs."""
    faq = data / EDITED_FAQ
    original = faq.read_text(encoding="utf-8")
    if EDITED_WORDS not in original:
        raise SystemExit(f"{faq} no longer holds {EDITED_WORDS!r}: the benchmark's edit needs new words")
    faq.write_text(original.replace(EDITED_WORDS, f"{token} {EDITED_WORDS}"), encoding="utf-8")
    try:
        yield faq
    finally:
        faq.write_text(original, encoding="utf-8")


def pdfs_after_edit(data: Path, site: Path, dist: Path) -> float:
    """The PDFs as a rebuild finds the print cache: one FAQ answer edited, the site built an hour later."""
    later = BUILT_AT + dt.timedelta(hours=1)
    with edited_answer(data, "Bench-edit"):
        handbook_build(data, site, built_at=later)
        return print_pdfs(data, site, dist, built_at=later)


# --- (b) check against the libyaml floor ------------------------------------------------------------


def run_check(data: Path) -> float:
    from macros.cli import run_check as check
    from macros.labels import labels_for

    codes: list[int] = []
    with quiet():
        seconds = timed(lambda: codes.append(check(data, TODAY, labels_for("en"))))
    if codes != [0]:
        # A check that stops at the first problem measures nothing: the grown copy must be valid data.
        raise SystemExit(f"check of the grown handbook in {data} ended with exit code {codes}")
    return seconds


def floor(data: Path) -> float:
    loader = yaml.CSafeLoader

    def parse() -> None:
        for path in sorted(data.rglob("*.yml")):
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)

    return timed(parse)


# --- (d) all editions × languages against one ------------------------------------------------------


def cli_build(data: Path, out: Path, *extra: str) -> float:
    """`python -m macros build` with an empty cache of its own (no diagram, no printed page kept from before)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [PYTHON, "-m", "macros", "build", "--data", str(data), "--config", str(CONFIG),
               "--site", str(out / "site"), "--dist", str(out / "dist"), *extra]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env={**bench_env(), "HANDBOOK_CACHE": str(out / "cache")})
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"build failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    return seconds


# --- (e) make serve: one FAQ edit until the page shows it -------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition: Callable[[], bool], timeout: float, poll: float = 0.05) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise SystemExit("timed out waiting for mkdocs serve")
        time.sleep(poll)
    return time.perf_counter() - started


def serve_edit(data: Path, edits: int = 2) -> list[float]:
    """Seconds from saving one FAQ file to the served FAQ page showing the change, for `edits` edits in a row."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/faq.html"
    faq = data / EDITED_FAQ
    original = faq.read_text(encoding="utf-8")
    env = {**bench_env(), "HANDBOOK_DATA": str(data)}
    server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dirty", "-f", str(CONFIG),
                               "-a", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = []
    try:
        wait_for(lambda: (fetch(url) or "").find(EDITED_WORDS) >= 0, SERVE_TIMEOUT, 0.2)
        # Let the watcher settle after the first build before the edit.
        time.sleep(1.5)
        for number in range(edits):
            token = f"Bench{number}x{int(time.time())}"
            faq.write_text(original.replace(EDITED_WORDS, f"{token} {EDITED_WORDS}"),
                           encoding="utf-8")
            seconds.append(wait_for(lambda token=token: token in (fetch(url) or ""), SERVE_TIMEOUT))
            time.sleep(1.5)
    finally:
        faq.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return seconds


# Runs MkDocs' command line and, as it exits, writes the process's own peak memory (VmHWM, kB) to a file: the
# rusage of a child counts the memory of the process that started it (it was forked from it), not its own.
_PEAK_OF_MKDOCS = """import runpy, sys
peak_file = sys.argv.pop(1)
sys.argv[0] = "mkdocs"
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
finally:
    status = open("/proc/self/status").read().split("\\n")
    open(peak_file, "w").write(next(line.split()[1] for line in status if line.startswith("VmHWM")))
"""


def cold_preview_build(data: Path, site: Path) -> tuple[float, int]:
    """A cold `mkdocs build` of the preview `make serve` shows: wall time and peak memory (kB) of the process."""
    shutil.rmtree(site, ignore_errors=True)
    env = {**bench_env(), "HANDBOOK_DATA": str(data)}
    peak = site.with_name(site.name + ".peak")
    started = time.perf_counter()
    result = subprocess.run([PYTHON, "-c", _PEAK_OF_MKDOCS, str(peak), "build", "-q", "-f", str(CONFIG), "-d", str(site)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"mkdocs build failed: {result.stderr.decode()[-3000:]}")
    return seconds, int(peak.read_text())


# --- the run ------------------------------------------------------------------------------------------

_CACHE: Path | None = None


def bench_env() -> dict[str, str]:
    """The environment of the benchmark's own builds: its own cache folder, never the project's."""
    env = dict(os.environ)
    if _CACHE is not None:
        env["HANDBOOK_CACHE"] = str(_CACHE)
    return env


def measure_size(factor: int, work: Path, want_serve: bool) -> dict[str, Any]:
    global _CACHE
    data = grown_copy(factor, work / f"x{factor}")
    _CACHE = work / f"cache-x{factor}"
    os.environ["HANDBOOK_CACHE"] = str(_CACHE)
    baseline = write_baseline(data, work / f"baseline-x{factor}")
    row: dict[str, Any] = {"factor": factor, "faq": len(list((data / "faq").glob("*.yml")))}
    site, plain_site = work / f"site-x{factor}", work / f"plain-x{factor}"
    # Warm-up: imports, and caches as a repeated build finds them.
    handbook_build(data, site)
    plain_build(baseline, plain_site)
    ours, plain = [], []
    for _ in range(REPEAT):
        ours.append(handbook_build(data, site))
        plain.append(plain_build(baseline, plain_site))
    row["build"] = best([r["total"] for r in ours])
    row["mkdocs"] = best([r["mkdocs"] for r in ours])
    row["plain"] = best(plain)
    row["site_mb"] = folder_size(site) / 1e6
    row["plain_mb"] = folder_size(plain_site) / 1e6
    row["pages"] = len(list(site.rglob("*.html")))
    # (c) PDFs: first with an empty print cache, then again with what that run left in it, then after an edit.
    for kind in ("pdf_cold", "pdf_warm"):
        row[kind] = print_pdfs(data, site, work / f"dist-x{factor}")
    row["pdf_edit"] = pdfs_after_edit(data, site, work / f"dist-x{factor}")
    row["site_for_pdf"] = row["build"]
    if factor == 1:
        one, every = [], []
        for _ in range(max(1, REPEAT - 1)):
            one.append(cli_build(data, work / "one", "--edition", "staff", "--language",
                                 load_handbook(data, today=TODAY).organisation.language))
            every.append(cli_build(data, work / "all"))
        row["one_edition"], row["all_editions"] = best(one), best(every)
    # (f) memory: the peak of a cold preview build, at every size (it must grow no faster than the handbook).
    cold = [cold_preview_build(data, work / f"cold-x{factor}") for _ in range(max(1, REPEAT - 1))]
    row["cold"] = best([seconds for seconds, _ in cold])
    row["cold_rss_mb"] = max(rss for _, rss in cold) / 1024
    if want_serve:
        row["serve_edits"] = serve_edit(data)
        row["serve"] = statistics.median(row["serve_edits"])
    return row


def measure_check(work: Path) -> dict[str, float]:
    data = grown_copy(1, work / "check", counts=CHECK_SIZE)
    run_check(data)
    ours, ground = [], []
    for _ in range(REPEAT):
        ours.append(run_check(data))
        ground.append(floor(data))
    return {"check": best(ours), "floor": best(ground)}


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    wanted = sizes()
    cores = os.cpu_count() or 1
    print(f"make bench: {dt.datetime.now().isoformat(timespec='minutes')}, {cores} cores, "
          f"load average {load_average()} (1/5/15 min), sizes {wanted}, best of {REPEAT}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as folder:
        work = Path(folder)
        for factor in wanted:
            rows.append(measure_size(factor, work, want_serve=factor == max(wanted)))
            print(f"  x{factor} measured (load average {load_average()})", flush=True)
        check = measure_check(work)
    print()
    print(f"cores: {cores}; load average at the end: {load_average()}")
    print("| size | FAQ | pages | build (no PDF) | MkDocs step | plain mkdocs | overhead | MkDocs step / plain "
          "| site MB | plain MB | peak MB | PDFs cold | PDFs warm | PDFs after an edit | pdf_vs_site | after an edit / site |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(f"| {row['factor']}× | {row['faq']} | {row['pages']} | {row['build']:.2f} s | {row['mkdocs']:.2f} s "
              f"| {row['plain']:.2f} s | {row['build'] / row['plain']:.2f}× | {row['mkdocs'] / row['plain']:.2f}× "
              f"| {row['site_mb']:.1f} | {row['plain_mb']:.1f} | {row['cold_rss_mb']:.0f} | {row['pdf_cold']:.2f} s "
              f"| {row['pdf_warm']:.2f} s | {row['pdf_edit']:.2f} s "
              f"| {row['pdf_cold'] / row['site_for_pdf']:.2f}× | {row['pdf_edit'] / row['site_for_pdf']:.2f}× |")
    print()
    print(f"check (5,000 contacts, 1,000 FAQ, 200 scenarios, 50 checklists): {check['check']:.2f} s; "
          f"libyaml floor {check['floor']:.2f} s; {check['check'] / check['floor']:.2f}×")
    first = next((row for row in rows if "all_editions" in row), None)
    if first:
        print(f"every edition × language at 1× (PDFs included): {first['all_editions']:.1f} s; one edition in one "
              f"language: {first['one_edition']:.1f} s; {first['all_editions'] / first['one_edition']:.2f}×")
    last = next((row for row in rows if "serve" in row), None)
    if last:
        edits = ", ".join(f"{s:.2f}" for s in last["serve_edits"])
        print(f"make serve at {last['factor']}×: FAQ edit shown after {last['serve']:.2f} s (edits: {edits} s); "
              f"cold mkdocs build {last['cold']:.2f} s (peak {last['cold_rss_mb']:.0f} MB); "
              f"{last['cold'] / last['serve']:.1f}× faster")
    overhead = max(row["build"] / row["plain"] for row in rows)
    pdf = max(row["pdf_cold"] / row["site_for_pdf"] for row in rows)
    pdf_edit = max(row["pdf_edit"] / row["site_for_pdf"] for row in rows)
    all_vs_one = f"{first['all_editions'] / first['one_edition']:.2f}" if first else "n/a"
    serve = f"{last['cold'] / last['serve']:.2f}" if last else "n/a"
    print(f"overhead={overhead:.2f} check_vs_floor={check['check'] / check['floor']:.2f} pdf_vs_site={pdf:.2f} "
          f"all_editions_vs_one={all_vs_one} serve_speedup={serve} pdf_after_edit_vs_site={pdf_edit:.2f}")


if __name__ == "__main__":
    main()
