"""Read YAML files into plain Python data while keeping the line of every key and item."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Message, Problem

Location = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (about five times faster), the pure-Python one otherwise.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits on what one data file may hold: far above any real handbook (the sample's largest file is 30 KB,
# its longest text 2,000 characters, its deepest nesting 8), low enough that no file can exhaust memory or time.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TEXT_CHARS = 50_000
MAX_DEPTH = 30
# The scalar types a tag may name (`!!str 2026`); every other tag (`!!binary`, `!!set`, `!python/…`) is refused.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}

# YAML 1.1 turns these words into true/false; editors rarely mean that in a text field.
BOOLEAN_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


@dataclass
class SourceFile:
    """The data of one YAML file with the line (1-based) of each location in it."""

    path: str
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    raw_text: dict[Location, str] = field(default_factory=dict)
    # The line where a text's first line stands (the line after `answer: |` for a block), for places inside it.
    text_lines: dict[Location, int] = field(default_factory=dict)
    # Where the file is on disk (`path` is how messages name it, relative to the data folder's parent).
    real_path: str = ""

    def line_of(self, location: Location) -> int:
        """The line of the location, or of its nearest enclosing one that exists in the file."""
        location = tuple(location)
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location, 1)

    def written_as(self, location: Location) -> str | None:
        """The text exactly as the editor wrote it for a plain scalar, if known."""
        return self.raw_text.get(tuple(location))

    def line_in_text(self, location: Location, offset: int, text: str) -> int:
        """The line of the character at `offset` of the text at `location` (its own line when not known)."""
        first = self.text_lines.get(tuple(location))
        return first + text[:offset].count("\n") if first else self.line_of(location)


def _syntax_problem(path: str, error: yaml.YAMLError, text: str) -> Problem:
    """Turn a PyYAML error into a plain-language problem at the right line."""
    if isinstance(error, yaml.reader.ReaderError) and isinstance(error.character, int):
        # A control character (NUL, an escape) that YAML refuses: named by its code, since no editor shows it.
        line = text[: error.position].count("\n") + 1
        return _problem(path, line, "control_character", code=f"U+{error.character:04X}")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else 1
    line_text = text.splitlines()[line - 1] if mark and line - 1 < len(text.splitlines()) else ""
    detail = getattr(error, "problem", None) or str(error)
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "'\\t'" in detail:
        return _problem(path, line, "tab")
    before_mark = line_text[: mark.column] if mark else ""
    if "mapping values are not allowed" in detail and ": " not in before_mark and not before_mark.rstrip().endswith(":"):
        return _problem(path, line, "indentation")
    if "mapping values are not allowed" in detail:
        return _problem(path, line, "colon")
    context = getattr(error, "context", None) or ""
    context_mark = getattr(error, "context_mark", None)
    if "quoted scalar" in context and context_mark is not None:
        return _problem(path, context_mark.line + 1, "unclosed_quote")
    unclosed = _unclosed_quote_line(text, line)
    if unclosed and ("expected <block end>" in detail or "expected ':'" in detail):
        return _problem(path, unclosed, "unclosed_quote")
    if "expected <block end>" in detail or "expected ':'" in detail:
        return _problem(path, line, "indentation_or_quote")
    # PyYAML's own words: a mistake none of the messages above describes.
    return _problem(path, line, "invalid", detail=detail)


def _problem(path: str, line: int, name: str, /, **values: object) -> Problem:
    """A syntax problem from the catalogue's `messages.syntax` section, with its hint."""
    return Problem(path, line, Message.of(f"syntax.{name}", **values), hint=Message.of(f"syntax.{name}_hint"))


# `key: "text` with no closing quote on the line: YAML then swallows the following lines into the text.
_OPEN_QUOTE = re.compile(r"""^\s*(?:- )?[\w-]+:\s+(["'])(?:(?!\1).)*$""")


def _unclosed_quote_line(text: str, error_line: int) -> int | None:
    """The first line before the error whose value opens a quote it does not close."""
    for number, line_text in enumerate(text.splitlines()[: error_line - 1], start=1):
        if _OPEN_QUOTE.match(line_text):
            return number
    return None


