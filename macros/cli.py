"""The command line: `python -m macros check` validates the data, `build` builds the site safely,
`verify` checks a USB copy against its manifest; `review` lists what is out of date, `new-faq` starts
an FAQ answer and `schema` writes the JSON Schemas editors use."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from .browser import BrowserMissing
from .build import BuildLock, Staging, build_editions
from .commands import make_command
from .edition import editions_to_build
from .errors import DataError, HandbookError, Language, Message, UsageError
from .freshness import DUE_SOON_DAYS, freshness_problems
from .labels import Labels, available_languages, labels_for
from .loader import build_time, load_handbook, messages_language
from .markup_check import is_removal
from .model import FaqAudience, Handbook
from .new_faq import create_faq
from .render.review import render_review_text
from .schema import add_schema_lines, outdated_schemas, write_schemas
from .translation import MISSING, confirm_translations
from .usb_copy import verify_copy

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
# 128 + SIGINT, as shells report a command stopped with Ctrl-C.
EXIT_INTERRUPTED = 130
DEFAULT_DATA = Path("handbook_data")


def say(labels: Labels, key: str, /, *, stderr: bool = False, **values: object) -> None:
    """Print the message `messages.<key>` in the labels' language (on stderr with `stderr`)."""
    print(Message.of(key, **values).text(labels), file=sys.stderr if stderr else sys.stdout)


def counted(key: str, count: int, /, **values: object) -> Message:
    """The message `<key>.one` or `<key>.other`, by `count` (English, German and Swedish count alike)."""
    return Message.of(f"{key}.{'one' if count == 1 else 'other'}", count=count, **values)


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
    check.add_argument("--strict", action="store_true",
                       help="anything removed from an answer or shown as text (HTML, scripts, outside images, "
                            "links of other kinds) is an error (exit 1), not a warning")
    check.add_argument("--language", dest="message_language", metavar="CODE",
                       help="print the messages in this catalogue language (default: the handbook's language)")
    build = commands.add_parser("build", help="validate, then build every edition into --site and --dist, "
                                              "replacing them only when everything succeeded")
    build.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration")
    build.add_argument("--site", type=Path, default=Path("site"), help="where the finished sites go")
    build.add_argument("--dist", type=Path, default=Path("dist"), help="where the copies, PDFs and exports go")
    build.add_argument("--edition", help="build only this edition (an id from organisation.yml's editions)")
    build.add_argument("--language", action="append",
                       help="build only this language (repeatable; default: every language of the handbook)")
    build.add_argument("--strict", action="store_true",
                       help="build nothing when anything would be removed from an answer or shown as text")
    verify = commands.add_parser("verify", help="check a copied handbook folder or zip against its manifest")
    verify.add_argument("path", type=Path, help="the copied folder (or the USB stick holding it) or the .zip")
    verify.add_argument("--manifest", type=Path, help="check against this manifest (e.g. from dist/) instead of "
                        "the one inside the copy")
    review = commands.add_parser("review", help="list what is overdue or due soon, by owner (always exit 0)")
    review.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    review.add_argument("--today", type=_date, help="review as of this day instead of today")
    review.add_argument("--within-days", type=int, default=DUE_SOON_DAYS, help="how far ahead 'due soon' reaches")
    review.add_argument("--language", dest="message_language", metavar="CODE",
                        help="print the review in this catalogue language (default: the handbook's language)")
    new_faq = commands.add_parser("new-faq", help="start a new FAQ answer in handbook_data/faq/ from its question")
    new_faq.add_argument("--question", required=True,
                         help='the question as people ask it, e.g. "Why is the line busy?"')
    new_faq.add_argument("--owner", required=True, help="role id responsible for the answer, e.g. communication-lead")
    new_faq.add_argument("--audience", default=FaqAudience.customers.value, choices=[a.value for a in FaqAudience])
    new_faq.add_argument("--topic", help="groups questions on the FAQ page (default: 'General' in the handbook's "
                         "language)")
    new_faq.add_argument("--scenario", help="scenario id the question belongs to")
    new_faq.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    new_faq.add_argument("--schemas", type=Path, default=Path("schemas"), help="the folder of the JSON Schemas")
    translated = commands.add_parser("translated", help="confirm translations: write translated: {LANGUAGE: …} into "
                                     "every record fully translated into LANGUAGE")
    translated.add_argument("--language", required=True, help="the language whose translations are confirmed, e.g. en")
    translated.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    translated.add_argument("files", nargs="*", type=Path, help="only these data files (default: every file)")
    update = commands.add_parser("new-update", help="stamp an update of the declared incident into situation.yml and "
                                 "set when the next one is due")
    update.add_argument("--text", required=True, help="the update for staff, e.g. \"Calls are answered again.\"")
    update.add_argument("--public-text", help="what the public edition shows of it (default: nothing)")
    update.add_argument("--by", help="role id of who gives the update")
    update.add_argument("--next", default="60", help="minutes until the next update is due (default 60)")
    update.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    close = commands.add_parser("close-incident", help="move the declared incident's timeline into exercises.yml "
                                "and remove situation.yml")
    close.add_argument("--data", type=Path, default=Path("handbook_data"), help="the data folder")
    schema = commands.add_parser("schema",
                                 help="write the JSON Schemas of the data files and point each file to its own")
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="where the schemas go")
    schema.add_argument("--data", type=Path, action="append",
                        help="data folder whose files get the schema line (repeatable; default handbook_data)")
    schema.add_argument("--check", action="store_true", help="change nothing; exit 1 if a schema is out of date")
    return parser


