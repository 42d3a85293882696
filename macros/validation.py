"""Cross-record rules: references resolve, ids are unique, deputies and stand-ins exist, no future dates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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

    def __init__(self, parts: dict[str, LoadedDomain], problems: list[Problem]):
        self.parts = parts
        self.problems = problems
        self.known = {
            ROLE: self._ids("roles"),
            CONTACT: self._ids("contacts"),
            "scenario": self._ids("scenarios"),
            "checklist": self._ids("checklists"),
            CHAIN: self._ids("alerting_chains"),
            "provider": {p.id for o in parts["organisation"].records for p in o.providers},
            "site": {s.id for o in parts["organisation"].records for s in o.sites},
        }
        self.known[PARTY] = self.known[ROLE] | self.known[CONTACT]
        # References to records that failed to load were already reported there.
        self.broken = {
            ROLE: parts["roles"].broken_ids, CONTACT: parts["contacts"].broken_ids,
            "scenario": parts["scenarios"].broken_ids, "checklist": parts["checklists"].broken_ids,
            CHAIN: parts["alerting_chains"].broken_ids,
        }
        self.broken[PARTY] = self.broken[ROLE] | self.broken[CONTACT]
        self.unchecked = {kind for kind, name in (
            (ROLE, "roles"), (CONTACT, "contacts"), ("scenario", "scenarios"), ("checklist", "checklists"),
            (CHAIN, "alerting_chains"), ("provider", "organisation"), ("site", "organisation"))
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
        kind = next((d for d in _DOMAIN_NAMES if isinstance(record, d[0])), (None, "record"))[1]
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


def check_handbook(parts: dict[str, LoadedDomain], today: dt.date, problems: list[Problem]) -> list[Problem]:
    """Append every cross-reference problem to `problems`; return the warnings among them."""
    check = Checker(parts, problems)
    for domain in ("contacts", "roles", "alerting_chains", "scenarios", "faq", "tasks", "checklists", "exercises"):
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
    contacts = {contact.id: contact for contact in check.records("contacts")}
    for task in check.records("tasks"):
        check.reference(task, ("provider",), task.provider, "provider")
        check.references(task, ("trained_stand_ins",), task.trained_stand_ins, CONTACT)
        check.reference(task, ("overflow_partner",), task.overflow_partner, CONTACT)
        partner = contacts.get(task.overflow_partner or "")
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
            marked = getattr(record, "confidential", False)
            label = Message.of(f"record.{domain.name}")
            if marked is True:
                if domain.name in _NEVER_WHOLLY_CONFIDENTIAL:
                    check.report(record, ("confidential",), "whole_confidential", "whole_confidential_hint", record=label)
                elif getattr(record, "id", None) in needed:
                    check.report(record, ("confidential",), "needed_everywhere", "needed_everywhere_hint")
                continue
            fields = type(record).model_fields
            for index, name in enumerate(marked or []):
                if name not in fields or name in ("id", "confidential", "translated"):
                    check.report(record, ("confidential", index), "no_such_field",
                                 suggestion(name, [f for f in fields if f not in ("confidential", "translated")])
                                 or Message.of("rules.no_such_field_hint", fields=list(fields)), name=name)
                elif fields[name].is_required():
                    check.report(record, ("confidential", index), "required_field",
                                 Message.of("rules.required_field_hint", record=label), name=name)


def _domain_names() -> list[tuple[type, str]]:
    from .model import DOMAINS
    return [(domain.model, domain.name) for domain in DOMAINS]


# Each record's model and its domain's name, the key of its label under `messages.record`.
_DOMAIN_NAMES = _domain_names()
