"""The loader: files and folders that are missing, misplaced or of the wrong shape, the languages and the clock
it reads, and the fingerprint of the data; each mistake named with its place and the fix."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from conftest import BUILT_AT, MINIMAL, TODAY, edit, load_on_test_day

from macros.errors import DataError, UsageError
from macros.loader import FALLBACK_LANGUAGE, build_time, data_fingerprint, load_handbook, messages_language
from macros.model import Organisation


def messages(data_dir: Path) -> list[str]:
    """The messages of loading `data_dir`, which must fail."""
    with pytest.raises(DataError) as raised:
        load_on_test_day(data_dir)
    return [str(problem) for problem in raised.value.problems]


BROKEN_QUOTE = 'name: "never closed\n'
UNCLOSED = "a quote opened on this line is never closed (add the closing quote at the end of the text)"


def test_a_record_that_is_not_a_block_is_named_and_its_references_are_not_checked(data_copy):
    """A list entry that is a plain text is reported once; the ids it may have held are not reported missing."""
    edit(data_copy / "contacts.yml", "- id: clara-cruz", "- just a line\n- id: carla-cruz")
    assert messages(data_copy) == [
        "handbook_data/contacts.yml:32: contact: expected a block of fields for a contact "
        "(each record is a set of 'key: value' lines)"]


def test_a_record_without_a_text_id_stops_the_checks_of_references_to_its_kind(data_copy):
    """A contact whose id is no text cannot be known by it: references to contacts are not checked then."""
    edit(data_copy / "contacts.yml", "- id: clara-cruz", "- id: 5")
    assert messages(data_copy) == [
        "handbook_data/contacts.yml:32: contact, field 'id': expected a text, found '5' (put the text in quotes)"]


def test_a_record_with_an_id_keeps_references_to_the_others_checked(data_copy):
    """A broken contact with an id hides only references to that id; a renamed one is still reported."""
    edit(data_copy / "contacts.yml", "- id: clara-cruz", "- id: carla-cruz")
    assert messages(data_copy) == [
        "handbook_data/tasks.yml:12: task 'hotline', field 'overflow_partner': there is no contact with the id "
        "'clara-cruz' (did you mean 'carla-cruz'?)"]


def test_a_single_record_that_is_a_list(data_copy):
    """crisis-group.yml written as a list names the record it should be."""
    (data_copy / "crisis-group.yml").write_text("- a\n- b\n", encoding="utf-8")
    assert messages(data_copy) == [
        "handbook_data/crisis-group.yml:1: crisis group: expected a block of fields for a crisis group "
        "(each record is a set of 'key: value' lines)"]


def test_a_list_file_that_is_a_block(data_copy):
    """roles.yml written as one block says a list of roles is expected."""
    (data_copy / "roles.yml").write_text("id: x\n", encoding="utf-8")
    assert messages(data_copy) == [
        "handbook_data/roles.yml:1: expected a list of role records (start each record with '- id: …')"]


def test_a_broken_list_file_stops_the_checks_of_references_to_its_records(data_copy):
    """With roles.yml unreadable, no reference to a role is reported missing: only the syntax error is."""
    (data_copy / "roles.yml").write_text(BROKEN_QUOTE, encoding="utf-8")
    assert messages(data_copy) == [f"handbook_data/roles.yml:1: {UNCLOSED}"]


def test_a_broken_folder_record_is_still_known_by_its_file_name(data_copy):
    """The first-hour checklist's file is broken: organisation.yml's reference to it is not reported as well."""
    (data_copy / "checklists/first-hour.yml").write_text(BROKEN_QUOTE, encoding="utf-8")
    assert messages(data_copy) == [f"handbook_data/checklists/first-hour.yml:1: {UNCLOSED}"]


def test_missing_folder(data_copy):
    """A deleted folder of records is named with what belongs in it; references to its records are not checked."""
    shutil.rmtree(data_copy / "checklists")
    assert messages(data_copy) == [
        "handbook_data/checklists: this folder is missing (create it with one .yml file per checklist)"]


def test_a_missing_folder_does_not_hide_stray_files_in_the_next(data_copy):
    """With scenarios/ gone, a stray file in faq/ (the next folder) is still named."""
    shutil.rmtree(data_copy / "scenarios")
    (data_copy / "faq/notes.txt").write_text("x", encoding="utf-8")
    assert messages(data_copy) == [
        "handbook_data/faq/notes.txt: this is not a .yml file, so it would be ignored "
        "(each file in faq/ is one record ending in .yml; rename it, or move it out of the data folder)",
        "handbook_data/scenarios: this folder is missing (create it with one .yml file per scenario)"]


@pytest.mark.parametrize("make", ["file", "dangling link"])
def test_a_file_or_a_dangling_link_where_a_folder_belongs(data_copy, make):
    """A file, or a link to nothing, named like a folder of records is not taken for a missing folder; references
    to its records are not checked."""
    shutil.rmtree(data_copy / "checklists")
    if make == "file":
        (data_copy / "checklists").write_text("x: 1\n", encoding="utf-8")
    else:
        os.symlink(data_copy / "nowhere", data_copy / "checklists")
    assert messages(data_copy) == [
        "handbook_data/checklists: this is not a folder, where a folder of data files is expected "
        "(create it with one .yml file per checklist)"]


def test_a_dangling_link_where_a_file_belongs_is_not_a_missing_file(data_copy):
    """tasks.yml as a link to nothing is read, and fails as unreadable, not as missing."""
    (data_copy / "tasks.yml").unlink()
    os.symlink(data_copy / "nowhere", data_copy / "tasks.yml")
    assert messages(data_copy) == [
        "handbook_data/tasks.yml: this file cannot be read (No such file or directory) "
        "(make it readable for the user running the check (chmod a+r), or remove it)"]


def test_a_link_to_a_file_outside_the_data_folder(data_copy, tmp_path):
    """A record linked in from elsewhere is refused with the link's target."""
    outside = tmp_path / "elsewhere.yml"
    shutil.copy(data_copy / "faq/phone-down.yml", outside)
    os.symlink(outside, data_copy / "faq/linked.yml")
    assert messages(data_copy) == [
        f"handbook_data/faq/linked.yml: this file is a link to {outside}, outside the data folder "
        "(copy the file into the data folder instead of linking to it: only files inside it are published)"]