def checked_handbook(data: Path, today: dt.date | None, labels: Labels, built_at: dt.datetime | None = None, *,
                     strict_freshness: bool = False, strict: bool = False,
                     show_warnings: bool = True) -> Handbook | None:
    """Load the data, printing every problem one per line in the labels' language; None when there are errors.

    With `strict_freshness`, records past their review date count as errors instead of warnings; with `strict`,
    whatever the sanitiser removes from an answer does.
    """
    try:
        handbook = load_handbook(data, today=today, built_at=built_at)
    except DataError as error:
        for problem in error.problems:
            print(problem.text(labels), file=sys.stderr)
        print(counted("cli.problems", len(error.problems)).text(labels), file=sys.stderr)
        return None
    stale = set(freshness_problems(handbook, today or handbook.built_at.date())) if strict_freshness else set()
    removed = {warning for warning in handbook.warnings if is_removal(warning)} if strict else set()
    for warning in handbook.warnings:
        if warning in stale or warning in removed:
            print(warning.text(labels), file=sys.stderr)
        elif show_warnings:
            say(labels, "cli.warning", stderr=True, problem=warning.text(labels))
    if removed:
        print(counted("cli.strict_removed", len(removed)).text(labels), file=sys.stderr)
    if stale:
        print(counted("cli.strict", len(stale)).text(labels), file=sys.stderr)
    if stale or removed:
        return None
    return handbook


def run_check(data: Path, today: dt.date | None, labels: Labels, strict_freshness: bool = False,
              strict: bool = False) -> int:
    """Exit 1 when the data has errors (or, strictly, stale records or removals), 0 otherwise (warnings alone
    do not fail)."""
    handbook = checked_handbook(data, today, labels, strict_freshness=strict_freshness, strict=strict)
    if handbook is None:
        return EXIT_DATA
    say(labels, "cli.valid", data=data, contacts=len(handbook.contacts), roles=len(handbook.roles),
        scenarios=len(handbook.scenarios), faq=len(handbook.faq), checklists=len(handbook.checklists))
    stale = len(freshness_problems(handbook, today or handbook.built_at.date()))
    if stale:
        print(counted("cli.past_review", stale, review=make_command("review", data)).text(labels))
    _print_translation_duties(handbook, labels, data)
    return EXIT_OK


def _print_translation_duties(handbook: Handbook, labels: Labels, data: Path | None = None) -> None:
    """Unconfirmed and outdated translations one per line; missing ones counted per language."""
    primary = handbook.organisation.language
    duties = handbook.translation_duties
    for duty in duties:
        if duty.kind != MISSING:
            say(labels, "cli.warning", stderr=True, problem=duty.problem(primary).text(labels))
    for language in handbook.organisation.all_languages[1:]:
        missing = [duty for duty in duties if duty.kind == MISSING and duty.language == language]
        if missing:
            print(counted("cli.untranslated", len(missing), language=Language(language), primary=Language(primary),
                          review=make_command("review", data)).text(labels))


def run_translated(data: Path, language: str, files: list[Path], labels: Labels) -> int:
    """Confirm the translations into `language` of every fully translated record (of `files`, when given)."""
    handbook = checked_handbook(data, None, labels, show_warnings=False)
    if handbook is None:
        return EXIT_DATA
    others = handbook.organisation.all_languages[1:]
    if language not in others:
        raise UsageError(Message.of("cli.not_other_language", language=language,
                                    languages=others or Message.of("cli.no_other_language")))
    only = {f"{data.name}/{path.resolve().relative_to(data.resolve()).as_posix()}" for path in files} or None
    confirmed = confirm_translations(handbook, language, only)
    for file, record in confirmed:
        say(labels, "cli.confirmed_line", file=file, record=record)
    print(counted("cli.confirmed", len(confirmed), language=Language(language)).text(labels))
    return EXIT_OK


