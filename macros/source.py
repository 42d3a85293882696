"""Read YAML files into plain Python data while keeping the line of every key and item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Message, Problem

Location = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (about five times faster), the pure-Python one otherwise.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.1 turns these words into true/false; editors rarely mean that in a text field.
BOOLEAN_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


@dataclass
class SourceFile:
    """The data of one YAML file with the line (1-based) of each location in it."""

    path: str
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    raw_text: dict[Location, str] = field(default_factory=dict)
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


def _syntax_problem(path: str, error: yaml.YAMLError, text: str) -> Problem:
    """Turn a PyYAML error into a plain-language problem at the right line."""
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


def _problem(path: str, line: int, name: str, /, **values: str) -> Problem:
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
        value = self.loader.construct_object(node, deep=True)
        # A plain scalar: PyYAML says style None, libyaml an empty string.
        if isinstance(node, yaml.ScalarNode) and not node.style:
            self.raw_text[location] = node.value
            # YAML 1.1 reads 18:00 as the number 64800; a clock time was meant.
            if isinstance(value, int) and not isinstance(value, bool) and ":" in node.value:
                value = node.value
        return value


def _compose(text: str, loader_class: type) -> tuple[yaml.Node | None, yaml.SafeLoader]:
    loader = loader_class(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def read_yaml(path: Path, display_path: str) -> SourceFile:
    """Read one YAML file; raise DataError with plain-language messages for any syntax problem."""
    text = path.read_text(encoding="utf-8")
    try:
        node, loader = _compose(text, _Loader)
    except yaml.YAMLError:
        # The messages are built from the pure-Python parser's wording, so a broken file is read again with it.
        try:
            node, loader = _compose(text, yaml.SafeLoader)
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
    return SourceFile(display_path, data, reader.lines, reader.raw_text, str(path))
