"""Translate validation errors into messages a crisis communicator can act on."""

from __future__ import annotations

import difflib
import enum
import typing
from typing import Any

from pydantic import BaseModel

from .errors import Problem
from .source import BOOLEAN_WORDS, Location, SourceFile

EXAMPLE_DATE = "2026-11-22"
EXAMPLE_DATE_TIME = "2026-11-22 08:30"


def data_path(loc: tuple, data: Any) -> Location:
    """Keep only the parts of a pydantic location that exist in the data (drop union/type tags)."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if isinstance(current, list) and isinstance(part, int) and part < len(current):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str):
            path.append(part)
            if part not in current:
                break
            current = current[part]
        elif index == len(loc) - 1 and isinstance(part, str) and not isinstance(current, (dict, list)):
            break
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
    name = path[-1] if path and isinstance(path[-1], str) else None
    if owner is None or name not in owner.model_fields:
        return None
    return owner.model_fields[name].annotation


def _innermost_model(annotation: Any) -> Any:
    for arg in typing.get_args(annotation) or ():
        found = _innermost_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def _enum_of(annotation: Any) -> type[enum.Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    for arg in typing.get_args(annotation) or ():
        found = _enum_of(arg)
        if found:
            return found
    return None


def _shown(value: Any, written: str | None) -> str:
    if written is not None:
        return f"'{written}'"
    if isinstance(value, (dict, list)):
        return "a block of fields" if isinstance(value, dict) else "a list"
    return repr(value) if isinstance(value, str) else f"'{value}'"


def suggestion(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def describe_error(error: dict, source: SourceFile, base: Location, model: type[BaseModel],
                   record: str) -> Problem:
    """One pydantic error → one Problem with the file, line, record, field and a fix."""
    record_data = _get(source.data, base)
    path = data_path(error["loc"], record_data)
    location = (*base, *path)
    line = source.line_of(location)
    field = field_label(path)
    value = error.get("input")
    written = source.written_as(location)
    found = _shown(value, written)
    kind = error["type"]
    context = error.get("ctx") or {}
    reason = str(context.get("error", ""))

    def problem(message: str, hint: str = "") -> Problem:
        return Problem(source.path, line, message, record, field, hint)

    if kind == "missing":
        return problem("this field is missing", f"add '{path[-1]}:' to the record")
    if kind == "extra_forbidden":
        owner = model_at(model, path)
        # The record's own fields first; the markings every record may carry last.
        choices = sorted(owner.model_fields, key=lambda name: name in ("confidential", "translated")) if owner else []
        return problem("unknown field", suggestion(str(path[-1]), choices) or f"the known fields are: {', '.join(choices)}")
    if reason == "date" or kind.startswith("date_"):
        return problem(f"expected a date like {EXAMPLE_DATE}, found {found}", "write the year first: YYYY-MM-DD")
    if reason == "date_time" or kind.startswith("datetime_"):
        return problem(f"expected a date and time like {EXAMPLE_DATE_TIME}, found {found}",
                       f"write it as YYYY-MM-DD HH:MM in quotes, e.g. \"{EXAMPLE_DATE_TIME}\"")
    if reason == "phone":
        return problem(f"expected a phone number in international form like +49 40 1234 5678, found {found}",
                       "start with + and the country code, and check the digits")
    if reason == "clock_time":
        return problem(f"expected a time like 08:30, found {found}", "write hours and minutes in quotes, e.g. \"08:30\"")
    if reason == "business_hours":
        return problem("business hours need 'days', 'start' and 'end', or a list of 'shifts'",
                       "add e.g. days: mon-fri, start: \"08:00\", end: \"18:00\", or use kind: 24/7")
    if reason == "days":
        return problem(f"expected days like mon-fri, sat or mon,wed,fri, found {found}",
                       "write the first three letters of each English weekday, a hyphen for a range")
    if reason == "shift_length":
        return problem("the hours start and end at the same time",
                       "an end earlier than the start runs past midnight; for round the clock use kind: 24/7")
    if reason == "shifts_and_short_form":
        return problem("give either 'days', 'start' and 'end' (one shift) or 'shifts' (several), not both")
    if reason == "always_with_hours":
        return problem("a contact available 24/7 has no days or hours",
                       "remove 'days', 'start', 'end' and 'shifts', or use kind: business-hours")
    if reason == "time_limit":
        return problem("give exactly one of 'within_hours' (a deadline) or 'every_hours' (a rhythm)")
    if kind == "string_type" and isinstance(value, bool):
        spelled = written or str(value).lower()
        if spelled.lower() in BOOLEAN_WORDS:
            return problem(f"expected a text, found {found}, which YAML reads as {str(value).lower()}",
                           f"put it in quotes: \"{spelled}\"")
    if kind == "string_type":
        return problem(f"expected a text, found {found}", "put the text in quotes")
    if kind == "enum":
        choices = [member.value for member in (_enum_of(field_annotation(model, path)) or [])]
        if isinstance(value, bool) and (written or "").lower() in BOOLEAN_WORDS:
            # `status: no` is the word, not "no"; YAML turned it into false before the check saw it.
            return problem(f"expected one of {', '.join(choices)}, found {found}, which YAML reads as "
                           f"{str(value).lower()}", "write one of the choices exactly as listed")
        close = suggestion(str(value), choices)
        return problem(f"expected one of {', '.join(choices)}, found {found}", close)
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern", ""))
        if "<>{}" in pattern:
            return problem(f"expected a title without < > {{ }}, found {found}",
                           "these characters would be read as page code in the menu: leave them out")
        if "@" in pattern:
            return problem(f"expected an e-mail address like name@example.com, found {found}")
        if "a-z0-9" in pattern:
            return problem(f"expected an id of lower-case letters, digits and hyphens like 'power-outage', found {found}",
                           "use only a-z, 0-9 and -")
        if "A-Z]{2}" in pattern:
            return problem(f"expected a two-letter country code like DE or SE, found {found}")
        if "a-z]{2}" in pattern:
            return problem(f"expected a two-letter language code like en or de, found {found}")
        return problem(f"expected text matching {pattern}, found {found}")
    if kind == "too_short":
        need = context.get("min_length", 1)
        have = context.get("actual_length", 0)
        return problem(f"expected at least {need} entr{'y' if need == 1 else 'ies'}, found {have}",
                       "add entries as lines starting with '- '")
    if kind == "list_type":
        return problem(f"expected a list, found {found}", "write each entry on its own line starting with '- '")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return problem(f"expected a block of fields, found {found}", "indent the fields under this key")
    if kind.startswith("bool"):
        return problem(f"expected true or false, found {found}")
    if kind.startswith("int") or kind.startswith("float"):
        return problem(f"expected a number, found {found}")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        low, high = context.get("ge", context.get("gt")), context.get("le", context.get("lt"))
        limits = " and ".join(part for part in (f"at least {low}" if low is not None else "",
                                                   f"at most {high}" if high is not None else "") if part)
        return problem(f"expected a number {limits or 'in range'}, found {found}")
    if kind == "string_too_short":
        return problem("this field is empty", "write something, or remove the field if it is optional")
    return problem(f"{error['msg']}, found {found}")


def _get(data: Any, location: Location) -> Any:
    for part in location:
        data = data[part]
    return data
