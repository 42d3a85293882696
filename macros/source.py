"""Read YAML files into plain Python data while keeping the line of every key and item."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, cast

import yaml

from .errors import DataError, Message, Problem

Location = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (about five times faster), the pure-Python one otherwise.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits on what one data file may hold: far above any real handbook (the sample's largest file is 30 KB, 5,000
# contacts take 3 MB, the longest text is 2,000 characters, the deepest nesting 8), low enough that no file can
# exhaust memory or time.
MAX_FILE_BYTES = 8 * 1024 * 1024
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
    # Where the file is on disk (`path` is how messages name it, relative to the data folder's parent).
    real_path: str = ""
    # The file's text and parser: every location's line and raw text are worked out again from them only when
    # asked for (translations written back, messages quoting a value as written).
    text: str = field(default="", repr=False)
    parser: type = field(default=yaml.SafeLoader, repr=False, compare=False)
    # The line of each key and item as read, beside each mapping and list of `data` (by id), and of the whole.
    spots: dict[int, Any] = field(default_factory=dict, repr=False, compare=False)
    first_line: int = 1
    _positions: tuple[dict[Location, int], dict[Location, str], dict[Location, int]] | None = field(
        default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        # Ids do not survive pickling (a build's worker processes): there the lines come from the text.
        return {**self.__dict__, "spots": {}}

    @property
    def lines(self) -> dict[Location, int]:
        """The line of every key and item, by location."""
        return self._located()[0]

    @property
    def raw_text(self) -> dict[Location, str]:
        """Every plain scalar exactly as written, by location."""
        return self._located()[1]

    @property
    def text_lines(self) -> dict[Location, int]:
        """The line where each text's first line stands (the line after `answer: |` for a block), by location."""
        return self._located()[2]

    def _located(self) -> tuple[dict[Location, int], dict[Location, str], dict[Location, int]]:
        if self._positions is None:
            node, loader = _compose(self.text, self.parser)
            reader = _Reader(self.path, loader)
            if node is not None:
                reader.walk(node, ())
            self._positions = (reader.lines, reader.raw_text, reader.text_lines)
        return self._positions

    def line_of(self, location: Location) -> int:
        """The line of the location, or of its nearest enclosing one that exists in the file."""
        if not self.spots:
            lines = self.lines
            location = tuple(location)
            while location not in lines and location:
                location = location[:-1]
            return lines.get(location, 1)
        line, value = self.first_line, self.data
        for part in location:
            spots = self.spots.get(id(value))
            if isinstance(spots, list) and not (isinstance(part, int) and 0 <= part < len(spots)):
                break
            try:
                line = spots[part]  # type: ignore[index]
            except (KeyError, TypeError):
                break
            value = value[part]
        return line

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
    """Walks a composed YAML node tree recording the line of every location and the text of plain scalars."""

    def __init__(self, path: str, loader: yaml.SafeLoader):
        self.path = path
        self.loader = loader
        self.lines: dict[Location, int] = {}
        self.raw_text: dict[Location, str] = {}
        self.text_lines: dict[Location, int] = {}

    def walk(self, node: yaml.Node, location: Location) -> None:
        self.lines.setdefault(location, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = _key(self.loader.construct_object(key_node, deep=True))
                # A duplicate key is an error when the file is read; its first value is the one kept.
                if key in seen:
                    continue
                seen.add(key)
                child = (*location, key)
                self.lines[child] = key_node.start_mark.line + 1
                self.walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*location, index))
        elif isinstance(node, yaml.ScalarNode):
            self.text_lines[location] = node.start_mark.line + 1 + (1 if node.style in ("|", ">") else 0)
            # A plain scalar: PyYAML says style None, libyaml an empty string.
            if not node.style:
                self.raw_text[location] = node.value


