"""The command line: `python -m macros check` validates the data, `build` builds the site safely,
`verify` checks a USB copy against its manifest; `review` lists what is out of date, `new-faq` starts
an FAQ answer and `schema` writes the JSON Schemas editors use."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from pathlib import Path
from types import FrameType

from .browser import check_chromium
from .build import BuildLock, Staging, build_editions
from .edition import editions_to_build
from .errors import DataError, HandbookError, UsageError
from .freshness import DUE_SOON_DAYS, freshness_problems
from .labels import labels_for
from .loader import build_time, load_handbook
from .model import FaqAudience, Handbook
from .new_faq import DEFAULT_TOPIC, create_faq
from .outputs import outputs_for
from .render.review import render_review_text
from .schema import add_schema_lines, outdated_schemas, write_schemas
from .translation import MISSING, confirm_translations
from .usb_copy import verify_copy

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
# 128 + SIGINT, as shells report a command stopped with Ctrl-C.
EXIT_INTERRUPTED = 130


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
    check.add_argument("--strict-freshness", action="store_true",
                       help="records past their review date are errors (exit 1), not warnings")
    build = commands.add_parser("build", help="validate, then build every edition into --site and --dist, "
                                              "replacing them only when everything succeeded")
    build.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration")
    build.add_argument("--site", type=Path, default=Path("site"), help="where the finished sites go")
    build.add_argument("--dist", type=Path, default=Path("dist"), help="where the copies, PDFs and exports go")
    build.add_argument("--edition", help="build only this edition (an id from organisation.yml's editions)")
    build.add_argument("--language", action="append",
                       help="build only this language (repeatable; default: every language of the handbook)")
    verify = commands.add_parser("verify", help="check a copied handbook folder or zip against its manifest")
    verify.add_argument("path", type=Path, help="the copied folder (or the USB stick holding it) or the .zip")
    verify.add_argument("--manifest", type=Path, help="check against this manifest (e.g. from dist/) instead of "
                        "the one inside the copy")
    review = commands.add_parser("review", help="list what is overdue or due soon, by owner (always exit 0)")
    review.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    review.add_argument("--today", type=_date, help="review as of this day instead of today")
    review.add_argument("--within-days", type=int, default=DUE_SOON_DAYS, help="how far ahead 'due soon' reaches")
    new_faq = commands.add_parser("new-faq", help="start a new FAQ answer in handbook_data/faq/ from its question")
    new_faq.add_argument("--question", required=True,
                         help='the question as people ask it, e.g. "Why is the line busy?"')
    new_faq.add_argument("--owner", required=True, help="role id responsible for the answer, e.g. communication-lead")
    new_faq.add_argument("--audience", default=FaqAudience.customers.value, choices=[a.value for a in FaqAudience])
    new_faq.add_argument("--topic", default=DEFAULT_TOPIC, help="groups questions on the FAQ page")
    new_faq.add_argument("--scenario", help="scenario id the question belongs to")
    new_faq.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    new_faq.add_argument("--schemas", type=Path, default=Path("schemas"), help="the folder of the JSON Schemas")
    translated = commands.add_parser("translated", help="confirm translations: write translated: {LANGUAGE: …} into "
                                     "every record fully translated into LANGUAGE")
    translated.add_argument("--language", required=True, help="the language whose translations are confirmed, e.g. en")
    translated.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    translated.add_argument("files", nargs="*", type=Path, help="only these data files (default: every file)")
    schema = commands.add_parser("schema",
                                 help="write the JSON Schemas of the data files and point each file to its own")
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="where the schemas go")
    schema.add_argument("--data", type=Path, action="append",
                        help="data folder whose files get the schema line (repeatable; default handbook_data)")
    schema.add_argument("--check", action="store_true", help="change nothing; exit 1 if a schema is out of date")
    return parser


def checked_handbook(data: Path, today: dt.date | None, built_at: dt.datetime | None = None, *,
                     strict_freshness: bool = False, show_warnings: bool = True) -> Handbook | None:
    """Load the data, printing every problem one per line; None when there are errors.

    With `strict_freshness`, records past their review date count as errors instead of warnings.
    """
    try:
        handbook = load_handbook(data, today=today, built_at=built_at)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} in the handbook data.", file=sys.stderr)
        return None
    stale = set(freshness_problems(handbook, today or handbook.built_at.date())) if strict_freshness else set()
    for warning in handbook.warnings:
        if warning in stale:
            print(warning, file=sys.stderr)
        elif show_warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if stale:
        count = len(stale)
        print(f"{count} record{'s are' if count != 1 else ' is'} past {'their' if count != 1 else 'its'} review date "
              f"(--strict-freshness).", file=sys.stderr)
        return None
    return handbook


def run_check(data: Path, today: dt.date | None, strict_freshness: bool = False) -> int:
    """Exit 1 when the data has errors (or, strictly, stale records), 0 otherwise (warnings alone do not fail)."""
    handbook = checked_handbook(data, today, strict_freshness=strict_freshness)
    if handbook is None:
        return EXIT_DATA
    print(f"{data}: the handbook data is valid ({len(handbook.contacts)} contacts, {len(handbook.roles)} roles, "
          f"{len(handbook.scenarios)} scenarios, {len(handbook.faq)} FAQ entries, "
          f"{len(handbook.checklists)} checklists).")
    stale = len(freshness_problems(handbook, today or handbook.built_at.date()))
    if stale:
        print(f"{stale} record{'s are' if stale != 1 else ' is'} past the review date (see the warnings); "
              f"`make review` lists them by owner.")
    _print_translation_duties(handbook)
    return EXIT_OK


def _print_translation_duties(handbook: Handbook) -> None:
    """Unconfirmed and outdated translations one per line; missing ones counted per language."""
    primary = handbook.organisation.language
    duties = handbook.translation_duties
    for duty in duties:
        if duty.kind != MISSING:
            print(f"warning: {duty.problem(primary)}", file=sys.stderr)
    for language in handbook.organisation.all_languages[1:]:
        missing = [duty for duty in duties if duty.kind == MISSING and duty.language == language]
        if missing:
            print(f"{len(missing)} record{'s have' if len(missing) != 1 else ' has'} texts not yet translated into "
                  f"{language} (shown in {primary}, marked on the pages); `make review` lists them by owner.")


def run_translated(data: Path, language: str, files: list[Path]) -> int:
    """Confirm the translations into `language` of every fully translated record (of `files`, when given)."""
    handbook = checked_handbook(data, None, show_warnings=False)
    if handbook is None:
        return EXIT_DATA
    if language not in handbook.organisation.all_languages[1:]:
        raise UsageError(f"'{language}' is not one of the handbook's other languages "
                         f"({', '.join(handbook.organisation.all_languages[1:]) or 'none'})")
    only = {f"{data.name}/{path.resolve().relative_to(data.resolve()).as_posix()}" for path in files} or None
    confirmed = confirm_translations(handbook, language, only)
    for line in confirmed:
        print(f"confirmed: {line}")
    print(f"{len(confirmed)} record{'s' if len(confirmed) != 1 else ''} confirmed in {language}; records with a text "
          f"still missing in {language} were left as they are.")
    return EXIT_OK


def run_build(data: Path, config: Path, site: Path, dist: Path, only: str | None = None,
              languages: list[str] | None = None) -> int:
    """Load and validate once, build every edition into staging folders, swap them in only when all succeeded."""
    if not config.is_file():
        raise UsageError(f"{config}: no such MkDocs configuration")
    handbook = checked_handbook(data, None, built_at=build_time())
    if handbook is None:
        print(f"Nothing was built; {site}/ and {dist}/ are unchanged.", file=sys.stderr)
        return EXIT_DATA
    editions = editions_to_build(handbook, handbook.built_at.date(), handbook.built_at, only, languages)
    if any(output.needs_browser for edition in editions for output in outputs_for(edition)):
        # A missing browser or library shows now, in one line, not after the sites are built.
        check_chromium()
    site, dist = site.resolve(), dist.resolve()
    try:
        with BuildLock(site.parent), Staging(site, dist, only) as staging:
            report = build_editions(handbook, editions, config.resolve(), staging)
            staging.commit()
    except HandbookError as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"The build failed; {site}/ and {dist}/ are unchanged.", file=sys.stderr)
        return EXIT_DATA
    for line in report:
        print(line)
    print(f"Built {len(editions)} edition{'s' if len(editions) != 1 else ''} × language into {site}/ and {dist}/.")
    return EXIT_OK


def run_verify(path: Path, manifest: Path | None) -> int:
    """Exit 0 when the copy matches its manifest, 1 listing every missing, changed and extra file."""
    check = verify_copy(path, manifest)
    facts = check.manifest
    print(f"{check.where}: {facts.get('edition')} edition, version {facts.get('version')}, built {facts.get('built_at')}, "
          f"{len(facts['files'])} files in the manifest.")
    if check.identical:
        print("The copy is complete and unchanged.")
        return EXIT_OK
    differences = list(check.differences())
    for line in differences:
        print(line)
    count = len(differences)
    print(f"{count} difference{'s' if count != 1 else ''}: this copy is incomplete or was changed; "
          f"make a new copy from the zip in dist/.", file=sys.stderr)
    return EXIT_DATA


def run_review(data: Path, today: dt.date | None, within_days: int) -> int:
    """Print what is overdue or due within `within_days`, grouped by owner; exit 0 however much is due."""
    if within_days < 0:
        raise UsageError("--within-days must be 0 or more")
    handbook = checked_handbook(data, today, show_warnings=False)
    if handbook is None:
        return EXIT_DATA
    labels = labels_for(handbook.organisation.language)
    print(render_review_text(handbook, labels, today or handbook.built_at.date(), within_days), end="")
    return EXIT_OK


def run_new_faq(arguments: argparse.Namespace) -> int:
    """Create the FAQ file and say what to do next."""
    path = create_faq(arguments.data, arguments.question, arguments.owner, audience=arguments.audience,
                      topic=arguments.topic, scenario=arguments.scenario, schemas_dir=arguments.schemas)
    print(f"Created {path.as_posix()} (status: in-progress). Write the answer, set status: answered once it is "
          f"approved, then run `make check` and open a pull request.")
    return EXIT_OK


def run_schema(out: Path, data_dirs: list[Path], check_only: bool) -> int:
    """Write the schemas and the data files' schema lines, or with `check_only` report what is out of date."""
    if check_only:
        outdated = outdated_schemas(out)
        for path in outdated:
            print(f"{path.as_posix()}: out of date with the models; run `make schema` and commit the result",
                  file=sys.stderr)
        return EXIT_DATA if outdated else EXIT_OK
    changed = write_schemas(out)
    marked = [path for data in data_dirs for path in add_schema_lines(data, out)]
    print(f"{len(changed)} schema{'s' if len(changed) != 1 else ''} written to {out.as_posix()}/, "
          f"{len(marked)} data file{'s' if len(marked) != 1 else ''} given a schema line.")
    return EXIT_OK


def _stop_on_signal(number: int, _frame: FrameType | None) -> None:
    # SIGTERM ends a build like Ctrl-C: the staging folders are removed on the way out.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    try:
        if arguments.command == "check":
            return run_check(arguments.data, arguments.today, arguments.strict_freshness)
        if arguments.command == "review":
            return run_review(arguments.data, arguments.today, arguments.within_days)
        if arguments.command == "new-faq":
            return run_new_faq(arguments)
        if arguments.command == "translated":
            return run_translated(arguments.data, arguments.language, arguments.files)
        if arguments.command == "schema":
            return run_schema(arguments.out, arguments.data or [Path("handbook_data")], arguments.check)
        if arguments.command == "verify":
            return run_verify(arguments.path, arguments.manifest)
        return run_build(arguments.data, arguments.config, arguments.site, arguments.dist, arguments.edition,
                         arguments.language)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except HandbookError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("Interrupted: nothing was changed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:
        # A full disk or a folder that cannot be written: say which, without a traceback.
        print(f"error: {error.strerror or error} ({error.filename or 'while writing'}); nothing was changed.",
              file=sys.stderr)
        return EXIT_DATA