def test_a_link_inside_the_data_folder_is_read(data_copy):
    """A record file linked from another place inside the data folder loads like the file itself."""
    (data_copy / "faq/phone-down.yml").rename(data_copy / "phone-down.txt")
    os.symlink(data_copy / "phone-down.txt", data_copy / "faq/phone-down.yml")
    assert [str(problem) for problem in _load_problems(data_copy)] == [
        "handbook_data/phone-down.txt: this is none of the handbook's data files or folders, so it would be ignored "
        "(the data files are: alerting.yml, checklists, communication.yml, contacts.yml, crisis-group.yml, "
        "escalation.yml, exercises.yml, faq, organisation.yml, processes, roles.yml, scenarios, situation.yml, "
        "systems.yml, tasks.yml; rename it, or move it out of the data folder)"]


def _load_problems(data_dir: Path) -> list:
    with pytest.raises(DataError) as raised:
        load_on_test_day(data_dir)
    return raised.value.problems


def test_unknown_files_and_folders_are_named(data_copy):
    """A misspelt data file gets a suggestion, a stray file in a folder the rule; names with a dot are left alone."""
    (data_copy / "contact.yml").write_text("x", encoding="utf-8")
    (data_copy / "faq/notes.txt").write_text("x", encoding="utf-8")
    (data_copy / ".gitkeep").write_text("", encoding="utf-8")
    (data_copy / "faq/.gitkeep").write_text("", encoding="utf-8")
    (data_copy / "checklists/.hidden").mkdir()
    assert messages(data_copy) == [
        "handbook_data/contact.yml: this is none of the handbook's data files or folders, so it would be ignored "
        "(did you mean 'contacts.yml'?)",
        "handbook_data/faq/notes.txt: this is not a .yml file, so it would be ignored "
        "(each file in faq/ is one record ending in .yml; rename it, or move it out of the data folder)"]


