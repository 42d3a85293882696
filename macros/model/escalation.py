"""The escalation process between contractor and client: classification, levels and the report."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .common import Date, Id, IdentifiedRecord, Record, Text, TopSingleRecord

Hours = Annotated[float, Field(gt=0, le=24 * 90)]


class Severity(IdentifiedRecord):
    """A class of problem and whether it triggers escalation."""

    name: Text
    criteria: Annotated[list[Text], Field(min_length=1)]
    escalates: bool
    example: Text | None = None


class TimeLimit(Record):
    """A deadline (`within_hours`) or a rhythm (`every_hours`) that applies on a level."""

    what: Text
    within_hours: Hours | None = None
    every_hours: Hours | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "TimeLimit":
        if (self.within_hours is None) == (self.every_hours is None):
            raise ValueError("time_limit")
        return self


class Participants(Record):
    """The roles (or contacts) taking part on each side."""

    contractor: Annotated[list[Id], Field(min_length=1)]
    client: Annotated[list[Id], Field(min_length=1)]


class EscalationLevel(IdentifiedRecord):
    """One rung of the escalation ladder."""

    name: Text
    entry_criterion: Text
    time_limits: list[TimeLimit] = []
    participants: Participants
    contractor_duties: Annotated[list[Text], Field(min_length=1)]
    client_duties: Annotated[list[Text], Field(min_length=1)]
    next_level_when: Text | None = None


class Escalation(TopSingleRecord):
    """The whole escalation process as agreed between contractor and client."""

    purpose: Text
    classification: Annotated[list[Severity], Field(min_length=2)]
    levels: Annotated[list[EscalationLevel], Field(min_length=2)]
    report_form: Id
    reviewed_on: Date
    # None: the organisation's review_policy.escalation_review_days counts.
    review_cycle_days: Annotated[int, Field(ge=30, le=3650)] | None = None
