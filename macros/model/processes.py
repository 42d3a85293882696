"""The business impact analysis: business processes with their recovery figures, dependencies and plans.

Every duration is written in hours (a decimal for less than an hour: 0.25 is 15 minutes), so that the
figures of one process, of its tasks and of its systems compare without conversion.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import Date, Id, Record, Text, Title, TopRecord

# Hours, from 0 up to a year: 0.5 is half an hour; a recovery point of 0 means no data may be lost.
Hours = Annotated[float, Field(ge=0, le=8760)]


class Dependencies(Record):
    """What a process needs to run, each by its id in the data."""

    systems: list[Id] = []
    sites: list[Id] = []
    providers: list[Id] = []
    tasks: list[Id] = []
    roles: list[Id] = []


class RestartStep(Record):
    """One step of bringing the process back to its emergency operating level, in order."""

    text: Text
    owner: Id
    # Hours after the disruption by which the step is done.
    within_hours: Hours


class RecoveryStep(Record):
    """One step from the emergency operating level back to normal operations."""

    text: Text
    owner: Id


class Process(TopRecord):
    """A business process of the impact analysis: how long it may stop, and how it comes back."""

    title: Title
    owner: Id
    description: Text
    # Maximum tolerable period of disruption: after this the damage is no longer acceptable.
    mtpd_hours: Hours
    # Recovery time objective: back at the emergency operating level within this time (at most the MTPD).
    rto_hours: Hours
    # Recovery point objective: how much data, as time before the disruption, may be lost.
    rpo_hours: Hours
    emergency_level: Text
    dependencies: Dependencies = Dependencies()
    scenarios: list[Id] = []
    restart_plan: Annotated[list[RestartStep], Field(min_length=1)]
    recovery_plan: Annotated[list[RecoveryStep], Field(min_length=1)]
    # The day the owner last confirmed the figures and plans (reviewed every `process_review_days`).
    reviewed_on: Date


class System(TopRecord):
    """An IT system or service processes depend on, and how work goes on without it."""

    name: Text
    owner: Id
    description: Text | None = None
    provider: Id | None = None
    # How the work goes on without the system (another system, a manual procedure); none: a single point of failure.
    fallback: Text | None = None
    # How often its data is backed up or replicated, in hours: at most the recovery point of every process using it.
    backup_every_hours: Hours | None = None
