"""Keeping the incident's record: `new-update` stamps an update into situation.yml, `close-incident` moves the
timeline into the exercise log (exercises.yml) and removes situation.yml.

Both edit the YAML as text, so that the editors' comments and layout stay as they wrote them; both check the
data before and after, and change nothing when it would not load.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Message, UsageError
from .labels import labels_for
from .loader import load_handbook
from .model import DOMAINS
from .source import read_yaml

SITUATION = next(domain for domain in DOMAINS if domain.name == "situation")
EXERCISES = next(domain for domain in DOMAINS if domain.name == "exercises")
DEFAULT_NEXT_MINUTES = 60


def _quoted(text: str) -> str:
    # JSON strings are valid YAML double-quoted strings: any text, one line, nothing read as YAML syntax.
    return json.dumps(text, ensure_ascii=False)


def _stamp(moment: dt.datetime) -> str:
    return f'"{moment:%Y-%m-%d %H:%M}"'


@dataclass(frozen=True)
class UpdateAdded:
    path: Path
    at: dt.datetime
    next_update: dt.datetime


def add_update(data: Path, text: str, now: dt.datetime, *, public_text: str | None = None, by: str | None = None,
               next_in_minutes: int = DEFAULT_NEXT_MINUTES) -> UpdateAdded:
    """Append an update stamped `now` (in the organisation's time zone) and set next_update `next_in_minutes` later."""
    path = data / SITUATION.path
    if not path.is_file():
        raise UsageError(Message.of("cli.no_situation", path=path.as_posix()))
    if not text.strip():
        raise UsageError(Message.of("cli.empty_update"))
    load_handbook(data, built_at=now)  # the data must load before it is changed
    source = read_yaml(path, path.name)
    lines = path.read_text(encoding="utf-8").split("\n")
    updates_line = source.lines[("updates",)] - 1
    indent = len(lines[updates_line]) - len(lines[updates_line].lstrip())
    end = updates_line + 1
    # The list continues while lines are blank, comments, or indented deeper than `updates:` (or start with '- ').
    while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#")
                                or len(lines[end]) - len(lines[end].lstrip()) > indent
                                or lines[end].startswith(" " * indent + "- ")):
        end += 1
    while end > updates_line + 1 and not lines[end - 1].strip():
        end -= 1
    item = " " * indent + "  "
    entry = [f"{item}- at: {_stamp(now)}", f"{item}  text: {_quoted(text.strip())}"]
    if public_text:
        entry.append(f"{item}  public_text: {_quoted(public_text.strip())}")
    if by:
        entry.append(f"{item}  by: {by}")
    lines[end:end] = entry
    next_update = now + dt.timedelta(minutes=next_in_minutes)
    next_line = source.lines[("next_update",)] - 1
    key_indent = lines[next_line][: len(lines[next_line]) - len(lines[next_line].lstrip())]
    lines[next_line] = f"{key_indent}next_update: {_stamp(next_update)}"
    _write_checked(data, {path: "\n".join(lines)}, now)
    return UpdateAdded(path, now, next_update)


@dataclass(frozen=True)
class IncidentClosed:
    exercise_id: str
    log: Path
    situation: Path
    updates: int


def close_incident(data: Path, now: dt.datetime) -> IncidentClosed:
    """Append the incident to exercises.yml as an exercise of kind `incident` with its timeline; remove situation.yml.

    The findings start as one line in the handbook's language saying the after-action review is still to come.
    """
    path = data / SITUATION.path
    if not path.is_file():
        raise UsageError(Message.of("cli.no_situation", path=path.as_posix()))
    handbook = load_handbook(data, built_at=now)
    situation = handbook.situation
    assert situation is not None
    log = data / EXERCISES.path
    exercise_id = f"{situation.since:%Y-%m-%d}-incident" + (f"-{situation.scenario}" if situation.scenario else "")
    if any(exercise.id == exercise_id for exercise in handbook.exercises):
        raise UsageError(Message.of("cli.incident_exists", log=log.as_posix(), id=exercise_id))
    labels = labels_for(handbook.organisation.language)
    participants = list(dict.fromkeys([*(u.by for u in situation.updates if u.by),
                                       handbook.organisation.emergency_officer]))
    entry = ["", f"- id: {exercise_id}", f"  date: {situation.since:%Y-%m-%d}", "  kind: incident"]
    if situation.scenario:
        entry.append(f"  scenario: {situation.scenario}")
    entry.append("  participants:")
    entry += [f"    - {party}" for party in participants]
    entry += ["  findings:", f"    - {_quoted(labels('incident.review_pending'))}", "  timeline:"]
    for update in sorted(situation.updates, key=lambda u: u.at):
        entry += [f"    - at: {_stamp(update.at)}", f"      text: {_quoted(str(update.text))}"]
    text = log.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(entry) + "\n"
    _write_checked(data, {log: text}, now, remove=path)
    return IncidentClosed(exercise_id, log, path, len(situation.updates))


def _write_checked(data: Path, contents: dict[Path, str], now: dt.datetime, remove: Path | None = None) -> None:
    """Write the new contents (and remove `remove`); put everything back if the data then no longer loads."""
    before = {path: path.read_text(encoding="utf-8") for path in [*contents, *([remove] if remove else [])]}
    try:
        for path, text in contents.items():
            path.write_text(text, encoding="utf-8")
        if remove is not None:
            remove.unlink()
        load_handbook(data, built_at=now)
    except DataError:
        for path, text in before.items():
            path.write_text(text, encoding="utf-8")
        raise
