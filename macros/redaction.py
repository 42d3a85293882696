"""Redaction: the copy of the handbook that one edition's readers may see, made once before rendering.

- crisis-team: everything, private numbers and confidential records and fields included;
- staff: no number of kind private, no record marked `confidential: true`, no field listed under
  `confidential: [...]`; references to a left-out record are dropped from lists, and single references
  are rendered as "withheld" (the renderers ask `handbook.withheld`);
- public: what customers may see: the organisation's name and title, the customer FAQ and the public
  channels; no staff, no internal numbers, no internal processes.

Records keep their origin (file and line) through redaction: pydantic's model_copy keeps private attributes.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar, cast

from .edition import Edition
from .model import Audience, FaqAudience, Handbook, PhoneKind
from .model.common import TopRecord, TopSingleRecord

# Records that can mark themselves or some of their fields confidential.
RecordT = TypeVar("RecordT", bound=TopRecord | TopSingleRecord)
ListedT = TypeVar("ListedT", bound=TopRecord)
# Top-level lists whose records may be confidential as a whole.
_LIST_DOMAINS = ("contacts", "alerting_chains", "scenarios", "faq", "tasks", "checklists", "exercises", "systems",
                 "processes")


def redact(handbook: Handbook, edition: Edition) -> Handbook:
    """The handbook as `edition`'s readers may see it; the loaded handbook itself is never changed."""
    if edition.audience is Audience.crisis_team:
        return handbook
    if edition.audience is Audience.public:
        return _public(handbook)
    return _staff(handbook)


def _without_fields(record: RecordT) -> RecordT:
    """The record with the fields it marks confidential emptied (they are optional: checked on loading)."""
    if not record.confidential:
        return record
    fields = type(record).model_fields
    empty = {name: ([] if isinstance(getattr(record, name), list) else fields[name].get_default())
             for name in record.confidential_fields() if name in fields}
    # model_copy returns the record's own class; mypy widens a TypeVar bound to a union to the union.
    return cast(RecordT, record.model_copy(update=empty))


def _kept(records: list[ListedT], withheld: set[str]) -> list[ListedT]:
    kept = []
    for record in records:
        if record.confidential is True:
            withheld.add(record.id)
        else:
            kept.append(_without_fields(record))
    return kept


def _staff(handbook: Handbook) -> Handbook:
    withheld: set[str] = set()
    # Each domain its own list of models: Handbook's annotations say which.
    lists: dict[str, Any] = {name: _kept(getattr(handbook, name), withheld) for name in _LIST_DOMAINS}
    lists["contacts"] = [contact.model_copy(update={"phones": [p for p in contact.phones
                                                                if p.kind is not PhoneKind.private]})
                         for contact in lists["contacts"]]

    def visible(ids: list[str]) -> list[str]:
        return [value for value in ids if value not in withheld]

    roles = [_without_fields(role).model_copy(update={"holders": visible(role.holders)}) for role in handbook.roles]
    lists["tasks"] = [task.model_copy(update={"trained_stand_ins": visible(task.trained_stand_ins)})
                      for task in lists["tasks"]]
    lists["scenarios"] = [s.model_copy(update={"checklists": visible(s.checklists)}) for s in lists["scenarios"]]
    lists["checklists"] = [c.model_copy(update={"testing": c.testing.model_copy(
        update={"tested_by": visible(c.testing.tested_by)})}) if c.testing else c for c in lists["checklists"]]
    lists["exercises"] = [e.model_copy(update={"participants": visible(e.participants)}) for e in lists["exercises"]]
    escalation = handbook.escalation_process
    escalation = _without_fields(escalation).model_copy(update={"levels": [level.model_copy(update={
        "participants": level.participants.model_copy(update={
            "contractor": visible(level.participants.contractor), "client": visible(level.participants.client)})})
        for level in escalation.levels]})
    communication = _without_fields(handbook.communication)
    communication = communication.model_copy(update={"meetings": [
        meeting.model_copy(update={"participants": visible(meeting.participants)}) for meeting in communication.meetings]})
    return dataclasses.replace(
        handbook, organisation=_without_fields(handbook.organisation), roles=roles, escalation=escalation,
        crisis_group=_without_fields(handbook.crisis_team), communication=communication,
        situation=_without_fields(handbook.situation) if handbook.situation else None,
        withheld=frozenset(withheld), translation_duties=[
            duty for duty in handbook.translation_duties if duty.record_id not in withheld], **lists)


def _public(handbook: Handbook) -> Handbook:
    organisation = handbook.organisation
    withheld = {record.id for name in (*_LIST_DOMAINS, "roles") for record in getattr(handbook, name)}
    faq = [_without_fields(entry) for entry in handbook.faq
           if entry.audience is FaqAudience.customers and entry.confidential is not True]
    withheld -= {entry.id for entry in faq}
    # Only what a customer may read: the organisation's identity, and how to reach customer service.
    public_organisation = _without_fields(organisation).model_copy(update={
        "emergency_number": "", "sites": [], "providers": [], "editions": []})
    communication = handbook.communication.model_copy(update={
        "internal": [], "meetings": [], "external_channels": [], "templates": [],
        "public_channels": [channel for channel in handbook.communication.public_channels]})
    return dataclasses.replace(
        handbook, organisation=public_organisation, contacts=[], roles=[], alerting_chains=[], escalation=None,
        crisis_group=None, scenarios=[], communication=communication, faq=faq, tasks=[], checklists=[],
        exercises=[], processes=[], systems=[], situation=_public_situation(handbook),
        withheld=frozenset(withheld), translation_duties=[])


def _public_situation(handbook: Handbook) -> Any:
    """The incident in its public wording only: every internal text is replaced by the public one or dropped, so no
    renderer can show customers the internal summary, what agents are told, the scenario or who wrote an update."""
    situation = handbook.situation
    if situation is None:
        return None
    public = situation.public_message
    updates = [update.model_copy(update={"text": update.public_text, "public_text": None, "by": None})
               for update in situation.updates if update.public_text]
    return situation.model_copy(update={"summary": public, "customer_message": public, "scenario": None,
                                        "level": None, "updates": updates, "confidential": []})


def edition_handbook(handbook: Handbook, edition: Edition) -> Handbook:
    """The handbook one edition renders: redacted for its readers, then in its language."""
    from .translation import localize

    return localize(redact(handbook, edition), edition.language, edition.labels("common.untranslated"))
