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
from typing import Any, Iterator

from pydantic import BaseModel

from .model import Handbook
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
            updates = {name: resolve(getattr(value, name)) for name in type(value).model_fields}
            return value.model_copy(update=updates)
        if isinstance(value, list):
            return [resolve(item) for item in value]
        return value

    fields = {field.name: resolve(getattr(handbook, field.name)) for field in dataclasses.fields(Handbook)
              if field.name not in ("built_at", "fingerprint", "warnings", "withheld")}
    return dataclasses.replace(handbook, **fields)


def _has_translations(handbook: Handbook) -> bool:
    return len(handbook.organisation.all_languages) > 1


def texts(record: Any) -> Iterator[tuple[tuple[str | int, ...], Localized]]:
    """Every translatable text in a record with its place in it (field names and list positions), in order."""
    def walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Localized]]:
        if isinstance(value, Localized):
            if not value.neutral:
                yield path, value
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))
    yield from walk(record, ())


def source_fingerprint(record: Any) -> str:
    """Eight hex digits over the record's primary-language texts: it changes whenever one of them changes."""
    digest = hashlib.sha256()
    for path, text in texts(record):
        digest.update(repr(path).encode() + b"\0" + str(text).encode() + b"\0")
    return digest.hexdigest()[:8]


def missing_texts(record: Any, language: str) -> list[tuple[str | int, ...]]:
    """The places of the record's texts that have no version in `language`."""
    return [path for path, text in texts(record) if language not in text.translations]
