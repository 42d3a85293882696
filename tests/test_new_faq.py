"""`make new-faq` / `python -m macros new-faq`: a correctly named, stamped, valid FAQ file, and clear refusals."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, TODAY, edit

from macros.errors import UsageError
from macros.labels import labels_for
from macros.loader import load_handbook
from macros.model import DOMAINS
from macros.new_faq import create_faq, slug
from macros.schema import schema_line

NOW = dt.datetime(2026, 11, 23, 8, 5, tzinfo=ZoneInfo("Europe/Berlin"))
# The fixture handbook is English, so the new file's placeholder answer is the English one.
PLACEHOLDER_ANSWER = labels_for("en")("messages.new_faq.answer")


def new_faq(data: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "new-faq", "--data", str(data), *arguments],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("question,expected", [
    ("Why can't I reach the hotline?", "why-cant-i-reach-the-hotline"),
    ("Wann ist die Störung in Köln behoben? (Größe: 50 %)", "wann-ist-die-stoerung-in-koeln-behoben-groesse-50"),
    ("Varför är kön så lång?", "varfoer-aer-koen-sa-lang"),
    ("  Is   my eSIM   safe?!  ", "is-my-esim-safe"),
    ("What happens to my contract, my number, my bill and my prepaid credit during the outage?",
     "what-happens-to-my-contract-my-number-my-bill-and-my-prepaid"),
])
def test_slug(question, expected):
    """The file name is the question in lower-case words joined by hyphens, cut at a word, at most 60 characters."""
    assert slug(question) == expected
    assert len(slug(question)) <= 60


def test_creates_a_valid_in_progress_entry(data_copy):
    """The new file is named after its id, stamped now, in progress, owned by the given role, and loads."""
    path = create_faq(data_copy, "Why is the hotline busy: is it down?", "communication-lead", topic="Availability",
                      scenario="outage", now=NOW, schemas_dir=ROOT / "schemas")
    assert path == data_copy / "faq" / "why-is-the-hotline-busy-is-it-down.yml"
    entry = next(e for e in load_handbook(data_copy, today=TODAY).faq if e.id == path.stem)
    assert entry.question == "Why is the hotline busy: is it down?"
    assert entry.last_updated == dt.datetime(2026, 11, 23, 8, 5)
    assert (entry.status.value, entry.owner, entry.audience.value, entry.topic, entry.scenario) == (
        "in-progress", "communication-lead", "customers", "Availability", "outage")
    assert entry.answer.strip() == PLACEHOLDER_ANSWER
    faq = next(d for d in DOMAINS if d.name == "faq")
    assert path.read_text(encoding="utf-8").splitlines()[0] == schema_line(path, faq, ROOT / "schemas")


def test_file_reads_like_the_hand_written_ones(data_copy):
    """Plain values stay unquoted; the stamp is quoted as the README asks."""
    path = create_faq(data_copy, "Can I still pay by direct debit?", "communication-lead", audience="agents",
                      now=NOW, schemas_dir=ROOT / "schemas")
    assert path.read_text(encoding="utf-8").splitlines()[1:] == [
        "# FAQ for agents, started with `make new-faq`: write the answer, then set status: answered.",
        "id: can-i-still-pay-by-direct-debit",
        "question: Can I still pay by direct debit?",
        "answer: |",
        f"  {PLACEHOLDER_ANSWER}",
        "audience: agents",
        "topic: General",
        'last_updated: "2026-11-23 08:05"',
        "owner: communication-lead",
        "status: in-progress",
    ]


@pytest.mark.parametrize("question", ['He said "no": why?', "# not a comment", "yes", "- a list?", "08:30"])
def test_awkward_questions_survive_as_text(data_copy, question):
    """Quotes, colons, '#', yes/no, a leading dash and a time are written so they read back as the same text."""
    path = create_faq(data_copy, question, "communication-lead", now=NOW)
    entry = next(e for e in load_handbook(data_copy, today=TODAY).faq if e.id == path.stem)
    assert entry.question == question


def test_stamp_is_now_in_the_organisations_time_zone(data_copy):
    """Without an injected time, the stamp is the current minute in organisation.yml's time zone."""
    edit(data_copy / "organisation.yml", "timezone: Europe/Berlin", "timezone: Asia/Tokyo")
    zone = ZoneInfo("Asia/Tokyo")
    before = dt.datetime.now(zone).strftime("%Y-%m-%d %H:%M")
    result = new_faq(data_copy, "--question", "Is Tokyo open?", "--owner", "communication-lead")
    after = dt.datetime.now(zone).strftime("%Y-%m-%d %H:%M")
    assert result.returncode == 0, result.stderr
    stamp = [line for line in (data_copy / "faq" / "is-tokyo-open.yml").read_text("utf-8").splitlines()
             if line.startswith("last_updated:")][0]
    assert stamp.removeprefix("last_updated: ").strip('"') in {before, after}