def test_records_in_yaml_files_and_optional_domains_left_out(data_copy):
    """A folder record may end in .yaml; without systems.yml and processes/ the handbook has none of either."""
    text = (data_copy / "faq/phone-down.yml").read_text(encoding="utf-8")
    (data_copy / "faq/phone-down-again.yaml").write_text(text.replace("id: phone-down", "id: phone-down-again"),
                                                          encoding="utf-8")
    shutil.rmtree(data_copy / "processes")
    (data_copy / "systems.yml").unlink()
    handbook = load_on_test_day(data_copy)
    assert [entry.id for entry in handbook.faq] == ["phone-down", "phone-down-again"]
    assert handbook.systems == [] and handbook.processes == []


def test_texts_per_language_default_to_english_as_primary(data_copy):
    """organisation.yml without `language` but with other languages: English is the primary one."""
    edit(data_copy / "organisation.yml", "language: en\n", "languages: [de]\n")
    edit(data_copy / "faq/phone-down.yml", "topic: Availability", "topic: {de: Erreichbarkeit}")
    assert messages(data_copy) == [
        "handbook_data/faq/phone-down.yml:7: faq 'phone-down', field 'topic': the English text is missing "
        "(add it under 'en:', the handbook's primary language)"]
    edit(data_copy / "faq/phone-down.yml", "topic: {de: Erreichbarkeit}", "topic: {en: Availability, de: Erreichbarkeit}")
    handbook = load_on_test_day(data_copy)
    assert handbook.organisation.all_languages == ["en", "de"]


def test_a_provider_whose_staff_take_part_makes_a_joint_exercise(data_copy):
    """A provider's staff among the participants count as that provider taking part, named once."""
    assert load_on_test_day(data_copy).exercised == [
        (dt.date(2026, 6, 1), None, "outage", None, "alerting-test", ())]
    edit(data_copy / "exercises.yml", "participants: [anna-adler, emergency-officer]",
         "participants: [anna-adler, bert-braun, emergency-officer]\n  providers: [callhelp]")
    assert load_on_test_day(data_copy).exercised == [
        (dt.date(2026, 6, 1), None, "outage", None, "alerting-test", ("callhelp",))]


# --- The clock ------------------------------------------------------------------------------------


def test_the_moment_of_the_build_is_in_the_organisations_time_zone():
    """built_at given in UTC is kept as that moment, told in Europe/Berlin (the fixture's zone)."""
    handbook = load_handbook(MINIMAL, today=TODAY, built_at=BUILT_AT)
    assert handbook.built_at.isoformat() == "2026-11-23T10:30:00+01:00"
    assert str(handbook.built_at.tzinfo) == "Europe/Berlin"


def test_check_today_moves_the_clock_to_that_day():
    """Without built_at, `today` gives the day and the clock gives the time, in the organisation's zone."""
    before = dt.datetime.now(dt.timezone.utc)
    handbook = load_handbook(MINIMAL, today=dt.date(2026, 11, 20))
    assert handbook.built_at.date() == dt.date(2026, 11, 20)
    assert str(handbook.built_at.tzinfo) == "Europe/Berlin"
    now_in_berlin = before.astimezone(handbook.built_at.tzinfo)
    assert abs(handbook.built_at.timetz().hour - now_in_berlin.hour) <= 1


def test_today_defaults_to_the_day_of_the_build(data_copy):
    """Without `today` the day of built_at decides what lies in the future."""
    edit(data_copy / "alerting.yml", "last_tested: 2026-06-01", "last_tested: 2026-11-24")
    with pytest.raises(DataError) as raised:
        load_handbook(data_copy, built_at=BUILT_AT)
    assert [str(problem) for problem in raised.value.problems] == [
        "handbook_data/alerting.yml:5: alerting chain 'outage', field 'last_tested': the date 2026-11-24 is in "
        "the future (today is 2026-11-23) (record the day it actually happened)"]
    assert load_handbook(data_copy, built_at=BUILT_AT + dt.timedelta(days=1)).alerting_chains[0].id == "outage"


