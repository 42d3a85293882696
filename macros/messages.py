"""Translate validation errors into messages a crisis communicator can act on."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
import typing
from typing import Any, Mapping

from pydantic import BaseModel

from .errors import Language, Message, Problem
from .source import BOOLEAN_WORDS, Location, SourceFile

# Year first, month and day of two digits, an optional time: the shape of a date, whether or not the day exists.
_IMPOSSIBLE_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


# A number's limit, by pydantic's error type: the bound in the error's context and the message saying it.
_NUMBER_LIMITS = {"greater_than_equal": ("ge", "number_at_least"), "greater_than": ("gt", "number_above"),
                  "less_than_equal": ("le", "number_at_most")}


def _impossible_day(text: str) -> bool:
    """Shaped like a date (year first), but no day of the calendar: 2026-02-30, 2026-13-01."""
    if not _IMPOSSIBLE_DAY.match(text):
        return False
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return True
    return False


def data_path(loc: Location, data: Any) -> Location:
    """Keep only the parts of a pydantic location that exist in the data (drop union/type tags)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, list) and isinstance(part, int) and part < len(current):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str):
            path.append(part)
            if part not in current:
                break
            current = current[part]
    # Once `current` is a scalar, nothing after it is in the data: the rest of the location is dropped.
    return tuple(path)


def field_label(path: Location) -> str:
    """`steps.2.stand_in` reads as `steps[2].stand_in`, counting list items from 1 as people do."""
    label = ""
    for part in path:
        label += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


