"""The task inventory: what the service does, how urgent it is and who can take it over."""

from __future__ import annotations

from enum import Enum

from .common import Id, Text, TopRecord
from .processes import Hours


class Priority(str, Enum):
    critical = "critical"
    high = "high"
    normal = "normal"
    low = "low"


PRIORITY_ORDER = list(Priority)


class Task(TopRecord):
    """One service task and how it survives a crisis."""

    name: Text
    priority: Priority
    sla: Text
    # The service level as a number: how long the task may stop entirely before `sla` is broken, in hours. A process
    # listing the task must be back within this time (its rto_hours at most this).
    max_interruption_hours: Hours | None = None
    remote_capable: bool
    can_defer: bool
    simplified_mode: Text | None = None
    provider: Id | None = None
    trained_stand_ins: list[Id] = []
    overflow_partner: Id | None = None
