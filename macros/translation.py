"""Several languages from one source: texts written per language, resolved for one language before rendering.

A text field holds either plain text (the primary language) or a mapping by language code. The loader
keeps every version in a `Localized` string; `localize` turns the handbook into one language, where a
missing text falls back to the primary language as an `Untranslated` string that pages mark visibly.

Each record may confirm its translations with `translated: {en: <fingerprint>}`, the fingerprint of
the primary-language texts the translation follows; when those texts change, the translation is stale.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from .errors import Language, Message, Problem, record_name
from .model import DOMAINS, Handbook, origin_of
from .model.common import Localized, Untranslated


def localize(handbook: Handbook, language: str, marker: str) -> Handbook:
    """The handbook with every text in `language`, falling back to the primary language marked with `marker`."""
    primary = handbook.organisation.language
    if language == primary and not _has_translations(handbook):
        return handbook

    def resolve(value: Any) -> Any:
        if isinstance(value, Localized):
            if language in value.translations:
                return value.translations[language]
            if value.neutral or not value.translations:
                return str(value)
            return Untranslated(str(value), primary, marker)
        if isinstance(value, BaseModel):
            # Only what changed is updated: model_copy marks every updated field as set in the data file.
            updates = {name: resolved for name in _field_names(type(value))
                       if (resolved := resolve(old := getattr(value, name))) is not old}
            return value.model_copy(update=updates) if updates else value
        if isinstance(value, list):
            items = [resolve(item) for item in value]
            return value if all(new is old for new, old in zip(items, value)) else items
        return value

    fields = {field.name: resolve(getattr(handbook, field.name)) for field in dataclasses.fields(Handbook)
              if field.name not in ("built_at", "fingerprint", "warnings", "withheld", "translation_duties", "exercised")}
    return dataclasses.replace(handbook, **fields)


def _has_translations(handbook: Handbook) -> bool:
    return len(handbook.organisation.all_languages) > 1


# pydantic works out `model_fields` anew at each access (a deprecation shim around the class's fields), and the
# walks here ask for it once per record and nested model; a model class's fields never change.
@lru_cache(maxsize=None)
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def texts(record: Any) -> Iterator[tuple[tuple[str | int, ...], Localized]]:
    """Every translatable text in a record with its place in it (field names and list positions), in order."""
    found: list[tuple[tuple[str | int, ...], Localized]] = []
    _collect(record, (), found)
    return iter(found)


# Only these can hold a text; plain values (numbers, dates, ids) are not descended into (it runs for every record).
_CONTAINERS = (Localized, BaseModel, list)


def _collect(value: Any, path: tuple[str | int, ...], found: list[tuple[tuple[str | int, ...], Localized]]) -> None:
    if isinstance(value, Localized):
        if not value.neutral:
            found.append((path, value))
    elif isinstance(value, BaseModel):
        for name in _field_names(type(value)):
            item = getattr(value, name)
            if isinstance(item, _CONTAINERS):
                _collect(item, (*path, name), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, _CONTAINERS):
                _collect(item, (*path, index), found)


def source_fingerprint(record: Any, places: list[tuple[tuple[str | int, ...], Localized]] | None = None) -> str:
    """Eight hex digits over the record's primary-language texts: it changes whenever one of them changes."""
    digest = hashlib.sha256()
    for path, text in texts(record) if places is None else places:
        digest.update(repr(path).encode() + b"\0" + str(text).encode() + b"\0")
    return digest.hexdigest()[:8]


def missing_texts(record: Any, language: str) -> list[tuple[str | int, ...]]:
    """The places of the record's texts that have no version in `language`."""
    return [path for path, text in texts(record) if language not in text.translations]


# --- Translation duties: what is not yet translated, not confirmed, or older than its source ---------

MISSING, UNCONFIRMED, STALE = "missing", "unconfirmed", "stale"


@dataclass(frozen=True)
class TranslationDuty:
    """One record whose texts in one language are missing, unconfirmed, or follow an older source text."""

    kind: str
    language: str
    record_id: str
    record_label: Message
    title: str
    owner: str
    file: str
    line: int
    missing: int
    total: int
    fingerprint: str
    confirmed: str | None

    def problem(self, primary: str) -> Problem:
        """The `check` warning for this duty, at the record's `translated` line (or its first line)."""
        values = {"language": Language(self.language), "primary": Language(primary),
                  "stamp": f"translated: {{{self.language}: {self.fingerprint}}}"}
        message = Message.of(f"translation.{self.kind}", missing=self.missing, total=self.total,
                             confirmed=self.confirmed, fingerprint=self.fingerprint, **values)
        return Problem(self.file, self.line, message, self.record_label, "translated",
                       Message.of(f"translation.{self.kind}_hint", **values), warning=True)