def test_build_time_is_source_date_epoch_in_utc(monkeypatch):
    """SOURCE_DATE_EPOCH, when set, is the build's moment, in UTC."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    moment = build_time()
    assert moment.isoformat() == "2023-11-14T22:13:20+00:00"
    assert moment.tzinfo is dt.timezone.utc


def test_build_time_is_now_to_the_second_in_utc(monkeypatch):
    """Without SOURCE_DATE_EPOCH the build's moment is now, in UTC, to the whole second."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    moment = build_time()
    after = dt.datetime.now(dt.timezone.utc)
    assert moment.tzinfo is dt.timezone.utc
    assert moment.microsecond == 0
    assert before <= moment <= after


# --- The fingerprint and the language of the messages ---------------------------------------------


def test_fingerprint_covers_every_data_file_path_and_bytes(tmp_path):
    """SHA-256 over each .yml and .yaml file's path and bytes, sorted by path; other files do not count."""
    (tmp_path / "faq").mkdir()
    (tmp_path / "roles.yml").write_bytes(b"- id: a\n")
    (tmp_path / "faq/b.yaml").write_bytes(b"id: b\n")
    (tmp_path / "notes.txt").write_bytes(b"not data")
    (tmp_path / "upper.YML").write_bytes(b"not data either")
    (tmp_path / "folder.yml").mkdir()
    expected = hashlib.sha256(b"faq/b.yaml\0id: b\n\0roles.yml\0- id: a\n\0").hexdigest()
    assert data_fingerprint(tmp_path) == expected


def test_messages_language_is_organisation_language_or_english(tmp_path):
    """The commands speak organisation.yml's language when a catalogue exists for it, English otherwise."""
    organisation = tmp_path / "organisation.yml"
    assert messages_language(tmp_path) == "en"
    for text, expected in [("language: sv\n", "sv"), ("language: xx\n", "en"), ("name: X\n", "en"),
                           ("- language: de\n", "en"), ("language: [de]\n", "en"), ('language: "de\n', "en")]:
        organisation.write_text(text, encoding="utf-8")
        assert messages_language(tmp_path) == expected, text


def test_a_handbook_without_a_language_is_english_for_the_model_and_the_messages():
    """organisation.yml's default language and the messages' fallback are the same: English."""
    assert Organisation.model_fields["language"].default == FALLBACK_LANGUAGE == "en"


# --- What a load warns about ----------------------------------------------------------------------

SCRIPT_SHOWN = ("handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the HTML <script> is shown as "
                "text, not run (write Markdown instead: **bold**, *italic*, [words](https://…))")
NEVER_TESTED = ("handbook_data/checklists/escalation-report.yml:10: checklist 'escalation-report', field "
                "'testing.every_days': never tested in practice; it is to be tested every 365 days (test the checklist "
                "in practice and add the test to exercises.yml with 'checklist: escalation-report')")


def test_warnings_come_sorted_markup_first_then_overdue_records(data_copy):
    """What the sanitiser removes comes first, each group sorted by file, line and words; overdue records last."""
    edit(data_copy / "contacts.yml", "verified_on: 2026-08-01", "verified_on: 2025-06-01")
    edit(data_copy / "faq/phone-down.yml", "Please use the **chat**.", "Please use the **chat**. <script>x</script> <b>x</b>")
    assert [str(warning) for warning in load_on_test_day(data_copy).warnings] == [
        SCRIPT_SHOWN.replace("<script>", "<b>"),
        SCRIPT_SHOWN,
        NEVER_TESTED,
        "handbook_data/contacts.yml:41: contact 'clara-cruz', field 'verified_on': last verified on 2025-06-01, "
        "overdue since 2026-06-01 (the review policy allows 365 days) (check the numbers and details with the "
        "contact, then set verified_on to the day you checked)"]