def run_build(data: Path, config: Path, site: Path, dist: Path, labels: Labels, only: str | None = None,
              languages: list[str] | None = None, strict: bool = False) -> int:
    """Load and validate once, build every edition into staging folders, swap them in only when all succeeded."""
    if not config.is_file():
        raise UsageError(Message.of("cli.no_config", config=config))
    handbook = checked_handbook(data, None, labels, built_at=build_time(), strict=strict)
    if handbook is None:
        say(labels, "cli.nothing_built", stderr=True, site=site, dist=dist)
        return EXIT_DATA
    editions = editions_to_build(handbook, handbook.built_at.date(), handbook.built_at, only, languages)
    site, dist = site.resolve(), dist.resolve()
    try:
        with BuildLock(site.parent), Staging(site, dist, only) as staging:
            report = build_editions(handbook, editions, config.resolve(), staging)
            if _interrupted:
                raise KeyboardInterrupt
            staging.commit()
    except BrowserMissing:
        # What to install, in one line (the first print found it: Chromium starts while the sites are built).
        raise
    except HandbookError as error:
        say(labels, "cli.error", stderr=True, error=error.text(labels))
        say(labels, "cli.build_failed", stderr=True, site=site, dist=dist)
        return EXIT_DATA
    for parts in report:
        print("; ".join(part.text(labels) if isinstance(part, Message) else part for part in parts))
    print(counted("cli.built", len(editions), site=site, dist=dist).text(labels))
    return EXIT_OK


def run_verify(path: Path, manifest: Path | None, labels: Labels) -> int:
    """Exit 0 when the copy matches its manifest, 1 listing every missing, changed and extra file.

    Speaks the copy's own primary language once its manifest is read (the handbook's language before).
    """
    check = verify_copy(path, manifest)
    facts = check.manifest
    languages = facts.get("languages")
    if isinstance(languages, list) and languages and languages[0] in available_languages():
        labels = labels_for(languages[0])
    say(labels, "verify.summary", where=check.where, edition=facts.get("edition"), version=facts.get("version"),
        built_at=facts.get("built_at"), count=len(facts["files"]))
    if check.identical:
        say(labels, "verify.identical")
        return EXIT_OK
    differences = list(check.differences())
    for line in differences:
        print(line.text(labels))
    print(counted("verify.differences", len(differences)).text(labels), file=sys.stderr)
    return EXIT_DATA


def run_review(data: Path, today: dt.date | None, within_days: int, labels: Labels) -> int:
    """Print what is overdue or due within `within_days`, grouped by owner; exit 0 however much is due."""
    if within_days < 0:
        raise UsageError(Message.of("cli.within_days"))
    handbook = checked_handbook(data, today, labels, show_warnings=False)
    if handbook is None:
        return EXIT_DATA
    print(render_review_text(handbook, labels, today or handbook.built_at.date(), within_days), end="")
    return EXIT_OK


def run_new_faq(arguments: argparse.Namespace, labels: Labels) -> int:
    """Create the FAQ file and say what to do next."""
    path = create_faq(arguments.data, arguments.question, arguments.owner, audience=arguments.audience,
                      topic=arguments.topic, scenario=arguments.scenario, schemas_dir=arguments.schemas)
    say(labels, "new_faq.created", path=path.as_posix(), check=make_command("check", arguments.data))
    return EXIT_OK


def run_new_update(arguments: argparse.Namespace, labels: Labels) -> int:
    """Stamp an update into situation.yml (now, in the organisation's time zone) and say when the next is due."""
    from .incident_log import add_update

    try:
        minutes = int(arguments.next)
    except ValueError:
        raise UsageError(Message.of("cli.bad_next", found=arguments.next)) from None
    if minutes < 1:
        raise UsageError(Message.of("cli.bad_next", found=arguments.next))
    now = _now_for(arguments.data)
    added = add_update(arguments.data, arguments.text, now, public_text=arguments.public_text, by=arguments.by,
                       next_in_minutes=minutes)
    say(labels, "cli.update_added", path=added.path.as_posix(), at=labels.datetime(added.at),
        next=labels.datetime(added.next_update))
    return EXIT_OK


def run_close_incident(arguments: argparse.Namespace, labels: Labels) -> int:
    """Move the incident's timeline into the exercise log and remove situation.yml."""
    from .incident_log import close_incident

    closed = close_incident(arguments.data, _now_for(arguments.data))
    say(labels, "cli.incident_moved", count=closed.updates, id=closed.exercise_id, log=closed.log.as_posix(),
        path=closed.situation.as_posix())
    return EXIT_OK