def _key(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


class _DataReading:
    """What the handbook's loader adds to PyYAML's safe constructor: the line of every key and item, kept beside
    each mapping and list it builds (cheap; the old walk recording every location was half of `check`); a
    duplicate key is a problem (the first value is kept); every key is text; a plain 18:00 stays the clock
    time (YAML 1.1 reads the number 64800)."""

    problems: list[Problem]
    display_path: str
    spots: dict[int, Any]

    def construct_yaml_map(self, node: yaml.MappingNode) -> Iterator[dict[str, Any]]:
        data: dict[str, Any] = {}
        yield data
        self.flatten_mapping(node)  # type: ignore[attr-defined]
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _key(self.construct_object(key_node, deep=True))  # type: ignore[attr-defined]
            if key in lines:
                self.problems.append(_problem(self.display_path, key_node.start_mark.line + 1, "duplicate_key", key=key))
                continue
            lines[key] = key_node.start_mark.line + 1
            data[key] = self.construct_object(value_node)  # type: ignore[attr-defined]
        self.spots[id(data)] = lines

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Iterator[list[Any]]:
        data: list[Any] = []
        yield data
        data.extend(self.construct_object(child) for child in node.value)  # type: ignore[attr-defined]
        self.spots[id(data)] = [child.start_mark.line + 1 for child in node.value]

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        if not node.style and ":" in node.value:
            return node.value
        return super().construct_yaml_int(node)  # type: ignore[misc]

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except (ValueError, TypeError, OverflowError):
            # `2026-02-30` looks like a date but is none: kept as written, the field's check names it.
            return node.value


@lru_cache(maxsize=None)
def _data_loader(parser: type) -> type:
    """`parser` (libyaml's or PyYAML's) constructing the handbook's data as described in _DataReading."""
    loader = cast(type[yaml.SafeLoader], type(f"Data{parser.__name__}", (_DataReading, parser), {}))
    for tag, construct in (("int", _DataReading.construct_yaml_int), ("map", _DataReading.construct_yaml_map),
                           ("seq", _DataReading.construct_yaml_seq),
                           ("timestamp", _DataReading.construct_yaml_timestamp)):
        loader.add_constructor(f"tag:yaml.org,2002:{tag}", construct)  # type: ignore[type-var]
    return loader


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


class _LeftToFullReading(Exception):
    """The file holds something the quick reading does not build itself (see _read_plain)."""


_STR_TAG = "tag:yaml.org,2002:str"
# What a plain scalar may resolve to in the quick reading; a merge key (`<<`) or `=` is left to the full one.
_BUILT_TAGS = PLAIN_TAGS | {"tag:yaml.org,2002:timestamp"}


def _read_plain(text: str, parser: type) -> tuple[Any, dict[int, Any], int] | None:
    """The data, the lines beside each mapping and list, and the first line of a file of plain YAML, built
    straight from the parser's events in one pass (composing nodes first costs more than the whole rest).

    None when the file holds anything else: an alias, anchor or tag, a merge key (`<<`), a key that is a mapping
    or list, a duplicate key, nesting deeper than MAX_DEPTH, a text longer than MAX_TEXT_CHARS, no document or
    more than one, a syntax error. The full reading (_scan, compose, construct) then reads the file and names
    the problem exactly as it always has."""
    loader = _data_loader(parser)(text)
    try:
        return _build_from_events(loader)
    except (yaml.YAMLError, _LeftToFullReading):
        return None
    finally:
        loader.dispose()


def _build_from_events(loader: Any) -> tuple[Any, dict[int, Any], int]:
    """What _DataReading's constructors build from the composed nodes, built from the events (see _read_plain)."""
    constructors = loader.yaml_constructors
    get_event, resolve = loader.get_event, loader.resolve
    # Local names: the loop runs once per key, value and item of every file, and a module attribute costs more.
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    # The tag of each plain text met so far: the same keys and words recur on every record of a file.
    tag_of: dict[str, str] = {}
    spots: dict[int, Any] = {}
    # The open mappings and lists around the current one, each with its lines and the key awaiting its value.
    outer: list[tuple[Any, Any, str | None]] = []
    container: Any = None
    lines: Any = None
    new_lines: Any = None
    key: str | None = None
    root: Any = None
    first_line = 0
    documents = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event or kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None:
                raise _LeftToFullReading
            if kind is scalar_event:
                value = event.value
                if len(value) > MAX_TEXT_CHARS:
                    raise _LeftToFullReading
                if event.implicit[0]:
                    tag = tag_of.get(value) or tag_of.setdefault(value, resolve(yaml.ScalarNode, value, event.implicit))
                    if tag != _STR_TAG:
                        if tag not in _BUILT_TAGS:
                            raise _LeftToFullReading
                        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
                        value = constructors[tag](loader, node)
            else:
                if len(outer) >= MAX_DEPTH:
                    raise _LeftToFullReading
                value, new_lines = ({}, {}) if kind is mapping_start else ([], [])
                spots[id(value)] = new_lines
            # Only a mapping has a key awaiting its value; the value's line is not kept (its key's is).
            if key is not None:
                container[key] = value
                key = None
            elif container is None:
                root, first_line = value, event.start_mark.line + 1
            elif isinstance(lines, list):
                container.append(value)
                lines.append(event.start_mark.line + 1)
            elif kind is scalar_event:
                key = _key(value)
                if key in lines:
                    raise _LeftToFullReading
                lines[key] = event.start_mark.line + 1
            else:
                raise _LeftToFullReading
            if kind is not scalar_event:
                outer.append((container, lines, key))
                container, lines, key = value, new_lines, None
        elif kind is mapping_end or kind is sequence_end:
            container, lines, key = outer.pop()
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _LeftToFullReading
        elif kind is yaml.StreamEndEvent:
            if not documents:
                raise _LeftToFullReading
            return root, spots, first_line
        elif kind is not yaml.StreamStartEvent and kind is not yaml.DocumentEndEvent:
            raise _LeftToFullReading


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
    plain = _read_plain(text, _Loader)
    if plain is not None:
        data, spots, first_line = plain
        return SourceFile(display_path, data, str(path), text, _Loader, spots, first_line)
    return _read_in_full(text, path, display_path)


def _read_in_full(text: str, path: Path, display_path: str) -> SourceFile:
    """Read a file by scanning its events for the limits, composing its nodes and constructing the data: slower
    than _read_plain, and it names every problem."""
    parser = _Loader
    try:
        _scan(text, parser, display_path)
    except yaml.YAMLError:
        # The messages are built from the pure-Python parser's wording, so a broken file is read again with it.
        parser = yaml.SafeLoader
        try:
            _scan(text, parser, display_path)
        except yaml.YAMLError as error:
            raise DataError([_syntax_problem(display_path, error, text)]) from None
    try:
        node, loader = _compose(text, _data_loader(parser))
    except yaml.YAMLError as error:
        raise DataError([_syntax_problem(display_path, error, text)]) from None
    if node is None:
        raise DataError([_problem(display_path, 1, "empty_file")])
    # The loader was made from _DataReading by _data_loader.
    reading = cast(_DataReading, loader)
    reading.problems, reading.display_path, reading.spots = [], display_path, {}
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise DataError([_syntax_problem(display_path, error, text)]) from None
    if reading.problems:
        raise DataError(reading.problems)
    return SourceFile(display_path, data, str(path), text, parser, reading.spots, node.start_mark.line + 1)
