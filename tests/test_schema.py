"""JSON Schemas: generated from the models, committed, pointed to by every data file, and as lenient as the loader."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import MINIMAL, ROOT, SAMPLE, TODAY, edit

from macros import schema as schemas
from macros.loader import load_handbook
from macros.model import DOMAINS, Domain, FaqEntry

SCHEMAS = ROOT / "schemas"
DATA_FILES = [(path, domain) for folder in (SAMPLE, MINIMAL) for path, domain in schemas.data_files(folder)]


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def validator(domain: Domain) -> jsonschema.protocols.Validator:
    """A validator for the committed schema of `domain`, with format checks on (as editors do)."""
    schema = json.loads((SCHEMAS / schemas.schema_name(domain)).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


class EditorLoader(yaml.SafeLoader):
    """YAML as editors read it (YAML 1.2): no dates, no yes/no booleans, no 8:30 as a number."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                           "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
# YAML 1.2 keeps true/false and plain integers; add them back without the 1.1 extras.
EditorLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))
EditorLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"),
                                   list("-+0123456789"))
EditorLoader.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^[-+]?[0-9]+\.[0-9]+$"),
                                   list("-+0123456789"))


def as_editor_reads(text: str):
    return yaml.load(text, Loader=EditorLoader)


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_committed_schema_matches_the_models(domain):
    """schemas/<file>.schema.json is exactly what the models generate (run `make schema` after changing a model)."""
    committed = (SCHEMAS / schemas.schema_name(domain)).read_text(encoding="utf-8")
    assert committed == schemas.schema_text(domain), f"{schemas.schema_name(domain)} is stale: run `make schema`"


def test_schemas_folder_holds_one_schema_per_domain_and_nothing_else():
    """No schema is left over from a renamed or removed domain."""
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(schemas.schema_name(d) for d in DOMAINS)


def test_drift_is_detected(tmp_path, monkeypatch):
    """A model that gains a field makes its committed schema out of date, and `schema --check` says so."""
    (tmp_path / "schemas").mkdir()
    schemas.write_schemas(tmp_path / "schemas")
    assert schemas.outdated_schemas(tmp_path / "schemas") == []

    class FaqWithPriority(FaqEntry):
        priority: int = 0

    faq = next(d for d in DOMAINS if d.name == "faq")
    patched = [Domain(d.name, d.path, FaqWithPriority, d.shape, d.record_label) if d is faq else d for d in DOMAINS]
    monkeypatch.setattr(schemas, "DOMAINS", patched)
    assert schemas.outdated_schemas(tmp_path / "schemas") == [tmp_path / "schemas" / "faq.schema.json"]


def test_schema_check_command_fails_on_a_stale_schema(tmp_path):
    """`python -m macros schema --check` exits 0 on current schemas and 1 naming a changed one."""
    out = tmp_path / "schemas"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "macros", "schema", "--out", str(out), *args],
                              cwd=ROOT, capture_output=True, text=True)

    data = tmp_path / "handbook_data"
    shutil.copytree(MINIMAL, data)
    first = run("--data", str(data))
    assert first.returncode == 0, first.stderr
    # The fixture's lines point at the repository's schemas/, so all 13 files are re-pointed to `out`.
    assert "15 schemas written" in first.stdout and "16 data files given a schema line" in first.stdout
    again = run("--data", str(data))
    assert "0 schemas written" in again.stdout and "0 data files given a schema line" in again.stdout
    assert run("--check").returncode == 0
    (out / "contacts.schema.json").write_text("{}\n", encoding="utf-8")
    stale = run("--check")
    assert stale.returncode == 1
    assert "contacts.schema.json: out of date with the models; run `make schema`" in stale.stderr


