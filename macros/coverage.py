"""The standards coverage: what BSI-Standard 200-4 / IT-Grundschutz DER.4 and ISO 22301:2019 ask of a handbook,
and where this handbook meets each requirement, or what is missing.

The list is code, not data: each requirement comes with the check that finds its evidence in the handbook, and
a requirement without a check would be a claim nobody verifies. Its words (what is asked, what to add) are in
the `coverage:` section of each label catalogue; the clause citations are proper names, the same in every
language. Clauses are cited by number and name only, never quoted. ISO 22301 is cited by clause number;
BSI-Standard 200-4 by the topic of its chapter (add the chapter numbers of the edition your auditor uses).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from .exercise_plan import joint_exercise_gaps
from .model import Handbook

ISO = "ISO 22301:2019"
BSI = "BSI-Standard 200-4"
DER4 = "IT-Grundschutz-Kompendium, DER.4 Notfallmanagement"


@dataclass(frozen=True)
class Evidence:
    """Where the handbook meets a requirement (page keys with anchors), or what is missing (`missing` values)."""

    places: tuple[tuple[str, str], ...] = ()
    missing: dict[str, object] | None = None

    @property
    def met(self) -> bool:
        return self.missing is None


@dataclass(frozen=True)
class Requirement:
    """One thing the standards ask of a handbook: its key (catalogue words), the clauses, and its check."""

    key: str
    clauses: tuple[str, ...]
    evidence: Callable[[Handbook, dt.date], Evidence]


def _met(*places: str) -> Evidence:
    return Evidence(tuple((place.split("#")[0], place.partition("#")[2]) for place in places))


def _roles(handbook: Handbook, today: dt.date) -> Evidence:
    # Every role has a deputy (loading refuses one without); the crisis group names who leads.
    return _met("contacts", "crisis-group") if handbook.roles and handbook.crisis_group else Evidence(missing={})


def _alerting(handbook: Handbook, today: dt.date) -> Evidence:
    without = [s.id for s in handbook.scenarios if s.alerting_chain is None]
    if not handbook.alerting_chains or without:
        return Evidence(missing={"scenarios": ", ".join(without) or "—"})
    return _met("alerting", "escalation")


def _communication(handbook: Handbook, today: dt.date) -> Evidence:
    return _met("communication") if handbook.communication.templates else Evidence(missing={})


def _plans(handbook: Handbook, today: dt.date) -> Evidence:
    without = [s.id for s in handbook.scenarios for level in s.levels if not level.first_steps]
    if not handbook.processes or without:
        return Evidence(missing={"scenarios": ", ".join(dict.fromkeys(without)) or "—"})
    return _met("bia", "risk-matrix")


def _bia(handbook: Handbook, today: dt.date) -> Evidence:
    return _met("bia") if handbook.processes else Evidence(missing={})


def _strategies(handbook: Handbook, today: dt.date) -> Evidence:
    # Every system and provider a process relies on needs a way to work on without it (its `fallback`).
    used_systems = {i for p in handbook.processes for i in p.dependencies.systems}
    used_providers = {i for p in handbook.processes for i in p.dependencies.providers}
    without = [s.name for s in handbook.systems if s.id in used_systems and s.fallback is None]
    without += [p.name for p in handbook.organisation.providers if p.id in used_providers and p.fallback is None]
    if not handbook.processes or without:
        return Evidence(missing={"without": ", ".join(str(name) for name in without) or "—"})
    return _met("bia#systems", "contacts")


def _risk(handbook: Handbook, today: dt.date) -> Evidence:
    return _met("risk-matrix") if handbook.scenarios else Evidence(missing={})


def _review(handbook: Handbook, today: dt.date) -> Evidence:
    return _met("review")


def _availability(handbook: Handbook, today: dt.date) -> Evidence:
    return _met("home")


def _restricted(handbook: Handbook, today: dt.date) -> Evidence:
    marked = [e for e in handbook.organisation.editions if e.classification]
    return _met("home") if len(handbook.organisation.editions) > 1 and marked else Evidence(missing={})


def _exercise_plan(handbook: Handbook, today: dt.date) -> Evidence:
    return _met("exercise-plan", "exercises") if handbook.exercises else Evidence(missing={})


def _actions(handbook: Handbook, today: dt.date) -> Evidence:
    return _met("exercises", "review") if any(e.actions for e in handbook.exercises) else Evidence(missing={})


def _joint(handbook: Handbook, today: dt.date) -> Evidence:
    gaps = joint_exercise_gaps(handbook, today)
    if gaps:
        return Evidence(missing={"providers": ", ".join(item.title for item in gaps),
                                 "days": handbook.organisation.review_policy.exercise_interval_days})
    return _met("exercise-plan")


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("roles", (f"{ISO}, 5.3 Roles, responsibilities and authorities", f"{ISO}, 8.4.2 Response structure",
                          f"{BSI}: Besondere Aufbauorganisation", DER4), _roles),
    Requirement("alerting", (f"{ISO}, 8.4.3 Warning and communication", f"{BSI}: Alarmierung und Eskalation", DER4),
                _alerting),
    Requirement("communication", (f"{ISO}, 7.4 Communication", f"{ISO}, 8.4.3 Warning and communication",
                                  f"{BSI}: Krisenkommunikation"), _communication),
    Requirement("plans", (f"{ISO}, 8.4.4 Business continuity plans", f"{ISO}, 8.4.5 Recovery",
                          f"{BSI}: Geschäftsfortführungs- und Wiederanlaufplanung", DER4), _plans),
    Requirement("bia", (f"{ISO}, 8.2.2 Business impact analysis", f"{BSI}: Business Impact Analyse", DER4), _bia),
    Requirement("strategies", (f"{ISO}, 8.3 Business continuity strategies and solutions",
                               f"{BSI}: Notfallvorsorge und Kontinuitätsstrategien", DER4), _strategies),
    Requirement("risk", (f"{ISO}, 8.2.3 Risk assessment", f"{BSI}: Risikoanalyse"), _risk),
    Requirement("review", (f"{ISO}, 8.6 Evaluation of business continuity documentation and capabilities",
                           f"{BSI}: Aufrechterhaltung und kontinuierliche Verbesserung", DER4), _review),
    Requirement("availability", (f"{ISO}, 7.5.3 Control of documented information", f"{BSI}: Notfallhandbuch",
                                 DER4), _availability),
    Requirement("restricted", (f"{ISO}, 7.5.3 Control of documented information", f"{BSI}: Notfallhandbuch"),
                _restricted),
    Requirement("exercise_plan", (f"{ISO}, 8.5 Exercise programme", f"{BSI}: Tests und Übungen", DER4),
                _exercise_plan),
    Requirement("actions", (f"{ISO}, 10.1 Nonconformity and corrective action", f"{ISO}, 8.5 Exercise programme",
                            f"{BSI}: Tests und Übungen"), _actions),
    Requirement("joint", (f"{ISO}, 8.1 Operational planning and control", f"{ISO}, 8.5 Exercise programme",
                          f"{BSI}: Dienstleister und Lieferketten"), _joint),
)


def coverage(handbook: Handbook, today: dt.date) -> list[tuple[Requirement, Evidence]]:
    """Each requirement with the evidence this handbook holds for it."""
    return [(requirement, requirement.evidence(handbook, today)) for requirement in REQUIREMENTS]