def _records(handbook: Handbook) -> Iterator[tuple[str, Any]]:
    """Every record with its domain's name (the key of its label under `messages.record`)."""
    for domain in DOMAINS:
        value = getattr(handbook, domain.name)
        for record in (value if isinstance(value, list) else [value] if value is not None else []):
            yield domain.name, record


def _field(record: Any, name: str) -> Any:
    # Only declared fields: asking a pydantic model for an attribute it lacks takes its slow path.
    model: type[BaseModel] = type(record)
    return getattr(record, name) if name in _field_names(model) else None


def _title(record: Any, domain_name: str) -> str:
    for name in ("title", "question", "name", "handbook_title"):
        if isinstance(_field(record, name), str):
            return str(_field(record, name))
    # A record without a title of its own (the crisis group, an exercise) is named by its id, or by its kind.
    return str(_field(record, "id") or "")


def _owner(handbook: Handbook, record: Any) -> str:
    # FAQ answers and checklists have an owner; everything else is the emergency officer's to keep current.
    owner = _field(record, "owner")
    return owner if isinstance(owner, str) else handbook.organisation.emergency_officer


def translation_duties(handbook: Handbook) -> list[TranslationDuty]:
    """For every record and every language but the primary one: missing, unconfirmed or stale translations."""
    primary, *others = handbook.organisation.all_languages
    duties = []
    for label, record in _records(handbook):
        places = list(texts(record))
        if not places or not others:
            continue
        fingerprint = source_fingerprint(record, places)
        origin = origin_of(record)
        for language in others:
            missing = sum(1 for _, text in places if language not in text.translations)
            confirmed = record.translated.get(language)
            kind = MISSING if missing else UNCONFIRMED if confirmed is None else STALE if confirmed != fingerprint else ""
            if not kind:
                continue
            file, line = ("", 0)
            if origin is not None:
                source, base = origin
                file, line = source.path, source.line_of((*base, "translated", language))
            duties.append(TranslationDuty(kind, language, getattr(record, "id", ""),
                                          record_name(label, getattr(record, "id", None)), _title(record, label),
                                          _owner(handbook, record),
                                          file, line, missing, len(places), fingerprint, confirmed))
    return duties


def confirm_translations(handbook: Handbook, language: str,
                         only_files: set[str] | None = None) -> list[tuple[str, Message]]:
    """Write `translated: {language: <fingerprint>}` into every record fully translated into `language`
    (of `only_files`, the data files' display paths, when given); return the records confirmed (file, name).

    The YAML is edited as text, so comments and layout stay as the editors wrote them.
    """
    edits: dict[str, list[tuple[Any, tuple[str | int, ...], str]]] = {}
    confirmed = []
    for label, record in _records(handbook):
        origin = origin_of(record)
        places = list(texts(record))
        if origin is None or not places or any(language not in text.translations for _, text in places):
            continue
        source, base = origin
        if only_files is not None and source.path not in only_files:
            continue
        fingerprint = source_fingerprint(record)
        if record.translated.get(language) == fingerprint:
            continue
        stamps = {**record.translated, language: fingerprint}
        edits.setdefault(source.path, []).append((source, base, _flow_mapping(stamps)))
        confirmed.append((source.path, record_name(label, getattr(record, "id", None))))
    for changes in edits.values():
        _write_stamps(changes)
    return confirmed


def _flow_mapping(stamps: dict[str, str]) -> str:
    # Quoted, so that a fingerprint of digits only stays text.
    return "{" + ", ".join(f'{language}: "{value}"' for language, value in sorted(stamps.items())) + "}"


def _write_stamps(changes: list[tuple[Any, tuple[str | int, ...], str]]) -> None:
    """Replace or insert the `translated:` line of each record in one file, from the bottom up."""
    source = changes[0][0]
    path = Path(source.real_path)
    lines = path.read_text(encoding="utf-8").split("\n")
    for source, base, value in sorted(changes, key=lambda change: -change[0].line_of(change[1])):
        key = (*base, "translated")
        if key in source.lines:
            start = source.lines[key] - 1
            indent = len(lines[start]) - len(lines[start].lstrip(" "))
            end = start + 1
            # A block mapping continues on the lines indented deeper than its key.
            while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip(" ")) > indent:
                end += 1
            lines[start:end] = [" " * indent + f"translated: {value}"]
            continue
        id_line = source.lines.get((*base, "id"))
        if id_line is None:
            # A file of one record without an id: the stamp goes before its first field.
            first = min(line for location, line in source.lines.items() if len(location) == len(base) + 1)
            lines.insert(first - 1, f"translated: {value}")
            continue
        written = lines[id_line - 1]
        indent = len(written) - len(written.lstrip(" -"))
        lines.insert(id_line, " " * indent + f"translated: {value}")
    path.write_text("\n".join(lines), encoding="utf-8")
