"""The exercise plan: what is to be exercised when, worked out from the exercise log and the review policy.

- an alerting test per alerting chain, every `chain_test_days` from its last test;
- a work-from-home test per checklist with `testing`, every `testing.every_days`;
- a tabletop exercise per unacceptable scenario, every `exercise_interval_days`;
- a joint exercise with each service provider, every `exercise_interval_days`.

Something never done is due on the day asked about. Pure functions of the handbook and the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .model import Handbook

ALERTING, WORK_FROM_HOME, TABLETOP, JOINT = "alerting-test", "work-from-home-test", "tabletop", "joint"
# Kinds of log entry that count as a tabletop of a scenario: a real incident exercises it too.
_TABLETOP_KINDS = ("tabletop", "incident")
PLAN_DAYS = 365


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise that falls due: its kind, what it exercises, when it was last done, and when it is due."""

    kind: str
    subject: str  # "alerting_chain", "checklist", "scenario" or "provider"
    id: str
    title: str
    last_done: dt.date | None
    due: dt.date
    interval_days: int

    def overdue(self, today: dt.date) -> bool:
        return self.last_done is None or self.due < today


def planned_exercises(handbook: Handbook, today: dt.date, days: int = PLAN_DAYS) -> list[PlannedExercise]:
    """Every exercise due by `today` + `days` (overdue ones included), by due date."""
    policy = handbook.organisation.review_policy
    log = handbook.exercised
    plan: list[PlannedExercise] = []

    def add(kind: str, subject: str, record_id: str, title: Any, dates: list[dt.date], interval: int) -> None:
        last = max(dates, default=None)
        due = today if last is None else last + dt.timedelta(days=interval)
        plan.append(PlannedExercise(kind, subject, record_id, str(title), last, due, interval))

    for chain in handbook.alerting_chains:
        add(ALERTING, "alerting_chain", chain.id, chain.name,
            [chain.last_tested, *(entry[0] for entry in log if entry[2] == chain.id)], policy.chain_test_days)
    for checklist in handbook.checklists:
        if checklist.testing:
            add(WORK_FROM_HOME, "checklist", checklist.id, checklist.title,
                [entry[0] for entry in log if entry[3] == checklist.id], checklist.testing.every_days)
    for scenario in handbook.scenarios_by_risk():
        if handbook.is_unacceptable(scenario):
            add(TABLETOP, "scenario", scenario.id, scenario.title,
                [entry[0] for entry in log if entry[1] == scenario.id and entry[4] in _TABLETOP_KINDS],
                policy.exercise_interval_days)
    for provider in handbook.organisation.providers:
        add(JOINT, "provider", provider.id, provider.name, [entry[0] for entry in log if provider.id in entry[5]],
            policy.exercise_interval_days)
    horizon = today + dt.timedelta(days=days)
    return sorted((item for item in plan if item.due <= horizon), key=lambda item: (item.due, item.kind, item.id))


def joint_exercise_gaps(handbook: Handbook, today: dt.date) -> list[PlannedExercise]:
    """The providers without a joint exercise within the exercise interval (or never)."""
    return [item for item in planned_exercises(handbook, today, days=0) if item.kind == JOINT and item.overdue(today)]
