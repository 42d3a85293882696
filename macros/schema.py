"""JSON Schemas for the data files, generated from the models so that the rules are written once.

Editors that understand `# yaml-language-server: $schema=…` (VS Code with the YAML extension, the
web editors built on it) then check and complete a file while it is being typed. The loader stays
the judge: a schema accepts everything the loader accepts, and catches most of what it refuses.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .model import DOMAINS, Domain

# The validators mark the field types whose text form needs a pattern of its own.
from .model.common import _clock_time
from .model.contacts import _international_number
from .source import BOOLEAN_WORDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="
GENERATED_NOTE = "Generated from the models in macros/model by `make schema`; do not edit by hand."

# What the loader accepts for a date and time: "2026-11-22 08:30", with optional seconds and offset.
DATE_TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$"
CLOCK_TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
PHONE_PATTERN = r"^\+[0-9][0-9 ()/.-]*$"


class HandbookJsonSchema(GenerateJsonSchema):
    """Pydantic's schema generator, adjusted to what the YAML loader really accepts."""

    def datetime_schema(self, schema: core_schema.DatetimeSchema) -> JsonSchemaValue:
        # JSON Schema's date-time format wants a "T" and seconds; editors write "2026-11-22 08:30".
        return {"type": "string", "pattern": DATE_TIME_PATTERN}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        # The loader reads YAML 1.1, where yes/no/on/off are booleans; editors read YAML 1.2 strings.
        words = sorted({variant for word in BOOLEAN_WORDS if len(word) > 1
                        for variant in (word, word.capitalize(), word.upper())})
        return {"anyOf": [{"type": "boolean"}, {"enum": words}]}

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        function = schema["function"]["function"]
        if function is _clock_time:
            return {**inner, "pattern": CLOCK_TIME_PATTERN, "examples": ["08:30"]}
        if function is _international_number:
            return {**inner, "pattern": PHONE_PATTERN, "examples": ["+49 30 1234 5600"]}
        return inner


def schema_name(domain: Domain) -> str:
    """`contacts.yml` → `contacts.schema.json`; the folder `faq/` → `faq.schema.json`."""
    return f"{Path(domain.path).stem}.schema.json"


def file_schema(domain: Domain) -> dict[str, Any]:
    """The schema of one data file: the record itself, or for a list domain an array of records."""
    record = domain.model.model_json_schema(schema_generator=HandbookJsonSchema, mode="validation")
    header: dict[str, Any] = {"$schema": SCHEMA_DIALECT, "$comment": GENERATED_NOTE}
    if domain.shape == "list":
        definitions = record.pop("$defs", {})
        definitions[domain.model.__name__] = record
        return {**header, "title": domain.path,
                "description": f"A list of {domain.record_label} records, each starting with '- id: …'.",
                "type": "array", "items": {"$ref": f"#/$defs/{domain.model.__name__}"}, "$defs": definitions}
    where = f"{domain.path}/<id>.yml, one {domain.record_label} per file" if domain.shape == "folder" else domain.path
    description = f"{where}. {record.get('description', '')}".strip()
    return {**header, **record, "title": domain.path, "description": description}


def schema_text(domain: Domain) -> str:
    """The schema exactly as committed: two-space JSON, non-ASCII kept, one final newline."""
    return json.dumps(file_schema(domain), indent=2, ensure_ascii=False) + "\n"


def write_schemas(target: Path) -> list[Path]:
    """Write one schema per domain into `target`; return the files whose content changed."""
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for domain in DOMAINS:
        path = target / schema_name(domain)
        text = schema_text(domain)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def outdated_schemas(target: Path) -> list[Path]:
    """The schema files in `target` that are missing or differ from what the models generate."""
    return [target / schema_name(d) for d in DOMAINS
            if not (target / schema_name(d)).is_file()
            or (target / schema_name(d)).read_text(encoding="utf-8") != schema_text(d)]


def data_files(data_dir: Path) -> list[tuple[Path, Domain]]:
    """Every YAML data file in `data_dir` with the domain it belongs to (missing files are skipped)."""
    found = []
    for domain in DOMAINS:
        target = data_dir / domain.path
        if domain.shape == "folder":
            found += [(path, domain) for path in sorted(target.glob("*.yml")) + sorted(target.glob("*.yaml"))]
        elif target.is_file():
            found.append((target, domain))
    return found


def schema_line(data_file: Path, domain: Domain, schemas_dir: Path) -> str:
    """The first line that points an editor from `data_file` to its schema, by a relative path."""
    relative = os.path.relpath(schemas_dir.resolve() / schema_name(domain), data_file.resolve().parent)
    return SCHEMA_LINE_PREFIX + Path(relative).as_posix()


def add_schema_line(data_file: Path, line: str) -> bool:
    """Make `line` the file's first line, replacing an older schema line; True when the file changed."""
    text = data_file.read_text(encoding="utf-8")
    first, newline, rest = text.partition("\n")
    if first == line:
        return False
    body = rest if first.startswith(SCHEMA_LINE_PREFIX) else text
    data_file.write_text(f"{line}\n{body}", encoding="utf-8")
    return True


def add_schema_lines(data_dir: Path, schemas_dir: Path) -> list[Path]:
    """Give every data file in `data_dir` its schema line; return the files that changed."""
    return [path for path, domain in data_files(data_dir)
            if add_schema_line(path, schema_line(path, domain, schemas_dir))]
