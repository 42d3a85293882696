"""The task inventory: what the service does, how urgent it is and who can take it over."""

from __future__ import annotations

from enum import Enum

from .common import Id, Text, TopRecord


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
    remote_capable: bool
    can_defer: bool
    simplified_mode: Text | None = None
    provider: Id | None = None
    trained_stand_ins: list[Id] = []
    overflow_partner: Id | None = None