def _now_for(data: Path) -> dt.datetime:
    """Now, in the organisation's time zone (SOURCE_DATE_EPOCH when set), to the minute."""
    handbook = load_handbook(data, built_at=build_time())
    return handbook.built_at.replace(second=0, microsecond=0)


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


# Set by Ctrl-C or SIGTERM, even when its KeyboardInterrupt lands where Python cannot raise it (a weakref callback,
# a __del__) and is dropped: a build must then still stop before it swaps its output in.
_interrupted = False


def _stop_on_signal(number: int, _frame: FrameType | None) -> None:
    # Ctrl-C and SIGTERM end a build alike: the staging folders are removed on the way out.
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def _drop_lost_interrupt(unraisable: sys.UnraisableHookArgs) -> None:
    # Not printed as "Exception ignored": _interrupted keeps it, and the command ends with its one line.
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


@contextmanager
def _interrupts() -> Iterator[None]:
    """Ctrl-C and SIGTERM end the command as a KeyboardInterrupt; one Python could not raise is kept in _interrupted."""
    global _interrupted
    _interrupted = False
    handlers = {number: signal.signal(number, _stop_on_signal) for number in (signal.SIGINT, signal.SIGTERM)}
    unraisable_hook, sys.unraisablehook = sys.unraisablehook, _drop_lost_interrupt
    try:
        yield
    finally:
        sys.unraisablehook = unraisable_hook
        for number, handler in handlers.items():
            signal.signal(number, handler)


def _forget_caught_interrupt() -> None:
    """Let `python -m macros` exit with our code after a caught Ctrl-C or SIGTERM.

    CPython marks a KeyboardInterrupt that leaves a string `exec` (a dataclass being made during an import, say) as
    unhandled even when it is caught later, and under `-m` then ends the process by SIGINT instead of with the code
    returned; each string `exec` clears the mark when it starts."""
    exec("pass", {})


def _data_folder(arguments: argparse.Namespace) -> Path:
    """The data folder the command reads; `verify` and `schema` speak the language of the default one."""
    return arguments.data if isinstance(getattr(arguments, "data", None), Path) else DEFAULT_DATA


def _requested_labels(arguments: argparse.Namespace, labels: Labels) -> Labels:
    """The catalogue asked for with --language (check, review), or `labels`, the handbook's language."""
    requested = getattr(arguments, "message_language", None)
    if requested is None:
        return labels
    if requested not in available_languages():
        raise UsageError(Message.of("cli.unknown_catalogue", language=requested, languages=available_languages()))
    return labels_for(requested)


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    # Worked out from organisation.yml alone, so that it holds however broken the other files are.
    labels = labels_for(messages_language(_data_folder(arguments)))
    with _interrupts():
        try:
            labels = _requested_labels(arguments, labels)
            if arguments.command == "check":
                return run_check(arguments.data, arguments.today, labels, arguments.strict_freshness, arguments.strict)
            if arguments.command == "review":
                return run_review(arguments.data, arguments.today, arguments.within_days, labels)
            if arguments.command == "new-faq":
                return run_new_faq(arguments, labels)
            if arguments.command == "new-update":
                return run_new_update(arguments, labels)
            if arguments.command == "close-incident":
                return run_close_incident(arguments, labels)
            if arguments.command == "translated":
                return run_translated(arguments.data, arguments.language, arguments.files, labels)
            if arguments.command == "schema":
                return run_schema(arguments.out, arguments.data or [DEFAULT_DATA], arguments.check)
            if arguments.command == "verify":
                return run_verify(arguments.path, arguments.manifest, labels)
            return run_build(arguments.data, arguments.config, arguments.site, arguments.dist, labels, arguments.edition,
                             arguments.language, arguments.strict)
        except UsageError as error:
            say(labels, "cli.error", stderr=True, error=error.text(labels))
            return EXIT_USAGE
        except HandbookError as error:
            say(labels, "cli.error", stderr=True, error=error.text(labels))
            return EXIT_DATA
        except KeyboardInterrupt:
            _forget_caught_interrupt()
            say(labels, "cli.interrupted", stderr=True)
            return EXIT_INTERRUPTED
        except OSError as error:
            # A full disk or a folder that cannot be written: say which, without a traceback.
            where = error.filename or Message.of("cli.while_writing")
            say(labels, "cli.error", stderr=True,
                error=Message.of("cli.os_error", reason=error.strerror or error, where=where).text(labels))
            return EXIT_DATA
