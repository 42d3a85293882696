"""The exercise log: every test of the plan and what it found."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from .common import Date, Id, Text, TopRecord


class ExerciseKind(str, Enum):
    alerting_test = "alerting-test"
    work_from_home_test = "work-from-home-test"
    tabletop = "tabletop"


class Exercise(TopRecord):
    date: Date
    kind: ExerciseKind
    scenario: Id | None = None
    alerting_chain: Id | None = None
    checklist: Id | None = None
    participants: Annotated[list[Id], Field(min_length=1)]
    findings: Annotated[list[Text], Field(min_length=1)]