def test_list_domains_are_arrays_of_records_and_folders_one_record():
    """contacts.yml is a list of Contact records; faq/<id>.yml is one FaqEntry."""
    contacts = schemas.file_schema(next(d for d in DOMAINS if d.name == "contacts"))
    assert contacts["type"] == "array" and contacts["items"] == {"$ref": "#/$defs/Contact"}
    assert "verified_on" in contacts["$defs"]["Contact"]["properties"]
    faq = schemas.file_schema(next(d for d in DOMAINS if d.name == "faq"))
    assert faq["type"] == "object" and faq["additionalProperties"] is False
    assert set(faq["required"]) == {"id", "question", "answer", "audience", "topic", "last_updated", "owner", "status"}


@pytest.mark.parametrize("path,domain", DATA_FILES, ids=[_id(p) for p, _ in DATA_FILES])
def test_data_file_starts_with_its_schema_line(path, domain):
    """The first line points the editor to the right schema by a relative path that exists."""
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == schemas.schema_line(path, domain, SCHEMAS)
    target = (path.parent / first.removeprefix(schemas.SCHEMA_LINE_PREFIX)).resolve()
    assert target == SCHEMAS / schemas.schema_name(domain) and target.is_file()


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_every_data_file_is_valid_against_its_schema(domain):
    """What the loader accepts, the schema accepts: all sample and fixture files pass, read as editors read them."""
    check = validator(domain)
    for path, file_domain in DATA_FILES:
        if file_domain is domain:
            data = as_editor_reads(path.read_text("utf-8"))
            errors = [f"{e.json_path}: {e.message}" for e in check.iter_errors(data)]
            assert errors == [], _id(path)


def test_sample_files_pass_check_jsonschema():
    """The CLI validator editors' tooling uses (check-jsonschema, formats on) accepts every sample file."""
    for domain in DOMAINS:
        files = [str(path) for path, d in schemas.data_files(SAMPLE) if d is domain]
        # An optional file the sample leaves out (situation.yml: no incident running) has nothing to check.
        if not files:
            continue
        result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile",
                                 str(SCHEMAS / schemas.schema_name(domain)), *files], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


FAQ_TEXT = (MINIMAL / "faq" / "phone-down.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old,new", [
    ('last_updated: "2026-11-20 08:30"', "last_updated: 2026-11-20 08:30"),
    ('last_updated: "2026-11-20 08:30"', 'last_updated: "2026-11-20T08:30:00"'),
    ("owner: communication-lead", "owner: communication-lead  # checked weekly"),
], ids=["unquoted date and time", "ISO date and time", "trailing comment"])
def test_schema_accepts_what_the_loader_accepts(old, new, data_copy):
    """Variants the loader takes are not flagged in the editor either."""
    edit(data_copy / "faq/phone-down.yml", old, new)
    load_handbook(data_copy, today=TODAY)
    faq = next(d for d in DOMAINS if d.name == "faq")
    data = as_editor_reads((data_copy / "faq/phone-down.yml").read_text("utf-8"))
    assert list(validator(faq).iter_errors(data)) == []


@pytest.mark.parametrize("domain_name,value", [
    ("tasks", [{"id": "t", "name": "T", "priority": "high", "sla": "x", "remote_capable": "yes", "can_defer": "no"}]),
    ("crisis_group", None),
])
def test_schema_accepts_yaml_1_1_booleans_and_clock_times(domain_name, value):
    """`yes`/`no` (booleans to the loader) and an unquoted 9:00 (a time to the loader) pass the schema."""
    domain = next(d for d in DOMAINS if d.name == domain_name)
    if value is None:
        text = (MINIMAL / "crisis-group.yml").read_text("utf-8")
        value = as_editor_reads(text.replace('time: "09:00"', "time: 9:00"))
        assert value["check_in"]["time"] == "9:00"
    assert list(validator(domain).iter_errors(value)) == []


