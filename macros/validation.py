"""Cross-record rules: references resolve, ids are unique, deputies and stand-ins exist, no future dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .commands import make_command
from .errors import Message, Problem, record_name
from .labels import available_languages
from .messages import field_label, suggestion
from .model import ContactKind, origin_of
from .source import Location

# Only for annotations: the loader imports this module.
if TYPE_CHECKING:
    from .loader import LoadedDomain

# Kinds of reference, each the key of its messages under `messages.rules.reference`.
ROLE, CONTACT, PARTY, CHAIN = "role", "contact", "party", "alerting_chain"


class Checker:
    """Collects problems about loaded records, each placed at the line of the offending field."""

    def __init__(self, parts: dict[str, LoadedDomain], problems: list[Problem], data_dir: Path | str | None = None):
        self.parts = parts
        self.problems = problems
        # The data folder checked, so that hints name the command for it (`make review DATA=…`).
        self.data_dir = data_dir
        self.known = {
            ROLE: self._ids("roles"),
            CONTACT: self._ids("contacts"),
            "scenario": self._ids("scenarios"),
            "checklist": self._ids("checklists"),
            CHAIN: self._ids("alerting_chains"),
            "provider": {p.id for o in parts["organisation"].records for p in o.providers},
            "site": {s.id for o in parts["organisation"].records for s in o.sites},
            "system": self._ids("systems"),
            "task": self._ids("tasks"),
        }
        self.known[PARTY] = self.known[ROLE] | self.known[CONTACT]
        # References to records that failed to load were already reported there.
        self.broken = {
            ROLE: parts["roles"].broken_ids, CONTACT: parts["contacts"].broken_ids,
            "scenario": parts["scenarios"].broken_ids, "checklist": parts["checklists"].broken_ids,
            CHAIN: parts["alerting_chains"].broken_ids,
            "system": parts["systems"].broken_ids,
            "task": parts["tasks"].broken_ids,
        }
        self.broken[PARTY] = self.broken[ROLE] | self.broken[CONTACT]
        self.unchecked = {kind for kind, name in (
            (ROLE, "roles"), (CONTACT, "contacts"), ("scenario", "scenarios"), ("checklist", "checklists"),
            (CHAIN, "alerting_chains"), ("provider", "organisation"), ("site", "organisation"),
            ("system", "systems"), ("task", "tasks"))
            if parts[name].failed or (name == "organisation" and parts[name].broken_ids)}
        if ROLE in self.unchecked or CONTACT in self.unchecked:
            self.unchecked.add(PARTY)

    def _ids(self, domain: str) -> set[str]:
        return {record.id for record in self.parts[domain].records}

    def records(self, domain: str) -> list[Any]:
        return self.parts[domain].records

    def place(self, record: Any, path: Location) -> tuple[str, int, Message]:
        origin = origin_of(record)
        # The checker sees only records the loader made, and each of those knows where it came from.
        if origin is None:
            raise ValueError(f"{record!r} was not loaded from a file")
        source, base = origin
        # Every record a rule names is a domain's record (the loader made it).
        kind = next(name for model, name in _DOMAIN_NAMES if isinstance(record, model))
        return source.path, source.line_of((*base, *path)), record_name(kind, getattr(record, "id", None))

    def report(self, record: Any, path: Location, key: str, /, hint: Message | str | None = None, warning: bool = False,
               **values: Any) -> None:
        """A problem with the message `rules.<key>` (and the hint `rules.<hint>` when given as a key)."""
        file, line, name = self.place(record, path)
        hint_message = Message.of(f"rules.{hint}") if isinstance(hint, str) else hint
        self.problems.append(Problem(file, line, Message.of(f"rules.{key}", **values), name, field_label(path),
                                     hint_message, warning))

    def reference(self, record: Any, path: Location, value: str | None, kind: str) -> None:
        """Report `value` unless it names an existing record of `kind`."""
        if value is None or kind in self.unchecked or value in self.known[kind] or value in self.broken.get(kind, ()):
            return
        close = suggestion(value, sorted(self.known[kind]))
        if kind == ROLE and value in self.known[CONTACT]:
            # A person was named where the handbook needs a role, which outlives who holds it.
            held = sorted(role.id for role in self.records("roles") if value in role.holders)
            close = (Message.of("rules.contact_not_role_held", value=value, role=held[0]) if held
                     else Message.of("rules.contact_not_role", value=value))
        self.report(record, path, f"reference.{kind}", close or f"reference_hint.{kind}", value=value)

    def references(self, record: Any, path: Location, values: Iterable[str], kind: str) -> None:
        for index, value in enumerate(values):
            self.reference(record, (*path, index), value, kind)

    def unique(self, records: list[Any], owner: Any = None, path: Location = ()) -> None:
        seen: set[str] = set()
        for index, record in enumerate(records):
            if record.id in seen:
                target, where = (owner, (*path, index, "id")) if owner is not None else (record, ("id",))
                self.report(target, where, "duplicate_id", "duplicate_id_hint", id=record.id)
            seen.add(record.id)

    def not_future(self, record: Any, path: Location, value: dt.date, today: dt.date) -> None:
        day = value.date() if isinstance(value, dt.datetime) else value
        if day > today:
            # The date as the editor wrote it (year first); today in the reader's form.
            self.report(record, path, "future_date", "future_date_hint", date=f"{value:%Y-%m-%d}", today=today)


def check_handbook(parts: dict[str, LoadedDomain], today: dt.date, problems: list[Problem],
                   now: dt.datetime | None = None, data_dir: Path | str | None = None) -> list[Problem]:
    """Append every cross-reference problem to `problems`; return the warnings among them.

    `now` (the moment of the check, in the organisation's time zone) tells whether an incident's next update is overdue.
    """
    check = Checker(parts, problems, data_dir)
    for domain in ("contacts", "roles", "alerting_chains", "scenarios", "faq", "tasks", "checklists", "exercises",
                   "systems", "processes"):
        check.unique(check.records(domain))
    _check_organisation(check)
    _check_people(check, today)
    _check_alerting(check, today)
    _check_escalation(check, today)
    _check_crisis_group(check)
    _check_scenarios(check)
    _check_communication(check)
    _check_faq(check, today)
    _check_tasks(check)
    _check_checklists(check, today)
    _check_exercises(check, today)
    _check_confidential(check)
    _check_emergency_number(check)
    _check_systems(check)
    _check_processes(check, today)
    _check_single_points_of_failure(check)
    _check_situation(check, today, now)
    return [problem for problem in problems if problem.warning]


def _check_organisation(check: Checker) -> None:
    for organisation in check.records("organisation"):
        check.unique(organisation.sites, organisation, ("sites",))
        check.unique(organisation.providers, organisation, ("providers",))
        check.unique(organisation.editions, organisation, ("editions",))
        available = available_languages()
        for path, language in [(("language",), organisation.language)] + [
                (("languages", index), language) for index, language in enumerate(organisation.languages)]:
            if language not in available:
                check.report(organisation, path, "no_catalogue",
                             Message.of("rules.no_catalogue_hint", languages=available), language=language)
        check.reference(organisation, ("emergency_officer",), organisation.emergency_officer, ROLE)
        check.reference(organisation, ("first_hour_checklist",), organisation.first_hour_checklist, "checklist")
        try:
            ZoneInfo(organisation.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            check.report(organisation, ("timezone",), "timezone", "timezone_hint", zone=organisation.timezone)
        for index, provider in enumerate(organisation.providers):
            check.references(organisation, ("providers", index, "sites"), provider.sites, "site")
            check.reference(organisation, ("providers", index, "account_manager"), provider.account_manager, CONTACT)


def _check_people(check: Checker, today: dt.date) -> None:
    overlap = check.known[ROLE] & check.known[CONTACT]
    for contact in check.records("contacts"):
        check.reference(contact, ("provider",), contact.provider, "provider")
        check.not_future(contact, ("verified_on",), contact.verified_on, today)
        if contact.id in overlap:
            check.report(contact, ("id",), "also_role_id", "also_role_id_hint", id=contact.id)
    for role in check.records("roles"):
        check.references(role, ("holders",), role.holders, CONTACT)
        if len(role.holders) < 2:
            check.report(role, ("holders",), "no_deputy", "no_deputy_hint")
        for index, holder in enumerate(role.holders):
            if holder in role.holders[:index]:
                # The same person as primary and deputy: nobody stands in when they are away.
                check.report(role, ("holders", index), "holder_twice", "holder_twice_hint", value=holder)
    for organisation in check.records("organisation"):
        officer = next((r for r in check.records("roles") if r.id == organisation.emergency_officer), None)
        if officer is not None and not officer.reachable_24_7:
            check.report(officer, ("reachable_24_7",), "officer_24_7", "officer_24_7_hint")


def _check_alerting(check: Checker, today: dt.date) -> None:
    for chain in check.records("alerting_chains"):
        check.not_future(chain, ("last_tested",), chain.last_tested, today)
        for index, step in enumerate(chain.steps):
            for name in ("sender", "recipient", "stand_in"):
                check.reference(chain, ("steps", index, name), getattr(step, name), PARTY)
            if step.stand_in == step.recipient:
                check.report(chain, ("steps", index, "stand_in"), "stand_in_is_recipient", "stand_in_is_recipient_hint")
            elif step.stand_in == step.sender:
                check.report(chain, ("steps", index, "stand_in"), "stand_in_is_sender", "stand_in_is_sender_hint")
        _check_loop(check, chain)


def _check_loop(check: Checker, chain: Any) -> None:
    """A step whose recipient already reaches its sender through the steps before closes a circle (A alerts B,
    B alerts A): the chain would never end. Several senders alerting one recipient is no circle."""
    onward: dict[str, set[str]] = {}
    for index, step in enumerate(chain.steps):
        seen, todo = set(), [step.recipient]
        while todo:
            party = todo.pop()
            if party == step.sender:
                check.report(chain, ("steps", index, "recipient"), "chain_loop", "chain_loop_hint",
                             value=step.recipient, sender=step.sender)
                return
            if party not in seen:
                seen.add(party)
                todo.extend(onward.get(party, ()))
        onward.setdefault(step.sender, set()).add(step.recipient)


def _check_escalation(check: Checker, today: dt.date) -> None:
    for escalation in check.records("escalation"):
        check.not_future(escalation, ("reviewed_on",), escalation.reviewed_on, today)
        check.reference(escalation, ("report_form",), escalation.report_form, "checklist")
        form = next((c for c in check.records("checklists") if c.id == escalation.report_form), None)
        if form is not None and form.kind.value != "form":
            check.report(escalation, ("report_form",), "not_a_form", "not_a_form_hint", id=form.id)
        check.unique(escalation.classification, escalation, ("classification",))
        check.unique(escalation.levels, escalation, ("levels",))
        for index, level in enumerate(escalation.levels):
            for side in ("contractor", "client"):
                check.references(escalation, ("levels", index, "participants", side),
                                 getattr(level.participants, side), PARTY)


def _check_crisis_group(check: Checker) -> None:
    for group in check.records("crisis_group"):
        check.reference(group, ("lead",), group.lead, ROLE)
        check.references(group, ("members",), group.members, ROLE)
        check.references(group, ("on_call",), group.on_call, ROLE)


def _check_scenarios(check: Checker) -> None:
    for scenario in check.records("scenarios"):
        check.references(scenario, ("checklists",), scenario.checklists, "checklist")
        check.reference(scenario, ("alerting_chain",), scenario.alerting_chain, CHAIN)
        check.unique(scenario.levels, scenario, ("levels",))
        if scenario.alerting_chain is None:
            check.report(scenario, (), "no_alerting_chain", "no_alerting_chain_hint", warning=True)
        for index, level in enumerate(scenario.levels):
            for number, step in enumerate(level.first_steps):
                check.reference(scenario, ("levels", index, "first_steps", number, "owner"), step.owner, ROLE)
            if not level.first_steps:
                check.report(scenario, ("levels", index), "no_first_steps", "no_first_steps_hint", warning=True,
                             level=level.id)
            for area, measures in level.measures.by_area():
                for number, measure in enumerate(measures):
                    check.reference(scenario, ("levels", index, "measures", area.value, number, "owner"),
                                    measure.owner, ROLE)


def _check_communication(check: Checker) -> None:
    for plan in check.records("communication"):
        for name in ("internal", "meetings", "external_channels", "templates"):
            check.unique(getattr(plan, name), plan, (name,))
        for index, flow in enumerate(plan.internal):
            check.reference(plan, ("internal", index, "informed_by"), flow.informed_by, ROLE)
        for index, meeting in enumerate(plan.meetings):
            check.references(plan, ("meetings", index, "participants"), meeting.participants, PARTY)
        for index, channel in enumerate(plan.external_channels):
            check.reference(plan, ("external_channels", index, "owner"), channel.owner, ROLE)
        for index, template in enumerate(plan.templates):
            declared = {placeholder.name for placeholder in template.placeholders}
            for name in template.placeholders_in_text():
                if name not in declared:
                    check.report(plan, ("templates", index, "text"), "placeholder_unexplained",
                                 Message.of("rules.placeholder_unexplained_hint", name=name), name=name)
            for number, placeholder in enumerate(template.placeholders):
                if placeholder.name not in template.placeholders_in_text():
                    check.report(plan, ("templates", index, "placeholders", number, "name"),
                                 "placeholder_unused", "placeholder_unused_hint", name=placeholder.name)


def _check_faq(check: Checker, today: dt.date) -> None:
    for entry in check.records("faq"):
        check.reference(entry, ("scenario",), entry.scenario, "scenario")
        check.reference(entry, ("owner",), entry.owner, ROLE)
        check.not_future(entry, ("last_updated",), entry.last_updated, today)


def _check_tasks(check: Checker) -> None:
    for task in check.records("tasks"):
        check.reference(task, ("provider",), task.provider, "provider")
        check.references(task, ("trained_stand_ins",), task.trained_stand_ins, CONTACT)
        check.reference(task, ("overflow_partner",), task.overflow_partner, CONTACT)
        partner = next((c for c in check.records("contacts") if c.id == task.overflow_partner), None)
        if partner is not None and partner.kind is not ContactKind.overflow_partner:
            check.report(task, ("overflow_partner",), "not_overflow_partner", "not_overflow_partner_hint", id=partner.id)


def _check_checklists(check: Checker, today: dt.date) -> None:
    for checklist in check.records("checklists"):
        check.reference(checklist, ("owner",), checklist.owner, ROLE)
        check.not_future(checklist, ("reviewed_on",), checklist.reviewed_on, today)
        if checklist.testing:
            check.references(checklist, ("testing", "tested_by"), checklist.testing.tested_by, CONTACT)
        for index, section in enumerate(checklist.sections):
            for number, item in enumerate(section.items):
                check.reference(checklist, ("sections", index, "items", number, "owner"), item.owner, ROLE)


def _check_exercises(check: Checker, today: dt.date) -> None:
    for exercise in check.records("exercises"):
        check.not_future(exercise, ("date",), exercise.date, today)
        check.reference(exercise, ("scenario",), exercise.scenario, "scenario")
        check.reference(exercise, ("alerting_chain",), exercise.alerting_chain, CHAIN)
        check.reference(exercise, ("checklist",), exercise.checklist, "checklist")
        check.references(exercise, ("participants",), exercise.participants, PARTY)
        check.references(exercise, ("providers",), exercise.providers, "provider")
        for index, action in enumerate(exercise.actions):
            check.reference(exercise, ("actions", index, "owner"), action.owner, PARTY)
            if action.due < exercise.date:
                check.report(exercise, ("actions", index, "due"), "action_due_before_exercise",
                             "action_due_before_exercise_hint", due=action.due, date=exercise.date)


# Records every edition needs whole: the organisation, the roles (the handbook is built around them).
_NEVER_WHOLLY_CONFIDENTIAL = ("organisation", "roles")


def _check_confidential(check: Checker) -> None:
    """`confidential: true` only where a record can be left out; listed fields must exist and be optional."""
    from .model import DOMAINS

    organisation = next(iter(check.records("organisation")), None)
    needed = {organisation.first_hour_checklist} if organisation else set()
    needed |= {e.report_form for e in check.records("escalation")}
    for domain in DOMAINS:
        for record in check.records(domain.name):
            marked = record.confidential
            label = Message.of(f"record.{domain.name}")
            if marked is True:
                if domain.name in _NEVER_WHOLLY_CONFIDENTIAL:
                    check.report(record, ("confidential",), "whole_confidential", "whole_confidential_hint", record=label)
                # Only records with an id can be marked wholly confidential (the others take a list of fields).
                elif record.id in needed:
                    check.report(record, ("confidential",), "needed_everywhere", "needed_everywhere_hint")
                continue
            fields = type(record).model_fields
            # The id and the markers themselves cannot be left out, so they are neither accepted nor suggested.
            eligible = [name for name in fields if name not in ("id", "confidential", "translated")]
            for index, name in enumerate(marked or []):
                if name not in eligible:
                    check.report(record, ("confidential", index), "no_such_field",
                                 suggestion(name, eligible) or Message.of("rules.no_such_field_hint", fields=eligible),
                                 name=name)
                elif fields[name].is_required():
                    check.report(record, ("confidential", index), "required_field",
                                 Message.of("rules.required_field_hint", record=label), name=name)


def _domain_names() -> list[tuple[type, str]]:
    from .model import DOMAINS
    return [(domain.model, domain.name) for domain in DOMAINS]


# Each record's model and its domain's name, the key of its label under `messages.record`.
_DOMAIN_NAMES = _domain_names()


# --- Business continuity: the emergency number, the impact analysis, single points of failure, incident mode ---


def _digits(number: str) -> str:
    # Every number is in international form (+ and the country code): the digits alone tell two apart.
    return re.sub(r"\D", "", number)


def _check_emergency_number(check: Checker) -> None:
    """The emergency number must ring a holder of the emergency officer's role.

    Someone else's number is an error (the emergency line would ring the wrong person); a number nobody in the
    directory has is a warning (it may be a forwarding line, but then the directory cannot say who answers it).
    """
    roles = {role.id: role for role in check.records("roles")}
    for organisation in check.records("organisation"):
        officer = roles.get(organisation.emergency_officer)
        if officer is None or CONTACT in check.unchecked:
            continue
        number = _digits(organisation.emergency_number)
        owners = [contact for contact in check.records("contacts")
                  if any(_digits(phone.number) == number for phone in contact.phones)]
        if any(contact.id in officer.holders for contact in owners):
            continue
        if owners:
            check.report(organisation, ("emergency_number",), "emergency_number_other", "emergency_number_other_hint",
                         number=organisation.emergency_number, contact=owners[0].id, role=officer.id)
        else:
            check.report(organisation, ("emergency_number",), "emergency_number_unknown",
                         "emergency_number_unknown_hint", warning=True, number=organisation.emergency_number,
                         role=officer.id)


def _check_systems(check: Checker) -> None:
    for system in check.records("systems"):
        check.reference(system, ("owner",), system.owner, ROLE)
        check.reference(system, ("provider",), system.provider, "provider")


def _hours(value: float) -> str:
    """Hours as written in the data: 4 for 4.0, 0.25 as it is."""
    return f"{value:g}"


def _check_processes(check: Checker, today: dt.date) -> None:
    tasks = {task.id: task for task in check.records("tasks")}
    systems = {system.id: system for system in check.records("systems")}
    for process in check.records("processes"):
        check.reference(process, ("owner",), process.owner, ROLE)
        check.not_future(process, ("reviewed_on",), process.reviewed_on, today)
        dependencies = process.dependencies
        for name, kind in (("systems", "system"), ("sites", "site"), ("providers", "provider"), ("tasks", "task"),
                           ("roles", ROLE)):
            check.references(process, ("dependencies", name), getattr(dependencies, name), kind)
        check.references(process, ("scenarios",), process.scenarios, "scenario")
        if process.rto_hours > process.mtpd_hours:
            check.report(process, ("rto_hours",), "rto_over_mtpd", "rto_over_mtpd_hint",
                         rto=_hours(process.rto_hours), mtpd=_hours(process.mtpd_hours))
        if process.rpo_hours > process.mtpd_hours:
            check.report(process, ("rpo_hours",), "rpo_over_mtpd", "rpo_over_mtpd_hint",
                         rpo=_hours(process.rpo_hours), mtpd=_hours(process.mtpd_hours))
        for index, system_id in enumerate(dependencies.systems):
            system = systems.get(system_id)
            if system is not None and system.backup_every_hours is not None \
                    and system.backup_every_hours > process.rpo_hours:
                check.report(process, ("dependencies", "systems", index), "backup_over_rpo", "backup_over_rpo_hint",
                             system=system_id, backup=_hours(system.backup_every_hours), rpo=_hours(process.rpo_hours))
        for index, task_id in enumerate(dependencies.tasks):
            task = tasks.get(task_id)
            if task is not None and task.max_interruption_hours is not None \
                    and process.rto_hours > task.max_interruption_hours:
                check.report(process, ("dependencies", "tasks", index), "rto_over_task_sla", "rto_over_task_sla_hint",
                             task=task_id, rto=_hours(process.rto_hours), hours=_hours(task.max_interruption_hours))
        for index, step in enumerate(process.restart_plan):
            check.reference(process, ("restart_plan", index, "owner"), step.owner, ROLE)
            if step.within_hours > process.rto_hours:
                check.report(process, ("restart_plan", index, "within_hours"), "restart_after_rto",
                             "restart_after_rto_hint", hours=_hours(step.within_hours), rto=_hours(process.rto_hours))
            if index and step.within_hours < process.restart_plan[index - 1].within_hours:
                check.report(process, ("restart_plan", index, "within_hours"), "restart_out_of_order",
                             "restart_out_of_order_hint", hours=_hours(step.within_hours),
                             before=_hours(process.restart_plan[index - 1].within_hours))
        for index, step in enumerate(process.recovery_plan):
            check.reference(process, ("recovery_plan", index, "owner"), step.owner, ROLE)


def single_points_of_failure(processes: list[Any], systems: list[Any], providers: list[Any],
                             threshold: int) -> list[tuple[str, Any, list[str]]]:
    """('system' or 'provider', the record, ids of the processes depending on it) for every system or provider
    without a fallback that at least `threshold` processes depend on, most depended on first."""
    found = []
    for kind, records, attribute in (("system", systems, "systems"), ("provider", providers, "providers")):
        for record in records:
            users = [p.id for p in processes if record.id in getattr(p.dependencies, attribute)]
            if record.fallback is None and len(users) >= threshold:
                found.append((kind, record, users))
    return sorted(found, key=lambda item: (-len(item[2]), item[0], item[1].id))


def _check_single_points_of_failure(check: Checker) -> None:
    for organisation in check.records("organisation"):
        threshold = organisation.risk_policy.single_point_from
        spofs = single_points_of_failure(check.records("processes"), check.records("systems"),
                                         organisation.providers, threshold)
        for kind, record, users in spofs:
            if kind == "system":
                check.report(record, ("id",), "single_point_of_failure", "single_point_of_failure_hint.system",
                             warning=True, count=len(users), processes=users)
            else:
                index = organisation.providers.index(record)
                check.report(organisation, ("providers", index, "id"), "single_point_of_failure",
                             "single_point_of_failure_hint.provider", warning=True, count=len(users), processes=users)


def _check_situation(check: Checker, today: dt.date, now: dt.datetime | None) -> None:
    from .model import SituationStatus

    for situation in check.records("situation"):
        check.reference(situation, ("scenario",), situation.scenario, "scenario")
        scenario = next((s for s in check.records("scenarios") if s.id == situation.scenario), None)
        if situation.level is not None and situation.scenario is None:
            check.report(situation, ("level",), "level_without_scenario", "level_without_scenario_hint")
        elif scenario is not None and situation.level is not None \
                and situation.level not in {level.id for level in scenario.levels}:
            check.report(situation, ("level",), "no_such_level",
                         Message.of("rules.no_such_level_hint", levels=[level.id for level in scenario.levels]),
                         level=situation.level, scenario=scenario.id)
        check.not_future(situation, ("since",), situation.since, today)
        for index, update in enumerate(situation.updates):
            check.not_future(situation, ("updates", index, "at"), update.at, today)
            check.reference(situation, ("updates", index, "by"), update.by, ROLE)
        if situation.status is SituationStatus.closed:
            check.report(situation, ("status",), "incident_closed", Message.of(
                "rules.incident_closed_hint", command=make_command("close-incident", check.data_dir)), warning=True)
        elif now is not None and _aware(situation.next_update, now) < now:
            command = make_command("new-update", check.data_dir, 'TEXT="…"')
            check.report(situation, ("next_update",), "next_update_overdue",
                         Message.of("rules.next_update_overdue_hint", command=command), warning=True,
                         due=_aware(situation.next_update, now), now=now)


def _aware(moment: dt.datetime, now: dt.datetime) -> dt.datetime:
    """A date and time written without a zone is in the organisation's zone (the one `now` is in)."""
    return moment.replace(tzinfo=now.tzinfo) if moment.tzinfo is None else moment
