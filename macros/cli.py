"""The command line: `python -m macros check` validates the data, `build` builds the site safely."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import DataError, HandbookError, UsageError
from .loader import load_handbook
from .model import Handbook
from .outputs import WRITERS

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-22, found '{value}'") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Emergency handbook generator.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate handbook_data/ without building")
    check.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    check.add_argument("--today", type=_date, help="check dates against this day instead of today")
    build = commands.add_parser("build", help="validate, then build the site into --site, replacing it only on success")
    build.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration")
    build.add_argument("--site", type=Path, default=Path("site"), help="where the finished site goes")
    build.add_argument("--dist", type=Path, default=Path("dist"), help="where the copy, PDFs and exports go")
    return parser


def checked_handbook(data: Path, today: dt.date | None) -> Handbook | None:
    """Load the data, printing every problem one per line; None when there are errors."""
    try:
        handbook = load_handbook(data, today=today)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} in the handbook data.", file=sys.stderr)
        return None
    for warning in handbook.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return handbook


def run_check(data: Path, today: dt.date | None) -> int:
    """Exit 1 when the data has errors, 0 otherwise (warnings alone do not fail)."""
    handbook = checked_handbook(data, today)
    if handbook is None:
        return EXIT_DATA
    print(f"{data}: the handbook data is valid ({len(handbook.contacts)} contacts, {len(handbook.roles)} roles, "
          f"{len(handbook.scenarios)} scenarios, {len(handbook.faq)} FAQ entries, "
          f"{len(handbook.checklists)} checklists).")
    return EXIT_OK


def run_build(data: Path, config: Path, site: Path, dist: Path) -> int:
    """Build into a temporary folder next to `site`, swap it in only when MkDocs succeeded, then write dist/."""
    if not config.is_file():
        raise UsageError(f"{config}: no such MkDocs configuration")
    handbook = checked_handbook(data, None)
    if handbook is None:
        print(f"Nothing was built; {site}/ is unchanged.", file=sys.stderr)
        return EXIT_DATA
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.building-", dir=site.parent))
    environment = {**os.environ, "HANDBOOK_DATA": str(data.resolve()), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--config-file", str(config), "--site-dir", str(staging)], env=environment)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"The build failed; {site}/ is unchanged.", file=sys.stderr)
        return EXIT_DATA
    _swap_in(staging, site)
    print(f"Built the handbook into {site}/")
    dist.mkdir(parents=True, exist_ok=True)
    for write in WRITERS:
        write(handbook, site, dist)
    return EXIT_OK


def _swap_in(staging: Path, site: Path) -> None:
    """Replace `site` by `staging` with two renames, so a reader never sees a half-written site."""
    retired = site.with_name(f".{site.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "check":
            return run_check(arguments.data, arguments.today)
        return run_build(arguments.data, arguments.config, arguments.site, arguments.dist)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except HandbookError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA
