"""Scenarios rated by likelihood and impact, with levels and measures in three areas."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from .common import Id, IdentifiedRecord, Rating, Record, SearchWords, Text, Title, TopRecord


class Area(str, Enum):
    communication = "communication"
    staffing = "staffing"
    technology = "technology"


class Measure(Record):
    """One thing to do, and the role that sees it done."""

    text: Text
    owner: Id


class Measures(Record):
    """Measures grouped by the three areas crisis managers plan in."""

    communication: Annotated[list[Measure], Field(min_length=1)]
    staffing: Annotated[list[Measure], Field(min_length=1)]
    technology: Annotated[list[Measure], Field(min_length=1)]

    def by_area(self) -> list[tuple[Area, list[Measure]]]:
        return [(area, getattr(self, area.value)) for area in Area]


class FirstStep(Record):
    """One of the first things to do when a level is reached, in order: what, who, and how soon."""

    text: Text
    owner: Id
    within_minutes: Annotated[int, Field(ge=0, le=1440)]


class ScenarioLevel(IdentifiedRecord):
    """A degree of the scenario (e.g. 20 % absence) with its trigger, its first steps and its measures."""

    name: Text
    trigger: Text
    first_steps: list[FirstStep] = []
    measures: Measures


class Scenario(TopRecord):
    """A thing that can go wrong; risk is likelihood × impact."""

    title: Title
    summary: Text
    likelihood: Rating
    impact: Rating
    levels: Annotated[list[ScenarioLevel], Field(min_length=1)]
    checklists: list[Id] = []
    alerting_chain: Id | None = None
    keywords: SearchWords

    @property
    def risk(self) -> int:
        return self.likelihood * self.impact
