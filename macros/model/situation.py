"""Incident mode: the situation now, while an incident is declared, and its timeline of updates."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from .common import DateTime, Id, Record, Text, TopSingleRecord


class SituationStatus(str, Enum):
    declared = "declared"
    closed = "closed"


class SituationUpdate(Record):
    """One stamped update of the timeline; `public_text` is what customers may read of it (none: staff only)."""

    at: DateTime
    text: Text
    public_text: Text | None = None
    by: Id | None = None


class Situation(TopSingleRecord):
    """The incident being handled: what is happening, since when, what agents tell customers, when the next word is due.

    `summary` and `customer_message` are internal; the public edition shows `public_message` only.
    """

    status: SituationStatus = SituationStatus.declared
    summary: Text
    since: DateTime
    scenario: Id | None = None
    level: Id | None = None
    customer_message: Text
    public_message: Text
    next_update: DateTime
    updates: Annotated[list[SituationUpdate], Field(min_length=1)]