def test_a_link_that_leads_nowhere_stops_the_load_without_the_warnings(data_copy):
    """An answer's link to no page is an error; the warnings of the same answer are not reported with it."""
    edit(data_copy / "faq/phone-down.yml", "Please use the **chat**.",
         "Please use the **chat**. <script>x</script> See [the page](nowhere.md).")
    assert messages(data_copy) == [
        "handbook_data/faq/phone-down.yml:5: faq 'phone-down', field 'answer': the link to 'nowhere.md' leads to no "
        "page of the handbook (did you mean 'coverage.md'?)"]


def test_no_data_folder_is_a_usage_error(tmp_path):
    """A data folder that does not exist is the command's mistake, named with the folder."""
    with pytest.raises(UsageError) as raised:
        load_handbook(tmp_path / "nothing", today=TODAY)
    assert str(raised.value) == f"{tmp_path / 'nothing'}: no such data folder (expected the handbook_data/ folder)"


def test_organisation_as_a_list_is_one_mistake(data_copy):
    """organisation.yml written as a list is reported once; the languages are then English alone."""
    (data_copy / "organisation.yml").write_text("- id: x\n", encoding="utf-8")
    assert messages(data_copy) == [
        "handbook_data/organisation.yml:1: organisation: expected a block of fields for a organisation "
        "(each record is a set of 'key: value' lines)"]


def test_a_language_that_is_no_text_leaves_english_as_the_only_language(data_copy):
    """With `language: 5` no language is known but English: texts in other languages are reported as well."""
    edit(data_copy / "organisation.yml", "language: en", "language: 5\nlanguages: [de]")
    edit(data_copy / "faq/phone-down.yml", "topic: Availability", "topic: {en: Availability, de: Erreichbarkeit}")
    assert messages(data_copy) == [
        "handbook_data/faq/phone-down.yml:7: faq 'phone-down', field 'topic': 'de' is not one of the handbook's "
        "languages (use one of the languages organisation.yml names: en)",
        "handbook_data/organisation.yml:6: organisation 'example-service', field 'language': expected a text, "
        "found '5' (put the text in quotes)"]


def test_optional_single_record_left_out_is_none():
    """Without situation.yml (no incident declared) the handbook has no situation."""
    assert load_on_test_day(MINIMAL).situation is None


def test_a_file_name_mismatch_points_at_the_id_line(data_copy):
    """The id written below other fields is where the file name mismatch is reported."""
    edit(data_copy / "faq/phone-down.yml", "id: phone-down\n", "")
    edit(data_copy / "faq/phone-down.yml", "audience: customers", "audience: customers\nid: phone-fault")
    assert messages(data_copy) == [
        "handbook_data/faq/phone-down.yml:6: faq 'phone-fault', field 'id': the file name does not match the id "
        "'phone-fault' (rename the file to phone-fault.yml or change the id to 'phone-down')"]


def test_a_folder_record_without_id_is_told_only_that(data_copy):
    """A missing id is one problem: the file name is not compared with an id that is not there ('None')."""
    edit(data_copy / "faq/phone-down.yml", "id: phone-down\n", "")
    assert messages(data_copy) == [
        "handbook_data/faq/phone-down.yml:2: faq, field 'id': this field is missing (add 'id:' to the record)"]


def test_an_overdue_incident_update_is_judged_at_the_build_and_names_the_data_folder(data_copy):
    """The next update of a declared incident, due before the build's moment, is warned about with the command
    for this data folder."""
    (data_copy / "situation.yml").write_text(
        'status: declared\nsummary: Calls do not arrive.\nsince: "2026-11-23 07:40"\nnext_update: "2026-11-23 10:00"\n'
        "customer_message: Longer waits.\npublic_message: Use the chat.\n"
        'updates:\n  - at: "2026-11-23 08:00"\n    text: Ticket opened.\n    by: emergency-officer\n', encoding="utf-8")
    warnings = [str(warning) for warning in load_on_test_day(data_copy).warnings if warning.file.endswith("situation.yml")]
    assert warnings == [
        "handbook_data/situation.yml:4: situation, field 'next_update': the next update was due: 2026-11-23, 10:00 "
        "(now 2026-11-23, 10:30) (publish an update now, even if nothing is new: "
        f'`make new-update DATA={data_copy} TEXT="…"` stamps it and sets next_update)']
