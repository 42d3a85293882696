"""Every cross-record rule (macros/validation.py), one edit of the minimal fixture at a time: each broken reference,
duplicate id, impossible figure and confidentiality mistake gives exactly the expected lines, with file, line, record,
field and fix; the edits just inside each rule's boundary give none."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import BUILT_AT, TODAY, edit

from macros.errors import DataError
from macros.loader import load_handbook

# The one warning the unchanged fixture gives (its report form was never tested in practice); left out below.
FIXTURE_WARNING = "handbook_data/checklists/escalation-report.yml:10:"

A_CONTACT = """- id: communication-lead
  name: Dora Dahl
  kind: staff
  organisation: Example Service Ltd
  phones:
    - number: "+49 170 1111111"
      kind: mobile
  availability:
    kind: 24/7
  verified_on: 2026-08-01
- id: clara-cruz"""

A_SECOND_STEP = """      message: Say what fails since when.
    - sender: emergency-officer
      recipient: communication-lead
      channel: phone
      within_minutes: 15
      stand_in: bert-braun
      message: Tell the team.
"""

DEPENDENCIES = "  systems: [telephony, crm]\n  sites: [berlin]\n  providers: [callhelp]\n  tasks: [hotline]\n" \
               "  roles: [communication-lead]"

Edit = tuple[str, str | None, str]


def problems(data_dir: Path, edits: list[Edit], built_at: dt.datetime = BUILT_AT) -> list[str]:
    """The errors of a load after the edits (None for the whole file), or its warnings (but the fixture's own) when
    it loads."""
    for file, old, new in edits:
        if old is None:
            (data_dir / file).write_text(new, encoding="utf-8")
        else:
            edit(data_dir / file, old, new)
    try:
        handbook = load_handbook(data_dir, today=TODAY, built_at=built_at)
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return [str(warning) for warning in handbook.warnings if not str(warning).startswith(FIXTURE_WARNING)]


# (edits, the exact error messages expected)
ERRORS: dict[str, tuple[list[Edit], list[str]]] = {
    # The organisation.
    "unknown language": (
        [("organisation.yml", "language: en", "language: xx")],
        ["handbook_data/organisation.yml:6: organisation 'example-service', field 'language': there is no label "
         "catalogue for the language 'xx' (use one of: de, en, sv)"]),
    "unknown second language": (
        [("organisation.yml", "language: en", "language: en\nlanguages: [en, de, xx]")],
        ["handbook_data/organisation.yml:7: organisation 'example-service', field 'languages[3]': there is no label "
         "catalogue for the language 'xx' (use one of: de, en, sv)"]),
    "unknown emergency officer": (
        [("organisation.yml", "emergency_officer: emergency-officer", "emergency_officer: nobody")],
        ["handbook_data/organisation.yml:8: organisation 'example-service', field 'emergency_officer': there is no "
         "role with the id 'nobody' (use one of the role ids defined in the data)"]),
    "unknown first-hour checklist": (
        [("organisation.yml", "first_hour_checklist: first-hour", "first_hour_checklist: first-hours")],
        ["handbook_data/organisation.yml:10: organisation 'example-service', field 'first_hour_checklist': there is "
         "no checklist with the id 'first-hours' (did you mean 'first-hour'?)"]),
    "unknown time zone": (
        [("organisation.yml", "timezone: Europe/Berlin", "timezone: Europe/Berln")],
        ["handbook_data/organisation.yml:7: organisation 'example-service', field 'timezone': unknown time zone "
         "'Europe/Berln' (use a name like Europe/Berlin or Europe/Stockholm)"]),
    "time zone that is a path": (
        [("organisation.yml", "timezone: Europe/Berlin", "timezone: ../Berlin")],
        ["handbook_data/organisation.yml:7: organisation 'example-service', field 'timezone': unknown time zone "
         "'../Berlin' (use a name like Europe/Berlin or Europe/Stockholm)"]),
    "duplicate site": (
        [("organisation.yml", "    seats: 40\n",
          "    seats: 40\n  - id: berlin\n    name: Second office\n    address: X 1\n    country: DE\n    seats: 4\n")],
        ["handbook_data/organisation.yml:27: organisation 'example-service', field 'sites[2].id': the id 'berlin' is "
         "used twice (give each record its own id)"]),
    "duplicate provider": (
        [("organisation.yml", "    account_manager: bert-braun\n", "    account_manager: bert-braun\n  - id: callhelp\n"
          "    name: Second\n    country: DE\n    sites: [berlin]\n    covers: [Chat]\n    account_manager: bert-braun\n")],
        ["handbook_data/organisation.yml:34: organisation 'example-service', field 'providers[2].id': the id "
         "'callhelp' is used twice (give each record its own id)"]),
    "duplicate edition": (
        [("organisation.yml", "sites:\n", "editions:\n  - id: staff\n    audience: staff\n  - id: staff\n"
          "    audience: crisis-team\nsites:\n")],
        ["handbook_data/organisation.yml:24: organisation 'example-service', field 'editions[2].id': the id 'staff' "
         "is used twice (give each record its own id)"]),
    "provider at an unknown site": (
        [("organisation.yml", "sites: [berlin]", "sites: [berlin, bonn]")],
        ["handbook_data/organisation.yml:31: organisation 'example-service', field 'providers[1].sites[2]': there is "
         "no site with the id 'bonn' (use one of the site ids defined in the data)"]),
    "unknown account manager": (
        [("organisation.yml", "account_manager: bert-braun", "account_manager: nobody")],
        ["handbook_data/organisation.yml:33: organisation 'example-service', field 'providers[1].account_manager': "
         "there is no contact with the id 'nobody' (use one of the contact ids defined in the data)"]),
    # Contacts and roles.
    "contact of an unknown provider": (
        [("contacts.yml", "  provider: callhelp", "  provider: callhel")],
        ["handbook_data/contacts.yml:20: contact 'bert-braun', field 'provider': there is no provider with the id "
         "'callhel' (did you mean 'callhelp'?)"]),
    "contact verified tomorrow": (
        [("contacts.yml", "verified_on: 2026-09-15", "verified_on: 2026-11-24")],
        ["handbook_data/contacts.yml:31: contact 'bert-braun', field 'verified_on': the date 2026-11-24 is in the "
         "future (today is 2026-11-23) (record the day it actually happened)"]),
    "contact with a role's id": (
        [("contacts.yml", "- id: clara-cruz", A_CONTACT)],
        ["handbook_data/contacts.yml:32: contact 'communication-lead', field 'id': the id 'communication-lead' is also "
         "a role id (steps may name a role or a contact, so give the contact another id)"]),
    "unknown holder": (
        [("roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun, anna-adlr]")],
        ["handbook_data/roles.yml:15: role 'communication-lead', field 'holders[2]': there is no contact with the id "
         "'anna-adlr' (did you mean 'anna-adler'?)"]),
    "holder listed twice": (
        [("roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun, anna-adler, bert-braun]")],
        ["handbook_data/roles.yml:15: role 'communication-lead', field 'holders[3]': 'bert-braun' is listed twice "
         "among the holders (a holder cannot be their own deputy: name another contact as deputy)"]),
    "holder as their own deputy": (
        [("roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun, bert-braun]")],
        ["handbook_data/roles.yml:15: role 'communication-lead', field 'holders[2]': 'bert-braun' is listed twice "
         "among the holders (a holder cannot be their own deputy: name another contact as deputy)"]),
    "emergency officer not reachable at night": (
        [("roles.yml", "reachable_24_7: true", "reachable_24_7: false")],
        ["handbook_data/roles.yml:8: role 'emergency-officer', field 'reachable_24_7': the emergency officer must be "
         "reachable 24/7 (set 'reachable_24_7: true' and make sure the holders share a 24/7 number)"]),
    # Alerting chains.
    "unknown sender": (
        [("alerting.yml", "sender: anna-adler", "sender: anna")],
        ["handbook_data/alerting.yml:7: alerting chain 'outage', field 'steps[1].sender': there is no role or contact "
         "with the id 'anna' (use one of the role or contact ids defined in the data)"]),
    "unknown recipient": (
        [("alerting.yml", "recipient: emergency-officer", "recipient: emergency-oficer")],
        ["handbook_data/alerting.yml:8: alerting chain 'outage', field 'steps[1].recipient': there is no role or "
         "contact with the id 'emergency-oficer' (did you mean 'emergency-officer'?)"]),
    "unknown stand-in": (
        [("alerting.yml", "stand_in: communication-lead", "stand_in: nobody")],
        ["handbook_data/alerting.yml:11: alerting chain 'outage', field 'steps[1].stand_in': there is no role or "
         "contact with the id 'nobody' (use one of the role or contact ids defined in the data)"]),
    "stand-in is the recipient": (
        [("alerting.yml", "stand_in: communication-lead", "stand_in: emergency-officer")],
        ["handbook_data/alerting.yml:11: alerting chain 'outage', field 'steps[1].stand_in': the stand-in is the same "
         "as the recipient (name who is called when the recipient cannot be reached)"]),
    "stand-in is the sender": (
        [("alerting.yml", "stand_in: communication-lead", "stand_in: anna-adler")],
        ["handbook_data/alerting.yml:11: alerting chain 'outage', field 'steps[1].stand_in': the stand-in is the same "
         "as the sender (the sender is the one who cannot reach the recipient: name somebody else to call)"]),
    "a circle through three steps": (
        [("alerting.yml", "      message: Say what fails since when.\n", A_SECOND_STEP
          + "    - sender: communication-lead\n      recipient: anna-adler\n      channel: phone\n"
            "      within_minutes: 15\n      stand_in: bert-braun\n      message: Report back.\n")],
        ["handbook_data/alerting.yml:20: alerting chain 'outage', field 'steps[3].recipient': 'anna-adler' already "
         "alerts 'communication-lead' through the steps before, so this step closes a circle (alert each role or "
         "contact once; to report back, say so in the step's message)"]),
    "a circle of two steps": (
        [("alerting.yml", "      message: Say what fails since when.\n", A_SECOND_STEP.replace(
            "recipient: communication-lead", "recipient: anna-adler"))],
        ["handbook_data/alerting.yml:14: alerting chain 'outage', field 'steps[2].recipient': 'anna-adler' already "
         "alerts 'emergency-officer' through the steps before, so this step closes a circle (alert each role or "
         "contact once; to report back, say so in the step's message)"]),
    # A person who holds no role is still named a person.
    "a person without a role owns an action": (
        [("exercises.yml", "      owner: communication-lead\n      due: 2027-02-01",
          "      owner: clara-cruz\n      due: 2027-02-01"), ("faq/phone-down.yml", "owner: communication-lead",
                                                            "owner: clara-cruz")],
        ["handbook_data/faq/phone-down.yml:10: faq 'phone-down', field 'owner': there is no role with the id "
         "'clara-cruz' ('clara-cruz' is a contact; name a role instead)"]),
    # Escalation.
    "escalation reviewed tomorrow": (
        [("escalation.yml", "reviewed_on: 2026-03-01", "reviewed_on: 2026-11-24")],
        ["handbook_data/escalation.yml:3: escalation, field 'reviewed_on': the date 2026-11-24 is in the future "
         "(today is 2026-11-23) (record the day it actually happened)"]),
    "unknown report form": (
        [("escalation.yml", "report_form: escalation-report", "report_form: escalation")],
        ["handbook_data/escalation.yml:5: escalation, field 'report_form': there is no checklist with the id "
         "'escalation' (did you mean 'escalation-report'?)"]),
    "report form that is a checklist": (
        [("escalation.yml", "report_form: escalation-report", "report_form: first-hour")],
        ["handbook_data/escalation.yml:5: escalation, field 'report_form': 'first-hour' is a checklist, not a form "
         "(name a checklist whose kind is form)"]),
    "duplicate classification": (
        [("escalation.yml", "  - id: minor", "  - id: critical")],
        ["handbook_data/escalation.yml:12: escalation, field 'classification[2].id': the id 'critical' is used twice "
         "(give each record its own id)"]),
    "duplicate escalation level": (
        [("escalation.yml", "  - id: management", "  - id: immediate")],
        ["handbook_data/escalation.yml:31: escalation, field 'levels[2].id': the id 'immediate' is used twice "
         "(give each record its own id)"]),
    "unknown participant of the client": (
        [("escalation.yml", "client: [emergency-officer]", "client: [emergency-oficer]")],
        ["handbook_data/escalation.yml:27: escalation, field 'levels[1].participants.client[1]': there is no role or "
         "contact with the id 'emergency-oficer' (did you mean 'emergency-officer'?)"]),
    "unknown participant of the contractor": (
        [("escalation.yml", "contractor: [bert-braun]\n      client: [anna-adler]",
          "contractor: [bert]\n      client: [anna-adler]")],
        ["handbook_data/escalation.yml:35: escalation, field 'levels[2].participants.contractor[1]': there is no role "
         "or contact with the id 'bert' (use one of the role or contact ids defined in the data)"]),
    # The crisis group.
    "a person leads the crisis group": (
        [("crisis-group.yml", "lead: emergency-officer", "lead: anna-adler")],
        ["handbook_data/crisis-group.yml:2: crisis group, field 'lead': there is no role with the id 'anna-adler' "
         "('anna-adler' is a contact; name a role instead, e.g. 'communication-lead', which they hold)"]),
    "unknown member": (
        [("crisis-group.yml", "members: [emergency-officer, communication-lead]", "members: [emergency-officer, comms]")],
        ["handbook_data/crisis-group.yml:3: crisis group, field 'members[2]': there is no role with the id 'comms' "
         "(use one of the role ids defined in the data)"]),
    "unknown role on call": (
        [("crisis-group.yml", "tasks: [", "on_call: [duty]\ntasks: [")],
        ["handbook_data/crisis-group.yml:4: crisis group, field 'on_call[1]': there is no role with the id 'duty' "
         "(use one of the role ids defined in the data)"]),
    # Scenarios.
    "scenario with an unknown checklist": (
        [("scenarios/outage.yml", "checklists: [first-hour]", "checklists: [first-hour, last-hour]")],
        ["handbook_data/scenarios/outage.yml:8: scenario 'outage', field 'checklists[2]': there is no checklist with "
         "the id 'last-hour' (did you mean 'first-hour'?)"]),
    "scenario with an unknown alerting chain": (
        [("scenarios/outage.yml", "alerting_chain: outage", "alerting_chain: outages")],
        ["handbook_data/scenarios/outage.yml:7: scenario 'outage', field 'alerting_chain': there is no alerting "
         "chain with the id 'outages' (did you mean 'outage'?)"]),
    "duplicate scenario level": (
        [("scenarios/outage.yml", "keywords:", "  - id: partial\n    name: Again\n    trigger: X.\n    first_steps:\n"
          "      - text: Go.\n        owner: emergency-officer\n        within_minutes: 5\n    measures:\n"
          + "".join(f"      {area}:\n        - text: Act.\n          owner: emergency-officer\n"
                    for area in ("communication", "staffing", "technology")) + "keywords:")],
        ["handbook_data/scenarios/outage.yml:30: scenario 'outage', field 'levels[2].id': the id 'partial' is used "
         "twice (give each record its own id)"]),
    "unknown owner of a first step": (
        [("scenarios/outage.yml", "        owner: communication-lead\n        within_minutes: 20",
          "        owner: comm\n        within_minutes: 20")],
        ["handbook_data/scenarios/outage.yml:18: scenario 'outage', field 'levels[1].first_steps[2].owner': there is "
         "no role with the id 'comm' (use one of the role ids defined in the data)"]),
    "unknown owner of a staffing measure": (
        [("scenarios/outage.yml", "Move agents to e-mail.\n          owner: emergency-officer",
          "Move agents to e-mail.\n          owner: officer")],
        ["handbook_data/scenarios/outage.yml:26: scenario 'outage', field 'levels[1].measures.staffing[1].owner': "
         "there is no role with the id 'officer' (use one of the role ids defined in the data)"]),
    # The communication plan.
    "duplicate internal flow": (
        [("communication.yml", "meetings:", "  - id: agents\n    audience: Others\n    informed_by: communication-lead\n"
          "    channel: Mail\n    frequency: Daily\nmeetings:")],
        ["handbook_data/communication.yml:8: communication plan, field 'internal[2].id': the id 'agents' is used "
         "twice (give each record its own id)"]),
    "unknown informer": (
        [("communication.yml", "informed_by: communication-lead", "informed_by: comms")],
        ["handbook_data/communication.yml:5: communication plan, field 'internal[1].informed_by': there is no role "
         "with the id 'comms' (use one of the role ids defined in the data)"]),
    "unknown meeting participant": (
        [("communication.yml", "participants: [emergency-officer]", "participants: [emergency-officer, nobody]")],
        ["handbook_data/communication.yml:11: communication plan, field 'meetings[1].participants[2]': there is no "
         "role or contact with the id 'nobody' (use one of the role or contact ids defined in the data)"]),
    "unknown channel owner": (
        [("communication.yml", "owner: communication-lead", "owner: lead")],
        ["handbook_data/communication.yml:17: communication plan, field 'external_channels[1].owner': there is no "
         "role with the id 'lead' (use one of the role ids defined in the data)"]),
    "placeholder not in the text": (
        [("communication.yml", "Next update at {next_update}.", "Next update soon.")],
        ["handbook_data/communication.yml:27: communication plan, field 'templates[1].placeholders[2].name': the "
         "placeholder {next_update} does not occur in the text (use it in the text or remove it here)"]),
    # FAQ, tasks, checklists.
    "FAQ entry of an unknown scenario": (
        [("faq/phone-down.yml", "scenario: outage", "scenario: outages")],
        ["handbook_data/faq/phone-down.yml:8: faq 'phone-down', field 'scenario': there is no scenario with the id "
         "'outages' (did you mean 'outage'?)"]),
    "FAQ entry updated a minute after midnight tomorrow": (
        [("faq/phone-down.yml", 'last_updated: "2026-11-20 08:30"', 'last_updated: "2026-11-24 00:01"')],
        ["handbook_data/faq/phone-down.yml:9: faq 'phone-down', field 'last_updated': the date 2026-11-24 is in the "
         "future (today is 2026-11-23) (record the day it actually happened)"]),
    "task of an unknown provider": (
        [("tasks.yml", "provider: callhelp", "provider: callhelpp")],
        ["handbook_data/tasks.yml:10: task 'hotline', field 'provider': there is no provider with the id 'callhelpp' "
         "(did you mean 'callhelp'?)"]),
    "a role as a trained stand-in": (
        [("tasks.yml", "trained_stand_ins: [anna-adler]", "trained_stand_ins: [anna-adler, emergency-officer]")],
        ["handbook_data/tasks.yml:11: task 'hotline', field 'trained_stand_ins[2]': there is no contact with the id "
         "'emergency-officer' (use one of the contact ids defined in the data)"]),
    "unknown overflow partner": (
        [("tasks.yml", "overflow_partner: clara-cruz", "overflow_partner: clara")],
        ["handbook_data/tasks.yml:12: task 'hotline', field 'overflow_partner': there is no contact with the id "
         "'clara' (did you mean 'clara-cruz'?)"]),
    "staff as overflow partner": (
        [("tasks.yml", "overflow_partner: clara-cruz", "overflow_partner: anna-adler")],
        ["handbook_data/tasks.yml:12: task 'hotline', field 'overflow_partner': 'anna-adler' is not an overflow "
         "partner (name a contact whose kind is overflow-partner)"]),
    "checklist of an unknown owner": (
        [("checklists/first-hour.yml", "owner: emergency-officer\nreviewed_on", "owner: officer\nreviewed_on")],
        ["handbook_data/checklists/first-hour.yml:5: checklist 'first-hour', field 'owner': there is no role with "
         "the id 'officer' (use one of the role ids defined in the data)"]),
    "checklist reviewed next year": (
        [("checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2027-05-01")],
        ["handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': the date "
         "2027-05-01 is in the future (today is 2026-11-23) (record the day it actually happened)"]),
    "a role tested the form": (
        [("checklists/escalation-report.yml", "tested_by: [anna-adler]", "tested_by: [emergency-officer]")],
        ["handbook_data/checklists/escalation-report.yml:9: checklist 'escalation-report', field "
         "'testing.tested_by[1]': there is no contact with the id 'emergency-officer' (use one of the contact ids "
         "defined in the data)"]),
    "a person owns a checklist item": (
        [("checklists/first-hour.yml", "      - text: Start the alerting chain.",
          "      - text: Start the alerting chain.\n        owner: bert-braun")],
        ["handbook_data/checklists/first-hour.yml:14: checklist 'first-hour', field 'sections[1].items[2].owner': "
         "there is no role with the id 'bert-braun' ('bert-braun' is a contact; name a role instead, e.g. "
         "'communication-lead', which they hold)"]),
    # Exercises.
    "exercise dated tomorrow": (
        [("exercises.yml", "date: 2026-06-01", "date: 2026-11-24")],
        ["handbook_data/exercises.yml:3: exercise 'alerting-2026', field 'date': the date 2026-11-24 is in the future "
         "(today is 2026-11-23) (record the day it actually happened)",
         "handbook_data/exercises.yml:18: exercise 'alerting-2026', field 'actions[3].due': the action is due on "
         "2026-06-15, before the exercise on 2026-11-24 that found it (set due to a day on or after the exercise)"]),
    "exercise of an unknown scenario": (
        [("exercises.yml", "alerting_chain: outage", "alerting_chain: outage\n  scenario: outag")],
        ["handbook_data/exercises.yml:6: exercise 'alerting-2026', field 'scenario': there is no scenario with the id "
         "'outag' (did you mean 'outage'?)"]),
    "exercise of an unknown chain": (
        [("exercises.yml", "alerting_chain: outage", "alerting_chain: outages")],
        ["handbook_data/exercises.yml:5: exercise 'alerting-2026', field 'alerting_chain': there is no alerting "
         "chain with the id 'outages' (did you mean 'outage'?)"]),
    "exercise of an unknown checklist": (
        [("exercises.yml", "alerting_chain: outage", "alerting_chain: outage\n  checklist: first")],
        ["handbook_data/exercises.yml:6: exercise 'alerting-2026', field 'checklist': there is no checklist with the "
         "id 'first' (did you mean 'first-hour'?)"]),
    "unknown exercise participant": (
        [("exercises.yml", "participants: [anna-adler, emergency-officer]",
          "participants: [anna-adler, emergency-oficer]")],
        ["handbook_data/exercises.yml:6: exercise 'alerting-2026', field 'participants[2]': there is no role or "
         "contact with the id 'emergency-oficer' (did you mean 'emergency-officer'?)"]),
    "unknown provider in an exercise": (
        [("exercises.yml", "alerting_chain: outage", "alerting_chain: outage\n  providers: [callhelp, callme]")],
        ["handbook_data/exercises.yml:6: exercise 'alerting-2026', field 'providers[2]': there is no provider with "
         "the id 'callme' (did you mean 'callhelp'?)"]),
    "unknown owner of an action": (
        [("exercises.yml", "      owner: communication-lead\n      due: 2027-02-01",
          "      owner: clara\n      due: 2027-02-01")],
        ["handbook_data/exercises.yml:13: exercise 'alerting-2026', field 'actions[2].owner': there is no role or "
         "contact with the id 'clara' (did you mean 'clara-cruz'?)"]),
    "action due the day before its exercise": (
        [("exercises.yml", "due: 2027-03-01", "due: 2026-05-31")],
        ["handbook_data/exercises.yml:11: exercise 'alerting-2026', field 'actions[1].due': the action is due on "
         "2026-05-31, before the exercise on 2026-06-01 that found it (set due to a day on or after the exercise)"]),
    # Systems and processes.
    "unknown system owner": (
        [("systems.yml", "owner: communication-lead", "owner: lead")],
        ["handbook_data/systems.yml:9: system 'crm', field 'owner': there is no role with the id 'lead' (use one of "
         "the role ids defined in the data)"]),
    "unknown system provider": (
        [("systems.yml", "provider: callhelp", "provider: help")],
        ["handbook_data/systems.yml:5: system 'telephony', field 'provider': there is no provider with the id 'help' "
         "(did you mean 'callhelp'?)"]),
    "unknown process owner": (
        [("processes/hotline.yml", "owner: emergency-officer\ndescription", "owner: officer\ndescription")],
        ["handbook_data/processes/hotline.yml:4: process 'hotline', field 'owner': there is no role with the id "
         "'officer' (use one of the role ids defined in the data)"]),
    "process reviewed next month": (
        [("processes/hotline.yml", "reviewed_on: 2026-09-01", "reviewed_on: 2026-12-01")],
        ["handbook_data/processes/hotline.yml:27: process 'hotline', field 'reviewed_on': the date 2026-12-01 is in "
         "the future (today is 2026-11-23) (record the day it actually happened)"]),
    "unknown dependencies of every kind": (
        [("processes/hotline.yml", DEPENDENCIES, "  systems: [telephony, crn]\n  sites: [berlin, bonn]\n"
          "  providers: [callhelp, help]\n  tasks: [hotline, hotlines]\n  roles: [communication-lead, lead]")],
        ["handbook_data/processes/hotline.yml:11: process 'hotline', field 'dependencies.systems[2]': there is no "
         "system with the id 'crn' (did you mean 'crm'?)",
         "handbook_data/processes/hotline.yml:12: process 'hotline', field 'dependencies.sites[2]': there is no site "
         "with the id 'bonn' (use one of the site ids defined in the data)",
         "handbook_data/processes/hotline.yml:13: process 'hotline', field 'dependencies.providers[2]': there is no "
         "provider with the id 'help' (did you mean 'callhelp'?)",
         "handbook_data/processes/hotline.yml:14: process 'hotline', field 'dependencies.tasks[2]': there is no task "
         "with the id 'hotlines' (did you mean 'hotline'?)",
         "handbook_data/processes/hotline.yml:15: process 'hotline', field 'dependencies.roles[2]': there is no role "
         "with the id 'lead' (use one of the role ids defined in the data)"]),
    "process of an unknown scenario": (
        [("processes/hotline.yml", "scenarios: [outage]", "scenarios: [outage, fire]")],
        ["handbook_data/processes/hotline.yml:16: process 'hotline', field 'scenarios[2]': there is no scenario with "
         "the id 'fire' (use one of the scenario ids defined in the data)"]),
    "RTO over the MTPD and the task's limit": (
        [("processes/hotline.yml", "rto_hours: 2", "rto_hours: 12"),
         ("processes/hotline.yml", "within_hours: 2", "within_hours: 12")],
        ["handbook_data/processes/hotline.yml:7: process 'hotline', field 'rto_hours': the recovery time objective "
         "of 12 h is longer than the maximum tolerable period of disruption of 8 h (the process must be back before "
         "the damage becomes unacceptable: lower rto_hours or raise mtpd_hours)",
         "handbook_data/processes/hotline.yml:14: process 'hotline', field 'dependencies.tasks[1]': the recovery time "
         "objective of 12 h is longer than the 4 h the task 'hotline' may stop before its service level is broken "
         "(lower rto_hours, or correct max_interruption_hours of the task in tasks.yml)"]),
    "RTO half an hour over the task's limit": (
        [("tasks.yml", "max_interruption_hours: 4", "max_interruption_hours: 1.5")],
        ["handbook_data/processes/hotline.yml:14: process 'hotline', field 'dependencies.tasks[1]': the recovery "
         "time objective of 2 h is longer than the 1.5 h the task 'hotline' may stop before its service level is "
         "broken (lower rto_hours, or correct max_interruption_hours of the task in tasks.yml)"]),
    "a restart step after the RTO": (
        [("processes/hotline.yml", "within_hours: 2", "within_hours: 2.25")],
        ["handbook_data/processes/hotline.yml:23: process 'hotline', field 'restart_plan[2].within_hours': this "
         "restart step is done within 2.25 h, later than the recovery time objective of 2 h (the restart plan must "
         "bring the process back within rto_hours: plan the step earlier or raise rto_hours)"]),
    "RPO half an hour over the MTPD": (
        [("processes/complaints.yml", "rpo_hours: 24", "rpo_hours: 240.5")],
        ["handbook_data/processes/complaints.yml:8: process 'complaints', field 'rpo_hours': the recovery point "
         "objective of 240.5 h is longer than the maximum tolerable period of disruption of 240 h (a process cannot "
         "afford to lose more data than it may stand still: lower rpo_hours)"]),
    "a backup a day for a process that may lose 8 hours": (
        [("systems.yml", "backup_every_hours: 1", "backup_every_hours: 24"),
         ("processes/hotline.yml", "rpo_hours: 1", "rpo_hours: 8")],
        ["handbook_data/processes/hotline.yml:11: process 'hotline', field 'dependencies.systems[2]': the system "
         "'crm' is backed up every 24 h, but this process may lose at most 8 h of data (back the system up more often "
         "(backup_every_hours in systems.yml), or raise rpo_hours if that loss is acceptable)"]),
    "restart steps out of order": (
        [("processes/hotline.yml", "within_hours: 0.5", "within_hours: 1.5"),
         ("processes/hotline.yml", "within_hours: 2", "within_hours: 1.25")],
        ["handbook_data/processes/hotline.yml:23: process 'hotline', field 'restart_plan[2].within_hours': this "
         "restart step is done within 1.25 h, earlier than the step before it (1.5 h) (list the steps in the order "
         "they are done)"]),
    "unknown owner of a restart step": (
        [("processes/hotline.yml", "    owner: communication-lead\n    within_hours: 0.5",
          "    owner: comm\n    within_hours: 0.5")],
        ["handbook_data/processes/hotline.yml:19: process 'hotline', field 'restart_plan[1].owner': there is no role "
         "with the id 'comm' (use one of the role ids defined in the data)"]),
    "unknown owner of a recovery step": (
        [("processes/hotline.yml", "    owner: emergency-officer\nreviewed_on", "    owner: officer\nreviewed_on")],
        ["handbook_data/processes/hotline.yml:26: process 'hotline', field 'recovery_plan[1].owner': there is no role "
         "with the id 'officer' (use one of the role ids defined in the data)"]),
    "the emergency number rings a holder of another role": (
        [("organisation.yml", "emergency_officer: emergency-officer", "emergency_officer: communication-lead"),
         ("roles.yml", "reachable_24_7: false", "reachable_24_7: true"),
         ("roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun, clara-cruz]")],
        ["handbook_data/organisation.yml:9: organisation 'example-service', field 'emergency_number': the emergency "
         "number +49 30 90182000 is a number of 'anna-adler', who does not hold the role 'communication-lead' "
         "(correct the number, or make whoever carries the emergency phone a holder of the emergency officer's "
         "role)"]),
    # Confidential records and fields.
    "a confidential organisation": (
        [("organisation.yml", "name: Example Service Ltd", "name: Example Service Ltd\nconfidential: true")],
        ["handbook_data/organisation.yml:4: organisation 'example-service', field 'confidential': a whole organisation "
         "cannot be confidential (list the confidential fields instead, e.g. confidential: [note])"]),
    "a confidential first-hour checklist": (
        [("checklists/first-hour.yml", "title: First hour", "title: First hour\nconfidential: true")],
        ["handbook_data/checklists/first-hour.yml:4: checklist 'first-hour', field 'confidential': this checklist is "
         "needed in every edition (the first-hour checklist or the escalation report form) (list the confidential "
         "fields instead, or name another checklist in organisation.yml)"]),
    "a confidential report form": (
        [("checklists/escalation-report.yml", "title: Escalation report", "title: Escalation report\nconfidential: true")],
        ["handbook_data/checklists/escalation-report.yml:4: checklist 'escalation-report', field 'confidential': this "
         "checklist is needed in every edition (the first-hour checklist or the escalation report form) (list the "
         "confidential fields instead, or name another checklist in organisation.yml)"]),
    # A record wholly confidential does not end the check of the records after it.
    "a misspelt confidential field after a confidential contact": (
        [("contacts.yml", "  kind: staff\n", "  kind: staff\n  confidential: true\n"),
         ("contacts.yml", "  kind: overflow-partner\n", "  kind: overflow-partner\n  confidential: [emial]\n")],
        ["handbook_data/contacts.yml:36: contact 'clara-cruz', field 'confidential[1]': there is no field 'emial' to "
         "keep confidential (did you mean 'email'?)"]),
    "a misspelt confidential field": (
        [("contacts.yml", "  email: anna.adler@example.com", "  email: anna.adler@example.com\n  confidential: [emial]")],
        ["handbook_data/contacts.yml:13: contact 'anna-adler', field 'confidential[1]': there is no field 'emial' to "
         "keep confidential (did you mean 'email'?)"]),
    # The id cannot be left out, so it is not suggested either.
    "the id as a confidential field": (
        [("tasks.yml", "overflow_partner: clara-cruz", "overflow_partner: clara-cruz\n  confidential: [provider, id]")],
        ["handbook_data/tasks.yml:13: task 'hotline', field 'confidential[2]': there is no field 'id' to keep "
         "confidential (the fields are: name, priority, sla, max_interruption_hours, remote_capable, can_defer, "
         "simplified_mode, provider, trained_stand_ins, overflow_partner)"]),
    "the markers as confidential fields": (
        [("tasks.yml", "overflow_partner: clara-cruz",
          "overflow_partner: clara-cruz\n  confidential: [translated, confidential]")],
        ["handbook_data/tasks.yml:13: task 'hotline', field 'confidential[2]': there is no field 'confidential' to "
         "keep confidential (the fields are: name, priority, sla, max_interruption_hours, remote_capable, can_defer, "
         "simplified_mode, provider, trained_stand_ins, overflow_partner)",
         "handbook_data/tasks.yml:13: task 'hotline', field 'confidential[1]': there is no field 'translated' to keep "
         "confidential (the fields are: name, priority, sla, max_interruption_hours, remote_capable, can_defer, "
         "simplified_mode, provider, trained_stand_ins, overflow_partner)"]),
    "a required field as confidential": (
        [("contacts.yml", "  email: anna.adler@example.com", "  email: anna.adler@example.com\n"
          "  confidential: [email, name]")],
        ["handbook_data/contacts.yml:13: contact 'anna-adler', field 'confidential[2]': the field 'name' is required, "
         "so it cannot be left out of an edition (mark the whole contact confidential (confidential: true) or keep "
         "this field in every edition)"]),
    # A record that failed to load is reported once, where it failed: references to it are not reported again.
    "a contact with a bad number": (
        [("contacts.yml", '"+49 170 1234567"', '"0170 1234567"')],
        ["handbook_data/contacts.yml:8: contact 'anna-adler', field 'phones[1].number': expected a phone number in "
         "international form like +49 40 1234 5678, found '0170 1234567' (start with + and the country code, and "
         "check the digits)"]),
    "a role without its purpose": (
        [("roles.yml", "  purpose: Speaks for the organisation.\n", "")],
        ["handbook_data/roles.yml:10: role 'communication-lead', field 'purpose': this field is missing (add "
         "'purpose:' to the record)"]),
    "a contacts file that cannot be read": (
        [("contacts.yml", "- id: bert-braun", "- id: bert-braun\n\tx: 1")],
        ["handbook_data/contacts.yml:17: this line is indented with a tab (YAML needs spaces for indentation: "
         "replace the tab with spaces)"]),
    "a roles file that cannot be read": (
        [("roles.yml", "- id: communication-lead", "- id: communication-lead\n\tx: 1")],
        ["handbook_data/roles.yml:11: this line is indented with a tab (YAML needs spaces for indentation: replace "
         "the tab with spaces)"]),
    "a site that cannot be read": (
        [("organisation.yml", "    seats: 40", "    seats: many")],
        ["handbook_data/organisation.yml:26: organisation 'example-service', field 'sites[1].seats': expected a "
         "number, found 'many'"]),
    # Nor are references into a file that cannot be read at all, or to the providers and sites of an organisation
    # that failed to load.
    "a systems file that cannot be read": (
        [("systems.yml", "- id: crm", "\t- id: crm")],
        ["handbook_data/systems.yml:7: this line is indented with a tab (YAML needs spaces for indentation: replace "
         "the tab with spaces)"]),
    "a tasks file that cannot be read": (
        [("tasks.yml", "  name: Inbound hotline", "\tname: Inbound hotline")],
        ["handbook_data/tasks.yml:3: this line is indented with a tab (YAML needs spaces for indentation: replace "
         "the tab with spaces)"]),
    "an alerting file that cannot be read": (
        [("alerting.yml", "  name: Telephony outage", "\tname: Telephony outage")],
        ["handbook_data/alerting.yml:3: this line is indented with a tab (YAML needs spaces for indentation: replace "
         "the tab with spaces)"]),
    "contacts that are not a list": (
        [("contacts.yml", None, "id: anna-adler\n")],
        ["handbook_data/contacts.yml:1: expected a list of contact records (start each record with '- id: …')"]),
    "roles that are not a list": (
        [("roles.yml", None, "id: emergency-officer\n")],
        ["handbook_data/roles.yml:1: expected a list of role records (start each record with '- id: …')"]),
    "an organisation that failed to load, and a contact of an unknown provider": (
        [("organisation.yml", "    seats: 40", "    seats: many"), ("contacts.yml", "provider: callhelp", "provider: x")],
        ["handbook_data/organisation.yml:26: organisation 'example-service', field 'sites[1].seats': expected a "
         "number, found 'many'"]),
    "a checklist with an impossible date": (
        [("checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 2026-55-01")],
        ["handbook_data/checklists/first-hour.yml:6: checklist 'first-hour', field 'reviewed_on': '2026-55-01' is not "
         "a day of the calendar (check the day and the month: months have 28 to 31 days, and there are 12 of them)"]),
    "a system with a backup interval in words": (
        [("systems.yml", "backup_every_hours: 1", "backup_every_hours: x")],
        ["handbook_data/systems.yml:11: system 'crm', field 'backup_every_hours': expected a number, found 'x'"]),
    "a task of an unknown priority": (
        [("tasks.yml", "priority: critical", "priority: urgent")],
        ["handbook_data/tasks.yml:4: task 'hotline', field 'priority': expected one of critical, high, normal, low, "
         "found 'urgent'"]),
    "a process with its MTPD in words": (
        [("processes/hotline.yml", "mtpd_hours: 8", "mtpd_hours: eight")],
        ["handbook_data/processes/hotline.yml:6: process 'hotline', field 'mtpd_hours': expected a number, found "
         "'eight'"]),
    "a scenario too likely": (
        [("scenarios/outage.yml", "likelihood: 3", "likelihood: 9")],
        ["handbook_data/scenarios/outage.yml:5: scenario 'outage', field 'likelihood': expected a number at most 5, "
         "found '9'"]),
    "a chain with a step's time in words": (
        [("alerting.yml", "within_minutes: 15", "within_minutes: soon")],
        ["handbook_data/alerting.yml:10: alerting chain 'outage', field 'steps[1].within_minutes': expected a number, "
         "found 'soon'"]),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_rule_gives_exact_messages(case, data_copy):
    """The edit breaks one rule: exactly these lines, sorted by file and line."""
    edits, expected = ERRORS[case]
    assert problems(data_copy, edits) == expected


@pytest.mark.parametrize("folder", ["checklists", "scenarios"])
def test_references_into_a_missing_folder_are_not_reported(data_copy, folder):
    """Without the folder, the missing folder is the one error: the checklists and scenarios named elsewhere are
    not reported one by one."""
    shutil.rmtree(data_copy / folder)
    assert problems(data_copy, []) == [
        f"handbook_data/{folder}: this folder is missing (create it with one .yml file per {folder[:-1]})"]


# Edits at or inside a rule's limit, or that the rules allow: no error and no warning of their own.
QUIET: dict[str, list[Edit]] = {
    "a contact verified today": [("contacts.yml", "verified_on: 2026-09-15", "verified_on: 2026-11-23")],
    "an FAQ entry updated late tonight": [
        ("faq/phone-down.yml", 'last_updated: "2026-11-20 08:30"', 'last_updated: "2026-11-23 23:59"')],
    "a role that is not the emergency officer's, reachable at night": [
        ("roles.yml", "reachable_24_7: false", "reachable_24_7: true")],
    "several senders alerting one recipient": [
        ("alerting.yml", "      message: Say what fails since when.\n", A_SECOND_STEP.replace(
            "sender: emergency-officer", "sender: communication-lead").replace(
            "recipient: communication-lead", "recipient: emergency-officer").replace(
            "stand_in: bert-braun", "stand_in: anna-adler"))],
    "an action due on the day of its exercise, done": [
        ("exercises.yml", "due: 2026-06-15", "due: 2026-06-01")],
    "a whole FAQ entry confidential": [("faq/phone-down.yml", "topic: Availability", "topic: Availability\nconfidential: true")],
    "an optional field confidential": [
        ("contacts.yml", "  email: anna.adler@example.com", "  email: anna.adler@example.com\n  confidential: [email]")],
    "the emergency number on the other holder's phone": [
        ("organisation.yml", 'emergency_number: "+49 30 90182000"', 'emergency_number: "+49 30 90182001"')],
    "the emergency number written with brackets and a hyphen": [
        ("organisation.yml", 'emergency_number: "+49 30 90182000"', 'emergency_number: "+49 (30) 9018-2000"')],
    "RTO equal to the MTPD and the task's limit": [
        ("processes/hotline.yml", "rto_hours: 2", "rto_hours: 8"), ("tasks.yml", "max_interruption_hours: 4",
                                                                    "max_interruption_hours: 8")],
    "RPO equal to the MTPD": [("processes/complaints.yml", "rpo_hours: 24", "rpo_hours: 240")],
    "a backup as often as the RPO": [("systems.yml", "backup_every_hours: 1", "backup_every_hours: 24"),
                                     ("processes/hotline.yml", "telephony, crm", "telephony")],
    "RTO equal to the task's limit": [("tasks.yml", "max_interruption_hours: 4", "max_interruption_hours: 2")],
    "restart steps done at the same time": [("processes/hotline.yml", "within_hours: 0.5", "within_hours: 2")],
}


@pytest.mark.parametrize("case", list(QUIET))
def test_edit_within_the_rules_is_quiet(case, data_copy):
    """Negative controls for the boundaries above: the edit loads without a problem of its own."""
    assert problems(data_copy, QUIET[case]) == []


# A running incident in the minimal fixture: declared at 07:40, next update due at 11:00 (the tests build at 10:30).
SITUATION = """status: declared
summary: Calls stopped arriving.
since: "2026-11-23 07:40"
scenario: outage
level: partial
customer_message: Longer waiting times.
public_message: The hotline is partly reachable.
next_update: "2026-11-23 11:00"
updates:
  - at: "2026-11-23 07:55"
    text: Chain started.
    by: emergency-officer
"""

# (replacements in SITUATION, the exact error messages expected)
SITUATION_ERRORS: dict[str, tuple[dict[str, str], list[str]]] = {
    "a level the scenario does not have": (
        {"level: partial": "level: total"},
        ["handbook_data/situation.yml:5: situation, field 'level': the scenario 'outage' has no level 'total' (use one "
         "of: partial)"]),
    "a level without a scenario": (
        {"scenario: outage\n": ""},
        ["handbook_data/situation.yml:4: situation, field 'level': a level is named without a scenario (name the "
         "scenario under 'scenario', or remove 'level')"]),
    # The level of an unknown scenario cannot be checked: the scenario is reported, the level not.
    "an unknown scenario": (
        {"scenario: outage": "scenario: fire"},
        ["handbook_data/situation.yml:4: situation, field 'scenario': there is no scenario with the id 'fire' (use one "
         "of the scenario ids defined in the data)"]),
    "an incident and its update tomorrow": (
        {'since: "2026-11-23 07:40"': 'since: "2026-11-24 07:40"', 'at: "2026-11-23 07:55"': 'at: "2026-11-24 07:55"'},
        ["handbook_data/situation.yml:3: situation, field 'since': the date 2026-11-24 is in the future (today is "
         "2026-11-23) (record the day it actually happened)",
         "handbook_data/situation.yml:10: situation, field 'updates[1].at': the date 2026-11-24 is in the future "
         "(today is 2026-11-23) (record the day it actually happened)"]),
    "an update by a person": (
        {"by: emergency-officer": "by: anna-adler"},
        ["handbook_data/situation.yml:12: situation, field 'updates[1].by': there is no role with the id 'anna-adler' "
         "('anna-adler' is a contact; name a role instead, e.g. 'communication-lead', which they hold)"]),
}


def situation(data_dir: Path, replacements: dict[str, str]) -> None:
    text = SITUATION
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    (data_dir / "situation.yml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", list(SITUATION_ERRORS))
def test_incident_mistake_gives_exact_messages(case, data_copy):
    """A running incident's scenario, level, dates and authors follow the rules of the records they name."""
    replacements, expected = SITUATION_ERRORS[case]
    situation(data_copy, replacements)
    assert problems(data_copy, []) == expected


@pytest.mark.parametrize("next_update", ['"2026-11-23 11:00"', '"2026-11-23 10:30"', '"2026-11-23 10:30:00+01:00"'])
def test_an_update_due_now_or_later_is_not_overdue(data_copy, next_update):
    """At 10:30 in Berlin an update due at 10:30 (written with or without the zone) or later is on time."""
    situation(data_copy, {'"2026-11-23 11:00"': next_update})
    assert problems(data_copy, []) == []


@pytest.mark.parametrize("next_update, due", [
    ('"2026-11-23 10:29"', "2026-11-23, 10:29"),
    # Written with a zone, the moment is compared in that zone and shown as written.
    ('"2026-11-23 10:29:00+01:00"', "2026-11-23, 10:29"),
    ('"2026-11-23T09:29:00Z"', "2026-11-23, 09:29"),
])
def test_an_update_a_minute_late_is_overdue(data_copy, next_update, due):
    """A minute after next_update, `check` warns with the command that stamps the next update for this folder."""
    situation(data_copy, {'"2026-11-23 11:00"': next_update})
    assert problems(data_copy, []) == [
        f"handbook_data/situation.yml:8: situation, field 'next_update': the next update was due: {due} (now "
        f"2026-11-23, 10:30) (publish an update now, even if nothing is new: `make new-update DATA={data_copy} "
        f"TEXT=\"…\"` stamps it and sets next_update)"]


def test_a_closed_incident_is_a_warning_and_no_longer_overdue(data_copy):
    """A closed incident still in situation.yml is a warning naming the command; its next update is not due."""
    situation(data_copy, {"status: declared": "status: closed", '"2026-11-23 11:00"': '"2026-11-23 08:00"'})
    warnings = load_handbook(data_copy, today=TODAY, built_at=BUILT_AT).warnings
    assert [str(warning) for warning in warnings if "situation.yml" in warning.file] == [
        "handbook_data/situation.yml:1: situation, field 'status': the incident is closed, but it is still in "
        "situation.yml, so its timeline is not yet in the exercise log (run "
        f"`make close-incident DATA={data_copy}` to move the timeline into exercises.yml)"]


def test_an_emergency_number_nobody_has_is_a_warning(data_copy):
    """A number no contact has may be a forwarding line: a warning naming the number and the role."""
    assert problems(data_copy, [("organisation.yml", 'emergency_number: "+49 30 90182000"',
                                 'emergency_number: "+49 30 90182999"')]) == [
        "handbook_data/organisation.yml:9: organisation 'example-service', field 'emergency_number': the emergency "
        "number +49 30 90182999 is not among the numbers of the holders of the role 'emergency-officer' (add it to the "
        "phones of the holder who carries the emergency phone in contacts.yml, so that the directory and the exports "
        "show who answers it)"]


@pytest.mark.parametrize("threshold, expected", [
    ("3", []),
    ("2", ["handbook_data/organisation.yml:29: organisation 'example-service', field 'providers[1].id': a single point "
           "of failure: 2 processes depend on it (complaints, hotline) and it has no fallback (write under 'fallback' "
           "who takes over when the provider drops out (another provider, an overflow partner))",
           "handbook_data/systems.yml:7: system 'crm', field 'id': a single point of failure: 2 processes depend on it "
           "(complaints, hotline) and it has no fallback (write under 'fallback' how the work goes on without it "
           "(another system, a manual procedure))"]),
])
def test_single_points_of_failure_from_the_threshold_on(data_copy, threshold, expected):
    """The customer database and the provider, which both processes need and nothing replaces, are single points
    of failure from a threshold of two processes on; the telephony platform, which has a fallback, never is."""
    assert problems(data_copy, [("organisation.yml", "unacceptable_from: 10",
                                 f"unacceptable_from: 10\n  single_point_from: {threshold}")]) == expected


def test_single_points_of_failure_most_depended_on_first():
    """Only records without a fallback count; the most depended on come first, then providers before systems and by
    id; each with the ids of the processes that depend on it, in the processes' order."""
    from types import SimpleNamespace

    from macros.validation import single_points_of_failure

    def process(id_: str, systems: list[str], providers: list[str]) -> SimpleNamespace:
        return SimpleNamespace(id=id_, dependencies=SimpleNamespace(systems=systems, providers=providers))

    def record(id_: str, fallback: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(id=id_, fallback=fallback)

    processes = [process("billing", ["crm", "erp"], ["host"]), process("hotline", ["crm", "pbx"], []),
                 process("shop", ["crm", "erp", "pbx"], ["host"])]
    systems = [record("pbx", "Forward calls."), record("erp"), record("crm")]
    providers = [record("host"), record("cloud")]
    found = [(kind, item.id, users) for kind, item, users in
             single_points_of_failure(processes, systems, providers, threshold=2)]
    assert found == [("system", "crm", ["billing", "hotline", "shop"]), ("provider", "host", ["billing", "shop"]),
                     ("system", "erp", ["billing", "shop"])]
    assert [item.id for _kind, item, _users in single_points_of_failure(processes, systems, providers, 3)] == ["crm"]
