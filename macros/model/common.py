"""Field types and the base record shared by every data domain."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

# Ids appear in file names and URLs, so they stay lower-case words joined by hyphens.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Markdown = Annotated[str, StringConstraints(min_length=1)]
# Titles end up in the menu, the browser tab and file names, where MkDocs writes them unescaped.
Title = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True, pattern=r"^[^<>{}]*$")]
Rating = Annotated[int, Field(ge=1, le=5)]

_CLOCK = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def _clock_time(value: str) -> str:
    match = _CLOCK.match(value.strip())
    if not match:
        raise ValueError("clock_time")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


ClockTime = Annotated[str, AfterValidator(_clock_time)]


def _date_only(value: object) -> object:
    # Pydantic would read a bare number as seconds since 1970; nobody writes dates that way.
    if isinstance(value, (int, float)) or isinstance(value, dt.datetime):
        raise ValueError("date")
    return value


def _date_and_time(value: object) -> object:
    if isinstance(value, (int, float)) or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        raise ValueError("date_time")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_only)]
DateTime = Annotated[dt.datetime, BeforeValidator(_date_and_time)]


class Record(BaseModel):
    """A record as written in YAML: unknown keys are mistakes, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class IdentifiedRecord(Record):
    """A record with the stable id other records refer to."""

    id: Id
