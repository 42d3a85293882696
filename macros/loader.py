"""Load `handbook_data/` into a validated Handbook, collecting every problem of the run."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from .errors import DataError, Problem, UsageError
from .freshness import freshness_problems
from .messages import describe_error
from .model import DOMAINS, Domain, Handbook
from .model.common import LANGUAGES, PRIMARY
from .source import SourceFile, read_yaml
from .translation import translation_duties
from .validation import check_handbook


class LoadedDomain:
    """The records of one domain that validated, plus the ids of those that did not."""

    def __init__(self) -> None:
        self.records: list[Any] = []
        self.broken_ids: set[str] = set()
        self.failed = False


def _display(path: Path, data_dir: Path) -> str:
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def _validate_record(domain: Domain, raw: Any, source: SourceFile, base: tuple, loaded: LoadedDomain,
                     problems: list[Problem], context: dict[str, Any]) -> None:
    label = domain.record_label
    record_id = raw.get("id") if isinstance(raw, dict) else None
    record = f"{label} '{record_id}'" if isinstance(record_id, str) else label
    if not isinstance(raw, dict):
        problems.append(Problem(source.path, source.line_of(base), f"expected a block of fields for a {label}",
                                record, hint="each record is a set of 'key: value' lines"))
        loaded.failed = True
        return
    try:
        model = domain.model.model_validate(raw, context=context)
    except ValidationError as error:
        problems.extend(describe_error(e, source, base, domain.model, record) for e in error.errors())
        if isinstance(record_id, str):
            loaded.broken_ids.add(record_id)
        else:
            loaded.failed = True
        return
    model._origin = (source, base)
    loaded.records.append(model)


def _load_domain(domain: Domain, data_dir: Path, problems: list[Problem], context: dict[str, Any]) -> LoadedDomain:
    loaded = LoadedDomain()
    target = data_dir / domain.path
    if domain.shape == "folder":
        files = sorted(target.glob("*.yml")) + sorted(target.glob("*.yaml"))
        if not target.is_dir():
            problems.append(Problem(_display(target, data_dir), 0, "this folder is missing",
                                    hint=f"create it with one .yml file per {domain.record_label}"))
            loaded.failed = True
    else:
        files = [target]
        if not target.is_file():
            problems.append(Problem(_display(target, data_dir), 0, "this file is missing",
                                    hint="create it; the README describes its fields"))
            loaded.failed = True
            return loaded
    for path in files:
        display = _display(path, data_dir)
        try:
            source = read_yaml(path, display)
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
                problems.append(Problem(display, 1, f"expected a list of {domain.record_label} records",
                                        hint="start each record with '- id: …'"))
                loaded.failed = True
                continue
            for index, raw in enumerate(source.data):
                _validate_record(domain, raw, source, (index,), loaded, problems, context)
        else:
            if domain.name == "organisation":
                context.update(_languages(source.data))
            _validate_record(domain, source.data, source, (), loaded, problems, context)
            if domain.shape == "folder" and isinstance(source.data, dict) and source.data.get("id") != path.stem:
                problems.append(Problem(display, source.line_of(("id",)),
                                        f"the file name does not match the id '{source.data.get('id')}'",
                                        f"{domain.record_label} '{source.data.get('id')}'", "id",
                                        hint=f"rename the file to {source.data.get('id')}.yml or change the id to '{path.stem}'"))
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


def load_handbook(data_dir: Path | str, *, today: dt.date | None = None,
                  built_at: dt.datetime | None = None) -> Handbook:
    """Read, validate and cross-check all data; raise DataError listing every problem found."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise UsageError(f"{data_dir}: no such data folder (expected the handbook_data/ folder)")
    problems: list[Problem] = []
    # Texts may be written per language; which languages exist is known once organisation.yml (first) is read.
    context: dict[str, Any] = {}
    parts = {domain.name: _load_domain(domain, data_dir, problems, context) for domain in DOMAINS}
    timezone = _timezone(parts, problems)
    built_at = (built_at or dt.datetime.now(tz=timezone)).astimezone(timezone)
    today = today or built_at.date()
    warnings = check_handbook(parts, today, problems)
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        raise DataError(errors)
    single = {d.name for d in DOMAINS if d.shape == "single"}
    fields = {name: (part.records[0] if name in single else part.records) for name, part in parts.items()}
    handbook = Handbook(**fields, built_at=built_at, fingerprint=data_fingerprint(data_dir), warnings=warnings,
                        exercised=[(e.date, e.scenario, e.alerting_chain, e.checklist) for e in fields["exercises"]])
    # Records past their review date do not stop a build; `check --strict-freshness` makes them errors.
    handbook.warnings.extend(sorted(freshness_problems(handbook, today)))
    handbook.translation_duties = translation_duties(handbook)
    return handbook


def _languages(raw: Any) -> dict[str, Any]:
    """The primary language and all languages as written in organisation.yml (checked by its model)."""
    if not isinstance(raw, dict):
        return {}
    primary = raw.get("language", "en")
    others = raw.get("languages") if isinstance(raw.get("languages"), list) else []
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
