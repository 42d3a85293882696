"""Typed models of every handbook domain and the Handbook that holds them together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping

from ..source import Location, SourceFile
from .alerting import AlertingChain, AlertingStep, Channel
from .checklists import Checklist, ChecklistKind
from .common import Keywords, Localized, Record, Untranslated
from .communication import CommunicationPlan
from .contacts import Contact, ContactKind, Phone, PhoneKind
from .crisis_group import CrisisGroup
from .escalation import Escalation
from .exercises import Action, ActionStatus, Exercise, ExerciseKind
from .faq import AnswerStatus, FaqAudience, FaqEntry
from .organisation import Audience, EditionDefinition, Organisation
from .processes import Process, System
from .roles import Role
from .scenarios import Area, Scenario
from .situation import Situation, SituationStatus, SituationUpdate
from .tasks import PRIORITY_ORDER, Priority, Task


@dataclass(frozen=True)
class Domain:
    """Where a domain lives in `handbook_data/` and how its file is shaped."""

    name: str
    path: str
    model: type[Record]
    shape: str  # "single": one mapping; "list": a list of records; "folder": one record per file
    record_label: str
    # An optional file or folder may be left out: no processes, no systems, no incident declared.
    optional: bool = False


DOMAINS: list[Domain] = [
    Domain("organisation", "organisation.yml", Organisation, "single", "organisation"),
    Domain("contacts", "contacts.yml", Contact, "list", "contact"),
    Domain("roles", "roles.yml", Role, "list", "role"),
    Domain("alerting_chains", "alerting.yml", AlertingChain, "list", "alerting chain"),
    Domain("escalation", "escalation.yml", Escalation, "single", "escalation"),
    Domain("crisis_group", "crisis-group.yml", CrisisGroup, "single", "crisis group"),
    Domain("scenarios", "scenarios", Scenario, "folder", "scenario"),
    Domain("communication", "communication.yml", CommunicationPlan, "single", "communication plan"),
    Domain("faq", "faq", FaqEntry, "folder", "faq"),
    Domain("tasks", "tasks.yml", Task, "list", "task"),
    Domain("checklists", "checklists", Checklist, "folder", "checklist"),
    Domain("exercises", "exercises.yml", Exercise, "list", "exercise"),
    # The business impact analysis and the systems it names (optional: the coverage page says what is missing).
    Domain("systems", "systems.yml", System, "list", "system", optional=True),
    Domain("processes", "processes", Process, "folder", "process", optional=True),
    # Incident mode: present only while an incident is declared.
    Domain("situation", "situation.yml", Situation, "single", "situation", optional=True),
]


@dataclass
class Handbook:
    """The whole loaded handbook with lookups by id; `built_at` stamps every page.

    The loader returns every record; `redact` returns a copy for one edition, in which the public
    edition has no escalation process and no crisis group, and `withheld` names the ids left out.
    """

    organisation: Organisation
    contacts: list[Contact]
    roles: list[Role]
    alerting_chains: list[AlertingChain]
    escalation: Escalation | None
    crisis_group: CrisisGroup | None
    scenarios: list[Scenario]
    communication: CommunicationPlan
    faq: list[FaqEntry]
    tasks: list[Task]
    checklists: list[Checklist]
    exercises: list[Exercise]
    built_at: dt.datetime
    fingerprint: str = ""
    # Problems that do not stop a build (stale records), shown by `check`.
    warnings: list[Any] = field(default_factory=list)
    # Texts not yet translated, not confirmed, or older than their source (worked out on loading, before
    # redaction and localization, which leave only one language).
    translation_duties: list[Any] = field(default_factory=list)
    # When what was exercised: (date, scenario, alerting chain, checklist, kind, providers) of every exercise in
    # the log, confidential ones included, so that every edition's review knows when something was last exercised.
    exercised: list[tuple[dt.date, str | None, str | None, str | None, str, tuple[str, ...]]] = field(
        default_factory=list)
    # Ids of records this copy leaves out (confidential, or not for the edition's readers).
    withheld: frozenset[str] = frozenset()
    processes: list[Process] = field(default_factory=list)
    systems: list[System] = field(default_factory=list)
    # The declared incident, if any (situation.yml); every page shows its banner.
    situation: Situation | None = None

    def __str__(self) -> str:
        # mkdocs-macros writes its variables (the edition's handbook among them) as text at every build: the
        # dataclass's full listing of every record cost as much as building several pages.
        return f"<handbook {self.organisation.handbook_title!s}, {len(self.faq)} FAQ entries, built at {self.built_at}>"

    # The lists never change after loading, so the id indexes are built once, on first use.
    @cached_property
    def _contacts_by_id(self) -> dict[str, Contact]:
        return {record.id: record for record in self.contacts}

    @cached_property
    def _roles_by_id(self) -> dict[str, Role]:
        return {record.id: record for record in self.roles}

    @cached_property
    def _scenarios_by_id(self) -> dict[str, Scenario]:
        return {record.id: record for record in self.scenarios}

    @cached_property
    def _checklists_by_id(self) -> dict[str, Checklist]:
        return {record.id: record for record in self.checklists}

    @cached_property
    def _alerting_chains_by_id(self) -> dict[str, AlertingChain]:
        return {record.id: record for record in self.alerting_chains}

    @cached_property
    def _processes_by_id(self) -> dict[str, Process]:
        return {record.id: record for record in self.processes}

    @cached_property
    def _systems_by_id(self) -> dict[str, System]:
        return {record.id: record for record in self.systems}

    @cached_property
    def _tasks_by_id(self) -> dict[str, Task]:
        return {record.id: record for record in self.tasks}

    def contact(self, contact_id: str) -> Contact:
        return self._contacts_by_id[contact_id]

    def has(self, domain: str, record_id: str) -> bool:
        """Whether a contact, role, scenario, checklist or alerting chain with this id is in this copy."""
        indexes: dict[str, Mapping[str, Record]] = {
            "contacts": self._contacts_by_id, "roles": self._roles_by_id, "scenarios": self._scenarios_by_id,
            "checklists": self._checklists_by_id, "alerting_chains": self._alerting_chains_by_id,
            "processes": self._processes_by_id, "systems": self._systems_by_id, "tasks": self._tasks_by_id}
        return record_id in indexes[domain]

    @property
    def escalation_process(self) -> Escalation:
        """The escalation process (every edition but the public one has it)."""
        if self.escalation is None:
            raise LookupError("this edition of the handbook has no escalation process")
        return self.escalation

    @property
    def escalation_review_days(self) -> int:
        """Days between reviews of the escalation process: its own cycle when written down, else the policy's."""
        own = self.escalation_process.review_cycle_days
        return own if own is not None else self.organisation.review_policy.escalation_review_days

    @property
    def crisis_team(self) -> CrisisGroup:
        """The crisis group (every edition but the public one has it)."""
        if self.crisis_group is None:
            raise LookupError("this edition of the handbook has no crisis group")
        return self.crisis_group

    def role(self, role_id: str) -> Role:
        return self._roles_by_id[role_id]

    def scenario(self, scenario_id: str) -> Scenario:
        return self._scenarios_by_id[scenario_id]

    def checklist(self, checklist_id: str) -> Checklist:
        return self._checklists_by_id[checklist_id]

    def alerting_chain(self, chain_id: str) -> AlertingChain:
        return self._alerting_chains_by_id[chain_id]

    def process(self, process_id: str) -> Process:
        return self._processes_by_id[process_id]

    def system(self, system_id: str) -> System:
        return self._systems_by_id[system_id]

    def task(self, task_id: str) -> Task:
        return self._tasks_by_id[task_id]

    def processes_by_rto(self) -> list[Process]:
        """The business impact analysis, most urgent first (shortest recovery time, then shortest MTPD)."""
        return sorted(self.processes, key=lambda p: (p.rto_hours, p.mtpd_hours, p.title))

    @property
    def incident_declared(self) -> bool:
        """Whether an incident is running now: situation.yml is there and not closed."""
        return self.situation is not None and self.situation.status is SituationStatus.declared

    def party(self, party_id: str) -> Role | Contact:
        """A role or a contact: alerting steps and escalation participants may name either."""
        return self._roles_by_id.get(party_id) or self.contact(party_id)

    def roles_held_by(self, contact_id: str) -> list[Role]:
        return [role for role in self.roles if contact_id in role.holders]

    @property
    def emergency_officer(self) -> Role:
        return self.role(self.organisation.emergency_officer)

    def provider_name(self, provider_id: str) -> str:
        return next(p.name for p in self.organisation.providers if p.id == provider_id)

    def scenarios_by_risk(self) -> list[Scenario]:
        return sorted(self.scenarios, key=lambda s: (-s.risk, s.title))

    def is_unacceptable(self, scenario: Scenario) -> bool:
        return scenario.risk >= self.organisation.risk_policy.unacceptable_from

    def faq_for_scenario(self, scenario_id: str) -> list[FaqEntry]:
        return [entry for entry in self.faq if entry.scenario == scenario_id]


def origin_of(record: Any) -> tuple[SourceFile, Location] | None:
    """The source file and location a loaded record came from; None for records built by hand (tests)."""
    # Read from pydantic's private store: getattr's way there is slow, and every message and duty asks.
    private = getattr(record, "__pydantic_private__", None)
    return private.get("_origin") if isinstance(private, dict) else getattr(record, "_origin", None)


__all__ = [
    "DOMAINS", "Domain", "Handbook", "AlertingChain", "AlertingStep", "Area", "AnswerStatus", "Audience",
    "Channel", "Checklist", "ChecklistKind", "CommunicationPlan", "Contact", "ContactKind", "CrisisGroup",
    "EditionDefinition", "Escalation", "Exercise", "ExerciseKind", "FaqAudience", "FaqEntry", "Keywords", "Localized",
    "Organisation", "Phone", "PhoneKind", "PRIORITY_ORDER", "Priority", "Role", "Scenario", "Task",
    "Untranslated", "origin_of", "Action", "ActionStatus", "Process", "System", "Situation", "SituationStatus",
    "SituationUpdate",
]