@pytest.mark.parametrize("old,new,expected", [
    ('last_updated: "2026-11-20 08:30"', "last_updated: 20.11.2026 08:30", "does not match"),
    ("audience: customers", "audience: customer", "is not one of"),
    ("status: answered", "status: answered\ncolour: red", "Additional properties are not allowed"),
    ("id: phone-down", "id: Phone Down", "does not match"),
], ids=["date day first", "misspelt choice", "unknown field", "id with capitals"])
def test_schema_flags_mistakes_while_typing(old, new, expected):
    """The mistakes the loader refuses are already marked in the editor."""
    faq = next(d for d in DOMAINS if d.name == "faq")
    broken = as_editor_reads(FAQ_TEXT.replace(old, new, 1))
    messages = [error.message for error in validator(faq).iter_errors(broken)]
    assert any(expected in message for message in messages), messages


def test_schema_flags_a_day_first_date():
    """verified_on: 22.11.2026 is not a date to the schema either."""
    contacts = next(d for d in DOMAINS if d.name == "contacts")
    records = as_editor_reads((MINIMAL / "contacts.yml").read_text("utf-8").replace(
        "verified_on: 2026-10-01", "verified_on: 22.11.2026", 1))
    assert [e.message for e in validator(contacts).iter_errors(records)] == ["'22.11.2026' is not a 'date'"]


def test_loader_ignores_the_schema_line(data_copy):
    """Removing every schema line changes nothing in the loaded records, only the line numbers."""
    with_lines = load_handbook(data_copy, today=TODAY)
    for path, _ in schemas.data_files(data_copy):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.split("\n", 1)[1], encoding="utf-8")
    without = load_handbook(data_copy, today=TODAY)
    for domain in DOMAINS:
        assert getattr(with_lines, domain.name) == getattr(without, domain.name)


def test_add_schema_line_keeps_the_comment_below_and_replaces_an_old_line(tmp_path):
    """A file's own comment stays under the schema line; an outdated schema line is replaced, not stacked."""
    data = tmp_path / "handbook_data"
    (data / "faq").mkdir(parents=True)
    faq_file = data / "faq" / "a.yml"
    faq_file.write_text("# FAQ for agents.\nid: a\n", encoding="utf-8")
    assert schemas.add_schema_lines(data, tmp_path / "schemas") == [faq_file]
    assert faq_file.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schemas/faq.schema.json\n# FAQ for agents.\nid: a\n")
    faq_file.write_text("# yaml-language-server: $schema=old/faq.json\n# FAQ for agents.\nid: a\n", encoding="utf-8")
    schemas.add_schema_lines(data, tmp_path / "schemas")
    assert faq_file.read_text(encoding="utf-8").splitlines()[:2] == [
        "# yaml-language-server: $schema=../../schemas/faq.schema.json", "# FAQ for agents."]
    assert schemas.add_schema_lines(data, tmp_path / "schemas") == []


def test_schema_dates_are_format_date_strings():
    """Dates are strings of format date (YAML may leave them unquoted); date-times follow the loader's pattern."""
    contact = schemas.file_schema(next(d for d in DOMAINS if d.name == "contacts"))["$defs"]["Contact"]
    assert contact["properties"]["verified_on"] == {"format": "date", "title": "Verified On", "type": "string"}
    faq = schemas.file_schema(next(d for d in DOMAINS if d.name == "faq"))
    assert faq["properties"]["last_updated"]["pattern"] == schemas.DATE_TIME_PATTERN
    for written in ("2026-11-20 08:30", "2026-11-20T08:30:00", "2026-11-20 08:30:00+01:00"):
        assert re.match(schemas.DATE_TIME_PATTERN, written)
        assert dt.datetime.fromisoformat(written)
    assert not re.match(schemas.DATE_TIME_PATTERN, "20.11.2026 08:30")


def test_make_schema_target_exists():
    """`make schema` is wired to the command that writes the schemas and the data files' lines."""
    result = subprocess.run(["make", "-n", "-o", ".venv/.installed", "schema"], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "MAKEFLAGS": ""})
    assert result.returncode == 0, result.stderr
    assert "-m macros schema --data handbook_data --data tests/fixtures/minimal" in result.stdout
