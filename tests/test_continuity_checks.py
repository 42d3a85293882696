"""The business-continuity checks: each mistake in the impact analysis, the exercise actions, the emergency number or
a running incident gives exactly one line with file:line, record, field and the fix."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import BUILT_AT, ROOT, SAMPLE, TODAY, edit, messages_after_edit

from macros.loader import load_handbook

INCIDENT = ROOT / "tests" / "fixtures" / "incident" / "situation.yml"

# (file, text to replace, replacement, the exact error messages expected)
ERRORS = {
    "RTO longer than MTPD": (
        "processes/hotline.yml", "rto_hours: 2", "rto_hours: 12",
        ["handbook_data/processes/hotline.yml:7: process 'hotline', field 'rto_hours': the recovery time objective "
         "of 12 h is longer than the maximum tolerable period of disruption of 8 h (the process must be back before "
         "the damage becomes unacceptable: lower rto_hours or raise mtpd_hours)",
         "handbook_data/processes/hotline.yml:14: process 'hotline', field 'dependencies.tasks[1]': the recovery time "
         "objective of 12 h is longer than the 4 h the task 'hotline' may stop before its service level is broken "
         "(lower rto_hours, or correct max_interruption_hours of the task in tasks.yml)"]),
    "RTO longer than a task's service level": (
        "tasks.yml", "max_interruption_hours: 4", "max_interruption_hours: 1.5",
        ["handbook_data/processes/hotline.yml:14: process 'hotline', field 'dependencies.tasks[1]': the recovery "
         "time objective of 2 h is longer than the 1.5 h the task 'hotline' may stop before its service level is "
         "broken (lower rto_hours, or correct max_interruption_hours of the task in tasks.yml)"]),
    "RPO longer than MTPD": (
        "processes/complaints.yml", "rpo_hours: 24", "rpo_hours: 300",
        ["handbook_data/processes/complaints.yml:8: process 'complaints', field 'rpo_hours': the recovery point "
         "objective of 300 h is longer than the maximum tolerable period of disruption of 240 h (a process cannot "
         "afford to lose more data than it may stand still: lower rpo_hours)"]),
    "backup less often than the RPO": (
        "systems.yml", "backup_every_hours: 1", "backup_every_hours: 4",
        ["handbook_data/processes/hotline.yml:11: process 'hotline', field 'dependencies.systems[2]': the system "
         "'crm' is backed up every 4 h, but this process may lose at most 1 h of data (back the system up more often "
         "(backup_every_hours in systems.yml), or raise rpo_hours if that loss is acceptable)"]),
    "restart step after the RTO": (
        "processes/hotline.yml", "within_hours: 2", "within_hours: 3",
        ["handbook_data/processes/hotline.yml:23: process 'hotline', field 'restart_plan[2].within_hours': this "
         "restart step is done within 3 h, later than the recovery time objective of 2 h (the restart plan must "
         "bring the process back within rto_hours: plan the step earlier or raise rto_hours)"]),
    "unknown system": (
        "processes/complaints.yml", "systems: [crm]", "systems: [cmr]",
        ["handbook_data/processes/complaints.yml:11: process 'complaints', field 'dependencies.systems[1]': there "
         "is no system with the id 'cmr' (did you mean 'crm'?)"]),
    "action due before its exercise": (
        "exercises.yml", "due: 2027-03-01", "due: 2026-05-01",
        ["handbook_data/exercises.yml:11: exercise 'alerting-2026', field 'actions[1].due': the action is due on "
         "2026-05-01, before the exercise on 2026-06-01 that found it (set due to a day on or after the exercise)"]),
    "emergency number of someone who is not an emergency officer": (
        "organisation.yml", 'emergency_number: "+49 30 90182000"', 'emergency_number: "+46 8 123 456 78"',
        ["handbook_data/organisation.yml:9: organisation 'example-service', field 'emergency_number': the emergency "
         "number +46 8 123 456 78 is a number of 'clara-cruz', who does not hold the role 'emergency-officer' "
         "(correct the number, or make whoever carries the emergency phone a holder of the emergency officer's "
         "role)"]),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_continuity_mistake_gives_exact_message(data_copy, case):
    """Each mistake is reported once, at the line of the offending value, with what to do."""
    file, old, new, expected = ERRORS[case]
    assert messages_after_edit(data_copy, file, old, new) == expected


def test_the_fixture_meets_every_continuity_rule(data_copy):
    """Negative control: the unchanged fixture raises none of the messages above, and warns of none below."""
    handbook = load_handbook(data_copy, today=TODAY, built_at=BUILT_AT)
    assert [str(w) for w in handbook.warnings if "processes" in str(w) or "organisation.yml" in str(w)] == []
    assert len(handbook.processes) == 2 and len(handbook.systems) == 2


def warnings_after_edit(data_dir, file, old, new, built_at=BUILT_AT) -> list[str]:
    edit(data_dir / file, old, new)
    return [str(w) for w in load_handbook(data_dir, today=TODAY, built_at=built_at).warnings]


def test_single_point_of_failure_is_a_warning_with_the_processes(data_copy):
    """A system without a fallback that `single_point_from` processes depend on is a single point of failure."""
    warnings = warnings_after_edit(data_copy, "organisation.yml", "unacceptable_from: 10",
                                   "unacceptable_from: 10\n  single_point_from: 2")
    assert ("handbook_data/systems.yml:7: system 'crm', field 'id': a single point of failure: 2 processes depend "
            "on it (complaints, hotline) and it has no fallback (write under 'fallback' how the work goes on without "
            "it (another system, a manual procedure))") in warnings
    # The provider has no fallback either, and both processes depend on it.
    assert ("handbook_data/organisation.yml:29: organisation 'example-service', field 'providers[1].id': a single "
            "point of failure: 2 processes depend on it (complaints, hotline) and it has no fallback (write under "
            "'fallback' who takes over when the provider drops out (another provider, an overflow partner))") in warnings


def test_below_the_threshold_nothing_is_a_single_point(data_copy):
    """Two processes on a system without fallback stay below the default threshold of three."""
    warnings = [str(w) for w in load_handbook(data_copy, today=TODAY, built_at=BUILT_AT).warnings]
    assert not [w for w in warnings if "single point of failure" in w]


def test_emergency_number_nobody_holds_is_a_warning(data_copy):
    """A number nobody in the directory has may be a forwarding line: a warning, not an error."""
    warnings = warnings_after_edit(data_copy, "organisation.yml", 'emergency_number: "+49 30 90182000"',
                                   'emergency_number: "+49 30 90182999"')
    assert ("handbook_data/organisation.yml:9: organisation 'example-service', field 'emergency_number': the "
            "emergency number +49 30 90182999 is not among the numbers of the holders of the role 'emergency-officer' "
            "(add it to the phones of the holder who carries the emergency phone in contacts.yml, so that the "
            "directory and the exports show who answers it)") in warnings


def test_open_action_past_its_due_date_is_overdue(data_copy):
    """An action not done by its due date is overdue like any other duty, named at its due date's line."""
    warnings = warnings_after_edit(data_copy, "exercises.yml", "due: 2027-03-01", "due: 2026-11-01")
    assert ("handbook_data/exercises.yml:11: exercise 'alerting-2026', field 'actions[1].due': found in the "
            "exercise of 2026-06-01, due on 2026-11-01 and not done (finish it and set its status to done, or agree "
            "a new due date with its owner)") in warnings