def test_command_says_what_to_do_next(data_copy):
    """Exit 0 and one line naming the file and the next steps."""
    result = new_faq(data_copy, "--question", "Is my data safe?", "--owner", "communication-lead")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (f"Created {(data_copy / 'faq' / 'is-my-data-safe.yml').as_posix()} (status: in-progress). "
                             "Write the answer, set status: answered once it is approved, then run "
                             f"`make check DATA={data_copy}` and open a pull request.\n")


def test_refuses_to_overwrite(data_copy):
    """A second file for the same question is refused with exit 2; the first stays as it was."""
    target = data_copy / "faq" / "why-cant-i-get-through.yml"
    target.write_text("kept as it is\n", encoding="utf-8")
    result = new_faq(data_copy, "--question", "Why can't I get through?", "--owner", "communication-lead")
    assert result.returncode == 2
    assert result.stderr == (f"error: {target.as_posix()} already exists: change the answer in that file, "
                             "or word the question differently\n")
    assert target.read_text(encoding="utf-8") == "kept as it is\n"


@pytest.mark.parametrize("arguments,expected", [
    (["--question", "Why?", "--owner", "comms-lead"],
     "there is no role 'comms-lead' in {data}/roles.yml: the owner of an answer is a role "
     "(did you mean 'communication-lead'?)"),
    (["--question", "Why?", "--owner", "anna-adler"],
     "there is no role 'anna-adler' in {data}/roles.yml: the owner of an answer is a role "
     "(one of: emergency-officer, communication-lead)"),
    (["--question", "?!", "--owner", "communication-lead"],
     "the question '?!' has no letters or digits to name the file after"),
    (["--question", "   ", "--owner", "communication-lead"],
     "the question is empty: write it like --question \"Why is the hotline busy?\""),
    (["--question", "Why?", "--owner", "communication-lead", "--scenario", "outages"],
     "there is no scenario 'outages' (did you mean 'outage'?)"),
], ids=["unknown owner", "contact as owner", "no letters", "empty question", "unknown scenario"])
def test_usage_errors_exit_2_with_a_plain_message(data_copy, arguments, expected):
    """Mistakes in the call are named with the fix; nothing is written."""
    before = sorted(p.name for p in (data_copy / "faq").iterdir())
    result = new_faq(data_copy, *arguments)
    assert result.returncode == 2
    assert result.stderr == f"error: {expected.format(data=data_copy.as_posix())}\n"
    assert sorted(p.name for p in (data_copy / "faq").iterdir()) == before


def test_missing_arguments_and_bad_audience_exit_2(data_copy):
    """argparse refuses a call without --owner, or with an audience that does not exist."""
    assert new_faq(data_copy, "--question", "Why?").returncode == 2
    result = new_faq(data_copy, "--question", "Why?", "--owner", "communication-lead", "--audience", "customer")
    assert result.returncode == 2 and "invalid choice: 'customer'" in result.stderr


def test_create_faq_raises_usage_error_for_a_missing_folder(tmp_path):
    """Pointing --data at the wrong folder is a usage error, not a traceback."""
    with pytest.raises(UsageError, match="no such folder"):
        create_faq(tmp_path, "Why?", "communication-lead", now=NOW)


def make_new_faq(*variables: str) -> subprocess.CompletedProcess:
    # -o: never reinstall the virtual environment from inside a test.
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "new-faq", *variables], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""})


def test_make_target_without_question_prints_usage_and_exits_2():
    """`make new-faq` alone prints how to call it and fails with make's exit 2."""
    result = make_new_faq()
    assert result.returncode == 2
    assert 'Usage: make new-faq QUESTION="Why is the hotline busy?" OWNER=communication-lead' in result.stderr


def test_make_target_passes_the_question_exactly():
    """Apostrophes, quotes, $ and backticks in QUESTION reach the command unchanged (dry run, nothing written)."""
    question = 'Can\'t I pay $5 "now" or `later`?'
    result = make_new_faq("-n", f"QUESTION={question}", "OWNER=communication-lead", "AUDIENCE=agents", "TOPIC=Bills")
    assert result.returncode == 0, result.stderr
    command = shlex.split(result.stdout.strip().splitlines()[-1])
    assert command[1:] == ["-m", "macros", "new-faq", "--data", "handbook_data", "--question", question,
                           "--owner", "communication-lead",
                           "--audience", "agents", "--topic", "Bills"]
