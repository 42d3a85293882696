"""Which records are out of date: the dates written in the data against the organisation's review policy.

Dates come from the data only, never from Git history (a shallow clone in CI has none). Everything
here is a pure function of the handbook and the day it is asked about, so tests pass any `today`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator

from .errors import Message, Problem, record_name
from .messages import field_label
from .model import DOMAINS, Handbook, origin_of
from .source import Location

# Kinds of review duty; each is also the key of its label under `review.kind` in the catalogue.
CONTACT, FAQ, CHAIN, CHECKLIST, ESCALATION, CHECKLIST_TEST = (
    "contact", "faq", "alerting-chain", "checklist", "escalation", "checklist-test")
SCENARIO = "scenario"
# Processes of the impact analysis to confirm, and actions from exercises to finish.
PROCESS, ACTION = "process", "action"
DUE_SOON_DAYS = 30



@dataclass(frozen=True)
class ReviewDuty:
    """One thing somebody must look at again by a given day: a record's check, review or test."""

    kind: str
    id: str
    title: str
    owner: str  # a role id or a contact id
    last_done: dt.date | None  # None: never done
    limit_days: int
    today: dt.date
    file: str
    line: int
    field: str
    record_label: Message
    record: Any = dataclasses.field(compare=False, repr=False)

    @property
    def due(self) -> dt.date | None:
        """The last day on which the duty is still on time; None when it was never done."""
        return None if self.last_done is None else self.last_done + dt.timedelta(days=self.limit_days)

    @property
    def days_overdue(self) -> int | None:
        """Days past the due date (negative: days left); None when it was never done."""
        return None if self.due is None else (self.today - self.due).days

    @property
    def overdue(self) -> bool:
        return self.due is None or self.today > self.due

    def sort_key(self) -> tuple[bool, dt.date, str, str]:
        """Never done first, then the oldest due date first."""
        return (self.due is not None, self.due or dt.date.min, self.kind, self.id)

    def problem(self) -> Problem:
        """The `check` message for an overdue duty, a warning (an error with --strict-freshness)."""
        # What the date in the record means and what to do about it: `messages.freshness` by kind of duty.
        if self.last_done is None:
            message = Message.of("freshness.never_tested", days=self.limit_days)
        else:
            message = Message.of(f"freshness.overdue.{self.kind}", last_done=self.last_done, due=self.due,
                                 days=self.limit_days)
        return Problem(self.file, self.line, message, self.record_label, self.field,
                       Message.of(f"freshness.fix.{self.kind}", id=self.id), warning=True)


@dataclass(frozen=True)
class ExerciseGap:
    """A scenario or alerting chain never exercised, or not within the policy's exercise interval."""

    kind: str  # SCENARIO or CHAIN
    id: str
    title: str
    last_exercised: dt.date | None
    interval_days: int
    today: dt.date
    file: str
    line: int

    def sort_key(self) -> tuple[bool, dt.date, str, str]:
        """Never exercised first, then the longest ago."""
        return (self.last_exercised is not None, self.last_exercised or dt.date.min, self.kind, self.id)


def handbook_today(handbook: Handbook) -> dt.date:
    """The day a built handbook is about: its build day in the organisation's time zone."""
    return handbook.built_at.date()


def review_duties(handbook: Handbook, today: dt.date) -> list[ReviewDuty]:
    """Every review duty in the handbook, on time or not, oldest due date first."""
    return sorted(_duties(handbook, today), key=ReviewDuty.sort_key)


def stale_entries(handbook: Handbook, today: dt.date, within_days: int = DUE_SOON_DAYS) -> list[ReviewDuty]:
    """The duties overdue on `today` or due within `within_days` days, oldest first."""
    horizon = today + dt.timedelta(days=within_days)
    return [duty for duty in review_duties(handbook, today) if duty.due is None or duty.due <= horizon]


def overdue_entries(handbook: Handbook, today: dt.date) -> list[ReviewDuty]:
    """Only the duties that are past their due date (or never done), oldest first."""
    return [duty for duty in review_duties(handbook, today) if duty.overdue]


# The overdue duties by day, then by (id of the record, kind of duty).
_OverdueIndex = dict[dt.date, dict[tuple[int, str], ReviewDuty]]


def overdue_duty(handbook: Handbook, record: Any, kind: str, today: dt.date) -> ReviewDuty | None:
    """The overdue duty of `kind` for one record, if any (for the badges on the pages)."""
    # Pages ask once per record; index the overdue duties once per handbook and day (the data never changes).
    # Any key not a field of Handbook would do (pragma: the name cannot change behaviour).
    by_day: _OverdueIndex = handbook.__dict__.setdefault("_overdue_by_record", {})  # pragma: no mutate
    if today not in by_day:
        by_day[today] = {(id(duty.record), duty.kind): duty for duty in _duties(handbook, today) if duty.overdue}
    return by_day[today].get((id(record), kind))


