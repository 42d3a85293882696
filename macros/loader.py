"""Load `handbook_data/` into a validated Handbook, collecting every problem of the run."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from .errors import DataError, Message, Problem, UsageError, record_name
from .freshness import freshness_problems
from .kept_files import KeptFiles
from .labels import available_languages
from .markup_check import answer_problems
from .messages import describe_error, suggestion
from .model import DOMAINS, Contact, Domain, Exercise, Handbook
from .model.common import LANGUAGES, PRIMARY
from .source import Location, SourceFile, read_yaml
from .translation import translation_duties
from .validation import check_handbook


@dataclass
class LoadedDomain:
    """The records of one domain that validated, plus the ids of those that did not."""

    records: list[Any] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    # True when a record of the domain could not be told by its id: references to the domain are not checked.
    failed: bool = False


def _display(path: Path, data_dir: Path) -> str:
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def _validate_record(domain: Domain, raw: Any, source: SourceFile, base: Location, loaded: LoadedDomain,
                     problems: list[Problem], context: dict[str, Any], kept: KeptFiles | None) -> None:
    label = Message.of(f"record.{domain.name}")
    record_id = raw.get("id") if isinstance(raw, dict) else None
    record = record_name(domain.name, record_id)
    if not isinstance(raw, dict):
        problems.append(Problem(source.path, source.line_of(base), Message.of("loading.not_a_block", record=label),
                                record, hint=Message.of("loading.not_a_block_hint")))
        loaded.failed = True
        return
    try:
        model = kept.validated(domain.model, raw, source, base, context) if kept else \
            domain.model.model_validate(raw, context=context)
    except ValidationError as error:
        problems.extend(describe_error(e, source, base, domain.model, record) for e in error.errors())
        if isinstance(record_id, str):
            loaded.broken_ids.add(record_id)
        else:
            loaded.failed = True
        return
    model._origin = (source, base)
    loaded.records.append(model)


def _outside(path: Path, data_dir: Path, real_data_dir: Path) -> Problem | None:
    """A link (symlink) whose target lies outside the data folder (`real_data_dir` is where the folder itself
    really is): its text would be published from elsewhere."""
    resolved = path.resolve()
    if resolved == real_data_dir or real_data_dir in resolved.parents:
        return None
    return Problem(_display(path, data_dir), 0, Message.of("loading.link_outside", target=resolved),
                   hint=Message.of("loading.link_outside_hint"))


def unknown_entries(data_dir: Path) -> list[Problem]:
    """Files and folders in the data folder (or a domain's folder) that no domain reads: a typo (`contact.yml`)
    would otherwise be skipped without a word. Names starting with a dot (.gitkeep) are left alone."""
    problems = []
    expected = {domain.path for domain in DOMAINS}
    folders = [domain.path for domain in DOMAINS if domain.shape == "folder"]
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith(".") or entry.name in expected:
            continue
        close = suggestion(entry.name, sorted(expected))
        problems.append(Problem(_display(entry, data_dir), 0, Message.of("loading.unknown_file"),
                                hint=close or Message.of("loading.unknown_file_hint", files=sorted(expected))))
    for folder in folders:
        if not (data_dir / folder).is_dir():
            continue
        for entry in sorted((data_dir / folder).iterdir()):
            if entry.name.startswith(".") or entry.suffix in (".yml", ".yaml"):
                continue
            problems.append(Problem(_display(entry, data_dir), 0, Message.of("loading.unknown_in_folder"),
                                    hint=Message.of("loading.unknown_in_folder_hint", folder=folder)))
    return problems


def _load_domain(domain: Domain, data_dir: Path, problems: list[Problem], context: dict[str, Any],
                 kept: KeptFiles | None) -> LoadedDomain:
    loaded = LoadedDomain()
    target = data_dir / domain.path
    if domain.optional and not target.exists():
        return loaded
    if domain.shape == "folder":
        files = sorted(target.glob("*.yml")) + sorted(target.glob("*.yaml"))
        if not target.is_dir() and (target.exists() or target.is_symlink()):
            problems.append(Problem(_display(target, data_dir), 0, Message.of("loading.not_a_folder"),
                                    hint=Message.of("loading.folder_missing_hint",
                                                    record=Message.of(f"record.{domain.name}"))))
            loaded.failed = True
        elif not target.is_dir():
            problems.append(Problem(_display(target, data_dir), 0, Message.of("loading.folder_missing"),
                                    hint=Message.of("loading.folder_missing_hint",
                                                    record=Message.of(f"record.{domain.name}"))))
            loaded.failed = True
    else:
        files = [target]
        if not (target.exists() or target.is_symlink()):
            problems.append(Problem(_display(target, data_dir), 0, Message.of("loading.file_missing"),
                                    hint=Message.of("loading.file_missing_hint")))
            loaded.failed = True
            return loaded
    # Resolved once for all the files: following its links costs a system call per folder on the way.
    real_data_dir = data_dir.resolve()
    for path in files:
        display = _display(path, data_dir)
        try:
            outside = _outside(path, data_dir, real_data_dir)
            if outside is not None:
                raise DataError([outside])
            source = kept.read(path, display) if kept else read_yaml(path, display)
        except DataError as error:
            problems.extend(error.problems)
            # A folder record whose file is broken is still known by its file name.
            if domain.shape == "folder":
                loaded.broken_ids.add(path.stem)
            else:
                loaded.failed = True
            continue
        if domain.shape == "list":
            if not isinstance(source.data, list):
                problems.append(Problem(display, 1, Message.of("loading.not_a_list",
                                                                record=Message.of(f"record.{domain.name}")),
                                        hint=Message.of("loading.not_a_list_hint")))
                loaded.failed = True
                continue
            for index, raw in enumerate(source.data):
                _validate_record(domain, raw, source, (index,), loaded, problems, context, kept)
        else:
            if domain.name == "organisation":
                context.update(_languages(source.data))
            _validate_record(domain, source.data, source, (), loaded, problems, context, kept)
            # A record without an id has that problem already; no file name can match an id not written.
            if domain.shape == "folder" and isinstance(source.data, dict) and source.data.get("id", path.stem) != path.stem:
                written_id = str(source.data.get("id"))
                problems.append(Problem(display, source.line_of(("id",)),
                                        Message.of("loading.file_name", id=written_id),
                                        Message.of("where.record", record=Message.of(f"record.{domain.name}"),
                                                   id=written_id), "id",
                                        hint=Message.of("loading.file_name_hint", id=written_id, stem=path.stem)))
    return loaded


def build_time() -> dt.datetime:
    """Now to the second, or SOURCE_DATE_EPOCH when set, so that two builds of the same data can be identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def data_fingerprint(data_dir: Path) -> str:
    """A SHA-256 over every data file's path and bytes: the same data gives the same fingerprint."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml")):
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: loading makes tens of thousands of objects that all stay, and each
    collection on the way walks all of them again (a quarter of the loading time at 20× the sample)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_handbook(data_dir: Path | str, *, today: dt.date | None = None,
                  built_at: dt.datetime | None = None, kept: KeptFiles | None = None) -> Handbook:
    """Read, validate and cross-check all data; raise DataError listing every problem found. A preview passes the
    files and records it `kept` from its last build: those of files not changed since are not read again."""
    with _no_cycle_collection():
        return _load_handbook(Path(data_dir), today, built_at, kept)


def _load_handbook(data_dir: Path, today: dt.date | None, built_at: dt.datetime | None,
                   kept: KeptFiles | None) -> Handbook:
    if not data_dir.is_dir():
        raise UsageError(Message.of("loading.no_data_folder", data=data_dir))
    problems: list[Problem] = unknown_entries(data_dir)
    # Texts may be written per language; which languages exist is known once organisation.yml (first) is read.
    context: dict[str, Any] = {}
    parts = {domain.name: _load_domain(domain, data_dir, problems, context, kept) for domain in DOMAINS}
    timezone = _timezone(parts, problems)
    if built_at is None:
        built_at = dt.datetime.now(tz=timezone)
        # `check --today` moves the clock to that day: the incident's next update is judged on it too.
        if today is not None:
            built_at = dt.datetime.combine(today, built_at.timetz())
    built_at = built_at.astimezone(timezone)
    today = today or built_at.date()
    warnings = check_handbook(parts, today, problems, built_at, data_dir)
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        raise DataError(errors)
    single = {d.name for d in DOMAINS if d.shape == "single"}
    # One model (or None when the file is absent) or a list of models per domain: Handbook's annotations say which.
    fields: dict[str, Any] = {name: ((part.records[0] if part.records else None) if name in single else part.records)
                              for name, part in parts.items()}
    handbook = Handbook(**fields, built_at=built_at, fingerprint=data_fingerprint(data_dir), warnings=warnings,
                        exercised=[_exercised(e, fields["contacts"]) for e in fields["exercises"]])
    # Known before the answers' links are checked: the review page, which a link may name, lists them.
    handbook.translation_duties = translation_duties(handbook)
    # Answers whose links lead nowhere stop the build; what the sanitiser removes is said as a warning.
    markup = answer_problems(handbook)
    if any(not problem.warning for problem in markup):
        raise DataError([problem for problem in markup if not problem.warning])
    handbook.warnings.extend(sorted(markup))
    # Records past their review date do not stop a build; `check --strict-freshness` makes them errors.
    handbook.warnings.extend(sorted(freshness_problems(handbook, today)))
    return handbook


def _exercised(exercise: Exercise, contacts: list[Contact]
               ) -> tuple[dt.date, str | None, str | None, str | None, str, tuple[str, ...]]:
    """What an exercise exercised, for the review and the exercise plan; a provider's staff taking part makes it
    a joint exercise with that provider."""
    staff_of = {contact.id: contact.provider for contact in contacts if contact.provider}
    providers = dict.fromkeys([*exercise.providers, *(staff_of[p] for p in exercise.participants if p in staff_of)])
    return (exercise.date, exercise.scenario, exercise.alerting_chain, exercise.checklist, exercise.kind.value,
            tuple(providers))


# The catalogue every message falls back to: the one every contributor and log reader can read.
FALLBACK_LANGUAGE = "en"


def messages_language(data_dir: Path | str) -> str:
    """The language the commands speak for this data: organisation.yml's `language`.

    Read from that one file, so that mistakes in any other file do not matter; English when the file
    cannot be read or names a language without a catalogue (that problem is then reported in English).
    """
    organisation = next(domain for domain in DOMAINS if domain.name == "organisation")
    path = Path(data_dir) / organisation.path
    try:
        # The name is only for messages, and every message of this read is dropped below.
        data = read_yaml(path, path.name).data  # pragma: no mutate
    except (OSError, UnicodeDecodeError, DataError):
        return FALLBACK_LANGUAGE
    # Without `language` the handbook is in English (Organisation's default), the fallback too.
    language = data.get("language") if isinstance(data, dict) else None
    return language if isinstance(language, str) and language in available_languages() else FALLBACK_LANGUAGE


def _languages(raw: Any) -> dict[str, Any]:
    """The primary language and all languages as written in organisation.yml (checked by its model)."""
    if not isinstance(raw, dict):
        return {}
    primary = raw.get("language", "en")
    listed = raw.get("languages")
    others = listed if isinstance(listed, list) else []
    if not isinstance(primary, str):
        return {}
    return {PRIMARY: primary, LANGUAGES: list(dict.fromkeys([primary, *(str(o) for o in others)]))}


def _timezone(parts: dict[str, LoadedDomain], problems: list[Problem]) -> dt.tzinfo:
    """The organisation's time zone; an unknown name is reported by validation, UTC stands in."""
    organisations = parts["organisation"].records
    try:
        return ZoneInfo(organisations[0].timezone) if organisations else dt.timezone.utc
    except (ZoneInfoNotFoundError, ValueError):
        return dt.timezone.utc
