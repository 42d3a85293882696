"""The exercise log: every test of the plan and what it found."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from .common import Date, DateTime, Id, Record, Text, TopRecord


class ExerciseKind(str, Enum):
    alerting_test = "alerting-test"
    work_from_home_test = "work-from-home-test"
    tabletop = "tabletop"
    # A real incident, moved here from situation.yml when it was closed (`make close-incident`).
    incident = "incident"


class ActionStatus(str, Enum):
    open = "open"
    in_progress = "in-progress"
    done = "done"


class Action(Record):
    """A finding turned into work: what, who (role or contact), by when, and how far it is."""

    text: Text
    owner: Id
    due: Date
    status: ActionStatus = ActionStatus.open


class TimelineEntry(Record):
    """One update of a closed incident's timeline, as it was published."""

    at: DateTime
    text: Text


class Exercise(TopRecord):
    """One exercise or incident in the log: what was tested, who took part, what was found and what follows."""

    date: Date
    kind: ExerciseKind
    scenario: Id | None = None
    alerting_chain: Id | None = None
    checklist: Id | None = None
    participants: Annotated[list[Id], Field(min_length=1)]
    findings: Annotated[list[Text], Field(min_length=1)]
    # Service providers that took part (a joint exercise); their staff among the participants count too.
    providers: list[Id] = []
    actions: list[Action] = []
    timeline: list[TimelineEntry] = []