def model_at(model: type[BaseModel], path: Location) -> type[BaseModel] | None:
    """The model class that owns the last key of `path` (for 'did you mean' suggestions)."""
    current: Any = model
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _innermost_model(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def field_annotation(model: type[BaseModel], path: Location) -> Any:
    owner = model_at(model, path)
    # A list position is no field name: it is in no model's fields.
    if owner is None or not path or path[-1] not in owner.model_fields:
        return None
    return owner.model_fields[str(path[-1])].annotation


def _innermost_model(annotation: Any) -> Any:
    for arg in typing.get_args(annotation) or ():
        found = _innermost_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def _enum_of(annotation: Any) -> type[enum.Enum] | None:
    # Every choice field is annotated with its Enum itself (never Optional or in a list).
    return annotation if isinstance(annotation, type) and issubclass(annotation, enum.Enum) else None


def _shown(value: Any, written: str | None) -> str | Message:
    """What the editor wrote, quoted as written; a block or a list is named, not dumped."""
    if written is not None:
        return f"'{written}'"
    if isinstance(value, (dict, list)):
        return Message.of("found.block") if isinstance(value, dict) else Message.of("found.list")
    return repr(value) if isinstance(value, str) else f"'{value}'"


def suggestion(word: str, choices: list[str]) -> Message | None:
    """"did you mean 'x'?" for the choice closest to `word`, if one is close enough."""
    close = difflib.get_close_matches(word, choices)
    return Message.of("did_you_mean", value=close[0]) if close else None


def describe_error(error: Mapping[str, Any], source: SourceFile, base: Location, model: type[BaseModel],
                   record: Message) -> Problem:
    """One pydantic error → one Problem with the file, line, record, field and a fix."""
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "localized_text":
        # A text written per language failed as a text: describe it as that text, at its language's line.
        # The inner rule's own context (a maximum length, a reason) stays in `context`.
        error = {**error, "type": context["inner"], "loc": (*error["loc"], context["language"]),
                 "input": context["input"]}
        kind = error["type"]
    record_data = _get(source.data, base)
    path = data_path(error["loc"], record_data)
    location = (*base, *path)
    line = source.line_of(location)
    field = field_label(path)
    value = error.get("input")
    written = source.written_as(location)
    found = _shown(value, written)
    reason = str(context.get("error"))

    def problem(key: str, hint: str | Message | None = None, **values: Any) -> Problem:
        """The message `field.<key>`; a hint given as a key is `field.<hint>`."""
        hint_message = Message.of(f"field.{hint}") if isinstance(hint, str) else hint
        return Problem(source.path, line, Message.of(f"field.{key}", **values), record, field, hint_message)

    if kind == "missing":
        return problem("missing", Message.of("field.missing_hint", name=path[-1]))
    if kind == "extra_forbidden":
        owner = model_at(model, path)
        # The record's own fields first; the markings every record may carry last.
        choices = sorted(owner.model_fields, key=lambda name: name in ("confidential", "translated")) if owner else []
        return problem("unknown", suggestion(str(path[-1]), choices) or Message.of("field.known_fields", fields=choices))
    if kind == "unknown_language":
        line = source.line_of((*location, context["language"]))
        return problem("unknown_language", Message.of("field.unknown_language_hint", languages=context["languages"]),
                       language=context["language"])
    if kind == "primary_missing":
        primary = str(context["primary"])
        return problem("primary_missing", Message.of("field.primary_missing_hint", code=primary),
                       primary=Language(primary))
    if kind == "invisible_character":
        return problem("invisible_character", "invisible_character_hint", code=context["code"], name=context["name"])
    if kind == "string_too_long":
        # Only a text has a maximum length.
        return problem("too_long", "too_long_hint", have=len(error["input"]), limit=context["max_length"])
    # Pydantic's own date parsing failed on a text (our date checks refuse only numbers and the other kind of date).
    if kind.startswith(("date_", "datetime_")) and _impossible_day(str(value)):
        # Shaped like a date, but not a day that exists (2026-02-30): the year is first already.
        return problem("impossible_date", "impossible_date_hint", found=found)
    if reason == "date" or kind.startswith("date_"):
        return problem("date", "date_hint", found=found)
    if reason == "date_time" or kind.startswith("datetime_"):
        return problem("date_time", "date_time_hint", found=found)
    if reason == "phone":
        return problem("phone", "phone_hint", found=found)
    if reason == "clock_time":
        return problem("clock_time", "clock_time_hint", found=found)
    if reason == "business_hours":
        return problem("business_hours", "business_hours_hint")
    if reason == "days":
        return problem("days", "days_hint", found=found)
    if reason == "shift_length":
        return problem("shift_length", "shift_length_hint")
    if reason == "shifts_and_short_form":
        return problem("shifts_and_short_form")
    if reason == "always_with_hours":
        return problem("always_with_hours", "always_with_hours_hint")
    if reason == "time_limit":
        return problem("time_limit")
    if kind == "string_type" and isinstance(value, bool) and str(written).lower() in BOOLEAN_WORDS:
        return problem("text_boolean", Message.of("field.text_boolean_hint", spelled=written),
                       found=found, boolean=str(value).lower())
    if kind == "string_type":
        return problem("text", "text_hint", found=found)
    if kind == "enum":
        choices = [member.value for member in (_enum_of(field_annotation(model, path)) or [])]
        if isinstance(value, bool) and str(written).lower() in BOOLEAN_WORDS:
            # `status: no` is the word, not "no"; YAML turned it into false before the check saw it.
            return problem("choice_boolean", "choice_boolean_hint", choices=choices, found=found,
                           boolean=str(value).lower())
        return problem("choice", suggestion(str(value), choices), choices=choices, found=found)
    if kind == "string_pattern_mismatch":
        pattern = str(context["pattern"])
        if "<>{}" in pattern:
            return problem("title", "title_hint", found=found)
        # Before the id rule: the e-mail pattern also names a-z and 0-9.
        if "@" in pattern:
            return problem("email", found=found)
        if "a-z0-9" in pattern:
            return problem("id", "id_hint", found=found)
        if pattern == "^[a-z_]+$":
            # A placeholder's or a field's name: the rule in words, not as a regular expression.
            return problem("name", "name_hint", found=found)
        if "A-Z]{2}" in pattern:
            return problem("country", found=found)
        if "a-z]{2}" in pattern:
            return problem("language_code", found=found)
        return problem("pattern", pattern=pattern, found=found)
    if kind == "too_short":
        need, have = context["min_length"], context["actual_length"]
        return problem(f"too_short.{'one' if need == 1 else 'other'}", "too_short_hint", need=need, have=have)
    if kind == "list_type":
        return problem("list", "list_hint", found=found)
    if kind in ("model_type", "dict_type"):
        return problem("block", "block_hint", found=found)
    if kind.startswith("bool"):
        return problem("boolean", found=found)
    if kind.startswith("int") or kind.startswith("float"):
        return problem("number", found=found)
    if kind in _NUMBER_LIMITS:
        # Pydantic names the one bound that was crossed; 0.0 reads as 0 (every limit has a few digits only).
        bound, key = _NUMBER_LIMITS[kind]
        return problem(key, limit=f"{context[bound]:g}", found=found)
    if kind == "string_too_short":
        return problem("empty", "empty_hint")
    return problem("other", detail=error["msg"], found=found)


def _get(data: Any, location: Location) -> Any:
    for part in location:
        data = data[part]
    return data