class _Reader:
    """Walks a composed YAML node tree, building data and recording positions."""

    def __init__(self, path: str, loader: yaml.SafeLoader):
        self.path = path
        self.loader = loader
        self.lines: dict[Location, int] = {}
        self.raw_text: dict[Location, str] = {}
        self.text_lines: dict[Location, int] = {}
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, location: Location) -> Any:
        self.lines.setdefault(location, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in result:
                    self.problems.append(_problem(self.path, key_node.start_mark.line + 1, "duplicate_key", key=key))
                    continue
                child = (*location, key)
                self.lines[child] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*location, index)) for index, item in enumerate(node.value)]
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError):
            # `2026-02-30` looks like a date but is none: kept as written, the field's check names it.
            value = node.value
        block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
        self.text_lines[location] = node.start_mark.line + 1 + (1 if block else 0)
        # A plain scalar: PyYAML says style None, libyaml an empty string.
        if isinstance(node, yaml.ScalarNode) and not node.style:
            self.raw_text[location] = node.value
            # YAML 1.1 reads 18:00 as the number 64800; a clock time was meant.
            if isinstance(value, int) and not isinstance(value, bool) and ":" in node.value:
                value = node.value
        return value


def _scan(text: str, loader_class: type, path: str) -> None:
    """Walk the file's YAML events once, before anything is built: refuse aliases, tags other than the plain
    scalar types, nesting deeper than MAX_DEPTH and texts longer than MAX_TEXT_CHARS (each at its line)."""
    depth = 0
    for event in yaml.parse(text, Loader=loader_class):
        # The parser marks every event; the stubs allow an event without a mark.
        line = event.start_mark.line + 1 if event.start_mark is not None else 1
        if isinstance(event, yaml.AliasEvent):
            # An alias repeats a block by reference: nine aliases of nine aliases make a billion texts.
            raise DataError([_problem(path, line, "alias", name=event.anchor)])
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in PLAIN_TAGS and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            # Shown as written: `!!binary`, not `tag:yaml.org,2002:binary`.
            raise DataError([_problem(path, line, "tag", tag=tag.replace("tag:yaml.org,2002:", "!!"))])
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError([_problem(path, line, "too_deep", limit=MAX_DEPTH)])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_TEXT_CHARS:
            raise DataError([_problem(path, line, "text_too_long", length=f"{len(event.value):,}",
                                      limit=f"{MAX_TEXT_CHARS:,}")])


def _compose(text: str, loader_class: type) -> tuple[yaml.Node | None, yaml.SafeLoader]:
    loader = loader_class(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def read_text(path: Path, display_path: str) -> str:
    """The file's text; DataError for a folder or special file in its place, a file too large or unreadable,
    or bytes that are not UTF-8 (with the line of the first such byte)."""
    try:
        status = path.stat()
    except OSError as error:
        raise DataError([_loading(display_path, "unreadable", reason=error.strerror or error)]) from None
    if stat.S_ISDIR(status.st_mode):
        raise DataError([_loading(display_path, "is_folder")])
    if not stat.S_ISREG(status.st_mode):
        # A named pipe would block the reader for ever; a device could be endless.
        raise DataError([_loading(display_path, "special_file")])
    if status.st_size > MAX_FILE_BYTES:
        raise DataError([_loading(display_path, "too_large", size=f"{status.st_size / 1024 / 1024:.1f}",
                                  limit=f"{MAX_FILE_BYTES // 1024 // 1024}")])
    try:
        # O_NONBLOCK: if the file was swapped for a pipe since the check above, opening it does not wait.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DataError([_loading(display_path, "unreadable", reason=error.strerror or error)]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataError([_problem(display_path, line, "not_utf8", byte=f"0x{data[error.start]:02X}")]) from None


def _loading(path: str, name: str, /, **values: object) -> Problem:
    """A problem with the file itself (not its YAML), from `messages.loading`, with its hint."""
    return Problem(path, 0, Message.of(f"loading.{name}", **values), hint=Message.of(f"loading.{name}_hint"))


def read_yaml(path: Path, display_path: str) -> SourceFile:
    """Read one YAML file; raise DataError with plain-language messages for any syntax problem or limit."""
    text = read_text(path, display_path)
    try:
        _scan(text, _Loader, display_path)
    except yaml.YAMLError:
        # The messages are built from the pure-Python parser's wording, so a broken file is read again with it.
        try:
            _scan(text, yaml.SafeLoader, display_path)
        except yaml.YAMLError as error:
            raise DataError([_syntax_problem(display_path, error, text)]) from None
    try:
        node, loader = _compose(text, _Loader)
    except yaml.YAMLError as error:
        raise DataError([_syntax_problem(display_path, error, text)]) from None
    if node is None:
        raise DataError([_problem(display_path, 1, "empty_file")])
    reader = _Reader(display_path, loader)
    try:
        data = reader.build(node, ())
    except yaml.YAMLError as error:
        raise DataError([_syntax_problem(display_path, error, text)]) from None
    if reader.problems:
        raise DataError(reader.problems)
    return SourceFile(display_path, data, reader.lines, reader.raw_text, reader.text_lines, str(path))