def freshness_problems(handbook: Handbook, today: dt.date) -> list[Problem]:
    """One warning per overdue duty, placed at the line of the date that is too old."""
    # Loading and `check` both ask; work it out once per handbook and day (the data never changes).
    by_day = handbook.__dict__.setdefault("_freshness_problems", {})
    if today not in by_day:
        by_day[today] = [duty.problem() for duty in overdue_entries(handbook, today)]
    return list(by_day[today])


def exercise_gaps(handbook: Handbook, today: dt.date) -> list[ExerciseGap]:
    """Scenarios and alerting chains never exercised, or last exercised longer ago than the policy allows."""
    interval = handbook.organisation.review_policy.exercise_interval_days
    gaps = []
    # Where each kind is named in an exercise's (date, scenario, alerting chain, checklist).
    for kind, records, name, position in ((SCENARIO, handbook.scenarios, "title", 1),
                                           (CHAIN, handbook.alerting_chains, "name", 2)):
        for record in records:
            dates = [exercised[0] for exercised in handbook.exercised if exercised[position] == record.id]
            last = max(dates, default=None)
            if last is None or today > last + dt.timedelta(days=interval):
                file, line = _where(record, ("id",))
                gaps.append(ExerciseGap(kind, record.id, getattr(record, name), last, interval, today, file, line))
    return sorted(gaps, key=ExerciseGap.sort_key)


def _duties(handbook: Handbook, today: dt.date) -> Iterator[ReviewDuty]:
    policy = handbook.organisation.review_policy
    officer = handbook.organisation.emergency_officer

    def duty(kind: str, record: Any, title: str, owner: str, last: dt.date | None, limit: int,
             path: Location) -> ReviewDuty:
        file, line = _where(record, path)
        record_id = getattr(record, "id", "")
        return ReviewDuty(kind, record_id, title, owner, last, limit, today, file, line, field_label(path),
                          record_name(_domain_name(record), record_id or None), record)

    # Contact details and alerting chains have no owner of their own: the emergency officer keeps them.
    for contact in handbook.contacts:
        yield duty(CONTACT, contact, contact.name, officer, contact.verified_on,
                   policy.contact_verification_days, ("verified_on",))
    for entry in handbook.faq:
        yield duty(FAQ, entry, entry.question, entry.owner, entry.last_updated.date(), policy.faq_answer_days,
                   ("last_updated",))
    for chain in handbook.alerting_chains:
        yield duty(CHAIN, chain, chain.name, officer, chain.last_tested, policy.chain_test_days, ("last_tested",))
    for checklist in handbook.checklists:
        yield duty(CHECKLIST, checklist, checklist.title, checklist.owner, checklist.reviewed_on,
                   policy.checklist_review_days, ("reviewed_on",))
        if checklist.testing:
            # A test in practice is any exercise in the log that names the checklist (work-from-home tests).
            tests = [exercised[0] for exercised in handbook.exercised if exercised[3] == checklist.id]
            yield duty(CHECKLIST_TEST, checklist, checklist.title, checklist.owner, max(tests, default=None),
                       checklist.testing.every_days, ("testing", "every_days"))
    for process in handbook.processes:
        yield duty(PROCESS, process, process.title, process.owner, process.reviewed_on, policy.process_review_days,
                   ("reviewed_on",))
    # Findings turned into actions are duties like any other: due on their date, overdue the day after, until done.
    for exercise in handbook.exercises:
        for index, action in enumerate(exercise.actions):
            if action.status.value != "done":
                yield duty(ACTION, exercise, action.text, action.owner, exercise.date,
                           (action.due - exercise.date).days, ("actions", index, "due"))
    escalation = handbook.escalation
    if escalation is not None:
        yield duty(ESCALATION, escalation, "", officer, escalation.reviewed_on, handbook.escalation_review_days,
                   ("reviewed_on",))


def _where(record: Any, path: Location) -> tuple[str, int]:
    """File and line of a field of a loaded record; records built by hand (tests) have none."""
    origin = origin_of(record)
    if origin is None:
        return "", 0
    source, base = origin
    return source.path, source.line_of((*base, *path))


def _domain_name(record: Any) -> str:
    return next((domain.name for domain in DOMAINS if isinstance(record, domain.model)), "record")