@pytest.fixture
def incident_copy(tmp_path):
    """The sample with the worked running incident."""
    target = tmp_path / "handbook_data"
    shutil.copytree(SAMPLE, target)
    shutil.copy(INCIDENT, target / "situation.yml")
    return target


def test_overdue_update_is_a_warning_naming_the_command_for_the_folder(incident_copy):
    """Once next_update has passed, check warns, in the handbook's language, with the command to run."""
    on_time = [str(w) for w in load_handbook(incident_copy, today=TODAY, built_at=BUILT_AT).warnings]
    assert not [w for w in on_time if "situation.yml" in w and "next_update" in w]
    late = load_handbook(incident_copy, today=TODAY, built_at=BUILT_AT + dt.timedelta(hours=1))
    from macros.labels import labels_for

    found = [w.text(labels_for("de")) for w in late.warnings if w.field == "next_update"]
    assert found == [
        f"handbook_data/situation.yml:20: Lage, Feld 'next_update': Das nächste Update war fällig: 23.11.2026, "
        f"11:00 Uhr (jetzt 23.11.2026, 11:30 Uhr) (veröffentlichen Sie jetzt ein Update, auch wenn es nichts Neues "
        f"gibt: `make new-update DATA={incident_copy} TEXT=\"…\"` stempelt es und setzt next_update)"]


def test_incident_level_must_belong_to_its_scenario(incident_copy):
    """A level the scenario does not have is an error listing the levels it has."""
    messages = messages_after_edit(incident_copy, "situation.yml", "level: one-site", "level: everything")
    assert messages == [
        "handbook_data/situation.yml:13: situation, field 'level': the scenario 'telephony-outage' has no level "
        "'everything' (use one of: one-site, total)"]
