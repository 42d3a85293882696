"""The fast libyaml parser and the pure-Python one read every data file identically, lines included."""

from __future__ import annotations

import pytest
import yaml
from conftest import MINIMAL, SAMPLE

from macros import source

FILES = sorted(SAMPLE.rglob("*.yml")) + sorted(MINIMAL.rglob("*.yml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_parsers_give_the_same_data_and_lines(path, monkeypatch):
    """Data, line numbers and the text as written agree between yaml.CSafeLoader and yaml.SafeLoader."""
    fast = source.read_yaml(path, path.name)
    monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    slow = source.read_yaml(path, path.name)
    assert (fast.data, fast.lines, fast.raw_text) == (slow.data, slow.lines, slow.raw_text)


def test_libyaml_is_used_when_available():
    """PyYAML's wheels bundle libyaml; the loader picks it."""
    assert source._Loader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize("path", FILES[:8] + [p for p in FILES if p.name == "contacts.yml"],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lines_noted_while_reading_are_the_lines_of_the_walk(path):
    """The line of every location as noted while constructing the data is the one the full walk finds."""
    read = source.read_yaml(path, path.name)
    walked = source.SourceFile(read.path, read.data, text=read.text, parser=read.parser)
    assert read.spots and not walked.spots
    for location, line in walked.lines.items():
        assert read.line_of(location) == line, location
    assert read.line_of(("no such key",)) == walked.line_of(("no such key",))
