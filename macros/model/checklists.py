"""Checklists and forms, printed into the emergency folder and ticked off under stress."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from .common import Date, Id, Record, SearchWords, Text, Title, TopRecord


class ChecklistKind(str, Enum):
    checklist = "checklist"
    form = "form"


class ChecklistItem(Record):
    """A thing to check (or, on a form, a field to fill in)."""

    text: Text
    owner: Id | None = None
    note: Text | None = None
    # On a form: how many lines of room to write the answer by hand (a time needs one, a description six).
    lines: Annotated[int, Field(ge=1, le=30)] = 1


class ChecklistSection(Record):
    title: Title
    items: Annotated[list[ChecklistItem], Field(min_length=1)]


class Testing(Record):
    """Who tests the checklist in practice, and how often."""

    tested_by: Annotated[list[Id], Field(min_length=1)]
    every_days: Annotated[int, Field(ge=1, le=3650)]


class Checklist(TopRecord):
    title: Title
    kind: ChecklistKind = ChecklistKind.checklist
    purpose: Text
    owner: Id
    reviewed_on: Date
    testing: Testing | None = None
    sections: Annotated[list[ChecklistSection], Field(min_length=1)]
    keywords: SearchWords
